/**
 * Shows how the checker read the reader's input: as plain text (the `readAs`
 * line, also what screen readers hear) and as a MathML node tree that ui.js
 * turns into elements. Pure, no DOM.
 *
 * Both printers put parentheses where precedence needs them, and also where
 * a product meets a quotient ((1/2)·x, x/(2·y)): the point of the preview is
 * to make an ambiguous reading visible.
 */

const PREC = { '+': 1, '-': 1, '*': 2, '/': 2, neg: 3, '^': 4, T: 5 }
const prec = a => PREC[a.t] ?? 6

/** Does `child`, as operand `side` ('a' or 'b') of `parent`, need parentheses? */
function parens(child, parent, side) {
  const c = prec(child)
  switch (parent.t) {
    case 'neg': return c <= 1
    case 'T': return c < 6
    case '^': return side === 'a' ? c <= 5 : false
    default: {
      const p = prec(parent)
      if (child.t === 'neg') return side === 'b' || p === 2
      if (c < p) return true
      if (c > p) return false
      if (side === 'b' && (parent.t === '-' || parent.t === '/')) return true
      return p === 2 && child.t !== parent.t
    }
  }
}

/**
 * Plain text of a tree, e.g. "(1/2)·x", "x^T·A", "||x||".
 * @param {object} ast a tree from core.js
 * @returns {string}
 */
export function toText(ast) {
  const sub = (child, side) => (parens(child, ast, side) ? `(${toText(child)})` : toText(child))
  switch (ast.t) {
    case 'num': return String(ast.v)
    case 'const': return ast.name === 'pi' ? 'π' : ast.name
    case 'sym': return ast.name
    case 'neg': return `-${sub(ast.a, 'a')}`
    case 'T': return `${sub(ast.a, 'a')}^T`
    case '+': case '-': return `${sub(ast.a, 'a')} ${ast.t} ${sub(ast.b, 'b')}`
    case '*': return `${sub(ast.a, 'a')}·${sub(ast.b, 'b')}`
    case '/': return `${sub(ast.a, 'a')}/${sub(ast.b, 'b')}`
    case '^': {
      const e = toText(ast.b)
      return `${sub(ast.a, 'a')}^${prec(ast.b) < 6 || e.startsWith('-') ? `(${e})` : e}`
    }
    case 'call': {
      const args = ast.args.map(toText).join(', ')
      if (ast.fn === 'norm') return `||${args}||`
      if (ast.fn === 'abs') return `|${args}|`
      return `${ast.fn}(${args})`
    }
    case 'mat': return `[${ast.rows.map(r => r.map(toText).join(', ')).join('; ')}]`
    default: return '?'
  }
}

// --- MathML ----------------------------------------------------------------

const el = (tag, children, attrs) => ({ tag, children, ...(attrs && { attrs }) })
const leaf = (tag, text, attrs) => ({ tag, text, ...(attrs && { attrs }) })
const mo = text => leaf('mo', text)
const row = (...children) => el('mrow', children)
const fenced = (x, open = '(', close = ')') => row(mo(open), x, mo(close))

/** Bold upright letters for vectors and matrices, as \mathbf on the site. */
function bold(name) {
  return [...name].map(c => {
    const k = c.charCodeAt(0)
    if (k >= 65 && k <= 90) return String.fromCodePoint(0x1d400 + k - 65)
    if (k >= 97 && k <= 122) return String.fromCodePoint(0x1d41a + k - 97)
    return c
  }).join('')
}

function symbol(name, names) {
  const [base, index] = name.split(/_(.*)/)
  const isBold = names[name] === 'vector' || names[name] === 'matrix'
  const mi = isBold ? leaf('mi', bold(base), { mathvariant: 'normal' }) : leaf('mi', base)
  if (index === undefined) return mi
  return el('msub', [mi, leaf(/^\d+$/.test(index) ? 'mn' : 'mi', index)])
}

/** The leftmost leaf, to see if an implicit product would glue two numbers. */
const first = a => (a.a ? first(a.a) : a)

function mathml(ast, names) {
  const m = a => mathml(a, names)
  const sub = (child, side) => (parens(child, ast, side) ? fenced(m(child)) : m(child))
  switch (ast.t) {
    case 'num': return leaf('mn', String(ast.v))
    case 'const': return leaf('mi', ast.name === 'pi' ? 'π' : 'e')
    case 'sym': return symbol(ast.name, names)
    case 'neg': return row(mo('−'), sub(ast.a, 'a'))
    case 'T': return el('msup', [sub(ast.a, 'a'), leaf('mi', '⊤', { mathvariant: 'normal' })])
    case '+': return row(sub(ast.a, 'a'), mo('+'), sub(ast.b, 'b'))
    case '-': return row(sub(ast.a, 'a'), mo('−'), sub(ast.b, 'b'))
    case '*': {
      // Implicit products stay implicit (2x, x^T(A+A^T)) unless a number
      // would follow a factor directly: x 2 must not show as "x2".
      const glue = ast.implicit && (parens(ast.b, ast, 'b') || first(ast.b).t !== 'num')
      return row(sub(ast.a, 'a'), mo(glue ? '\u2062' : '·'), sub(ast.b, 'b'))
    }
    case '/': return el('mfrac', [m(ast.a), m(ast.b)])
    case '^': return el('msup', [sub(ast.a, 'a'), m(ast.b)])
    case 'call': {
      const [a] = ast.args
      if (ast.fn === 'sqrt') return el('msqrt', [m(a)])
      if (ast.fn === 'norm') return fenced(m(a), '‖', '‖')
      if (ast.fn === 'abs') return fenced(m(a), '|', '|')
      const args = ast.args.flatMap((x, i) => (i ? [mo(','), m(x)] : [m(x)]))
      return row(leaf('mi', ast.fn), mo('\u2061'), fenced(row(...args)))
    }
    case 'mat': {
      const table = el('mtable', ast.rows.map(r => el('mtr', r.map(x => el('mtd', [m(x)])))))
      return fenced(table, '[', ']')
    }
    default: return leaf('merror', '?')
  }
}

/**
 * MathML node tree of a tree: {tag, text?, attrs?, children?}, root `math`.
 * @param {object} ast a tree from core.js
 * @param {Object<string, string>} names the data's names and their kinds
 * @returns {object}
 */
export function toMathML(ast, names) {
  return el('math', [mathml(ast, names)])
}

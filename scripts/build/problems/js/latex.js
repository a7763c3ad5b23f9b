/**
 * Rewrites what a reader types (plain text, phone Unicode or LaTeX) into the
 * syntax mathjs parses, keeping for every output character the index of the
 * input character it came from, so that a parse error can point at the
 * reader's own text and not at our rewrite of it.
 *
 * Pure string work, no DOM, no mathjs: importable under node.
 */

/** An input the reader must fix; `pos` is an index into the reader's input. */
export class ReadError extends Error {
  constructor(message, pos) {
    super(message)
    this.pos = pos
  }
}

/** Collects output text and, per output character, its source index. */
class Out {
  constructor() {
    this.chars = []
    this.src = []
  }
  push(text, at) {
    for (const c of text) {
      this.chars.push(c)
      this.src.push(at)
    }
  }
}

// ---------------------------------------------------------------------------
// Stage 1: what a phone keyboard or a copy from a PDF gives.
const UNICODE = {
  '·': '*', '⋅': '*', '∙': '*', '×': '*', '∗': '*', '÷': '/',
  '−': '-', '–': '-', '—': '-',
  'ᵀ': '^T', '‖': '||', 'π': ' pi ', '√': 'sqrt',
  '（': '(', '）': ')', '，': ',', '；': ';', '［': '[', '］': ']',
  '｛': '{', '｝': '}', '　': ' ', '＼': '\\', '$': ' ',
}
const SUPER = '⁰¹²³⁴⁵⁶⁷⁸⁹⁻'

function unicode(s) {
  const out = new Out()
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (SUPER.includes(c)) {
      // A run of superscripts is one exponent: x⁻¹ -> x^(-1)
      let j = i
      let exp = ''
      while (j < s.length && SUPER.includes(s[j])) {
        const k = SUPER.indexOf(s[j++])
        exp += k === 10 ? '-' : String(k)
      }
      out.push(`^(${exp})`, i)
      i = j - 1
    } else if (c in UNICODE) {
      out.push(UNICODE[c], i)
    } else if (c >= '！' && c <= '～') {
      // Full-width ASCII (a Chinese IME left in full-width mode).
      out.push(String.fromCharCode(c.charCodeAt(0) - 0xfee0), i)
    } else {
      out.push(c, i)
    }
  }
  return out
}

// ---------------------------------------------------------------------------
// Stage 2: LaTeX. A small recursive scanner: braces become parentheses,
// \frac{a}{b} becomes ((a)/(b)), matrices become [a, b; c, d].
const DROP = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr',
  'Bigl', 'Bigr', 'displaystyle', 'textstyle', 'limits'])
const FUNCS = new Set(['ln', 'log', 'exp', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh'])
const WRAP = new Set(['mathbf', 'boldsymbol', 'bm', 'vec', 'mathrm', 'mathit',
  'operatorname', 'text', 'textbf', 'mathbb'])
const SIMPLE = {
  cdot: '*', times: '*', ast: '*', div: '/', top: 'T', intercal: 'T', pi: ' pi ',
  lVert: '||', rVert: '||', Vert: '||', lvert: '|', rvert: '|', vert: '|',
  lbrack: '[', rbrack: ']', lparen: '(', rparen: ')',
}
const SPACES = ',;:! '
const MATRICES = new Set(['bmatrix', 'pmatrix', 'matrix', 'Bmatrix', 'smallmatrix'])

function latex(src, map) {
  const out = new Out()
  let i = 0
  let depth = 0 // open matrix environments
  const at = k => map[Math.min(k, map.length - 1)]

  // Reads `\name` at i (i on the backslash); returns the name ('' for \ + symbol).
  const command = () => {
    let j = i + 1
    while (j < src.length && /[A-Za-z]/.test(src[j])) j++
    const name = j > i + 1 ? src.slice(i + 1, j) : ''
    return [name, name ? j : i + 2]
  }
  const skipSpace = () => { while (src[i] === ' ') i++ }
  // One TeX argument: {…} or a single character / command; emitted in parens.
  const group = (open = '(', close = ')') => {
    skipSpace()
    if (src[i] === '{') {
      const start = i++
      out.push(open, at(start))
      scan('}')
      if (src[i] !== '}') throw new ReadError('这里的 { 没有对应的 }。', at(start))
      out.push(close, at(i++))
    } else if (i < src.length) {
      out.push(open, at(i))
      if (src[i] === '\\') one()
      else out.push(src[i], at(i++))
      out.push(close, at(i - 1))
    } else {
      throw new ReadError('LaTeX 命令后面缺少参数。', at(i))
    }
  }
  // The text of a braced argument, e.g. the environment name of \begin{…}.
  const word = () => {
    skipSpace()
    const m = /^\{\s*([A-Za-z0-9*]+)\s*\}/.exec(src.slice(i))
    if (!m) throw new ReadError('这里需要形如 {…} 的参数。', at(i))
    i += m[0].length
    return m[1]
  }

  // Handles one backslash command at i.
  const one = () => {
    const start = i
    const [name, end] = command()
    i = end
    if (!name) {
      const c = src[start + 1]
      if (c === '|') out.push('||', at(start))
      else if (SPACES.includes(c)) out.push(' ', at(start))
      else if (c === '{' || c === '}') out.push(c === '{' ? '(' : ')', at(start))
      else if (c === '\\' && depth) out.push('],[', at(start)) // next matrix row
      else if (c === '\\') throw new ReadError('\\\\ 只能用在矩阵里。', at(start))
      else throw new ReadError(`不认识 LaTeX 符号 \\${c ?? ''}。`, at(start))
    } else if (DROP.has(name)) {
      skipSpace()
      if (src[i] === '.') i++ // \left. has no delimiter
    } else if (name in SIMPLE) {
      out.push(SIMPLE[name], at(start))
    } else if (FUNCS.has(name)) {
      out.push(` ${name}`, at(start))
    } else if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      out.push('(', at(start))
      group()
      out.push('/', at(start))
      group()
      out.push(')', at(start))
    } else if (name === 'sqrt') {
      skipSpace()
      if (src[i] === '[') throw new ReadError('暂不支持 \\sqrt[n]{…}，请写成 (…)^(1/n)。', at(i))
      out.push('sqrt', at(start))
      group()
    } else if (WRAP.has(name)) {
      group(' ', '') // \mathbf{x} -> " x": no parens, so \mathbf{x}_1 stays x_1
    } else if (name === 'begin' || name === 'end') {
      const env = word()
      if (!MATRICES.has(env)) throw new ReadError(`不支持 LaTeX 环境 ${env}。`, at(start))
      // Rows are explicit, [[a, b],[c, d]], so a one-row bmatrix is a row.
      depth += name === 'begin' ? 1 : -1
      out.push(name === 'begin' ? '[[' : ']]', at(start))
    } else {
      throw new ReadError(`不认识 LaTeX 命令 \\${name}。`, at(start))
    }
  }

  // Copies src from i until `stop` (not consumed) or the end.
  function scan(stop) {
    while (i < src.length && src[i] !== stop) {
      const c = src[i]
      if (c === '\\') {
        one()
      } else if (c === '{') {
        group()
      } else if (c === '}') {
        throw new ReadError('多了一个 }。', at(i))
      } else if (c === '&') {
        out.push(',', at(i++))
      } else if (c === '_' && src[i + 1] === '{') {
        // x_{1} -> x_1: a subscript is part of the name, not a product.
        const m = /^_\{\s*([A-Za-z0-9]+)\s*\}/.exec(src.slice(i))
        if (!m) throw new ReadError('下标里只能写字母或数字，如 x_{1}。', at(i))
        out.push(`_${m[1]}`, at(i))
        i += m[0].length
      } else {
        out.push(c, at(i++))
      }
    }
  }
  scan(undefined)
  return out
}

// ---------------------------------------------------------------------------
// Stage 3: ASCII conventions mathjs does not have.
const OPERAND_END = /[A-Za-z0-9_)\]'.]/

/**
 * `**` -> `^`; `||x||` -> `norm(x)` and `|x|` -> `abs(x)`; `(a, b)` -> `[a, b]`
 * (a parenthesis with a top-level comma that is not a function call);
 * `^T`, `^(T)` -> `'` (mathjs's transpose), unless the problem has a name T:
 * done here, not on the tree, because mathjs would read `x^T(A+A^T)` as x to
 * the power of a call T(…) and `A^Tx` as A to the power of a name Tx.
 */
function ascii(src, map, names) {
  const out = new Out()
  const bars = [] // open `|` / `||`, for matching
  const parens = [] // open ( and [ in `out`
  let prev = '' // last non-space output character
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    const at = map[i]
    const transpose = c === '^' && !('T' in names) && /^\^\s*(\(\s*T\s*\)|T)/.exec(src.slice(i))
    if (transpose) {
      out.push("'", at)
      i += transpose[0].length - 1
    } else if (c === '*' && src[i + 1] === '*') {
      out.push('^', at)
      i++
    } else if (c === '|') {
      const kind = src[i + 1] === '|' ? '||' : '|'
      const closes = bars.length && bars[bars.length - 1] === kind && OPERAND_END.test(prev)
      if (closes) {
        bars.pop()
        out.push(')', at)
        i += kind.length - 1
        // ||x||_2 is the same norm; other subscripts are not offered.
        // (A parenthesis is taken only with its own opening one: in \frac{x}{\|x\|_2} the
        // `)` after _2 closes the denominator.)
        const m = kind === '||' && /^\s*_\s*(?:\(\s*(\w+)\s*\)|(\w+))/.exec(src.slice(i + 1))
        if (m) {
          if ((m[1] ?? m[2]) !== '2') throw new ReadError('这里只支持 2-范数 ||x||_2。', at)
          i += m[0].length
        }
      } else {
        bars.push(kind)
        out.push(kind === '||' ? 'norm(' : 'abs(', at)
        i += kind.length - 1
      }
    } else if (c === '(' || c === '[') {
      // A call if a name (not a number) ends right before it: f(…), norm(…)
      const before = out.chars.join('').match(/[A-Za-z_][A-Za-z0-9_]*\s*$/)
      parens.push({ at: out.chars.length, call: c === '[' || !!before, comma: false })
      out.push(c, at)
    } else if (c === ')' || c === ']') {
      const open = parens.pop()
      if (open && !open.call && open.comma && c === ')') {
        out.chars[open.at] = '['
        out.push(']', at)
      } else {
        out.push(c, at)
      }
    } else {
      if (c === ',' && parens.length) parens[parens.length - 1].comma = true
      out.push(c, at)
    }
    if (c !== ' ') prev = out.chars[out.chars.length - 1] ?? ''
  }
  if (bars.length) {
    const open = bars[bars.length - 1]
    throw new ReadError(`${open} 没有配对：范数写成 ||x||，绝对值写成 |x|。`, map[src.lastIndexOf(open[0])])
  }
  return out
}

/**
 * Rewrites the reader's input into mathjs syntax.
 * @param {string} input what the reader typed
 * @param {Object<string, string>} names the problem's names (only `T` matters here)
 * @returns {{text: string, src: number[]}} the text for mathjs, and for each of
 *   its characters the index in `input` it came from (plus one entry for the end)
 * @throws {ReadError} on LaTeX that cannot be read, with the position
 */
export function preprocess(input, names = {}) {
  let out = unicode(input)
  let map = out.src
  out = latex(out.chars.join(''), [...map, input.length])
  map = out.src
  out = ascii(out.chars.join(''), [...map, input.length], names)
  return { text: out.chars.join(''), src: [...out.src, input.length] }
}

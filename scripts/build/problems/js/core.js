/**
 * The answer checker's logic: read the reader's input, evaluate it at the
 * build's sample points, compare with the expected values and the usual
 * mistakes, and say so in Chinese. Pure (no DOM): node runs it in tests and
 * in judge-cli.mjs, the browser in ui.js.
 *
 * mathjs only parses and does the matrix arithmetic; this file walks the tree
 * itself so that every rule of the problem statement is ours to state: names
 * are the data block's names only, vectors are columns, shapes must agree
 * (no broadcasting), and whatever we read in a way the reader might not have
 * meant is written into `notes`.
 */
import { math } from './math.js'
import { preprocess, ReadError } from './latex.js'
import { toText, toMathML } from './render.js'

export { ReadError }

/** Scalar functions the reader may call (ln is log). */
const SCALAR_FUNCS = {
  exp: Math.exp, log: Math.log, ln: Math.log, sqrt: Math.sqrt, abs: Math.abs,
  sin: Math.sin, cos: Math.cos, tan: Math.tan, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
}
const FUNC_NAMES = new Set([...Object.keys(SCALAR_FUNCS), 'norm', 'transpose'])
const CONSTANTS = { e: Math.E, pi: Math.PI }

const SHAPE_NAMES = {
  scalar: '标量（一个数）', column: '列向量（n×1）', row: '行向量（1×n）', matrix: '矩阵',
}

// ---------------------------------------------------------------------------
// Reading: text -> mathjs tree -> our small tree (AST).
//   {t:'num', v} {t:'const', name} {t:'sym', name}
//   {t:'+'|'-'|'*'|'/'|'^', a, b, implicit?} {t:'neg', a} {t:'T', a}
//   {t:'call', fn, args} {t:'mat', rows, commas?}

/** Why an expression cannot be read; `pos` indexes the reader's input if known. */
function fail(message, pos) {
  throw new ReadError(message, pos)
}

/** Chinese for the mathjs syntax errors a reader can cause. */
function parseMessage(err) {
  const m = err.message.replace(/\s*\(char \d+\)$/, '')
  if (/^Unexpected end of expression/.test(m)) return '表达式没有写完。'
  if (/^Value expected/.test(m)) return '这里缺少一个数或变量。'
  if (/^Parenthesis \) expected/.test(m)) return '缺少右括号 )。'
  if (/^Parenthesis \] expected/.test(m)) return '缺少右方括号 ]。'
  if (/^Unexpected operator/.test(m)) return '多余的运算符。'
  if (/^Unexpected part/.test(m)) return '无法读取这一部分，是否缺少运算符？'
  if (/^Syntax error in part/.test(m)) return '无法读取这一部分。'
  if (/^Unexpected type of argument|Dimension mismatch/.test(m)) return '方括号里每一行的长度要一样。'
  return '无法读取。'
}

/** Splits an unknown name into known ones: `Ax` -> [A, x], `x_1x_2` -> [x_1, x_2]. */
function split(name, known) {
  // parts[k]: the shortest split of name.slice(0, k), by dynamic programming.
  const parts = [[]]
  for (let end = 1; end <= name.length; end++) {
    for (let start = 0; start < end; start++) {
      const piece = parts[start] && known(name.slice(start, end))
      if (piece && (!parts[end] || parts[end].length > parts[start].length + 1)) {
        parts[end] = [...parts[start], piece]
      }
    }
  }
  const best = parts[name.length]
  return best && best.length > 1 ? best : null
}

/** Reads mathjs nodes into our tree, applying the naming and ambiguity rules. */
class Reader {
  constructor(names) {
    this.names = names
    this.notes = []
  }

  /** The data's name for `name`, allowing x1 for x_1 when x_1 exists. */
  known = name => {
    if (name in this.names) return name
    const m = /^([A-Za-z]+)(\d+)$/.exec(name)
    if (m && `${m[1]}_${m[2]}` in this.names) return `${m[1]}_${m[2]}`
    return null
  }

  note(text) {
    if (!this.notes.includes(text)) this.notes.push(text)
  }

  unknown(name) {
    const list = Object.keys(this.names).join('、')
    let hint = `这道题里可以用的名字：${list}。`
    const m = /^([A-Za-z]+)(\d+)$/.exec(name)
    if (m && this.known(m[1])) {
      hint += `如果想写 ${m[1]} 的平方，请写 ${m[1]}^${m[2]}；如果是乘法，请写 ${m[2]}${m[1]}。`
    }
    fail(`不认识的名字“${name}”。${hint}`)
  }

  symbol(name) {
    const own = this.known(name)
    if (own) return { t: 'sym', name: own }
    if (name in CONSTANTS) return { t: 'const', name }
    if (FUNC_NAMES.has(name)) fail(`${name} 是函数，后面要加括号：写成 ${name}(x)。`)
    return this.runTogether(name) ?? this.unknown(name)
  }

  /**
   * A name run together from known ones and the constants (`Ax`, `x_1x_2`, `xe`) as their
   * product, said in a note; `op` (a power, a transpose) applies to the last factor only, as
   * the reader meant: `xe^x` is x·e^x, where mathjs would raise the name `xe` to the power x.
   */
  runTogether(name, op = a => a) {
    const constant = n => (n in CONSTANTS ? n : null)
    const parts = split(name, n => this.known(n) ?? constant(n))
    if (!parts) return null
    const factors = parts.map(p => (p in this.names ? { t: 'sym', name: p } : { t: 'const', name: p }))
    factors.push(op(factors.pop()))
    this.note(`把“${name}”读作 ${parts.join('·')}。`)
    return factors.reduce((a, b) => ({ t: '*', a, b, implicit: true }))
  }

  read(node) {
    switch (node.type) {
      case 'ConstantNode':
        if (typeof node.value !== 'number') fail('引号只用于转置，如 A\'。')
        return { t: 'num', v: node.value }
      case 'SymbolNode':
        return this.symbol(node.name)
      case 'ParenthesisNode':
        return this.read(node.content)
      case 'OperatorNode':
        return this.operator(node)
      case 'FunctionNode':
        return this.call(node)
      case 'ArrayNode':
        return this.matrix(node)
      case 'AssignmentNode':
      case 'RelationalNode':
        return fail('只写等号右边的表达式。')
      case 'BlockNode':
        return fail('分号只能用在方括号里，如 [a; b]。')
      default:
        return fail('无法读取这种写法。')
    }
  }

  operator(node) {
    const [x, y] = node.args
    switch (node.fn) {
      case 'add': return { t: '+', a: this.read(x), b: this.read(y) }
      case 'subtract': return { t: '-', a: this.read(x), b: this.read(y) }
      case 'unaryMinus': return { t: 'neg', a: this.read(x) }
      case 'unaryPlus': return this.read(x)
      case 'ctranspose': return this.postfix(x, a => ({ t: 'T', a }))
      case 'divide':
      case 'multiply': {
        const ast = { t: node.fn === 'divide' ? '/' : '*', a: this.read(x), b: this.read(y) }
        if (node.implicit) ast.implicit = true
        // 1/2x is (1/2)·x and x/2y is x/(2·y) to mathjs: an implicit product
        // next to a division is read by precedence rules the reader may not
        // know, so say how it was read.
        const implicit = c => c.type === 'OperatorNode' && c.fn === 'multiply' && c.implicit
        const divide = c => c.type === 'OperatorNode' && c.fn === 'divide'
        if (node.fn === 'divide' ? implicit(y) : node.implicit && divide(x)) {
          this.note(`这里按 ${toText(ast)} 读取；如果不是这个意思，请加括号。`)
        }
        // e^2x is (e^2)·x to mathjs; the reader may have meant e^(2x).
        if (node.implicit && x.type === 'OperatorNode' && x.fn === 'pow') {
          this.note(`这里按 ${toText(ast)} 读取，${toText(ast.b)} 不在指数里；如果它在指数里，请加括号，如 e^(2x)。`)
        }
        return ast
      }
      case 'pow': {
        let e = y
        while (e.type === 'ParenthesisNode') e = e.content
        if (e.type === 'SymbolNode' && (e.name === 'T' || e.name === 'top') && !(e.name in this.names)) {
          return this.postfix(x, a => ({ t: 'T', a }))
        }
        return this.postfix(x, a => ({ t: '^', a, b: this.read(y) }))
      }
      default:
        return fail(`不支持运算符 ${node.op}。`)
    }
  }

  /** The variable or constant name of a call like x(…), e(…); else null. */
  variableCall(node) {
    const name = node.type === 'FunctionNode' && node.fn.type === 'SymbolNode' ? node.fn.name : null
    return name && (this.known(name) || name in CONSTANTS) ? name : null
  }

  /**
   * x(x+1) with x a variable: mathjs sees a call; the reader means a product.
   * `op` applies to the factor in parentheses, as the reader meant:
   * x(x+1)^2 is x·(x+1)^2, where mathjs would square the "call".
   */
  product(node, op = a => a) {
    const name = node.fn.name
    if (node.args.length !== 1) fail(`${name} 是变量，不是函数。`)
    const ast = { t: '*', a: this.symbol(name), b: op(this.read(node.args[0])), implicit: true }
    this.note(`${name}(…) 按乘法 ${toText(ast)} 读取。`)
    return ast
  }

  /** A postfix operator (power, transpose) on `x`, which may be such a call. */
  postfix(x, op) {
    if (this.variableCall(x)) return this.product(x, op)
    const loose = x.type === 'SymbolNode' && !this.known(x.name) && !(x.name in CONSTANTS)
    return (loose && this.runTogether(x.name, op)) || op(this.read(x))
  }

  call(node) {
    const name = node.fn.type === 'SymbolNode' ? node.fn.name : null
    if (this.variableCall(node)) return this.product(node)
    if (!name || !FUNC_NAMES.has(name)) return this.unknown(name ?? node.fn.toString())
    const args = node.args.map(a => this.read(a))
    const want = name === 'log' || name === 'norm' ? [1, 2] : [1, 1]
    if (args.length < want[0] || args.length > want[1]) fail(`${name} 的参数个数不对。`)
    if (name === 'norm' && args.length === 2) {
      if (!(args[1].t === 'num' && args[1].v === 2)) fail('这里只支持 2-范数 norm(x)。')
      args.pop()
    }
    return { t: 'call', fn: name === 'ln' ? 'log' : name, args }
  }

  matrix(node) {
    // \left[\begin{matrix}…\end{matrix}\right] gives [[[…]]]: one bracket too many.
    const [only] = node.items
    if (node.items.length === 1 && only.type === 'ArrayNode' && only.items.every(i => i.type === 'ArrayNode')) {
      return this.matrix(only)
    }
    if (!node.items.length || node.items.some(i => i.type === 'ArrayNode' && !i.items.length)) {
      fail('方括号里是空的。')
    }
    const nested = node.items.every(i => i.type === 'ArrayNode')
    if (nested) {
      // [a, b; c, d] and [[a, b], [c, d]]: rows.
      const rows = node.items.map(r => r.items.map(i => this.entry(i)))
      if (rows.some(r => r.length !== rows[0].length)) fail('方括号里每一行的长度要一样。')
      return { t: 'mat', rows }
    }
    // [a, b] and (a, b): a column, as vectors are on this site.
    return { t: 'mat', rows: node.items.map(i => [this.entry(i)]), commas: true }
  }

  entry(node) {
    if (node.type === 'ArrayNode') fail('方括号嵌套得太深。')
    return this.read(node)
  }
}

/**
 * Reads the reader's input for the problem `data` (its `names`).
 * @param {string} input what the reader typed
 * @param {object} data the problem's data block
 * @returns {{ok: true, ast: object, readAs: string, math: object, notes: string[]}
 *   | {ok: false, message: string, pos?: number}}
 *   `math` is a MathML node tree ({tag, text?, attrs?, children?}) for ui.js.
 */
export function read(input, data) {
  if (!input.trim()) return { ok: false, message: '请先输入答案。' }
  const reader = new Reader(data.names)
  try {
    const eq = input.search(/[=＝]/)
    if (eq >= 0) throw new ReadError('只写等号右边的表达式，不要写等号。', eq)
    const pre = preprocess(input, data.names)
    let node
    try {
      node = math.parse(pre.text)
    } catch (err) {
      // Any parse failure is the input's, never a reason to stop the page.
      const at = Math.max(0, Math.min((err.char ?? 1) - 1, pre.text.length))
      throw new ReadError(parseMessage(err), pre.src[at])
    }
    const ast = reader.read(node)
    return {
      ok: true, ast, readAs: toText(ast), math: toMathML(ast, data.names), notes: reader.notes,
    }
  } catch (err) {
    if (!(err instanceof ReadError)) throw err
    return { ok: false, message: where(input, err.pos) + err.message, pos: err.pos }
  }
}

/** "第 3 个字符“)”处：" — in the reader's own input. */
function where(input, pos) {
  if (pos === undefined) return ''
  if (pos >= input.length) return '在末尾：'
  return `第 ${[...input.slice(0, pos)].length + 1} 个字符“${String.fromCodePoint(input.codePointAt(pos))}”处：`
}

// ---------------------------------------------------------------------------
// Evaluation: our tree at one point's scope. Values are numbers or 2-D arrays;
// a 1×1 result (xᵀx) is a number, as readers of this site expect.

class EvalError extends Error {}

const dims = v => (typeof v === 'number' ? null : [v.length, v[0].length])
const dimText = v => (typeof v === 'number' ? '标量' : `${v.length}×${v[0].length}`)
const squeeze = v => (typeof v !== 'number' && v.length === 1 && v[0].length === 1 ? v[0][0] : v)
const toArray = v => (Array.isArray(v) ? v : v.valueOf())

function evaluate(ast, scope) {
  const ev = a => evaluate(a, scope)
  switch (ast.t) {
    case 'num': return ast.v
    case 'const': return CONSTANTS[ast.name]
    case 'sym': {
      const v = scope[ast.name]
      // A column given as a 1-D list would be a row to mathjs: make it n×1.
      return Array.isArray(v) && !Array.isArray(v[0]) ? v.map(x => [x]) : v
    }
    case 'neg': {
      const a = ev(ast.a)
      return typeof a === 'number' ? -a : math.multiply(-1, a)
    }
    case 'T': {
      const a = ev(ast.a)
      return typeof a === 'number' ? a : math.transpose(a)
    }
    case '+':
    case '-': {
      const a = ev(ast.a)
      const b = ev(ast.b)
      if (typeof a === 'number' && typeof b === 'number') return ast.t === '+' ? a + b : a - b
      if (String(dims(a)) !== String(dims(b))) {
        throw new EvalError(`不能把 ${dimText(a)} 和 ${dimText(b)} 的量相${ast.t === '+' ? '加' : '减'}：形状要相同。`)
      }
      return ast.t === '+' ? math.add(a, b) : math.subtract(a, b)
    }
    case '*': {
      const a = ev(ast.a)
      const b = ev(ast.b)
      if (typeof a === 'number' && typeof b === 'number') return a * b
      if (typeof a !== 'number' && typeof b !== 'number' && a[0].length !== b.length) {
        throw new EvalError(`${toText(ast)} 的维数不匹配：左边是 ${dimText(a)}，右边是 ${dimText(b)}，矩阵乘法要求左边的列数等于右边的行数。`)
      }
      return squeeze(toArray(math.multiply(a, b)))
    }
    case '/': {
      const a = ev(ast.a)
      const b = ev(ast.b)
      if (typeof b !== 'number') throw new EvalError('不能除以向量或矩阵。')
      return typeof a === 'number' ? a / b : math.multiply(a, 1 / b)
    }
    case '^': {
      const a = ev(ast.a)
      const b = ev(ast.b)
      if (typeof b !== 'number') throw new EvalError('指数必须是一个数。')
      if (typeof a === 'number') return a ** b
      if (a.length !== a[0].length || !Number.isInteger(b) || b < 1) {
        throw new EvalError(`${dimText(a)} 的量不能求 ${b} 次方；向量的长度平方请写 ||x||^2 或 x^T x。`)
      }
      let p = a
      for (let k = 1; k < b; k++) p = math.multiply(p, a)
      return p
    }
    case 'call': {
      const args = ast.args.map(ev)
      const [a] = args
      if (ast.fn === 'transpose') return typeof a === 'number' ? a : math.transpose(a)
      if (ast.fn === 'norm') {
        if (typeof a === 'number') return Math.abs(a)
        if (a.length !== 1 && a[0].length !== 1) throw new EvalError('norm 和 ||…|| 只用于向量。')
        return Math.sqrt(a.flat().reduce((s, x) => s + x * x, 0))
      }
      if (ast.fn === 'abs' && typeof a !== 'number') throw new EvalError('|…| 是数的绝对值；向量的长度请写 ||x||。')
      if (args.some(v => typeof v !== 'number')) {
        throw new EvalError(`${ast.fn} 只能作用于一个数，不能作用于 ${dimText(args.find(v => typeof v !== 'number'))} 的量。`)
      }
      if (ast.fn === 'log' && args.length === 2) return Math.log(a) / Math.log(args[1])
      return SCALAR_FUNCS[ast.fn](a)
    }
    case 'mat': {
      const rows = ast.rows.map(r => r.map(ev))
      if (rows.flat().some(v => typeof v !== 'number')) throw new EvalError('方括号里的每一项都必须是一个数；方括号表示向量或矩阵，分组请用圆括号。')
      return squeeze(rows)
    }
    default:
      throw new EvalError('无法计算。')
  }
}

// ---------------------------------------------------------------------------
// Comparing.

/** 'scalar' | 'column' | 'row' | 'matrix' of a value (1-D arrays are columns). */
export function shapeOf(v) {
  if (typeof v === 'number' || v === null) return 'scalar'
  if (!Array.isArray(v[0])) return 'column'
  if (v.length === 1 && v[0].length === 1) return 'scalar'
  if (v[0].length === 1) return 'column'
  if (v.length === 1) return 'row'
  return 'matrix'
}

/** Data values as numbers or 2-D arrays (1-D lists are columns, 1×1 is a number). */
function normal(v) {
  if (typeof v === 'number' || v === null) return v
  return squeeze(Array.isArray(v[0]) ? v : v.map(x => [x]))
}

/** |a − b| ≤ abs + rel·|b| entry by entry; shapes must agree. */
function close(a, b, tol) {
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tol.abs + tol.rel * Math.abs(b)
  }
  if (a.length !== b.length || a[0].length !== b[0].length) return false
  return a.every((row, i) => row.every((x, j) => close(x, b[i][j], tol)))
}

const finite = v => (typeof v === 'number' ? Number.isFinite(v) : v.flat().every(Number.isFinite))

/**
 * Judges the reader's input against the build's data block.
 * @param {string} input what the reader typed
 * @param {object} data the data block: names, points, mistakes, tolerance, expected.shape
 * @returns {{verdict: 'correct'|'wrong'|'invalid'|'shape', message: string, hint?: string,
 *   readAs?: string, math?: object, notes: string[], pos?: number}}
 *   `message` is the whole Chinese text for the reader (hint and notes included).
 */
export function judge(input, data) {
  const r = read(input, data)
  if (!r.ok) return { verdict: 'invalid', message: r.message, pos: r.pos, notes: [] }
  const base = { readAs: r.readAs, math: r.math, notes: r.notes }
  const noteText = r.notes.length ? ` ${r.notes[0]}` : ''
  const tol = data.tolerance ?? { rel: 1e-4, abs: 1e-8 }

  let values
  try {
    values = data.points.map(p => evaluate(r.ast, p.scope))
  } catch (err) {
    if (!(err instanceof EvalError)) throw err
    return { ...base, verdict: 'invalid', message: err.message + noteText }
  }

  const expected = data.points.map(p => normal(p.value))
  if (values.every((v, i) => close(v, expected[i], tol))) {
    return { ...base, verdict: 'correct', message: '正确！' }
  }

  // A usual mistake matches at every point where it has a value (at least 3).
  const mistake = (data.mistakes ?? []).find(m => {
    const at = m.values.map((v, i) => [normal(v), i]).filter(([v]) => v !== null)
    return at.length >= 3 && at.every(([v, i]) => close(values[i], v, tol))
  })

  const want = data.expected?.shape ?? shapeOf(expected[0])
  const badShape = values.findIndex((v, i) => shapeOf(v) !== want || String(dims(v)) !== String(dims(expected[i])))
  if (badShape >= 0) {
    const v = values[badShape]
    const got = shapeOf(v)
    let message = got === want
      ? `答案应是 ${dimText(expected[badShape])} 的${SHAPE_NAMES[want].replace(/（.*/, '')}，你的答案是 ${dimText(v)}。`
      : `答案应是${SHAPE_NAMES[want]}，你的答案是${SHAPE_NAMES[got]}。`
    if (got === 'row' && want === 'column' && hasCommaVector(r.ast)) {
      message += ' [a, b] 和 (a, b) 已经按列向量读取，不必再转置。'
    }
    if (mistake) message += ` ${mistake.hint}`
    return { ...base, verdict: 'shape', message: message + noteText, ...(mistake && { hint: mistake.hint }) }
  }
  if (mistake) {
    return { ...base, verdict: 'wrong', message: `不对：${mistake.hint}${noteText}`, hint: mistake.hint }
  }
  if (!values.every(finite) && expected.every(finite)) {
    return {
      ...base, verdict: 'wrong',
      message: `不对：你的答案在某些检查点上没有定义（例如除以 0、对负数开方），正确答案在那里是有限的数。${noteText}`,
    }
  }
  return { ...base, verdict: 'wrong', message: `不对：和正确答案在检查点上的值不同。${noteText}` }
}

function hasCommaVector(ast) {
  if (!ast || typeof ast !== 'object') return false
  if (ast.t === 'mat' && ast.commas) return true
  return [ast.a, ast.b, ...(ast.args ?? []), ...(ast.rows ?? []).flat()].some(hasCommaVector)
}

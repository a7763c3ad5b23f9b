// Tests of the answer checker's logic with hand-made data blocks.
//   node --test scripts/build/problems/js/
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { judge, read, shapeOf } from './core.js'

// --- Data blocks as the build would emit them -------------------------------

let seed = 12345
/** Park–Miller: the same "random" points on every run. */
const rnd = (lo = -2, hi = 2) => lo + ((seed = (seed * 16807) % 2147483647) / 2147483647) * (hi - lo)
const matrix = (n, m) => Array.from({ length: n }, () => Array.from({ length: m }, () => rnd()))
const mul = (A, B) => A.map(r => B[0].map((_, j) => r.reduce((s, a, k) => s + a * B[k][j], 0)))
const T = A => A[0].map((_, j) => A.map(r => r[j]))
const plus = (A, B) => A.map((r, i) => r.map((a, j) => a + B[i][j]))
const scale = (k, A) => A.map(r => r.map(a => k * a))
const len = x => Math.sqrt(x.flat().reduce((s, a) => s + a * a, 0))
const TOL = { rel: 1e-4, abs: 1e-8 }

/** A problem over scalar points; `f` is the answer, `mistakes` are [hint, g]. */
function scalarProblem(name, xs, f, mistakes = []) {
  return {
    id: 'scalar',
    expected: { shape: 'scalar' },
    names: { [name]: 'scalar' },
    points: xs.map(v => ({ scope: { [name]: v }, value: f(v) })),
    mistakes: mistakes.map(([hint, g]) => ({ hint, values: xs.map(g) })),
    tolerance: TOL,
  }
}

// f(x) = x^3 - 1/x, f'(x) = 3x^2 + 1/x^2, on a small interval away from 0.
const XS = [0.7, 1.3, 1.9, 0.45, 2.2]
const deriv = scalarProblem('x', XS, x => 3 * x * x + 1 / x ** 2, [
  ['-1/x 的导数是 +1/x²，符号错了。', x => 3 * x * x - 1 / x ** 2],
  ['1/x 的导数不是 1/x。', x => 3 * x * x + 1 / x],
])
const twice = scalarProblem('x', XS, x => 2 * x)

// The gradient of 3x_1^2 + 5e^{x_2}: [6x_1, 5e^{x_2}], a column.
const gradPoints = XS.map(() => {
  const [x1, x2] = [rnd(), rnd()]
  return { scope: { x: [[x1], [x2]], x_1: x1, x_2: x2 }, value: [[6 * x1], [5 * Math.exp(x2)]] }
})
const gradient = {
  id: 'ex2',
  expected: { shape: 'column' },
  names: { x: 'vector', x_1: 'scalar', x_2: 'scalar' },
  points: gradPoints,
  mistakes: [{ hint: '幂函数求导时漏了指数 2。', values: gradPoints.map(p => [[3 * p.scope.x_1], [5 * Math.exp(p.scope.x_2)]]) }],
  tolerance: TOL,
}

// The gradient of x^T A x: (A + A^T)x, with random sizes and matrices.
const quadPoints = [2, 3, 2, 4, 3].map(n => {
  const A = matrix(n, n)
  const x = matrix(n, 1)
  return { scope: { A, x }, value: mul(plus(A, T(A)), x) }
})
const quadratic = {
  id: 'quad',
  expected: { shape: 'column' },
  names: { x: 'vector', A: 'matrix' },
  points: quadPoints,
  mistakes: [
    { hint: 'A 不一定对称，xᵀAx 的梯度是 (A+Aᵀ)x 而不是 2Ax。', values: quadPoints.map(p => scale(2, mul(p.scope.A, p.scope.x))) },
    { hint: '多了一次转置：梯度是列向量。', values: quadPoints.map(p => T(p.value)) },
  ],
  tolerance: TOL,
}

// The gradient of ||x||_2: x/||x||. The "square kept" mistake is 2x.
const normPoints = [2, 3, 4, 2, 3].map(n => {
  const x = matrix(n, 1)
  return { scope: { x }, value: scale(1 / len(x), x) }
})
const norm = {
  id: 'ex3',
  expected: { shape: 'column' },
  names: { x: 'vector' },
  points: normPoints,
  mistakes: [{ hint: '这是 ||x||² 的梯度；||x|| 没有平方。', values: normPoints.map(p => scale(2, p.scope.x)) }],
  tolerance: TOL,
}

// A matrix answer: A^T.
const transposed = {
  id: 'mat',
  expected: { shape: 'matrix' },
  names: { A: 'matrix', x: 'vector' },
  points: quadPoints.map(p => ({ scope: p.scope, value: T(p.scope.A) })),
  mistakes: [],
  tolerance: TOL,
}

// d/dt sin(t^2) = 2t cos(t^2); and π t.
const chain = scalarProblem('t', XS, t => 2 * t * Math.cos(t * t), [
  ['链式法则：别忘了乘内层函数 t² 的导数 2t。', t => Math.cos(t * t)],
])
const piT = scalarProblem('t', XS, t => Math.PI * t)

const verdict = (data, input) => judge(input, data).verdict

/** Every input in `inputs` gets `expected` as its verdict. */
function all(data, expected, inputs) {
  for (const input of inputs) {
    const r = judge(input, data)
    assert.equal(r.verdict, expected, `${JSON.stringify(input)}: ${r.message}`)
    assert.ok(r.message.length > 0)
  }
}

// --- Accepted syntax ----------------------------------------------------------

test('equivalent forms of 2x', () => {
  all(twice, 'correct', ['2x', '2*x', 'x*2', 'x+x', '2 x', 'x 2'.replace(' ', '*'), '4x/2', '(x+x)'])
})

test('plain syntax: implicit products, ^ and **, e^x, exp, sqrt, ln, log', () => {
  all(deriv, 'correct', [
    '3x^2+1/x^2', '3*x^2 + 1/x^2', '3x**2 + x**-2', 'x^2*3 + x^(-2)', '3 x x + 1/(x x)',
    'exp(ln(3x^2 + x^-2))', 'e^(ln(3x^2))+1/x^2', 'e^ln(x^-2) + 3x^2', 'log(e^(3x^2)) + 1/x^2',
    'sqrt(9x^4) + 1/x^2', '3x^2 + 1/sqrt(x^4)', '3x^2 + log(e^(x^-2), e)',
  ])
})

test('LaTeX: \\frac, \\dfrac, \\sqrt, \\left \\right, \\cdot, \\times, e^{…}, \\ln, \\exp', () => {
  all(deriv, 'correct', [
    '\\frac{1}{x^2}+3x^{2}', '\\dfrac{1}{x^{2}} + 3\\cdot x^2', '\\left(3x^2\\right)+\\frac{1}{x^2}',
    '3 \\times x^2 + \\frac1{x^2}', '\\sqrt{9x^4} + x^{-2}', 'e^{\\ln(3x^2)} + \\frac{1}{x^2}',
    '\\exp(\\ln(x^{-2})) + 3x^2', '\\exp\\left(\\ln\\left(3x^2 + x^{-2}\\right)\\right)',
    '$3x^2 + \\frac{1}{x^2}$', '3x^2 + \\tfrac{1}{x \\cdot x}',
  ])
  all(chain, 'correct', ['2t\\cos(t^2)', '2t \\cos\\left(t^{2}\\right)', '2t cos(t^2)', '\\cos(t^2)\\cdot 2t'])
  all(piT, 'correct', ['\\pi t', 'πt', 'pi*t', 't\\pi'])
})

test('phone Unicode: · × − ² ³ ᵀ, full-width parentheses, digits and comma', () => {
  all(deriv, 'correct', [
    '3x²+1/x²', '3·x² + x⁻²', '3×x^2 + 1/x^2', '3x^2 − (−1/x^2)', '（3x^2 + 1/x^2）',
    '３x^2＋1/x^2', 'x³/x + 1/x² + 2x²',
  ])
  all(gradient, 'correct', ['（6x_1，5e^(x_2)）'])
  all(quadratic, 'correct', ['Ax+Aᵀx'])
})

test('x1 is x_1 only when x_1 is a name', () => {
  all(gradient, 'correct', ['[6x1, 5e^x2]', '[6x_1, 5e^(x2)]', '[6x_{1}, 5e^{x_{2}}]'])
  const r = judge('[6x3, 5e^x2]', gradient)
  assert.equal(r.verdict, 'invalid')
  assert.match(r.message, /x3/)
  assert.match(r.message, /x_1/)
})

test('vectors are columns: [a, b], [a; b], (a, b), bmatrix, pmatrix', () => {
  all(gradient, 'correct', [
    '[6x_1, 5e^{x_2}]', '[6x_1; 5exp(x_2)]', '(6x_1, 5e^(x_2))', '[[6x_1], [5e^(x_2)]]',
    '\\begin{bmatrix} 6x_1 \\\\ 5e^{x_2} \\end{bmatrix}',
    '\\begin{pmatrix}6x_{1}\\\\5\\mathrm{e}^{x_{2}}\\end{pmatrix}',
    '\\left[\\begin{matrix} 6 x_1 \\\\ 5 \\exp(x_2) \\end{matrix}\\right]',
    '[x_1, 0] * 6 + [0, 5e^{x_2}]', '[6x_1, 5e^{x_2}]^T^T',
  ])
})

test('transposes: A^T, A^\\top, A\', transpose(A), ^{T}, ^{\\top}, ᵀ', () => {
  all(quadratic, 'correct', [
    '(A+A^T)x', 'Ax + A^Tx', "A x + A' x", 'Ax+transpose(A)x', '(A^\\top + A)x', 'A x + A^{T} x',
    '(\\mathbf{A}+\\mathbf{A}^{\\top})\\mathbf{x}', 'A*x + A^T*x', '(x^T(A+A^T))^T', '(x^TA + x^TA^T)^T',
    'A x+x^T A^T^T^T', // x^T A^T^T^T = x^T A, a row: added to a column is invalid, see below
  ].slice(0, -1))
  all(transposed, 'correct', ['A^T', "A'", 'transpose(A)', 'A^{\\top}', 'Aᵀ', '\\mathbf{A}^T', '(A^T)'])
  all(transposed, 'wrong', ['A', '2A^T', 'A^T A'])
})

test('norms: ||x||, norm(x), \\|x\\|, \\|x\\|_2, ‖x‖, \\lVert x \\rVert', () => {
  all(norm, 'correct', [
    'x/||x||', 'x/norm(x)', 'x/\\|x\\|', 'x/\\|x\\|_2', 'x/||x||_2', 'x/||x||_{2}', 'x/norm(x, 2)',
    'x/sqrt(x^T x)', 'x/\\sqrt{x^{T}x}', 'x ||x||^-1', 'x/‖x‖', '\\frac{\\mathbf{x}}{\\left\\|\\mathbf{x}\\right\\|}',
    '\\frac{x}{\\lVert x \\rVert}', '(1/||x||) x', 'x/sqrt(||x||^2)', 'x / (x^T x)^(1/2)',
  ])
})

test('abs for scalars: |x|', () => {
  all(twice, 'correct', ['2|x|', '|2x|', '\\left|x\\right| + x'])
})

// --- Shapes and matrix algebra --------------------------------------------------

test('a row is not taken for a column; shapes are named', () => {
  let r = judge('x^T(A+A^T)', quadratic)
  assert.equal(r.verdict, 'shape')
  assert.match(r.message, /列向量（n×1）/)
  assert.match(r.message, /行向量（1×n）/)
  assert.equal(r.hint, '多了一次转置：梯度是列向量。') // the matching mistake rides along

  r = judge('x^T A x', quadratic)
  assert.equal(r.verdict, 'shape')
  assert.match(r.message, /标量/)

  r = judge('[6x_1, 5e^{x_2}]^T', gradient)
  assert.equal(r.verdict, 'shape')
  assert.match(r.message, /不必再转置/)

  r = judge('[6x_1, 5e^{x_2}, 0]', gradient)
  assert.equal(r.verdict, 'shape')
  assert.match(r.message, /2×1/)
  assert.match(r.message, /3×1/)

  all(gradient, 'shape', ['6x_1 + 5e^{x_2}', '[[6x_1, 5e^{x_2}]]', '\\begin{bmatrix} 6x_1 & 5e^{x_2} \\end{bmatrix}'])
  all(norm, 'shape', ['||x||', 'x^T/||x||', 'x x^T'])
  all(deriv, 'shape', ['[3x^2, 1/x^2]'])
})

test('matrix products are not commutative; dimension errors are invalid', () => {
  let r = judge('xA', quadratic)
  assert.equal(r.verdict, 'invalid')
  assert.match(r.message, /维数不匹配/)
  assert.match(r.message, /2×1/)
  r = judge('x A + A x', quadratic)
  assert.equal(r.verdict, 'invalid')
  all(quadratic, 'invalid', ['x + 1', 'x^2', 'A/x', 'exp(x)', 'x(A+A^T)', '[x^T A]^T', 'A^T x + x^T A'])
  assert.equal(verdict(quadratic, 'Ax'), 'wrong')
  assert.equal(verdict(quadratic, 'A^2 x'), 'wrong')
  assert.equal(verdict(norm, 'x/x'), 'invalid')
})

test('1×1 products such as x^T x count as numbers', () => {
  all(norm, 'correct', ['x (x^T x)^(-1/2)', 'x/sqrt(x^T x)'])
})

// --- Mistakes, tolerance, non-finite values ------------------------------------

test('a matching mistake gives its hint', () => {
  let r = judge('3x^2 - 1/x^2', deriv)
  assert.equal(r.verdict, 'wrong')
  assert.equal(r.hint, '-1/x 的导数是 +1/x²，符号错了。')
  assert.match(r.message, /符号错了/)

  r = judge('2Ax', quadratic)
  assert.equal(r.verdict, 'wrong')
  assert.match(r.hint, /2Ax/)

  assert.match(judge('[3x_1, 5e^{x_2}]', gradient).hint, /指数 2/)
  assert.match(judge('2x', norm).hint, /没有平方/)
  assert.match(judge('\\cos(t^2)', chain).hint, /内层函数/)

  r = judge('3x^2', deriv)
  assert.equal(r.verdict, 'wrong')
  assert.equal(r.hint, undefined)
})

test('a mistake matches only where it is non-null, and needs three values', () => {
  const g = x => 3 * x * x - 1 / x ** 2
  const withNulls = (nonNull) => ({
    ...deriv,
    mistakes: [{ hint: 'H', values: XS.map((x, i) => (i < nonNull ? g(x) : null)) }],
  })
  assert.equal(judge('3x^2 - 1/x^2', withNulls(3)).hint, 'H')
  assert.equal(judge('3x^2 - 1/x^2', withNulls(2)).hint, undefined)
  // A mistake that differs at one of its non-null points does not match.
  const off = { ...deriv, mistakes: [{ hint: 'H', values: XS.map((x, i) => (i === 4 ? g(x) + 1 : g(x))) }] }
  assert.equal(judge('3x^2 - 1/x^2', off).hint, undefined)
})

test('tolerance: |a − b| ≤ abs + rel·|b|', () => {
  assert.equal(verdict(twice, '2x(1 + 10^-6)'), 'correct')
  assert.equal(verdict(twice, '2x(1 + 10^-3)'), 'wrong')
  const zero = scalarProblem('x', XS, () => 0)
  assert.equal(verdict(zero, '10^-9 x'), 'correct')
  assert.equal(verdict(zero, '10^-6 x'), 'wrong')
})

test('NaN or Infinity where the answer is finite is wrong', () => {
  for (const input of ['sqrt(-x)', '1/(x-x)', 'log(-x)', '(x-x)/(x-x)']) {
    const r = judge(input, deriv)
    assert.equal(r.verdict, 'wrong', input)
    assert.match(r.message, /没有定义/)
  }
})

// --- Ambiguity is named -----------------------------------------------------------

test('1/2x is read as (1/2)·x, and says so', () => {
  const half = scalarProblem('x', XS, x => x / 2)
  let r = judge('1/2x', half)
  assert.equal(r.verdict, 'correct')
  assert.equal(r.readAs, '(1/2)·x')
  assert.match(r.notes[0], /\(1\/2\)·x/)

  const inverse = scalarProblem('x', XS, x => 1 / (2 * x))
  r = judge('1/2x', inverse)
  assert.equal(r.verdict, 'wrong')
  assert.match(r.message, /按 \(1\/2\)·x 读取/)
  assert.equal(verdict(inverse, '1/(2x)'), 'correct')

  r = judge('x/2x', scalarProblem('x', XS, () => 0.5))
  assert.equal(r.readAs, 'x/(2·x)')
  assert.match(r.notes[0], /x\/\(2·x\)/)
  assert.deepEqual(judge('x/2', twice).notes, [])
})

test('e^2x is read as e^2·x, and says so', () => {
  const p = scalarProblem('x', XS, x => Math.exp(2 * x))
  const r = judge('e^2x', p)
  assert.equal(r.verdict, 'wrong')
  assert.equal(r.readAs, 'e^2·x')
  assert.match(r.message, /e\^\(2x\)/)
  all(p, 'correct', ['e^(2x)', 'e^{2x}', 'exp(2x)', '\\exp(2x)', 'e^x e^x'])
  assert.match(judge('|x|', norm).message, /\|\|x\|\|/)
})

test('x(x+1) with x a variable is a product, and says so', () => {
  const p = scalarProblem('x', XS, x => x * (x + 1))
  const r = judge('x(x+1)', p)
  assert.equal(r.verdict, 'correct')
  assert.match(r.notes[0], /按乘法/)
  assert.equal(r.readAs, 'x·(x + 1)')
  assert.equal(verdict(p, 'x(1, 2)'), 'invalid')
  // A power or transpose after the parenthesis belongs to it, not to x·(…).
  const q = scalarProblem('x', XS, x => x * (x + 1) ** 2)
  assert.equal(judge('x(x+1)^2', q).readAs, 'x·(x + 1)^2')
  all(q, 'correct', ['x(x+1)^2', 'x (x+1)^2', '2x(x+1)^2/2', "x(x+1)'(x+1)"])
})

test('Ax and x_1x_2 are split into known names, and say so', () => {
  const r = judge('Ax + A^Tx', quadratic)
  assert.match(r.notes[0], /把“Ax”读作 A·x/)
  const prod = {
    ...gradient,
    expected: { shape: 'scalar' },
    points: gradPoints.map(p => ({ ...p, value: p.scope.x_1 * p.scope.x_2 })),
    mistakes: [],
  }
  all(prod, 'correct', ['x_1x_2', 'x1x2', 'x_1 x_2', 'x_{1}x_{2}'])
})

test('sin x, x2, unknown names are invalid with a hint', () => {
  let r = judge('sin x', chain)
  assert.equal(r.verdict, 'invalid')
  assert.match(r.message, /sin\(x\)/)
  assert.equal(verdict(chain, '2t \\cos t^2'), 'invalid')
  assert.equal(verdict(chain, '2t cos'), 'invalid')

  r = judge('x2', deriv)
  assert.equal(r.verdict, 'invalid')
  assert.match(r.message, /“x2”/)
  assert.match(r.message, /x\^2/)
  assert.match(r.message, /2x/)

  r = judge('3y^2', deriv)
  assert.equal(r.verdict, 'invalid')
  assert.match(r.message, /“y”/)
  assert.match(r.message, /可以用的名字：x/)

  r = judge('foo(x)', deriv)
  assert.equal(r.verdict, 'invalid')
  assert.match(r.message, /foo/)
})

// --- Invalid input says where ---------------------------------------------------

test('parse errors give the position in the reader\'s own input', () => {
  const cases = [
    ['3x^2 + )', /第 8 个字符“\)”处/],
    ['3x^2 +', /在末尾/],
    ['(3x^2 + 1/x^2', /缺少右括号|末尾/],
    ['3x^^2', /第 4 个字符“\^”处/],
    ['\\frac{1}{x^2', /第 9 个字符“\{”处.*没有对应的 \}/],
    ['3x² + \\foo', /第 7 个字符“\\”处.*\\foo/],
    ['f = 3x^2', /第 3 个字符“=”处.*等号/],
    ['３x^2 ＋ ）', /第 8 个字符“）”处/],
    ['||x', /没有配对/],
    ['x \\\\ 1', /第 3 个字符“\\”处.*矩阵/],
    ['x^2 , x', /逗号|无法读取|,/],
    ['', /请先输入/],
    ['   ', /请先输入/],
  ]
  for (const [input, pattern] of cases) {
    const r = judge(input, deriv)
    assert.equal(r.verdict, 'invalid', input)
    assert.match(r.message, pattern, `${input}: ${r.message}`)
  }
  assert.equal(judge('3x^2 + )', deriv).pos, 7)
})

test('what mathjs offers but a formula should not be is invalid', () => {
  all(deriv, 'invalid', ['x!', 'x[1]', 'x.y', '"x"', 'x > 1', 'x ? 1 : 2', '1:3', 'x; x', 'a.b', '2 cm', 'x & 1'])
})

test('no input makes judge() throw (seeded random garbage)', () => {
  const bits = ['x', 'A', '1', '.', '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', ';', '|', '||', "'", ' ',
    '\\frac', '{', '}', '\\left', '\\right', '\\\\', '&', '\\begin{bmatrix}', '\\end{bmatrix}', 'norm',
    'e', 'T', '²', 'ᵀ', '（', '=', '!', '"', '?', ':', 'sin', 'x(', '_', '_{', '\\|', '\\sqrt', '\\top', '\\']
  for (const input of ['[]', '\\begin{bmatrix}\\end{bmatrix}', '[[]]', '()']) assert.equal(verdict(quadratic, input), 'invalid')
  for (let k = 0; k < 3000; k++) {
    let input = ''
    for (let i = 0, n = 1 + Math.floor(rnd(0, 8)); i < n; i++) input += bits[Math.floor(rnd(0, bits.length))]
    assert.doesNotThrow(() => judge(input, quadratic), input)
  }
})

// --- Preview ---------------------------------------------------------------------

test('read() gives a MathML tree: fractions, subscripts, bold vectors, transposes', () => {
  const tags = n => [n.tag, ...(n.children ?? []).flatMap(tags)]
  const texts = n => [...(n.text ? [n.text] : []), ...(n.children ?? []).flatMap(texts)]
  let r = read('\\frac{1}{x^2}', deriv)
  assert.ok(r.ok)
  assert.equal(r.math.tag, 'math')
  assert.ok(tags(r.math).includes('mfrac'))
  assert.ok(tags(r.math).includes('msup'))

  r = read('[6x1, 5e^x2]', gradient)
  assert.ok(tags(r.math).includes('mtable'))
  assert.ok(tags(r.math).includes('msub'))

  r = read('(A+A^T)x', quadratic)
  assert.ok(texts(r.math).includes('𝐀'), 'matrices are bold as \\mathbf on the site')
  assert.ok(texts(r.math).includes('⊤'))
  assert.equal(r.readAs, '(A + A^T)·x')

  r = read('x/||x||', norm)
  assert.ok(texts(r.math).includes('‖'))
  r = read('sqrt(x) + x 2', deriv)
  assert.ok(r.ok)
  assert.ok(texts(r.math).includes('·'), 'two numbers side by side get a visible dot')

  r = read('3x^2 +', deriv)
  assert.equal(r.ok, false)
  assert.match(r.message, /末尾/)
})

test('shapeOf: 1-D lists are columns, 1×1 is a scalar', () => {
  assert.equal(shapeOf(2), 'scalar')
  assert.equal(shapeOf([1, 2]), 'column')
  assert.equal(shapeOf([[1], [2]]), 'column')
  assert.equal(shapeOf([[1, 2]]), 'row')
  assert.equal(shapeOf([[1, 2], [3, 4]]), 'matrix')
  assert.equal(shapeOf([[5]]), 'scalar')
})

// --- The CLI and the bundles -------------------------------------------------------

const here = new URL('.', import.meta.url).pathname

test('judge-cli.mjs judges a JSON array from stdin', () => {
  const out = execFileSync(process.execPath, [join(here, 'judge-cli.mjs')], {
    input: JSON.stringify([{ data: twice, input: 'x+x' }, { data: twice, input: 'sin x' }]),
  })
  const results = JSON.parse(out)
  assert.deepEqual(results.map(r => r.verdict), ['correct', 'invalid'])
})

test('no eval or new Function in the sources or the bundles; boot is tiny and has no mathjs', (t) => {
  const sources = readdirSync(here).filter(f => /\.js$/.test(f))
  for (const f of sources) {
    const text = readFileSync(join(here, f), 'utf8')
    assert.doesNotMatch(text, /new Function|\beval\(/, f)
  }
  const out = mkdtempSync(join(tmpdir(), 'answers-'))
  t.after(() => rmSync(out, { recursive: true, force: true }))
  execFileSync(process.execPath, [join(here, 'build.mjs'), out])
  const boot = readFileSync(join(out, 'answer-boot.js'), 'utf8')
  const chunk = readFileSync(join(out, 'answer-check.js'), 'utf8')
  assert.doesNotMatch(boot + chunk, /new Function|\beval\(/)
  assert.ok(boot.length < 4000, `boot is ${boot.length} bytes`)
  assert.match(boot, /answer-check\.js/)
  assert.doesNotMatch(boot, /typed-function|DenseMatrix/)
})

test('a name run together with e takes the power on e only: xe^x is x·e^x', () => {
  const product = scalarProblem('x', XS, x => 2 * x * Math.exp(x) + x * x * Math.exp(x))
  for (const input of ['x^2e^x+2xe^x', '2xe^x + x^2 e^x']) {
    const result = judge(input, product)
    assert.equal(result.verdict, 'correct', `${input}: ${result.message}`)
    assert.ok(result.notes.some(n => n.includes('x·e')), result.notes.join(' '))
  }
})

test('a 2-norm subscript inside a LaTeX fraction leaves the fraction closed', () => {
  for (const input of ['\\frac{x}{\\|x\\|_2}', '\\frac{x}{\\|x\\|_{2}}', '\\dfrac{x}{\\|x\\|}']) {
    const result = judge(input, norm)
    assert.equal(result.verdict, 'correct', `${input}: ${result.message}`)
  }
})

/**
 * The mathjs instance of the answer checker: built with `create()` from only
 * the factories we call, so the bundle carries the parser and the matrix
 * arithmetic and nothing else (no units at the API surface, no BigNumber
 * config, no `evaluate`/`compile`: the reader's tree is walked by core.js).
 * None of these code paths compiles code at run time (the site's CSP has no
 * unsafe-eval); build.mjs and core.test.mjs check the bundle for it.
 */
import {
  create,
  parseDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  transposeDependencies,
} from 'mathjs'

// 'Array': results are plain nested arrays, as in the data block.
// predictable: sqrt(-1) is NaN, never a complex number.
export const math = create(
  { parseDependencies, addDependencies, subtractDependencies, multiplyDependencies, transposeDependencies },
  { matrix: 'Array', predictable: true },
)

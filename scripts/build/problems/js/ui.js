/**
 * The answer box's behaviour once the reader has focused one (this file is
 * the lazy chunk, with core.js and mathjs; boot.js loads it).
 *
 * The preview is MathML built with createElementNS: every browser we target
 * renders MathML natively (Chromium since 109, Firefox, Safari), so the page
 * needs no KaTeX JavaScript or fonts for it. The reader's input only ever
 * reaches the page as `textContent` of MathML or text nodes, never as HTML.
 */
import { judge, read } from './core.js'

const MATHML = 'http://www.w3.org/1998/Math/MathML'
const DEBOUNCE_MS = 150

/** The parsed data block of a form, read once. */
const dataOf = new WeakMap()
function data(form) {
  if (!dataOf.has(form)) dataOf.set(form, JSON.parse(form.dataset.answer))
  return dataOf.get(form)
}

/** Turns core.js's MathML node tree into elements. */
function build(node) {
  const e = document.createElementNS(MATHML, node.tag)
  for (const [k, v] of Object.entries(node.attrs ?? {})) e.setAttribute(k, v)
  if (node.text !== undefined) e.textContent = node.text
  for (const c of node.children ?? []) e.append(build(c))
  return e
}

/** Shows in `.answer-preview` how the current input is read. */
function preview(form) {
  const box = form.querySelector('.answer-preview')
  const input = form.elements.answer
  if (!box) return
  if (!input.value.trim()) {
    box.replaceChildren()
    return
  }
  const r = read(input.value, data(form))
  if (r.ok) {
    const line = document.createElement('span')
    line.textContent = '读作：'
    box.replaceChildren(line, build(r.math))
    box.dataset.state = 'ok'
  } else {
    box.textContent = r.message
    box.dataset.state = 'invalid'
  }
}

/**
 * Makes a form live: preview as the reader types. Safe to call twice.
 * @param {HTMLFormElement} form a `form.answer-check`
 */
export function attach(form) {
  if (form.dataset.answerAttached) return
  form.dataset.answerAttached = ''
  let timer
  form.elements.answer.addEventListener('input', () => {
    // A verdict belongs to the answer it judged, not to the one being typed.
    delete form.dataset.verdict
    form.querySelector('.answer-verdict').textContent = ''
    clearTimeout(timer)
    timer = setTimeout(() => preview(form), DEBOUNCE_MS)
  })
  preview(form)
}

/**
 * Judges the form's current answer, writes the verdict into the form's
 * aria-live element and `data-verdict`, and returns the verdict.
 * @param {HTMLFormElement} form a `form.answer-check`
 * @returns {'correct'|'wrong'|'invalid'|'shape'}
 */
export function check(form) {
  attach(form)
  preview(form)
  const result = judge(form.elements.answer.value, data(form))
  form.querySelector('.answer-verdict').textContent = result.message
  form.dataset.verdict = result.verdict
  return result.verdict
}

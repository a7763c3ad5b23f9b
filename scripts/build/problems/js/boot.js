/**
 * Loaded on every page as `<script type="module">`; kept tiny (no mathjs).
 *
 * Shows the answer boxes (the build emits them `hidden`, so with JavaScript
 * off only the "答案" reveal is there), shows the page's progress from
 * localStorage, and imports the checker chunk on the first focus of a box or
 * the first submit. A submit before the chunk has arrived waits for it.
 */

const CHUNK = new URL('./answer-check.js', import.meta.url).href
let chunk
const load = () => (chunk ??= import(CHUNK))

// --- Progress: solved problem ids per page, in localStorage ----------------

const key = () => `answer-check:${location.pathname}`

function solved() {
  try {
    return JSON.parse(localStorage.getItem(key())) ?? []
  } catch {
    return [] // storage off (private mode) or garbage: start empty
  }
}

function store(ids) {
  try {
    if (ids.length) localStorage.setItem(key(), JSON.stringify(ids))
    else localStorage.removeItem(key())
  } catch {
    // Storage off: progress lasts as long as the page.
  }
}

/** Writes "已完成 k/n" and marks the solved forms. */
function render(forms, bar) {
  const done = solved()
  const count = forms.filter(f => {
    const ok = done.includes(f.dataset.answerId)
    f.toggleAttribute('data-solved', ok)
    return ok
  }).length
  bar.firstChild.textContent = `已完成 ${count}/${forms.length}`
}

/** The page's progress line: the build writes it before the first box (so showing it moves
 *  nothing on the page); an older page without one gets it made here. */
function progressBar(forms) {
  let bar = document.querySelector('.answer-progress')
  if (!bar) {
    bar = document.createElement('p')
    bar.className = 'answer-progress'
    const reset = document.createElement('button')
    reset.type = 'button'
    reset.textContent = '重置'
    bar.append(document.createElement('span'), ' ', reset)
    forms[0].before(bar)
  }
  const reset = bar.querySelector('button')
  reset.setAttribute('aria-label', '重置本页的完成记录')
  reset.addEventListener('click', () => {
    store([])
    render(forms, bar)
  })
  return bar
}

// --- Wiring -----------------------------------------------------------------

function init() {
  const forms = [...document.querySelectorAll('form.answer-check')].filter(f => !f.dataset.answerBoot)
  if (!forms.length) return
  const bar = progressBar(forms)
  render(forms, bar)
  // Hands every box of the page to the chunk once it is there.
  const attachAll = () => load().then(m => {
    forms.forEach(m.attach)
    return m
  })
  for (const form of forms) {
    form.dataset.answerBoot = ''
    form.hidden = false
    form.addEventListener('focusin', attachAll, { once: true })
    form.addEventListener('submit', event => {
      event.preventDefault() // never navigate, loaded or not
      attachAll().then(m => {
        if (m.check(form) === 'correct') {
          const ids = solved()
          if (!ids.includes(form.dataset.answerId)) store([...ids, form.dataset.answerId])
          render(forms, bar)
        }
      }).catch(() => {
        form.querySelector('.answer-verdict').textContent = '检查程序没能运行，请刷新页面再试。'
      })
    })
  }
}

// Material's instant navigation swaps pages without reloading: document$ emits for each page
// (and replays the current one to a late subscriber; init skips boxes it has set up). The
// bundle loads after the first paint (overrides/main.html), so this module usually runs first:
// it sets up the page itself, and subscribes when the bundle announces itself with the
// DOMContentLoaded it fires.
const subscribe = () => {
  if (!window.document$) return false
  window.document$.subscribe(init)
  return true
}
if (!subscribe()) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init, { once: true })
  else init()
  const later = () => {
    if (subscribe()) document.removeEventListener('DOMContentLoaded', later)
  }
  document.addEventListener('DOMContentLoaded', later)
}

"""Answer boxes in Debian's Chromium: every box of the site, typed into as a reader would.

For each box, at least five equivalent correct forms and five wrong answers (the build's derived
mistakes among them, whose hints must show) are typed and submitted with Enter; the verdict is
read from ``data-verdict`` and the ``aria-live`` element. Also: the checker is fetched only when
a box is first focused, nothing breaks the Content-Security-Policy, the reader's input is never
HTML, progress is remembered per page and can be reset, the box is hidden with JavaScript off
while the reveal still opens, and on a phone the input does not zoom and the verdict is in view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from scripts.build.problems import mistakes as m
from tests.browser import CSP_VIOLATIONS, instant_navigation_on, wait_for_material

pytestmark = pytest.mark.browser
OK, WRONG, INVALID, SHAPE = "correct", "wrong", "invalid", "shape"
VERDICTS = re.compile(f"^({OK}|{WRONG}|{INVALID}|{SHAPE})$")

# page → box id → [(input, verdict, text the message must hold)]
CASES: dict[str, dict[str, list[tuple[str, str, str]]]] = {
    "exercises/": {
        "ex1-derivative": [
            ("3x^2 + 1/x^2", OK, ""),
            ("3*x**2 + x^(-2)", OK, ""),
            ("(3x^4+1)/x^2", OK, ""),
            ("\\frac{3x^4+1}{x^2}", OK, ""),
            ("3x²+1/x²", OK, ""),
            ("x^2+2x^2+1/(x*x)", OK, ""),
            ("3x^2 - 1/x^2", WRONG, m.SIGN),
            ("3x^2", WRONG, ""),
            ("3x^2 + 1/x", WRONG, ""),
            ("[3x^2, 1]", SHAPE, ""),
            ("sin x", INVALID, "sin(x)"),
            ("x2", INVALID, "x2"),
        ],
        "ex1-tangent": [
            ("4x-4", OK, ""),
            ("4(x-1)", OK, ""),
            ("4*x - 4", OK, ""),
            ("-4 + 4x", OK, ""),
            ("2(2x-2)", OK, ""),
            ("2x - 2", WRONG, "斜率算成了 2"),
            ("4x + 4", WRONG, ""),
            ("4x", WRONG, ""),
            ("3x - 3", WRONG, ""),
            ("y", INVALID, "y"),
        ],
        "ex2": [
            ("[6x_1, 5e^(x_2)]", OK, ""),
            ("(6x1, 5exp(x2))", OK, ""),
            ("[6*x_1; 5*e^x_2]", OK, ""),
            ("\\begin{bmatrix}6x_1\\\\5e^{x_2}\\end{bmatrix}", OK, ""),
            ("[[6x_1],[5e^{x_2}]]", OK, ""),
            ("[3x_1+3x_1, 5exp(x_2)]", OK, ""),
            ("[6x_1, 10x_2 e^(x_2^2)]", WRONG, "抄错的题目"),
            ("[-6x_1, 5e^(x_2)]", WRONG, m.SIGN),
            ("[3x_1^2, 5e^(x_2)]", WRONG, ""),
            ("6x_1 + 5e^(x_2)", SHAPE, ""),
            ("[6x_1, 5e^(x_2)]^T", SHAPE, ""),
        ],
        "ex3": [
            ("x/||x||", OK, ""),
            ("x/norm(x)", OK, ""),
            ("x/sqrt(x^T x)", OK, ""),
            ("x*(x'x)^(-1/2)", OK, ""),
            ("\\frac{x}{\\|x\\|_2}", OK, ""),
            ("(1/||x||) x", OK, ""),
            ("2x", WRONG, m.NORM_KEPT),
            ("x", WRONG, ""),
            ("x/||x||^2", WRONG, ""),
            ("x^T/||x||", SHAPE, ""),
            ("||x||", SHAPE, ""),
        ],
    },
    "derivative/": {
        "d-product": [
            ("2x e^x + x^2 e^x", OK, ""),
            ("(x^2+2x)exp(x)", OK, ""),
            ("x(x+2)e^x", OK, ""),
            ("e^x*(x**2+2*x)", OK, ""),
            ("x^2e^x+2xe^x", OK, ""),
            ("-x(x+2)e^x", WRONG, m.SIGN),
            ("2x e^x", WRONG, ""),
            ("x^2 e^x", WRONG, ""),
            ("2x e^x - x^2 e^x", WRONG, ""),
            ("2e^x", WRONG, ""),
        ],
        "d-chain": [
            ("2x/(x^2+1)", OK, ""),
            ("2*x/(1+x**2)", OK, ""),
            ("\\frac{2x}{x^2+1}", OK, ""),
            ("(2x)(x^2+1)^(-1)", OK, ""),
            ("2x/(x²+1)", OK, ""),
            ("1/(x^2+1)", WRONG, m.INNER),
            ("-2x/(x^2+1)", WRONG, m.SIGN),
            ("2x/(x^2+1)^2", WRONG, ""),
            ("ln(2x)", WRONG, ""),
            ("2x", WRONG, ""),
        ],
        "d-quotient": [
            ("(1-x^2)/(x^2+1)^2", OK, ""),
            ("(1-x^2)/(x^4+2x^2+1)", OK, ""),
            ("1/(x^2+1) - 2x^2/(x^2+1)^2", OK, ""),
            ("\\frac{1-x^2}{(1+x^2)^2}", OK, ""),
            ("-(x^2-1)/(x^2+1)^2", OK, ""),
            ("(x^2-1)/(x^2+1)^2", WRONG, m.SIGN),
            ("1/(2x)", WRONG, ""),
            ("(1+x^2)/(x^2+1)^2", WRONG, ""),
            ("(1-x^2)/(x^2+1)", WRONG, ""),
            ("1", WRONG, ""),
        ],
        "d-value": [
            ("8", OK, ""),
            ("8.0", OK, ""),
            ("16/2", OK, ""),
            ("6*2-4", OK, ""),
            ("2^3", OK, ""),
            ("4", WRONG, "f(2)"),
            ("-8", WRONG, m.SIGN),
            ("2", WRONG, ""),
            ("12", WRONG, ""),
            ("x", INVALID, "x"),
        ],
    },
    "partial/": {
        "p-polynomial": [
            ("2x_1 x_2", OK, ""),
            ("2*x1*x2", OK, ""),
            ("x_1 x_2 + x_1 x_2", OK, ""),
            ("2x_2 x_1", OK, ""),
            ("(x_1+x_1)x_2", OK, ""),
            ("2x_1 x_2 + 3x_2^2", WRONG, "是常数"),
            ("-2x_1x_2", WRONG, m.SIGN),
            ("x_1^2", WRONG, ""),
            ("2x_1", WRONG, ""),
            ("3x_2^2", WRONG, ""),
        ],
        "p-exp": [
            ("x_1 e^(x_1 x_2)", OK, ""),
            ("x1*exp(x1*x2)", OK, ""),
            ("x_1\\exp(x_1x_2)", OK, ""),
            ("e^(x_1x_2)*x_1", OK, ""),
            ("x_1 e^{x_2 x_1}", OK, ""),
            ("e^(x_1 x_2)", WRONG, m.INNER),
            ("-x_1e^(x_1x_2)", WRONG, m.SIGN),
            ("x_2 e^(x_1x_2)", WRONG, ""),
            ("x_1", WRONG, ""),
            ("x_1 x_2 e^(x_1x_2)", WRONG, ""),
        ],
        "p-quotient": [
            ("-x_1/x_2^2", OK, ""),
            ("-x1*x2^(-2)", OK, ""),
            ("-\\frac{x_1}{x_2^2}", OK, ""),
            ("x_1/(-x_2^2)", OK, ""),
            ("-(x_1/x_2)/x_2", OK, ""),
            ("x_1/x_2^2", WRONG, m.SIGN),
            ("1/x_2", WRONG, ""),
            ("-x_1/x_2", WRONG, ""),
            ("-1/x_2^2", WRONG, ""),
            ("x_1 x_2", WRONG, ""),
        ],
    },
    "gradient/": {
        "g-quadratic": [
            ("(A+A^T)x", OK, ""),
            ("Ax + A^T x", OK, ""),
            ("A x + A' x", OK, ""),
            ("(A + transpose(A)) x", OK, ""),
            ("A^\\top x + A x", OK, ""),
            ("(A^T+A)*x", OK, ""),
            ("2Ax", WRONG, m.SYMMETRIC),
            ("Ax", WRONG, m.ONE_TERM),
            ("2A^T x", WRONG, m.TRANSPOSE),
            ("x^T(A+A^T)", SHAPE, ""),
            ("x^T A x", SHAPE, ""),
            ("x A", INVALID, ""),
        ],
        "g-norm-ax": [
            ("2A^T A x", OK, ""),
            ("2*A'*A*x", OK, ""),
            ("A^T(2Ax)", OK, ""),
            ("2 transpose(A) A x", OK, ""),
            ("(A^TA + A^TA)x", OK, ""),
            ("2Ax", WRONG, m.INNER),
            ("2AAx", WRONG, m.SYMMETRIC),
            ("2A^TA^Tx", WRONG, m.TRANSPOSE),
            ("A^TAx", WRONG, ""),
            ("2x^TA^TA", SHAPE, ""),
        ],
        "g-norm": [
            ("2x", OK, ""),
            ("x+x", OK, ""),
            ("2*x", OK, ""),
            ("x*2", OK, ""),
            ("2\\mathbf{x}", OK, ""),
            ("x/||x||", WRONG, m.NORM_FORGOTTEN),
            ("x", WRONG, ""),
            ("-2x", WRONG, ""),
            ("2x^T", SHAPE, ""),
            ("||x||^2", SHAPE, ""),
        ],
    },
    "chain-rule/": {
        "c-power": [
            ("10x(x^2+1)^4", OK, ""),
            ("5(x^2+1)^4*2x", OK, ""),
            ("10*x*(1+x**2)**4", OK, ""),
            ("2x*5*(x^2+1)^4", OK, ""),
            ("(x^2+1)^4 * 10 x", OK, ""),
            ("5(x^2+1)^4", WRONG, m.INNER),
            ("-10x(x^2+1)^4", WRONG, m.SIGN),
            ("10x(x^2+1)^5", WRONG, ""),
            ("5x(x^2+1)^4", WRONG, ""),
            ("2x", WRONG, ""),
        ],
        "c-exp": [
            ("-2x e^(-x^2)", OK, ""),
            ("-2x*exp(-x**2)", OK, ""),
            ("-2x/e^(x^2)", OK, ""),
            ("-\\frac{2x}{e^{x^2}}", OK, ""),
            ("(-2x)e^{-x^2}", OK, ""),
            ("e^(-x^2)", WRONG, m.INNER),
            ("2x e^(-x^2)", WRONG, m.SIGN),
            ("-e^(-x^2)", WRONG, ""),
            ("-2xe^(x^2)", WRONG, ""),
            ("-x^2 e^(-x^2)", WRONG, ""),
        ],
        "c-value": [
            ("1/sqrt(2)", OK, ""),
            ("sqrt(2)/2", OK, ""),
            ("0.70710678", OK, ""),
            ("2^(-1/2)", OK, ""),
            ("\\frac{\\sqrt{2}}{2}", OK, ""),
            ("1/(2sqrt(2))", WRONG, m.INNER),
            ("-1/sqrt(2)", WRONG, m.SIGN),
            ("sqrt(2)", WRONG, ""),
            ("1/2", WRONG, ""),
            ("0.7", WRONG, ""),
        ],
    },
}
TEXTBOOK_IDS = ["ex1-derivative", "ex1-tangent", "ex2", "ex3"]


@pytest.fixture
def context(browser: Any, base: str, built_site: Path) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_context(**options: Any) -> Any:
        made = browser.new_context(**options)
        made.add_init_script(CSP_VIOLATIONS)
        instant_navigation_on(made, base, built_site)
        contexts.append(made)
        return made

    yield open_context
    for made in contexts:
        made.close()


def _submit(form: Any, text: str) -> tuple[str, str]:
    """Type ``text`` into the box, press Enter; the verdict and its message."""
    form.evaluate("f => f.removeAttribute('data-verdict')")
    box = form.locator("input")
    box.fill(text)
    box.press("Enter")
    expect(form).to_have_attribute("data-verdict", VERDICTS)
    return form.get_attribute("data-verdict"), form.locator("[aria-live=polite]").inner_text()


def test_every_box_of_the_site_is_exercised() -> None:
    sources = Path(__file__).parents[1] / "docs"
    ids = {}
    for page in sorted(sources.glob("*.md")):
        for line in page.read_text(encoding="utf-8").split("\n"):
            if line.startswith("<!-- md:problem "):
                ids[line.split()[2]] = page.stem
    tested = {box for boxes in CASES.values() for box in boxes}
    assert tested == set(ids)
    assert set(TEXTBOOK_IDS) <= tested
    for cases in (c for boxes in CASES.values() for c in boxes.values()):
        assert sum(v == OK for _, v, _ in cases) >= 5
        assert sum(v != OK for _, v, _ in cases) >= 5


@pytest.mark.parametrize("url", list(CASES))
def test_typed_answers_get_the_right_verdict(context: Any, base: str, url: str) -> None:
    page = context(viewport={"width": 1280, "height": 900}).new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(base + url, wait_until="networkidle")
    assert not any(r.endswith("/answer-check.js") for r in requests)  # not before a focus
    wrong: list[str] = []
    for box, cases in CASES[url].items():
        form = page.locator(f'form.answer-check[data-answer-id="{box}"]')
        expect(form.locator("label")).to_contain_text("你的答案")
        for text, verdict, message in cases:
            got, said = _submit(form, text)
            if got != verdict or message not in said:
                wrong.append(f"{box}: {text!r} → {got}: {said}")
    assert wrong == []
    assert any(r.endswith("/answer-check.js") for r in requests)
    assert page.evaluate("window.__csp || []") == []
    assert errors == []


def test_boxes_work_on_pages_reached_by_instant_navigation(context: Any, base: str) -> None:
    """answer-boot.js sets up the first page before Material's bundle arrives (it loads after
    the first paint) and joins the bundle's instant navigation once it has: each box is set up
    once, and a box on a page reached without a reload checks answers."""
    page = context(viewport={"width": 1280, "height": 900}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "gradient/")
    wait_for_material(page)
    page.wait_for_load_state("networkidle")  # the bundle has the sitemap instant navigation needs
    page.evaluate("window.__same_document = true")
    page.locator(".md-nav--primary a[href$='exercises/']").first.click()
    expect(page).to_have_url(re.compile(r"/exercises/$"))
    assert page.evaluate("window.__same_document") is True  # no reload
    box, cases = next(iter(CASES["exercises/"].items()))
    form = page.locator(f'form.answer-check[data-answer-id="{box}"]')
    expect(form).to_be_visible()
    answer = next(text for text, verdict, _ in cases if verdict == OK)
    assert _submit(form, answer)[0] == OK
    page.go_back()
    expect(page).to_have_url(re.compile(r"/gradient/$"))
    forms = page.locator("form.answer-check")
    assert forms.count() > 0
    assert page.locator(".answer-progress").count() == 1  # set up once, not twice
    assert errors == []


def test_preview_typesets_the_input_as_math_and_never_as_html(context: Any, base: str) -> None:
    page = context().new_page()
    page.goto(base + "gradient/")
    form = page.locator('form[data-answer-id="g-quadratic"]')
    form.locator("input").fill("(A+A^T)x")
    expect(form.locator(".answer-preview math")).to_have_count(1)
    verdict, _ = _submit(form, '<img src=x onerror="window.__pwned=1">')
    assert verdict == INVALID
    assert form.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__csp || []") == []


def test_progress_is_remembered_per_page_and_can_be_reset(context: Any, base: str) -> None:
    page = context().new_page()
    page.goto(base + "derivative/")
    progress = page.locator(".answer-progress")
    expect(progress).to_contain_text("已完成 0/4")
    _submit(page.locator('form[data-answer-id="d-value"]'), "8")
    _submit(page.locator('form[data-answer-id="d-chain"]'), "2x/(x^2+1)")
    expect(progress).to_contain_text("已完成 2/4")
    page.reload()
    expect(progress).to_contain_text("已完成 2/4")
    page.goto(base + "partial/")
    expect(page.locator(".answer-progress")).to_contain_text("已完成 0/3")
    page.goto(base + "derivative/")
    page.locator(".answer-progress button").click()
    expect(progress).to_contain_text("已完成 0/4")


def test_without_javascript_the_box_is_hidden_and_the_reveal_opens(context: Any, base: str) -> None:
    page = context(java_script_enabled=False).new_page()
    page.goto(base + "gradient/")
    assert page.locator("form.answer-check").count() == 3
    expect(page.locator("form.answer-check").first).to_be_hidden()
    expect(page.locator(".answer-progress")).to_be_hidden()
    reveal = page.locator("details:has(summary:text-is('答案（由 sympy 在构建时算出）'))").first
    reveal.locator("> summary").click()
    expect(reveal.locator(".katex").first).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_box_does_not_zoom_and_the_verdict_is_in_view(
    context: Any, base: str, scheme: str
) -> None:
    page = context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True,
                   color_scheme=scheme).new_page()  # fmt: skip
    page.goto(base + "exercises/")
    form = page.locator('form[data-answer-id="ex2"]')
    box = form.locator("input")
    size = box.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 16  # below 16 px a phone zooms in on focus
    colors = box.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert colors[0] != colors[1]
    box.focus()
    verdict, _ = _submit(form, "[6x_1, 5e^(x_2)]")
    assert verdict == OK
    rect = form.locator(".answer-verdict").bounding_box()
    assert rect is not None and 0 <= rect["y"] and rect["y"] + rect["height"] <= 667

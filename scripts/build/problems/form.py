"""A solved problem → the Markdown of its answer box and its reveal.

The box is the contract the browser code (``js/``) and the tests rely on: ``<form
class="answer-check" data-answer-id>`` with a labelled input, a submit button, a preview, an
``aria-live`` verdict and the sample data as JSON in the form's ``data-answer`` attribute. Not
in a ``<script type="application/json">``: Material's instant navigation re-creates every
script of the page it brings in without its attributes, which turned such a block into an
inline script the CSP blocks, and left the checker without its data. The reveal's formula is
a claim, verified like every other one.

With JavaScript off (Material's ``no-js`` class stays on ``<html>``) the stylesheet hides the
boxes and the progress line: a reader still has the reveal. They are not ``hidden`` in the HTML,
so that showing them moves nothing once the page is drawn (CLS 0).
"""

from __future__ import annotations

import html
import json
from typing import Any

from .source import FoundProblem


def box_html(problem: FoundProblem, data: dict[str, Any]) -> str:
    """The answer box: one raw-HTML block (no blank line inside, so Markdown leaves it be)."""
    ident = html.escape(problem.id, quote=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # The math step must not read a $ in it.
    payload = html.escape(payload.replace("$", "\\u0024"), quote=True)
    label = html.escape(problem.label) if problem.label else f"${problem.ask}$"
    return "\n".join([
        f'<form class="answer-check" data-answer-id="{ident}" data-answer="{payload}" '
        "data-search-exclude>",
        f'<label for="answer-{ident}">你的答案：<span class="answer-ask">{label}</span>'
        " =</label>",
        f'<div class="answer-row"><input id="answer-{ident}" name="answer" type="text" '
        'autocomplete="off" autocapitalize="off" autocorrect="off" spellcheck="false" '
        'enterkeyhint="done"><button type="submit">检查</button></div>',
        '<div class="answer-preview" aria-hidden="true"></div>',
        '<p class="answer-verdict" aria-live="polite"></p>',
        "</form>",
    ])  # fmt: skip


def reveal_markdown(problem: FoundProblem, answer_tex: str) -> str:
    """The collapsed answer: the formula ``ask = answer`` and its claim directive."""
    args = ""
    if problem.given:
        args += " given " + "; ".join(problem.given)
    if problem.where:
        args += " where " + "; ".join(f"{n}: {s}" for n, s in problem.where)
    return "\n".join([
        '??? success "答案（由 sympy 在构建时算出）"',
        "",
        "    $$",
        f"    {problem.ask} = {answer_tex}",
        "    $$",
        f"    <!-- md:claim{args} -->",
    ])  # fmt: skip


def problem_markdown(problem: FoundProblem, result: dict[str, Any]) -> str:
    """Box, then reveal (unless the page shows the answer itself), at the block's indent."""
    parts = [box_html(problem, result["data"])]
    if problem.reveal:
        parts.append(reveal_markdown(problem, result["answer_tex"]))
    text = "\n\n".join(parts)
    return "\n".join(problem.indent + line if line else line for line in text.split("\n"))


def progress_html(count: int) -> str:
    """The page's progress line, before its first box; ``answer-boot.js`` fills it in."""
    return (
        f'<p class="answer-progress" data-search-exclude><span>已完成 0/{count}</span> '
        '<button type="button">重置</button></p>'
    )

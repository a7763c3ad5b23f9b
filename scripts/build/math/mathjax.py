"""MathJax commands that Obsidian notes use, mapped onto KaTeX; the rest named as errors.

Why: Obsidian renders math with MathJax, the site with KaTeX (at build time). A note that
previews well in Obsidian may use a command KaTeX lacks: ``\\mbox{…}`` is one met in a real vault.
Those with a KaTeX equivalent that looks the same are given to KaTeX as ``macros`` (part of its
options, hence of every cache key); the formula keeps its TeX as written (the MathML annotation
and the search index show ``\\mbox``). Commands that change how a formula looks in MathJax and have
no such equivalent (``\\bbox``, ``\\style``, ``\\unicode``, ``\\eqref``, …) are not guessed at: the
build stops naming the command, the file and the line (``explain``).
"""

from __future__ import annotations

import re

# MathJax command → KaTeX macro with the same look. ``\@secondoftwo`` is KaTeX's own.
MACROS: dict[str, str] = {
    "\\mbox": "\\text{#1}",  # MathJax: a text box, as \text
    "\\displaylines": "\\begin{gathered}#1\\end{gathered}",  # centred lines
    "\\label": "\\@secondoftwo{#1}{}",  # MathJax shows nothing for a label
    "\\require": "\\@secondoftwo{#1}{}",  # loads a MathJax extension; KaTeX has them built in
    "\\class": "\\@secondoftwo{#1}{#2}",  # a CSS class no site stylesheet defines
    "\\cssId": "\\@secondoftwo{#1}{#2}",
    "\\strut": "\\vphantom{(}",
}

_UNDEFINED_RE = re.compile(r"Undefined control sequence: (\\[A-Za-z@]+|\\.)")
_ENVIRONMENT_RE = re.compile(r"No such environment: ([A-Za-z*]+)")


def explain(katex_message: str) -> str | None:
    """A reason that names the command KaTeX does not know, or None for other TeX errors.

    >>> explain("KaTeX parse error: Undefined control sequence: \\\\bbox at position 1: …")
    '\\\\bbox is not supported by KaTeX (Obsidian shows it with MathJax); supported MathJax-only commands: \\\\class, \\\\cssId, \\\\displaylines, \\\\label, \\\\mbox, \\\\require, \\\\strut'
    >>> explain("KaTeX parse error: Expected '}', got 'EOF'") is None
    True
    """
    supported = ", ".join(sorted(MACROS, key=str.lower))
    command = _UNDEFINED_RE.search(katex_message)
    if command:
        name = command[1]
    else:
        environment = _ENVIRONMENT_RE.search(katex_message)
        if not environment:
            return None
        name = f"\\begin{{{environment[1]}}}"
    return (
        f"{name} is not supported by KaTeX (Obsidian shows it with MathJax); "
        f"supported MathJax-only commands: {supported}"
    )

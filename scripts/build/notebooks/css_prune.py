"""Cut a stylesheet down to the rules that can apply to the pages that use it.

nbconvert's JupyterLab template brings about 600 kB of CSS (Blueprint, Lumino, every JupyterLab
widget, 80 kB of icons) for a page that uses some 200 of its classes. Served whole it is the
largest render-blocking file of a notebook page. tinycss2 (already here through nbconvert) parses
it; the decision is ours, and deliberately simple and conservative: a selector stays unless it
names a class that the pages never carry. ``:not(…)``/``:is(…)`` arguments are not required to be
present, dynamic states (``:hover``) are kept, and classes with a prefix in ``always`` stay
because scripts add them after load (Material wraps tables in ``md-typeset__scrollwrap``).
A PurgeCSS-style tool would need Node packages this build does not otherwise have.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import tinycss2

_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# Arguments of these may name absent classes without the selector failing to match.
_ARGUMENTS = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
# A :root after another compound selector can never match (nbconvert scopes ":root" rules
# under .jupyter-wrapper, which makes them dead).
_NESTED_ROOT = re.compile(r"\S\s*:root\b")


def html_classes(html: str) -> set[str]:
    """Every class named in ``html``'s class attributes.

    >>> sorted(html_classes('<div class="a b"><span class="c">x</span></div>'))
    ['a', 'b', 'c']
    """
    return {name for value in _CLASS_ATTR.findall(html) for name in value.split()}


def selector_can_match(selector: str, classes: Collection[str], always: tuple[str, ...]) -> bool:
    """False when ``selector`` needs a class the pages never carry.

    >>> selector_can_match(".w .a:hover > .b::after", {"w", "a", "b"}, ())
    True
    >>> selector_can_match(".w .bp3-menu", {"w"}, ())
    False
    >>> selector_can_match(".w :is(.x, .y) .md-typeset__scrollwrap", {"w"}, ("md-",))
    True
    >>> selector_can_match(".w :root", {"w"}, ())
    False
    """
    if _NESTED_ROOT.search(selector):
        return False
    needed = _CLASS.findall(_ARGUMENTS.sub("", selector))
    return all(name in classes or name.startswith(always) for name in needed)


def prune_stylesheet(css: str, classes: Collection[str], always: tuple[str, ...] = ()) -> str:
    """``css`` with only the selectors that can match; rules left without one go, and so do
    empty ``@media`` blocks, ``@charset`` and what does not parse (a browser drops it too).

    >>> prune_stylesheet(".a, .b { color: red } @media print { .b { x: y } } .a{z:w}", {"a"})
    '.a{ color: red }\\n.a{z:w}'
    """
    return "\n".join(_prune(tinycss2.parse_stylesheet(css, True, True), classes, always))


def _prune(rules: list, classes: Collection[str], always: tuple[str, ...]) -> list[str]:  # type: ignore[type-arg]
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                selector
                for selector in _split_selectors(rule.prelude)
                if selector_can_match(selector, classes, always)
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
            inner = _prune(tinycss2.parse_rule_list(rule.content, True, True), classes, always)
            if inner:
                kept.append(f"@media{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
            kept.append(rule.serialize())  # @keyframes, @font-face, @supports: small, kept
    return kept


def _split_selectors(prelude: list) -> list[str]:  # type: ignore[type-arg]
    """The selectors of a rule's selector list. Commas inside ``:is(…)`` are nested tokens in
    tinycss2's tree, so only the list's own commas are seen here."""
    selectors: list[list] = [[]]  # type: ignore[type-arg]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [tinycss2.serialize(tokens).strip() for tokens in selectors]

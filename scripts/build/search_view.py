"""The page as Material's search reads it: without the blocks it would parse only to skip.

Search excludes every element marked ``data-search-exclude`` (claim marks, answer boxes), but
its HTML parser still walks each of their tags, and a claim mark holds dozens: at book scale that
walk was a large share of the build. Removing them from the copy search reads gives the same
index for less work; the page itself keeps them (``scripts/hooks.py`` swaps the content back).
"""

from __future__ import annotations

import re

from scripts.build.claims.mark import MARK_OPEN

_EXCLUDED = re.compile(
    rf"{re.escape(MARK_OPEN)}.*?</details>"
    r'|<form class="answer-check"[^>]*data-search-exclude>.*?</form>'
    r'|<p class="answer-progress" data-search-exclude>.*?</p>',
    re.S,
)


def for_search(content: str) -> str:
    """``content`` without the blocks search excludes.

    >>> for_search('<p>a</p><details class="claim-check" data-search-exclude><ul><li>x</li></ul></details>')
    '<p>a</p>'
    """
    return _EXCLUDED.sub("", content)

"""Make mkdocs-jupyter's notebook pages behave like the site's other pages.

mkdocs-jupyter renders a notebook through nbconvert's JupyterLab template, which (1) loads
MathJax and Mermaid from CDNs, (2) leaves math in Markdown as ``$…$`` text for MathJax to find,
(3) inlines about 600 kB of JupyterLab CSS into every notebook page and (4) links the notebook's
way back to the site by its absolute address. Here: the CDN scripts are dropped; the math in
rendered Markdown (cells and outputs) goes into the build's one KaTeX batch like any page's;
the CSS becomes one shared, cacheable stylesheet linked from the content (so instant
navigation brings it along); links to this site become relative. mkdocs-jupyter has no
options for these, hence this module.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re

from scripts.math_extract import Formula, placeholder

_CDN_SCRIPTS = re.compile(
    r'<script src="">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*cdnjs\.cloudflare\.com.*?</script>',
    re.S,
)
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_DIV = re.compile(r"<(/?)div\b[^>]*>")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?![\s$])([^$<>]+?)(?<![\s\\])\$(?!\$)")
STYLESHEET_DIR = "assets/notebooks"


def strip_cdn_scripts(content: str) -> str:
    """Remove the MathJax and Mermaid loaders nbconvert's template adds.

    >>> strip_cdn_scripts('a<script src=""> </script>b<script type="text/x-mathjax-config">x</script>c')
    'abc'
    """
    return _CDN_SCRIPTS.sub("", content)


def take_styles(content: str) -> tuple[str, str]:
    """Split the inline ``<style>`` blocks off: (content without them, their CSS joined)."""
    css = "\n".join(block.strip() for block in _STYLE.findall(content))
    return _STYLE.sub("", content), css


def stylesheet_name(css: str) -> str:
    """The site path of a stylesheet with this CSS: named by its hash, so it caches forever."""
    return f"{STYLESHEET_DIR}/{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"


def markdown_regions(content: str) -> list[tuple[int, int]]:
    """Spans of the rendered-Markdown blocks (cells and outputs), where math may be.

    Code cells are left alone: a ``$`` in code is code.

    >>> markdown_regions('<div class="jp-RenderedMarkdown"><div>x</div>$a$</div><div>$b$</div>')
    [(0, 54)]
    """
    regions, stack = [], []
    for tag in _DIV.finditer(content):
        if not tag[1]:
            stack.append((tag.start(), "jp-RenderedMarkdown" in tag[0]))
        elif stack:
            start, is_markdown = stack.pop()
            if is_markdown and not any(m for _, m in stack):
                regions.append((start, tag.end()))
    return regions


def extract_math(content: str, origin: str, formulas: list[Formula]) -> str:
    """Replace the math in rendered Markdown with the build's placeholders.

    >>> found: list[Formula] = []
    >>> extract_math('<div class="jp-RenderedMarkdown"><p>$x &lt; 1$</p></div><pre>$y$</pre>', "nb", found)
    '<div class="jp-RenderedMarkdown"><p>xkatexph0x</p></div><pre>$y$</pre>'
    >>> [(f.tex, f.display) for f in found]
    [('x < 1', False)]
    """

    def swap(display: bool) -> object:
        def replace(match: re.Match[str]) -> str:
            formulas.append(Formula(html.unescape(match[1]), display, origin, 0))
            return placeholder(len(formulas) - 1)

        return replace

    parts, at = [], 0
    for start, end in markdown_regions(content):
        region = _DISPLAY.sub(swap(True), content[start:end])  # type: ignore[arg-type]
        region = _INLINE.sub(swap(False), region)  # type: ignore[arg-type]
        parts += [content[at:start], region]
        at = end
    return "".join([*parts, content[at:]])


def relative_site_links(content: str, site_url: str, page_url: str) -> str:
    """Links to this site's own address become relative, so they work offline and locally.

    >>> relative_site_links('<a href="https://x.io/gradient/">', "https://x.io/", "notebooks/gradient/")
    '<a href="../../gradient/">'
    """
    if not site_url:
        return content
    prefix = re.escape(site_url.rstrip("/") + "/")

    def relative(match: re.Match[str]) -> str:
        target = posixpath.relpath("/" + match[1], "/" + page_url)
        return f'href="{target}{"/" if match[1].endswith("/") else ""}"'

    return re.sub(rf'href="{prefix}([^"#]*)"', relative, content)


NO_ALT = 'alt="No description has been provided for this image"'


def image_alts(notebook: dict) -> list[str]:  # type: ignore[type-arg]
    """The alt text of each PNG output, in order (set by ``_notebook.save_plot``)."""
    return [
        output.get("metadata", {}).get("image/png", {}).get("alt", "")
        for cell in notebook.get("cells", [])
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]


def fill_image_alts(content: str, alts: list[str]) -> str:
    """nbconvert gives every image the same stand-in alt text; give each its own, in order.

    >>> fill_image_alts(f'<img {NO_ALT} src="a"><img {NO_ALT} src="b">', ["曲线", ""])
    '<img alt="曲线" src="a"><img alt="No description has been provided for this image" src="b">'
    """
    pending = iter(alts)

    def own(match: re.Match[str]) -> str:
        alt = next(pending, "")
        return f'alt="{html.escape(alt)}"' if alt else match[0]

    return re.sub(re.escape(NO_ALT), own, content)


def prepare_page(
    content: str,
    *,
    page_id: str,
    page_url: str,
    site_url: str,
    notebook: dict,  # type: ignore[type-arg]
    formulas: list[Formula],
) -> tuple[str, str, str]:
    """All of the above for one notebook page: (its content, stylesheet site path, its CSS).

    The stylesheet is linked from the content itself, so instant navigation brings it along.
    """
    content, css = take_styles(strip_cdn_scripts(content))
    name = stylesheet_name(css)
    content = extract_math(content, f"{page_id} (executed notebook)", formulas)
    content = relative_site_links(content, site_url, page_url)
    content = fill_image_alts(content, image_alts(notebook))
    href = posixpath.relpath(name, page_url or ".")
    return f'<link rel="stylesheet" href="{href}">\n{content}', name, css

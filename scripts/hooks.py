"""MkDocs hooks: wires the build steps together and holds no logic of its own.

MkDocs loads this file once per ``mkdocs serve`` process, so all per-build state is created
afresh in ``on_config``.

Order of one build: ``on_files`` first translates every note's Obsidian syntax (comments,
callouts, wikilinks, embeds, tags: ``scripts/build/obsidian``) line for line, so every later
stage and MkDocs itself (``on_page_read_source``) read the translation; then it runs the snippets
the pages use (or takes them from the cache), solves the practice problems with sympy, checks
every claim (the answers' among them), adds their artifacts and
KaTeX's assets as site files, and gives notes missing from the nav a place in it →
``on_page_markdown`` takes the math out of each page, swaps directives for artifacts, answer
boxes and marks,
and transcludes embedded notes (each part through the same steps) → ``on_page_content`` boxes
each data table and prepares a notebook's page → ``on_env`` (after every page is converted)
renders all math of the build in one KaTeX batch → ``on_page_context`` shows Material's search each formula as its TeX, then fills the
rendered math into the page before its template is rendered → ``on_post_build`` writes the
notebooks' files and puts V8's compile hint on Material's bundle.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.build import csp
from scripts.build.bundle_compile_hint import add_compile_hint
from scripts.build.claims.pages import ClaimBuild
from scripts.build.data_tables import box_data_tables
from scripts.build.directives import Directive
from scripts.build.held_marks import HeldMarks
from scripts.build.math.katex_assets import add_katex_assets, inline_stylesheet
from scripts.build.math.katex_fonts import site_fonts
from scripts.build.math.katex_preload import add_font_preloads
from scripts.build.math.katex_render import KatexRenderer
from scripts.build.math.pages import MathPages
from scripts.build.notebooks.build import NotebookBuild, ready_marker
from scripts.build.notebooks.pages import mark_out_of_date, prepare_page
from scripts.build.notebooks.styles import SITE_STYLESHEET, NotebookStyles
from scripts.build.obsidian.pages import ObsidianBuild
from scripts.build.page_inputs import PageInputs, allow_dirty_builds
from scripts.build.problems.bundle import add_answer_assets
from scripts.build.problems.pages import ProblemBuild
from scripts.build.search_view import for_search
from scripts.build.serve_watch import watch_without_polling
from scripts.build.snippets import forked as forked_snippets
from scripts.build.snippets.build import SnippetBuild, snippets_dir


class _Build:
    """Everything one build knows; replaced in ``on_config``."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.obsidian = ObsidianBuild()
        self.math = MathPages(KatexRenderer())
        self.snippets = SnippetBuild(forked=_forked)
        self.claims = ClaimBuild()
        self.marks = HeldMarks()  # claim marks' content, while Markdown converts their page
        self.problems = ProblemBuild(self.claims.digest)
        self.notebooks = NotebookBuild(snippets_dir(), config.site_url or "/", deferred=_serving)
        self.notebook_styles = NotebookStyles()
        self.notebook_files: dict[str, bytes] = {}  # site path → stylesheet or plot of notebooks
        self.unfilled: dict[str, str] = {}  # page → its HTML with math placeholders
        self.policy = csp.SitePolicy()
        self.katex_css = ""  # KaTeX's stylesheet as each page carries it inline
        self.font_files: dict[str, str] = {}  # KaTeX font → its served file name


_build: _Build | None = None
_serving = False
_dirty = False
_forked = False  # snippets run in children of the preloaded fork server (serve only)
_page_inputs = PageInputs()  # kept across the rebuilds of one `mkdocs serve --dirty`


def on_startup(command: str, dirty: bool) -> None:
    global _serving, _dirty, _forked
    _serving = command == "serve"
    _dirty = dirty
    _forked = _serving and forked_snippets.available()
    if _forked:
        forked_snippets.start()  # an edited snippet then runs without importing its libraries
    if dirty:
        allow_dirty_builds()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    watch_without_polling(server)
    # A notebook executed after the pages were served: rebuild to show it.
    ready = ready_marker()
    ready.parent.mkdir(parents=True, exist_ok=True)
    server.watch(str(ready.parent))
    return server


def _current() -> _Build:
    assert _build is not None, "on_config has not run"
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = _Build(config)
    return config


# Before mkdocs-jupyter's on_files (priority 0), so it sees the generated notebooks as pages.
@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    build.obsidian.collect(files, config)
    add_answer_assets(files, config)
    build.snippets.collect(files, build.obsidian.source)
    build.snippets.run()
    build.snippets.add_files(files, config)
    build.problems.collect(files, build.obsidian.source)
    build.problems.solve()
    build.claims.collect(
        files,
        lambda page: build.snippets.shown_markdown(page) + build.problems.shown_markdown(page),
        build.obsidian.source,
    )
    build.claims.check()
    build.notebooks.run()
    build.notebooks.add_files(files, config)
    build.obsidian.add_files(files, config)
    build.obsidian.nav(config, files)
    if _dirty:  # rebuild each page whose text, snippets, boxes, embedded notes or nav changed
        nav = repr(config.nav)
        _page_inputs.outdate(files, {
            f.src_uri: [nav, build.obsidian.source(f), build.snippets.inputs(f.src_uri),
                        build.problems.inputs(f.src_uri), build.obsidian.inputs(f.src_uri)]
            for f in files.documentation_pages()
        })  # fmt: skip
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    if not page.file.src_uri.endswith(".md"):
        return None
    return _current().obsidian.source(page.file)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    page_id = page.file.src_uri
    if page_id.endswith(".ipynb"):
        return markdown  # a notebook: mkdocs-jupyter converts it, not Markdown
    origin = os.path.relpath(page.file.abs_src_path or page.file.src_uri)
    build.obsidian.page_tags(page_id, page.meta)  # inline #tags, before Material's tags plugin
    first_line = _first_line(build.obsidian.source(page.file), markdown)
    markdown = build.claims.expand(page_id, markdown)
    markdown = build.math.extract(page_id, markdown, origin, first_line)

    def inserted(note: str) -> Callable[[str, Directive], str]:
        def math_and_claims(text: str, directive: Directive) -> str:
            source = f"snippets/{directive.snippet}.py (shown at {directive.where})"
            return build.math.extract(page_id, build.claims.expand(note, text), source)

        return math_and_claims

    def problem_box(text: str, source: str) -> str:
        return build.math.extract(page_id, build.claims.expand(page_id, text), source)

    markdown = build.problems.expand(page_id, markdown, origin, problem_box)
    markdown = build.snippets.expand(page_id, markdown, inserted(page_id))

    # An embedded note's part: its claims, math and snippets, as in the note's own page.
    def embedded(text: str, note: str, note_origin: str, first_line: int) -> str:
        within = range(first_line, first_line + text.count("\n") + 1)
        text = build.claims.expand(note, text)
        text = build.math.extract(page_id, text, note_origin, first_line)
        return build.snippets.expand(note, text, inserted(note), within)

    return build.marks.hold(page_id, build.obsidian.transclude(page_id, markdown, embedded))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = box_data_tables(html)
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    build = _current()
    # Search answers with the chapter pages, which link to their notebooks: a notebook repeats
    # its chapter's headings, and Material ranks title matches 1000× over text, so even a low
    # boost would put the notebook above the page that teaches the term.
    page.meta.setdefault("search", {"exclude": True})
    html, needed = prepare_page(
        html,
        page_id=page.file.src_uri,
        page_url=page.url,
        site_url=config.site_url or "",
        notebook=json.loads(page.file.content_string),
        formulas=build.math.formulas.setdefault(page.file.src_uri, []),
        styles=build.notebook_styles,
    )
    build.notebook_files.update(needed)
    if Path(page.file.src_uri).stem in build.notebooks.out_of_date:
        html = mark_out_of_date(html)
    return html


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    build = _current()
    build.math.render()
    # Whole fonts under serve: a rebuild of one page must not cut a glyph another page shows.
    fonts = site_fonts(None if _serving else build.math.rendered())
    build.katex_css = add_katex_assets(files, config, fonts)
    build.font_files = {font.family_file: font.file_name for font in fonts}
    # Every page is converted by now, so the notebook pages' shared stylesheet can be final.
    site_css = files.get_file_from_path(SITE_STYLESHEET)
    notebook_css = build.notebook_styles.finish(site_css and site_css.content_string)
    build.notebook_files.update(notebook_css)
    return env


# Before Material's search plugin (priority 0) reads the page: each formula as its TeX, once,
# so searching `\nabla` finds it and the index holds no KaTeX markup (nor the time to parse it).
@event_priority(100)
def _math_as_tex(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    build = _current()
    if page.content is not None:
        build.unfilled[page.file.src_uri] = page.content
        page.content = for_search(build.math.fill_text(page.file.src_uri, page.content))
    return context


# After the search plugin: the page gets its rendered math for the template.
@event_priority(-100)
def _math_rendered(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    build = _current()
    content = build.unfilled.pop(page.file.src_uri, None)
    if content is not None:
        content = build.marks.restore(page.file.src_uri, content)
        page.content = build.math.fill(page.file.src_uri, content)
        context["page"] = page
    context["notebook_stylesheet"] = build.notebook_styles.href(page.url)
    return context


on_page_context = CombinedEvent(_math_as_tex, _math_rendered)


# Theme templates (404.html) are written before the pages: their scripts join the policy first.
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if _serving or not template_name.endswith(".html"):
        return output_content
    return _current().policy.add(output_content, Path(config.site_dir) / template_name)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    build = _current()
    output = build.math.fill_text(page.file.src_uri, output)
    fonts = [build.font_files[font] for font in build.math.fonts(page.file.src_uri)]
    output = add_font_preloads(output, page.url, fonts)
    output = inline_stylesheet(output, build.katex_css)
    output = build.notebook_styles.without_site_stylesheet(output, page.url)
    if _serving:  # serve injects an inline live-reload script no policy could allow
        return output
    return build.policy.add(output, Path(page.file.abs_dest_path))


def on_post_build(config: MkDocsConfig) -> None:
    add_compile_hint(Path(config.site_dir))
    for name, content in sorted(_current().notebook_files.items()):
        path = Path(config.site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if not _serving:
        _current().policy.finish(Path(config.site_dir))


def _first_line(source: str, markdown: str) -> int:
    """Line of ``source`` where ``markdown`` starts (front matter is already removed)."""
    at = source.find(markdown)
    return source.count("\n", 0, at) + 1 if at >= 0 else 1

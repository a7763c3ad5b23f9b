"""The Obsidian side of one build: every note translated once, before any other stage reads it.

Flow: ``collect`` (in ``on_files``, first) indexes the vault and translates each Markdown page —
comments out, callouts to admonitions, links, embeds, block ids and tags rewritten — line for
line, so the snippet and claim stages, MkDocs (``on_page_read_source``) and every error message
read the same text at the note's own line numbers; all bad links of the build are reported at
once. ``add_files`` adds the tags index when a page has tags; ``nav`` lists unlisted notes.
``transclude`` (in ``on_page_markdown``, last) puts the embedded notes in, each processed by the
page's own stages. ``page_tags`` gives Material's tags plugin the inline ``#tags`` as well.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from scripts.build.obsidian.callouts import convert_callouts
from scripts.build.obsidian.comments import strip_comments
from scripts.build.obsidian.links import Context, Links, NoteEmbed, translate_links
from scripts.build.obsidian.nav import with_unlisted
from scripts.build.obsidian.transclude import Process, transclude
from scripts.build.obsidian.vault import ObsidianError, Vault

TAGS_PAGE = "tags.md"
TAGS_SOURCE = (
    "---\ndescription: 按标签列出的笔记。\nsearch:\n  exclude: true\n---\n\n"
    "# 标签\n\n<!-- material/tags -->\n"
)


class ObsidianBuild:
    """Per-build state: the vault, each page's translated source, its embeds and its tags."""

    def __init__(self) -> None:
        self.vault: Vault | None = None
        self.sources: dict[str, str] = {}
        self.embeds: dict[str, list[NoteEmbed]] = {}
        self.tags: dict[str, list[str]] = {}
        self.directory_urls = True
        self.has_tags_page = False

    def collect(self, files: Files, config: MkDocsConfig) -> None:
        """Index every file of docs/ and translate every Markdown page; stop on bad links."""
        self.directory_urls = config.use_directory_urls
        pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md")]
        docs = os.path.abspath(config.docs_dir)
        attachments = [  # the vault's other files: not the theme's, not generated ones
            f.src_uri
            for f in files
            if f.generated_by is None
            and not f.is_documentation_page()
            and f.src_dir is not None
            and os.path.abspath(f.src_dir) == docs
        ]
        slugify = config.mdx_configs.get("toc", {}).get("slugify")
        if slugify is None:
            from markdown.extensions.toc import slugify_unicode as slugify
        self.vault = Vault.read(
            ((f.src_uri, f.content_string, _origin(f)) for f in pages), attachments, slugify
        )
        self.has_tags_page = files.get_file_from_path(TAGS_PAGE) is not None
        errors: list[str] = []
        for file in pages:
            note = self.vault.notes[file.src_uri]
            front = _front_matter(note.source)
            found = Links()
            body = self._translate(
                note.source[len(front) :], file.src_uri, file.src_uri, note.body_line, found, [0]
            )
            self.sources[file.src_uri] = front + body
            self.embeds[file.src_uri] = found.embeds
            self.tags[file.src_uri] = found.tags
            errors += found.errors
        if errors:
            raise ObsidianError("\n".join(errors))

    def source(self, file: File) -> str:
        """The page's Markdown as the other stages read it (translated), or its own if none."""
        return self.sources.get(file.src_uri) or file.content_string

    def inputs(self, page_uri: str) -> list[str]:
        """The translated source of every note the page embeds, and of those they embed."""
        seen: dict[str, str] = {}
        pending = [e.note for e in self.embeds.get(page_uri, [])]
        while pending:
            note = pending.pop()
            if note not in seen:
                seen[note] = self.sources.get(note, "")
                pending += [e.note for e in self.embeds.get(note, [])]
        return [seen[note] for note in sorted(seen)]

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """The tags index (Material's tags plugin fills it) when a page has tags."""
        if self.has_tags_page or not any(self._all_tags(f) for f in self.sources):
            return
        files.append(File.generated(config, TAGS_PAGE, content=TAGS_SOURCE))
        self.has_tags_page = True

    def nav(self, config: MkDocsConfig, files: Files) -> None:
        """Give every page that mkdocs.yml's nav does not list a place in it."""
        pages = [
            f.src_uri
            for f in files.documentation_pages()
            if f.inclusion == InclusionLevel.INCLUDED or f.inclusion == InclusionLevel.UNDEFINED
        ]
        config.nav = with_unlisted(config.nav, pages)

    def page_tags(self, page_uri: str, meta: dict[str, object]) -> None:
        """Add the page's inline ``#tags`` to its front-matter ``tags`` (Material lists both)."""
        inline = self.tags.get(page_uri, [])
        if not inline:
            return
        declared = meta.get("tags") or []
        tags = [str(t) for t in (declared if isinstance(declared, list) else [declared])]
        meta["tags"] = tags + [t for t in dict.fromkeys(inline) if t not in tags]

    def transclude(self, page_uri: str, markdown: str, process: Process) -> str:
        """``markdown`` with each note embed replaced by its part, processed by ``process``."""
        embeds = self.embeds.get(page_uri, [])
        if not embeds:
            return markdown
        serial = [len(embeds)]

        def translate(text: str, note: str, first_line: int) -> tuple[str, list[NoteEmbed]]:
            found = Links()
            translated = self._translate(text, note, page_uri, first_line, found, serial)
            if found.errors:
                raise ObsidianError("\n".join(found.errors))
            return translated, found.embeds

        assert self.vault is not None
        return transclude(markdown, list(embeds), translate, process, self.vault)

    def _translate(
        self, text: str, note: str, base: str, first_line: int, found: Links, serial: list[int]
    ) -> str:
        assert self.vault is not None
        origin = self.vault.notes[note].origin
        context = Context(self.vault, note, base, origin, first_line, self._tags_url)
        text = convert_callouts(strip_comments(text))
        return translate_links(text, context, found, serial)

    def _tags_url(self, base: str) -> str | None:
        return get_relative_url(
            _url(TAGS_PAGE, self.directory_urls), _url(base, self.directory_urls)
        )

    def _all_tags(self, page_uri: str) -> list[str]:
        _, meta = get_data(self.sources[page_uri])
        return list(meta.get("tags") or []) + self.tags.get(page_uri, [])


def _origin(file: File) -> str:
    return os.path.relpath(file.abs_src_path) if file.abs_src_path else file.src_uri


def _front_matter(source: str) -> str:
    """The front matter block of ``source`` as written (``---`` lines included), or ""."""
    body, _ = get_data(source)
    return source[: len(source) - len(body)] if source.endswith(body) else ""


def _url(uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives page ``uri``.

    >>> _url("index.md", True), _url("a/index.md", True), _url("a/b.md", True), _url("b.md", False)
    ('./', 'a/', 'a/b/', 'b.html')
    """
    stem = uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return "./"
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


__all__ = ["ObsidianBuild", "ObsidianError", "Process"]

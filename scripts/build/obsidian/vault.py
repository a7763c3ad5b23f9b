"""Names in the vault: which file a wikilink or embed means, its headings and its blocks.

Why by hand: the plugins that resolve names (mkdocs-obsidian-bridge, -roamlinks, -ezlinks) pick
one of two files with the same name without a word, leave an unknown name as a broken link (or a
log line) with no suggestion, ignore ``aliases:``, and slugify ``#^block`` references as if they
were headings. Obsidian's rules, as followed here:

* a link names a file by its name, or by the end of its path (``folder/Note``) when the name is
  not unique; ``.md`` may be left out; case does not matter; front-matter ``aliases:`` are names
  of their note too;
* a name that fits two files is an error naming both paths (the author writes more of the path);
* a name that fits none is an error with the closest names (difflib).

Headings are matched by their anchor: the link's heading text goes through the slugify of the
``toc`` extension in mkdocs.yml (pymdownx.slugs: Chinese is kept), so ``[[梯度#范数平方的梯度]]``
lands on the id the page's heading gets, duplicates numbered ``_1``, ``_2`` as ``toc`` numbers them.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import markdown as md
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data
from pymdownx.slugs import slugify as configurable_slugify

from scripts.build.directives import lines_outside_fences

IMAGE_EXTENSIONS = frozenset({"png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "avif"})
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BLOCK_ID_RE = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$")
_TAGS_RE = re.compile(r"<[^>]+>")
_MARKUP_RE = re.compile(r"[*_`\[\]<>&\\!]|^(?:[-+*>]|\d+[.)])\s")
# Material's tags plugin names a tag's entry in the index ``tag:{slug}`` with this slugify.
_TAG_SLUGIFY = configurable_slugify(case="lower")


class ObsidianError(PluginError):
    """An Obsidian link, embed or callout the site cannot show: file:line, target, suggestion."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int  # 1-based, in the note's source


@dataclass
class Note:
    """A Markdown file of the vault as links see it."""

    uri: str  # path under docs/, e.g. "线性代数/矩阵.md"
    source: str
    origin: str  # how error messages name the file, e.g. "docs/线性代数/矩阵.md"
    aliases: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    blocks: dict[str, int] = field(default_factory=dict)  # block id → its line
    body_line: int = 1  # first line after the front matter


class Vault:
    """Every file under docs/, indexed by the names Obsidian lets a link use."""

    def __init__(
        self,
        notes: Iterable[Note],
        attachments: Iterable[str],
        slugify: Callable[[str, str], str],
    ) -> None:
        self.notes = {note.uri: note for note in notes}
        self.attachments = sorted(attachments)
        self._slugify = slugify
        self._inline = md.Markdown()
        for note in self.notes.values():
            self._index(note)

    @classmethod
    def read(
        cls,
        pages: Iterable[tuple[str, str, str]],
        attachments: Iterable[str],
        slugify: Callable[[str, str], str],
    ) -> Vault:
        """A vault from ``(uri, source, origin)`` of each Markdown page and the other files."""
        return cls(
            (Note(uri, source, origin) for uri, source, origin in pages), attachments, slugify
        )

    # -- names -----------------------------------------------------------------------------

    def resolve(self, target: str, where: str, kind: str) -> str:
        """The docs-relative path ``target`` names; ObsidianError if none or several fit.

        ``kind`` ("wikilink", "embed") and ``where`` ("docs/a.md:3") go into the message.
        """
        wanted = target.strip().replace("\\", "/").lstrip("/").lower()
        extension = posixpath.splitext(wanted)[1][1:]
        found: set[str] = set()
        if extension and extension != "md":
            found = {p for p in self.attachments if _ends_with(p.lower(), wanted)}
        if not found:
            stem = wanted.removesuffix(".md")
            found = {u for u in self.notes if _ends_with(u.lower().removesuffix(".md"), stem)}
            if "/" not in stem:
                found |= {
                    n.uri for n in self.notes.values() if stem in (a.lower() for a in n.aliases)
                }
        if len(found) == 1:
            return found.pop()
        if found:
            paths = " and ".join(f"docs/{p}" for p in sorted(found))
            raise ObsidianError(
                f"{where}: ambiguous name in {kind} {target!r}: {paths} both match; "
                f"write more of the path, e.g. {posixpath.splitext(sorted(found)[0])[0]!r}"
            )
        raise ObsidianError(
            f"{where}: unresolved {kind} {target!r}: no file of that name under docs/"
            + _did_you_mean(target, self._names(extension and extension != "md"))
        )

    def _names(self, attachments: bool) -> list[str]:
        if attachments:
            return sorted({posixpath.basename(p) for p in self.attachments})
        names = {posixpath.basename(u).removesuffix(".md") for u in self.notes}
        names |= {a for n in self.notes.values() for a in n.aliases}
        return sorted(names)

    # -- headings and blocks ---------------------------------------------------------------

    def anchor(self, uri: str, heading: str, where: str, kind: str) -> str:
        """The id of the heading ``heading`` (or the block ``^id``) of note ``uri``."""
        note = self.notes[uri]
        if heading.startswith("^"):
            if heading[1:] in note.blocks:
                return heading
            raise ObsidianError(
                f"{where}: {kind} to a missing block: docs/{uri} has no block {heading!r}"
                + _did_you_mean(heading, [f"^{b}" for b in note.blocks])
            )
        wanted = self.slug(heading.split("#")[-1])
        for h in note.headings:
            # "-" at the ends: what is left of an emoji (``## 🧮 总结`` → ``-总结``), which
            # Obsidian's heading links may leave out.
            if wanted.strip("-") in (h.anchor.strip("-"), self.slug(h.text).strip("-")):
                return h.anchor
        raise ObsidianError(
            f"{where}: {kind} to a missing heading: docs/{uri} has no heading {heading!r}"
            + _did_you_mean(heading, [h.text for h in note.headings])
        )

    def heading(self, uri: str, anchor: str) -> Heading:
        return next(h for h in self.notes[uri].headings if h.anchor == anchor)

    def slug(self, text: str) -> str:
        """The id the ``toc`` extension gives a heading whose Markdown is ``text``."""
        plain = text.strip()
        if _MARKUP_RE.search(plain):  # emphasis, links, code, entities: what toc reads is text
            rendered = self._inline.reset().convert(text)
            plain = html.unescape(_TAGS_RE.sub("", rendered)).strip()
        return self._slugify(plain, "-")

    @staticmethod
    def slug_tag(name: str) -> str:
        """The slug of tag ``name`` in Material's tags index (``#tag:{slug}``)."""
        return str(_TAG_SLUGIFY(name, "-"))

    def _index(self, note: Note) -> None:
        body, meta = get_data(note.source)
        note.body_line = note.source.count("\n", 0, len(note.source) - len(body)) + 1
        aliases = meta.get("aliases") or meta.get("alias") or []
        note.aliases = [str(a) for a in ([aliases] if isinstance(aliases, str) else aliases)]
        lines = note.source.split("\n")
        seen: set[str] = set()
        for at, line in lines_outside_fences(lines):
            if at + 1 < note.body_line:
                continue
            heading = _HEADING_RE.match(line)
            if heading:
                anchor = _unique(self.slug(heading[2]), seen)
                note.headings.append(Heading(len(heading[1]), heading[2], anchor, at + 1))
            block = _BLOCK_ID_RE.search(line)
            if block:
                note.blocks[block[1]] = at + 1


def _ends_with(path: str, wanted: str) -> bool:
    return path == wanted or path.endswith("/" + wanted)


def _unique(anchor: str, seen: set[str]) -> str:
    """``anchor``, numbered as Python-Markdown's toc numbers a repeated id."""
    candidate, number = anchor, 0
    while candidate in seen:
        number += 1
        candidate = f"{anchor}_{number}"
    seen.add(candidate)
    return candidate


def _did_you_mean(wanted: str, names: list[str]) -> str:
    """The closest names as " (did you mean 'a' or 'b'?)", or the names there are.

    >>> _did_you_mean("gradiant", ["gradient", "partial"])
    " (did you mean 'gradient'?)"
    """
    close = []
    for cutoff in (0.6, 0.4):  # the close ones; failing those, the less close
        close = close or difflib.get_close_matches(wanted, names, n=3, cutoff=cutoff)
    if close:
        return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
    if names:
        return f" (there are: {', '.join(repr(n) for n in names[:10])})"
    return ""

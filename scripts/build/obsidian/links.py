"""Wikilinks, embeds, block ids and inline tags → the site's Markdown, one line for one line.

Why by hand: of the evaluated plugins, mkdocs-obsidian-bridge, -roamlinks and -ezlinks resolve
``[[…]]`` but none stops the build on a name it cannot resolve or that two files share (they log,
or link the first match), none reads ``aliases:`` or ``[[Note#^block]]``, none skips ``[[`` inside
``$…$``, none sizes an embedded image as ``![[a.png|300]]`` does, and none transcludes a note.
So names are resolved by ``vault.py`` (Obsidian's rules, errors with suggestions) and the syntax
is rewritten here, outside code and math (the spans ``extract`` itself would take as math):

* ``[[Note]]``, ``[[Note|text]]``, ``[[Note#Heading]]``, ``[[#Heading]]``, ``[[Note#^id]]`` →
  a Markdown link to the page (``Note.md#anchor``), so MkDocs turns it into the page's URL and
  ``--strict`` still checks it; ``\\|`` (a wikilink inside a table) separates the text too;
* ``![[a.png]]``, ``![[a.png|300]]`` (width), ``![[a.png|300x200]]``, ``![[a.png|标题]]`` (alt
  text) → an image with attr_list sizes; another attachment (PDF, audio…) → a link to it;
* ``![[Note]]``, ``![[Note#Heading]]``, ``![[Note#^id]]`` on a line of their own → a token line,
  replaced by the transcluded Markdown in ``on_page_markdown`` (``transclude.py``);
* ``text ^id`` → an empty element with that id at the end of the block, the target of ``#^id``;
* ``#tag`` → a link to the tags index (Material's tags plugin lists the page under the tag).

Lines are never added or removed, so every later error message names the note's own line.
"""

from __future__ import annotations

import bisect
import posixpath
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from scripts.build.math.extract import protected_spans
from scripts.build.obsidian.vault import IMAGE_EXTENSIONS, ObsidianError, Vault

_PREFIX_RE = re.compile(r"[ \t>]*")
# One pass over the text finds all three, so one scan of code and math spans serves them.
_SYNTAX_RE = re.compile(
    r"(?P<link>(?P<bang>!?)\[\[(?P<inner>[^\[\]\n]*?)\]\])"
    # a block id: ``^id`` at the end of a line, after white space (or alone)
    r"|(?P<block>(?:(?<=[ \t])|^)\^(?P<id>[A-Za-z0-9-]+)[ \t]*$)"
    # Obsidian's tag: '#' after white space or at a line's start; letters, digits, _ - /;
    # not digits only
    r"|(?P<tag>(?:(?<=\s)|^)#(?P<name>[\w/-]*[^\W\d_][\w/-]*))",
    re.M,
)
_SIZE_RE = re.compile(r"^(\d+)(?:x(\d+))?$")
_SEPARATOR_RE = re.compile(r"\\?\|")


@dataclass(frozen=True)
class NoteEmbed:
    """``![[Note#Heading]]`` on a line of its own: what to transclude, and where it stood."""

    note: str  # uri of the embedded note
    section: str | None  # heading text or ^block id; None for the whole note
    prefix: str  # the line's container prefix, kept on every transcluded line
    where: str  # "docs/page.md:12"
    written: str  # the embed as written, for messages


@dataclass(frozen=True)
class Context:
    """Whose text is translated and where it is shown."""

    vault: Vault
    note: str  # the note the text belongs to: ``[[#Heading]]`` points into it
    base: str  # the page the text is shown on: links are relative to it
    origin: str  # "docs/note.md", for messages
    first_line: int  # line of the note where the text starts
    tags_url: Callable[[str], str | None]  # base page uri → relative URL of the tags index


@dataclass
class Links:
    """What translating a text found: its note embeds (by token number) and its inline tags."""

    embeds: list[NoteEmbed] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def embed_token(page_serial: int) -> str:
    """The line that stands for note embed ``page_serial`` until it is transcluded (letters and
    digits only: no stage before transclusion reads or rewrites it)."""
    return f"xobsembed{page_serial}x"


EMBED_TOKEN_RE = re.compile(r"^(?P<prefix>[ \t>]*)xobsembed(?P<serial>\d+)x[ \t]*$", re.M)


def translate_links(markdown: str, context: Context, found: Links, serial: list[int]) -> str:
    """``markdown`` with Obsidian's links, embeds, block ids and tags rewritten.

    Errors are appended to ``found.errors`` (every bad link of the build is reported at once);
    ``serial`` numbers the note embeds of the page being built (shared by the transcluded parts).
    """
    spans = protected_spans(markdown)  # sorted, never overlapping
    starts = [start for start, _ in spans]

    def outside(start: int, end: int) -> bool:
        last = bisect.bisect_left(starts, end) - 1  # the last span that starts before ``end``
        return last < 0 or spans[last][1] <= start

    def line_of(at: int) -> str:
        return f"{context.origin}:{context.first_line + markdown.count(chr(10), 0, at)}"

    def link(match: re.Match[str]) -> str:
        where = line_of(match.start())
        if not match["bang"]:
            return _wikilink(match["inner"], context, where)
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        line_end = markdown.find("\n", match.end())
        prefix = markdown[line_start : match.start()]
        after = markdown[match.end() : len(markdown) if line_end < 0 else line_end]
        own_line = _PREFIX_RE.fullmatch(prefix) is not None and not after.strip()
        embed = _embed(match["inner"], context, where)
        if isinstance(embed, str):
            return embed
        if not own_line:
            raise ObsidianError(
                f"{where}: note embed {match[0]} must stand on a line of its own "
                "(Obsidian shows it as a block)"
            )
        found.embeds.append(NoteEmbed(embed[0], embed[1], prefix, where, match[0]))
        serial[0] += 1
        return embed_token(serial[0] - 1)

    def block_id(match: re.Match[str]) -> str:
        if context.base != context.note:
            return ""  # transcluded: ``#^id`` links go to the note's own page, not here
        return f'<span id="^{match["id"]}"></span>'

    def tag(match: re.Match[str]) -> str:
        name = match["name"]
        found.tags.append(name)
        url = context.tags_url(context.base)
        slug = context.vault.slug_tag(name)
        return f'<a class="md-tag obsidian-tag" href="{url}#tag:{slug}">#{name}</a>'

    def replace(match: re.Match[str]) -> str:
        if not outside(match.start(), match.end()):
            return match[0]
        try:
            if match["link"]:
                return link(match)
            return block_id(match) if match["block"] else tag(match)
        except ObsidianError as error:
            found.errors.append(str(error))
            return match[0]

    return _SYNTAX_RE.sub(replace, markdown)


def _parts(inner: str) -> tuple[str, str | None, list[str]]:
    """``target|label`` (``\\|`` in tables) → target, label, every part after the target."""
    parts = _SEPARATOR_RE.split(inner)
    target = parts[0].strip()
    rest = [p.strip() for p in parts[1:]]
    return target, ("|".join(rest) if rest else None), rest


def _split_target(target: str) -> tuple[str, str | None]:
    """``Note#Heading`` → ("Note", "Heading"); ``#^id`` → ("", "^id").

    >>> _split_target("梯度#范数平方的梯度"), _split_target("#^abc"), _split_target("a.png")
    (('梯度', '范数平方的梯度'), ('', '^abc'), ('a.png', None))
    """
    name, hash_, section = target.partition("#")
    return name.strip(), (section.strip() or None) if hash_ else None


def _wikilink(inner: str, context: Context, where: str) -> str:
    target, label, _ = _parts(inner)
    name, section = _split_target(target)
    uri = context.vault.resolve(name, where, "wikilink") if name else context.note
    anchor = ""
    if section:
        if not uri.endswith(".md"):
            raise ObsidianError(
                f"{where}: wikilink {inner!r}: {uri} is not a note, it has no headings"
            )
        anchor = "#" + context.vault.anchor(uri, section, where, "wikilink")
    if label is None:
        shown = section.split("#")[-1] if section and not name else target.replace("#", " > ")
        label = shown
    href = anchor if uri == context.base and anchor else _relative(uri, context.base) + anchor
    return f"[{_escape_label(label)}]({href})"


def _embed(inner: str, context: Context, where: str) -> str | tuple[str, str | None]:
    """An attachment's Markdown, or (note, section) for a note embed (checked here)."""
    target, _, rest = _parts(inner)
    name, section = _split_target(target)
    uri = context.vault.resolve(name, where, "embed") if name else context.note
    if uri.endswith(".md"):
        if section:
            context.vault.anchor(uri, section, where, "embed")
        return uri, section
    href = _relative(uri, context.base)
    extension = posixpath.splitext(uri)[1][1:].lower()
    if extension not in IMAGE_EXTENSIONS:
        return f"[{_escape_label(posixpath.basename(uri))}]({href})"
    alt, attributes = posixpath.basename(uri), []
    for part in rest:
        size = _SIZE_RE.match(part)
        if size:
            attributes.append(f'width="{size[1]}"')
            if size[2]:
                attributes.append(f'height="{size[2]}"')
        elif part:
            alt = part
    image = f"![{_escape_label(alt)}]({href})"
    return image + ("{ " + " ".join(attributes) + " }" if attributes else "")


def _relative(uri: str, base: str) -> str:
    """``uri`` as a link from page ``base`` (both under docs/), percent-encoded.

    >>> _relative("assets/Pasted image 1.png", "sub/note.md")
    '../assets/Pasted%20image%201.png'
    """
    path = posixpath.relpath(uri, posixpath.dirname(base) or ".")
    return urllib.parse.quote(path, safe="/")


def _escape_label(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")

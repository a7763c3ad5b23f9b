"""Note and section embeds: ``![[Note]]``, ``![[Note#Heading]]``, ``![[Note#^id]]`` transcluded.

Why by hand: none of the evaluated plugins transcludes notes (mkdocs-obsidian-bridge and
-roamlinks turn ``![[Note]]`` into an image or a link; pymdownx.snippets includes files by path,
not Obsidian names and sections, and before any other stage could read them). The embedded part
is what Obsidian shows: the whole note without its front matter; a heading with everything below
it up to the next heading of the same or a higher level; or one block (the paragraph or list item
that ends with ``^id``).

The part is taken from the embedded note's own source and translated again with the embedding
page as the base of its links (relative links stay right from another folder), then handed to
the page's own stages (``process``: claims, math, snippets), with the embedded note's file and
lines, so an error inside it names the note it is in. Embeds inside it are transcluded in turn; an
embed that includes itself, directly or not, is an error naming the chain.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scripts.build.obsidian.links import EMBED_TOKEN_RE, NoteEmbed
from scripts.build.obsidian.vault import Note, ObsidianError, Vault

# (text of the part, embedded note's uri, first line of the part in that note) → Markdown.
Translate = Callable[[str, str, int], tuple[str, list[NoteEmbed]]]
Process = Callable[[str, str, str, int], str]
_LIST_ITEM_RE = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]")


def part(vault: Vault, embed: NoteEmbed) -> tuple[str, int]:
    """The embedded Markdown (raw, as in the note's file) and the line it starts at."""
    note = vault.notes[embed.note]
    lines = note.source.split("\n")
    if embed.section is None:
        start, end = note.body_line, len(lines) + 1
    elif embed.section.startswith("^"):
        start, end = _block(note, lines, embed.section[1:])
    else:
        heading = vault.heading(note.uri, vault.anchor(note.uri, embed.section, embed.where, ""))
        later = [
            h.line for h in note.headings if h.line > heading.line and h.level <= heading.level
        ]
        start, end = heading.line, (later[0] if later else len(lines) + 1)
    return "\n".join(lines[start - 1 : end - 1]).strip("\n"), start + _leading_blank(
        lines[start - 1 : end - 1]
    )


def transclude(
    markdown: str,
    embeds: list[NoteEmbed],
    translate: Translate,
    process: Process,
    vault: Vault,
    chain: tuple[tuple[str, str | None], ...] = (),
) -> str:
    """Replace each embed token line of ``markdown`` with its processed, transcluded part.

    ``embeds`` is the page's list of embeds (token N is ``embeds[N]``); the parts' own embeds are
    appended to it by ``translate``.
    """

    def replace(match: re.Match[str]) -> str:
        embed = embeds[int(match["serial"])]
        key = (embed.note, embed.section)
        if key in chain:
            cycle = " → ".join(f"docs/{n}" + (f"#{s}" if s else "") for n, s in (*chain, key))
            raise ObsidianError(f"{embed.where}: {embed.written} embeds itself: {cycle}")
        text, first_line = part(vault, embed)
        translated, more = translate(text, embed.note, first_line)
        embeds.extend(more)
        origin = vault.notes[embed.note].origin
        processed = process(translated, embed.note, origin, first_line)
        processed = transclude(processed, embeds, translate, process, vault, (*chain, key))
        prefix = match["prefix"]
        blank = prefix.rstrip()
        body = "\n".join(prefix + line if line.strip() else blank for line in processed.split("\n"))
        return f"{blank}\n{body}\n{blank}"

    return EMBED_TOKEN_RE.sub(replace, markdown)


def _block(note: Note, lines: list[str], block_id: str) -> tuple[int, int]:
    """Lines [start, end) of the block that ends with ``^block_id``."""
    at = note.blocks[block_id]
    line = lines[at - 1]
    if line.strip() == f"^{block_id}":  # the id on a line of its own names the block above
        end = at
        while end > 1 and not lines[end - 2].strip():
            end -= 1
    else:
        end = at + 1
        if _LIST_ITEM_RE.match(line):
            return at, end
    start = end - 1
    while start > 1 and lines[start - 2].strip() and not lines[start - 2].startswith("#"):
        start -= 1
    return start, end


def _leading_blank(lines: list[str]) -> int:
    count = 0
    for line in lines:
        if line.strip():
            break
        count += 1
    return count

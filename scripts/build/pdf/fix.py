"""Post-process Chromium's PDF: searchable CJK text, stable bytes.

Why by hand: Chromium (Skia) writes each font's ToUnicode map by reversing the font's cmap, and
Noto CJK maps a radical and its ideograph to one glyph (⽹ U+2F79 and 网 U+7F51, ⻚ U+2EDA and
页 U+9875), so text copied or searched in the PDF comes out as radicals. No library fixes
Chromium's maps; here pypdf rewrites them, mapping each radical to the ideograph the print
font draws with the same glyph (read from the font's cmap with fontTools), or else to the one
NFKC names (``unicodedata.normalize``). Chromium also stamps the current time into the PDF: the dates are
set from ``SOURCE_DATE_EPOCH`` and the document id from a hash of the content. And it names
the structure elements that need an id (table headers) after the renderer's DOM node numbers,
which differ by one from print to print: they are renumbered in order.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import re
import subprocess
import unicodedata
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

_HEX_RE = re.compile(rb"<([0-9A-Fa-f]+)>")
_BLOCK_RE = re.compile(rb"(begin(bfchar|bfrange)\s)(.*?)(\send\2)", re.S)


PRINT_FONT = "Noto Sans CJK SC"  # print.css sets it


def is_radical(char: str) -> bool:
    """A Kangxi radical or a CJK radical (supplement).

    >>> is_radical("⽹"), is_radical("⻚"), is_radical("网")
    (True, True, False)
    """
    return 0x2E80 <= ord(char) <= 0x2FDF


@functools.cache
def radical_ideographs(family: str = PRINT_FONT) -> dict[str, str]:
    """Radical → the ideograph ``family`` draws with the same glyph (``{}`` without the font)."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}:%{index}", family],
                               capture_output=True, text=True, check=True).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return {}
    path, _, index = found.rpartition(":")
    with TTFont(path, fontNumber=int(index or 0), lazy=True) as font:
        cmap = font.getBestCmap()
    glyph_of_ideograph: dict[str, int] = {}
    for code, glyph in sorted(cmap.items()):
        if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3134F:
            glyph_of_ideograph.setdefault(glyph, code)
    return {chr(code): chr(glyph_of_ideograph[glyph]) for code, glyph in cmap.items()
            if is_radical(chr(code)) and glyph in glyph_of_ideograph}  # fmt: skip


def ideograph(char: str) -> str:
    """The ideograph a radical stands for in the PDF (the character itself otherwise).

    >>> ideograph("⽹"), ideograph("a")
    ('网', 'a')
    """
    if not is_radical(char):
        return char
    return radical_ideographs().get(char) or unicodedata.normalize("NFKC", char)


def _ideographs(match: re.Match[bytes]) -> bytes:
    raw = match[1]
    if len(raw) % 4:
        return match[0]
    text = bytes.fromhex(raw.decode()).decode("utf-16-be", errors="surrogatepass")
    fixed = "".join(ideograph(c) for c in text)
    if fixed == text:
        return match[0]
    return b"<" + fixed.encode("utf-16-be").hex().upper().encode() + b">"


def fix_cmap(data: bytes) -> bytes:
    """A ToUnicode CMap with every destination radical mapped to its ideograph.

    >>> fix_cmap(b"1 beginbfchar\\n<0001> <2F79>\\nendbfchar")
    b'1 beginbfchar\\n<0001> <7F51>\\nendbfchar'
    """

    def block(match: re.Match[bytes]) -> bytes:
        lines = []
        for line in match[3].split(b"\n"):
            codes = list(_HEX_RE.finditer(line))
            if len(codes) >= 2:  # source code(s), then destination(s): fix the destinations
                keep = 1 if match[2] == b"bfchar" else 2
                cut = codes[keep - 1].end()
                line = line[:cut] + _HEX_RE.sub(_ideographs, line[cut:])
            lines.append(line)
        return match[1] + b"\n".join(lines) + match[4]

    return _BLOCK_RE.sub(block, data)


def finish(pdf: bytes, title: str) -> bytes:
    """The PDF with CJK text that searches as typed, fixed dates and id, and a title."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for obj in list(writer._objects):
        if isinstance(obj, DictionaryObject) and "/ToUnicode" in obj:
            stream = obj["/ToUnicode"].get_object()
            stream.set_data(fix_cmap(stream.get_data()))
    _dedupe_outline(writer)
    _renumber_struct_ids(writer)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    stamp = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata({"/Title": title, "/CreationDate": stamp, "/ModDate": stamp})
    # The id: a hash of the document written with a blank one (Chromium's own id is random).
    digest = b"\0" * 16
    for _ in range(2):
        writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
        out = io.BytesIO()
        writer.write(out)
        digest = hashlib.md5(out.getvalue(), usedforsecurity=False).digest()
    return out.getvalue()


def _renumber_struct_ids(writer: PdfWriter) -> None:
    """Structure element ids ``nodeN`` → ``node00000001``… in their order: on the elements,
    in the table cells' ``/Headers`` that name them, and in the id tree (the order is kept, so
    the tree's sorted names and limits stay sorted)."""
    elements = [obj for obj in writer._objects
                if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/StructElem"]  # fmt: skip
    names = {str(e["/ID"]) for e in elements if "/ID" in e}
    new = {old: f"node{i:08d}" for i, old in enumerate(sorted(names, key=_node_number), 1)}

    def rename(values: Any, step: int = 1) -> None:
        for i in range(0, len(values or []), step):
            if str(values[i]) in new:
                values[i] = TextStringObject(new[str(values[i])])

    for element in elements:
        if "/ID" in element:
            element[NameObject("/ID")] = TextStringObject(new[str(element["/ID"])])
        attributes = element.get("/A")
        attributes = attributes.get_object() if attributes is not None else []
        for attribute in attributes if isinstance(attributes, list) else [attributes]:
            headers = attribute.get_object().get("/Headers")
            rename(headers.get_object() if headers is not None else None)
    root = writer._root_object.get("/StructTreeRoot")
    pending = [root.get_object().get("/IDTree") if root is not None else None]
    while pending:
        node = pending.pop()
        if node is None:
            continue
        node = node.get_object()
        pending += list(node.get("/Kids", []))
        rename(node.get("/Names"), step=2)
        rename(node.get("/Limits"))


def _node_number(name: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", name)
    return (int(digits) if digits else -1, name)


def _dedupe_outline(writer: PdfWriter) -> None:
    """Chromium titles a bookmark whose heading opens a page twice ("导读导读"): once is right."""
    outlines = writer._root_object.get("/Outlines")
    if outlines is None:
        return
    pending = [outlines.get_object().get("/First")]
    while pending:
        item = pending.pop()
        if item is None:
            continue
        node = item.get_object()
        title = str(node.get("/Title", ""))
        half = len(title) // 2
        if title and len(title) % 2 == 0 and title[:half] == title[half:]:
            node[NameObject("/Title")] = TextStringObject(title[:half])
        pending += [node.get("/First"), node.get("/Next")]

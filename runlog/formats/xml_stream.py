"""GPX and TCX documents read as a stream of elements: no tree is built, and the nesting is bounded.

A stranger's file can nest elements a hundred thousand deep (a tree of them
crashes the interpreter when copied) or declare entities that expand without
end. Here the document is fed to expat piece by piece; each element's start
and end reach a :class:`Walker`, which keeps only what it needs. Nesting
deeper than any GPX or TCX needs, and any entity declaration, refuse the file.
"""

from __future__ import annotations

import codecs
from typing import Protocol
from xml.parsers import expat

from runlog.formats.activity_result import RefusalCode, Refused

#: A GPX nests about 7 deep (gpx, trk, trkseg, trkpt, extensions, a vendor's element, its
#: value), a TCX about 9; vendors' extensions add a few. Deeper is not an activity file.
MAX_DEPTH = 32
#: Decoded and fed to the parser this many bytes at a time.
_CHUNK = 1024 * 1024


class Walker(Protocol):
    """What reads the elements: ``path`` is the local names (namespaces dropped) from the root down."""

    def start(self, path: list[str], attributes: dict[str, str]) -> None: ...

    def end(self, path: list[str], text: str) -> None: ...


class _Stop(Exception):  # noqa: N818 - carries a refusal out of expat's callbacks
    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.phrase)
        self.refused = refused


def walk(data: bytes, walker: Walker, what: str) -> None:
    """Feed the document in ``data`` to ``walker``; raises :class:`Refused` for a document that is not readable XML.

    ``what`` names the format in the refusal ("GPX"). Text is UTF-8 (with or
    without a BOM), else Latin-1 as older exporters wrote it; spaces before
    ``<?xml`` (Strava writes some) are allowed.
    """
    encoding = "utf-8-sig" if _decodes(data, "utf-8-sig") else "latin-1"
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    path: list[str] = []
    text: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if len(path) >= MAX_DEPTH:
            raise _Stop(Refused(RefusalCode.DAMAGED, f"is not a {what} runlog reads: its elements nest more than "
                                                     f"{MAX_DEPTH} deep"))
        path.append(name.rpartition("}")[2])
        text.clear()
        walker.start(path, attributes)

    def end(name: str) -> None:
        walker.end(path, "".join(text))
        text.clear()
        path.pop()

    def entity(*_args) -> None:
        raise _Stop(Refused(RefusalCode.DAMAGED, f"is not a {what} runlog reads: it declares XML entities"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    parser.EntityDeclHandler = entity
    decoder = codecs.getincrementaldecoder(encoding)()
    first = True
    try:
        for offset in range(0, len(data), _CHUNK):
            chunk = decoder.decode(data[offset:offset + _CHUNK])
            if first:
                chunk = chunk.lstrip()
                first = not chunk
            parser.Parse(chunk, False)
        parser.Parse(decoder.decode(b"", True), True)
    except _Stop as stop:
        raise stop.refused from None
    except (expat.ExpatError, ValueError):
        raise Refused(RefusalCode.DAMAGED, f"is damaged: it is not readable {what}") from None


def _decodes(data: bytes, encoding: str) -> bool:
    """True when all of ``data`` decodes (checked piece by piece, keeping nothing)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for offset in range(0, len(data), _CHUNK):
            decoder.decode(data[offset:offset + _CHUNK])
        decoder.decode(b"", True)
    except UnicodeDecodeError:
        return False
    return True

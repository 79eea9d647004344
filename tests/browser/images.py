"""Just enough PNG and PDF reading for the browser tests, in pure Python:
a PNG's pixels (8-bit RGB or RGBA, not interlaced) and a PDF's page count
and page size."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path


def png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of an 8-bit RGB(A) PNG, one byte per channel."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, "only 8-bit RGB(A), non-interlaced PNGs"
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    if channels == 4:
        rows = [bytes(b for i, b in enumerate(row) if i % 4 != 3) for row in rows]
    return width, height, rows


def inked_columns(path: Path, threshold: int = 240) -> tuple[int, int, int]:
    """The image's width and the first and last column holding anything
    darker than near-white (``-1, -1`` on a blank image)."""
    width, _, rows = png_rows(path)
    first, last = width, -1
    for row in rows:
        for x in range(width):
            if min(row[3 * x : 3 * x + 3]) < threshold:
                first, last = min(first, x), max(last, x)
                break
        for x in range(width - 1, last, -1):
            if min(row[3 * x : 3 * x + 3]) < threshold:
                last = x
                break
    return width, (first if last >= 0 else -1), last


def inked_rows(path: Path, threshold: int = 240) -> int:
    """One past the last row holding anything darker than near-white."""
    _, _, rows = png_rows(path)
    for y in range(len(rows) - 1, -1, -1):
        if min(rows[y]) < threshold:
            return y + 1
    return 0


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]")


def pdf_pages(path: Path) -> int:
    """The number of pages: ``/Type /Page`` objects (not ``/Pages``)."""
    return len(_PAGE.findall(path.read_bytes()))


def pdf_page_size_mm(path: Path) -> tuple[float, float]:
    """The first page's width and height in millimetres."""
    match = _MEDIA_BOX.search(path.read_bytes())
    assert match, f"{path} has no /MediaBox"
    x0, y0, x1, y1 = (float(v) for v in match.group(1).split())
    return (x1 - x0) * 25.4 / 72, (y1 - y0) * 25.4 / 72

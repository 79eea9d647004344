"""From a file's bytes to the text of a comma-separated file, or one true
sentence on why not.

runlog's CSV is UTF-8 (a byte-order mark is allowed); UTF-16 and UTF-32 with
a byte-order mark are read too, as they cannot be mistaken for anything else.
Everything else gets a message that says what the file actually looks like:
UTF-16 without its mark, another encoding such as Windows-1252, a
spreadsheet workbook, or columns separated by ``;``, tabs or ``|``.
"""

from __future__ import annotations

import codecs

from runlog.formats.problems import Code, ImportRejected, Problem

_SAVE_AS = "save it as UTF-8 CSV (in Excel: CSV UTF-8 (Comma delimited))"
_MARKS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WORKBOOKS = (
    (b"PK\x03\x04", "a spreadsheet workbook (.xlsx or .ods), not CSV"),
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 workbook (.xls), not CSV"),
)
_SEPARATORS = {";": "semicolons (;)", "\t": "tabs", "|": "vertical bars (|)"}


def _refuse(filename: str, message: str, line: int = 0) -> ImportRejected:
    return ImportRejected(filename, [Problem(Code.ENCODING, line, None, message)])


def decode(data: bytes, filename: str) -> str:
    """The text of a file's bytes; ``ImportRejected`` saying what is wrong
    when they are not text runlog can read without guessing."""
    for mark, encoding in _MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _refuse(filename, f"starts with a {encoding.upper()} byte-order mark but is not valid "
                                        f"{encoding.upper()} (at byte {exc.start + 1}); {_SAVE_AS}") from None
    for magic, what in _WORKBOOKS:
        if data.startswith(magic):
            raise _refuse(filename, f"is {what}; {_SAVE_AS}")
    if b"\x00" in data:
        raise _refuse(filename, _nul_message(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    problems = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(Code.ENCODING, number, None,
                                    f"is not valid UTF-8 (byte {exc.start + 1} of the line): "
                                    f"the file looks saved in another encoding, such as Windows-1252 "
                                    f"or Latin-1; {_SAVE_AS}"))
    raise ImportRejected(filename, problems)


def _nul_message(data: bytes) -> str:
    """Why a file holds NUL bytes: UTF-16 text without its mark shows them at
    every other byte (mostly the odd ones for little-endian); else it is not text."""
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if half and max(even, odd) >= 0.3 * half and min(even, odd) <= 0.05 * half:
        order = "little-endian" if odd > even else "big-endian"
        return f"looks like UTF-16 ({order}) text without a byte-order mark; {_SAVE_AS}"
    return f"contains NUL bytes, so it is not a text file; {_SAVE_AS}"


def line_ends(text: str) -> str:
    """The line end to split ``text`` on: ``"\\n"`` (LF or CRLF), or ``"\\r"``
    for a file with carriage returns alone (old Mac spreadsheets write them)."""
    if "\n" not in text and "\r" in text:
        return "\r"
    return "\n"


def separator_hint(text: str) -> str | None:
    """For a header that names no column: the sentence saying it is
    separated by something other than commas, if that is what it is."""
    end = line_ends(text)
    lines = text.lstrip("\ufeff").split(end, 2)
    first = lines[0].strip().lower()
    if first.startswith("sep=") and len(first) == 5 and first[4] != ",":
        sep = first[4]
        name = _SEPARATORS.get(sep, f"'{sep}'")
        return (f"the file's first line (sep={sep}) says its columns are separated by {name}, but runlog "
                f"expects commas (,); {_SAVE_AS}")
    from runlog.formats.contract_csv.columns import header_names

    known = header_names()
    for sep, name in _SEPARATORS.items():
        names = {cell.strip().strip('"').strip().lower() for cell in first.split(sep)}
        if len(names & known.keys()) >= 2:
            return f"the columns are separated by {name}, but runlog expects commas (,); {_SAVE_AS}"
    return None

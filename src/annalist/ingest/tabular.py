"""CSV and TSV files: one article per row, columns named in a header row.

The first row is the header.  :class:`Columns` says which columns hold what; header names
match case-insensitively, blanks around them ignored.  Only the text column is required::

    text,title,published,url,language,id,section
    "Marla Voss ha vinto a Tervandi.",Voto a Tervandi,2023-09-13,https://…,it-IT,17,politica

* text: the article text (required, not blank);  title, url: optional;
* published: YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp (day precision, the date as
  written), like JSONL;  language: a language tag ("it-IT" → "it");
* id: kept in meta as ``source_id`` (the Document id is always the content hash);
* every other column: kept in meta as (header name, value), sorted; empty cells dropped.

Each data row is one unit at ``line N``, N the physical line where the row starts (the header
is line 1; a quoted field may span lines).  Documents and row errors have the origin
``FILE:N``, as JSONL lines do.  Blank rows (no cell with text) are skipped.  A ragged row (a
field count other than the header's), a row without text [I017] or with an unusable date
[I009] is rejected alone; the other rows are still read.  Text the CSV reader cannot resync
after (a field longer than the size limit, or an encoding error that cannot be skipped) and
a physical line longer than the size limit end the file with one error [I017, I004, I003] at
the row where reading stopped.

The delimiter, unless given, comes from the header line: a tab means TSV, otherwise
:class:`csv.Sniffer` picks among ``,`` ``;`` ``|`` and a comma is the default.

The file streams: only the first 64 KB are read ahead, to find the encoding with
:func:`annalist.ingest.text.decode` (a byte-order mark wins: UTF-8, UTF-16 or UTF-32).  Binary
content there rejects the whole file [I004]; a row further on that is not valid in that
encoding or holds a control character (NUL …) is rejected alone [I004].
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import charset_normalizer

from annalist.ingest import errors
from annalist.ingest.document import make_document
from annalist.ingest.jsonl import parse_published
from annalist.ingest.text import DecodeFailure, decode
from annalist.model import Document, InputError

__all__ = ["Columns", "read_table"]

#: Bytes read ahead to find the encoding (and the delimiter).
SAMPLE_BYTES = 64 * 1024
#: Delimiters the sniffer chooses among when the header line has no tab.
SNIFFED_DELIMITERS = ",;|"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What surrogateescape makes of a byte the encoding cannot decode.
_UNDECODED = re.compile("[\udc80-\udcff]")
# Control characters that never occur in text (as in annalist.ingest.text): binary content.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True)
class Columns:
    """Header names of the columns that fill a Document; None leaves a field unread."""

    text: str = "text"
    title: str | None = "title"
    url: str | None = "url"
    published: str | None = "published"
    language: str | None = "language"
    id: str | None = "id"


class _LineTooLong(Exception):
    """A physical line longer than the size limit."""


def read_table(
    stream: IO[bytes],
    *,
    origin: str,
    delimiter: str | None = None,
    columns: Columns = Columns(),
    max_bytes: int,
) -> Iterator[Document | InputError]:
    """Documents and errors from the rows of a CSV or TSV file (see the module docstring).

    >>> data = b'text,title,lang\\n"Marla Voss ha vinto, di poco.",Voto,it-IT\\n\\n,,\\n'
    >>> rows = read_table(io.BytesIO(data), origin="a.csv", columns=Columns(language="lang"),
    ...                   max_bytes=1000)
    >>> [(d.origin, d.text, d.title, d.language) for d in rows]
    [('a.csv:2', 'Marla Voss ha vinto, di poco.', 'Voto', 'it')]
    """
    head = stream.read(SAMPLE_BYTES)
    encoding = _encoding(head, more=len(head) == SAMPLE_BYTES)
    if isinstance(encoding, DecodeFailure):
        yield errors.input_error(
            origin, errors.NOT_TEXT,
            f"not text: {encoding.message} (position byte {encoding.byte})",
            position=f"byte {encoding.byte}",
        )
        return
    raw = io.BufferedReader(_Prefixed(head, stream))
    text_stream = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
    limit = max(1, max_bytes)
    csv.field_size_limit(min(limit, 2**31 - 1))
    if delimiter is None:
        delimiter = _sniff(_first_line(head, encoding))
    reader = csv.reader(_lines(text_stream, limit), delimiter=delimiter, strict=False)
    line = 0  # the last physical line the reader has consumed

    def stop(row_start: int, problem: Exception) -> InputError:
        if isinstance(problem, _LineTooLong):
            return errors.input_error(
                origin, errors.OVERSIZED,
                f"oversized: line {row_start} is longer than the size limit ({limit} bytes); "
                "the rest of the file is not read; split the article or raise the size limit",
                position=f"line {row_start}",
            )
        if isinstance(problem, UnicodeDecodeError):
            return errors.input_error(
                origin, errors.NOT_TEXT,
                f"not text: at or after line {row_start} the file is not valid {encoding} "
                f"({problem.reason}); the "
                "rest of the file is not read; convert the file to UTF-8",
                position=f"line {row_start}",
            )
        hint = ("a field may be longer than the size limit, or a quote left open; fix the "
                "quoting there or raise the size limit")
        return errors.input_error(
            origin, errors.BAD_ROW,
            f"unreadable CSV from line {row_start} on: {problem}; the rest of the file is not "
            f"read; {hint}",
            position=f"line {row_start}",
        )

    try:
        header = next(reader, None)
    except (csv.Error, _LineTooLong, UnicodeDecodeError) as exc:
        yield stop(1, exc)
        return
    line = reader.line_num
    if header is None:
        yield errors.input_error(
            origin, errors.EMPTY, "empty: the file has no header and no rows; remove it or "
            "give it a header row and one row per article",
        )
        return
    names = [_column_key(name) for name in header]
    where = _locate(names, columns)
    if where.get("text") is None:
        listed = ", ".join(name.strip() for name in header) or "none"
        yield errors.input_error(
            origin, errors.BAD_ROW,
            f"no column {columns.text!r} in the header (columns: {listed}); name the text "
            "column with --text-column",
            position="line 1",
        )
        return
    mapped = {index for index in where.values() if index is not None}
    while True:
        start = line + 1
        try:
            row = next(reader, None)
        except (csv.Error, _LineTooLong, UnicodeDecodeError) as exc:
            yield stop(start, exc)
            return
        if row is None:
            return
        line = reader.line_num
        if all(not cell.strip() for cell in row):
            continue
        yield _row_unit(row, header, where, mapped, columns, origin=origin, number=start,
                        encoding=encoding)


def _row_unit(
    row: list[str],
    header: list[str],
    where: dict[str, int | None],
    mapped: set[int],
    columns: Columns,
    *,
    origin: str,
    number: int,
    encoding: str,
) -> Document | InputError:
    """The Document (or error) of one non-blank data row starting at line ``number``."""
    unit = f"{origin}:{number}"
    position = f"line {number}"

    def fail(code: str, message: str) -> InputError:
        return errors.input_error(unit, code, message, position=position)

    if len(row) != len(header):
        fields = f"{len(row)} field" + ("" if len(row) == 1 else "s")
        return fail(errors.BAD_ROW, f"row has {fields}, the header {len(header)}; quote "
                    "fields that contain the delimiter, and give every row the header's columns")
    undecoded = next((m for cell in row if (m := _UNDECODED.search(cell))), None)
    if undecoded is not None:
        byte = ord(undecoded.group()) - 0xDC00
        return fail(errors.NOT_TEXT, f"not text: line {number} has byte 0x{byte:02x}, which is "
                    f"not valid {encoding} (the encoding found at the start of the file); "
                    "convert the file to UTF-8")
    control = next((m for cell in row if (m := _CONTROL.search(cell))), None)
    if control is not None:
        return fail(errors.NOT_TEXT, f"not text: line {number} has control character "
                    f"0x{ord(control.group()):02x}, so this row looks like binary content; "
                    "remove it or give the file text only")

    def cell(field: str) -> str | None:
        index = where.get(field)
        return (row[index].strip() or None) if index is not None else None

    text = cell("text")
    if text is None:
        return fail(errors.BAD_ROW, f"no text in column {columns.text!r} on line {number}; give "
                    "every row its article text, or remove the row")
    try:
        published = parse_published(cell("published"))
    except ValueError as exc:
        return fail(errors.BAD_DATE, f"unusable date in column {columns.published!r} on line "
                    f"{number}: {exc}; fix it or leave the cell empty")
    meta = [(header[index].strip(), value.strip()) for index, value in enumerate(row)
            if index not in mapped and value.strip()]
    source_id = cell("id")
    if source_id is not None:
        meta.append(("source_id", source_id))
    return make_document(
        text,
        origin=unit,
        position=position,
        title=cell("title"),
        url=cell("url"),
        language=_language_code(cell("language")),
        published=published,
        meta=tuple(sorted(meta)),
    )


def _column_key(name: str) -> str:
    return name.strip().removeprefix("\ufeff").strip().casefold()


def _locate(names: list[str], columns: Columns) -> dict[str, int | None]:
    """The index of each mapped column in the header (the first of equal names), or None."""
    where: dict[str, int | None] = {}
    for field in ("text", "title", "url", "published", "language", "id"):
        wanted = getattr(columns, field)
        key = _column_key(wanted) if wanted else None
        where[field] = names.index(key) if key is not None and key in names else None
    return where


def _encoding(head: bytes, *, more: bool) -> str | DecodeFailure:
    """The encoding of a file from its first bytes (``more``: the file goes on after them)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    sample = _whole_lines(head) if more else head
    decoded = decode(sample)
    if isinstance(decoded, DecodeFailure):
        return decoded
    # decode() says what the text is, not which encoding it used: find the one that agrees.
    for name in ("utf-8", "cp1252"):
        try:
            if sample.decode(name) == decoded:
                return name
        except UnicodeDecodeError:
            continue
    for match in charset_normalizer.from_bytes(sample):
        if str(match) == decoded:
            return match.encoding
    return DecodeFailure("its encoding could not be told with confidence; convert it to UTF-8", 0)


def _whole_lines(head: bytes) -> bytes:
    """``head`` without its last, possibly cut line (or cut character when it has one line)."""
    newline = head.rfind(b"\n")
    if newline >= 0:
        return head[: newline + 1]
    for back in range(1, min(4, len(head)) + 1):  # a UTF-8 sequence cut short
        byte = head[-back]
        if byte < 0x80:
            break
        if byte >= 0xC0:
            return head[:-back]
    return head


def _first_line(head: bytes, encoding: str) -> str:
    text = head[:4096].decode(encoding, errors="replace")
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"), maxsplit=1)[0]


def _sniff(header_line: str) -> str:
    """The delimiter of a header line: a tab, else the sniffer's choice, else a comma."""
    if "\t" in header_line:
        return "\t"
    try:
        return csv.Sniffer().sniff(header_line, delimiters=SNIFFED_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _lines(text_stream: IO[str], limit: int) -> Iterator[str]:
    """The physical lines of the text, never more than ``limit`` characters of one."""
    while True:
        line = text_stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(("\n", "\r")):
            raise _LineTooLong
        yield line


def _language_code(value: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased: "it-IT" → "it"."""
    if value is None:
        return None
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0] or None


class _Prefixed(io.RawIOBase):
    """A raw byte stream: ``head`` (already read from ``rest``), then the rest of ``rest``.

    Closing it leaves ``rest`` open: the caller owns it.
    """

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


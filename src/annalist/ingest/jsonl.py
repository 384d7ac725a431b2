"""JSON Lines: one article per line, one JSON object per article.

Fields::

    {"text": "…",                     required, a non-blank string
     "title": "…", "url": "…",        optional strings
     "published": "2023-09-13",       optional: YYYY, YYYY-MM, YYYY-MM-DD or a full ISO
                                      timestamp (day precision, the date as written)
     "language": "it",                optional: a language hint (ISO 639-1; "it-IT" → "it")
     "id": "…",                       optional: kept in meta as source_id (the Document id
                                      is always the content hash)
     "anything_else": …}              kept in meta as (key, str(value)), sorted; nulls dropped

A bad line (not JSON, not an object, no text, an unusable field) becomes an
:class:`~annalist.model.InputError` at ``line N``; the other lines still become Documents.
Blank lines are skipped.  Lines are read one at a time, so a JSONL file of any size streams;
only a single line bigger than the size limit is rejected.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import IO

from annalist.ingest import errors
from annalist.ingest.document import make_document
from annalist.model import Document, InputError, PartialDate

__all__ = ["iter_lines", "parse_published", "parse_record", "read_jsonl"]

_KNOWN_FIELDS = frozenset({"text", "title", "url", "published", "language", "id"})
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def read_jsonl(
    lines: Iterable[bytes | str | None], *, origin: str
) -> Iterator[Document | InputError]:
    """Documents and errors from the lines of a JSONL source, numbered from 1.

    A ``None`` line stands for a line that was too long to read (see :func:`iter_lines`).

    >>> [d.text for d in read_jsonl(['{"text": "Uno."}', '', '{"text": "Due."}'], origin="x")]
    ['Uno.', 'Due.']
    """
    for number, line in enumerate(lines, start=1):
        if line is None:
            yield errors.input_error(
                f"{origin}:{number}", errors.OVERSIZED,
                "oversized: this line is longer than the size limit; split the article "
                "or raise max_bytes",
                position=f"line {number}",
            )
            continue
        record = parse_record(line, origin=origin, number=number)
        if record is not None:
            yield record


def iter_lines(stream: IO[bytes] | IO[str], max_bytes: int) -> Iterator[bytes | str | None]:
    """The lines of ``stream``, never holding more than ``max_bytes`` of one line.

    A longer line is skipped and reported as ``None``.
    """
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not _ends_line(line):
            while (rest := stream.readline(max_bytes + 1)) and not _ends_line(rest):
                pass
            yield None
        else:
            yield line


def _ends_line(chunk: bytes | str) -> bool:
    return chunk[-1:] in (b"\n", "\n")


def parse_record(line: bytes | str, *, origin: str, number: int) -> Document | InputError | None:
    """The Document (or error) of one JSONL line; None for a blank line."""
    where = f"{origin}:{number}"
    position = f"line {number}"

    def fail(code: str, message: str) -> InputError:
        return errors.input_error(where, code, message, position=position)

    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return fail(errors.NOT_TEXT, f"not text: line {number} is not UTF-8 (position byte "
                        f"{exc.start} of the line); JSON Lines must be UTF-8")
    line = line.removeprefix("\ufeff") if number == 1 else line
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return fail(errors.BAD_JSON, f"malformed JSON on line {number}: {exc.msg} at column "
                    f"{exc.colno}; write each article as one JSON object on one line")
    if not isinstance(record, dict):
        return fail(errors.NOT_AN_OBJECT, f"line {number} is a JSON {type(record).__name__}, "
                    'not an object; write each article as {"text": "…", …}')
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        problem = "has no \"text\"" if text is None else "has an empty or non-string \"text\""
        return fail(errors.NO_TEXT, f"line {number} {problem}; give every record the article "
                    "text as a non-empty string")
    fields: dict[str, str | None] = {}
    for name in ("title", "url", "language"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return fail(errors.BAD_FIELD, f'"{name}" on line {number} is a '
                        f"{type(value).__name__}; it must be a string or absent")
        fields[name] = (value.strip() or None) if isinstance(value, str) else None
    try:
        published = parse_published(record.get("published"))
    except ValueError as exc:
        return fail(errors.BAD_DATE, f'unusable "published" on line {number}: {exc}')
    meta = [(key, str(value)) for key, value in record.items()
            if key not in _KNOWN_FIELDS and value is not None]
    if record.get("id") is not None:
        meta.append(("source_id", str(record["id"])))
    return make_document(
        text,
        origin=where,
        position=position,
        title=fields["title"],
        url=fields["url"],
        language=_language_code(fields["language"]),
        published=published,
        meta=tuple(sorted(meta)),
    )


def parse_published(value: object) -> PartialDate | None:
    """A publication date from a JSON value; ``ValueError`` says what is wrong.

    >>> parse_published("2023-09"), parse_published("2023-09-13T23:30:00-05:00").iso()
    (PartialDate(year=2023, month=9, day=None), '2023-09-13')
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"a {type(value).__name__}; write a date string such as 2023-09-13")
    text = value.strip()
    if _PARTIAL_DATE.fullmatch(text):
        date = PartialDate.parse(text)
    else:
        try:
            date = PartialDate.from_date(dt.datetime.fromisoformat(text).date())
        except ValueError:
            raise ValueError(
                f"{value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp"
            ) from None
    date.first_day()  # a year 0 or a 30 February raises ValueError here
    return date


def _language_code(value: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased: "it-IT" → "it"."""
    if value is None:
        return None
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0] or None

"""WARC web archives (``.warc``, ``.warc.gz``): one HTML response, one Document.

A WARC file is a sequence of records (ISO 28500): the crawler's ``warcinfo``, the
``request`` it sent, the ``response`` it got, ``metadata``, ``revisit`` … .  Records are
numbered from 1 in file order, every kind counted, so ``record N`` points into the file as
``warcio index`` lists it.

- Only ``response`` records are input units; the other kinds are skipped silently.
- A response that is not a successful HTML page (an HTTP status other than 2xx, or a
  ``Content-Type`` other than ``text/html`` or ``application/xhtml+xml``) is an [I013]
  error at ``record N (URI)``.
- An HTML response is read at most ``max_bytes + 1`` bytes into its (de-chunked, decoded)
  payload, never whole: a bigger one is an [I003] error.  Otherwise the page becomes a
  Document through :func:`annalist.ingest.html.read_html`, with the ``WARC-Target-URI`` as
  its ``url`` and the ``Content-Type`` charset as its transport charset.  Its publication
  date comes from the page: the crawl date (``WARC-Date``) is not a publication date.
- A gzip file is read decompressed, whether each record is its own gzip member (the usual
  ``.warc.gz``) or the whole file was compressed at once.  A file that is truncated or
  corrupt (a cut gzip stream, a record shorter than its ``Content-Length`` or without one,
  bytes that are not a WARC record) gives one [I014] error at the record where reading
  failed, and reading stops; the records before it have been yielded already.  (A file cut
  exactly between two records is a valid, shorter WARC: nothing can tell.)  An empty file
  is an [I005] error.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from annalist.ingest import errors
from annalist.ingest.html import read_html
from annalist.model import Document, InputError

__all__ = ["HTML_TYPES", "read_warc"]

#: The media types of the responses that are read as pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_BLOCK = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class _Broken(Exception):
    """The file cannot be read on from here (never an ``EOFError``: warcio takes those for a
    clean end of file)."""


def read_warc(stream: IO[bytes], *, origin: str, max_bytes: int) -> Iterator[Document | InputError]:
    """Documents and errors from the records of a WARC (or WARC.gz) stream, in file order."""
    source = _open(stream)
    records = ArchiveIterator(source)
    number = 0
    while True:
        try:
            record = next(records, None)
        except Exception as exc:  # noqa: BLE001 -- warcio on damaged input raises anything
            yield _corrupt(origin, number + 1, exc)
            return
        if record is None:
            break
        number += 1
        try:
            result = _read_record(record, number, origin=origin, max_bytes=max_bytes)
        except Exception as exc:  # noqa: BLE001 -- as above, while reading one record's bytes
            yield _corrupt(origin, number, exc)
            return
        if isinstance(result, _Page):
            yield read_html(result.payload, origin=origin, url=result.uri or None,
                            position=f"record {number}", charset=result.charset)
        elif result is not None:
            yield result
    if source.tell() > records.offset:  # warcio ends quietly inside a cut record header
        yield _corrupt(origin, number + 1, _Broken("the file ends inside a record header"))
    elif number == 0:
        yield errors.input_error(
            origin, errors.EMPTY,
            "empty: the WARC file has no records; remove it or give annalist the WARC the "
            "crawler wrote",
        )


@dataclass(frozen=True, slots=True)
class _Page:
    """The payload of an HTML response, whole and within the size limit."""

    payload: bytes
    uri: str
    charset: str | None


def _read_record(record: ArcWarcRecord, number: int, *, origin: str, max_bytes: int) -> _Page | InputError | None:
    """The page or the error of one record; None for a record that is not an input unit.

    Raises :class:`_Broken` (or whatever warcio raises) when the record is cut short.
    """
    declared = record.rec_headers.get_header("Content-Length") if record.format == "warc" else "0"
    if record.length is None or not (declared or "").strip().isdigit():  # warcio takes "" for 0
        raise _Broken("a record without a usable Content-Length")
    if record.rec_type != "response":
        _drain(record)
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    status = (http.get_statuscode() or "") if http is not None else ""
    media_type, charset = _content_type(http.get_header("Content-Type") if http is not None else None)
    if not (status.isdigit() and 200 <= int(status) < 300):
        _drain(record)
        answer = f"HTTP {http.statusline}" if http is not None and status else "no HTTP status"
        return errors.input_error(
            origin, errors.NOT_HTML,
            f"not an HTML page: the response for {uri or 'an unnamed URI'} is {answer}; only "
            "successful (2xx) responses are read, so crawl the page again if you need it",
            position=f"record {number} ({uri})",
        )
    if media_type not in HTML_TYPES:
        _drain(record)
        kind = media_type or "of no stated type (no Content-Type)"
        return errors.input_error(
            origin, errors.NOT_HTML,
            f"not an HTML page: the response for {uri or 'an unnamed URI'} is {kind}; only "
            "text/html and application/xhtml+xml responses are read (if it is a page served "
            "with the wrong type, save its payload as a .html file and read that)",
            position=f"record {number} ({uri})",
        )
    payload = _read_at_most(record.content_stream(), max_bytes + 1)
    _drain(record)
    if len(payload) > max_bytes:
        return errors.input_error(
            origin, errors.OVERSIZED,
            f"oversized: the page in record {number} ({uri}) is over the limit of {max_bytes:,} "
            "bytes; raise max_bytes to read it",
            position=f"record {number}",
        )
    return _Page(payload, uri, charset)


def _content_type(value: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and the charset parameter of a ``Content-Type`` value."""
    if not value:
        return "", None
    media_type, *parameters = value.split(";")
    charset = None
    for parameter in parameters:
        name, _, content = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = content.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _read_at_most(stream: IO[bytes], limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = stream.read(min(_BLOCK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _drain(record: ArcWarcRecord) -> None:
    """Read the rest of the record's bytes; raise :class:`_Broken` when they end too early."""
    raw = record.raw_stream
    while raw.read(_BLOCK):
        pass
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        raise _Broken(f"the record ends {missing:,} bytes short of its Content-Length")


def _corrupt(origin: str, number: int, exc: Exception) -> InputError:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = lines[0][:200] if lines else type(exc).__name__
    return errors.input_error(
        origin, errors.CORRUPT,
        f"truncated or corrupt from record {number} on ({detail}); the records before it were "
        "read, the rest cannot be; download or copy the file again (a cut transfer is the "
        "usual cause), or check that it is a WARC file",
        position=f"record {number}",
    )


def _open(stream: IO[bytes]) -> _Gunzipped | _Prefixed:
    """The stream as warcio should read it: decompressed when it is gzip."""
    head = b""
    while len(head) < len(_GZIP_MAGIC):
        chunk = stream.read(len(_GZIP_MAGIC) - len(head))
        if not chunk:
            break
        head += chunk
    prefixed = _Prefixed(head, stream)
    return _Gunzipped(prefixed) if head == _GZIP_MAGIC else prefixed


class _Prefixed:
    """A stream with bytes already read put back in front; ``tell`` counts what was read."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream
        self._offset = 0

    def tell(self) -> int:
        return self._offset

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        raise io.UnsupportedOperation("the stream is read forwards only")

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            data = self._head + (self._stream.read() or b"")
            self._head = b""
        else:
            data = self._head[:size]
            self._head = self._head[size:]
            if len(data) < size:
                data += self._stream.read(size - len(data)) or b""
        self._offset += len(data)
        return data


class _Gunzipped:
    """A gzip stream of any number of members, read decompressed.

    A cut or damaged stream first gives all the data that decompressed, then raises
    :class:`_Broken` (warcio itself would end quietly at a cut or skip a damaged member).
    """

    def __init__(self, raw: _Prefixed) -> None:
        self._file = gzip.GzipFile(fileobj=raw, mode="rb")
        self._failure: _Broken | None = None
        self._offset = 0

    def tell(self) -> int:
        return self._offset

    def read(self, size: int | None = -1) -> bytes:
        if self._failure is not None:
            raise self._failure
        chunks: list[bytes] = []
        got = 0
        while size is None or size < 0 or got < size:
            want = _BLOCK if size is None or size < 0 else size - got
            try:
                chunk = self._file.read1(want)
            except (EOFError, OSError, zlib.error) as exc:  # cut, bad header or CRC, bad data
                self._failure = _Broken(f"gzip: {exc}")
                if chunks:
                    break
                raise self._failure from exc
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        data = b"".join(chunks)
        self._offset += len(data)
        return data

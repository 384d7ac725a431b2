"""Reading every input a user names: files, directories, URLs and standard input.

Contract: ``read_inputs(paths) -> Iterator[Document | InputError]``.  Every input unit (a
file, a JSONL line, a CSV row, a feed entry, a WARC record, a URL) ends up as exactly one of
the two, so a run can list what it skipped and why (DESIGN §8).  Example::

    >>> import io
    >>> [d.text for d in read_inputs(["-"], stdin=io.StringIO('{"text": "Uno."}\\n'))]
    ['Uno.']

What a path may be:

- ``-``: standard input; JSON Lines when its first non-blank character is ``{``, otherwise
  one plain-text article;
- ``http://…`` or ``https://…``: a page or a feed, fetched (:mod:`annalist.ingest.fetch`);
- a directory: every file below it in a format annalist reads (:data:`SUFFIXES`),
  recursively, in sorted order, hidden files and directories skipped;
- a file: its format is told by its name (:data:`SUFFIXES`), else by its first bytes (a WARC
  header, gzip, XML feed, HTML, a JSON object); anything else is one plain-text article.
  ``format`` forces one format for every file.

Formats: ``text`` (:mod:`~annalist.ingest.text`), ``jsonl`` (:mod:`~annalist.ingest.jsonl`),
``html`` (:mod:`~annalist.ingest.html`), ``feed`` (RSS/Atom, :mod:`~annalist.ingest.feed`),
``warc`` (WARC or WARC.gz, :mod:`~annalist.ingest.warc`), ``csv`` and ``tsv``
(:mod:`~annalist.ingest.tabular`), ``urls`` (a file of URLs, :mod:`~annalist.ingest.fetch`).

A plain-text, HTML or feed file bigger than ``max_bytes`` is rejected [I003] without being
read whole (or, with ``truncate``, read up to the limit); JSON Lines, CSV and WARC stream, so
only a single line, row or record bigger than ``max_bytes`` is rejected.
"""

from __future__ import annotations

import gzip
import io
import itertools
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from annalist.ingest import errors
from annalist.ingest.jsonl import iter_lines, read_jsonl
from annalist.ingest.tabular import Columns
from annalist.ingest.text import read_text
from annalist.model import Document, InputError

if TYPE_CHECKING:
    from annalist.ingest.fetch import FetchPolicy

__all__ = ["FORMATS", "JSONL_SUFFIXES", "MAX_BYTES", "STDIN", "SUFFIXES", "TEXT_SUFFIXES", "read_inputs"]

#: The size limit of one article (a plain-text file, a page, a JSONL line, a CSV row, a WARC
#: record), in bytes (50 MB).
MAX_BYTES = 50 * 1024 * 1024
#: File name endings read as plain text inside a directory.
TEXT_SUFFIXES = (".txt", ".md")
#: File name endings read as JSON Lines.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: Every file name ending annalist reads, and its format (the longest ending wins).
SUFFIXES = {
    ".txt": "text", ".md": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".urls": "urls",
}
_LONGEST_FIRST = sorted(SUFFIXES, key=len, reverse=True)  # ".warc.gz" before ".gz"-less endings
FORMATS = ("text", "jsonl", "html", "feed", "warc", "csv", "tsv", "urls")
#: The origin of whatever comes from standard input.
STDIN = "<stdin>"

Input = Document | InputError


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_BYTES,
    format: str | None = None,
    truncate: bool = False,
    follow: bool = False,
    columns: Columns | None = None,
    delimiter: str | None = None,
    urls: Sequence[str] = (),
    timeout: float = 20.0,
    delay: float = 1.0,
) -> Iterator[Input]:
    """Documents and input errors from every path, in the order given, then from every file
    of URLs in ``urls``.

    ``stdin`` is what ``-`` reads (default: the process's standard input).  ``format`` forces
    a format (one of :data:`FORMATS`); ``truncate`` reads an oversized article up to
    ``max_bytes`` instead of rejecting it; ``follow`` reads a feed's entries from the pages
    they link to; ``columns`` and ``delimiter`` say how to read CSV/TSV; ``timeout`` and
    ``delay`` (seconds) how to fetch URLs.  One bad input never stops the others.
    """
    from annalist.ingest.fetch import FetchPolicy

    policy = FetchPolicy(timeout=timeout, max_bytes=max_bytes, delay=delay)
    options = _Options(max_bytes, format, truncate, follow, columns, delimiter, policy)
    if format is not None and format not in FORMATS:
        yield errors.input_error(
            "--format", errors.BAD_FORMAT,
            f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
        return
    for path in paths:
        name = os.fspath(path)
        if name == "-":
            if format in (None, "text", "jsonl"):
                yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes, format)
            else:
                raw = stdin if stdin is not None else sys.stdin.buffer
                data = raw.read(max_bytes + 1)
                yield from _read_bytes(STDIN, data.encode("utf-8") if isinstance(data, str) else data, options)
        elif name.startswith(("http://", "https://")):
            from annalist.ingest.fetch import read_urls

            yield from read_urls([("", name)], origin=name, follow=follow, policy=policy)
        elif os.path.isdir(name):
            yield from _read_directory(name, options)
        elif os.path.lexists(name):
            yield from _read_file(name, options)
        else:
            yield errors.input_error(
                name, errors.MISSING,
                f"no such file or directory: {name!r}; check the path (use '-' for standard input)",
            )
    for url_file in urls:
        yield from _read_file(url_file, replace(options, format="urls"))


@dataclass(frozen=True)
class _Options:
    max_bytes: int
    format: str | None
    truncate: bool
    follow: bool
    columns: Columns | None
    delimiter: str | None
    policy: FetchPolicy


def format_of(name: str, head: bytes) -> str:
    """A file's format from its name, else from its first bytes."""
    low = name.lower()
    for suffix in _LONGEST_FIRST:
        if low.endswith(suffix) and SUFFIXES[suffix] != "feed":
            return SUFFIXES[suffix]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:2] == b"\x1f\x8b":
        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            inner = b""
        return "warc" if inner.startswith(b"WARC/") else "gzip"
    if start.startswith(b"WARC/"):
        return "warc"
    lowered = start[:2048].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or (b"<html" in lowered and b"<rss" not in lowered):
        return "html"
    if low.endswith((".rss", ".atom", ".xml")) or any(tag in lowered for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    return "text"


def _read_file(path: str, options: _Options) -> Iterator[Input]:
    try:
        with open(path, "rb") as stream:
            head = stream.read(4096)
            fmt = options.format or format_of(path, head)
            stream.seek(0)
            if fmt in ("jsonl", "warc", "csv", "tsv", "urls"):  # these stream
                yield from _read_stream(path, stream, fmt, options)
                return
            if fmt == "gzip":
                yield errors.input_error(
                    path, errors.BAD_FORMAT,
                    "a gzip file that holds no WARC; decompress it (gunzip) and read what it holds")
                return
            size = os.fstat(stream.fileno()).st_size
            if size > options.max_bytes and not options.truncate:
                yield _oversized(path, size, options.max_bytes)
                return
            data = stream.read(options.max_bytes + 1)  # a growing file or a device reports no size
    except OSError as exc:
        yield errors.input_error(
            path, errors.UNREADABLE,
            f"cannot read: {exc.strerror or exc}; check that it is a readable file",
        )
        return
    yield from _read_bytes(path, data, options, fmt)


def _read_stream(path: str, stream: BinaryIO, fmt: str, options: _Options) -> Iterator[Input]:
    if fmt == "jsonl":
        yield from read_jsonl(iter_lines(stream, options.max_bytes), origin=path)
    elif fmt == "warc":
        from annalist.ingest.warc import read_warc

        yield from read_warc(stream, origin=path, max_bytes=options.max_bytes)
    elif fmt in ("csv", "tsv"):
        from annalist.ingest.tabular import read_table

        delimiter = options.delimiter or ("\t" if fmt == "tsv" else None)
        yield from read_table(stream, origin=path, delimiter=delimiter, columns=options.columns or Columns(),
                              max_bytes=options.max_bytes)
    else:
        from annalist.ingest.fetch import read_url_file

        yield from read_url_file(stream, origin=path, follow=options.follow, policy=options.policy)


def _read_bytes(origin: str, data: bytes, options: _Options, fmt: str | None = None) -> Iterator[Input]:
    """A whole file (or standard input) already read, at most ``max_bytes + 1`` bytes."""
    fmt = fmt or options.format or format_of(origin, data[:4096])
    truncated = len(data) > options.max_bytes
    if truncated:
        if not options.truncate or fmt not in ("text", "html"):
            yield _oversized(origin, len(data), options.max_bytes)
            return
        data = _cut(data, options.max_bytes)
    if fmt in ("jsonl", "warc", "csv", "tsv", "urls", "gzip"):
        if fmt == "gzip":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error) as exc:
                yield errors.input_error(origin, errors.CORRUPT, f"truncated or corrupt gzip: {exc}; "
                                         "download or compress it again")
                return
            fmt = format_of(origin.removesuffix(".gz"), data[:4096])
        yield from _read_stream(origin, io.BytesIO(data), fmt, options)
        return
    if fmt == "html":
        from annalist.ingest.html import read_html

        result = read_html(data, origin=origin)
        yield _mark_truncated(result, options.max_bytes) if truncated else result
    elif fmt == "feed":
        from annalist.ingest.feed import read_feed

        yield from read_feed(data, origin=origin)
    else:
        result = read_text(data, origin=origin)
        yield _mark_truncated(result, options.max_bytes) if truncated else result


def _cut(data: bytes, limit: int) -> bytes:
    """The first ``limit`` bytes, cut at the last line or space so no character is split."""
    head = data[:limit]
    for sep in (b"\n", b" "):
        at = head.rfind(sep)
        if at > limit // 2:
            return head[:at]
    return head


def _mark_truncated(result: Input, limit: int) -> Input:
    if isinstance(result, InputError):
        return result
    return replace(result, meta=tuple(sorted((*result.meta, ("truncated_at_bytes", str(limit))))))


def _read_directory(path: str, options: _Options) -> Iterator[Input]:
    found: list[tuple[tuple[str, ...], str]] = []
    problems: list[OSError] = []
    endings = tuple(SUFFIXES)
    for folder, subfolders, files in os.walk(path, onerror=problems.append):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(endings):
                continue
            full = os.path.join(folder, name)
            found.append((Path(os.path.relpath(full, path)).parts, full))
    for problem in problems:
        yield errors.input_error(
            str(problem.filename or path), errors.UNREADABLE,
            f"cannot read directory: {problem.strerror or problem}; check its permissions",
        )
    if not found and not problems:
        yield errors.input_error(
            path, errors.NOTHING_TO_READ,
            f"no file annalist reads in this directory ({', '.join(sorted(SUFFIXES))}); name the "
            "files to read or point at another directory",
        )
    for _, full in sorted(found):
        yield from _read_file(full, options)


def _read_stdin(stream: TextIO | BinaryIO, max_bytes: int, format: str | None) -> Iterator[Input]:
    """Sniff standard input: JSON Lines if it starts with ``{``, one article otherwise."""
    lines = iter_lines(stream, max_bytes)
    head: list[bytes | str | None] = []
    first = ""
    for line in lines:
        head.append(line)
        if line is None:
            break
        text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        first = text.lstrip("\ufeff \t\r\n")[:1]
        if first:
            break
    if format == "jsonl" or (format is None and first == "{"):
        yield from read_jsonl(itertools.chain(head, lines), origin=STDIN)
        return
    if None in head:
        yield _oversized(STDIN, None, max_bytes)
        return
    rest = stream.read(max_bytes + 1)
    size = sum(len(chunk) for chunk in head if chunk is not None) + len(rest)
    if size > max_bytes:
        yield _oversized(STDIN, None, max_bytes)
        return
    data: bytes | str
    if isinstance(rest, bytes):
        data = b"".join(chunk for chunk in head if isinstance(chunk, bytes)) + rest
    else:
        data = "".join(chunk for chunk in head if isinstance(chunk, str)) + rest
    yield read_text(data, origin=STDIN)


def _oversized(origin: str, size: int | None, max_bytes: int) -> InputError:
    measured = f"{size:,} bytes" if size is not None else "bigger than the limit"
    return errors.input_error(
        origin, errors.OVERSIZED,
        f"oversized: {measured}, over the limit of {max_bytes:,} bytes; split it into "
        "smaller articles or raise max_bytes",
    )

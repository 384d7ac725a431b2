"""Reading every input a user names: files, directories and standard input.

Contract: ``read_inputs(paths) -> Iterator[Document | InputError]``.  Every input unit ends up
as exactly one of the two, so a run can list what it skipped and why (DESIGN §8).  Example::

    >>> import io
    >>> [d.text for d in read_inputs(["-"], stdin=io.StringIO('{"text": "Uno."}\\n'))]
    ['Uno.']

What a path may be:

- ``-``: standard input; JSON Lines when its first non-blank character is ``{``, otherwise
  one plain-text article;
- a directory: every ``.txt``/``.md`` (plain text) and ``.jsonl``/``.ndjson`` (JSON Lines)
  file below it, recursively, in sorted order, hidden files and directories skipped;
- a ``.jsonl``/``.ndjson`` file: JSON Lines;
- any other file: one plain-text article.

A plain-text file (or standard input as text) bigger than ``max_bytes`` is rejected [I003]
without being read whole; JSON Lines stream line by line, so only a single line bigger than
``max_bytes`` is rejected.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from annalist.ingest import errors
from annalist.ingest.jsonl import iter_lines, read_jsonl
from annalist.ingest.text import read_text
from annalist.model import Document, InputError

__all__ = ["JSONL_SUFFIXES", "MAX_BYTES", "STDIN", "TEXT_SUFFIXES", "read_inputs"]

#: The size limit of one plain-text article and of one JSONL line, in bytes (50 MB).
MAX_BYTES = 50 * 1024 * 1024
#: File name endings read as plain text inside a directory.
TEXT_SUFFIXES = (".txt", ".md")
#: File name endings read as JSON Lines.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: The origin of whatever comes from standard input.
STDIN = "<stdin>"

Input = Document | InputError


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Input]:
    """Documents and input errors from every path, in the order given.

    ``stdin`` is what ``-`` reads (default: the process's standard input).  One bad input
    never stops the others.
    """
    for path in paths:
        name = os.fspath(path)
        if name == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        elif os.path.isdir(name):
            yield from _read_directory(name, max_bytes)
        elif os.path.lexists(name):
            yield from _read_file(name, max_bytes)
        else:
            yield errors.input_error(
                name, errors.MISSING,
                f"no such file or directory: {name!r}; check the path (use '-' for standard input)",
            )


def _read_file(path: str, max_bytes: int) -> Iterator[Input]:
    try:
        if path.lower().endswith(JSONL_SUFFIXES):
            with open(path, "rb") as stream:
                yield from read_jsonl(iter_lines(stream, max_bytes), origin=path)
            return
        size = os.stat(path).st_size
        if size > max_bytes:
            yield _oversized(path, size, max_bytes)
            return
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)  # a growing file or a device reports no size
    except OSError as exc:
        yield errors.input_error(
            path, errors.UNREADABLE,
            f"cannot read: {exc.strerror or exc}; check that it is a readable file",
        )
        return
    if len(data) > max_bytes:
        yield _oversized(path, len(data), max_bytes)
        return
    yield read_text(data, origin=path)


def _read_directory(path: str, max_bytes: int) -> Iterator[Input]:
    found: list[tuple[tuple[str, ...], str]] = []
    problems: list[OSError] = []
    for folder, subfolders, files in os.walk(path, onerror=problems.append):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
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
            "no .txt, .md, .jsonl or .ndjson files in this directory; name the files to read "
            "or point at another directory",
        )
    for _, full in sorted(found):
        yield from _read_file(full, max_bytes)


def _read_stdin(stream: TextIO | BinaryIO, max_bytes: int) -> Iterator[Input]:
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
    if first == "{":
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

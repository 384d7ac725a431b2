"""Tests for annalist.ingest.core: paths, directories and standard input."""

from __future__ import annotations

import doctest
import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

import pytest

import annalist.ingest
from annalist.ingest import core, read_inputs
from annalist.model import Document, InputError, PartialDate


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_core_exports_only_the_public_surface() -> None:
    assert annalist.ingest.__all__ == ["MAX_BYTES", "read_inputs"]
    assert annalist.ingest.MAX_BYTES == 50 * 1024 * 1024


def test_core_missing_path_is_an_error_with_advice(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    (result,) = read_inputs([missing])
    assert isinstance(result, InputError)
    assert (result.origin, result.code) == (missing, "I001")
    assert "check the path" in result.reason


def test_core_text_file_origin_is_the_path_as_given(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", " date 2023-09 Il sindaco di Tarnow ha firmato il bilancio.")
    (doc,) = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert doc.origin == str(path)
    assert doc.published == PartialDate(2023, 9)


def test_core_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Articolo B.")
    write(tmp_path / "a.md", "Articolo A.")
    write(tmp_path / "sub" / "c.txt", "Articolo C.")
    write(tmp_path / "sub" / "deeper" / "d.jsonl", '{"text": "Articolo D1."}\n{"text": "D2."}\n')
    write(tmp_path / "sub" / "e.ndjson", '{"text": "Articolo E."}\n')
    write(tmp_path / ".hidden.txt", "Nascosto.")
    write(tmp_path / ".git" / "x.txt", "Nascosto.")
    write(tmp_path / "notes.docx", "ignorato")
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n")
    results = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(r, Document) for r in results)
    assert [r.text for r in results if isinstance(r, Document)] == [
        "Articolo A.", "Articolo B.", "Articolo C.", "Articolo D1.", "D2.", "Articolo E.",
    ]
    assert results[3].origin == str(tmp_path / "sub" / "deeper" / "d.jsonl") + ":1"


def test_core_directory_without_articles_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "notes.docx", "ignorato")
    (result,) = read_inputs([str(tmp_path)])
    assert isinstance(result, InputError) and result.code == "I011"


def test_core_bad_file_in_directory_does_not_stop_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "1.txt", b"\x00\x01binario")
    write(tmp_path / "2.txt", "")
    write(tmp_path / "3.txt", "Buono.")
    codes = [r.code if isinstance(r, InputError) else r.text for r in read_inputs([str(tmp_path)])]
    assert codes == ["I004", "I005", "Buono."]


@pytest.mark.parametrize("name", ["article", "README.md", "UPPER.TXT", "notes.log"])
def test_core_named_file_of_any_suffix_is_plain_text(tmp_path: Path, name: str) -> None:
    (doc,) = read_inputs([write(tmp_path / name, "Testo semplice.")])
    assert isinstance(doc, Document) and doc.text == "Testo semplice."


def as_bytes(data: str) -> BinaryIO:
    return io.BytesIO(data.encode("utf-8"))


def as_text(data: str) -> TextIO:
    return io.StringIO(data)


STREAMS = pytest.mark.parametrize("wrap", [as_bytes, as_text], ids=["binary", "text"])


@STREAMS
def test_core_stdin_plain_text_is_one_document(wrap: Callable[[str], BinaryIO | TextIO]) -> None:
    stdin = wrap(" date 2023-09-13 Anna Keller e Daniel Otieno hanno firmato un accordo.\n")
    (doc,) = read_inputs(["-"], stdin=stdin)
    assert isinstance(doc, Document)
    assert doc.origin == "<stdin>"
    assert doc.text == "Anna Keller e Daniel Otieno hanno firmato un accordo."
    assert doc.published == PartialDate(2023, 9, 13)


@STREAMS
def test_core_stdin_jsonl_is_sniffed(wrap: Callable[[str], BinaryIO | TextIO]) -> None:
    data = '\n  {"text": "Uno.", "published": "2023"}\n{oops\n{"text": "Tre."}\n'
    results = list(read_inputs(["-"], stdin=wrap(data)))
    assert [r.origin for r in results] == ["<stdin>:2", "<stdin>:3", "<stdin>:4"]
    assert isinstance(results[1], InputError) and results[1].position == "line 3"
    assert isinstance(results[0], Document) and results[0].published == PartialDate(2023)


def test_core_stdin_multiline_text_keeps_every_line() -> None:
    data = "Titolo\n\nPrimo paragrafo.\n\n{ non è JSON }\n"
    (doc,) = read_inputs(["-"], stdin=io.StringIO(data))
    assert isinstance(doc, Document)
    assert doc.text == "Titolo\n\nPrimo paragrafo.\n\n{ non è JSON }"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_core_empty_stdin_is_an_error(data: bytes) -> None:
    (result,) = read_inputs(["-"], stdin=io.BytesIO(data))
    assert isinstance(result, InputError) and result.code == "I005"


def test_core_oversized_file_is_rejected_without_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2000)
    (result,) = read_inputs([path], max_bytes=1000)
    assert isinstance(result, InputError)
    assert result.code == "I003"
    assert "2,000 bytes" in result.reason and "max_bytes" in result.reason


def test_core_oversized_stdin_is_rejected() -> None:
    (result,) = read_inputs(["-"], stdin=io.BytesIO(b"Riga.\n" * 400), max_bytes=1000)
    assert isinstance(result, InputError) and result.code == "I003"


def test_core_unreadable_file_is_an_error(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    (result,) = read_inputs([link])
    assert isinstance(result, InputError)
    assert result.code == "I002" and "cannot read" in result.reason


def test_core_docstring_examples_hold() -> None:
    assert doctest.testmod(core).failed == 0


@pytest.mark.parametrize(("name", "head", "fmt"), [
    ("page", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("page.htm", b"x", "html"),
    ("dump", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    ("crawl.warc.gz", b"", "warc"),
    ("news.xml", b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed"),
    ("data.xml", b'<?xml version="1.0"?><catalogue><item/></catalogue>', "feed"),  # the feed reader says why not
    ("data", b'<?xml version="1.0"?><catalogue><item/></catalogue>', "text"),
    ("feed", b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    ("rows.tsv", b"text\tid\n", "tsv"),
    ("list.urls", b"https://example.org/\n", "urls"),
    ("notes", b"Testo semplice.", "text"),
])
def test_core_format_is_told_by_name_then_by_first_bytes(name: str, head: bytes, fmt: str) -> None:
    assert core.format_of(name, head) == fmt


def test_core_format_can_be_forced(tmp_path: Path) -> None:
    page = write(tmp_path / "a.html", "<p>Il sindaco di Tarnow ha firmato il bilancio.</p>")
    (doc,) = read_inputs([page], format="text")
    assert isinstance(doc, Document) and doc.text.startswith("<p>")
    (bad,) = read_inputs([page], format="pdf")
    assert isinstance(bad, InputError) and bad.code == "I019"


def test_core_gzip_without_warc_is_reported(tmp_path: Path) -> None:
    import gzip

    packed = write(tmp_path / "a.txt.gz", gzip.compress(b"Testo compresso."))
    (err,) = read_inputs([packed])
    assert isinstance(err, InputError) and err.code == "I019" and "gunzip" in err.reason


def test_core_oversized_text_is_rejected_or_truncated(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "Una frase di prova. " * 200)
    (rejected,) = read_inputs([big], max_bytes=1000)
    assert isinstance(rejected, InputError) and rejected.code == "I003"
    (cut,) = read_inputs([big], max_bytes=1000, truncate=True)
    assert isinstance(cut, Document) and len(cut.text) <= 1000
    assert ("truncated_at_bytes", "1000") in cut.meta

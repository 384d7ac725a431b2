"""Tests for annalist.ingest.tabular: CSV and TSV files, one article per row."""

from __future__ import annotations

import csv
import doctest
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annalist.ingest import tabular
from annalist.ingest.tabular import Columns, read_table
from annalist.model import Document, InputError, PartialDate

LIMIT = 1_000_000


def read(data: bytes, **options: object) -> list[Document | InputError]:
    options.setdefault("max_bytes", LIMIT)
    return list(read_table(io.BytesIO(data), origin="news.csv", **options))  # type: ignore[arg-type]


def kinds(results: list[Document | InputError]) -> list[tuple[str, str]]:
    """(code or "doc", origin) of each result."""
    return [(r.code if isinstance(r, InputError) else "doc", r.origin) for r in results]


def error(result: Document | InputError) -> InputError:
    assert isinstance(result, InputError), result
    return result


def test_csv_with_mapped_columns() -> None:
    data = (
        "text,title,published,url,lang,id,section\n"
        '"Marla Voss, sindaca di Tervandi, ha firmato l\'accordo.",Accordo firmato,2023-09-13,'
        "https://tervandi-news.example/accordo,it-IT,tn-7,politica\n"
        "Oskar Ilm si è dimesso.,  Dimissioni ,2023-09,,,,\n"
    ).encode()
    first, second = read(data, columns=Columns(language="lang"))
    assert isinstance(first, Document)
    assert first.text == "Marla Voss, sindaca di Tervandi, ha firmato l'accordo."
    assert first.title == "Accordo firmato"
    assert first.published == PartialDate(2023, 9, 13)
    assert first.url == "https://tervandi-news.example/accordo"
    assert first.source == "tervandi-news.example"
    assert first.language == "it"
    assert first.origin == "news.csv:2"
    assert first.meta == (("section", "politica"), ("source_id", "tn-7"))
    assert isinstance(second, Document)
    assert second.title == "Dimissioni"
    assert second.published == PartialDate(2023, 9)
    assert (second.url, second.language, second.meta) == (None, None, ())
    assert second.origin == "news.csv:3"


def test_header_names_match_case_insensitively_after_stripping() -> None:
    data = b" Testo ,TITLE \r\nTram fermi a Tervandi.,Sciopero\r\n"
    (doc,) = read(data, columns=Columns(text="testo"))
    assert isinstance(doc, Document)
    assert (doc.text, doc.title) == ("Tram fermi a Tervandi.", "Sciopero")


def test_tsv_is_sniffed_from_the_header() -> None:
    data = b"id\ttext\ttitle\n1\tMarla Voss, sindaca, parla; poi vota.\tVoto\n2\tSecondo articolo.\t\n"
    first, second = read(data)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "Marla Voss, sindaca, parla; poi vota."
    assert first.title == "Voto" and second.title is None
    assert first.meta == (("source_id", "1"),)


def test_semicolon_csv_is_sniffed() -> None:
    data = "text;title;published\nA Tervandi piove, da tre giorni.;Maltempo;2023-10-02\n".encode()
    (doc,) = read(data)
    assert isinstance(doc, Document)
    assert (doc.text, doc.title, doc.published) == (
        "A Tervandi piove, da tre giorni.", "Maltempo", PartialDate(2023, 10, 2))


def test_explicit_delimiter_wins() -> None:
    data = b"text|title\nUno, due.|Titolo\n"
    (doc,) = read(data, delimiter="|")
    assert isinstance(doc, Document) and doc.title == "Titolo"


def test_ragged_rows_are_rejected_with_their_line() -> None:
    data = (
        b"text,title,published\n"
        b'"Prima riga\ndi un campo\nsu tre righe.",Uno,2023\n'  # lines 2-4
        b"Troppo pochi campi\n"  # line 5
        b"Troppi, campi, qui, davvero\n"  # line 6
        b"\n"  # line 7, blank
        b"Ultimo articolo.,Fine,\n"  # line 8
    )
    results = read(data)
    assert kinds(results) == [
        ("doc", "news.csv:2"), ("I017", "news.csv:5"), ("I017", "news.csv:6"), ("doc", "news.csv:8")]
    few, many = results[1], results[2]
    assert isinstance(few, InputError) and isinstance(many, InputError)
    assert few.position == "line 5" and many.position == "line 6"
    assert few.reason == (
        "[I017] row has 1 field, the header 3; quote fields that contain the delimiter, and "
        "give every row the header's columns")
    assert "row has 4 fields, the header 3" in many.reason
    assert isinstance(results[0], Document) and results[0].text == "Prima riga\ndi un campo\nsu tre righe."


def test_empty_text_cell_is_rejected() -> None:
    results = read(b"text,title\n  ,Senza testo\nCon testo.,Ok\n")
    assert kinds(results) == [("I017", "news.csv:2"), ("doc", "news.csv:3")]
    error = results[0]
    assert isinstance(error, InputError)
    assert error.reason.startswith("[I017] no text in column 'text' on line 2")


def test_blank_rows_are_skipped() -> None:
    results = read(b"text,title\n\n,\n  ,  \nUnico articolo.,T\n")
    assert kinds(results) == [("doc", "news.csv:5")]


@pytest.mark.parametrize("value", ["13 settembre 2023", "2023-13", "2023-02-30"])
def test_bad_date_is_rejected(value: str) -> None:
    results = read(f"text,published\nArticolo.,{value}\nAltro.,2023-09-13\n".encode())
    assert kinds(results) == [("I009", "news.csv:2"), ("doc", "news.csv:3")]
    error = results[0]
    assert isinstance(error, InputError)
    assert error.position == "line 2"
    assert error.reason.startswith("[I009] unusable date in column 'published' on line 2: ")


def test_missing_text_column_is_one_error() -> None:
    results = read(b"body,title, headline\nUno,Due,Tre\nQuattro,Cinque,Sei\n")
    assert len(results) == 1
    error = results[0]
    assert isinstance(error, InputError)
    assert (error.code, error.origin, error.position) == ("I017", "news.csv", "line 1")
    assert error.reason == (
        "[I017] no column 'text' in the header (columns: body, title, headline); name the text "
        "column with --text-column")


def test_latin1_csv() -> None:
    data = "text,title\nLa città di Tervandi è in festa.,Perché\n".encode("latin-1")
    (doc,) = read(data)
    assert isinstance(doc, Document)
    assert (doc.text, doc.title) == ("La città di Tervandi è in festa.", "Perché")


def test_utf16_csv_with_bom() -> None:
    data = "text\ttitle\nMarla Voss è la nuova sindaca.\tTervandi\n".encode("utf-16")
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    (doc,) = read(data)
    assert isinstance(doc, Document)
    assert (doc.text, doc.title, doc.origin) == ("Marla Voss è la nuova sindaca.", "Tervandi", "news.csv:2")


def test_utf8_bom_does_not_spoil_the_first_column_name() -> None:
    (doc,) = read(b"\xef\xbb\xbftext,title\nCon BOM.,T\n")
    assert isinstance(doc, Document) and doc.text == "Con BOM."


def test_binary_file_is_not_text() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    (error,) = read(data)
    assert isinstance(error, InputError)
    assert (error.code, error.origin) == ("I004", "news.csv")


def test_bad_bytes_after_the_sample_reject_only_their_row() -> None:
    filler = b"".join(b"Riga %d di riempimento.\n" % i for i in range(4000))
    assert len(filler) > tabular.SAMPLE_BYTES
    data = b"text\n" + filler + "caffè\n".encode("latin-1") + b"Dopo.\n"
    results = read(data)
    assert len(results) == 4002
    bad = results[4000]
    assert isinstance(bad, InputError)
    assert (bad.code, bad.position) == ("I004", "line 4002")
    assert "byte 0xe8" in bad.reason
    assert isinstance(results[4001], Document) and results[4001].origin == "news.csv:4003"


def test_nul_byte_after_the_sample_rejects_only_its_row() -> None:
    filler = b"".join(b"Riga %d.\n" % i for i in range(8000))
    data = b"text\n" + filler + b"rotta \x00 qui\nletta\n"
    results = read(data)
    assert len(results) == 8002
    bad = results[-2]
    assert isinstance(bad, InputError)
    assert (bad.code, bad.origin, bad.position) == ("I004", "news.csv:8002", "line 8002")
    assert "control character 0x00" in bad.reason
    assert isinstance(results[-1], Document) and results[-1].text == "letta"


def test_field_bigger_than_the_limit_stops_reading() -> None:
    data = b'text\nBreve.\n"' + b"parola\n" * 30 + b'"\nmai letta\n'
    results = read(data, max_bytes=100)
    assert kinds(results) == [("doc", "news.csv:2"), ("I017", "news.csv")]
    assert error(results[1]).position == "line 3"


def test_line_longer_than_the_limit_stops_reading() -> None:
    data = b"text\nBreve.\n" + b"x" * 500 + b"\nmai letta\n"
    results = read(data, max_bytes=100)
    assert kinds(results) == [("doc", "news.csv:2"), ("I003", "news.csv")]
    assert error(results[1]).position == "line 3"


def test_truncated_utf16_stops_with_not_text() -> None:
    data = "text\nPrimo.\nSecondo.\n".encode("utf-16-le")
    results = read(b"\xff\xfe" + data[:-1])  # half a character at the end
    assert kinds(results) == [("doc", "news.csv:2"), ("I004", "news.csv")]
    assert error(results[1]).position == "line 3"
    assert "the rest of the file is not read" in error(results[1]).reason


def test_empty_file() -> None:
    (error,) = read(b"")
    assert isinstance(error, InputError) and error.code == "I005"


def test_stream_is_left_open() -> None:
    stream = io.BytesIO(b"text\nUno.\n")
    assert len(list(read_table(stream, origin="a.csv", max_bytes=LIMIT))) == 1
    assert not stream.closed


def test_docstring_examples_hold() -> None:
    assert doctest.testmod(tabular).failed == 0


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, ",", "\t", ";"]))
def test_arbitrary_bytes_never_raise(data: bytes, delimiter: str | None) -> None:
    results = read(data, delimiter=delimiter, max_bytes=500)
    assert all(isinstance(r, (Document, InputError)) for r in results)


_CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(list('\n\r\t,;"|')),
    max_size=30,
)
HEADER = ["text", "title", "note"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=len(HEADER), max_size=len(HEADER)), max_size=12),
       st.sampled_from([",", "\t", ";"]))
def test_one_unit_per_non_blank_row(rows: list[list[str]], delimiter: str) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)  # "\r\n": \r and \n get quoted
    writer.writerow(HEADER)
    writer.writerows(rows)
    results = read(out.getvalue().encode("utf-8"), delimiter=delimiter)
    assert all(isinstance(r, (Document, InputError)) for r in results)
    non_blank = [row for row in rows if any(cell.strip() for cell in row)]
    assert len(results) == len(non_blank)
    for result, row in zip(results, non_blank, strict=True):
        if isinstance(result, Document):
            assert row[0].strip()
        else:
            assert result.code in ("I017", "I005")

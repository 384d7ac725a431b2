"""Tests for annalist.ingest.jsonl: one article per JSON line."""

from __future__ import annotations

import doctest
import hashlib
import io
import json

import pytest

from annalist.ingest import jsonl
from annalist.ingest.jsonl import iter_lines, parse_published, read_jsonl
from annalist.model import Document, InputError, PartialDate
from annalist.text.clean import normalise_for_id


def read(*lines: str) -> list[Document | InputError]:
    return list(read_jsonl(lines, origin="news.jsonl"))


def test_jsonl_malformed_line_does_not_stop_the_others() -> None:
    results = read('{"text": "Primo."}', '{"text": "rotto', '{"text": "Terzo."}')
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "Document"]
    bad = results[1]
    assert isinstance(bad, InputError)
    assert bad.position == "line 2"
    assert bad.origin == "news.jsonl:2"
    assert bad.code == "I006" and "line 2" in bad.reason
    documents = [r.origin for r in results if isinstance(r, Document)]
    assert documents == ["news.jsonl:1", "news.jsonl:3"]


def test_jsonl_fields_fill_the_document() -> None:
    record = {
        "text": "Keller si è detta \" soddisfatta \" del voto in consiglio.",
        "title": "  Vertice  in prefettura ",
        "url": "https://www.ansa.it/sito/notizie/vertice.html",
        "published": "2023-09-13",
        "language": "it-IT",
        "id": 12345,
        "section": "esteri",
        "tags": ["kenya", "germania"],
        "empty": None,
    }
    (doc,) = read(json.dumps(record, ensure_ascii=False))
    assert isinstance(doc, Document)
    assert doc.text == 'Keller si è detta "soddisfatta" del voto in consiglio.'
    assert doc.title == "Vertice in prefettura"
    assert doc.url == record["url"]
    assert doc.source == "www.ansa.it"
    assert doc.published == PartialDate(2023, 9, 13)
    assert doc.language == "it"
    assert doc.meta == (
        ("section", "esteri"),
        ("source_id", "12345"),
        ("tags", "['kenya', 'germania']"),
    )


def test_jsonl_id_is_the_content_hash_not_the_given_id() -> None:
    first, second = read('{"text": "Stesso  testo.", "id": "a"}', '{"text": "stesso testo."}')
    assert isinstance(first, Document) and isinstance(second, Document)
    expected = hashlib.sha256(normalise_for_id("Stesso testo.").encode()).hexdigest()
    assert first.id == second.id == expected


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2023", PartialDate(2023), "year"),
        (2023, PartialDate(2023), "year"),
        ("2023-09", PartialDate(2023, 9), "month"),
        ("2023-09-13", PartialDate(2023, 9, 13), "day"),
        ("2023-09-13T10:15:00Z", PartialDate(2023, 9, 13), "day"),
        ("2023-09-13T23:30:00-05:00", PartialDate(2023, 9, 13), "day"),  # the date as written
        ("2023-09-13 08:00:00", PartialDate(2023, 9, 13), "day"),
    ],
)
def test_jsonl_published_forms(value: object, expected: PartialDate, precision: str) -> None:
    published = parse_published(value)
    assert published == expected
    assert published is not None and published.precision == precision


@pytest.mark.parametrize("value", [None, "", "  "])
def test_jsonl_absent_published_is_none(value: object) -> None:
    assert parse_published(value) is None


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("[1, 2]", "I007"),
        ('"just a string"', "I007"),
        ('{"title": "senza testo"}', "I008"),
        ('{"text": "   "}', "I008"),
        ('{"text": 42}', "I008"),
        ('{"text": "Ok.", "published": "13 settembre"}', "I009"),
        ('{"text": "Ok.", "published": "2023-13"}', "I009"),
        ('{"text": "Ok.", "published": true}', "I009"),
        ('{"text": "Ok.", "title": ["a"]}', "I010"),
        ('{"text": "Ok.", "url": 3}', "I010"),
        ('{"text": "pic.twitter.com/AbC"}', "I005"),
        ("{'text': 'single quotes'}", "I006"),
    ],
)
def test_jsonl_bad_records_become_errors(line: str, code: str) -> None:
    (result,) = read(line)
    assert isinstance(result, InputError)
    assert result.code == code
    assert result.reason.startswith(f"[{code}] ")
    assert result.position == "line 1"


def test_jsonl_blank_lines_are_skipped_but_counted() -> None:
    results = read("", "   ", '{"text": "Terza riga."}', "{")
    assert [r.origin for r in results] == ["news.jsonl:3", "news.jsonl:4"]


def test_jsonl_bytes_lines_and_bom() -> None:
    lines = [b'\xef\xbb\xbf{"text": "Con BOM."}\n', b'{"text": "\xff"}\n']
    first, second = read_jsonl(lines, origin="x.jsonl")
    assert isinstance(first, Document) and first.text == "Con BOM."
    assert isinstance(second, InputError) and second.code == "I004"


def test_jsonl_oversized_line_is_rejected_and_reading_goes_on() -> None:
    stream = io.BytesIO(b'{"text": "Breve."}\n{"text": "' + b"x" * 500 + b'"}\n{"text": "Dopo."}\n')
    results = list(read_jsonl(iter_lines(stream, max_bytes=100), origin="big.jsonl"))
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "Document"]
    assert isinstance(results[1], InputError) and results[1].code == "I003"
    assert results[1].position == "line 2"


def test_jsonl_docstring_examples_hold() -> None:
    assert doctest.testmod(jsonl).failed == 0

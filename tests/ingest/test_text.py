"""Tests for annalist.ingest.text: plain-text articles, their date header and decoding."""

from __future__ import annotations

import codecs
import doctest

import pytest

from annalist.ingest import text as ingest_text
from annalist.ingest.text import read_text
from annalist.model import Document, InputError, PartialDate

BODY = "Sono proseguiti fino a sera i negoziati tra il governo keniano e i sindacati dei medici."


def document(data: bytes | str) -> Document:
    result = read_text(data, origin="a.txt")
    assert isinstance(result, Document), result
    return result


def error(data: bytes | str) -> InputError:
    result = read_text(data, origin="a.txt")
    assert isinstance(result, InputError), result
    return result


@pytest.mark.parametrize(
    ("header", "published", "precision"),
    [
        (" date 2023 ", PartialDate(2023), "year"),
        (" date 2023-09 ", PartialDate(2023, 9), "month"),
        (" date 2023-09-13 ", PartialDate(2023, 9, 13), "day"),
        ("date 2023-09 ", PartialDate(2023, 9), "month"),  # the leading space is optional
        ("date 2023-09\n", PartialDate(2023, 9), "month"),  # the text on the next line
        ("\n\n  date 2023-09-13\t", PartialDate(2023, 9, 13), "day"),
    ],
)
def test_text_date_header_sets_published_with_precision(
    header: str, published: PartialDate, precision: str
) -> None:
    doc = document((header + BODY).encode("utf-8"))
    assert doc.published == published
    assert doc.published is not None and doc.published.precision == precision
    assert doc.text == BODY  # the header is gone


@pytest.mark.parametrize(
    "raw",
    [
        BODY,
        "La date 2023-09 è citata nel testo.",  # not at the start
        "date: 2023-09 non è un'intestazione.",  # not the header's form
        "date 2023-09Attaccato.",  # no blank after the date
    ],
)
def test_text_without_header_published_is_none(raw: str) -> None:
    doc = document(raw.encode("utf-8"))
    assert doc.published is None
    assert doc.text == raw


@pytest.mark.parametrize("header", ["date 2023-13 ", "date 2023-02-30 ", "date 0000 "])
def test_text_impossible_header_date_is_rejected(header: str) -> None:
    err = error((header + BODY).encode("utf-8"))
    assert err.code == "I009"
    assert err.reason.startswith("[I009] bad date header")
    assert "YYYY-MM-DD" in err.reason  # says how to fix it


@pytest.mark.parametrize(
    ("encoding", "raw"),
    [
        ("latin-1", "Il presidente è arrivato a Città del Vaticano perché là c'è la riunione."),
        ("cp1252", "Lui ha detto “sì” – poi è partito… Però non è così semplice."),
        ("latin-1", "Der Bürgermeister äußerte sich über die Größe der Straße."),
        ("latin-1", "El niño comió piña en España con el señor Muñoz. ¿Qué?"),
        ("cp1250", "Prezydent powiedział, że żołnierze są gotowi do obrony kraju. Łódź i Gdańsk."),
        ("cp1251", "Мэр города встретился с жителями района и обсудил ремонт дорог."),
        ("koi8-r", "Мэр города встретился с жителями района и обсудил ремонт дорог."),
        ("cp1253", "Ο δήμαρχος της Αθήνας συναντήθηκε με τους κατοίκους της περιοχής."),
        ("shift_jis", "大阪府は新しい空港の計画を発表した。工事は来年始まる。"),
        ("gb18030", "印度和巴西签署了贸易协定，双方表示满意。"),
    ],
)
def test_text_legacy_encodings_are_decoded(encoding: str, raw: str) -> None:
    assert document(raw.encode(encoding)).text == raw


@pytest.mark.parametrize(
    ("data", "byte"),
    [
        (b"Testo\x00\x00binario", 5),  # NUL bytes
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", 4),  # an executable named .txt
        (b"PK\x03\x04\x14\x00\x06\x00", 2),  # a zip archive
    ],
)
def test_text_binary_content_is_rejected_with_position(data: bytes, byte: int) -> None:
    err = error(data)
    assert err.code == "I004"
    assert err.position == f"byte {byte}"
    assert err.reason.startswith("[I004] not text:")
    assert f"(position byte {byte})" in err.reason


def test_text_undecodable_bytes_are_rejected_with_advice() -> None:
    err = error(b"ok \xff\xfe\x80\x81 garbage")
    assert err.code == "I004"
    assert err.position == "byte 3"
    assert "convert it to UTF-8" in err.reason


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t \r\n",
        "\ufeff".encode("utf-8"),
        b"pic.twitter.com/AbC https://t.co/xYz",
        b" date 2023-09 ",
    ],
)
def test_text_empty_file_is_rejected(data: bytes) -> None:
    err = error(data)
    assert err.code == "I005"
    assert err.reason.startswith("[I005] empty")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + BODY.encode("utf-8"),
        codecs.BOM_UTF16_LE + BODY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + BODY.encode("utf-32-le"),
    ],
)
def test_text_byte_order_marks_are_honoured_and_dropped(data: bytes) -> None:
    assert document(data).text == BODY


def test_text_document_text_is_cleaned() -> None:
    doc = document(b'Keller si \xc3\xa8 detta " soddisfatta "   del voto.\r\n\r\n\r\nFine.')
    assert doc.text == 'Keller si è detta "soddisfatta" del voto.\n\nFine.'
    assert doc.origin == "a.txt"
    assert doc.language is None and doc.title is None and doc.source is None


def test_text_docstring_examples_hold() -> None:
    assert doctest.testmod(ingest_text).failed == 0

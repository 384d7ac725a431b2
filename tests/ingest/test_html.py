"""Tests for annalist.ingest.html: one HTML page, one Document (trafilatura, no network)."""

from __future__ import annotations

import codecs
import datetime as dt
import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annalist.ingest import html as ingest_html
from annalist.ingest.html import decode_page, read_html
from annalist.model import Document, InputError, PartialDate

SENTENCES = (
    "Marla Voss è stata eletta sindaca di Tervandi con il 54 per cento dei voti, battendo al "
    "ballottaggio l'ex assessore Pieter Olund.",
    "Durante il primo discorso in piazza, Voss ha promesso di riaprire entro l'estate il ponte "
    "sul fiume Alsk, chiuso da due anni per lavori.",
    "Olund ha riconosciuto la sconfitta e ha annunciato che guiderà l'opposizione in consiglio "
    "comunale.",
    "La nuova giunta si insedierà lunedì prossimo nel municipio della cittadina.",
)
HEADLINE = "Tervandi, Marla Voss eletta sindaca"
BOILERPLATE = ("Abbonati alla Gazzetta", "Cronaca", "Sport", "Tutti i diritti riservati", "P.IVA",
               "Privacy", "Cookie policy", "Leggi anche", "Oroscopo di oggi")


def article_page(head_extra: str = "", lang: str = 'lang="it-IT"', body_extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{sentence}</p>" for sentence in SENTENCES)
    return f"""<!DOCTYPE html>
<html {lang}>
<head>
<meta charset="utf-8">
<title>{HEADLINE} | Gazzetta del Nord</title>
<meta property="og:title" content="{HEADLINE}">
{head_extra}
</head>
<body>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/cronaca">Cronaca</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/abbonati">Abbonati alla Gazzetta</a></li>
</ul></nav></header>
<main><article>
<h1>{HEADLINE}</h1>
{body_extra}
{paragraphs}
</article>
<aside><h3>Leggi anche</h3><ul><li><a href="/oroscopo">Oroscopo di oggi</a></li></ul></aside>
</main>
<footer><p>© Gazzetta del Nord S.r.l. – Tutti i diritti riservati – P.IVA 01234567890</p>
<a href="/privacy">Privacy</a> <a href="/cookie">Cookie policy</a></footer>
</body></html>
"""


DATED_HEAD = """<meta property="article:published_time" content="2024-05-02T10:00:00+02:00">
<link rel="canonical" href="https://gazzetta.example/tervandi/voss-sindaca">"""

NAV_ONLY = """<!DOCTYPE html><html lang="en"><head><title>Tervandi Courier - Sections</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather in Tervandi</a></li></ul></nav></header>
<div class="menu"><a href="/a">Latest stories from the town council</a> |
<a href="/b">Marla Voss interviews</a> | <a href="/c">Letters to the editor</a></div>
<footer><a href="/privacy">Privacy</a> <a href="/terms">Terms of use</a> <a href="/contact">Contact us</a></footer>
</body></html>"""

RUSSIAN = (
    "Мэр города Тервандия Марла Восс открыла новый мост через реку Альск.",
    "Строительство продолжалось два года и обошлось в три миллиона рублей.",
    "Жители района благодарили мэра и строителей за быструю работу.",
)
ENGLISH = (
    "Marla Voss opened the new bridge over the Alsk river in the town of Tervandi on Monday.",
    "The works lasted two years and cost three million euros, the council said.",
    "Residents of the northern district thanked the builders for finishing early.",
)


def simple_page(sentences: tuple[str, ...], head: str = "", lang: str = "") -> str:
    paragraphs = "".join(f"<p>{sentence}</p>\n" for sentence in sentences)
    return (f"<!DOCTYPE html>\n<html{lang}>\n<head>{head}<title>Tervandi</title></head>\n"
            f"<body><article>\n{paragraphs}</article></body></html>\n")


pytestmark = pytest.mark.usefixtures("no_network")  # tests/ingest/conftest.py


def document(data: bytes, **kwargs: str) -> Document:
    result = read_html(data, origin="page.html", **kwargs)
    assert isinstance(result, Document), result
    return result


def error(data: bytes) -> InputError:
    result = read_html(data, origin="page.html", position="record 7")
    assert isinstance(result, InputError), result
    return result


def test_html_article_text_title_date_language_url() -> None:
    doc = document(article_page(DATED_HEAD).encode("utf-8"))
    for sentence in SENTENCES:
        assert sentence in doc.text
    for boilerplate in BOILERPLATE:
        assert boilerplate not in doc.text
    assert doc.title == HEADLINE
    assert doc.published == PartialDate(2024, 5, 2)
    assert doc.published is not None and doc.published.precision == "day"
    assert doc.language == "it"
    assert doc.url == "https://gazzetta.example/tervandi/voss-sindaca"  # the canonical URL
    assert doc.source == "gazzetta.example"
    assert doc.origin == "page.html"


def test_html_author_goes_to_meta() -> None:
    head = '<meta name="author" content="Ada Rinn">'
    assert document(article_page(head).encode("utf-8")).meta == (("author", "Ada Rinn"),)
    assert document(article_page().encode("utf-8")).meta == ()


def test_html_blocks_become_paragraphs() -> None:
    doc = document(article_page(DATED_HEAD).encode("utf-8"))
    assert doc.text.split("\n\n") == [HEADLINE, *SENTENCES]


def test_html_given_url_wins_over_canonical() -> None:
    doc = document(article_page(DATED_HEAD).encode("utf-8"), url="https://mirror.example/a/1")
    assert doc.url == "https://mirror.example/a/1"
    assert doc.source == "mirror.example"


def test_html_original_date_wins_over_update() -> None:
    head = ('<meta property="article:modified_time" content="2024-06-10T08:00:00+02:00">\n'
            '<meta property="article:published_time" content="2024-05-02T10:00:00+02:00">')
    assert document(article_page(head).encode("utf-8")).published == PartialDate(2024, 5, 2)


def test_html_date_from_a_time_element() -> None:
    byline = '<p class="byline">di Ada Rinn, <time datetime="2023-11-20">20 novembre 2023</time></p>'
    doc = document(article_page(body_extra=byline).encode("utf-8"))
    assert doc.published == PartialDate(2023, 11, 20)


def test_html_without_date_published_is_none_not_today() -> None:
    doc = document(article_page().encode("utf-8"))
    assert doc.published is None
    assert doc.url is None  # no canonical link, no url given
    doc = document(simple_page(ENGLISH).encode("utf-8"), url="https://tervandi.example/news/bridge")
    assert doc.published is None
    today = dt.date.today()
    assert doc.published != PartialDate(today.year, today.month, today.day)


@pytest.mark.parametrize(
    ("lang", "head", "expected"),
    [
        (' lang="it-IT"', "", "it"),
        (' lang="EN_gb"', "", "en"),
        (' xml:lang="de"', "", "de"),
        ("", '<meta http-equiv="Content-Language" content="fr-CA, en">', "fr"),
        ("", '<meta property="og:locale" content="pt_BR">', "pt"),
        ("", "", None),
        (' lang=""', "", None),
        (' lang="{{ lang }}"', "", None),
    ],
)
def test_html_language_from_the_markup(lang: str, head: str, expected: str | None) -> None:
    assert document(simple_page(ENGLISH, head=head, lang=lang).encode("utf-8")).language == expected


@pytest.mark.parametrize(
    "page",
    [
        NAV_ONLY,
        '<html><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav></body></html>',
        "<html><head><title>Vuota</title></head><body></body></html>",
        "Solo testo, niente marcatori.",
        "",
    ],
)
def test_html_without_article_body_is_i012(page: str) -> None:
    err = error(page.encode("utf-8"))
    assert err.code == "I012"
    assert err.reason.startswith("[I012] no article body")
    assert "give annalist the article page" in err.reason  # says how to fix it
    assert err.position == "record 7"
    assert err.origin == "page.html"


def test_html_extractor_failure_is_i012_saying_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(ingest_html.trafilatura, "bare_extraction", broken)
    err = error(article_page().encode("utf-8"))
    assert err.code == "I012"
    assert "the extractor failed on the page (ValueError: boom)" in err.reason


def test_html_declared_windows_1251_is_honoured() -> None:
    page = simple_page(RUSSIAN, head='<meta charset="windows-1251">', lang=' lang="ru"')
    doc = document(page.encode("cp1251"))
    assert doc.text == "\n\n".join(RUSSIAN)
    assert doc.language == "ru"


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8-r"),
        ("<meta charset='ISO-8859-5'>", "iso-8859-5"),
        ('<meta charset="cp866">', "cp866"),
    ],
)
def test_html_other_declared_charsets(head: str, encoding: str) -> None:
    doc = document(simple_page(RUSSIAN, head=head).encode(encoding))
    assert doc.text == "\n\n".join(RUSSIAN)


def test_html_xml_declaration_names_the_encoding() -> None:
    page = ('<?xml version="1.0" encoding="windows-1251"?>\n'
            + simple_page(RUSSIAN, lang=' xmlns="http://www.w3.org/1999/xhtml" xml:lang="ru"').split("\n", 1)[1])
    doc = document(page.encode("cp1251"))
    assert doc.text == "\n\n".join(RUSSIAN)
    assert doc.language == "ru"


def test_html_transport_charset_wins_over_a_wrong_declaration() -> None:
    data = simple_page(RUSSIAN, head='<meta charset="iso-8859-1">').encode("cp1251")
    assert document(data, charset="windows-1251").text == "\n\n".join(RUSSIAN)
    # without it the (wrong) declaration is honoured, as a browser would
    assert document(data).text != "\n\n".join(RUSSIAN)


def test_html_utf8_bytes_win_over_a_declared_legacy_charset() -> None:
    page = simple_page(("Il sindaco è già partito per Città di Tervandi: “così è”.",),
                       head='<meta charset="iso-8859-1">')
    assert document(page.encode("utf-8")).text == "Il sindaco è già partito per Città di Tervandi: “così è”."


def test_html_latin1_without_declared_charset() -> None:
    sentences = (
        "Il presidente è arrivato a Tervandi perché là c'è la riunione del consiglio.",
        "La sindaca Marla Voss ha già annunciato che l'opposizione sarà ascoltata.",
    )
    doc = document(simple_page(sentences).encode("latin-1"))
    assert doc.text == "\n\n".join(sentences)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_html_utf16_with_bom(encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    page = simple_page(RUSSIAN, head='<meta charset="utf-16">')
    doc = document(bom + page.encode(encoding))
    assert doc.text == "\n\n".join(RUSSIAN)


def test_html_unknown_or_odd_declared_charsets_fall_back_to_detection() -> None:
    for label in ("no-such-charset", "base64", "unicode_escape", "cp037", "utf-16"):
        page = simple_page(ENGLISH[:1] + ("Città è già là.",), head=f'<meta charset="{label}">')
        assert document(page.encode("latin-1")).text == f"{ENGLISH[0]}\n\nCittà è già là."


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        b"<html><body><p>Ciao</p>\x00\x00\x01\x02</body></html>",
        b"\xff\xfe" + b"\x00\xd8" * 10,  # a UTF-16 byte-order mark, then a lone surrogate
    ],
)
def test_html_binary_is_i004(data: bytes) -> None:
    err = error(data)
    assert err.code == "I004"
    assert err.reason.startswith("[I004] not text: ")
    assert "HTML page must be text" in err.reason
    assert err.position == "record 7"


def test_html_binary_position_is_the_byte_without_a_given_position() -> None:
    result = read_html(b"<html>\x00</html>", origin="page.html")
    assert isinstance(result, InputError)
    assert result.code == "I004" and result.position == "byte 6"


def test_decode_page_order() -> None:
    russian = "<p>Мэр Тервандии</p>"
    assert decode_page(russian.encode("cp1251"), charset="cp1251") == russian
    assert decode_page(russian.encode("utf-8"), charset="cp1251") == russian  # valid UTF-8 first
    assert decode_page(b"\xef\xbb\xbf<p>x</p>", charset="cp1251") == "<p>x</p>"  # the BOM first


def test_html_doctests() -> None:
    assert doctest.testmod(ingest_html).failed == 0


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_html_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = read_html(data, origin="fuzz.html")
    assert isinstance(result, (Document, InputError))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["", "<p>", "</p><div>", "<meta charset=x-mac-cyrillic>"]),
       st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1"]))
def test_html_arbitrary_text_in_a_page_never_raises(text: str, markup: str, encoding: str) -> None:
    page = f"<html><head>{markup}</head><body><article><p>{text}{markup}{text}</p></article></body></html>"
    result = read_html(page.encode(encoding, "replace"), origin="fuzz.html")
    assert isinstance(result, (Document, InputError))
    if isinstance(result, Document):
        assert result.text and result.origin == "fuzz.html"

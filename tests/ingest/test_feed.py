"""Tests for annalist.ingest.feed: RSS and Atom feeds, one Document per entry."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annalist.ingest import feed
from annalist.ingest.feed import feed_links, html_to_text, read_feed
from annalist.model import Document, InputError, PartialDate

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Notizie da Tervandi</title>
    <link>https://tervandi-news.example/</link>
    <description>Cronaca locale</description>
    <language>it-IT</language>
    <item>
      <title>Marla Voss eletta sindaca di Tervandi</title>
      <link>https://tervandi-news.example/2023/09/voss-sindaca</link>
      <guid isPermaLink="false">tn-4411</guid>
      <description>&lt;p&gt;Marla Voss ha vinto il ballottaggio a &lt;b&gt;Tervandi&lt;/b&gt;
        con il 54% dei voti.&lt;/p&gt;&lt;p&gt;Lo sfidante, Oskar Ilm, ha riconosciuto
        la sconfitta.&lt;br/&gt;Affluenza al 61%.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</description>
      <pubDate>Wed, 13 Sep 2023 23:30:00 -0500</pubDate>
    </item>
    <item>
      <title>Sciopero dei tram a Tervandi</title>
      <link>https://tervandi-news.example/2023/09/sciopero-tram</link>
      <guid isPermaLink="false">tn-4412</guid>
      <description>I tranvieri di Tervandi hanno incrociato le braccia per otto ore.</description>
      <pubDate>not a date</pubDate>
    </item>
    <item>
      <title>Voss incontra i sindacati</title>
      <link>https://tervandi-news.example/2023/09/voss-sindacati</link>
      <pubDate>Fri, 15 Sep 2023 08:00:00 +0200</pubDate>
    </item>
  </channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title>Kessaly Herald</title>
  <id>urn:uuid:7c1d2e6a-0b1f-4c1e-9d55-2f0f5f1f0a01</id>
  <updated>2024-02-04T10:00:00Z</updated>
  <entry>
    <title type="html">Port of Kessaly &amp;amp; the &lt;i&gt;Dunmere&lt;/i&gt; strike</title>
    <id>urn:herald:101</id>
    <link rel="alternate" href="https://kessaly-herald.example/101"/>
    <updated>2024-02-03T23:00:00-05:00</updated>
    <content type="html">&lt;h2&gt;Dockers walk out&lt;/h2&gt;&lt;p&gt;Dockers in Kessaly stopped
      work on Saturday, union leader Anneke Brask said.&lt;/p&gt;</content>
  </entry>
  <entry xml:lang="de">
    <title>Brask trifft den Hafenrat</title>
    <id>urn:herald:102</id>
    <link rel="alternate" href="https://kessaly-herald.example/102"/>
    <published>2024-13-45</published>
    <summary type="text">Anneke Brask traf am Montag den Hafenrat von Kessaly.</summary>
  </entry>
  <entry>
    <title>Photos: the empty quays</title>
    <id>urn:herald:103</id>
    <link rel="alternate" href="https://kessaly-herald.example/103"/>
    <updated>2024-02-05T07:00:00Z</updated>
  </entry>
</feed>
"""


def read(data: bytes, origin: str = "feed.xml") -> list[Document | InputError]:
    return list(read_feed(data, origin=origin))


def test_rss_entries_become_documents() -> None:
    first, second, third = read(RSS, origin="tervandi.rss")
    assert isinstance(first, Document)
    assert first.text == (
        "Marla Voss ha vinto il ballottaggio a Tervandi con il 54% dei voti.\n\n"
        "Lo sfidante, Oskar Ilm, ha riconosciuto la sconfitta.\nAffluenza al 61%."
    )
    assert first.title == "Marla Voss eletta sindaca di Tervandi"
    assert first.url == "https://tervandi-news.example/2023/09/voss-sindaca"
    assert first.source == "tervandi-news.example"
    assert first.published == PartialDate(2023, 9, 13)  # the day as written, not UTC's 14th
    assert first.language == "it"
    assert first.origin == "tervandi.rss"
    assert first.meta == (("feed_entry_id", "tn-4411"),)

    assert isinstance(second, Document)
    assert second.text == "I tranvieri di Tervandi hanno incrociato le braccia per otto ore."
    assert second.published is None  # a broken date never rejects an entry
    assert second.language == "it"

    assert isinstance(third, InputError)
    assert third.code == "I016"
    assert third.position == "entry 3"
    assert third.origin == "tervandi.rss"
    assert third.reason.startswith("[I016] entry 3 has no text")


def test_atom_entries_become_documents() -> None:
    first, second, third = read(ATOM)
    assert isinstance(first, Document)
    assert first.text == (
        "Dockers walk out\n\nDockers in Kessaly stopped work on Saturday, union leader "
        "Anneke Brask said."
    )
    assert first.title == "Port of Kessaly & the Dunmere strike"
    assert first.url == "https://kessaly-herald.example/101"
    assert first.published == PartialDate(2024, 2, 3)  # from <updated>, as written
    assert first.language == "en"
    assert first.meta == (("feed_entry_id", "urn:herald:101"),)

    assert isinstance(second, Document)
    assert second.text == "Anneke Brask traf am Montag den Hafenrat von Kessaly."
    assert second.published is None  # 2024-13-45 is no date (feedparser would say 2025-01-01)
    assert second.language == "de"  # the entry's xml:lang wins over the feed's

    assert isinstance(third, InputError)
    assert (third.code, third.position) == ("I016", "entry 3")


def test_feed_links_lists_every_entry_link() -> None:
    assert feed_links(RSS) == [
        (1, "https://tervandi-news.example/2023/09/voss-sindaca"),
        (2, "https://tervandi-news.example/2023/09/sciopero-tram"),
        (3, "https://tervandi-news.example/2023/09/voss-sindacati"),
    ]
    assert [n for n, _ in feed_links(ATOM)] == [1, 2, 3]


def test_feed_links_skips_entries_without_a_fetchable_link() -> None:
    data = (b'<rss version="2.0"><channel><item><title>a</title></item>'
            b"<item><link>/relativo</link></item><item><link>javascript:alert(1)</link></item>"
            b"<item><link> https://tervandi-news.example/4 </link></item></channel></rss>")
    assert feed_links(data) == [(4, "https://tervandi-news.example/4")]
    assert feed_links(b"Marla Voss non e' un feed") == []
    assert feed_links(b"") == []


def test_latin1_feed_declared_in_the_prolog_decodes() -> None:
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<rss version="2.0"><channel><title>Cronaca</title><item>'
        "<title>Città di Tervandi: è festa</title>"
        "<description>La sindaca Marla Voss è già al lavoro; però l'opposizione protesta.</description>"
        "<pubDate>Sat, 16 Sep 2023 09:00:00 +0200</pubDate>"
        "</item></channel></rss>"
    ).encode("iso-8859-1")
    assert b"\xe8" in data  # really Latin-1 bytes, not UTF-8
    (doc,) = read(data)
    assert isinstance(doc, Document)
    assert doc.title == "Città di Tervandi: è festa"
    assert doc.text == "La sindaca Marla Voss è già al lavoro; però l'opposizione protesta."
    assert doc.published == PartialDate(2023, 9, 16)
    assert doc.language is None


@pytest.mark.parametrize(
    ("data", "position", "words"),
    [
        (b"Marla Voss ha vinto le elezioni a Tervandi.\n", "line 1", "XML is broken"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Notizie', "line 2",
         "XML is broken"),
        (b"<catalogue><book>Tervandi</book></catalogue>", "", "no RSS or Atom feed"),
        (b'<rss version="2.0"><channel><title>Vuoto</title></channel></rss>', "", "no entries"),
    ],
)
def test_input_without_entries_is_one_bad_feed_error(data: bytes, position: str, words: str) -> None:
    (error,) = read(data, origin="x.xml")
    assert isinstance(error, InputError)
    assert error.code == "I015"
    assert error.origin == "x.xml"
    assert error.position == position
    assert words in error.reason


def test_broken_feed_with_entries_is_still_read() -> None:
    data = (b'<rss version="2.0"><channel><item><title>Tram fermi</title>'
            b"<description>Sciopero a Tervandi &amp; dintorni.</description></item>"
            b"<item><title>Seconda")
    results = read(data)
    assert isinstance(results[0], Document)
    assert results[0].text == "Sciopero a Tervandi & dintorni."
    assert all(not (isinstance(r, InputError) and r.code == "I015") for r in results)


def test_blank_input_is_empty() -> None:
    (error,) = read(b"  \n")
    assert isinstance(error, InputError) and error.code == "I005"


def test_bytes_naming_a_file_are_never_opened(tmp_path: Path) -> None:
    target = tmp_path / "segreto.xml"
    target.write_bytes(RSS)
    (error,) = read(str(target).encode())
    assert isinstance(error, InputError) and error.code == "I015"
    assert feed_links(str(target).encode()) == []


def test_entry_with_only_markup_has_no_text() -> None:
    data = (b'<rss version="2.0"><channel><item><title>Foto</title>'
            b"<description>&lt;p&gt; &lt;img src='x.jpg'/&gt; &lt;/p&gt;</description></item>"
            b"</channel></rss>")
    (error,) = read(data)
    assert isinstance(error, InputError)
    assert (error.code, error.position) == ("I016", "entry 1")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Wed, 13 Sep 2023 23:30:00 -0500", PartialDate(2023, 9, 13)),
        ("2023-09-13T23:30:00-05:00", PartialDate(2023, 9, 13)),
        ("2023-09", PartialDate(2023, 9)),
        ("2024-13-45", None),
        ("2023-02-30", None),
        ("not a date", None),
    ],
)
def test_entry_dates(raw: str, expected: PartialDate | None) -> None:
    data = (f'<rss version="2.0"><channel><item><description>Testo.</description>'
            f"<pubDate>{raw}</pubDate></item></channel></rss>").encode()
    (doc,) = read(data)
    assert isinstance(doc, Document)
    assert doc.published == expected


def test_updated_is_used_when_published_is_missing_and_other_forms_via_feedparser() -> None:
    data = (b'<rss version="2.0"><channel><item><description>Testo.</description>'
            b"<pubDate>13 Sep 2023</pubDate></item></channel></rss>")
    (doc,) = read(data)
    assert isinstance(doc, Document) and doc.published == PartialDate(2023, 9, 13)


def test_html_to_text() -> None:
    assert html_to_text(
        "<div><h1>Titolo</h1><p>Primo   paragrafo\n a capo.</p><ul><li>uno</li><li>due</li></ul>"
        "<style>p{}</style><p>Fine &amp; &eacute;.<br>Riga</p></div>"
    ) == "Titolo\n\nPrimo paragrafo a capo.\n\nuno\n\ndue\n\nFine & é.\nRiga"
    assert html_to_text("a < b, <![weird[ x ]]> c") != ""  # broken markup never raises
    assert html_to_text("   ") == ""


def test_docstring_examples_hold() -> None:
    assert doctest.testmod(feed).failed == 0


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    results = read(data)
    assert results
    assert all(isinstance(r, (Document, InputError)) for r in results)
    assert isinstance(feed_links(data), list)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(RSS)), st.integers(0, 200), st.binary(max_size=40))
def test_damaged_feeds_never_raise(at: int, cut: int, junk: bytes) -> None:
    data = RSS[:at] + junk + RSS[at + cut :]
    results = read(data)
    assert results
    assert all(isinstance(r, (Document, InputError)) for r in results)
    entries = [r for r in results if not (isinstance(r, InputError) and r.code in ("I005", "I015"))]
    positions = [r.position for r in entries if isinstance(r, InputError)]
    assert all(p.startswith("entry ") for p in positions)

"""RSS and Atom feeds: one Document per entry.

A feed is parsed from its bytes with feedparser (every RSS version, Atom 0.3 and 1.0, RDF);
its encoding comes from the byte-order mark or the XML prolog.  feedparser is lenient: a
feed that is not well-formed XML but still yields entries is read without complaint.

Each entry is one unit, numbered from 1 in document order (position ``entry N``):

* text: the entry's content (Atom ``content``), else its summary (RSS ``description``,
  Atom ``summary``).  HTML is turned into plain text: tags dropped, ``script``/``style``
  and the like dropped with their content, block elements (``p``, ``div``, ``li``,
  headings …) become paragraph breaks, ``br`` a line break, entities decoded.  Nothing is
  ever fetched.
* title: the entry title as plain text;  url: the entry link;
* published: from ``published``, else ``updated``.  A date written ``YYYY[-MM[-DD]]…``
  (ISO 8601 / RFC 3339) or as an RFC 822 date keeps the day as written (like the JSONL
  reader); any other form feedparser understands gives its UTC day; a broken date
  ("not a date", "2024-13-45") gives None and the entry is still read.
* language: the primary subtag (lower case) of the entry's ``xml:lang``, else of the feed's
  ``language``/``xml:lang`` ("it-IT" → "it"), else None;
* meta: ``("feed_entry_id", …)`` from the entry's ``id``/``guid`` when there is one.

Errors: [I015] for input that yields no entry at all (not a feed, broken XML, a feed with
no entries), [I016] for an entry without text, [I005] for blank input or an entry whose
text cleans to nothing.

:func:`feed_links` lists the entries' web links, for following them to the full articles.
"""

from __future__ import annotations

import calendar
import codecs
import datetime as dt
import email.utils
import html
import io
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import feedparser

from annalist.ingest import errors
from annalist.ingest.document import make_document
from annalist.model import Document, InputError, PartialDate

__all__ = ["feed_links", "html_to_text", "read_feed"]

# Elements whose end (and start) is a paragraph break in the plain text.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "td", "th", "tr", "ul",
})
# Elements whose content is not text a reader sees.
_HIDDEN = frozenset({"head", "iframe", "noscript", "object", "script", "style", "svg", "template"})
_BLANKS = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>?")
# An ISO 8601 / RFC 3339 date at the start of a date string: YYYY, YYYY-MM or YYYY-MM-DD,
# then the end or a time part (the raw string is already stripped).
_ISO_DATE = re.compile(r"(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?:\s*$|[Tt ]\d)")


def read_feed(data: bytes, *, origin: str) -> Iterator[Document | InputError]:
    """Documents (and errors) for the entries of an RSS or Atom feed, numbered from 1.

    >>> rss = (b'<rss version="2.0"><channel><language>it-IT</language><item>'
    ...        b'<title>Voto a Tervandi</title><link>https://news.example/1</link>'
    ...        b'<description>&lt;p&gt;Marla Voss ha &lt;b&gt;vinto&lt;/b&gt;.&lt;/p&gt;'
    ...        b'</description><pubDate>Wed, 13 Sep 2023 23:30:00 -0500</pubDate>'
    ...        b'</item></channel></rss>')
    >>> (doc,) = read_feed(rss, origin="feed.xml")
    >>> doc.text, doc.title, doc.url, doc.language, doc.published.iso()
    ('Marla Voss ha vinto.', 'Voto a Tervandi', 'https://news.example/1', 'it', '2023-09-13')
    """
    if not data.strip():
        yield errors.input_error(
            origin, errors.EMPTY, "empty: the feed file has no content; remove it or give it a feed"
        )
        return
    parsed = _parse(data, origin=origin)
    if isinstance(parsed, InputError):
        yield parsed
        return
    feed_language = _language_code(_string(parsed.get("feed", {}).get("language")))
    for number, entry in enumerate(parsed["entries"], start=1):
        yield _entry_unit(entry, number=number, origin=origin, feed_language=feed_language)


def feed_links(data: bytes) -> list[tuple[int, str]]:
    """``(entry number, link)`` for every entry with an absolute http(s) link, in order.

    Entries are numbered as :func:`read_feed` numbers them; input that is not a feed gives
    an empty list.  Relative links and other schemes are left out (nothing to fetch).

    >>> feed_links(b'<rss version="2.0"><channel><item><link>/relative</link></item>'
    ...            b'<item><link>https://news.example/2</link></item></channel></rss>')
    [(2, 'https://news.example/2')]
    """
    parsed = _parse(data, origin="") if data.strip() else None
    if not isinstance(parsed, dict):
        return []
    links = []
    for number, entry in enumerate(parsed["entries"], start=1):
        link = _string(entry.get("link"))
        if link and re.match(r"https?://[^/\s]", link, re.IGNORECASE):
            links.append((number, link))
    return links


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraph breaks.

    >>> html_to_text("<p>Marla Voss &amp; co.<br>ieri</p><script>x()</script><p>Fine</p>")
    'Marla Voss & co.\\nieri\\n\\nFine'
    """
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
        text = "".join(extractor.parts)
    except Exception:  # noqa: BLE001 - html.parser asserts on some broken markup
        text = html.unescape(_TAG.sub(" ", markup))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _parse(data: bytes, *, origin: str) -> dict[str, Any] | InputError:
    """feedparser's result when it has at least one entry, else an [I015] error."""
    try:
        # A BytesIO, never the bytes themselves: feedparser opens a bytes value naming an
        # existing path as that file, and fetches a URL string.
        result = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - one bad feed never stops a run
        return errors.input_error(origin, errors.BAD_FEED, f"not a readable feed: feedparser failed "
                                  f"({type(exc).__name__}: {exc}); check that it is RSS or Atom")
    entries = result.get("entries") or []
    if entries:
        return dict(result)
    problem = result.get("bozo_exception") if result.get("bozo") else None
    if problem is not None:
        line = getattr(problem, "getLineNumber", None)
        number = line() if callable(line) else None
        # feedparser puts an XML declaration line before a document that lacks one.
        added = 0 if _has_declaration(data) else 1
        position = f"line {max(1, number - added)}" if isinstance(number, int) else ""
        where = f" ({position})" if position else ""
        get_message = getattr(problem, "getMessage", None)
        what = get_message() if callable(get_message) else str(problem)
        message = (f"not a feed: the XML is broken{where}: {what}, and no entry could be "
                   "read; give annalist a well-formed RSS or Atom feed")
    elif not result.get("version"):
        position = ""
        message = ("not a feed: no RSS or Atom feed found in the file; give annalist an RSS or "
                   "Atom feed (or name another format)")
    else:
        position = ""
        message = ("the feed has no entries (no RSS item, no Atom entry); there is nothing to "
                   "read, remove it or fetch it again when it has entries")
    return errors.input_error(origin, errors.BAD_FEED, message, position=position)


def _has_declaration(data: bytes) -> bool:
    """True when ``data`` starts with an XML declaration (after a byte-order mark)."""
    start = data[:24]
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
                codecs.BOM_UTF16_BE):
        start = start.removeprefix(bom)
    return start.replace(b"\x00", b"").startswith(b"<?xml")


def _entry_unit(
    entry: dict[str, Any], *, number: int, origin: str, feed_language: str | None
) -> Document | InputError:
    position = f"entry {number}"
    text = ""
    details: list[Any] = list(entry.get("content") or [])[:1] + [entry.get("summary_detail")]
    language = None
    for detail in details:
        if not isinstance(detail, dict):
            continue
        text = _plain(detail)
        if text:
            language = _language_code(_string(detail.get("language")))
            break
    if not text:
        return errors.input_error(
            origin, errors.EMPTY_ENTRY,
            f"entry {number} has no text (no content, summary or description, or only markup); "
            "give it a description, or follow its link to read the article page",
            position=position,
        )
    title_detail = entry.get("title_detail")
    if isinstance(title_detail, dict):
        title = _plain(title_detail)
    else:
        title = _string(entry.get("title")) or ""
    if language is None and isinstance(title_detail, dict):
        language = _language_code(_string(title_detail.get("language")))
    entry_id = _string(entry.get("id"))
    return make_document(
        text,
        origin=origin,
        position=position,
        title=title or None,
        url=_string(entry.get("link")),
        language=language or feed_language,
        published=_published(entry),
        meta=(("feed_entry_id", entry_id),) if entry_id else (),
    )


def _plain(detail: dict[str, Any]) -> str:
    """The plain text of a feedparser text construct (HTML or XHTML markup is stripped)."""
    value = _string(detail.get("value")) or ""
    kind = _string(detail.get("type")) or "text/html"
    return html_to_text(value) if "html" in kind else value.strip()


def _published(entry: dict[str, Any]) -> PartialDate | None:
    """The entry's publication date (``published``, else ``updated``); None when unusable."""
    for name in ("published", "updated"):
        raw = _string(entry.get(name))
        if raw:
            return _parse_date(raw, entry.get(f"{name}_parsed"))
    return None


def _parse_date(raw: str, parsed: object) -> PartialDate | None:
    """A date as written (ISO 8601 or RFC 822), else feedparser's UTC reading, else None.

    feedparser rolls impossible ISO dates over ("2024-13-45" → 2025-01-01), so an ISO-looking
    date is checked here and never handed to it.

    >>> _parse_date("2024-13-45", None), _parse_date("2023-09", None)
    (None, PartialDate(year=2023, month=9, day=None))
    """
    iso = _ISO_DATE.match(raw)
    if iso is not None:
        try:
            date = PartialDate.parse(iso.group(1))
            date.first_day()  # a year 0 or a 30 February raises ValueError here
        except ValueError:
            return None
        return date
    try:
        return PartialDate.from_date(email.utils.parsedate_to_datetime(raw).date())
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    if isinstance(parsed, time.struct_time):
        try:
            utc = dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc)
            return PartialDate.from_date(utc.date())
        except (ValueError, OverflowError, OSError):
            return None
    return None


def _string(value: object) -> str | None:
    """``value`` stripped when it is a non-blank string, else None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _language_code(value: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased: "it-IT" → "it"."""
    if value is None:
        return None
    code = re.split(r"[-_\s]", value.strip().lower(), maxsplit=1)[0]
    return code if code.isalpha() and code.isascii() else None


class _TextExtractor(HTMLParser):
    """Collects the visible text of HTML, with paragraph and line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self._pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.parts.append(data if self._pre else _BLANKS.sub(" ", data))

"""HTML pages (``.html``, ``.htm``, ``.xhtml``, a fetched page, a WARC response): one page, one Document.

The main text is extracted with trafilatura, which drops navigation, footers, comments and
other boilerplate; each block it keeps (a paragraph, a heading, a list item) becomes a
paragraph of the Document.  From the page it also takes:

- ``title``: the headline (``og:title``, JSON-LD, ``<title>``…);
- ``published``: the publication date the page states (``article:published_time`` and other
  meta tags, JSON-LD, ``<time>`` elements, a date in the URL path, an ISO timestamp in the
  markup), found by htmldate with its opportunistic free-text search off and the original
  date preferred over the last-modified one.  A page that states no date has
  ``published=None``: never today's date, never a crawl date;
- ``language``: the primary subtag of ``<html lang>`` (or ``xml:lang``, a
  ``content-language`` meta tag, ``og:locale``), lower-cased: "it-IT" → "it";
- ``url``: the one the caller gives, else the page's canonical URL, else None;
- ``meta``: ``author`` when the page names one.

Decoding, in this order, each step tried only when the previous one failed:

1. a byte-order mark, or control bytes (binary content): as :func:`annalist.ingest.text.decode`;
2. UTF-8, when the bytes are valid UTF-8 (pages that declare a legacy charset but are saved
   as UTF-8 are common; real legacy text is practically never valid UTF-8);
3. the charset of the transport (an HTTP ``Content-Type``, the ``charset`` argument), then
   the one the page declares (``<meta charset>``, ``<meta http-equiv="content-type">``, an
   XML declaration) in its first :data:`DECLARATION_SCAN` bytes, when it decodes cleanly;
   ASCII and Latin-1 labels are read as windows-1252 and other legacy labels as their
   usual supersets, as browsers do;
4. the guesses of :func:`annalist.ingest.text.decode` (windows-1252, charset-normalizer).

Nothing here touches the network: the URL is only a label, never fetched.
"""

from __future__ import annotations

import codecs
import re

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document as Extracted
from trafilatura.utils import load_html

from annalist.ingest import errors
from annalist.ingest.document import make_document
from annalist.ingest.jsonl import parse_published
from annalist.ingest.text import DecodeFailure, decode
from annalist.model import Document, InputError, PartialDate

__all__ = ["DECLARATION_SCAN", "decode_page", "page_language", "read_html"]

#: How far into the page a declared charset is looked for, in bytes (browsers look at the
#: first 1,024; pages with long heads declare it later).
DECLARATION_SCAN = 8192

#: htmldate options: the date comes from the page, not from an opportunistic search of its
#: free text, and the original publication date wins over an update.  No ``max_date`` is
#: given, so htmldate only uses today's date as the upper bound of a plausible date.
DATE_OPTIONS: dict[str, object] = {"extensive_search": False, "original_date": True}

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 LE starts as UTF-16 LE
# The bytes annalist.ingest.text.decode takes for the mark of a binary file.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:+-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:+-]+)", re.IGNORECASE)
# An XML declaration: lxml refuses a str that still carries one with an encoding.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml\b[^>]*\?>")
# Codecs Python knows that no page is written in: decoding with them is a transformation,
# not a reading (and the UTF-16/32 ones cannot be declared in ASCII-compatible bytes).
# The names are those of codecs.lookup().
_NOT_PAGE_CODECS = frozenset({"idna", "punycode", "raw-unicode-escape", "undefined", "unicode-escape", "utf-7"})
# What browsers read a legacy label as (the WHATWG Encoding Standard): a superset.
_SUPERSETS = {
    "ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
    "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949",
    "shift_jis": "cp932", "big5": "big5hkscs",
}
# Every printable ASCII character: a page codec must read them as ASCII (no EBCDIC).
_ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_LANGUAGE_SUBTAG = re.compile(r"[a-z]{2,3}")
_WORD = re.compile(r"\w+")


def read_html(
    data: bytes,
    *,
    origin: str,
    url: str | None = None,
    position: str = "",
    charset: str | None = None,
) -> Document | InputError:
    """One Document from the bytes of an HTML page, or why there is none.

    ``url`` is where the page came from (never fetched); ``charset`` is the one its transport
    declared (an HTTP ``Content-Type`` parameter), if any.
    """
    decoded = decode_page(data, charset=charset)
    if isinstance(decoded, DecodeFailure):
        return errors.input_error(
            origin, errors.NOT_TEXT,
            f"not text: {decoded.message} (position byte {decoded.byte}); an HTML page must be "
            "text, saved in the charset it declares",
            position=position or f"byte {decoded.byte}",
        )
    tree = _parse(decoded)
    extracted = _extract(tree) if tree is not None else None
    body = extracted.text if isinstance(extracted, Extracted) else None
    if tree is None or not isinstance(extracted, Extracted) or not body or _only_links(body, tree):
        problem = (f"the extractor failed on the page ({extracted})" if isinstance(extracted, str) else
                   "the page has no main text (only navigation, links or markup, or it is not HTML)")
        return errors.input_error(
            origin, errors.NO_ARTICLE,
            f"no article body: {problem}; give annalist the article page itself, or its text "
            "as a .txt file",
            position=position,
        )
    author = (extracted.author or "").strip()
    return make_document(
        "\n\n".join(body.splitlines()),  # one block per line: each is a paragraph
        origin=origin,
        position=position,
        title=extracted.title,
        url=url or extracted.url or None,
        language=page_language(tree),
        published=_published(extracted.date),
        meta=(("author", author),) if author else (),
    )


def decode_page(data: bytes, *, charset: str | None = None) -> str | DecodeFailure:
    """The text of an HTML page's bytes (see the module docstring for the order of attempts).

    >>> decode_page('<meta charset="koi8-r"><p>Мир</p>'.encode("koi8-r"))
    '<meta charset="koi8-r"><p>Мир</p>'
    """
    if not data.startswith(_BOMS) and _CONTROL_BYTES.search(data) is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        for label in (charset, _declared_charset(data)):
            text = _decode_as(data, label)
            if text is not None:
                return text
    return decode(data)


def page_language(tree: HtmlElement) -> str | None:
    """The primary language subtag a page declares, lower-cased, or None.

    >>> page_language(load_html('<html lang="it-IT"><body><p>Ciao</p></body></html>'))
    'it'
    """
    root = tree.getroottree().getroot()
    candidates = [root.get("lang"), root.get("xml:lang")]
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" or meta.get("property") == "og:locale":
            candidates.append(meta.get("content"))
    for value in candidates:
        if not isinstance(value, str):
            continue
        first = value.split(",")[0].strip().lower()
        primary = re.split(r"[-_]", first, maxsplit=1)[0]
        if _LANGUAGE_SUBTAG.fullmatch(primary):
            return primary
    return None


def _declared_charset(data: bytes) -> str | None:
    head = data[:DECLARATION_SCAN]
    match = _META_CHARSET.search(head) or _XML_ENCODING.match(head)
    return match.group(1).decode("ascii") if match else None


def _decode_as(data: bytes, label: str | None) -> str | None:
    """``data`` decoded with the charset ``label`` names, or None (unknown, or not clean)."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name in _NOT_PAGE_CODECS or name.startswith(("utf-16", "utf-32")):
        return None
    for codec in dict.fromkeys((_SUPERSETS.get(name, name), name)):
        try:
            if _ASCII_PROBE.decode(codec) != _ASCII_PROBE.decode("ascii"):
                return None
            return data.decode(codec)
        except (LookupError, UnicodeError):  # LookupError: a bytes-to-bytes codec (base64 …)
            continue
    return None


def _parse(text: str) -> HtmlElement | None:
    try:
        return load_html(_XML_DECLARATION.sub("", text, count=1))
    except Exception:  # noqa: BLE001 -- lxml on arbitrary input; the page is then no article
        return None


def _extract(tree: HtmlElement) -> Extracted | str | None:
    """trafilatura's main text and metadata for the page, None when it finds no main text, or
    what went wrong when it fails."""
    try:
        result = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            date_extraction_params=dict(DATE_OPTIONS),
        )
    except Exception as exc:  # noqa: BLE001 -- a third-party extractor on arbitrary pages
        return f"{type(exc).__name__}: {exc}"[:200]
    return result if isinstance(result, Extracted) else None


def _only_links(body: str, tree: HtmlElement) -> bool:
    """True when every word of the extracted body is a word of the page's links: a menu.

    The extractor's fallbacks take the text of a page that has nothing else, such as a page
    of navigation links; an article always has words outside its links.
    """
    words = set(_WORD.findall(body.lower()))
    link_words = set(_WORD.findall(" ".join(a.text_content() for a in tree.iter("a")).lower()))
    return words <= link_words


def _published(value: str | None) -> PartialDate | None:
    try:
        return parse_published(value)
    except ValueError:
        return None

"""Building a :class:`~annalist.model.Document` from raw text and what a source says about it.

Every format module ends here, so every Document is made the same way: the text is cleaned
(all later offsets point into the cleaned text), the id is the sha256 of the normalised
cleaned text, and the source is the host of the URL.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from annalist.ingest import errors
from annalist.model import Document, InputError, PartialDate
from annalist.text.clean import clean_text, normalise_for_id

__all__ = ["make_document", "source_of"]


def make_document(
    raw_text: str,
    *,
    origin: str,
    position: str = "",
    title: str | None = None,
    url: str | None = None,
    language: str | None = None,
    published: PartialDate | None = None,
    meta: tuple[tuple[str, str], ...] = (),
) -> Document | InputError:
    """A Document for ``raw_text``, or an [I005] error when no text is left after cleaning.

    >>> doc = make_document("  Ciao\\r\\n mondo. ", origin="a.txt", url="https://www.ansa.it/x")
    >>> doc.text, doc.source, doc.id[:12]
    ('Ciao\\nmondo.', 'www.ansa.it', 'c4b2a27c3da2')
    """
    text = clean_text(raw_text)
    if not text:
        return errors.input_error(
            origin,
            errors.EMPTY,
            "empty: no text left after cleaning (the input is empty, blank, or only "
            "embed links); remove it or give it some text",
            position=position,
        )
    clean_title = clean_text(title) if title else ""
    return Document(
        id=hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest(),
        text=text,
        title=clean_title or None,
        url=url or None,
        source=source_of(url),
        language=language,
        published=published,
        origin=origin,
        meta=meta,
    )


def source_of(url: str | None) -> str | None:
    """The host of ``url`` (lower-cased), or None without a URL or a host.

    >>> source_of("https://Www.Example.org:8080/news?id=1"), source_of("not a url")
    ('www.example.org', None)
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return host or None

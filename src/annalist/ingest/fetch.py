"""URLs: fetch pages and feeds the user names, politely, and read what comes back.

Contract: ``read_urls(urls, origin=…) -> Iterator[Document | InputError]``; every URL is one
input unit (a feed read with ``follow`` is one unit per entry).  Only the URLs the user gives
are fetched (and, with ``follow``, the pages a fetched feed links to): annalist never goes to
the network on its own.

The client (httpx) follows at most :attr:`FetchPolicy.max_redirects` redirects, gives up on a
server silent for :attr:`FetchPolicy.timeout` seconds, stops reading a body at
:attr:`FetchPolicy.max_bytes` (the body is streamed, never loaded whole first), and waits
:attr:`FetchPolicy.delay` seconds between two requests to one host.  What comes back is read by
its content type: HTML (:mod:`annalist.ingest.html`), a feed (:mod:`annalist.ingest.feed`),
plain text (:mod:`annalist.ingest.text`); anything else is rejected.

A file of URLs has one URL per line; blank lines and lines starting with ``#`` are skipped;
positions are ``line N`` of that file.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

import httpx

from annalist import __version__
from annalist.ingest import errors
from annalist.model import Document, InputError

__all__ = ["FetchPolicy", "read_url_file", "read_urls"]


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 20.0  # seconds without an answer
    max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 5
    delay: float = 1.0  # seconds between two requests to one host
    user_agent: str = f"annalist/{__version__} (event coding; fetches only the URLs it is given)"


_HTML = ("text/html", "application/xhtml+xml")
_FEED = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
         "text/xml", "application/feed+json")


class _Polite:
    """An httpx client that waits between two requests to one host."""

    def __init__(self, policy: FetchPolicy, transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy
        self.last: dict[str, float] = {}
        self.client = httpx.Client(
            follow_redirects=True, max_redirects=policy.max_redirects, transport=transport,
            timeout=httpx.Timeout(policy.timeout), headers={"User-Agent": policy.user_agent},
        )

    def get(self, url: str) -> tuple[bytes, str, str | None] | str:
        """The body, content type and charset of ``url``, or why it could not be fetched."""
        host = urlsplit(url).netloc.lower()
        wait = self.last.get(host, -1e9) + self.policy.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    return f"HTTP {response.status_code} {response.reason_phrase}"
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.policy.max_bytes:
                        return (f"the body is over the limit of {self.policy.max_bytes:,} bytes "
                                "(raise --max-mb to read it)")
                kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return bytes(body), kind, response.charset_encoding
        except httpx.TooManyRedirects:
            return f"more than {self.policy.max_redirects} redirects"
        except httpx.TimeoutException:
            return f"no answer within {self.policy.timeout:g} s"
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        finally:
            self.last[host] = time.monotonic()

    def close(self) -> None:
        self.client.close()


def read_urls(
    urls: Iterable[tuple[str, str]],
    *,
    origin: str,
    follow: bool = False,
    policy: FetchPolicy | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[Document | InputError]:
    """Documents and errors from ``(position, url)`` pairs.  ``follow``: a feed's entries are
    read from the pages they link to rather than from the feed's own summaries."""
    from annalist.ingest.core import format_of
    from annalist.ingest.feed import feed_links, read_feed
    from annalist.ingest.html import read_html
    from annalist.ingest.text import read_text

    client = _Polite(policy or FetchPolicy(), transport)
    try:
        for position, url in urls:
            where = f"{origin}:{position}" if position else url
            if urlsplit(url).scheme not in ("http", "https"):
                yield errors.input_error(where, errors.FETCH_FAILED,
                                         f"not an http(s) URL: {url!r}; write it as https://…",
                                         position=position)
                continue
            got = client.get(url)
            if isinstance(got, str):
                yield errors.input_error(where, errors.FETCH_FAILED, f"cannot fetch {url}: {got}",
                                         position=position)
                continue
            body, kind, charset = got
            sniffed = format_of(urlsplit(url).path, body[:4096]) if not kind else ""  # no stated type
            if kind in _HTML or sniffed == "html":
                yield read_html(body, origin=url, url=url, position=position, charset=charset)
            elif kind in _FEED or sniffed == "feed":
                if not follow:
                    yield from read_feed(body, origin=url)
                    continue
                links = feed_links(body)
                if not links:
                    yield from read_feed(body, origin=url)  # says why there is nothing to follow
                for n, link in links:
                    page = client.get(link)
                    if isinstance(page, str):
                        yield errors.input_error(url, errors.FETCH_FAILED, f"cannot fetch entry {n}, {link}: {page}",
                                                 position=f"entry {n}")
                    else:
                        yield read_html(page[0], origin=link, url=link, position=f"entry {n}", charset=page[2])
            elif kind.startswith("text/"):
                yield read_text(body, origin=url)
            else:
                yield errors.input_error(where, errors.BAD_FORMAT,
                                         f"{url} is {kind or 'of no stated type'}, not an HTML page, a feed or "
                                         "text; give annalist pages or feeds", position=position)
    finally:
        client.close()


def read_url_file(stream: IO[bytes], *, origin: str, follow: bool = False,
                  policy: FetchPolicy | None = None,
                  transport: httpx.BaseTransport | None = None) -> Iterator[Document | InputError]:
    """Read every URL of a file of URLs (one per line; ``#`` comments and blank lines skipped)."""
    def pairs() -> Iterator[tuple[str, str]]:
        for number, raw in enumerate(stream, start=1):
            line = raw.decode("utf-8", "replace").strip().removeprefix("\ufeff")
            if line and not line.startswith("#"):
                yield f"line {number}", line

    yield from read_urls(pairs(), origin=origin, follow=follow, policy=policy, transport=transport)

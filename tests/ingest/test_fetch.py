"""URLs, against a local HTTP server the test starts: pages, a feed, and URLs that fail (404,
a timeout, a body over the limit, a redirect loop, an image).  `annalist run --urls FILE`
stores what it can and reports the rest."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annalist.cli import app
from annalist.ingest.fetch import FetchPolicy, read_urls
from annalist.model import Document, InputError
from annalist.store import Store


def _page(title: str, body: str) -> bytes:
    return (f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>"
            "<meta property='article:published_time' content='2025-06-02T09:00:00Z'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{body.replace('.', ', officials said.')}</p></article>"
            "<footer>Copyright the Tervandi Courier</footer></body></html>").encode()


PAGES = {
    "/talks.html": _page("Talks in Vienna",
                         "The foreign ministers of Austria and Hungary met in Vienna on Monday to discuss "
                         "the border crossings between the two countries."),
    "/entry1.html": _page("Protest in Lisbon",
                          "Thousands of teachers marched in Lisbon on Sunday against the new pay scale."),
}


def _feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><description>{d}</description>"
        "<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item>"
        for t, p, d in [("Protest in Lisbon", "/entry1.html", "Teachers marched in Lisbon."),
                        ("Gone", "/missing", "A story the site took down.")])
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Courier</title>"
            f"<link>{base}/</link><description>News</description>{items}</channel></rss>").encode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        base = f"http://{self.headers['Host']}"
        if self.path in PAGES:
            self._send(200, "text/html; charset=utf-8", PAGES[self.path])
        elif self.path == "/feed.xml":
            self._send(200, "application/rss+xml", _feed(base))
        elif self.path == "/slow":
            time.sleep(2.0)
            self._send(200, "text/html", PAGES["/talks.html"])
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"<p>" + b"x" * 16_000 + b"</p>")
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/image.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        else:
            self._send(404, "text/html", b"<h1>Not found</h1>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


POLICY = FetchPolicy(timeout=0.5, max_bytes=200_000, delay=0.0)


def _read(server: str, paths: list[str], follow: bool = False) -> list[Document | InputError]:
    return list(read_urls([(f"line {i}", server + p) for i, p in enumerate(paths, 1)],
                          origin="urls.txt", follow=follow, policy=POLICY))


def test_a_page_becomes_a_document_with_its_url_title_and_date(server: str) -> None:
    (doc,) = _read(server, ["/talks.html"])
    assert isinstance(doc, Document)
    assert doc.url == server + "/talks.html" and doc.title == "Talks in Vienna"
    assert "met in Vienna on Monday" in doc.text and "Copyright" not in doc.text
    assert doc.published is not None and doc.published.iso() == "2025-06-02"


@pytest.mark.parametrize(("path", "why"), [
    ("/missing", "HTTP 404"),
    ("/slow", "no answer within 0.5 s"),
    ("/huge", "over the limit of 200,000 bytes"),
    ("/loop", "more than 5 redirects"),
])
def test_a_url_that_cannot_be_fetched_is_reported_with_its_line(server: str, path: str, why: str) -> None:
    (err,) = _read(server, ["/talks.html", path])[1:]
    assert isinstance(err, InputError)
    assert err.code == "I018" and err.position == "line 2" and why in err.reason


def test_content_that_is_no_page_or_feed_is_reported(server: str) -> None:
    (err,) = _read(server, ["/image.png"])
    assert isinstance(err, InputError) and err.code == "I019" and "image/png" in err.reason


def test_a_feed_gives_its_entries_and_with_follow_their_pages(server: str) -> None:
    entries = _read(server, ["/feed.xml"])
    assert [d.title for d in entries if isinstance(d, Document)] == ["Protest in Lisbon", "Gone"]
    followed = _read(server, ["/feed.xml"], follow=True)
    page, gone = followed
    assert isinstance(page, Document) and "against the new pay scale" in page.text
    assert isinstance(gone, InputError) and gone.code == "I018" and gone.position == "entry 2"


def test_cli_run_urls_stores_what_it_can_and_reports_the_rest(server: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# today's reading\n{server}/talks.html\n\n{server}/missing\nnot a url\n"
                    f"{server}/feed.xml\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    result = CliRunner().invoke(app, ["run", "--urls", str(urls), "--db", str(db), "--quiet",
                                      "--timeout", "1", "--delay", "0"])
    assert result.exit_code == 3, result.output
    with Store(str(db)) as store:
        titles = sorted(d.title or "" for d in store.documents())
        rejected = [(e.position, e.code) for e in store.errors()]
    assert titles == ["Gone", "Protest in Lisbon", "Talks in Vienna"]
    assert rejected == [("line 4", "I018"), ("line 5", "I018")]
    listed = CliRunner().invoke(app, ["errors", "--db", str(db), "--format", "json"])
    assert [json.loads(x)["code"] for x in listed.output.splitlines() if x.startswith("{")] == ["I018", "I018"]

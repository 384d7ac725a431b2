"""Tests for annalist.ingest.warc: WARC and WARC.gz web archives, one Document per HTML response."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from annalist.ingest.warc import read_warc
from annalist.model import Document, InputError, PartialDate

FIRST_URI = "https://tervandi-courier.example/2024/bridge"
SECOND_URI = "https://tervandi-courier.example/council-vote"
IMAGE_URI = "https://tervandi-courier.example/img/bridge.jpg"
MISSING_URI = "https://tervandi-courier.example/gone"

FIRST_SENTENCES = (
    "Marla Voss opened the new bridge over the Alsk river in the town of Tervandi on Monday.",
    "The works lasted two years and cost three million euros, the council said.",
    "Residents of the northern district thanked the builders for finishing early.",
)
SECOND_SENTENCES = (
    "Мэр Тервандии Марла Восс проиграла голосование в городском совете.",
    "Оппозицию возглавил бывший советник Питер Олунд.",
    "Новый бюджет будет рассмотрен через две недели.",
)


def page(sentences: tuple[str, ...], *, charset: str = "utf-8", head: str = "") -> str:
    paragraphs = "".join(f"<p>{sentence}</p>\n" for sentence in sentences)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="{charset}"><title>Tervandi Courier</title>'
            f'{head}</head>\n<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>\n'
            f"<article>\n{paragraphs}</article>\n<footer>Copyright Tervandi Courier Ltd</footer></body></html>\n")


FIRST_PAGE = page(FIRST_SENTENCES, head='<meta property="article:published_time" content="2024-05-02">').encode()
# No meta charset: the HTTP Content-Type names it.
SECOND_PAGE = page(SECOND_SENTENCES).replace('<meta charset="utf-8">', "").encode("cp1251")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 3


pytestmark = pytest.mark.usefixtures("no_network")  # tests/ingest/conftest.py


def response(writer: WARCWriter, uri: str, status: str, content_type: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                                  http_headers=headers))


def build_warc(*, gzip_records: bool, second_page: bytes = SECOND_PAGE) -> bytes:
    """warcinfo, request, HTML 200, JPEG 200, HTML 404, HTML 200: records 1 to 6."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test-crawler/1.0"}))
    request = StatusAndHeaders("GET /2024/bridge HTTP/1.1", [("Host", "tervandi-courier.example")],
                               is_http_request=True)
    writer.write_record(writer.create_warc_record(FIRST_URI, "request", payload=io.BytesIO(b""), length=0,
                                                  http_headers=request))
    response(writer, FIRST_URI, "200 OK", "text/html; charset=UTF-8", FIRST_PAGE)
    response(writer, IMAGE_URI, "200 OK", "image/jpeg", JPEG)
    response(writer, MISSING_URI, "404 Not Found", "text/html", b"<html><body><p>Page not found.</p></body></html>")
    response(writer, SECOND_URI, "200 OK", 'application/xhtml+xml; charset="windows-1251"', second_page)
    return out.getvalue()


def read(data: bytes, max_bytes: int = 1_000_000) -> list[Document | InputError]:
    return list(read_warc(io.BytesIO(data), origin="crawl.warc.gz", max_bytes=max_bytes))


def record_starts(data: bytes) -> list[int]:
    """The offset where each record starts, as warcio indexes them, and the file length."""
    iterator = ArchiveIterator(io.BytesIO(data))
    return [iterator.get_record_offset() for _ in iterator] + [len(data)]


def summary(results: list[Document | InputError]) -> list[tuple[str, str]]:
    return [(r.url or "", "Document") if isinstance(r, Document) else (r.position, r.code) for r in results]


EXPECTED = [
    (FIRST_URI, "Document"),
    (f"record 4 ({IMAGE_URI})", "I013"),
    (f"record 5 ({MISSING_URI})", "I013"),
    (SECOND_URI, "Document"),
]


@pytest.mark.parametrize("gzip_records", [True, False])
def test_warc_html_responses_become_documents(gzip_records: bool) -> None:
    results = read(build_warc(gzip_records=gzip_records))
    assert summary(results) == EXPECTED
    first, image, missing, second = results
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "\n\n".join(FIRST_SENTENCES)
    assert first.published == PartialDate(2024, 5, 2)
    assert first.source == "tervandi-courier.example"
    assert first.origin == "crawl.warc.gz"
    assert second.text == "\n\n".join(SECOND_SENTENCES)  # decoded with the HTTP charset
    assert second.published is None  # the page states no date; the WARC-Date is not used
    assert isinstance(image, InputError) and isinstance(missing, InputError)
    assert "image/jpeg" in image.reason and "text/html and application/xhtml+xml" in image.reason
    assert "HTTP 404 Not Found" in missing.reason and "2xx" in missing.reason
    assert image.reason.startswith("[I013] not an HTML page")


def test_warc_whole_file_gzip_is_read_too() -> None:
    assert summary(read(gzip.compress(build_warc(gzip_records=False)))) == EXPECTED


def test_warc_only_response_records_are_units() -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test-crawler/1.0"}))
    writer.write_record(writer.create_warc_record("metadata:crawl", "metadata", payload=io.BytesIO(b"outlinks: 3"),
                                                  length=11, warc_content_type="text/plain"))
    writer.write_record(writer.create_warc_record(FIRST_URI, "resource", payload=io.BytesIO(FIRST_PAGE),
                                                  length=len(FIRST_PAGE), warc_content_type="text/html"))
    assert read(out.getvalue()) == []


@pytest.mark.parametrize("gzip_records", [True, False])
@pytest.mark.parametrize(
    ("cut_in", "before"),
    [
        (2, []),  # the request record
        (3, []),  # the first HTML response: nothing read before it
        (4, EXPECTED[:1]),
        (6, EXPECTED[:3]),  # the last record
    ],
)
def test_warc_truncated_file_keeps_what_came_before(
    gzip_records: bool, cut_in: int, before: list[tuple[str, str]]
) -> None:
    data = build_warc(gzip_records=gzip_records)
    starts = record_starts(data)
    assert len(starts) == 7
    start, end = starts[cut_in - 1], starts[cut_in]
    for cut in (start + 1, start + 40, (start + end) // 2, end - 40):
        results = read(data[:cut])
        assert summary(results) == [*before, (f"record {cut_in}", "I014")], cut
        corrupt = results[-1]
        assert isinstance(corrupt, InputError)
        assert corrupt.reason.startswith(f"[I014] truncated or corrupt from record {cut_in} on")
        assert "download or copy the file again" in corrupt.reason


@pytest.mark.parametrize("cut_in", [1, 2, 3, 6])
def test_warc_cut_inside_the_content_length_header(cut_in: int) -> None:
    """warcio reads an empty Content-Length as 0, which would end a cut file quietly."""
    data = build_warc(gzip_records=False)
    start = record_starts(data)[cut_in - 1]
    header = data.index(b"Content-Length:", start) + len(b"Content-Length:")
    for cut in (header, header + 1):
        assert summary(read(data[:cut]))[-1] == (f"record {cut_in}", "I014")


def test_warc_cut_in_the_last_gzip_trailer() -> None:
    """The data of the last record is whole, only the gzip checksum is cut: the page is read,
    and the file is still reported as cut after it."""
    data = build_warc(gzip_records=True)
    assert summary(read(data[:-4])) == [*EXPECTED, ("record 7", "I014")]


def test_warc_cut_in_the_last_blank_lines_loses_nothing() -> None:
    data = build_warc(gzip_records=False)
    assert data.endswith(b"</html>\n\r\n\r\n")
    assert summary(read(data[:-2])) == EXPECTED
    assert summary(read(data[:-5])) == [*EXPECTED[:3], ("record 6", "I014")]  # a payload byte is gone


def test_warc_garbage_spliced_in_stops_with_one_i014() -> None:
    data = build_warc(gzip_records=True)
    fifth = record_starts(data)[4]
    damaged = data[: fifth + 20] + b"\x00garbage\xff" * 8 + data[fifth + 20 :]
    results = read(damaged)
    assert summary(results) == [*EXPECTED[:2], ("record 5", "I014")]


def test_warc_not_a_warc_and_empty() -> None:
    (not_warc,) = read(b"<html><body>just a page</body></html>\n")
    assert isinstance(not_warc, InputError)
    assert (not_warc.code, not_warc.position) == ("I014", "record 1")
    (empty,) = read(b"")
    assert isinstance(empty, InputError)
    assert empty.code == "I005" and "no records" in empty.reason


@pytest.mark.parametrize("gzip_records", [True, False])
def test_warc_oversized_page_is_i003_and_the_rest_is_read(gzip_records: bool) -> None:
    big_second = page(SECOND_SENTENCES * 40).encode("cp1251")
    limit = len(FIRST_PAGE) + 10
    assert len(big_second) > limit
    results = read(build_warc(gzip_records=gzip_records, second_page=big_second), max_bytes=limit)
    assert summary(results) == [*EXPECTED[:3], ("record 6", "I003")]
    oversized = results[-1]
    assert isinstance(oversized, InputError)
    assert oversized.reason.startswith("[I003] oversized")
    assert f"{limit:,} bytes" in oversized.reason and "raise max_bytes" in oversized.reason


def test_warc_oversized_payload_is_not_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import annalist.ingest.warc as ingest_warc

    reads: list[int] = []
    real = ingest_warc._read_at_most

    def spy(stream: io.BufferedIOBase, limit: int) -> bytes:
        data = real(stream, limit)
        reads.append(len(data))
        return data

    monkeypatch.setattr(ingest_warc, "_read_at_most", spy)
    big_second = page(SECOND_SENTENCES * 400).encode("cp1251")
    results = read(build_warc(gzip_records=True, second_page=big_second), max_bytes=len(FIRST_PAGE))
    assert summary(results)[-1] == ("record 6", "I003")
    assert reads == [len(FIRST_PAGE), len(FIRST_PAGE) + 1]  # the big page: one byte over the cap


def test_warc_reads_lazily() -> None:
    results = read_warc(io.BytesIO(build_warc(gzip_records=True)), origin="crawl.warc.gz", max_bytes=1_000_000)
    assert isinstance(results, Iterator)
    first = next(results)
    assert isinstance(first, Document) and first.url == FIRST_URI


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_warc_arbitrary_bytes_never_raise(data: bytes) -> None:
    for result in read(data):
        assert isinstance(result, (Document, InputError))


VALID = {True: build_warc(gzip_records=True), False: build_warc(gzip_records=False)}
STARTS = {gzip_records: record_starts(data) for gzip_records, data in VALID.items()}


def at_a_record_boundary(gzip_records: bool, cut: int) -> bool:
    """A cut where one record ends and the next begins: what is left is a valid, shorter file
    (uncompressed, the blank lines that end a record may be cut too)."""
    slack = 0 if gzip_records else 4
    return any(start - slack <= cut <= start for start in STARTS[gzip_records])


@settings(max_examples=60, deadline=None)
@given(st.booleans(), st.data())
def test_warc_damaged_valid_file_never_raises(gzip_records: bool, data: st.DataObject) -> None:
    valid = VALID[gzip_records]
    at = data.draw(st.integers(0, len(valid)), label="at")
    junk = data.draw(st.binary(max_size=64), label="junk")
    skip = data.draw(st.integers(0, 64), label="skip")
    truncate = data.draw(st.booleans(), label="truncate")
    damaged = valid[:at] if truncate else valid[:at] + junk + valid[at + skip :]
    results = read(damaged)
    assert all(isinstance(r, (Document, InputError)) for r in results)
    corrupt = [n for n, r in enumerate(results) if isinstance(r, InputError) and r.code == "I014"]
    assert corrupt in ([], [len(results) - 1])  # at most one, and reading stops there
    if truncate and not at_a_record_boundary(gzip_records, at):
        # a cut file never ends quietly: its last item says it is cut (or that it is empty)
        last = results[-1]
        assert isinstance(last, InputError) and last.code in ("I014", "I005"), summary(results)

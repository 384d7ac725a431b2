"""Property tests: arbitrary bytes and arbitrary JSON never crash a reader, and every input unit
is accounted for (a Document or an InputError for each)."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annalist.ingest import read_inputs
from annalist.ingest.jsonl import read_jsonl
from annalist.ingest.text import read_text
from annalist.model import Document, InputError

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
records = st.dictionaries(
    st.sampled_from(["text", "title", "url", "published", "language", "id", "other"]), json_values, max_size=6)


@SETTINGS
@given(st.binary(max_size=3000))
def test_text_reader_takes_any_bytes(data: bytes) -> None:
    assert isinstance(read_text(data, origin="x.txt"), Document | InputError)


@SETTINGS
@given(st.lists(json_values | records, max_size=8))
def test_jsonl_reader_accounts_for_every_line_of_any_json(values: list[object]) -> None:
    lines = [json.dumps(v) for v in values]
    out = list(read_jsonl(lines, origin="x.jsonl"))
    assert len(out) == len(lines)  # JSON never dumps a blank line: one result per line
    assert all(isinstance(o, Document | InputError) for o in out)
    for number, o in enumerate(out, start=1):
        if isinstance(o, InputError):
            assert o.position == f"line {number}" and o.reason.startswith(f"[{o.code}]")


@SETTINGS
@given(st.lists(st.binary(max_size=200), max_size=8))
def test_jsonl_reader_takes_any_lines_of_bytes(lines: list[bytes]) -> None:
    out = list(read_jsonl(lines, origin="x.jsonl"))
    assert len(out) <= len(lines) and all(isinstance(o, Document | InputError) for o in out)


SUFFIXES = [".txt", ".md", ".jsonl", ".html", ".xml", ".rss", ".warc", ".warc.gz", ".csv", ".tsv", ""]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=1500)), min_size=1, max_size=5))
def test_every_file_of_any_bytes_is_accounted_for(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (suffix, data) in enumerate(files):
            path = Path(tmp) / f"f{i}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        for path in paths:
            out = list(read_inputs([path], max_bytes=100_000))
            assert all(isinstance(o, Document | InputError) for o in out)
            if not path.endswith((".jsonl", ".csv", ".tsv", ".warc", ".warc.gz", ".xml", ".rss")):
                assert len(out) == 1  # a file that is one unit gives one result
            for o in out:
                assert o.origin.startswith(path)


@SETTINGS
@given(st.binary(max_size=2000))
def test_standard_input_of_any_bytes_is_accounted_for(data: bytes) -> None:
    out = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert out and all(isinstance(o, Document | InputError) for o in out)

"""Crash safety: a run killed with SIGKILL in the middle leaves the store consistent, and
running again finishes the rest with no duplicate document or event."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annalist.runner import run_paths
from annalist.store import Store

CITIES = ["Parigi", "Berlino", "Madrid", "Vienna", "Lisbona", "Atene", "Varsavia", "Praga"]


def _articles(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            city = CITIES[i % len(CITIES)]
            text = (f"Il ministro degli Esteri francese ha incontrato il cancelliere tedesco a {city} il "
                    f"{1 + i % 28} marzo. Hanno firmato {i + 2} accordi sul commercio, il numero {i}.")
            f.write(json.dumps({"text": text, "published": "2024-03-29", "id": f"a{i}"}) + "\n")
    return path


def _contents(db: Path) -> tuple[list[str], list[str]]:
    with Store(str(db)) as store:
        return sorted(d.id for d in store.documents()), sorted(e.id for e in store.events(news_only=False))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_run_killed_midway_leaves_a_consistent_store_and_the_rerun_completes(tmp_path: Path) -> None:
    articles = _articles(tmp_path / "a.jsonl", 600)
    # what a run that is never interrupted stores
    clean = tmp_path / "clean.duckdb"
    with Store(str(clean)) as store:
        run_paths([str(articles)], store)
    want_docs, want_events = _contents(clean)
    assert len(want_docs) == 600

    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "annalist.cli", "run", str(articles), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + 120
    # kill it once some batches are committed (the write-ahead log grows with each commit)
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 200_000:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed; give it more articles"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    docs, events = _contents(db)
    assert 0 < len(docs) < 600  # killed midway, with whole batches stored
    assert set(docs) <= set(want_docs) and set(events) <= set(want_events)
    with Store(str(db)) as store:  # every stored document has all its events, none has a part
        by_doc: dict[str, int] = {}
        for e in store.events():
            by_doc[e.doc_id] = by_doc.get(e.doc_id, 0) + 1
    with Store(str(clean)) as store:
        expected = {}
        for e in store.events():
            expected[e.doc_id] = expected.get(e.doc_id, 0) + 1
    assert all(by_doc.get(d, 0) == expected.get(d, 0) for d in docs)

    with Store(str(db)) as store:
        summary = run_paths([str(articles)], store)
        assert summary.skipped == len(docs) and summary.new == 600 - len(docs)
        statuses = [r.status for r in store.runs()]
    assert statuses == ["interrupted", "done"]
    assert _contents(db) == (want_docs, want_events)
    with Store(str(db)) as store, Store(str(clean)) as ref:
        assert len(store.fused_events()) == len(ref.fused_events())

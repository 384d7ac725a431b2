"""The DuckDB store: round trips, idempotence, transactions, migrations, bad files."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from annalist.model import (
    Actor,
    CanonicalActor,
    Discrepancy,
    DocResult,
    Document,
    Event,
    Evidence,
    FusedEvent,
    InputError,
    PartialDate,
    Place,
    Story,
)
from annalist.store import MIGRATIONS, Store, StoreError

TEXT_A = ("La presidente brasiliana Helena Duarte ha incontrato Vikram Mehta alla base "
          "di Alcântara. Nel 1914 la Germania invase il Belgio. Incontrò Mehta.")
TEXT_B = "Il Pakistan ha protestato con Nuova Delhi per il test di un missile."

ALCANTARA = Place(id="p-alc", name="Alcântara Launch Center", lat=-2.373, lon=-44.396,
                  country="BRA", feature="facility", resolution=5, geonameid=None,
                  admin1="Maranhão", text="Alcântara", start=TEXT_A.index("Alcântara"),
                  end=TEXT_A.index("Alcântara") + len("Alcântara"))


def evidence(doc: Document, trigger: str, sentence: str, nth: int = 0) -> Evidence:
    sent_start = doc.text.index(sentence)
    start = doc.text.index(trigger, sent_start)
    return Evidence(doc.id, nth, sent_start, sent_start + len(sentence), start,
                    start + len(trigger), trigger)


def document(doc_id: str, text: str, **kw: object) -> Document:
    return Document(id=doc_id, text=text, **kw)  # type: ignore[arg-type]


DOC_A = document("doc-a", TEXT_A, title="Vertice ad Alcântara", url="https://example.org/a",
                 source="example.org", language="it", published=PartialDate(2023, 9, 13),
                 origin="seeds/a.txt", meta=(("author", "Redazione"), ("tag", "Brasile"),
                                             ("tag", "India")))
DOC_B = document("doc-b", TEXT_B, language="it", published=PartialDate(2023, 9),
                 origin="seeds/b.txt")
DOC_C = document("doc-c", "Testo senza eventi.", origin="feed.xml")

DUARTE = Actor(name="Helena Duarte", country="BRA", sector="GOV", office="president",
               id="a-duarte", aliases=("Helena M. Duarte",), text="Helena Duarte", start=25,
               end=38)
MEHTA = Actor(name="Vikram Mehta", country="IND", sector="GOV", text="Vikram Mehta",
              start=53, end=65)

MEET = Event(id="ev-meet", doc_id="doc-a", type="CONSULT", mode="visit",
             context=("diplomatic",), actor=(DUARTE,), recipient=(MEHTA,),
             date=PartialDate(2023, 9, 13), place=ALCANTARA, aux=(),
             evidence=evidence(DOC_A, "incontrato", TEXT_A.split(". ")[0] + "."),
             rule="it/CONSULT/incontrare", confidence=0.9, language="it",
             mentions=(evidence(DOC_A, "Incontrò", "Incontrò Mehta.", 2),))
INVADE = Event(id="ev-invade", doc_id="doc-a", type="ASSAULT", mode="",
               context=(), actor=(Actor(None, "DEU", None, text="la Germania"),),
               recipient=(Actor(None, "DEU", None, implicit=True),), date=PartialDate(1914), place=None,
               aux=("historical",),
               evidence=evidence(DOC_A, "invase", "Nel 1914 la Germania invase il Belgio.", 1),
               rule="it/ASSAULT/invadere", confidence=0.5, language="it")
PROTEST = Event(id="ev-protest", doc_id="doc-b", type="PROTEST", mode=None,
                context=("military",), actor=(Actor("Pakistan", "PAK", "GOV"),),
                recipient=(Actor("Nuova Delhi", "IND", "GOV", text="Nuova Delhi"),),
                date=PartialDate(2023, 9), place=None, aux=("reported",),
                evidence=evidence(DOC_B, "protestato", TEXT_B), rule="it/PROTEST/protestare",
                confidence=0.75, language="it")

RESULTS = (
    DocResult(DOC_A, (), (), (INVADE, MEET)),
    DocResult(DOC_B, (), (), (PROTEST,)),
    DocResult(DOC_C, (), (), ()),
)

FUSED = (
    FusedEvent(id="f-meet", type="CONSULT", mode="visit", actor_countries=("BRA",),
               recipient_countries=("IND",), actor_names=("Helena Duarte",),
               recipient_names=("Vikram Mehta",), date=PartialDate(2023, 9, 13),
               place=ALCANTARA, members=("ev-meet",), sources=("doc-a",),
               discrepancies=(Discrepancy("place", (("Alcântara", ("ev-meet",)),
                                                    ("São Luís", ("ev-x", "ev-y")))),),
               story_id="s-summit"),
    FusedEvent(id="f-protest", type="PROTEST", mode=None, actor_countries=("PAK",),
               recipient_countries=("IND",), actor_names=(), recipient_names=(),
               date=PartialDate(2023, 9), place=None, members=("ev-protest",),
               sources=("doc-b",)),
    FusedEvent(id="f-undated", type="AID", mode=None, actor_countries=(),
               recipient_countries=(), actor_names=(), recipient_names=(), date=None,
               place=None, members=(), sources=()),
)
STORIES = (
    Story(id="s-summit", label="Duarte–Mehta summit", documents=("doc-a", "doc-b"),
          fused_events=("f-meet", "f-protest"), first=PartialDate(2023, 9),
          last=PartialDate(2023, 9, 13), brief=(("doc-a", TEXT_A[:91]), ("doc-b", TEXT_B))),
    Story(id="s-empty", label="", documents=(), fused_events=(), first=None, last=None),
)
ERRORS = (
    InputError("in/bad.txt", "file", "I001", "not UTF-8: try --encoding latin-1"),
    InputError("in/feed.jsonl", "line 7", "I004", "malformed JSON"),
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "annalist.duckdb"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store(db) as s:
        yield s


def count(path: Path, table: str) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def filled(store: Store) -> str:
    run = store.start_run(["seeds/"])
    store.add_results(run, RESULTS)
    return run


# -- round trips -------------------------------------------------------------------


def test_store_documents_round_trip(store: Store) -> None:
    filled(store)
    assert store.documents() == [DOC_B, DOC_A, DOC_C]  # by published, undated last
    assert store.document("doc-a") == DOC_A
    assert store.document("missing") is None


def test_store_events_round_trip_in_document_order(store: Store) -> None:
    filled(store)
    assert store.events() == [MEET, INVADE, PROTEST]  # doc id, then trigger position
    assert store.event("ev-invade") == INVADE
    assert store.event("missing") is None


def test_store_events_news_only(store: Store) -> None:
    filled(store)
    assert [e.id for e in store.events(news_only=True)] == ["ev-meet", "ev-protest"]


@pytest.mark.parametrize("date", [None, PartialDate(1999), PartialDate(2023, 2),
                                  PartialDate(2024, 2, 29)])
def test_store_partial_dates_keep_precision(store: Store, date: PartialDate | None) -> None:
    doc = document("doc-d", "x", published=date)
    event = Event(id="ev-d", doc_id="doc-d", type="AID", mode=None, context=(), actor=(),
                  recipient=(), date=date, place=None, aux=(),
                  evidence=Evidence("doc-d", 0, 0, 1, 0, 1, "x"), rule="r", confidence=1,
                  language="en")
    store.add_results(store.start_run([]), [DocResult(doc, (), (), (event,))])
    assert store.document("doc-d") == doc
    stored = store.event("ev-d")
    assert stored == event
    assert stored is not None and (stored.date and stored.date.precision) == (
        date and date.precision)


def test_store_cross_document_round_trip(store: Store) -> None:
    actors = (CanonicalActor("a1", "Ilse Marten", "DEU", "GOV", None, ("I. Marten", "Ilse Marten"), ("d1",)),
              CanonicalActor("a2", "Park Min-jae", "KOR", None, "Foreign Minister",
                             ("Park Min Jae", "Park Min-jae"), ("d1", "d2")))
    store.replace_cross_document(FUSED, STORIES, actors)
    assert store.fused_events() == [FUSED[1], FUSED[0], FUSED[2]]  # by date, undated last
    assert store.stories() == list(STORIES)
    assert store.actors() == [actors[1], actors[0]]  # the most widely reported first


def test_store_replace_cross_document_replaces(store: Store) -> None:
    store.replace_cross_document(FUSED, STORIES)
    store.replace_cross_document(FUSED[:1], ())
    assert store.fused_events() == [FUSED[0]]
    assert store.stories() == []


def test_store_errors_and_runs_round_trip(store: Store) -> None:
    first = store.start_run(["in/"])
    store.add_errors(first, ERRORS)
    store.finish_run(first, n_documents=3, n_new=3, n_errors=2, status="done")
    second = store.start_run(["more/", "feed.xml"])
    store.add_errors(second, ERRORS[1:])
    assert store.errors(first) == list(ERRORS)
    assert store.errors() == [ERRORS[1]]  # the latest run
    runs = store.runs()
    assert [r.id for r in runs] == [first, second]
    assert (runs[0].inputs, runs[0].n_documents, runs[0].n_new, runs[0].n_errors,
            runs[0].status) == (("in/",), 3, 3, 2, "done")
    assert runs[0].finished_at is not None and runs[0].finished_at >= runs[0].started_at
    assert (runs[1].inputs, runs[1].status, runs[1].finished_at) == (
        ("more/", "feed.xml"), "running", None)


def test_store_errors_without_runs_is_empty(store: Store) -> None:
    assert store.errors() == []


def test_store_finish_unknown_run(store: Store) -> None:
    with pytest.raises(StoreError) as info:
        store.finish_run("nope", n_documents=0, n_new=0, n_errors=0, status="done")
    assert info.value.code == "S006"


def test_store_data_survives_reopening(db: Path) -> None:
    with Store(db) as store:
        filled(store)
        store.replace_cross_document(FUSED, STORIES)
    with Store(db) as store:
        assert store.documents() == [DOC_B, DOC_A, DOC_C]
        assert store.events() == [MEET, INVADE, PROTEST]
        assert store.fused_events() == [FUSED[1], FUSED[0], FUSED[2]]
    with Store(db, read_only=True) as store:
        assert store.stories() == list(STORIES)


# -- idempotence and transactions --------------------------------------------------


def test_store_add_results_is_idempotent(db: Path) -> None:
    with Store(db) as store:
        run = store.start_run(["seeds/"])
        assert store.add_results(run, RESULTS) == 3
        assert store.add_results(store.start_run(["seeds/"]), RESULTS) == 0
        assert store.add_results(run, [RESULTS[0], RESULTS[0]]) == 0
        assert store.has_document("doc-a") and not store.has_document("doc-z")
    assert (count(db, "documents"), count(db, "events")) == (3, 3)


def test_store_add_results_counts_a_repeated_document_once(store: Store) -> None:
    assert store.add_results(store.start_run([]), [RESULTS[1], RESULTS[1]]) == 1
    assert store.events() == [PROTEST]


def test_store_add_results_rolls_back_on_error(db: Path) -> None:
    with Store(db) as store:
        store.add_results(store.start_run([]), RESULTS[1:])
        clash = dataclasses.replace(PROTEST, doc_id="doc-a")  # id of a stored event
        with pytest.raises(StoreError) as info:
            store.add_results(store.start_run([]), [DocResult(DOC_A, (), (), (MEET, clash))])
        assert info.value.code == "S005"
        assert "rolled back" in str(info.value)
        assert not store.has_document("doc-a")
        assert store.event("ev-meet") is None
        assert store.documents() == [DOC_B, DOC_C]
        assert store.events() == [PROTEST]
        assert store.add_results(store.start_run([]), RESULTS) == 1  # still usable
    assert (count(db, "documents"), count(db, "events")) == (3, 3)


def test_store_replace_cross_document_rolls_back_on_error(store: Store) -> None:
    store.replace_cross_document(FUSED, STORIES)
    with pytest.raises(StoreError) as info:
        store.replace_cross_document(FUSED[:1], (STORIES[0], STORIES[0]))  # duplicate id
    assert info.value.code == "S005"
    assert len(store.fused_events()) == len(FUSED)
    assert store.stories() == list(STORIES)


# -- migrations and opening --------------------------------------------------------


def test_store_migrations_recorded_once(db: Path) -> None:
    Store(db).close()
    Store(db).close()
    with duckdb.connect(str(db), read_only=True) as con:
        versions = [r[0] for r in con.execute(
            "SELECT version FROM schema_migrations ORDER BY version").fetchall()]
        stamps = con.execute("SELECT count(applied_at) FROM schema_migrations").fetchone()
    assert versions == [m.version for m in MIGRATIONS]
    assert stamps == (len(MIGRATIONS),)


def test_store_migrations_are_ordered() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == sorted(set(versions)) and versions[0] == 1


def test_store_newer_schema_is_refused(db: Path) -> None:
    Store(db).close()
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO schema_migrations VALUES (9999, now()::TIMESTAMP)")
    with pytest.raises(StoreError) as info:
        Store(db)
    assert info.value.code == "S004"


@pytest.mark.parametrize("content", [b"", b"id,text\n1,hello\n", b"\x00\xff" * 5000])
def test_store_non_database_file(db: Path, content: bytes) -> None:
    db.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store(db)
    assert info.value.code == "S001"
    assert str(info.value) == f"[S001] {db} is not an annalist database: choose another --db file"
    assert db.read_bytes() == content  # left untouched


def test_store_foreign_duckdb_database(db: Path) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE sales (id INTEGER)")
    with pytest.raises(StoreError) as info:
        Store(db)
    assert info.value.code == "S001"


def test_store_unopenable_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "no" / "such" / "dir" / "x.duckdb")
    assert info.value.code == "S003"


def test_store_locked_by_another_process(db: Path) -> None:
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from annalist.store import Store; s = Store(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read(); s.close()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as info:
            Store(db)
        assert info.value.code == "S002"
        assert "another process" in str(info.value)
    finally:
        holder.communicate("", timeout=30)
    assert holder.returncode == 0


def test_store_closed(db: Path) -> None:
    store = Store(db)
    store.close()
    store.close()
    with pytest.raises(StoreError) as info:
        store.documents()
    assert info.value.code == "S007"


def test_store_run_ids_are_distinct(store: Store) -> None:
    ids = {store.start_run(["same"]) for _ in range(5)}
    assert len(ids) == 5
    assert all(len(i.split("-")[1]) == 8 and i.split("-")[0].endswith("Z") for i in ids)

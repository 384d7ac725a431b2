"""PLOVER JSONL export: manual v2.0 field names, evidence offsets, JSON lines."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from annalist.export import event_to_plover, fused_to_plover, write_plover_jsonl
from annalist.model import (
    Actor,
    Discrepancy,
    DocResult,
    Document,
    Event,
    Evidence,
    FusedEvent,
    PartialDate,
    Place,
)
from annalist.store import Store

EVENT_FIELDS = ["id", "date", "event", "mode", "context", "actor", "recipient", "event_loc",
                "event_text", "text", "text_info", "cite_info", "annalist"]
FUSED_FIELDS = EVENT_FIELDS[:-1] + ["sources", "annalist"]

TEXT_A = ("Titolo. La presidente brasiliana Helena Duarte ha incontrato Vikram Mehta "
          "alla base di Alcântara. Nel 1914 la Germania invase il Belgio.")
TEXT_B = "Duarte ha incontrato Mehta a São Luís."

DOC_A = Document(id="doc-a", text=TEXT_A, title="Vertice", url="https://example.org/a",
                 source="example.org", language="it", published=PartialDate(2023, 9, 13),
                 origin="seeds/a.txt")
DOC_B = Document(id="doc-b", text=TEXT_B, title="Città chiusa", url=None, language=None,
                 origin="seeds/b.txt")


def evidence(doc: Document, trigger: str, sentence: str, nth: int) -> Evidence:
    sent_start = doc.text.index(sentence)
    start = doc.text.index(trigger, sent_start)
    return Evidence(doc.id, nth, sent_start, sent_start + len(sentence), start,
                    start + len(trigger), trigger)


def at(doc: Document, text: str) -> tuple[int, int]:
    start = doc.text.index(text)
    return start, start + len(text)


SENT_A = ("La presidente brasiliana Helena Duarte ha incontrato Vikram Mehta alla base "
          "di Alcântara.")
ALCANTARA = Place(id="p-alc", name="Alcântara Launch Center", lat=-2.373, lon=-44.396,
                  country="BRA", feature="facility", resolution=5, text="Alcântara",
                  start=at(DOC_A, "Alcântara")[0], end=at(DOC_A, "Alcântara")[1])
DUARTE = Actor("Helena Duarte", "BRA", "GOV", text="Helena Duarte",
               start=at(DOC_A, "Helena")[0])
MEHTA = Actor("Vikram Mehta", "IND", "GOV", text="Vikram Mehta")

MEET_A = Event(id="ev-a", doc_id="doc-a", type="CONSULT", mode="visit",
               context=("diplomatic",), actor=(DUARTE,), recipient=(MEHTA,),
               date=PartialDate(2023, 9, 13), place=ALCANTARA, aux=("reported",),
               evidence=evidence(DOC_A, "incontrato", SENT_A, 1), rule="it/CONSULT/incontrare",
               confidence=0.9, language="it")
MEET_B = Event(id="ev-b", doc_id="doc-b", type="CONSULT", mode=None, context=("space",),
               actor=(Actor("Duarte", "BRA", None, text="Duarte"),),
               recipient=(Actor("Mehta", "IND", "GOV", text="Mehta"),),
               date=PartialDate(2023, 9), place=None, aux=(),
               evidence=evidence(DOC_B, "incontrato", TEXT_B, 0), rule="it/CONSULT/incontrare",
               confidence=0.8, language="it")
INVADE = Event(id="ev-h", doc_id="doc-a", type="ASSAULT", mode=None, context=(),
               actor=(Actor(None, "DEU", None, text="la Germania"),), recipient=(),
               date=PartialDate(1914), place=None, aux=("historical",),
               evidence=evidence(DOC_A, "invase", "Nel 1914 la Germania invase il Belgio.", 2),
               rule="it/ASSAULT/invadere", confidence=0.5, language="it")
FUSED = FusedEvent(id="f-meet", type="CONSULT", mode="visit", actor_countries=("BRA",),
                   recipient_countries=("IND",), actor_names=("Helena Duarte",),
                   recipient_names=(), date=PartialDate(2023, 9, 13), place=ALCANTARA,
                   members=("ev-a", "ev-b"), sources=("doc-a", "doc-b"),
                   discrepancies=(Discrepancy("place", (("Alcântara Launch Center", ("ev-a",)),
                                                        ("São Luís", ("ev-b",)))),),
                   story_id="s-1")
FUSED_OLD = FusedEvent(id="f-old", type="ASSAULT", mode=None, actor_countries=("DEU",),
                       recipient_countries=(), actor_names=(), recipient_names=(),
                       date=PartialDate(1914), place=None, members=("ev-h",),
                       sources=("doc-a",))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "annalist.duckdb") as s:
        run = s.start_run(["seeds/"])
        s.add_results(run, [DocResult(DOC_A, (), (), (MEET_A, INVADE)),
                            DocResult(DOC_B, (), (), (MEET_B,))])
        s.replace_cross_document([FUSED, FUSED_OLD], [])
        yield s


def test_plover_event_fields() -> None:
    record = event_to_plover(MEET_A, DOC_A, "f-meet")
    assert list(record) == EVENT_FIELDS
    assert record["date"] == "2023-09-13"
    assert (record["event"], record["mode"], record["context"]) == (
        "CONSULT", "visit", ["diplomatic"])
    assert record["actor"] == [{"entity_text": "Helena Duarte", "code": "BRA", "sector": "GOV"}]
    assert record["recipient"] == [{"entity_text": "Vikram Mehta", "code": "IND",
                                    "sector": "GOV"}]
    assert record["event_loc"] == {"extracted_place": "Alcântara",
                                   "resolved_place": "Alcântara Launch Center", "lat": -2.373,
                                   "lon": -44.396, "country_code": "BRA"}
    assert record["cite_info"] == {"url": "https://example.org/a", "title": "Vertice",
                                   "language": "it"}
    assert record["annalist"] == {
        "document_id": "doc-a", "origin": "seeds/a.txt", "aux": ["reported"],
        "rule": "it/CONSULT/incontrare", "confidence": 0.9, "fused_id": "f-meet",
        "date_precision": "day", "sentence": 1, "doc_start": MEET_A.evidence.start,
        "doc_end": MEET_A.evidence.end}


def test_plover_event_evidence_offsets() -> None:
    record = event_to_plover(MEET_A, DOC_A, None)
    assert record["text"] == SENT_A
    info = record["text_info"]
    assert record["text"][info["start"]:info["end"]] == record["event_text"] == "incontrato"
    ann = record["annalist"]
    assert DOC_A.text[ann["doc_start"]:ann["doc_end"]] == "incontrato"


@pytest.mark.parametrize(("event", "date", "precision", "mode", "loc"), [
    (MEET_A, "2023-09-13", "day", "visit", "Alcântara"),
    (MEET_B, "2023-09", "month", "", None),
    (INVADE, "1914", "year", "", None),
])
def test_plover_event_values(event: Event, date: str, precision: str, mode: str,
                             loc: str | None) -> None:
    doc = DOC_A if event.doc_id == "doc-a" else DOC_B
    record = event_to_plover(event, doc, None)
    assert (record["date"], record["annalist"]["date_precision"], record["mode"]) == (
        date, precision, mode)
    assert record["event_loc"].get("extracted_place") == loc
    if loc is None:
        assert record["event_loc"] == {}


def test_plover_event_without_date_and_language_fallback() -> None:
    undated = dataclasses.replace(MEET_B, date=None)
    record = event_to_plover(undated, DOC_B, None)
    assert record["date"] is None and record["annalist"]["date_precision"] is None
    assert record["cite_info"] == {"url": None, "title": "Città chiusa", "language": "it"}
    assert record["actor"] == [{"entity_text": "Duarte", "code": "BRA", "sector": None}]


def test_plover_fused_fields() -> None:
    record = fused_to_plover(FUSED, [MEET_B, MEET_A], {"doc-a": DOC_A, "doc-b": DOC_B})
    assert list(record) == FUSED_FIELDS
    assert (record["id"], record["date"], record["event"], record["mode"]) == (
        "f-meet", "2023-09-13", "CONSULT", "visit")
    assert record["context"] == ["diplomatic", "space"]
    assert record["actor"] == [{"entity_text": "Helena Duarte", "code": "BRA", "sector": "GOV"}]
    assert record["recipient"] == [{"entity_text": "Mehta", "code": "IND", "sector": "GOV"}]
    assert record["event_loc"]["resolved_place"] == "Alcântara Launch Center"
    assert record["text"] == SENT_A  # the first member's sentence
    assert record["event_text"] == "incontrato"
    assert record["cite_info"]["url"] == "https://example.org/a"
    assert record["sources"] == [
        {"document_id": "doc-a", "url": "https://example.org/a", "title": "Vertice",
         "language": "it", "origin": "seeds/a.txt", "event_id": "ev-a", "text": SENT_A},
        {"document_id": "doc-b", "url": None, "title": "Città chiusa", "language": "it",
         "origin": "seeds/b.txt", "event_id": "ev-b", "text": TEXT_B},
    ]
    assert record["annalist"] == {
        "fused_id": "f-meet", "support": 2,
        "discrepancies": [{"attribute": "place",
                           "values": [{"value": "Alcântara Launch Center", "events": ["ev-a"]},
                                      {"value": "São Luís", "events": ["ev-b"]}]}],
        "members": ["ev-a", "ev-b"], "story_id": "s-1", "date_precision": "day"}


def test_plover_fused_without_members() -> None:
    record = fused_to_plover(FUSED, [], {})
    assert list(record) == FUSED_FIELDS
    assert record["sources"] == [] and record["text"] == ""
    assert record["actor"] == [{"entity_text": "Helena Duarte", "code": None, "sector": None},
                               {"entity_text": "BRA", "code": "BRA", "sector": None}]


def test_plover_write_events_jsonl(store: Store) -> None:
    out = io.StringIO()
    assert write_plover_jsonl(store, out) == 2
    text = out.getvalue()
    assert "Alcântara" in text  # ensure_ascii=False
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["id"] for r in records] == ["ev-a", "ev-b"]  # the historical event is not news
    assert all(list(r) == EVENT_FIELDS for r in records)
    assert [r["annalist"]["fused_id"] for r in records] == ["f-meet", "f-meet"]
    assert records[0] == event_to_plover(MEET_A, DOC_A, "f-meet")


def test_plover_write_all_events_jsonl(store: Store) -> None:
    out = io.StringIO()
    assert write_plover_jsonl(store, out, news_only=False) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["ev-a", "ev-h", "ev-b"]
    assert records[1]["annalist"]["fused_id"] == "f-old"


@pytest.mark.parametrize(("news_only", "ids"), [(True, ["f-meet"]),
                                                (False, ["f-old", "f-meet"])])
def test_plover_write_fused_jsonl(store: Store, news_only: bool, ids: list[str]) -> None:
    out = io.StringIO()
    assert write_plover_jsonl(store, out, fused=True, news_only=news_only) == len(ids)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ids
    assert all(list(r) == FUSED_FIELDS for r in records)
    meet = records[-1]
    assert meet == fused_to_plover(FUSED, [MEET_A, MEET_B], {"doc-a": DOC_A, "doc-b": DOC_B})


def test_plover_write_empty_store(tmp_path: Path) -> None:
    out = io.StringIO()
    with Store(tmp_path / "empty.duckdb") as store:
        assert write_plover_jsonl(store, out) == 0
        assert write_plover_jsonl(store, out, fused=True) == 0
    assert out.getvalue() == ""


def test_plover_implicit_recipient_is_marked_on_events_and_fused_events() -> None:
    implicit = dataclasses.replace(INVADE, recipient=(Actor(None, "DEU", None, implicit=True),))
    record = event_to_plover(implicit, DOC_A, None)
    assert record["recipient"] == [{"entity_text": "", "code": "DEU", "sector": None, "implicit": True}]
    fused = dataclasses.replace(FUSED_OLD, recipient_countries=("DEU",), members=("ev-h",))
    record = fused_to_plover(fused, [implicit], {"doc-a": DOC_A})
    assert record["recipient"] == [{"entity_text": "", "code": "DEU", "sector": None, "implicit": True}]

"""Many articles, one world: multi-article sets written for these tests, in four languages,
run through the whole pipeline into a store.

- the same meeting told by four articles (two in English, one in Italian, one in Spanish, dated
  by an explicit date, by "on Tuesday" and by "ayer") is one fused event with four sources;
- the same kind of event on two different days stays two;
- a strike that one article places in a city and another in a port town nearby is one event
  with a place discrepancy;
- a run over new articles only adds: stored fused events and stories keep their ids and their
  members; a second run over the same articles changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annalist.runner import run_paths
from annalist.store import Store

MEETING = [
    ("m-en-1", "en", "2025-03-04",
     "Chile and Argentina sign water-sharing accord in Mendoza\n\n"
     "MENDOZA, 4 March 2025 - The presidents of Chile and Argentina met in Mendoza on Tuesday and "
     "signed an accord on sharing the water of three border rivers.\n\n"
     "The two leaders spent four hours in talks at the provincial government house, officials said."),
    ("m-en-2", "en", "2025-03-05",
     "Argentina's president met his Chilean counterpart in Mendoza on March 4, the foreign ministry "
     "in Buenos Aires said on Wednesday.\n\nThe meeting closed with an accord on the rivers that "
     "cross the Andes."),
    ("m-it", "it", "2025-03-04",
     "Il presidente argentino ha incontrato il presidente cileno a Mendoza il 4 marzo. I due governi "
     "hanno firmato un accordo sulla gestione dei fiumi di confine."),
    ("m-es", "es", "2025-03-05",
     "El presidente de Chile se reunió ayer en Mendoza con el presidente de Argentina. Ambos "
     "gobiernos firmaron un acuerdo sobre el agua de los ríos fronterizos."),
]
LAUNCHES = [
    ("l-1", "en", "2025-02-10",
     "Iran test-fired a ballistic missile on Monday, 10 February 2025, from a base near Semnan, "
     "state media reported."),
    ("l-2", "fr", "2025-02-13",
     "L'Iran a tiré un nouveau missile balistique le jeudi 13 février 2025 depuis la même base "
     "près de Semnan, selon la télévision d'État."),
]
STRIKE = [
    ("s-en", "en", "2025-04-08",
     "Russian missiles struck Odesa early on 8 April 2025, killing four people and damaging a grain "
     "terminal, Ukrainian officials said."),
    ("s-it", "it", "2025-04-08",
     "Missili russi hanno colpito il porto di Chornomorsk nella notte dell'8 aprile 2025: quattro "
     "morti, secondo le autorità ucraine."),
]


def _write(path: Path, articles) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for doc_id, lang, published, text in articles:
            f.write(json.dumps({"id": doc_id, "language": lang, "published": published, "text": text},
                               ensure_ascii=False) + "\n")
    return path


def _source_ids(store: Store) -> dict[str, str]:
    return {d.id: dict(d.meta)["source_id"] for d in store.documents()}


def _fused(store: Store, etype: str):
    names = _source_ids(store)
    return [(f, sorted(names[d] for d in f.sources)) for f in store.fused_events() if f.type == etype]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The store after a first run (meeting and launches), after a second run adding the strike
    and a third run over everything again; with the tables after each."""
    tmp = tmp_path_factory.mktemp("multi")
    first = _write(tmp / "first.jsonl", MEETING[:3] + LAUNCHES[:1])
    second = _write(tmp / "second.jsonl", MEETING[3:] + LAUNCHES[1:] + STRIKE)
    store = Store(str(tmp / "s.duckdb"))
    snapshots = []
    for paths in ([first], [second], [first, second]):
        summary = run_paths([str(p) for p in paths], store)
        assert summary.errors == []
        snapshots.append((store.fused_events(), store.stories()))
    yield store, snapshots
    store.close()


def test_one_meeting_in_four_articles_and_three_languages_is_one_event(runs):
    store, _ = runs
    ((meeting, sources),) = _fused(store, "CONSULT")
    assert sources == ["m-en-1", "m-en-2", "m-es", "m-it"]
    assert meeting.date is not None and meeting.date.iso() == "2025-03-04"
    assert meeting.place is not None and meeting.place.name == "Mendoza"
    assert set(meeting.actor_countries) | set(meeting.recipient_countries) == {"ARG", "CHL"}
    assert meeting.discrepancies == ()


def test_the_same_kind_of_event_on_two_days_stays_two(runs):
    store, _ = runs
    launches = _fused(store, "MOBILIZE")
    assert sorted((f.date.iso() if f.date else "", s) for f, s in launches) == [
        ("2025-02-10", ["l-1"]), ("2025-02-13", ["l-2"])]


def test_a_place_the_sources_disagree_on_is_reported(runs):
    store, _ = runs
    ((strike, sources),) = _fused(store, "ASSAULT")
    assert sources == ["s-en", "s-it"]
    assert strike.recipient_countries == ("UKR",)
    (disc,) = strike.discrepancies
    assert disc.attribute == "place"
    said = {name: len(events) for name, events in disc.values}
    assert set(said) == {"Odesa", "Chornomors’k"} and sum(said.values()) == 2


def test_a_run_over_new_articles_only_adds(runs):
    _, snapshots = runs
    (fused1, stories1), (fused2, stories2), _ = snapshots
    after = {f.id: f for f in fused2}
    for f in fused1:
        assert f.id in after and set(f.members) <= set(after[f.id].members)
    assert len(fused2) > len(fused1)
    stories_after = {s.id: s for s in stories2}
    for s in stories1:
        assert s.id in stories_after and set(s.documents) <= set(stories_after[s.id].documents)
    # the Spanish report joined the meeting already stored, under its old id
    (meeting,) = [f for f in fused1 if f.type == "CONSULT"]
    assert len(after[meeting.id].sources) == 4


def test_a_second_run_over_the_same_articles_changes_nothing(runs):
    _, snapshots = runs
    assert snapshots[2] == snapshots[1]


def test_each_situation_is_one_story(runs):
    store, _ = runs
    names = _source_ids(store)
    groups = sorted(sorted(names[d] for d in s.documents) for s in store.stories())
    assert ["m-en-1", "m-en-2", "m-es", "m-it"] in groups
    assert ["s-en", "s-it"] in groups

"""The bundled examples (README's `make demo`) give the events a reader expects."""

from pathlib import Path

import pytest

from annalist.runner import run_paths
from annalist.store import Store

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(str(tmp_path_factory.mktemp("ex") / "ex.duckdb"))
    summary = run_paths([str(EXAMPLES)], s)
    assert summary.errors == [] and summary.exit_code == 0
    yield s
    s.close()


def _fused(store, etype, actor, recipient=()):
    return [f for f in store.fused_events()
            if f.type == etype and f.actor_countries == actor and f.recipient_countries == recipient]


def test_examples_summit_told_in_two_languages_is_one_event(store):
    (summit,) = [f for f in _fused(store, "CONSULT", ("BRA",), ("IND",)) if f.date and f.date.iso() == "2024-05-14"]
    assert len(summit.sources) == 2
    assert summit.place is not None and summit.place.name == "New Delhi"


def test_examples_arrival_the_day_before_stays_its_own_event(store):
    (arrival,) = [f for f in _fused(store, "CONSULT", ("BRA",), ("IND",)) if f.date and f.date.iso() == "2024-05-13"]
    assert arrival.mode == "visit" and len(arrival.sources) == 1


@pytest.mark.parametrize("etype,actor,recipient,sources", [
    ("AGREE", ("BRA",), ("IND",), 2),
    ("SUPPORT", ("IND",), ("BRA",), 2),
    ("PROTEST", ("KEN",), ("KEN",), 1),  # no target named: the country where it happens (implicit)
    ("MOBILIZE", ("IRN",), (), 1),
    ("ACCUSE", ("ARE",), ("IRN",), 1),
    ("REQUEST", ("ARE",), ("IRN",), 1),
    ("ACCUSE", ("ITA",), ("EGY",), 1),
])
def test_examples_expected_events(store, etype, actor, recipient, sources):
    found = _fused(store, etype, actor, recipient)
    assert len(found) == 1, [(f.type, f.actor_countries, f.recipient_countries) for f in store.fused_events()]
    assert len(found[0].sources) == sources


def test_examples_sanctions_and_expulsion_are_two_events(store):
    modes = sorted(f.mode or "" for f in _fused(store, "SANCTION", ("EU",), ("BLR",)))
    assert modes == ["discontinue", "expel"]


def test_examples_history_is_kept_but_not_news(store):
    history = [e for e in store.events() if "historical" in e.aux]
    assert {e.date.year for e in history if e.date} == {2008}
    assert all(f.date is None or f.date.year == 2024 for f in store.fused_events())


def test_examples_stories_group_the_two_summit_articles(store):
    stories = store.stories()
    summit = [s for s in stories if len(s.documents) == 2]
    assert len(summit) == 1
    assert {doc for doc, _ in summit[0].brief} == set(summit[0].documents)


def test_examples_readme_transcript_is_real_output(store):
    from typer.testing import CliRunner

    from annalist.cli import app

    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ annalist events --fused --format csv\n", 1)[1].split("\n\n", 1)[0]
    result = CliRunner().invoke(app, ["events", "--db", store.path, "--fused", "--format", "csv"])
    assert result.exit_code == 0
    assert [line.strip() for line in result.output.strip().splitlines()] == block.strip().splitlines()

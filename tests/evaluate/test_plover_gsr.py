"""The PLOVER GSR evaluator on a tiny gold file written for these tests."""

import json

import pytest
from typer.testing import CliRunner

from annalist.cli import app
from annalist.evaluate import evaluate
from annalist.evaluate.plover_gsr import (
    ORGANISATION,
    GoldSentence,
    Outcome,
    best_event,
    figures,
    gold_code,
    gold_sector,
    read_gsr,
)
from annalist.knowledge.packs import load_knowledge
from annalist.model import Actor, Event, Evidence, PartialDate

RECORDS = [
    {"id": "T-DOC-1", "event": "DOCUMENT", "comment": "documentation, not an event"},
    {"id": "T-1", "event": "DEMAND", "date": "2024-05-02", "text": "Chile urged Peru to reopen the border.",
     "source": [{"actorText": "Chile", "code": "CHL"}], "target": [{"actorText": "Peru", "code": "PER"}]},
    {"id": "T-2", "event": "CONSULT", "date": "2024-05-02", "text": "Russia and China met in Beijing.",
     "source": [{"actorText": "Russia", "code": "RUS"}, {"actorText": "China", "code": "CHN"}], "target": "",
     "textInfo": {"markup": "(SRC/TAR: Russia) and (SRC/TAR: China) (EVT: met) in Beijing."}},
    {"id": "T-3", "event": "DISAPPROVE", "date": "2024-05-02", "text": "The United Nations condemned Syria.",
     "source": [{"actorText": "United Nations", "code": "IGO"}], "target": [{"actorText": "Syria", "code": "SYR"}]},
    {"id": "T-4", "event": "AGREE", "date": "2024-05-02", "text": "The weather was mild in Oslo on Tuesday.",
     "source": [{"actorText": "Norway", "code": "NORGOV"}]},
    {"id": "T-5", "event": "FIGHT", "date": "2024-05-02", "text": "Kenya imposed sanctions on Uganda.",
     "source": [{"actorText": "Kenya", "code": "KEN", "sector": "GOV"}],
     "target": [{"actorText": "Uganda", "code": "UGA"}]},
]


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


@pytest.mark.parametrize("code,expected", [
    ("USA", "USA"), ("USAGOV", "USA"), ("irq", "IRQ"), ("IGO", ORGANISATION), ("NGO", ORGANISATION),
    ("UNO", ORGANISATION), ("IGOUNO", ORGANISATION), ("JAP", "JPN"), ("VTN", "VNM"), ("IMG", "IMG"),
])
def test_plover_gsr_gold_codes(code, expected):
    assert gold_code(code) == expected


@pytest.mark.parametrize("sector,code,expected", [
    ("GOV", "", "GOV"), ("CVLalb", "", "CVL"), ("***", "", None), ("CIV", "", "CVL"), (None, "SRBMIL", "MIL"),
    (None, "SRB", None),
])
def test_plover_gsr_gold_sectors(sector, code, expected):
    assert gold_sector(sector, code) == expected


def test_plover_gsr_reads_records(gold_file):
    gold = read_gsr(gold_file)
    assert [g.id for g in gold] == ["T-1", "T-2", "T-3", "T-4", "T-5"]  # the DOCUMENT record is skipped
    by_id = {g.id: g for g in gold}
    assert by_id["T-1"].type == "REQUEST" and by_id["T-1"].source_type == "DEMAND"
    assert by_id["T-3"].type == "ACCUSE" and by_id["T-5"].type == "ASSAULT"
    assert by_id["T-2"].joint and not by_id["T-1"].joint
    assert by_id["T-2"].recipients == frozenset() and by_id["T-4"].recipients == frozenset()
    assert by_id["T-3"].actors == frozenset({ORGANISATION})
    assert by_id["T-4"].actors == frozenset({"NOR"}) and by_id["T-4"].actor_sectors == frozenset({"GOV"})
    assert by_id["T-1"].published == PartialDate(2024, 5, 2)


@pytest.mark.parametrize("payload,code", [
    ("{not json", "[E031]"),
    ('{"event": "AGREE"}', "[E031]"),
    ('[{"id": "x", "event": "PRAISE", "text": "A sentence."}]', "[E033]"),
    ('[{"id": "x", "event": "AGREE"}]', "[E032]"),
    ('[{"id": "x", "event": "AGREE", "text": "A sentence.", "date": "yesterday"}]', "[E032]"),
])
def test_plover_gsr_bad_files_say_why(tmp_path, payload, code):
    path = tmp_path / "bad.json"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(ValueError, match=code.replace("[", r"\[").replace("]", r"\]")):
        read_gsr(path)


def _event(etype, confidence, start, aux=()):
    evid = Evidence("d", 0, 0, 40, start, start + 4, "word")
    return Event(id=f"{etype}{start}", doc_id="d", type=etype, mode=None, context=(),
                 actor=(Actor("X", "FRA", "GOV"),), recipient=(), date=None, place=None, aux=aux,
                 evidence=evid, rule="en:test", confidence=confidence, language="en")


def test_plover_gsr_best_event_is_the_surest_news_event():
    events = [_event("AGREE", 0.8, 20), _event("ASSAULT", 0.9, 5, aux=("future",)), _event("CONSULT", 0.8, 10)]
    best = best_event(events)
    assert best is not None and best.type == "CONSULT"  # ASSAULT is not news; of equal ones the first told
    assert best_event([_event("AGREE", 0.9, 0, aux=("negated",))]) is None


def test_plover_gsr_joint_actors_compare_as_one_set():
    gold = GoldSentence("g", "text", "CONSULT", "CONSULT", frozenset({"RUS", "CHN"}), frozenset(), frozenset(),
                        True, None)
    ev = _event("CONSULT", 0.8, 0)
    right = Outcome(gold, ev, actors=frozenset({"RUS"}), recipients=frozenset({"CHN"}))
    wrong = Outcome(gold, ev, actors=frozenset({"RUS"}), recipients=frozenset())
    assert right.actor_right and right.recipient_right
    assert not wrong.actor_right and not wrong.recipient_right


def test_plover_gsr_figures_on_the_fixture(gold_file, knowledge):
    report = evaluate("plover-gsr", gold_file, knowledge)
    f = report.figures
    assert f["coverage"] == 0.8  # nothing coded in the weather sentence
    assert f["type_accuracy"] == 0.75  # 3 of the 4 sentences with a type (sanctions are not an assault)
    assert f["type_accuracy_all"] == 0.6
    assert f["actor_country_accuracy"] == 1.0  # the UN matches the gold IGO; Russia+China the joint pair
    assert f["recipient_country_accuracy"] == 1.0
    assert f["actor_sector_accuracy"] == 1.0
    # REQUEST, CONSULT, ACCUSE right (F1 1); AGREE and ASSAULT missed, SANCTION false (F1 0)
    assert f["macro_f1"] == 0.5
    text = "\n".join(report.lines)
    assert "confusion" in text and "T-4" in text and "T-5" in text
    assert "T-1:" not in text  # right sentences are not listed


def test_plover_gsr_cli_json(gold_file):
    result = CliRunner().invoke(app, ["eval", "--format", "plover-gsr", str(gold_file), "--json"])
    assert result.exit_code == 0, result.output
    figures_out = json.loads(result.output.strip().splitlines()[-1])
    for key in ("type_accuracy", "macro_f1", "actor_country_accuracy", "recipient_country_accuracy", "coverage"):
        assert key in figures_out


def test_plover_gsr_figures_of_nothing():
    assert figures([])["type_accuracy"] == 0.0

"""The command line, end to end on small articles written for these tests."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annalist.cli import app
from annalist.store import Store

runner = CliRunner()

SUMMIT_IT = (" date 2024-03 Il presidente francese e il cancelliere tedesco si sono incontrati a Berlino "
             "il 5 marzo. La Francia aiuterà la Germania a costruire nuovi impianti solari.\n")
SUMMIT_EN = (" date 2024-03-06 The French president met the German chancellor in Berlin on March 5. "
             "France will help Germany build new solar plants, the French president said.\n")


def _write_corpus(tmp: Path) -> Path:
    d = tmp / "in"
    d.mkdir()
    (d / "a_it.txt").write_text(SUMMIT_IT, encoding="utf-8")
    (d / "b_en.txt").write_text(SUMMIT_EN, encoding="utf-8")
    (d / "c_empty.txt").write_text("   \n", encoding="utf-8")
    (d / "d_binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 40)
    lines = [
        json.dumps({"text": "Il governo italiano ha condannato la Russia.", "published": "2024-03-07"}),
        "{not json",
        json.dumps({"title": "no text here"}),
    ]
    (d / "e.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def _stored(tmp: Path) -> Path:
    """The test corpus run into a new store; the store's path."""
    db = tmp / "t.duckdb"
    runner.invoke(app, ["run", str(_write_corpus(tmp)), "--db", str(db), "--quiet"])
    return db


def _json_rows(args: list[str]) -> list[dict]:
    return [json.loads(x) for x in runner.invoke(app, args).output.splitlines() if x.startswith("{")]


def test_cli_run_reports_bad_inputs_and_keeps_going(tmp_path):
    corpus = _write_corpus(tmp_path)
    db = tmp_path / "t.duckdb"
    result = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    assert result.exit_code == 3, result.output
    out = result.output
    assert "c_empty.txt" in out and "empty" in out
    assert "d_binary.txt" in out and "not text" in out
    assert re.search(r"e\.jsonl.*line 2", out)
    assert re.search(r"e\.jsonl.*line 3", out)
    with Store(str(db)) as store:
        assert len(store.documents()) == 3
        assert len(store.errors()) == 4


def test_cli_run_twice_adds_nothing(tmp_path):
    corpus = _write_corpus(tmp_path)
    db = tmp_path / "t.duckdb"
    runner.invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    with Store(str(db)) as store:
        before = (len(store.documents()), len(store.events()), len(store.fused_events()))
    second = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    assert "0 new" in second.output
    with Store(str(db)) as store:
        assert (len(store.documents()), len(store.events()), len(store.fused_events())) == before


def test_cli_summit_told_twice_is_one_fused_event(tmp_path):
    corpus = _write_corpus(tmp_path)
    db = tmp_path / "t.duckdb"
    runner.invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    result = runner.invoke(app, ["events", "--db", str(db), "--fused", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    consult = [r for r in rows if r["type"] == "CONSULT"]
    assert len(consult) == 1
    assert consult[0]["sources"] == 2
    assert consult[0]["date"] == "2024-03-05"
    assert consult[0]["place"] == "Berlin"
    agree = [r for r in rows if r["type"] == "AGREE"]
    assert len(agree) == 1 and agree[0]["sources"] == 2
    assert agree[0]["actor"].startswith("FRA") and agree[0]["recipient"].startswith("DEU")


def test_cli_export_plover_jsonl(tmp_path):
    corpus = _write_corpus(tmp_path)
    db = tmp_path / "t.duckdb"
    runner.invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "plover-jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records
    for rec in records:
        assert {"id", "date", "event", "mode", "context", "actor", "recipient", "event_loc",
                "event_text", "text", "text_info", "cite_info", "annalist"} <= set(rec)
        start, end = rec["text_info"]["start"], rec["text_info"]["end"]
        assert rec["text"][start:end] == rec["event_text"]
    fused = runner.invoke(app, ["export", "--db", str(db), "--fused", "-o", "-"])
    lines = [json.loads(x) for x in fused.output.splitlines() if x.startswith("{")]
    assert any(len(rec["sources"]) == 2 for rec in lines)


@pytest.mark.parametrize("command", ["run", "runs", "errors", "events", "stories", "story", "actors", "show",
                                     "explain", "export", "eval", "knowledge"])
def test_cli_every_command_has_help_and_is_documented(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    docs = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"annalist {command}" in docs


def test_cli_events_without_store_says_how_to_fix(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "annalist run" in result.output


def test_cli_knowledge_coverage_lists_every_language():
    result = runner.invoke(app, ["knowledge"])
    assert result.exit_code == 0, result.output
    for lang in ("it", "en"):
        assert lang in result.output
    assert "16/16" in result.output


def test_cli_knowledge_lookup_shows_entities_triggers_and_dates():
    result = runner.invoke(app, ["knowledge", "lookup", "Il presidente francese non ha incontrato il "
                                 "cancelliere tedesco il 5 marzo", "--lang", "it", "--date", "2024-03"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "FRA" in out and "DEU" in out and "CONSULT" in out
    assert "2024-03-05" in out and "negated" in out


def test_cli_knowledge_lookup_unknown_language_is_a_usage_error():
    result = runner.invoke(app, ["knowledge", "lookup", "x", "--lang", "xx"])
    assert result.exit_code == 2
    assert "no pack" in result.output


def test_cli_explain_marks_the_parts_of_the_sentence():
    result = runner.invoke(app, ["explain", "Il presidente francese e il cancelliere tedesco si sono incontrati "
                                 "a Berlino il 5 marzo.", "--date", "2024-03-06"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "CONSULT/visit" in out
    assert "[incontrati]" in out and "{presidente francese}" in out and "<cancelliere tedesco>" in out
    assert "(Berlino)" in out and "2024-03-05 (day)" in out and "it:consult-incontrare" in out


def test_cli_explain_says_why_a_promise_is_agree():
    result = runner.invoke(app, ["explain", "La Francia aiuterà la Germania a costruire impianti solari.",
                                 "--date", "2024-03-06"])
    assert result.exit_code == 0
    assert "AGREE" in result.output and "intent" in result.output


def test_cli_show_and_min_confidence(tmp_path):
    db = _stored(tmp_path)
    rows = _json_rows(["events", "--db", str(db), "--format", "json"])
    assert rows
    shown = runner.invoke(app, ["show", rows[0]["id"][:8], "--db", str(db)])
    assert shown.exit_code == 0 and rows[0]["type"] in shown.output and "rule:" in shown.output
    high = runner.invoke(app, ["events", "--db", str(db), "--format", "json", "--min-confidence", "0.99"])
    assert [x for x in high.output.splitlines() if x.startswith("{")] == []
    missing = runner.invoke(app, ["show", "nope", "--db", str(db)])
    assert missing.exit_code == 2


def test_cli_article_in_a_language_without_a_pack_is_reported(tmp_path):
    article = tmp_path / "nl.txt"
    article.write_text(" date 2024-05-02 De Franse president heeft de Duitse bondskanselier in Berlijn ontmoet. "
                       "Nederland zal Duitsland helpen met de bouw van windparken op zee.\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(article), "--db", str(tmp_path / "t.duckdb"), "--quiet"])
    assert result.exit_code == 0
    assert "P001" in result.output and "'nl'" in result.output


def test_cli_story_shows_brief_timeline_discrepancies_and_sources(tmp_path):
    db = _stored(tmp_path)
    (summit,) = [s for s in _json_rows(["stories", "--db", str(db), "--format", "json"]) if s["documents"] == 2]
    shown = runner.invoke(app, ["story", summit["id"][:6], "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    out = shown.output
    for heading in ("Brief", "Timeline", "Discrepancies", "Sources"):
        assert heading in out
    assert "2024-03-05  CONSULT" in out and "a_it.txt" in out and "b_en.txt" in out
    assert "Berlino" in out and "Berlin" in out  # the brief cites both languages as written
    detail = json.loads(runner.invoke(app, ["story", summit["id"], "--db", str(db), "-f", "json"]).output)
    assert detail["id"] == summit["id"] and len(detail["documents"]) == 2
    assert 3 <= len(detail["brief"]) <= 5
    assert {b["document"] for b in detail["brief"]} == {d["id"] for d in detail["documents"]}
    consult = [f for f in detail["timeline"] if f["type"] == "CONSULT"]
    assert consult[0]["support"] == 2 and consult[0]["place"]["name"] == "Berlin"
    missing = runner.invoke(app, ["story", "zzzz", "--db", str(db)])
    assert missing.exit_code == 2 and "annalist stories" in missing.output


def test_cli_actors_lists_each_person_once_with_the_names_given(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(" date 2025-06-03 South Korea's foreign minister Park Min-jae criticised "
                                  "Japan on Monday.\n", encoding="utf-8")
    (corpus / "b.txt").write_text(" date 2025-06-03 Il ministro degli Esteri sudcoreano Park Min Jae ha "
                                  "criticato il Giappone lunedì.\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    runner.invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    rows = _json_rows(["actors", "--db", str(db), "--format", "json"])
    (park,) = [r for r in rows if "Park Min-jae" in r["aliases"]]
    assert park["documents"] == 2 and park["country"] == "KOR" and "Park Min Jae" in park["aliases"]


def test_cli_run_reads_a_table_with_a_delimiter_typed_as_an_escape(tmp_path):
    table = tmp_path / "rows.dat"
    table.write_text("text\tpublished\nIl governo italiano ha condannato la Russia.\t2024-03-07\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ok = runner.invoke(app, ["run", str(table), "--format", "csv", "--delimiter", "\\t", "--db", str(db), "--quiet"])
    assert ok.exit_code == 0, ok.output
    with Store(str(db)) as store:
        assert [d.published.iso() for d in store.documents() if d.published] == ["2024-03-07"]
    bad = runner.invoke(app, ["run", str(table), "--delimiter", ";;", "--db", str(db), "--quiet"])
    assert bad.exit_code == 2 and "C008" in bad.output

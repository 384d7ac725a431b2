"""The KIND-style NER evaluator on tiny TSV files written for these tests."""

import json

import pytest
from typer.testing import CliRunner

from annalist.cli import app
from annalist.evaluate import EVALUATORS, evaluate
from annalist.evaluate.kind import (
    KindFormatError,
    Scores,
    bio_spans,
    detokenise,
    documents,
    read_kind,
    to_token_spans,
)
from annalist.knowledge.packs import load_knowledge

SENTENCES = [
    # a headline, then the article
    [("Calciatore", "O"), ("lascia", "O"), ("la", "O"), ("Pantera", "B-ORG"), ("Calcio", "I-ORG")],
    [("Il", "O"), ("calciatore", "O"), ("Marco", "B-PER"), ("Ferri", "I-PER"), ("ha", "O"), ("lasciato", "O"),
     ("la", "O"), ("Pantera", "B-ORG"), ("Calcio", "I-ORG"), ("per", "O"), ("trasferirsi", "O"), ("a", "O"),
     ("Lione", "B-LOC"), (".", "O")],
    [("Ferri", "B-PER"), ("ha", "O"), ("salutato", "O"), ("i", "O"), ("tifosi", "O"), ("dell'", "O"),
     ("università", "B-ORG"), ("di", "I-ORG"), ("Pavia", "I-ORG"), (".", "O")],
]


def write_tsv(path, sentences):
    path.write_text("\n\n".join("\n".join(f"{t}\t{g}" for t, g in s) for s in sentences) + "\n", encoding="utf-8")
    return path


def test_kind_reader_reads_sentences_with_their_lines(tmp_path):
    sents = read_kind(write_tsv(tmp_path / "gold.tsv", SENTENCES))
    assert [len(s.tokens) for s in sents] == [5, 14, 10]
    assert sents[1].line == 7 and sents[1].tokens[2] == "Marco"
    assert sents[1].spans() == {(2, 4, "PER"), (7, 9, "ORG"), (12, 13, "LOC")}


@pytest.mark.parametrize("bad,code", [("Roma B-LOC", "E010"), ("Roma\tB-LOC\textra", "E010"),
                                      ("Roma\tLOC", "E011"), ("\tO", "E010")])
def test_kind_reader_names_the_malformed_line(tmp_path, bad, code):
    path = tmp_path / "bad.tsv"
    path.write_text(f"Il\tO\nsindaco\tO\n{bad}\n", encoding="utf-8")
    with pytest.raises(KindFormatError, match=rf"\[{code}\].*line 3"):
        read_kind(path)


@pytest.mark.parametrize("tags,spans", [
    (["B-PER", "I-PER", "O", "B-LOC"], {(0, 2, "PER"), (3, 4, "LOC")}),
    (["I-ORG", "I-ORG", "O"], {(0, 2, "ORG")}),  # CoNLL: an I- that continues nothing starts an entity
    (["B-PER", "B-PER"], {(0, 1, "PER"), (1, 2, "PER")}),
    (["B-LOC", "I-ORG"], {(0, 1, "LOC"), (1, 2, "ORG")}),
    (["B-MISC", "O"], set()),  # labels other than PER, LOC, ORG are not scored
])
def test_kind_bio_spans(tags, spans):
    assert bio_spans(tags) == spans


@pytest.mark.parametrize("tokens,text", [
    (["Il", "sindaco", "dell'", "università", ",", "ieri", "."], "Il sindaco dell'università, ieri."),
    (["Disse", ":", '"', "basta", '"', "(", "oggi", ")"], 'Disse: "basta" (oggi)'),
    (["«", "Sì", "»", ",", "rispose"], "«Sì», rispose"),
])
def test_kind_detokenise_joins_like_text(tokens, text):
    got, offsets = detokenise(tokens)
    assert got == text
    assert [got[a:b] for a, b in offsets] == tokens


def test_kind_character_spans_map_back_to_tokens():
    text, offsets = detokenise(["La", "Banca", "d'", "Italia", "a", "Roma"])
    assert text == "La Banca d'Italia a Roma"
    assert to_token_spans([(3, 17, "ORG"), (20, 24, "LOC")], offsets) == {(1, 4, "ORG"), (5, 6, "LOC")}


def test_kind_documents_start_at_headlines_but_not_at_section_headings(tmp_path):
    sents = read_kind(write_tsv(tmp_path / "gold.tsv", [
        [("Nuovo", "O"), ("ponte", "O"), ("inaugurato", "O"), ("sul", "O"), ("fiume", "O")],
        [("Il", "O"), ("ponte", "O"), ("è", "O"), ("aperto", "O"), (".", "O")],
        [("Reazioni", "O")],  # a section heading: the same article
        [("Tutti", "O"), ("contenti", "O"), (".", "O")],
        [("Sciopero", "O"), ("dei", "O"), ("treni", "O"), ("in", "O"), ("tutta", "O"), ("la", "O"), ("regione", "O")],
        [("Treni", "O"), ("fermi", "O"), (".", "O")],
    ]))
    assert documents(sents) == [[0, 1, 2, 3], [4, 5]]


def test_kind_scores_count_exact_spans_and_confusions():
    scores = Scores()
    gold = {(0, 2, "PER"), (3, 4, "LOC"), (5, 7, "ORG"), (8, 9, "ORG")}
    system = {(0, 2, "PER"), (3, 4, "ORG"), (5, 6, "ORG"), (10, 11, "LOC")}
    misses, false = scores.add(gold, system)
    assert scores.tp == {"PER": 1}
    assert misses == [(3, 4, "LOC"), (5, 7, "ORG"), (8, 9, "ORG")]
    assert false == [(3, 4, "ORG"), (5, 6, "ORG"), (10, 11, "LOC")]
    assert scores.confusion[("LOC", "ORG")] == 1  # same span, other label
    assert scores.confusion[("ORG", "O")] == 2  # no system entity on these spans
    assert scores.confusion[("O", "LOC")] == 1 and scores.confusion[("O", "ORG")] == 1
    assert scores.boundary == 1  # (5, 6) overlaps (5, 7)
    figures = scores.figures()
    assert figures["per_f1"] == 1.0 and figures["loc_f1"] == 0.0
    assert figures["precision"] == 0.25 and figures["recall"] == 0.25


def test_kind_evaluator_is_registered_and_scores_a_small_file(tmp_path):
    assert "kind" in EVALUATORS
    report = evaluate("kind", write_tsv(tmp_path / "gold.tsv", SENTENCES), load_knowledge(("it",)))
    for key in ("per_precision", "per_recall", "per_f1", "loc_f1", "org_f1", "f1"):
        assert 0.0 <= report.figures[key] <= 1.0, key
    assert report.figures["per_f1"] == 1.0
    assert report.figures["loc_f1"] == 1.0
    assert report.figures["org_f1"] == 1.0
    assert any("confusion" in line for line in report.lines)


def test_kind_cli_prints_the_table_and_json(tmp_path):
    path = write_tsv(tmp_path / "gold.tsv", SENTENCES)
    result = CliRunner().invoke(app, ["eval", "--format", "kind", str(path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert {"per_f1", "loc_f1", "org_f1", "per_precision", "per_recall"} <= set(figures)
    assert "confusion" in result.output


def test_kind_cli_reports_a_malformed_file(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("Roma LOC\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--format", "kind", str(path)])
    assert result.exit_code != 0

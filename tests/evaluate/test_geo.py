"""Geoparsing and event-location scoring on small files written for these tests."""

import json
from pathlib import Path

import pytest

from annalist.evaluate import evaluate
from annalist.evaluate.event_location import read_event_locations
from annalist.evaluate.geoxml import read_geoxml
from annalist.knowledge.packs import load_knowledge

DATA = Path(__file__).parent / "data"


def test_geoxml_reads_geovirus_and_moves_offsets_onto_the_name():
    (art,) = read_geoxml(DATA / "geo_sample.xml")
    assert [art.text[g.start:g.end] for g in art.toponyms] == ["Pandi", "Bulacan", "Texas", "Georgia"]


def test_geoxml_reads_gwn_and_leaves_out_non_toponyms():
    (art,) = read_geoxml(DATA / "gwn_sample.xml")
    assert [g.name for g in art.toponyms] == ["Mombasa", "Russian", "Nairobi"]  # the demonym is no toponym
    assert art.toponyms[0].lat == -4.05


def test_geoxml_scores_recognition_and_resolution():
    report = evaluate("geoxml", DATA / "geo_sample.xml", load_knowledge())
    f = report.figures
    # "Pandi, Bulacan" is found inside Bulacan; Georgia in a text about Texas is the US state
    assert f["acc_161km"] == 1.0 and f["median_km"] < 161
    assert f["toponym_recall"] == 1.0
    assert set(f) >= {"toponym_f1", "acc_161km", "mean_km", "median_km", "auc"}


def test_geoxml_bad_file_says_what_it_wants(tmp_path):
    bad = tmp_path / "x.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(ValueError, match="E041"):
        read_geoxml(bad)


def _record(text, verb, locations):
    tokens, pos = [], 0
    for k, word in enumerate(text.split(" ")):
        tokens.append({"text": word, "start": pos, "end": pos + len(word), "id": k})
        pos += len(word) + 1
    spans = [{"label": "VERB", "token_start": verb, "token_end": verb, "start": 0, "end": 0}]
    spans += [{"label": "LOCATION", "token_start": a, "token_end": b, "start": 0, "end": 0} for a, b in locations]
    return {"text": text, "tokens": tokens, "spans": spans, "_id": len(text)}


def test_event_location_reads_token_spans_and_scores_no_place(tmp_path):
    gold = [
        _record("Troops clashed with rebels in Goma on Monday .", 1, [(5, 5)]),
        _record("The minister said talks would go on .", 2, []),
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    records = read_event_locations(path)
    assert records[0].text[slice(*records[0].locations[0])] == "Goma"
    report = evaluate("event-location", path, load_knowledge())
    assert report.figures == {"event_place_accuracy": 1.0, "accuracy_with_place": 1.0, "accuracy_no_place": 1.0}

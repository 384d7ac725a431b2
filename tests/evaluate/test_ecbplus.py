"""The ECB+ reader and the clustering scores, on folders written by the tests."""

import pytest

from annalist.evaluate.ecbplus import (
    bcubed,
    detokenize,
    event_coreference,
    pairwise_f1,
    read_ecbplus,
    topics_split,
)
from annalist.model import Event, Evidence, FusedEvent


def _write(folder, name, sentences, markables=""):
    tokens = []
    t = 1
    for s, words in enumerate(sentences):
        for n, w in enumerate(words):
            tokens.append(f'<token t_id="{t}" sentence="{s}" number="{n}">{w}</token>')
            t += 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f'<Document doc_name="{name}">\n' + "\n".join(tokens) + f"\n{markables}</Document>",
                               encoding="utf-8")


def test_reader_gives_each_document_its_topic_and_event(tmp_path):
    _write(tmp_path / "ECB+" / "3", "3_1ecb.xml", [["A", "storm", "hit", "Vorkalla", "."]])
    _write(tmp_path / "ECB+" / "3", "3_2ecbplus.xml", [["``", "It", "'s", "over", "''", ",", "he", "said", "."]])
    _write(tmp_path / "ECB+" / "30", "30_1ecb.xml", [["Outside", "the", "topics", "read", "."]])
    docs = read_ecbplus(tmp_path, topics={3})
    assert [(d.id, d.topic, d.kind, d.gold) for d in docs] == [
        ("3_1ecb", 3, "ecb", "3:ecb"), ("3_2ecbplus", 3, "ecbplus", "3:ecbplus")]
    assert docs[0].text == "A storm hit Vorkalla."
    assert docs[1].text == "“It's over”, he said."


def test_a_folder_without_documents_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="E053"):
        read_ecbplus(tmp_path)


def test_bcubed_and_pairwise_scores():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert bcubed(gold, {"a": "x", "b": "x", "c": "y", "d": "y"}) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed(gold, {"a": "x", "b": "x", "c": "x", "d": "x"})
    assert p == 0.5 and r == 1.0
    assert pairwise_f1(gold, {"a": "x", "b": "y", "c": "z", "d": "w"}) == 0.0
    assert detokenize([["Hello", ",", "world", "!"]]) == "Hello, world!"


def test_a_topic_is_split_when_its_two_events_lead_different_stories(tmp_path):
    _write(tmp_path / "1", "1_1ecb.xml", [["x"]])
    _write(tmp_path / "1", "1_2ecb.xml", [["x"]])
    _write(tmp_path / "1", "1_3ecbplus.xml", [["x"]])
    docs = read_ecbplus(tmp_path, topics={1})
    assert topics_split(docs, {"1_1ecb": "s", "1_2ecb": "s", "1_3ecbplus": "t"}) == (1, 1)
    assert topics_split(docs, {"1_1ecb": "s", "1_2ecb": "s", "1_3ecbplus": "s"}) == (0, 1)


_CHAIN = ('<Markables><ACTION_OCCURRENCE m_id="5"><token_anchor t_id="3"/></ACTION_OCCURRENCE>'
          '<ACTION_OCCURRENCE m_id="6"><token_anchor t_id="1"/></ACTION_OCCURRENCE></Markables>'
          '<Relations><CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="5"/><target m_id="9"/>'
          '</CROSS_DOC_COREF><CROSS_DOC_COREF r_id="2" note="HUM7"><source m_id="6"/><target m_id="8"/>'
          '</CROSS_DOC_COREF></Relations>')


def _coded(eid, doc, start, end):
    return Event(id=eid, doc_id=doc, type="ASSAULT", mode=None, context=(), actor=(), recipient=(),
                 date=None, place=None, aux=(), evidence=Evidence(doc, 0, 0, 40, start, end, "x"),
                 rule="t", confidence=0.5, language="en")


def test_event_coreference_scores_the_annotated_action_mentions(tmp_path):
    _write(tmp_path / "1", "1_1ecb.xml", [["Rebels", "have", "shelled", "Vorkalla", "."]], _CHAIN)
    _write(tmp_path / "1", "1_2ecb.xml", [["Rebels", "have", "shelled", "Tervandi", "."]], _CHAIN)
    _write(tmp_path / "1", "1_3ecbplus.xml", [["Rebels", "have", "shelled", "Orsk", "."]], _CHAIN)
    docs = read_ecbplus(tmp_path, topics={1})
    # only the action of the chain is kept, as the span of its token in the text
    assert [(d.text[a:b], chain) for d in docs for a, b, chain in d.actions] == [("shelled", "ACT1")] * 3
    events = [_coded("e1", "1_1ecb", 12, 19), _coded("e2", "1_2ecb", 12, 19), _coded("e3", "1_3ecbplus", 0, 6)]
    fused = [FusedEvent("f", "ASSAULT", None, (), (), (), (), None, None, ("e1", "e2"), ("1_1ecb", "1_2ecb"))]
    (p, r, f), coverage = event_coreference(docs, events, fused)
    assert coverage == 2 / 3  # the third document's event covers another word
    assert p == 1.0 and r == (2 / 3 + 2 / 3 + 1 / 3) / 3

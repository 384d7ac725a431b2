"""The ECB+ reader and the clustering scores, on folders written by the tests."""

import pytest

from annalist.evaluate.ecbplus import bcubed, detokenize, pairwise_f1, read_ecbplus, topics_split


def _write(folder, name, sentences):
    tokens = []
    t = 1
    for s, words in enumerate(sentences):
        for n, w in enumerate(words):
            tokens.append(f'<token t_id="{t}" sentence="{s}" number="{n}">{w}</token>')
            t += 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f'<Document doc_name="{name}">\n' + "\n".join(tokens) + "\n<Markables/></Document>",
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

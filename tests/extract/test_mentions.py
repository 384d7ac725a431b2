"""Dictionary matching of mentions (find_hits) on phrases written for these tests."""

from annalist.extract.mentions import find_hits
from annalist.knowledge.packs import load_knowledge


def test_a_nationality_joined_to_a_word_of_origin_is_no_actor():
    pack = load_knowledge().packs["en"]
    hits = find_hits("Russian-made rockets and Russian-backed forces", pack)
    demonyms = [h for h in hits if h.first("demonym")]
    assert len(demonyms) == 1 and demonyms[0].start == len("Russian-made rockets and ")

"""Story clustering on articles written for these tests: the same situation across articles
and languages is one story; the same kind of event about other people is another."""

from annalist.model import Document, PartialDate
from annalist.pipeline import process_document
from annalist.resolve.fusion import fuse_events
from annalist.resolve.stories import cluster_stories, document_keys

ARTICLES = {
    # one story: a singer's arrest, told four ways (two languages)
    "a1": ("en", "2024-05-02", "Singer Marla Voss was arrested in Lyon on Tuesday after a fight at a hotel. "
                               "Police said Voss, 34, was released on bail of 2,500 euros."),
    "a2": ("en", "2024-05-02", "Marla Voss, the pop singer, spent a night in custody in Lyon. Her lawyer "
                               "Denis Arnaud said the 2,500 euros bail was paid."),
    "a3": ("it", "2024-05-03", "La cantante Marla Voss è stata arrestata a Lione dopo una rissa in un albergo. "
                               "L'avvocato Denis Arnaud ha pagato la cauzione di 2.500 euro."),
    "a4": ("en", "2024-05-03", "Voss thanked her fans after her arrest in Lyon. Denis Arnaud said she would "
                               "not comment further."),
    # the same kind of event, another singer, another city: another story
    "b1": ("en", "2024-05-04", "Singer Oskar Lindqvist was arrested in Gothenburg on Friday after a fight at "
                               "a bar. Police said Lindqvist, 41, was held overnight."),
    "b2": ("en", "2024-05-04", "Oskar Lindqvist spent a night in custody in Gothenburg; his manager Eva Sjoberg "
                               "said the singer regretted the fight."),
    "b3": ("en", "2024-05-05", "Eva Sjoberg said Lindqvist would cancel two concerts after his arrest in "
                               "Gothenburg."),
}


def _run(articles):
    docs, events, keys = [], [], {}
    for doc_id, (lang, published, text) in articles.items():
        result = process_document(Document(id=doc_id, text=text, language=lang,
                                           published=PartialDate.parse(published)))
        docs.append(result.document)
        events.extend(result.events)
        keys[doc_id] = result.keys
    fused = fuse_events([e for e in events if e.is_news])
    stories, _ = cluster_stories(docs, events, fused, keys)
    return stories


def test_one_situation_is_one_story_and_another_of_its_kind_is_another():
    stories = _run(ARTICLES)
    groups = sorted(tuple(s.documents) for s in stories)
    assert groups == [("a1", "a2", "a3", "a4"), ("b1", "b2", "b3")]


def test_stories_do_not_depend_on_the_order_of_documents():
    forward = _run(ARTICLES)
    backward = _run(dict(reversed(list(ARTICLES.items()))))
    assert sorted(s.id for s in forward) == sorted(s.id for s in backward)


def test_documents_far_apart_in_time_are_not_one_story():
    far = dict(ARTICLES)
    far["a4"] = ("en", "2025-02-01", ARTICLES["a4"][2])
    stories = _run(far)
    assert not any({"a1", "a4"} <= set(s.documents) for s in stories)


def test_keys_are_names_places_and_numbers_in_any_language():
    en = process_document(Document(id="e", text=ARTICLES["a1"][2], language="en")).keys
    it = process_document(Document(id="i", text=ARTICLES["a3"][2], language="it")).keys
    assert "n:marla voss" in en and "n:marla voss" in it
    assert "n:voss" in en  # a person also by surname
    shared_places = {k for k in en if k.startswith("p:")} & {k for k in it if k.startswith("p:")}
    assert shared_places  # Lyon and Lione are one place
    assert "m:2500" in it and "m:2500" in en  # "2.500" and "2,500" are one number
    assert document_keys("", []) == ()


def test_two_documents_alone_in_a_store_are_one_story():
    # with two documents every shared key is in all of them: rarity must not cancel it
    stories = _run({k: ARTICLES[k] for k in ("a1", "a3")})
    assert [s.documents for s in stories] == [("a1", "a3")]


def test_brief_has_three_to_five_sentences_each_from_a_document_of_the_story():
    articles = {k: v for k, v in ARTICLES.items() if k.startswith("a")}
    story = _run(articles)[0]
    assert 3 <= len(story.brief) <= 5
    for doc, sentence in story.brief:
        assert sentence in " ".join(articles[doc][2].split())
    assert len({sentence for _, sentence in story.brief}) == len(story.brief)

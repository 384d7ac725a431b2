"""Actor linking across documents, on names made up for these tests."""

from annalist.model import Actor, Document, Event, Evidence, PartialDate
from annalist.pipeline import process_document
from annalist.knowledge.names import name_key
from annalist.resolve.actors import canonical_events, link_actors
from annalist.resolve.fusion import fuse_events


def _event(eid: str, doc: str, *actors: Actor, etype: str = "ACCUSE", start: int = 0) -> Event:
    return Event(
        id=eid, doc_id=doc, type=etype, mode=None, context=(), actor=actors, recipient=(),
        date=PartialDate(2025, 6, 2), place=None, aux=(),
        evidence=Evidence(doc, 0, 0, 10, start, start + 5, "said"), rule="t", confidence=0.8, language="en",
    )


def _person(name: str, country: str | None, office: str | None = None) -> Actor:
    return Actor(name, country, "GOV", office)


def _groups(actors) -> list[tuple[str, ...]]:
    return sorted(a.aliases for a in actors)


def test_spellings_of_one_name_are_one_actor():
    events = [
        _event("a", "d1", _person("Park Min-jae", "KOR")),
        _event("b", "d2", _person("Park Min Jae", "KOR")),
        _event("c", "d3", _person("Sergei Dorokhov", "RUS")),
        _event("d", "d4", _person("Sergey Dorokhov", "RUS")),
        _event("e", "d5", _person("Pàrk Min-Jaé", "KOR")),
    ]
    actors = link_actors(events)
    assert _groups(actors) == [("Park Min Jae", "Park Min-jae", "Pàrk Min-Jaé"), ("Sergei Dorokhov", "Sergey Dorokhov")]
    park = [a for a in actors if a.country == "KOR"][0]
    assert park.documents == ("d1", "d2", "d5")


def test_a_surname_alone_joins_the_one_person_of_its_country_it_names():
    events = [
        _event("a", "d1", _person("Park Min-jae", "KOR", "Foreign Minister")),
        _event("b", "d2", _person("Park", "KOR")),  # "the minister Park", in a document that names no one else
    ]
    assert _groups(link_actors(events)) == [("Park", "Park Min-jae")]


def test_one_family_name_two_people_kept_apart_by_given_name_office_and_country():
    events = [
        _event("a", "d1", _person("Park Min-jae", "KOR", "Foreign Minister")),
        _event("b", "d2", _person("Park Seo-yeon", "KOR", "Prime Minister")),
        _event("c", "d3", _person("Park", "KOR", "Prime Minister")),  # the office tells which
        _event("d", "d4", _person("Park", "KOR")),  # which of the two: nothing says
        _event("e", "d5", _person("Park Min-jae", "PRK")),  # another country, another person
    ]
    actors = link_actors(events)
    assert _groups(actors) == [("Park",), ("Park", "Park Seo-yeon"), ("Park Min-jae",), ("Park Min-jae",)]
    assert {a.country for a in actors if a.aliases == ("Park Min-jae",)} == {"KOR", "PRK"}


def test_a_name_without_country_joins_the_one_actor_it_matches():
    events = [
        _event("a", "d1", _person("Ilse Marten", "DEU")),
        _event("b", "d2", _person("Ilse Marten", None)),
    ]
    (only,) = link_actors(events)
    assert only.country == "DEU" and only.documents == ("d1", "d2")


def test_linking_is_incremental_and_ids_are_kept():
    first = [_event("a", "d1", _person("Park Min-jae", "KOR"))]
    stored = link_actors(first)
    later = link_actors(first + [_event("b", "d2", _person("Park Min Jae", "KOR"))], stored)
    assert [a.id for a in later] == [a.id for a in stored]
    assert later[0].aliases == ("Park Min Jae", "Park Min-jae")
    assert link_actors(first + [_event("b", "d2", _person("Park Min Jae", "KOR"))], later) == later


def test_canonical_names_let_fused_events_name_one_person_once():
    events = [
        _event("a", "d1", _person("Park Min-jae", "KOR")),
        _event("b", "d2", _person("Park Min Jae", "KOR")),
        _event("c", "d2", _person("Park Min Jae", "KOR")),
    ]
    actors = link_actors(events)
    (fused,) = fuse_events(canonical_events(events, actors))
    assert len(fused.actor_names) == 1
    assert all(a.id == actors[0].id for e in canonical_events(events, actors) for a in e.actor)


def test_articles_in_two_languages_name_one_minister():
    texts = {
        "en": "South Korea's foreign minister Park Min-jae criticised Japan on Monday.",
        "it": "Il ministro degli Esteri sudcoreano Park Min Jae ha criticato il Giappone lunedì.",
    }
    events = []
    for lang, text in texts.items():
        doc = Document(id=lang, text=text, language=lang, published=PartialDate(2025, 6, 3))
        events.extend(process_document(doc).events)
    linked = [a for a in link_actors(events) if "Park Min-jae" in a.aliases]
    assert len(linked) == 1 and linked[0].documents == ("en", "it") and linked[0].country == "KOR"


def test_name_keys_drop_accents_case_and_punctuation():
    assert name_key("Pàrk Min-Jaé") == name_key("park min jae") == "park min jae"

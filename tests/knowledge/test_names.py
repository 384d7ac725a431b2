"""Transliteration variants of a person's name come to one key and one actor."""

import pytest

from annalist.knowledge.names import name_key
from annalist.knowledge.packs import load_knowledge
from annalist.model import Document, PartialDate
from annalist.pipeline import process_document


@pytest.mark.parametrize("a,b", [
    ("Wolodymyr Selenskyj", "Volodymyr Zelensky"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
    ("Aleksandr Petrov", "Alexander Petrov"),
    ("Ahn Ji-hoon", "Ahn Ji Hoon"),
    ("José Álvarez", "Jose Alvarez"),
    ("Mohamed Salah", "Muhammad Salah"),
])
def test_names_variants_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", [("Alexander Petrov", "Alexandra Petrova"), ("Ahn Ji-hoon", "Ahn Ji-ho")])
def test_names_different_people_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_names_unlisted_transliteration_finds_the_notable_person():
    people = load_knowledge().people_named("Wolodymyr Zelenskyj")
    assert people and people[0].country == "UKR"


def test_names_transliteration_in_text_gives_the_actor_a_country():
    doc = Document(id="n", text="Wolodymyr Zelenskyj met the French president in Paris on 3 March.",
                   published=PartialDate(2024, 3, 4))
    (event,) = [e for e in process_document(doc).events if e.is_news]
    assert event.type == "CONSULT"
    assert event.actor_countries == ("UKR",) and event.recipient_countries == ("FRA",)

"""Date expressions in Italian and English, resolved against the publication date."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annalist.extract.dates import find_dates
from annalist.knowledge.packs import load_knowledge
from annalist.model import PartialDate
from annalist.text.tokens import tokenize


def dates(text, lang, published):
    pack = load_knowledge().packs[lang]
    pub = PartialDate.parse(published) if published else None
    return find_dates(tokenize(text, 0, len(text), lang), pack, pub)


@pytest.mark.parametrize("text,lang,published,expected", [
    ("È successo il 13 settembre.", "it", "2023-09", "2023-09-13"),
    ("Il primo lancio è del 28 aprile del 2016.", "it", "2023-09", "2016-04-28"),
    ("Arrivato martedì 12 settembre all'alba.", "it", "2023-09", "2023-09-12"),
    ("Il 28 dicembre c'era stato un incontro.", "it", "2024-01-10", "2023-12-28"),
    ("Firmato nel settembre 2021.", "it", "2024-01", "2021-09"),
    ("Firmato nel 2007.", "it", "2024-01", "2007"),
    ("They met on March 5.", "en", "2024-03-06", "2024-03-05"),
    ("They met on March 5, 2019.", "en", "2024-03-06", "2019-03-05"),
    ("They met on 25 June.", "en", "2024-06-26", "2024-06-25"),
    ("It was signed in September 2021.", "en", "2024-01", "2021-09"),
])
def test_dates_explicit_with_precision(text, lang, published, expected):
    found = [d for d in dates(text, lang, published) if not d.since]
    assert [d.date.iso() for d in found] == [expected]


@pytest.mark.parametrize("text,lang,published,expected", [
    ("L'incontro di oggi è andato bene.", "it", "2024-03-06", "2024-03-06"),
    ("Ieri il governo ha deciso.", "it", "2024-03-06", "2024-03-05"),
    ("Yesterday the government decided.", "en", "2024-03-06", "2024-03-05"),
    ("L'incontro odierno è andato bene.", "it", "2023-09", "2023-09"),
])
def test_dates_relative_words_use_the_publication_date(text, lang, published, expected):
    found = dates(text, lang, published)
    assert [d.date.iso() for d in found] == [expected]
    assert found[0].relative


def test_dates_since_marks_a_bound_not_an_event_date():
    found = dates("La prima visita dal 2019.", "it", "2024-05")
    assert len(found) == 1 and found[0].since


def test_dates_day_month_without_publication_gives_nothing():
    assert dates("È successo il 13 settembre.", "it", None) == []


def test_dates_offsets_point_into_the_text():
    text = "Arrivato martedì 12 settembre all'alba."
    (d,) = dates(text, "it", "2023-09")
    assert text[d.start:d.end] == "martedì 12 settembre"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 ,.-/") + ["settembre", " del ", "2016", "martedì ", "31"]),
                max_size=30).map("".join))
def test_dates_never_crash_and_stay_in_range(text):
    for d in dates(text, "it", "2023-09"):
        assert 1800 <= d.date.year <= 2199
        assert 0 <= d.start < d.end <= len(text)

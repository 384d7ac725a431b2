"""Where an event happened: the place its sentence ties to the trigger, on sentences written
for these tests."""

import pytest

from annalist.pipeline import place_for_span
from tests.extract.codehelp import make_helpers

code, news, one = make_helpers("en", "2024-03-04")


def _place(text: str, verb: str):
    start = text.index(verb)
    return place_for_span(text, start, start + len(verb), "en")


@pytest.mark.parametrize("text, verb, name", [
    ("Gunmen shot two guards in the village of Tervandi on Monday.", "shot", "Tervandi"),
    ("A grenade exploded on Thursday in the Tervandi municipality.", "exploded", "Tervandi"),
    ("Rebels captured Lubumbashi on Tuesday after a week of fighting.", "captured", "Lubumbashi"),
    ("The army captured the southwestern town of Tervandi on Friday.", "captured", "Tervandi"),
    ("US planes patrolled the skies in northern Iraq.", "patrolled", "Iraq"),
    ("A car bomb exploded in Iraq's northern city of Mosul.", "exploded", "Mosul"),
    ("Thousands of workers marched through Nairobi on Sunday.", "marched", "Nairobi"),
    ("Two soldiers were shot on the Tervandi Peninsula on Monday.", "shot", "Tervandi Peninsula"),
    ("A man was shot in the Shiite holy city of Qarsel.", "shot", "Qarsel"),
])
def test_the_place_tied_to_the_event(text, verb, name):
    place = _place(text, verb)
    assert place is not None and place.text == name


def test_a_name_only_its_words_call_a_place_has_no_coordinates():
    place = _place("Gunmen shot two guards in the village of Tervandi on Monday.", "shot")
    assert place.lat is None and place.country is None


def test_a_noun_before_a_city_name_does_not_make_it_an_object():
    # "a factory of X rockets": a name after a noun is no object of the verb
    assert _place("The leaders visited a factory of Lubumbashi rockets.", "visited") is None


def test_a_small_town_is_where_but_not_whom():
    # a town known only to the wide gazetteer places the event but does not make its country
    # the recipient: the students protested against their own government
    event = one("Kenyan students demonstrated in Zermatt on Monday.")
    assert event.place is not None and event.place.country == "CHE"
    assert event.recipient_countries == ("KEN",)


def test_an_ethnic_group_is_coded_by_the_country_it_lives_in():
    event = one("Serbian police killed three ethnic Albanians in southern Serbia on Friday.")
    assert event.recipient_countries == ("SRB",)

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
    ("Naval drones patrolled the coast in northern Chile.", "patrolled", "Chile"),
    ("A car bomb exploded in Kenya's northern city of Garissa.", "exploded", "Garissa"),
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


@pytest.mark.parametrize("text, verb, name", [
    # a name no dictionary knows, right after a place preposition
    ("Three guards were killed in Vorkalla on Sunday.", "killed", "Vorkalla"),
    ("Three guards were killed in Vorkalla", "killed", "Vorkalla"),  # the last word of a text
    # a named part of a known city: the part, not the city
    ("In the east Nairobi district of Vorkalla, a bomb killed two people.", "killed", "Vorkalla"),
    # "the X district of Y province": X is where, Y the wider place
    ("A farmer was shot in the Vorkalla district of Kandahar province.", "shot", "Vorkalla"),
    # a possessor and an adjective before the place
    ("A bomb exploded in Kenya's coastal city Mombasa.", "exploded", "Mombasa"),
    # text whose apostrophes were stripped
    ("A bomb exploded in Kenya s northern city of Garissa.", "exploded", "Garissa"),
    # a capital before a place noun says where the place is
    ("Six people were killed at the Nairobi bus station.", "killed", "Nairobi"),
    ("Shells hit a market and killed two traders on the edge of Kampala.", "killed", "Kampala"),
    # the capital seized is where, though it also stands for its government
    ("The rebels captured eastern Kinshasa after three days of fighting.", "captured", "Kinshasa"),
    # a share of a country is still the object; a strait named with its noun; a city's streets
    ("By May the rebels had captured much of Gabon.", "captured", "Gabon"),
    ("Two navies patrolled the Vorkalla Strait for a month.", "patrolled", "Vorkalla Strait"),
    ("Soldiers patrolled Nairobi's streets after the vote.", "patrolled", "Nairobi"),
    # a multi-word locative, an adjective after the preposition, a name with a lower-case particle
    ("A shell killed four people in the vicinity of Mombasa.", "killed", "Mombasa"),
    ("Police shot a driver in divided Mombasa on Friday.", "shot", "Mombasa"),
    ("Two soldiers were killed near the Wadi el-Harrat airport.", "killed", "Wadi el-Harrat"),
])
def test_more_places_the_sentence_ties_to_the_event(text, verb, name):
    place = _place(text, verb)
    assert place is not None and place.text == name


@pytest.mark.parametrize("text, verb", [
    # a country named before a noun is a modifier, not where
    ("Two drivers died in a U.S. drone strike on Sunday.", "died"),
    # an acronym that a city lists as an alternate name (an airport code) is not that city
    ("Four fighters died in the SDF offensive.", "died"),
])
def test_no_place_from_a_modifier(text, verb):
    assert _place(text, verb) is None


def test_the_object_of_a_promise_is_whom_not_where():
    # only deeds whose object can be where they happen (plover.tsv object_place) take it as place
    event = one("Russia will help Kinshasa build a dam.")
    assert event.place is None and event.recipient_countries == ("COD",)


def test_the_object_of_a_deed_is_both_place_and_recipient():
    event = one("Rebels shelled Kinshasa on Monday.")
    assert event.place is not None and event.place.text == "Kinshasa"
    assert event.recipient_countries == ("COD",)

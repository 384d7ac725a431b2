"""The coder on a short German article written for these tests (the German knowledge pack)."""

import pytest

from annalist.model import PartialDate
from codehelp import make_helpers, only

PUBLISHED = "2024-05-16"

ARTICLE = """\
Der brasilianische Präsident traf am 14. Mai in Berlin den deutschen Bundeskanzler zu Gesprächen über den \
Klimaschutz.

Deutschland sagte Brasilien zum Schutz des Regenwaldes Hilfen in Höhe von 500 Millionen Euro zu.

Beide Länder hatten bereits am 3. Juni 2015 in Brasília ein erstes Kooperationsabkommen unterzeichnet.

Deutschland hat keine Waffen an Brasilien geliefert, betonte ein Regierungssprecher.

Tausende kenianische Studenten demonstrierten am Samstag in Nairobi gegen höhere Studiengebühren.

Pakistan hat am 13. Mai zwei ballistische Kurzstreckenraketen abgefeuert, wie das Militär mitteilte.

Das Auswärtige Amt bestellte daraufhin den pakistanischen Botschafter ein.

Die EU könnte neue Sanktionen gegen Pakistan verhängen.
"""


code, news, one = make_helpers("de", PUBLISHED)


@pytest.fixture(scope="module")
def article():
    return code(ARTICLE)


def test_de_summit_visitor_is_actor_host_is_recipient(article):
    e = only([e for e in article if e.is_news], "CONSULT")
    assert e.mode == "visit"
    assert e.actor_countries == ("BRA",) and e.recipient_countries == ("DEU",)
    assert e.date == PartialDate(2024, 5, 14)
    assert e.place is not None and e.place.name == "Berlin" and e.place.country == "DEU"
    assert e.rule.startswith("de:")


def test_de_promised_aid_is_agree_on_the_summit_day(article):
    e = only([e for e in article if e.is_news], "AGREE")
    assert e.actor_countries == ("DEU",) and e.recipient_countries == ("BRA",)
    assert e.date == PartialDate(2024, 5, 14)
    assert not [x for x in article if x.type == "AID" and x.is_news]


def test_de_street_protest(article):
    e = only(article, "PROTEST")
    assert e.is_news and e.mode == "demo"
    assert e.actor_countries == ("KEN",) and e.recipient_countries == ("KEN",)
    assert e.named_recipient_countries == ()  # against their own government: implicit
    assert e.place is not None and e.place.name == "Nairobi" and e.place.country == "KEN"


def test_de_missile_launch(article):
    e = only(article, "MOBILIZE")
    assert e.is_news and e.mode == "weapons"
    assert e.actor_countries == ("PAK",) and e.recipient_countries == ()
    assert e.date == PartialDate(2024, 5, 13)


def test_de_diplomatic_protest_is_accuse_not_protest(article):
    e = only(article, "ACCUSE")
    assert e.is_news and e.mode == "disapprove"
    assert e.actor_countries == ("DEU",) and e.recipient_countries == ("PAK",)


def test_de_background_history_is_flagged(article):
    e = only(article, "SUPPORT")
    assert "historical" in e.aux and not e.is_news
    assert e.date == PartialDate(2015, 6, 3)
    assert set(e.actor_countries + e.recipient_countries) == {"BRA", "DEU"}
    assert e.place is not None and e.place.country == "BRA"


def test_de_negated_and_hypothetical_are_not_news(article):
    negated = only(article, "AID")
    assert "negated" in negated.aux and not negated.is_news
    assert negated.actor_countries == ("DEU",) and negated.recipient_countries == ("BRA",)
    hypo = only(article, "SANCTION")
    assert "hypothetical" in hypo.aux and not hypo.is_news
    assert hypo.actor_countries == ("EU",) and hypo.recipient_countries == ("PAK",)


def test_de_article_news_events(article):
    assert sorted(e.type for e in article if e.is_news) == ["ACCUSE", "AGREE", "CONSULT", "MOBILIZE", "PROTEST"]


@pytest.mark.parametrize("text,etype,mode,actor,recipient", [
    ("Die USA verhängten neue Sanktionen gegen Russland.", "SANCTION", "discontinue", ("USA",), ("RUS",)),
    ("Der japanische Außenminister telefonierte mit seinem chinesischen Amtskollegen.", "CONSULT", "phone",
     ("JPN",), ("CHN",)),
    ("Die deutsche Außenministerin reiste nach Peking.", "CONSULT", "visit", ("DEU",), ("CHN",)),
    ("Pakistan feuerte am Mittwoch zwei ballistische Raketen ab.", "MOBILIZE", "weapons", ("PAK",), ()),
    ("Frankreich verurteilte den Angriff auf das Schiff.", "ACCUSE", "disapprove", ("FRA",), ()),
    ("Die kenianische Polizei setzte Tränengas gegen die Demonstranten ein.", "ASSAULT", None, ("KEN",), ("KEN",)),
    ("Der US-Präsident und der kenianische Präsident trafen sich in Washington.", "CONSULT", "visit", ("KEN",), ("USA",)),
    ("Die Nato-Staaten sagten der Ukraine weitere Waffenlieferungen zu.", "AGREE", None, ("NATO",), ("UKR",)),
    ("Nato-Generalsekretär Mark Rutte kritisierte Russland scharf.", "ACCUSE", "disapprove", ("NATO",), ("RUS",)),
])
def test_de_sentences_type_mode_and_dyad(text, etype, mode, actor, recipient):
    e = one(text)
    assert e.type == etype
    if mode is not None:
        assert e.mode == mode
    if actor is not None:
        assert e.actor_countries == actor
    assert e.recipient_countries == recipient


@pytest.mark.parametrize("text,flag", [
    ("Die Türkei hat Syrien nicht angegriffen.", "negated"),
    ("Griechenland würde Truppen an die Grenze verlegen.", "hypothetical"),
    ("Der kenianische Präsident wird den Kanzler treffen.", "future"),
    ("Laut Medienberichten könnte Nordkorea bald eine Rakete testen.", "hypothetical"),
])
def test_de_modality_sets_aux_and_is_not_news(text, flag):
    evs = code(text)
    assert evs and flag in evs[0].aux
    assert not evs[0].is_news


def test_de_since_a_year_is_not_the_event_date():
    e = one("Der kenianische Präsident traf in Berlin den deutschen Bundeskanzler, zum ersten Mal seit 2019.")
    assert e.date == PartialDate(2024, 5, 16)
    assert "historical" not in e.aux


def test_de_decision_made_is_not_a_meeting():
    assert not news("Die kenianische Regierung hat eine Entscheidung getroffen.")


# ---- constructions the engine does not handle yet (see the report of the German pack) ----

def test_de_perfect_tense_meeting():
    e = one("Der brasilianische Präsident hat am 14. Mai in Berlin den deutschen Bundeskanzler getroffen.")
    assert (e.actor_countries, e.recipient_countries) == (("BRA",), ("DEU",))


def test_de_subject_after_the_verb():
    e = one("Am Samstag demonstrierten in Nairobi Tausende kenianische Studenten gegen höhere Studiengebühren.")
    assert e.actor_countries == ("KEN",)


def test_de_future_with_long_middle_field():
    evs = code("Der kenianische Präsident wird am Freitag in Berlin den deutschen Bundeskanzler treffen.")
    assert evs and "future" in evs[0].aux


def test_de_negation_after_the_finite_verb():
    evs = code("Der kenianische Präsident traf den deutschen Bundeskanzler nicht.")
    assert evs and "negated" in evs[0].aux


@pytest.mark.xfail(reason="engine: a gap ('...') spans at most six tokens and never backtracks, so a separable verb "
                          "whose particle closes a long middle field ('sagte ... Hilfe ... zu') is missed",
                   strict=True)
def test_de_separable_verb_with_long_middle_field():
    e = one("Deutschland sagte Brasilien Hilfe in Höhe von 500 Millionen Euro für den Schutz des Regenwaldes zu.")
    assert e.type == "AGREE"


@pytest.mark.xfail(reason="engine: the day-month-year date inside a weekday apposition ('am Montag, dem 13. Mai,') "
                          "counts as six tokens of the gap between verb and object, so 'feuerte ... Raketen' fails",
                   strict=True)
def test_de_date_apposition_inside_the_gap():
    e = one("Pakistan feuerte am Montag, dem 13. Mai, zwei ballistische Kurzstreckenraketen ab.")
    assert e.type == "MOBILIZE" and e.date == PartialDate(2024, 5, 13)


def test_de_since_a_full_date():
    e = one("Der kenianische Präsident traf in Berlin den deutschen Bundeskanzler, zum ersten Mal seit dem 5. März 2019.")
    assert e.date == PartialDate(2024, 5, 16)

"""The coder on short articles written for these tests (Italian and English)."""

import pytest

from annalist.model import PartialDate
from codehelp import make_helpers


code, news, one = make_helpers(None, "2024-03-06")


@pytest.mark.parametrize("text,etype,mode,actor,recipient", [
    ("Il governo spagnolo ha presentato una protesta formale al Marocco.", "ACCUSE", "disapprove", ("ESP",), ("MAR",)),
    ("La Francia aiuterà la Germania a costruire nuovi impianti solari.", "AGREE", None, ("FRA",), ("DEU",)),
    ("L'Iran ha lanciato due missili balistici verso il Golfo Persico.", "MOBILIZE", "weapons", ("IRN",), ()),
    ("Il lancio di tre missili da parte dell'Iran è stato confermato ieri.", "MOBILIZE", "weapons", ("IRN",), ()),
    ("Il presidente brasiliano è arrivato a Nuova Delhi per una visita di tre giorni.", "CONSULT", "visit", ("BRA",), ("IND",)),
    ("Parigi ha condannato l'attacco contro la nave.", "ACCUSE", "disapprove", ("FRA",), ()),
    ("The European Union imposed new sanctions on Belarus.", "SANCTION", None, ("EU",), ("BLR",)),
    ("Thousands of Kenyan protesters marched in Nairobi against the new tax.", "PROTEST", "demo", ("KEN",), ("KEN",)),
    ("Brazil will help India expand its biofuel industry.", "AGREE", None, ("BRA",), ("IND",)),
    ("The Indian prime minister thanked Brazil for its support.", "SUPPORT", None, ("IND",), ("BRA",)),
])
def test_events_type_mode_and_dyad(text, etype, mode, actor, recipient):
    e = one(text)
    assert e.type == etype
    if mode is not None:
        assert e.mode == mode
    assert e.actor_countries == actor
    assert e.recipient_countries == recipient


def test_events_visitor_is_actor_host_is_recipient():
    e = one("Il presidente francese e il cancelliere tedesco si sono incontrati a Berlino il 5 marzo.")
    assert (e.type, e.mode) == ("CONSULT", "visit")
    assert e.actor_countries == ("FRA",) and e.recipient_countries == ("DEU",)
    assert e.date == PartialDate(2024, 3, 5)
    assert e.place is not None and e.place.name == "Berlin" and e.place.country == "DEU"


@pytest.mark.parametrize("text,published,expected", [
    ("Il ministro degli Esteri francese ha incontrato il collega tedesco martedì 12 marzo a Berlino.",
     "2024-03", "2024-03-12"),
    ("Il presidente francese ha incontrato il cancelliere tedesco il 13 settembre a Berlino.",
     "2023-09", "2023-09-13"),
    ("Il presidente francese ha incontrato il cancelliere tedesco a Berlino.", "2023-09", "2023-09"),
    ("The French president met the German chancellor in Berlin on March 5.", "2024-03-06", "2024-03-05"),
])
def test_events_date_from_sentence_else_publication(text, published, expected):
    e = one(text, published=published)
    assert e.date is not None and e.date.iso() == expected


def test_events_without_publication_date_have_no_invented_date():
    e = one("Il presidente francese ha incontrato il cancelliere tedesco a Berlino.", published=None)
    assert e.date is None


def test_events_background_history_is_not_news():
    evs = code("Il presidente francese e il cancelliere tedesco avevano firmato il primo accordo "
               "il 28 aprile del 2016.", published="2024-03")
    assert evs and all("historical" in e.aux for e in evs)
    assert evs[0].date == PartialDate(2016, 4, 28)
    assert not [e for e in evs if e.is_news]


def test_events_since_a_year_is_not_the_event_date():
    e = one("Il presidente brasiliano è arrivato a Nuova Delhi, la prima visita dal 2019.", published="2024-05")
    assert e.date == PartialDate(2024, 5)
    assert "historical" not in e.aux


@pytest.mark.parametrize("text,flag", [
    ("Turkey did not attack Syria.", "negated"),
    ("Greece could impose sanctions on Turkey.", "hypothetical"),
    ("La Grecia potrebbe imporre sanzioni alla Turchia.", "hypothetical"),
    ("L'Italia non ha condannato la Francia.", "negated"),
])
def test_events_modality_sets_aux_and_is_not_news(text, flag):
    evs = code(text)
    assert evs and flag in evs[0].aux
    assert not evs[0].is_news


def test_events_capital_after_locative_is_a_place_not_an_actor():
    e = one("Il governo spagnolo ha protestato formalmente con il Marocco a Parigi durante il vertice.")
    assert "FRA" not in e.actor_countries + e.recipient_countries


def test_events_direction_is_never_the_place():
    e = one("L'Iran ha lanciato due missili balistici verso il Golfo Persico.")
    assert e.place is None


def test_events_repeated_sentence_is_one_event_with_two_mentions():
    text = ("Il presidente francese e il cancelliere tedesco si sono incontrati a Berlino il 5 marzo.\n\n"
            "Altri temi.\n\n"
            "French President and German Chancellor met in Berlin.")
    evs = news(text)
    consult = [e for e in evs if e.type == "CONSULT"]
    assert len(consult) == 1
    assert len(consult[0].mentions) == 1
    assert consult[0].date == PartialDate(2024, 3, 5)


def test_events_evidence_points_at_the_trigger():
    text = "Il governo spagnolo ha presentato una protesta formale al Marocco."
    e = one(text)
    assert text[e.evidence.start:e.evidence.end] == e.evidence.trigger
    assert text[e.evidence.sent_start:e.evidence.sent_end] == text
    assert e.rule.startswith("it:")


def test_events_promise_made_at_a_meeting_takes_its_date():
    text = ("Il presidente francese e il cancelliere tedesco si sono incontrati a Berlino il 5 marzo. "
            "La Francia aiuterà la Germania a costruire impianti solari, ha detto il presidente francese.")
    agree = [e for e in news(text) if e.type == "AGREE"]
    assert len(agree) == 1 and agree[0].date == PartialDate(2024, 3, 5)


@pytest.mark.parametrize("text,etype,actor", [
    ("Thousands of Peruvians marched in Lima against the reform.", "PROTEST", ("PER",)),
    ("Migliaia di cileni hanno manifestato a Santiago contro la riforma.", "PROTEST", ("CHL",)),
])
def test_events_nationality_used_as_a_noun_is_an_actor(text, etype, actor):
    e = one(text)
    assert e.type == etype and e.actor_countries == actor
    assert e.actor[0].sector == "CVL"


def test_events_by_phrase_of_a_nearer_trigger_is_not_the_agent():
    evs = news("Norway rejected the calls by Sweden for new talks.")
    rejects = [e for e in evs if e.type == "REJECT"]
    assert rejects and rejects[0].actor_countries == ("NOR",)


@pytest.mark.parametrize("text,etype,actor,recipient", [
    ("Greece will impose new sanctions on Turkey.", "THREATEN", ("GRC",), ("TUR",)),
    ("La Grecia imporrà nuove sanzioni alla Turchia.", "THREATEN", ("GRC",), ("TUR",)),
])
def test_events_announced_act_of_conflict_is_a_threat(text, etype, actor, recipient):
    e = one(text)
    assert (e.type, e.actor_countries, e.recipient_countries) == (etype, actor, recipient)


@pytest.mark.parametrize("text,etype,actor,recipient", [
    ('"Aiuteremo la Grecia a ricostruire i porti", ha detto il presidente francese.', "AGREE", ("FRA",), ("GRC",)),
    ('"We will help Greece rebuild its ports," the French president said.', "AGREE", ("FRA",), ("GRC",)),
])
def test_events_speaker_of_a_quote_is_the_actor(text, etype, actor, recipient):
    e = one(text)
    assert (e.type, e.actor_countries, e.recipient_countries) == (etype, actor, recipient)


def test_events_a_quote_describing_someone_else_does_not_take_the_speaker():
    evs = news('Secondo il premier, la Francia "ha condannato il Brasile" senza motivo.')
    assert all(e.actor_countries == ("FRA",) for e in evs)


def test_events_omitted_subject_is_carried_from_the_previous_sentence():
    evs = news("Il premier spagnolo è arrivato a Roma lunedì 13 maggio. Martedì 14 maggio ha poi incontrato "
               "il presidente francese.", published="2024-05-15")
    consult = sorted((e for e in evs if e.type == "CONSULT"), key=lambda e: e.date)
    assert [(e.actor_countries, e.recipient_countries) for e in consult] == [(("ESP",), ("ITA",)), (("ESP",), ("FRA",))]


def test_events_country_the_action_concerns_is_the_recipient_when_none_else():
    e = one("France is ready to contribute 2,000 troops to a peace force in Mali.")
    assert (e.type, e.actor_countries, e.recipient_countries) == ("AGREE", ("FRA",), ("MLI",))


def test_events_where_an_attack_happens_is_not_its_target():
    evs = news("Iran fired missiles at American bases in Iraq.")
    assert evs and all("IRQ" not in e.recipient_countries for e in evs)


def test_events_titled_unknown_person_takes_the_one_country_of_the_sentence():
    e = one("President Tomas Varga lifted the curfew in Moldova on Monday.")
    assert e.actor_countries == ("MDA",)


def test_events_titled_unknown_person_stays_unknown_among_several_countries():
    # two countries: no guess, so no actor and no event rather than a wrong one
    assert news("President Tomas Varga criticised Romania and Ukraine on Monday.") == []


@pytest.mark.parametrize("text,actor,recipient", [
    ("The Canadian government said on Monday that Chile must free the two journalists.", ("CAN",), ("CHL",)),
    ("Il governo canadese ha detto che il Cile deve liberare i due giornalisti.", ("CAN",), ("CHL",)),
])
def test_events_what_someone_says_another_must_do_is_a_request(text, actor, recipient):
    e = one(text)
    assert (e.type, e.actor_countries, e.recipient_countries) == ("REQUEST", actor, recipient)


def test_events_purpose_of_an_action_does_not_outrank_it():
    evs = news("Thousands of Peruvian students staged demonstrations in Lima to demand new elections.")
    best = max(evs, key=lambda e: e.confidence)
    assert best.type == "PROTEST"


@pytest.mark.parametrize("text,etype,actor", [
    ("Young Algerians blocked roads into the capital on Sunday.", "PROTEST", ("DZA",)),
    ("Thousands of Iraqi Kurds demonstrated in the city on Sunday.", "PROTEST", ("IRQ",)),
    ("Angry French farm workers blocked the bridge for three hours.", "PROTEST", ("FRA",)),
])
def test_events_people_named_by_nationality(text, etype, actor):
    e = one(text)
    assert (e.type, e.actor_countries) == (etype, actor)


def test_events_a_meeting_needs_two_parties():
    assert news("The Israeli cabinet met on Sunday and discussed the budget.") == []


def test_events_troops_arriving_are_not_a_visit():
    evs = news("Bangladeshi peacekeeping troops arrived in Sierra Leone on Tuesday.")
    assert not [e for e in evs if e.type == "CONSULT"]


def test_events_confidence_reflects_the_evidence():
    near = one("Greece condemned Turkey on Monday.")
    far = one("Greece, after a long and very heated cabinet meeting in the capital that lasted all night, "
              "condemned Turkey.")
    hedged = code("Greece could condemn Turkey.")[0]
    assert near.confidence > far.confidence
    assert near.confidence > hedged.confidence
    assert 0 < far.confidence < 1


@pytest.mark.parametrize("text,recipient", [
    ("Iran fired missiles at American bases in Iraq.", ("USA",)),
    ("L'esercito algerino ha abbattuto un drone maliano vicino al confine.", ("MLI",)),
])
def test_events_nationality_of_what_the_action_hits_is_the_recipient(text, recipient):
    evs = news(text)
    assert evs and evs[0].recipient_countries == recipient


def test_unnamed_recipient_is_where_it_happens_else_own_country_and_implicit():
    e = one("Thousands of Kenyan students marched in Nairobi against the new tax.")
    assert e.type == "PROTEST" and e.recipient_countries == ("KEN",)
    assert e.named_recipient_countries == () and e.recipient[0].implicit
    # an attack whose victims are not named hits the country where it happens
    e = one("Kenyan troops shelled a village near Mogadishu on Monday.")
    assert e.type == "ASSAULT" and e.actor_countries == ("KEN",) and e.recipient_countries == ("SOM",)


def test_unnamed_recipient_of_a_deployment_only_abroad():
    # plover.tsv: a MOBILIZE with no target is directed at the country where it happens, if not the actor's own
    assert one("Iran launched two ballistic missiles from Tabriz.").recipient_countries == ()
    e = one("Israel has strengthened its forces in Lebanon.")
    assert e.type == "MOBILIZE" and e.recipient_countries == ("LBN",) and e.recipient[0].implicit


def test_a_named_recipient_is_not_implicit():
    e = one("The European Union imposed new sanctions on Belarus.")
    assert e.recipient_countries == ("BLR",) and not any(a.implicit for a in e.recipient)

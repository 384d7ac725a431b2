"""The coder on a Portuguese article written for these tests (pt knowledge pack)."""

import pytest

from annalist.model import PartialDate
from codehelp import make_helpers

PUBLISHED = "2024-05-15"

ARTICLE = """\
O presidente de Angola, Manuel Tavares, e o primeiro-ministro português, Rui Carvalho, reuniram-se ontem em Lisboa, \
na primeira cimeira bilateral entre os dois países desde 2019.

Carvalho anunciou que Portugal enviará a Angola vinte toneladas de medicamentos e equipamentos hospitalares.

Milhares de manifestantes moçambicanos marcharam ontem em Maputo contra o aumento do custo de vida.

Entretanto, o Paquistão lançou dois mísseis balísticos de médio alcance, informou a televisão estatal paquistanesa.

A Índia apresentou um protesto formal junto ao Paquistão pelo lançamento.

O governo brasileiro não condenou o lançamento.

Segundo fontes diplomáticas, a Índia imporia sanções ao Paquistão caso o teste se repita.

Angola e Portugal tinham assinado em março de 2015 um acordo de cooperação militar.
"""


code, news, one = make_helpers("pt", PUBLISHED)


@pytest.fixture(scope="module")
def article():
    return code(ARTICLE)


def of_type(events, etype):
    found = [e for e in events if e.type == etype]
    assert len(found) == 1, [(e.type, e.actor_countries, e.recipient_countries, e.rule) for e in events]
    return found[0]


def test_pt_article_news_events_are_exactly_the_five_reported(article):
    assert sorted(e.type for e in article if e.is_news) == ["ACCUSE", "AGREE", "CONSULT", "MOBILIZE", "PROTEST"]
    assert all(e.rule.startswith("pt:") for e in article)


def test_pt_summit_visitor_is_actor_host_is_recipient(article):
    e = of_type(article, "CONSULT")  # 'reuniram-se': enclitic pronoun inside the token
    assert (e.mode, e.is_news) == ("visit", True)
    assert e.actor_countries == ("AGO",) and e.recipient_countries == ("PRT",)
    assert e.date == PartialDate(2024, 5, 14)  # 'ontem'
    assert e.place is not None and e.place.country == "PRT" and e.place.name == "Lisbon"


def test_pt_promised_aid_is_agree(article):
    e = of_type(article, "AGREE")  # 'enviará' (future) + aid -> AGREE
    assert e.is_news
    assert e.actor_countries == ("PRT",) and e.recipient_countries == ("AGO",)


def test_pt_street_protest(article):
    e = of_type(article, "PROTEST")
    assert (e.mode, e.is_news) == ("demo", True)
    assert e.actor_countries == ("MOZ",) and e.recipient_countries == ("MOZ",)
    assert e.named_recipient_countries == ()  # against their own government: implicit
    assert e.date == PartialDate(2024, 5, 14)
    assert e.place is not None and e.place.name == "Maputo" and e.place.country == "MOZ"


def test_pt_missile_launch_is_mobilize_weapons(article):
    e = of_type(article, "MOBILIZE")
    assert (e.mode, e.is_news) == ("weapons", True)
    assert e.actor_countries == ("PAK",) and e.recipient_countries == ()
    assert e.date == PartialDate(2024, 5, 15)


def test_pt_diplomatic_protest_is_accuse_not_protest(article):
    e = [e for e in article if e.type == "ACCUSE" and e.is_news][0]
    assert e.mode == "disapprove"
    assert e.actor_countries == ("IND",) and e.recipient_countries == ("PAK",)


def test_pt_negated_sentence_is_not_news(article):
    e = [e for e in article if e.type == "ACCUSE" and not e.is_news][0]
    assert "negated" in e.aux
    assert e.actor_countries == ("BRA",)


def test_pt_conditional_is_hypothetical_not_news(article):
    e = of_type(article, "SANCTION")  # 'imporia': conditional suffix -ria
    assert "hypothetical" in e.aux and not e.is_news
    assert e.actor_countries == ("IND",) and e.recipient_countries == ("PAK",)


def test_pt_background_history_is_flagged_historical(article):
    e = of_type(article, "SUPPORT")
    assert "historical" in e.aux and not e.is_news
    assert e.date == PartialDate(2015, 3)
    assert set(e.actor_countries + e.recipient_countries) == {"AGO", "PRT"}


@pytest.mark.parametrize("text,etype,mode,actor,recipient", [
    ("O Itamaraty convocou o embaixador israelense.", "ACCUSE", "disapprove", ("BRA",), ("ISR",)),
    ("São Bento condenou o ataque contra a embaixada.", "ACCUSE", "disapprove", ("PRT",), ()),
    ("O Brasil chamou o seu embaixador em Caracas para consultas.", "SANCTION", "withdraw", ("BRA",), ("VEN",)),
    ("Os Estados Unidos impuseram novas sanções à Venezuela.", "SANCTION", "discontinue", ("USA",), ("VEN",)),
    ("O Exército israelense prendeu dois jornalistas palestinos.", "COERCE", "arrest", ("ISR",), ("PSE",)),
    ("O Irã disparou mísseis contra bases americanas no Iraque.", "ASSAULT", "heavy-weapons", ("IRN",), ("USA",)),
    ("A polícia moçambicana lançou gás lacrimogéneo contra os manifestantes em Maputo.", "ASSAULT", None,
     ("MOZ",), ("MOZ",)),
    ("O ministro brasileiro da Defesa pediu demissão.", "RETREAT", "resign", ("BRA",), ()),
    ("Milhares de brasileiros saíram às ruas de São Paulo contra a reforma.", "PROTEST", "demo", ("BRA",), ("BRA",)),
    ("O presidente francês visitou o Brasil.", "CONSULT", "visit", ("FRA",), ("BRA",)),
    ("O presidente francês chegou ontem a Brasília para uma visita de três dias.", "CONSULT", "visit",
     ("FRA",), ("BRA",)),
])
def test_pt_sentences_type_mode_and_dyad(text, etype, mode, actor, recipient):
    e = one(text)
    assert (e.type, e.mode) == (etype, mode)
    assert e.actor_countries == actor
    assert e.recipient_countries == recipient


@pytest.mark.parametrize("text", [
    "O presidente de Angola e o primeiro-ministro português reuniram-se no dia 14 de maio em Lisboa.",
    "Os presidentes de Angola e Portugal reuniram-se a 14 de maio em Lisboa.",
    "O presidente angolano e o primeiro-ministro português se reuniram na terça-feira, 14 de maio, em Lisboa.",
])
def test_pt_explicit_day_month_date_and_proclitic_or_enclitic_verb(text):
    e = one(text)
    assert (e.type, e.mode) == ("CONSULT", "visit")
    assert e.actor_countries == ("AGO",) and e.recipient_countries == ("PRT",)
    assert e.date == PartialDate(2024, 5, 14)


@pytest.mark.parametrize("text,flag", [
    ("O presidente angolano reunir-se-á com o primeiro-ministro português em Luanda.", "future"),
    ("O presidente angolano vai reunir-se com o primeiro-ministro português em Luanda.", "future"),
    ("O presidente angolano reunir-se-ia com o primeiro-ministro português em Luanda.", "hypothetical"),
    ("O Brasil enviaria tropas para a fronteira com a Venezuela.", "hypothetical"),
    ("O presidente angolano não se reuniu com o primeiro-ministro português.", "negated"),
])
def test_pt_modality_sets_aux_and_is_not_news(text, flag):
    evs = code(text)
    assert evs and flag in evs[0].aux
    assert not evs[0].is_news


def test_pt_launch_site_is_not_a_launch():
    assert not [e for e in code("A Coreia do Sul inaugurou uma nova plataforma de lançamento de mísseis.")
                if e.type == "MOBILIZE"]


def test_pt_arrival_in_a_country_names_the_host():
    e = one("O presidente francês chegou ontem ao Brasil para uma visita de três dias.")
    assert e.recipient_countries == ("BRA",)


def test_pt_protest_lodged_junto_do_names_the_addressee():
    e = one("A Índia apresentou um protesto formal junto do Paquistão.")
    assert e.recipient_countries == ("PAK",)


def test_pt_coordinated_genitive_gives_both_sides():
    e = one("Os presidentes de Angola e de Portugal reuniram-se ontem em Lisboa.")
    assert e.actor_countries == ("AGO",) and e.recipient_countries == ("PRT",)


def test_pt_brazilian_weekday_with_day_in_brackets():
    e = one("Os presidentes de Angola e Portugal se reuniram nesta terça-feira (14) em Lisboa.")
    assert e.date == PartialDate(2024, 5, 14)


def test_pt_since_a_full_date_is_not_the_event_date():
    e = one("Os presidentes de Angola e Portugal reuniram-se em Lisboa, a primeira cimeira desde 5 de março de 2019.")
    assert e.date == PartialDate(2024, 5, 15) and "historical" not in e.aux


@pytest.mark.xfail(reason="engine: a since-word counts only right before the number; in 'desde o dia 5 de março "
                          "de 2019' the words 'o dia' stand before the day, so 2019 becomes the event's date and "
                          "the meeting is flagged historical", strict=True)
def test_pt_since_o_dia_full_date_is_not_the_event_date():
    e = one("Os presidentes de Angola e Portugal reuniram-se em Lisboa, a primeira cimeira desde o dia 5 de março "
            "de 2019.")
    assert e.date == PartialDate(2024, 5, 15)

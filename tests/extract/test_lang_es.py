"""The coder on a Spanish article written for these tests (es knowledge pack)."""

import pytest

from annalist.model import PartialDate
from codehelp import make_helpers

PUBLISHED = "2024-05-15"

ARTICLE = """\
El presidente de Brasil, Joaquim Teles, y su homólogo argentino, Martín Ocampo, se reunieron ayer en Buenos Aires, \
en la primera cumbre bilateral entre ambos países desde 2019.

Ocampo anunció que Argentina enviará a Brasil cien toneladas de alimentos y equipos de rescate para los damnificados \
por las inundaciones en el sur del país.

Mientras tanto, miles de manifestantes chilenos marcharon ayer en Valparaíso contra la reforma de las pensiones.

Por otra parte, Irán lanzó dos misiles balísticos de medio alcance hacia el golfo de Omán, informó la televisión \
estatal iraní.

Arabia Saudí presentó una enérgica protesta ante Irán por el lanzamiento, que calificó de provocación.

Sin embargo, el Gobierno uruguayo no condenó el lanzamiento.

Según fuentes diplomáticas, Chile impondría sanciones a Irán si se confirma el ensayo.

Brasil y Argentina ya habían firmado en marzo de 2015 un acuerdo de cooperación nuclear.
"""


code, news, one = make_helpers("es", PUBLISHED)


@pytest.fixture(scope="module")
def article():
    return code(ARTICLE)


def of_type(events, etype):
    found = [e for e in events if e.type == etype]
    assert len(found) == 1, [(e.type, e.actor_countries, e.recipient_countries, e.rule) for e in events]
    return found[0]


def test_es_article_news_events_are_exactly_the_five_reported(article):
    assert sorted(e.type for e in article if e.is_news) == ["ACCUSE", "AGREE", "CONSULT", "MOBILIZE", "PROTEST"]
    assert all(e.rule.startswith("es:") for e in article)


def test_es_summit_visitor_is_actor_host_is_recipient(article):
    e = of_type(article, "CONSULT")
    assert (e.mode, e.is_news) == ("visit", True)
    assert e.actor_countries == ("BRA",) and e.recipient_countries == ("ARG",)
    assert e.date == PartialDate(2024, 5, 14)  # 'ayer'
    assert e.place is not None and e.place.name == "Buenos Aires" and e.place.country == "ARG"


def test_es_promised_aid_is_agree(article):
    e = of_type(article, "AGREE")  # 'enviará' (future) + aid -> AGREE, as CAMEO 033
    assert e.is_news
    assert e.actor_countries == ("ARG",) and e.recipient_countries == ("BRA",)


def test_es_street_protest(article):
    e = [e for e in article if e.type == "PROTEST"][0]
    assert (e.mode, e.is_news) == ("demo", True)
    assert e.actor_countries == ("CHL",) and e.recipient_countries == ("CHL",)
    assert e.named_recipient_countries == ()  # against their own government: implicit
    assert e.date == PartialDate(2024, 5, 14)
    assert e.place is not None and e.place.country == "CHL" and e.place.name == "Valparaíso"


def test_es_missile_launch_is_mobilize_weapons(article):
    e = of_type(article, "MOBILIZE")
    assert (e.mode, e.is_news) == ("weapons", True)
    assert e.actor_countries == ("IRN",) and e.recipient_countries == ()
    assert e.place is None  # 'hacia el golfo de Omán' is a direction, never the place
    assert e.date == PartialDate(2024, 5, 15)


def test_es_diplomatic_protest_is_accuse_not_protest(article):
    e = [e for e in article if e.type == "ACCUSE" and e.is_news][0]
    assert e.mode == "disapprove"
    assert e.actor_countries == ("SAU",) and e.recipient_countries == ("IRN",)


def test_es_negated_sentence_is_not_news(article):
    e = [e for e in article if e.type == "ACCUSE" and not e.is_news][0]
    assert "negated" in e.aux
    assert e.actor_countries == ("URY",)


def test_es_conditional_is_hypothetical_not_news(article):
    e = of_type(article, "SANCTION")  # 'impondría': conditional suffix -ría
    assert "hypothetical" in e.aux and not e.is_news
    assert e.actor_countries == ("CHL",) and e.recipient_countries == ("IRN",)


def test_es_background_history_is_flagged_historical(article):
    e = of_type(article, "SUPPORT")  # signing an agreement -> SUPPORT
    assert "historical" in e.aux and not e.is_news
    assert e.date == PartialDate(2015, 3)
    assert set(e.actor_countries + e.recipient_countries) == {"BRA", "ARG"}


@pytest.mark.parametrize("text,etype,mode,actor,recipient", [
    ("El Gobierno español presentó una nota de protesta ante Marruecos.", "ACCUSE", "disapprove", ("ESP",), ("MAR",)),
    ("La Moncloa condenó el atentado contra la embajada.", "ACCUSE", "disapprove", ("ESP",), ()),
    ("Colombia llamó a consultas a su embajador en Caracas.", "SANCTION", "withdraw", ("COL",), ("VEN",)),
    ("El Gobierno de Perú expulsó al embajador mexicano.", "SANCTION", "expel", ("PER",), ("MEX",)),
    ("Estados Unidos impuso nuevas sanciones a Venezuela.", "SANCTION", "discontinue", ("USA",), ("VEN",)),
    ("El Ejército israelí detuvo a dos periodistas palestinos.", "COERCE", "arrest", ("ISR",), ("PSE",)),
    ("Irán disparó misiles contra bases estadounidenses en Irak.", "ASSAULT", "heavy-weapons", ("IRN",), ("USA",)),
    ("El canciller argentino presentó su renuncia.", "RETREAT", "resign", ("ARG",), ()),
    ("Brasil pidió a Venezuela la liberación de los presos políticos.", "REQUEST", "yield", ("BRA",), ("VEN",)),
    ("Miles de chilenos salieron a las calles de Santiago contra la reforma.", "PROTEST", "demo", ("CHL",), ("CHL",)),
    ("El presidente francés visitó Chile.", "CONSULT", "visit", ("FRA",), ("CHL",)),
    ("El primer ministro indio comenzó una visita oficial a Pekín.", "CONSULT", "visit", ("IND",), ("CHN",)),
])
def test_es_sentences_type_mode_and_dyad(text, etype, mode, actor, recipient):
    e = one(text)
    assert (e.type, e.mode) == (etype, mode)
    assert e.actor_countries == actor
    assert e.recipient_countries == recipient


def test_es_explicit_day_month_date():
    e = one("Los presidentes de Perú y Bolivia se reunieron el 14 de mayo en La Paz.")
    assert (e.type, e.mode) == ("CONSULT", "visit")
    assert e.actor_countries == ("PER",) and e.recipient_countries == ("BOL",)
    assert e.date == PartialDate(2024, 5, 14)
    assert e.place is not None and e.place.country == "BOL"


@pytest.mark.parametrize("text,flag", [
    ("El canciller mexicano se reunirá con su homólogo estadounidense en Washington.", "future"),
    ("Los presidentes de Perú y Bolivia van a reunirse en La Paz.", "future"),
    ("Argentina enviaría tropas a la frontera con Paraguay.", "hypothetical"),
    ("Chile no firmó el acuerdo con Bolivia.", "negated"),
])
def test_es_modality_sets_aux_and_is_not_news(text, flag):
    evs = code(text)
    assert evs and flag in evs[0].aux
    assert not evs[0].is_news


def test_es_launch_site_is_not_a_launch():
    assert not [e for e in code("Corea del Sur inauguró una nueva plataforma de lanzamiento de misiles.")
                if e.type == "MOBILIZE"]


def test_es_arrival_in_a_country_names_the_host():
    e = one("El presidente francés llegó ayer a Chile para una visita de tres días.")
    assert e.recipient_countries == ("CHL",)


def test_es_coordinated_genitive_gives_both_sides():
    e = one("Los presidentes de Perú y de Bolivia se reunieron ayer en La Paz.")
    assert e.actor_countries == ("PER",) and e.recipient_countries == ("BOL",)


def test_es_weekday_alone_dates_the_event():
    e = one("Los presidentes de Perú y Bolivia se reunieron este martes en La Paz.")  # published Wed 15 May
    assert e.date == PartialDate(2024, 5, 14)


def test_es_since_a_full_date_is_not_the_event_date():
    e = one("Los presidentes de Perú y Bolivia se reunieron en La Paz, su primera cumbre desde el 5 de marzo de 2019.")
    assert e.date == PartialDate(2024, 5, 15)

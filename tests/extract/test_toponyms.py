"""Toponym resolution (gazetteer, context, patterns) on texts written for these tests."""

from annalist.extract.toponyms import Context, resolve, resolve_spans
from annalist.knowledge.gazetteer import gazetteer, region_key_variants
from annalist.knowledge.packs import load_knowledge
from annalist.model import haversine_km


def _spans(text, *names):
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_gazetteer_has_countries_regions_and_small_cities():
    gz = gazetteer()
    assert gz.country("KEN") is not None and gz.country("KEN").feature == "country"
    assert any(a.feature == "admin1" and a.country == "USA" for a in gz.areas_named("texas"))
    assert any(c.population < 15000 for c in gz.cities_named("pandi"))  # cities from 1,000 people up


def test_region_names_are_found_without_their_generic_word():
    assert region_key_variants("Anhui Sheng") == {"anhui sheng", "anhui"}
    assert "nyanza" in region_key_variants("Nyanza Province")


def test_a_country_name_is_the_country_and_a_demonym_its_country():
    kn = load_knowledge()
    assert resolve("Kenya", knowledge=kn, pack=kn.pack("en")).feature == "country"
    assert resolve("Russian", knowledge=kn, pack=kn.pack("en")).country == "RUS"


def test_a_name_after_a_comma_is_looked_for_inside_the_region_or_country():
    kn = load_knowledge()
    text = "Flooding hit Pandi, Bulacan on Sunday."
    pandi, _ = resolve_spans(text, _spans(text, "Pandi", "Bulacan"), "en", kn)
    assert pandi.place.country == "PHL"


def test_document_context_chooses_among_homonyms():
    kn = load_knowledge()
    text = "Officials in Texas said aid would also go to Georgia."
    _, georgia = resolve_spans(text, _spans(text, "Texas", "Georgia"), "en", kn)
    assert georgia.place.feature == "admin1" and georgia.place.country == "USA"
    alone = resolve("Georgia", Context(), knowledge=kn, pack=kn.pack("en"))
    assert alone.feature == "country" and alone.country == "GEO"


def test_capital_named_as_government_is_the_capital_city():
    kn = load_knowledge()
    text = "Washington and Texas officials met."
    washington, _ = resolve_spans(text, _spans(text, "Washington", "Texas"), "en", kn)
    assert washington.place.feature == "city"
    assert haversine_km(washington.place.lat, washington.place.lon, 38.9, -77.04) < 30


def test_unknown_name_is_left_unresolved():
    assert resolve("Qwxzyville") is None


def test_a_seat_of_power_that_is_no_city_stands_in_the_capital():
    kn = load_knowledge()
    seat = resolve("White House", knowledge=kn, pack=kn.pack("en"))
    # not the small town of that name: the seat of the government, in the capital
    assert seat.country == "USA" and haversine_km(seat.lat, seat.lon, 38.9, -77.04) < 30


def test_a_region_named_with_a_generic_word_its_gazetteer_name_lacks():
    kn = load_knowledge()
    region = resolve("Enugu State", knowledge=kn, pack=kn.pack("en"))
    assert region.feature == "admin1" and region.country == "NGA"

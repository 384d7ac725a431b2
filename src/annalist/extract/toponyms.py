"""Toponyms: place names in a text, and the place each one denotes.

Stage contract: (text, language, knowledge) → the place names of the text as character spans,
each resolved to a :class:`~annalist.model.Place` with coordinates (or left unresolved rather
than guessed).  Recognition is the entity recogniser's LOC names plus the pack's own place
words (countries, capitals, curated places); resolution weighs, for every candidate the
gazetteer and the packs give a name:

- the kind of place: a country name is the country, a first-level region or a continent comes
  next, a city by its population (log scale);
- the document's context: candidates in a country or region the document names (or that its
  unambiguous places lie in) win over homonyms elsewhere ("Santa Ana" in a text about
  California); a name followed by ", Region" or ", Country" is looked for inside it
  ("Pandi, Bulacan");
- the place's own name over an alternate one ("New Delhi" is New Delhi, not Delhi).

A name the document keeps repeating is resolved once, the same way each time.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from annalist.knowledge.gazetteer import (
    Area,
    City,
    Gazetteer,
    capital_city,
    city_place,
    gazetteer,
    region_key_variants,
)
from annalist.knowledge.packs import Knowledge, LangPack, norm_form
from annalist.model import Place

#: Scores of the kinds of candidate (a city scores by population, see :func:`_city_score`).
COUNTRY_SCORE = 100.0
CONTINENT_SCORE = 70.0
REGION_SCORE = 60.0
REGION2_SCORE = 20.0
#: Malus of a small city whose name is a common word of the language ("Atlantic", "West").
COMMON_WORD = 40.0
CURATED_SCORE = 90.0
#: Bonus of a candidate inside a country / region the document names, and inside the region or
#: country of an "X, Y" pattern.
IN_COUNTRY = 30.0
IN_REGION = 40.0
IN_PATTERN = 80.0
#: Malus of a city that merely lists the name among its alternate names.
ALTERNATE = 12.0
#: A metonym that names a city this populous is that city ("Tel Aviv"); a smaller namesake is
#: not the seat of power ("the White House" is no town of that name).
SEAT_CITY = 100_000
#: Per log10 of population.
POPULATION_WEIGHT = 8.0
#: A city this populous outranks a region of the same name ("New York").
BIG_CITY = 1_000_000
BIG_CITY_BONUS = 10.0


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    text: str
    place: Place | None


@dataclass
class Context:
    """What a document says about where it is: the countries and regions it names."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, place: Place) -> None:
        if place.country:
            self.countries[place.country] += 1
        if place.country and place.admin1 and place.feature in ("city", "admin1"):
            self.regions[(place.country, place.admin1)] += 1


def _city_score(city: City, key: str, context: Context, inside: Place | None) -> float:
    score = POPULATION_WEIGHT * math.log10(city.population + 1)
    if city.population >= BIG_CITY:
        score += BIG_CITY_BONUS
    if norm_form(city.name) != key:
        score -= ALTERNATE
    if city.country and context.countries.get(city.country):
        score += IN_COUNTRY
    if city.country and city.admin1 and context.regions.get((city.country, city.admin1)):
        score += IN_REGION
    if inside is not None and _contains(inside, city.country, city.admin1):
        score += IN_PATTERN
    return score


def _contains(outer: Place, country: str | None, admin1: str | None) -> bool:
    if outer.feature == "country":
        return outer.country == country
    if outer.feature == "admin1":
        return outer.country == country and outer.admin1 == admin1
    return False


def _area_score(area: Area, context: Context, inside: Place | None, namesake: str | None = None) -> float:
    """``namesake``: the country that has the same name, if any ("Georgia", "Mexico")."""
    if area.feature == "country":
        return COUNTRY_SCORE
    if area.feature == "continent":
        return CONTINENT_SCORE
    score = REGION_SCORE if area.feature == "admin1" else REGION2_SCORE
    if area.feature == "admin1" and area.country and context.countries.get(area.country):
        score += IN_COUNTRY
        if area.feature == "admin1" and namesake is not None and namesake != area.country:
            score += IN_COUNTRY  # "Georgia" in a text about the United States is the state
    if area.feature == "admin2" and area.country and area.admin1 and context.regions.get((area.country, area.admin1)):
        score += IN_REGION
    if inside is not None and _contains(inside, area.country, None if inside.feature == "country" else area.admin1):
        score += IN_PATTERN
    return score


def _pack_place(text: str, pack: LangPack | None, knowledge: Knowledge, gz: Gazetteer) -> Place | None:
    """What the pack's dictionary says the whole name is: a curated place, a country (by its
    name or its nationality word, "Russian" in "Russian officials"), or a capital named as the
    seat of its government ("Washington")."""
    if pack is None:
        return None
    from annalist.extract.mentions import find_hits

    hits = [h for h in find_hits(text, pack) if h.start == 0 and h.end == len(text)]
    for h in hits:
        place = h.first("place")
        if place is not None and place.code in knowledge.places:
            return knowledge.places[place.code]
        country = h.first("country")
        if country is not None and country.kind == "country":
            area = gz.country(country.code)
            if area is not None:
                return area.place()
        meto = h.first("metonym")
        if meto is not None:
            # a capital named for its government is that city; a seat of power that is no city
            # ("the White House", "the Holy See") stands in the capital
            named = [c for c in gz.cities_named(norm_form(text)) if c.country == meto.code
                     and c.population >= SEAT_CITY]
            seat = max(named, key=lambda c: c.population) if named else capital_city(meto.code)
            if seat is not None:
                return city_place(seat)
        demonym = h.first("demonym")
        if demonym is not None:
            area = gz.country(demonym.code)
            if area is not None:
                return area.place()
    return None


def resolve(name: str, context: Context | None = None, *, pack: LangPack | None = None,
            knowledge: Knowledge | None = None, inside: Place | None = None) -> Place | None:
    """The place a name most likely denotes, or None when the gazetteer does not know it."""
    gz = gazetteer()
    context = context or Context()
    key = norm_form(name.strip())
    best: tuple[float, Place] | None = None
    if knowledge is not None:
        known = _pack_place(name.strip(), pack, knowledge, gz)
        if known is not None:
            best = (CURATED_SCORE if known.feature not in ("country", "city") else COUNTRY_SCORE, known)
    areas = gz.areas_named(key)
    if not areas and best is None:
        # "Kanagawa Prefecture", "Enugu State": a region named with a generic word the
        # gazetteer's name lacks
        areas = tuple(a for k in region_key_variants(name) - {key} for a in gz.areas_named(k)
                      if a.feature in ("admin1", "admin2"))
    namesake = next((a.country for a in areas if a.feature == "country"), None)
    if namesake is None and best is not None and best[1].feature == "country":
        namesake = best[1].country
    for area in areas:
        score = _area_score(area, context, inside, namesake)
        if best is None or score > best[0]:
            best = (score, area.place())
    common = pack is not None and common_name(name.strip(), pack.lang)
    for city in gz.cities_named(key)[:50]:
        score = _city_score(city, key, context, inside)
        if common:
            score -= COMMON_WORD
        if best is None or score > best[0]:
            best = (score, city_place(city))
    return best[1] if best else None


_COMMA_NEXT = re.compile(r"\s*,\s*")


def common_name(name: str, lang: str) -> bool:
    """A one-word name that is also a common word of the language ("Atlantic", "Western")."""
    from annalist.extract.entities import common_word

    return " " not in name and common_word(name.lower(), lang)


def find_toponyms(text: str, language: str, knowledge: Knowledge) -> list[Toponym]:
    """The place names of a text, each resolved in the context of the whole text."""
    from annalist.extract.entities import recognise_entities

    pack = knowledge.pack(language)
    spans = [(e.start, e.end) for e in recognise_entities(text, language, knowledge) if e.label == "LOC"]
    return resolve_spans(text, spans, language, knowledge, pack)


def resolve_spans(text: str, spans: list[tuple[int, int]], language: str, knowledge: Knowledge,
                  pack: LangPack | None = None) -> list[Toponym]:
    """Resolve the given place-name spans of a text together: unambiguous names (countries,
    curated places) first, their countries and regions then guide the others."""
    pack = pack if pack is not None else knowledge.pack(language)
    context = Context()
    first: dict[str, Place | None] = {}
    # pass 1: what needs no context
    for s, e in spans:
        name = text[s:e]
        place = resolve(name, Context(), pack=pack, knowledge=knowledge)
        if place is not None and (place.feature in ("country", "admin1") or not place.id.startswith("gn:")):
            context.add(place)  # a country, a region or a curated place: unambiguous
        first[name] = place
    # pass 2: everything, in context, "X, Y" inside Y
    by_start = {s: (s, e) for s, e in spans}
    out: list[Toponym] = []
    cache: dict[tuple[str, str | None], Place | None] = {}
    for s, e in spans:
        name = text[s:e]
        inside = None
        m = _COMMA_NEXT.match(text, e)
        if m is not None and m.end() in by_start:
            s2, e2 = by_start[m.end()]
            inside = first.get(text[s2:e2])
            if inside is not None and inside.feature not in ("country", "admin1"):
                inside = None
        ckey = (norm_form(name), inside.id if inside else None)
        if ckey not in cache:
            cache[ckey] = resolve(name, context, pack=pack, knowledge=knowledge, inside=inside)
        place = cache[ckey]
        out.append(Toponym(s, e, name, place))
    return out

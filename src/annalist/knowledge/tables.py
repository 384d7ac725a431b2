"""Reading and validating the TSV tables of the knowledge packs.

Every table is UTF-8 NFC text: ``#`` comment lines (what it is, sources, gaps), one header
line naming the columns, then rows with exactly that many tab-separated cells.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

#: The columns every pack file must have (data/README.md documents their meaning).
SCHEMAS: dict[str, tuple[str, ...]] = {
    "plover.tsv": ("type", "mode", "unnamed_recipient", "object_place", "description"),
    "igos.tsv": ("code", "name", "sector"),
    "places.tsv": ("id", "name", "feature", "lat", "lon", "country", "admin1", "resolution"),
    "actors.tsv": ("name", "aliases", "country", "sector", "office", "start", "end"),
    "intent.tsv": ("type", "intent_type"),
    "name_variants.tsv": ("variant", "canonical"),
    "lang/countries.tsv": ("code", "name", "kind"),
    "lang/country_aliases.tsv": ("code", "name"),
    "lang/demonyms.tsv": ("form", "code"),
    "lang/igos.tsv": ("form", "code"),
    "lang/metonyms.tsv": ("form", "code", "sector"),
    "lang/roles.tsv": ("form", "sector", "kind"),
    "lang/places.tsv": ("form", "place"),
    "lang/triggers.tsv": ("id", "type", "mode", "context", "pattern", "hints", "block"),
    "lang/cues.tsv": ("form", "cue", "scope"),
    "lang/grammar.tsv": ("form", "role"),
    "lang/dates.tsv": ("form", "meaning", "value"),
    "lang/settings.tsv": ("key", "value"),
    "given_names.tsv": ("name",),
    "region_words.tsv": ("word", "position"),
    "lang/entity_cues.tsv": ("form", "label", "position"),
}


class PackError(ValueError):
    """A knowledge file that does not follow its schema."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table, with its line number for error messages."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.cells[key]


def schema_for(path: Path) -> tuple[str, ...]:
    key = path.name if path.parent == DATA_DIR else f"lang/{path.name}"
    try:
        return SCHEMAS[key]
    except KeyError:
        raise PackError(f"[K001] {path}: unknown pack file (known: {', '.join(sorted(SCHEMAS))})") from None


def read_table(path: Path) -> list[Row]:
    """Read one pack file and check it against its schema.

    Raises PackError naming the file, the line and the problem.
    """
    expected = schema_for(path)
    rows: list[Row] = []
    header: tuple[str, ...] | None = None
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            if unicodedata.normalize("NFC", line) != line:
                raise PackError(f"[K002] {path}:{lineno}: not NFC-normalised")
            cells = line.split("\t")
            if header is None:
                header = tuple(c.strip() for c in cells)
                if header != expected:
                    raise PackError(
                        f"[K003] {path}:{lineno}: header {header} but the schema wants {expected}"
                    )
                continue
            if len(cells) != len(header):
                raise PackError(
                    f"[K004] {path}:{lineno}: {len(cells)} cells, the header has {len(header)}"
                )
            rows.append(Row(lineno, {k: v.strip() for k, v in zip(header, cells)}))
    if header is None:
        raise PackError(f"[K005] {path}: no header line")
    return rows


def languages() -> list[str]:
    """The languages that have a pack folder."""
    return sorted(p.name for p in DATA_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))

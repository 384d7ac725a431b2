"""What the packs hold (coverage) and what a phrase matches in them (lookup)."""

from __future__ import annotations

from dataclasses import dataclass

from annalist.knowledge.packs import Knowledge
from annalist.knowledge.tables import DATA_DIR, SCHEMAS, read_table
from annalist.model import PLOVER_TYPES, PartialDate

LANG_TABLES = tuple(k.split("/", 1)[1].removesuffix(".tsv") for k in SCHEMAS if k.startswith("lang/"))


@dataclass(frozen=True)
class Coverage:
    lang: str
    rows: dict[str, int]  # table -> rows (0 when the file is missing)
    types: int  # PLOVER types with at least one trigger
    modes: int  # (type, mode) pairs with at least one trigger
    all_modes: int  # (type, mode) pairs the ontology has

    @property
    def missing_types(self) -> int:
        return len(PLOVER_TYPES) - self.types


def coverage(knowledge: Knowledge) -> list[Coverage]:
    out = []
    all_modes = sum(len(m) for m in knowledge.modes.values())
    for lang in knowledge.languages:
        d = DATA_DIR / lang
        rows = {t: (len(read_table(d / f"{t}.tsv")) if (d / f"{t}.tsv").exists() else 0) for t in LANG_TABLES}
        pack = knowledge.packs[lang]
        pats = [p for ps in pack.triggers.values() for p in ps] + [p for _, p in pack.trigger_prefixes]
        out.append(Coverage(
            lang=lang,
            rows=rows,
            types=len({p.type for p in pats}),
            modes=len({(p.type, p.mode) for p in pats if p.mode}),
            all_modes=all_modes,
        ))
    return out


@dataclass(frozen=True)
class LookupLine:
    kind: str  # dictionary kind, "trigger", "date" or "cue"
    text: str  # the words matched
    value: str  # what they mean


def lookup(text: str, lang: str, knowledge: Knowledge, *, published: PartialDate | None = None) -> list[LookupLine]:
    """Everything the packs of ``lang`` recognise in ``text``."""
    from annalist.extract.dates import find_dates
    from annalist.extract.events import find_triggers
    from annalist.extract.mentions import find_hits
    from annalist.text.tokens import tokenize

    pack = knowledge.packs.get(lang)
    if pack is None:
        raise ValueError(f"[K030] no pack for language {lang!r}: packs exist for {', '.join(knowledge.languages)}")
    lines: list[LookupLine] = []
    for h in find_hits(text, pack):
        for e in h.entries:
            if e.kind == "person" and e.person is not None:
                p = e.person
                when = f"{p.start or '…'} – {p.end or 'now'}"
                lines.append(LookupLine("person", h.text, f"{p.name}: {p.country} {p.sector} {p.office} ({when})"))
            elif e.kind == "role":
                lines.append(LookupLine("role", h.text, f"sector {e.sector} ({e.role_kind})"))
            elif e.kind == "place":
                pl = knowledge.places[e.code]
                lines.append(LookupLine("place", h.text, f"{pl.name} ({pl.feature}, {pl.country or '-'}, {pl.lat}, {pl.lon})"))
            else:
                lines.append(LookupLine(e.kind, h.text, f"{e.code} {e.sector or ''}".strip()))
    tokens = tokenize(text, 0, len(text), lang)
    for m in find_triggers(tokens, pack):
        span = text[tokens[m.head].start:tokens[m.last].end]
        pat = m.pattern
        lines.append(LookupLine("trigger", span, f"{pat.type}{'/' + pat.mode if pat.mode else ''} [{pat.id}]"
                                + (f" hints: {', '.join(sorted(pat.hints))}" if pat.hints else "")))
    for d in find_dates(tokens, pack, published):
        lines.append(LookupLine("date", text[d.start:d.end], d.date.iso() + (" (since)" if d.since else "")))
    for scope, cues in pack.cues.items():
        lows = [t.lower for t in tokens]
        for form, cue in cues.items():
            hit = (any(lw.endswith(form.lstrip("-~")) for lw in lows) if scope == "suffix"
                   else (" ".join(lows).find(form) >= 0 if " " in form else form in lows))
            if hit and scope != "suffix":
                lines.append(LookupLine("cue", form, f"{cue} ({scope})"))
    return lines

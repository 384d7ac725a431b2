"""Scoring against annalist's gold-events JSONL (see the evaluation README).

A system event matches a gold event when its type is the gold type (or one of its
alt_types) and the actor and recipient country sets are the gold ones (for CONSULT the pair
may be in either order).  Date and place of matched pairs are scored separately: a date is
right when it is the same day, or the same month where the gold gives only a month; a place
is right within 161 km, or in the same country where the gold gives only a country, or
absent where the gold has none.  Required gold events count for recall; a system news event
that matches no gold event counts against precision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annalist.model import Event, haversine_km

if TYPE_CHECKING:
    from annalist.evaluate import Report
    from annalist.knowledge.packs import Knowledge

KM = 161.0


@dataclass
class DocScore:
    doc: str
    required: int = 0
    found: int = 0
    system: int = 0
    false: int = 0
    dates_right: int = 0
    places_right: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    false_events: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


@dataclass
class Scores:
    docs: list[DocScore]

    def _sum(self, attr: str) -> int:
        return sum(getattr(d, attr) for d in self.docs)

    @property
    def recall(self) -> float:
        r = self._sum("required")
        return self._sum("found") / r if r else 1.0

    @property
    def precision(self) -> float:
        s = self._sum("system")
        return (s - self._sum("false")) / s if s else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float:
        m = self._sum("matched")
        return self._sum("dates_right") / m if m else 0.0

    @property
    def place_accuracy(self) -> float:
        m = self._sum("matched")
        return self._sum("places_right") / m if m else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f1": round(self.f1, 4),
            "date_accuracy": round(self.date_accuracy, 4),
            "place_accuracy": round(self.place_accuracy, 4),
        }


def read_gold(path: Path) -> list[dict[str, Any]]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"[E001] {path}: line {n}: not JSON ({exc.msg})") from None
    return out


def _countries_match(ev: Event, gold: dict[str, Any]) -> bool:
    ga, gr = set(gold.get("actor") or []), set(gold.get("recipient") or [])
    sa, sr = set(ev.actor_countries), set(ev.recipient_countries)
    if (sa, sr) == (ga, gr):
        return True
    return gold["type"] == "CONSULT" and ev.type == "CONSULT" and (sa, sr) == (gr, ga)


def _type_match(ev: Event, gold: dict[str, Any]) -> bool:
    return ev.type == gold["type"] or ev.type in (gold.get("alt_types") or [])


def _date_right(ev: Event, gold: dict[str, Any]) -> bool:
    g = gold.get("date")
    if not g:
        return ev.date is None
    if ev.date is None:
        return False
    if len(g) == 7:
        return ev.date.iso()[:7] == g
    return ev.date.iso() == g[:10]


def _place_right(ev: Event, gold: dict[str, Any]) -> bool:
    loc = gold.get("location")
    if not loc:
        return ev.place is None
    if ev.place is None:
        return False
    if loc.get("lat") is None or loc.get("lon") is None:
        return ev.place.country == loc.get("country")
    if ev.place.lat is None or ev.place.lon is None:
        return False
    return haversine_km(ev.place.lat, ev.place.lon, loc["lat"], loc["lon"]) <= KM


def _describe(ev: Event) -> str:
    place = ev.place.name if ev.place else "-"
    return (f"{ev.type}/{ev.mode or '-'} {'+'.join(ev.actor_countries)}→{'+'.join(ev.recipient_countries) or '-'} "
            f"{ev.date.iso() if ev.date else '-'} @{place} [{ev.rule}] «{ev.evidence.trigger}»")


def _gold_describe(g: dict[str, Any]) -> str:
    loc = (g.get("location") or {}).get("name", "-")
    return (f"{g['type']} {'+'.join(g.get('actor') or [])}→{'+'.join(g.get('recipient') or []) or '-'} "
            f"{g.get('date')} @{loc} ({g.get('evidence', '')})")


def score_document(doc_key: str, gold_events: list[dict[str, Any]], events: list[Event]) -> DocScore:
    news = [e for e in events if e.is_news]
    ds = DocScore(doc_key, system=len(news))
    used: set[str] = set()
    for g in sorted(gold_events, key=lambda g: not g.get("required", True)):
        cands = [e for e in news if _type_match(e, g) and _countries_match(e, g)]
        cands.sort(key=lambda e: e.type != g["type"])  # the gold type before its alternatives
        free = [e for e in cands if e.id not in used]  # one system event tells one gold event
        best = max(free, key=lambda e: (_date_right(e, g), _place_right(e, g)), default=None)
        required = bool(g.get("required", True))
        ds.required += required
        if best is None:
            if required:
                ds.misses.append(_gold_describe(g))
            continue
        used.add(best.id)
        ds.found += required
        ds.matched += 1
        d_ok, p_ok = _date_right(best, g), _place_right(best, g)
        ds.dates_right += d_ok
        ds.places_right += p_ok
        if not (d_ok and p_ok):
            ds.wrong.append(f"{_gold_describe(g)} ⇐ {_describe(best)}"
                            f"{'' if d_ok else ' [date]'}{'' if p_ok else ' [place]'}")
    for e in news:
        if not any(_type_match(e, g) and _countries_match(e, g) for g in gold_events):
            ds.false += 1
            ds.false_events.append(_describe(e))
    return ds


def evaluate_gold_events(path: Path, knowledge: Knowledge) -> Report:
    """Run the pipeline over the articles a gold-events file names and score them."""
    from annalist.evaluate import Report
    from annalist.ingest import read_inputs
    from annalist.model import Document
    from annalist.pipeline import process_document

    docs = []
    lines: list[str] = []
    for g in read_gold(path):
        article = (path.parent / g["file"]).resolve()
        events: list[Event] = []
        for item in read_inputs([str(article)]):
            if isinstance(item, Document):
                events.extend(process_document(item, knowledge).events)
            else:
                lines.append(f"[red]{item.origin}: {item.reason}[/red]")
        docs.append(score_document(g.get("id", str(article)), g.get("events", []), events))
    for d in docs:
        lines.append(f"[bold]{d.doc}[/bold]: required {d.found}/{d.required}, system events {d.system}, "
                     f"false {d.false}, dates right {d.dates_right}/{d.matched}, "
                     f"places right {d.places_right}/{d.matched}")
        lines.extend(f"  [red]missed[/red] {m}" for m in d.misses)
        lines.extend(f"  [yellow]false[/yellow] {f}" for f in d.false_events)
        lines.extend(f"  [magenta]wrong[/magenta] {w}" for w in d.wrong)
    return Report(Scores(docs).figures(), lines)

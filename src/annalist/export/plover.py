"""PLOVER JSONL, annalist's canonical interchange format (manual v2.0 field names).

One event as one document tells it (abridged)::

    {"id": "e1", "date": "2023-09-13", "event": "CONSULT", "mode": "visit",
     "context": ["diplomatic"],
     "actor": [{"entity_text": "Helena Duarte", "code": "BRA", "sector": "GOV"}],
     "recipient": [{"entity_text": "Mehta", "code": "IND", "sector": "GOV"}],
     "event_loc": {"extracted_place": "Alcântara", "resolved_place": "Alcântara Launch Center",
                   "lat": -2.37, "lon": -44.40, "country_code": "BRA"},
     "event_text": "met", "text": "Duarte met Mehta at Alcântara.",
     "text_info": {"start": 7, "end": 10},
     "cite_info": {"url": "https://…", "title": "…", "language": "en"},
     "annalist": {"document_id": "…", "origin": "…", "aux": [], "rule": "…",
                  "confidence": 0.9, "fused_id": "f1", "date_precision": "day",
                  "sentence": 0, "doc_start": 7, "doc_end": 10}}

A recipient the text does not name but the event type implies (a protest with no named
target is directed at the country where it happens; ``unnamed_recipient`` in plover.tsv)
carries ``"implicit": true`` and an empty ``entity_text``.

A fused event has the same top-level fields plus ``sources`` (one entry per member
event) and its ``annalist`` object carries support, discrepancies and members.
Keys are always written in the order above.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from annalist.model import Actor, Document, Event, FusedEvent, Place

if TYPE_CHECKING:
    from annalist.store import Store

__all__ = ["event_to_plover", "fused_to_plover", "write_plover_jsonl"]


def event_to_plover(event: Event, document: Document, fused_id: str | None) -> dict[str, Any]:
    """One PLOVER record for one event, its evidence cut from ``document``."""
    ev = event.evidence
    return {
        "id": event.id,
        "date": event.date.iso() if event.date else None,
        "event": event.type,
        "mode": event.mode or "",
        "context": list(event.context),
        "actor": [_actor(a) for a in event.actor],
        "recipient": [_actor(a) for a in event.recipient],
        "event_loc": _event_loc(event.place),
        **_evidence_fields(event, document),
        "annalist": {
            "document_id": document.id,
            "origin": document.origin,
            "aux": list(event.aux),
            "rule": event.rule,
            "confidence": event.confidence,
            "fused_id": fused_id,
            "date_precision": event.date.precision if event.date else None,
            "sentence": ev.sentence,
            "doc_start": ev.start,
            "doc_end": ev.end,
        },
    }


def fused_to_plover(fused: FusedEvent, members: Sequence[Event],
                    documents: Mapping[str, Document]) -> dict[str, Any]:
    """One PLOVER record for one real-world event, citing every member's source.

    ``members`` are the member events available (any order; the fused event's own
    member order decides which is "first", whose sentence becomes ``text``).
    """
    by_id = {e.id: e for e in members}
    ordered = [by_id[m] for m in fused.members if m in by_id and by_id[m].doc_id in documents]
    first = ordered[0] if ordered else None
    return {
        "id": fused.id,
        "date": fused.date.iso() if fused.date else None,
        "event": fused.type,
        "mode": fused.mode or "",
        "context": sorted({c for e in ordered for c in e.context}),
        "actor": _fused_actors(fused.actor_countries, fused.actor_names,
                               [a for e in ordered for a in e.actor]),
        "recipient": _fused_actors(fused.recipient_countries, fused.recipient_names,
                                   [a for e in ordered for a in e.recipient]),
        "event_loc": _event_loc(fused.place),
        **(_evidence_fields(first, documents[first.doc_id]) if first else
           {"event_text": "", "text": "", "text_info": {}, "cite_info": {}}),
        "sources": [_source(e, documents[e.doc_id]) for e in ordered],
        "annalist": {
            "fused_id": fused.id,
            "support": fused.support,
            "discrepancies": [
                {"attribute": d.attribute,
                 "values": [{"value": v, "events": list(ids)} for v, ids in d.values]}
                for d in fused.discrepancies],
            "members": list(fused.members),
            "story_id": fused.story_id,
            "date_precision": fused.date.precision if fused.date else None,
        },
    }


def write_plover_jsonl(store: Store, out: TextIO, *, fused: bool = False,
                       news_only: bool = True, min_confidence: float = 0.0) -> int:
    """Write the store's events (or fused events) as PLOVER JSONL; return the count.

    ``news_only`` leaves out events flagged historical, future, hypothetical or negated, and
    ``min_confidence`` events below that confidence (single events only),
    and fused events none of whose members is news (a fused event that is written keeps
    all its members as sources).
    """
    documents = {d.id: d for d in store.documents()}
    fused_events = store.fused_events()
    records: Iterable[dict[str, Any]]
    if fused:
        by_id = {e.id: e for e in store.events()}
        records = (fused_to_plover(f, [by_id[m] for m in f.members if m in by_id], documents)
                   for f in fused_events
                   if not news_only or any(m in by_id and by_id[m].is_news for m in f.members))
    else:
        fused_of = {m: f.id for f in fused_events for m in f.members}
        records = (event_to_plover(e, documents[e.doc_id], fused_of.get(e.id))
                   for e in store.events(news_only=news_only)
                   if e.doc_id in documents and e.confidence >= min_confidence)
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
        count += 1
    return count


def _actor(a: Actor) -> dict[str, Any]:
    out: dict[str, Any] = {"entity_text": a.text or a.name or "", "code": a.country, "sector": a.sector}
    if a.implicit:
        out["implicit"] = True  # not named in the text: given by the type's convention (plover.tsv)
    return out


def _event_loc(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {}
    return {"extracted_place": place.text or place.name, "resolved_place": place.name,
            "lat": _finite(place.lat), "lon": _finite(place.lon),
            "country_code": place.country}


def _finite(x: float | None) -> float | None:
    """JSON has no NaN: an unknown coordinate is null."""
    return x if x is not None and math.isfinite(x) else None


def _evidence_fields(event: Event, document: Document) -> dict[str, Any]:
    """event_text, text, text_info and cite_info: the evidence, cut from the document."""
    ev = event.evidence
    return {
        "event_text": ev.trigger,
        "text": document.text[ev.sent_start:ev.sent_end],
        "text_info": {"start": ev.start - ev.sent_start, "end": ev.end - ev.sent_start},
        "cite_info": {"url": document.url, "title": document.title,
                      "language": document.language or event.language},
    }


def _source(event: Event, document: Document) -> dict[str, Any]:
    ev = event.evidence
    return {"document_id": document.id, "url": document.url, "title": document.title,
            "language": document.language or event.language, "origin": document.origin,
            "event_id": event.id, "text": document.text[ev.sent_start:ev.sent_end]}


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value; ties go to the alphabetically first."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _fused_actors(countries: Sequence[str], names: Sequence[str],
                  entries: Sequence[Actor]) -> list[dict[str, Any]]:
    """PLOVER actor entries for a fused event.

    One entry per agreed name (its code and sector the members' most frequent), then
    one per agreed country no named entry covers (its text the members' most frequent
    mention of that country, else the code itself).
    """
    out: list[dict[str, Any]] = []
    for name in names:
        same = [a for a in entries if name in (a.name, a.text)]
        out.append({"entity_text": name,
                    "code": _most_common(a.country for a in same),
                    "sector": _most_common(a.sector for a in same)})
    covered = {entry["code"] for entry in out}
    for code in countries:
        if code in covered:
            continue
        same = [a for a in entries if a.country == code]
        implicit = bool(same) and all(a.implicit for a in same)
        text = "" if implicit else _most_common(a.text or a.name for a in same) or code
        entry: dict[str, Any] = {"entity_text": text, "code": code, "sector": _most_common(a.sector for a in same)}
        if implicit:
            entry["implicit"] = True
        out.append(entry)
    return out

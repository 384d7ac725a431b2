"""Event fusion across documents: many reports of one real event become one FusedEvent.

Stage contract: news Events from every document → FusedEvents.

Blocking: events are compared only within a block of the same type and the same country
dyad (for CONSULT, the same pair of participants in either order; a report that names no
recipient, or only an implicit one by convention, may join a block with one).  Within a block an event joins a fused event when its
date is compatible at the precision it is known (a month-precision report joins a day event
in that month; two different days stay two events) and its place is compatible (same place,
a place that contains the other, or within 50 km).  Each fused event keeps every member and
source, the best-supported value of each attribute, and the discrepancies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annalist.extract.events import places_compatible
from annalist.model import Discrepancy, Event, FusedEvent, PartialDate, Place, content_id


@dataclass
class _Group:
    members: list[Event] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.members[0].type

    def date(self) -> PartialDate | None:
        dated = [e.date for e in self.members if e.date is not None]
        if not dated:
            return None
        prec = {"day": 3, "month": 2, "year": 1}
        best = max(prec[d.precision] for d in dated)
        counts = Counter(d for d in dated if prec[d.precision] == best)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def place(self) -> Place | None:
        placed = [e.place for e in self.members if e.place is not None]
        if not placed:
            return None
        counts = Counter(p.id for p in placed)
        by_id = {p.id: p for p in placed}
        return sorted(by_id.values(), key=lambda p: (-p.resolution, -counts[p.id], p.id))[0]

    def participants(self) -> frozenset[str]:
        out: set[str] = set()
        for e in self.members:
            out |= set(e.actor_countries) | set(e.recipient_countries)
        return frozenset(out)


def _dyad_ok(g: _Group, e: Event) -> bool:
    first = g.members[0]
    if e.type == "CONSULT":
        return set(e.actor_countries) | set(e.recipient_countries) == g.participants()
    if e.actor_countries != first.actor_countries:
        return False
    # a recipient given only by convention (implicit) neither joins nor separates events
    recips = {m.named_recipient_countries for m in g.members if m.named_recipient_countries}
    return not e.named_recipient_countries or not recips or e.named_recipient_countries in recips


def _compatible(g: _Group, e: Event) -> bool:
    if g.type != e.type or not _dyad_ok(g, e):
        return False
    if e.mode and any(m.mode and m.mode != e.mode for m in g.members):
        return False
    for m in g.members:
        if m.date is not None and e.date is not None and not m.date.compatible(e.date):
            return False
        if not places_compatible(m.place, e.place):
            return False
    return True


def _order(e: Event) -> tuple:
    prec = {"day": 0, "month": 1, "year": 2}.get(e.date.precision if e.date else "", 3)
    return (prec, -(e.place.resolution if e.place else 0), e.doc_id, e.evidence.start)


def _discrepancies(members: list[Event]) -> tuple[Discrepancy, ...]:
    out = []
    places: dict[str, list[str]] = {}
    for e in members:
        if e.place is not None:
            places.setdefault(e.place.name, []).append(e.id)
    if len(places) > 1:
        out.append(Discrepancy("place", tuple((k, tuple(v)) for k, v in sorted(places.items()))))
    dates: dict[str, list[str]] = {}
    for e in members:
        if e.date is not None:
            dates.setdefault(e.date.iso(), []).append(e.id)
    days = {k for k in dates if len(k) == 10}
    if len(days) > 1:
        out.append(Discrepancy("date", tuple((k, tuple(v)) for k, v in sorted(dates.items()))))
    return tuple(out)


def _names(actors) -> tuple[str, ...]:
    return tuple(sorted({a.name for a in actors if a.name}))


def fuse_events(events: list[Event]) -> list[FusedEvent]:
    """Fuse news events from all documents.  Deterministic: the same events give the same
    fused events with the same ids, whatever their order."""
    groups: list[_Group] = []
    for e in sorted((e for e in events if e.is_news), key=_order):
        for g in groups:
            if _compatible(g, e):
                g.members.append(e)
                break
        else:
            groups.append(_Group([e]))
    fused = []
    for g in groups:
        members = sorted(g.members, key=lambda e: (e.doc_id, e.evidence.start))
        lead = sorted(members, key=lambda e: (-len(e.named_recipient_countries), -len(e.recipient_countries),
                                              _order(e)))[0]
        modes = Counter(e.mode for e in members if e.mode)
        fused.append(FusedEvent(
            id=content_id("fused", *sorted(e.id for e in members)),
            type=g.type,
            mode=modes.most_common(1)[0][0] if modes else None,
            actor_countries=lead.actor_countries,
            recipient_countries=lead.recipient_countries,
            actor_names=_names(a for e in members for a in e.actor if a.country in lead.actor_countries),
            recipient_names=_names(a for e in members for a in e.recipient
                                   if a.country in lead.recipient_countries),
            date=g.date(),
            place=g.place(),
            members=tuple(e.id for e in members),
            sources=tuple(sorted({e.doc_id for e in members})),
            discrepancies=_discrepancies(members),
        ))
    fused.sort(key=lambda f: (f.date.first_day() if f.date else PartialDate(9999).first_day(), f.id))
    return fused

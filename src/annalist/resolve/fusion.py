"""Event fusion across documents: many reports of one real event become one FusedEvent.

Stage contract: news Events from every document → FusedEvents.

Blocking: events are compared only within a block of the same type and the same country
dyad (for CONSULT, the same pair of participants in either order; a report that names no
recipient, or only an implicit one by convention, may join a block with one).  Within a block an event joins a fused event when its
date is compatible at the precision it is known (a month-precision report joins a day event
in that month; two different days stay two events) and its place is compatible (same place,
a place that contains the other, or within 50 km).  Reports from two documents fuse only when
both are dated: without a date nothing says they tell the same occurrence.  Each fused event
keeps every member and source, the best-supported value of each attribute, and the
discrepancies.

Incremental: given the fused events already stored, a new run only adds.  A stored fused event
keeps its id and its members, and new reports join it when they are compatible; only the new
reports that join none make new fused events.  A fused event's id is fixed when it is made:
the content id of the members it was made with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from annalist.extract.events import places_compatible
from annalist.model import Discrepancy, Event, FusedEvent, PartialDate, Place, content_id


@dataclass
class _Group:
    members: list[Event] = field(default_factory=list)
    id: str | None = None  # a stored fused event's id; new groups get theirs when made

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
        # the place, not where one report names it
        by_id = {p.id: replace(p, text="", start=-1, end=-1) for p in placed}
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
        if m.date is None or e.date is None:
            if m.doc_id != e.doc_id:
                return False
        elif not m.date.compatible(e.date):
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
    # a report that names only the region or country around the place agrees with it
    finest = max((e.place.resolution for e in members if e.place is not None), default=0)
    names: dict[str, str] = {}
    for e in members:  # by place, not by the name a language gives it
        if e.place is not None and e.place.resolution >= min(finest, 4):
            places.setdefault(e.place.id, []).append(e.id)
            names.setdefault(e.place.id, e.place.name)
    if len(places) > 1:
        out.append(Discrepancy("place", tuple(sorted((names[k], tuple(v)) for k, v in places.items()))))
    # no date discrepancy: reports of two different days never fuse (see _compatible)
    return tuple(out)


def _names(actors) -> tuple[str, ...]:
    return tuple(sorted({a.name for a in actors if a.name}))


def fuse_events(events: list[Event], previous: Sequence[FusedEvent] = ()) -> list[FusedEvent]:
    """Fuse news events from all documents, extending the ``previous`` fused events (those
    already stored).  Deterministic: the same events give the same fused events with the same
    ids, whatever their order."""
    by_id = {e.id: e for e in events if e.is_news}
    groups: list[_Group] = []
    for f in previous:
        members = [by_id[m] for m in f.members if m in by_id]
        if members:
            groups.append(_Group(members, f.id))
    groups.sort(key=lambda g: _order(min(g.members, key=_order)))
    taken = {e.id for g in groups for e in g.members}
    for e in sorted((e for e in by_id.values() if e.id not in taken), key=_order):
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
            id=g.id or content_id("fused", *sorted(e.id for e in members)),
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

"""Actor linking across documents: every way the stored articles name one person (or one
named organisation) becomes one canonical actor.

Stage contract: news Events from every document (and the canonical actors already stored) →
CanonicalActors, each with its aliases and documents.

Names are compared by :func:`annalist.knowledge.names.name_key` (lower case, no accents,
hyphens and apostrophes to spaces, the transliteration variants of name_variants.tsv unified),
so "Park Min-jae" and "Park Min Jae" are one key.  Blocking is by
country: two names link only when their actors belong to the same state or organisation (a
name whose country no document gave may join the one actor elsewhere that it matches).  Within
a block:

- two full names link when their keys, spaces removed, are at least :data:`SIMILAR` alike
  (``rapidfuzz.fuzz.ratio``: transliterations such as Sergei / Sergey);
- a single name ("Park", "Dorokhov") links to the one full name of the block that begins or
  ends with it; when the block holds several (two people of one family), the office decides
  (a single name whose office matches exactly one of them), else it stays its own actor;
- two full names of the same surname but other given names stay apart.

Incremental: stored actors keep their ids; a name already among an actor's aliases is that
actor; new names link to stored actors first.  An actor's id is fixed when it is made:
the content id of its country and first name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from annalist.knowledge.names import name_key
from annalist.model import Actor, CanonicalActor, Event, content_id

#: Least rapidfuzz ratio (0-100) between two full names, spaces removed, to be one person.
SIMILAR = 90.0


@dataclass
class _Cluster:
    country: str | None
    id: str | None = None
    names: Counter[str] = field(default_factory=Counter)  # as written → mentions
    offices: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)
    documents: set[str] = field(default_factory=set)

    def keys(self) -> set[str]:
        return {name_key(n) for n in self.names}

    def full_keys(self) -> set[str]:
        return {k for k in self.keys() if " " in k}

    def canonical(self) -> str:
        """The full name written most often (then the longest, then the first in order)."""
        return min(self.names, key=lambda n: (" " not in name_key(n), -self.names[n], -len(n), n))


def _same_person(a: str, b: str) -> bool:
    """Two full-name keys for one person."""
    return a == b or fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""), processor=default_process) >= SIMILAR


def _ends(single: str, full: str) -> bool:
    words = full.split()
    return any(fuzz.ratio(single, w, processor=default_process) >= SIMILAR for w in (words[0], words[-1]))


def _match(key: str, office: str | None, clusters: Sequence[_Cluster]) -> _Cluster | None:
    if " " in key:
        exact = [c for c in clusters if key in c.full_keys()]
        if exact:
            return exact[0]
        similar = [c for c in clusters if any(_same_person(key, k) for k in c.full_keys())]
        return similar[0] if len(similar) == 1 else None
    # a single name: the one full name it begins or ends, else those who go by it alone
    family = [c for c in clusters if any(_ends(key, k) for k in c.full_keys())]
    if len(family) > 1 and office:
        family = [c for c in family if office in c.offices]
    if len(family) == 1:
        return family[0]
    alone = [c for c in clusters if not c.full_keys() and key in c.keys()]
    return alone[0] if alone else None


def _named(events: Iterable[Event]) -> list[tuple[Actor, str]]:
    """Every actor a news event names, with its document: full names first (so that a single
    name finds the full one), then in document order."""
    out = [(a, e.doc_id) for e in events if e.is_news for a in e.actor + e.recipient
           if a.name and not a.implicit and name_key(a.name)]
    return sorted(out, key=lambda t: (" " not in name_key(t[0].name or ""), t[1], t[0].start))


def link_actors(events: Sequence[Event], previous: Sequence[CanonicalActor] = ()) -> list[CanonicalActor]:
    """The canonical actors of ``events``, extending ``previous`` (those already stored)."""
    blocks: dict[str | None, list[_Cluster]] = defaultdict(list)
    for p in previous:
        c = _Cluster(p.country, p.id, Counter({n: 0 for n in p.aliases}), documents=set(p.documents))
        c.names[p.name] += 1  # the stored canonical name keeps its lead
        if p.office:
            c.offices[p.office] += 1
        if p.sector:
            c.sectors[p.sector] += 1
        blocks[p.country].append(c)
    for actor, doc in _named(events):
        key = name_key(actor.name or "")
        cluster = _match(key, actor.office, blocks[actor.country])
        if cluster is None and actor.country is None:  # no country given: the one match anywhere
            found = [hit for cs in list(blocks.values()) if (hit := _match(key, actor.office, cs)) is not None]
            cluster = found[0] if len(found) == 1 else None
        if cluster is None:
            cluster = _Cluster(actor.country)
            blocks[actor.country].append(cluster)
        cluster.names[actor.name or ""] += 1
        cluster.documents.add(doc)
        if actor.office:
            cluster.offices[actor.office] += 1
        if actor.sector:
            cluster.sectors[actor.sector] += 1
    out = []
    for country, clusters in blocks.items():
        for c in clusters:
            name = c.canonical()
            out.append(CanonicalActor(
                id=c.id or content_id("actor", country or "", name_key(name)),
                name=name,
                country=country,
                sector=c.sectors.most_common(1)[0][0] if c.sectors else None,
                office=c.offices.most_common(1)[0][0] if c.offices else None,
                aliases=tuple(sorted(c.names)),
                documents=tuple(sorted(c.documents)),
            ))
    out.sort(key=lambda a: (-len(a.documents), a.name, a.id))
    return out


def canonical_events(events: Sequence[Event], actors: Sequence[CanonicalActor]) -> list[Event]:
    """The events with each named actor given its canonical actor's id and name (in memory:
    the stored events keep the names as written)."""
    index: dict[tuple[str | None, str], CanonicalActor] = {}
    for a in actors:
        for alias in a.aliases:
            index[(a.country, name_key(alias))] = a
    by_key: dict[str, list[CanonicalActor]] = defaultdict(list)
    for (_, key), a in index.items():
        if a not in by_key[key]:
            by_key[key].append(a)

    def canon(x: Actor) -> Actor:
        if not x.name or x.implicit:
            return x
        key = name_key(x.name)
        found = index.get((x.country, key))
        if found is None and x.country is None and len(by_key.get(key, ())) == 1:
            found = by_key[key][0]
        return replace(x, id=found.id, name=found.name) if found is not None else x

    return [replace(e, actor=tuple(canon(a) for a in e.actor), recipient=tuple(canon(a) for a in e.recipient))
            for e in events]

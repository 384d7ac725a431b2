"""Story clustering: documents about one developing situation, across languages.

Stage contract: (documents, their events, fused events) → Stories, fused events tagged.

Two documents fall in one story when they report the same fused event, or when the actors
and places they name overlap strongly (Jaccard ≥ 0.5 over country codes, person names and
place ids) within 30 days.  These signals need no translation, so an Italian and an English
article about one summit meet.  The brief is up to four evidence sentences of the story's
best-supported events, each citing its document, in the original language.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from annalist.model import Document, Event, FusedEvent, PartialDate, Story, content_id

JACCARD_MIN = 0.5
WINDOW_DAYS = 30
BRIEF_SENTENCES = 4


class _Union:
    def __init__(self, items: list[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _signature(events: list[Event]) -> set[str]:
    sig: set[str] = set()
    for e in events:
        for a in e.actor + e.recipient:
            if a.country:
                sig.add(f"c:{a.country}")
            if a.name:
                sig.add(f"n:{a.name.lower()}")
        if e.place is not None and e.place.resolution >= 3:
            sig.add(f"p:{e.place.id}")
    return sig


def _near(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return True
    gap = max((b.first_day() - a.last_day()).days, (a.first_day() - b.last_day()).days, 0)
    return gap <= WINDOW_DAYS


def cluster_stories(
    documents: list[Document], events: list[Event], fused: list[FusedEvent]
) -> tuple[list[Story], list[FusedEvent]]:
    doc_ids = sorted(d.id for d in documents)
    uf = _Union(doc_ids)
    for f in fused:
        for other in f.sources[1:]:
            uf.union(f.sources[0], other)
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.is_news:
            by_doc[e.doc_id].append(e)
    sigs = {d: _signature(by_doc[d]) for d in doc_ids}
    published = {d.id: d.published for d in documents}
    for i, a in enumerate(doc_ids):
        for b in doc_ids[i + 1:]:
            sa, sb = sigs[a], sigs[b]
            if sa and sb and len(sa & sb) / len(sa | sb) >= JACCARD_MIN and _near(published[a], published[b]):
                uf.union(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for d in doc_ids:
        members[uf.find(d)].append(d)
    texts = {d.id: d.text for d in documents}
    ev_by_id = {e.id: e for e in events}
    stories: list[Story] = []
    story_of_doc: dict[str, str] = {}
    for docs in members.values():
        docs = sorted(docs)
        sid = content_id("story", *docs)
        for d in docs:
            story_of_doc[d] = sid
        story_fused = [f for f in fused if f.sources[0] in docs]
        dates = [f.date for f in story_fused if f.date is not None]
        dates = dates or [p for d in docs if (p := published[d]) is not None]
        stories.append(Story(
            id=sid,
            label=_label(story_fused, [e for d in docs for e in by_doc[d]]),
            documents=tuple(docs),
            fused_events=tuple(f.id for f in story_fused),
            first=min(dates, key=lambda p: p.first_day()) if dates else None,
            last=max(dates, key=lambda p: p.last_day()) if dates else None,
            brief=_brief(story_fused, ev_by_id, texts),
        ))
    tagged = [replace(f, story_id=story_of_doc.get(f.sources[0])) for f in fused]
    stories.sort(key=lambda s: (-len(s.documents), s.id))
    return stories, tagged


def _label(fused: list[FusedEvent], events: list[Event]) -> str:
    names = Counter(a.name for e in events for a in e.actor + e.recipient if a.name)
    countries = Counter(a.country for e in events for a in e.actor + e.recipient if a.country)
    who = [n for n, _ in names.most_common(2)] or [c for c, _ in countries.most_common(2)]
    label = " – ".join(who) if who else "unnamed"
    if not fused:
        return label
    lead = sorted(fused, key=lambda f: (-f.support, _first(f), f.id))[0]
    return f"{label}: {lead.type}"


def _first(f: FusedEvent):
    return f.date.first_day() if f.date else PartialDate(9999).first_day()


def _brief(fused: list[FusedEvent], events: dict[str, Event], texts: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The best-supported events first, each told by a document not yet cited when one can;
    then in the order they happened."""
    chosen: list[tuple[FusedEvent, str, str]] = []
    seen: set[str] = set()
    cited: set[str] = set()
    for f in sorted(fused, key=lambda f: (-f.support, _first(f), f.id)):
        members = [events[m] for m in f.members if m in events]
        members.sort(key=lambda e: (e.doc_id in cited, -e.confidence, e.doc_id, e.evidence.start))
        for e in members:
            sentence = " ".join(texts[e.doc_id][e.evidence.sent_start:e.evidence.sent_end].split())
            if sentence and sentence not in seen:
                seen.add(sentence)
                cited.add(e.doc_id)
                chosen.append((f, e.doc_id, sentence))
                break
        if len(chosen) >= BRIEF_SENTENCES:
            break
    chosen.sort(key=lambda t: (_first(t[0]), -t[0].support))
    return tuple((doc, sentence) for _, doc, sentence in chosen)

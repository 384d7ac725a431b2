"""Story clustering: documents about one developing situation, across languages.

Stage contract: (documents, their events, fused events, each document's keys) → Stories,
fused events tagged.

A document's keys are what it names, in forms no translation changes: people and
organisations (their names, a person also by surname), countries and governments, resolved
places, and numbers ("6.1", "239").  Each key weighs by its rarity among the stored documents
(IDF, as if over at least :data:`MIN_COLLECTION` documents); two documents are as similar as
the cosine of their weighted keys; a day-dated fused event two documents report is one more
key they share.  Each document starts as its own story; stories merge, most similar first, while
the average similarity between their documents is at least :data:`STORY_SIMILARITY` and their
documents were published within :data:`WINDOW_DAYS` of each other.  A key found in one document
only links nothing but still counts in that document's length.  The brief is 3 to 5 sentences
from the story's documents, each citing its document, in the original language (see
:func:`_brief`).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annalist.model import Document, Event, FusedEvent, PartialDate, Story, content_id
from annalist.text.sentences import segment

if TYPE_CHECKING:
    from annalist.extract.mentions import SentenceMentions

#: Least average similarity (IDF-weighted cosine of keys) between the documents of two
#: stories that merge; measured on ECB+ topics 1-22 (docs/quality.md).
STORY_SIMILARITY = 0.15
#: A store of a few documents says little about how rare a key is: the IDF is taken as if
#: over at least this many documents.
MIN_COLLECTION = 50
WINDOW_DAYS = 30
BRIEF_SENTENCES = 5
#: Actor mentions that name someone by name (not states, roles, bodies, pronouns or peoples:
#: a country is shared by too many unrelated stories).
_NAMING = ("person", "surname")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


def document_keys(text: str, sentences: Sequence[SentenceMentions]) -> tuple[str, ...]:
    """What a document names, as story keys (sorted, with repeats: a key named twice counts
    more): ``n:`` a person's or organisation's name (a person also by surname), ``p:`` a resolved
    place, ``m:`` a number that is no year."""
    keys: list[str] = []
    for sm in sentences:
        for a in sm.actors:
            if a.kind not in _NAMING:
                continue
            name = (a.name or a.text).lower()
            keys.append(f"n:{name}")
            words = name.split()
            if a.kind == "person" and len(words) > 1:
                keys.append(f"n:{words[-1]}")  # the surname it will be referred to by
                if len(words) > 2:  # "Singer Marla Voss" at the start of a sentence
                    keys.append(f"n:{' '.join(words[-2:])}")
        for p in sm.places:
            if not p.place.id.startswith("name:"):
                keys.append(f"p:{p.place.id}")
        keys.extend(f"m:{n}" for n in _numbers(text[sm.start:sm.end]))
    return tuple(sorted(keys))


def _numbers(text: str) -> list[str]:
    """The numbers of a text that are no year and no single digit, written one way whatever
    the language's separators: "2,500" and "2.500" are 2500, "6,1" and "6.1" are 6.1."""
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group()
        if _THOUSANDS.match(raw):
            value = re.sub(r"[.,]", "", raw)
        else:
            value = raw.replace(",", ".")
        if len(value) < 2 or (len(value) == 4 and value[:2] in ("19", "20")):
            continue
        out.append(value)
    return out


def _event_keys(events: Iterable[Event]) -> list[str]:
    """Keys from a document's coded events, for a document stored without keys."""
    keys: list[str] = []
    for e in events:
        for a in e.actor + e.recipient:
            if a.name:
                keys.append(f"n:{a.name.lower()}")
        if e.place is not None and not e.place.id.startswith("name:"):
            keys.append(f"p:{e.place.id}")
    return keys


def _vectors(keys: Mapping[str, Sequence[str]]) -> dict[str, dict[str, float]]:
    """IDF-weighted key vectors, normalised by all of a document's keys; a key of one
    document only links nothing and is then left out (it still weighs in the length: what a
    document says that no other does makes it less like the others)."""
    df = Counter(k for ks in keys.values() for k in set(ks))
    n = max(len(keys), MIN_COLLECTION) + 1
    out: dict[str, dict[str, float]] = {}
    for doc, ks in keys.items():
        weights = {k: (1 + math.log(c)) * math.log(n / df[k]) for k, c in Counter(ks).items()}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        out[doc] = {k: v / norm for k, v in weights.items() if df[k] >= 2} if norm else {}
    return out


def _similarities(vectors: dict[str, dict[str, float]]) -> dict[tuple[str, str], float]:
    """Cosine of every pair of documents that share a key (through an inverted index)."""
    index: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for doc in sorted(vectors):
        for k, v in vectors[doc].items():
            index[k].append((doc, v))
    sims: dict[tuple[str, str], float] = defaultdict(float)
    for postings in index.values():
        for i, (a, va) in enumerate(postings):
            for b, vb in postings[i + 1:]:
                sims[(a, b)] += va * vb
    return sims


def _near(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return True
    gap = max((b.first_day() - a.last_day()).days, (a.first_day() - b.last_day()).days, 0)
    return gap <= WINDOW_DAYS


def _agglomerate(start: list[list[str]], sims: dict[tuple[str, str], float],
                 published: Mapping[str, PartialDate | None], stored: int = 0) -> list[list[str]]:
    """Average-link merging of the start clusters, most similar pair first, down to
    STORY_SIMILARITY; documents published too far apart never link.  The first ``stored``
    clusters are stories already stored: new documents join them, but two of them never
    merge (a run only adds)."""
    cluster_of = {d: i for i, docs in enumerate(start) for d in docs}
    members = {i: list(docs) for i, docs in enumerate(start)}
    locked = set(range(stored))
    total: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    far: set[tuple[int, int]] = set()
    for (a, b), s in sims.items():
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb:
            continue
        if not _near(published.get(a), published.get(b)):
            far.add((min(ca, cb), max(ca, cb)))
        total[ca][cb] += s
        total[cb][ca] += s

    def average(ca: int, cb: int) -> float:
        return total[ca].get(cb, 0.0) / (len(members[ca]) * len(members[cb]))

    heap = [(-average(ca, cb), ca, cb) for ca in total for cb in total[ca] if ca < cb]
    heapq.heapify(heap)
    while heap:
        neg, ca, cb = heapq.heappop(heap)
        if ca not in members or cb not in members:
            continue
        now = average(ca, cb)
        if abs(now + neg) > 1e-12:
            heapq.heappush(heap, (-now, ca, cb))
            continue
        if now < STORY_SIMILARITY:
            break
        if (ca, cb) in far or (ca in locked and cb in locked):
            continue
        members[ca].extend(members.pop(cb))
        if cb in locked:
            locked.add(ca)
        for other, s in total.pop(cb).items():
            total[other].pop(cb, None)
            if other == ca:
                continue
            total[ca][other] += s
            total[other][ca] += s
            if (min(cb, other), max(cb, other)) in far:
                far.add((min(ca, other), max(ca, other)))
            heapq.heappush(heap, (-average(ca, other), min(ca, other), max(ca, other)))
    return [docs if i < stored else sorted(docs) for i, docs in members.items()]


def cluster_stories(
    documents: list[Document], events: list[Event], fused: list[FusedEvent],
    keys: Mapping[str, Sequence[str]] | None = None, previous: Sequence[Story] = (),
) -> tuple[list[Story], list[FusedEvent]]:
    """Group documents into stories, extending the ``previous`` stories (those already
    stored: each keeps its id and its documents, new documents may join it).  ``keys``: each
    document's :func:`document_keys` (a document without them is keyed by its events)."""
    doc_ids = sorted(d.id for d in documents)
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.is_news:
            by_doc[e.doc_id].append(e)
    keyed = {d: list((keys or {}).get(d) or _event_keys(by_doc[d])) for d in doc_ids}
    # a dated fused event two documents report is one more thing they share
    for f in fused:
        if len(f.sources) > 1 and f.date is not None and f.date.precision == "day":
            for d in f.sources:
                if d in keyed:
                    keyed[d].append(f"f:{f.id}")
    published = {d.id: d.published for d in documents}
    start = [[d for d in s.documents if d in keyed] for s in previous]
    kept = [(s.id, docs) for s, docs in zip(previous, start) if docs]
    placed = {d for _, docs in kept for d in docs}
    start = [docs for _, docs in kept] + [[d] for d in doc_ids if d not in placed]
    clusters = _agglomerate(start, _similarities(_vectors(keyed)), published, stored=len(kept))
    story_of_doc: dict[str, str] = {}
    for i, docs in enumerate(clusters):
        sid = kept[i][0] if i < len(kept) else content_id("story", *docs)
        story_of_doc.update((d, sid) for d in docs)
    tagged = [replace(f, story_id=_story_of(f, story_of_doc)) for f in fused]
    fused_of: dict[str | None, list[FusedEvent]] = defaultdict(list)
    for f in tagged:
        fused_of[f.story_id].append(f)
    texts = {d.id: d.text for d in documents}
    by_id = {d.id: d for d in documents}
    ev_by_id = {e.id: e for e in events}
    stories: list[Story] = []
    for docs in clusters:
        sid = story_of_doc[docs[0]]
        story_fused = fused_of[sid]
        dates = [f.date for f in story_fused if f.date is not None]
        dates = dates or [p for d in docs if (p := published[d]) is not None]
        stories.append(Story(
            id=sid,
            label=_label(story_fused, [e for d in docs for e in by_doc[d]], [keyed[d] for d in docs],
                         [by_id[d] for d in docs]),
            documents=tuple(docs),
            fused_events=tuple(f.id for f in story_fused),
            first=min(dates, key=lambda p: p.first_day()) if dates else None,
            last=max(dates, key=lambda p: p.last_day()) if dates else None,
            brief=_brief(story_fused, ev_by_id, texts, [by_id[d] for d in docs]),
        ))
    stories.sort(key=lambda s: (-len(s.documents), s.id))
    return stories, tagged


def _story_of(f: FusedEvent, story_of_doc: Mapping[str, str]) -> str | None:
    """The story most of a fused event's sources belong to (the first such, by id, on a tie)."""
    counts = Counter(story_of_doc[d] for d in f.sources if d in story_of_doc)
    return min(counts, key=lambda s: (-counts[s], s)) if counts else None


def _opening(documents: Sequence[Document], width: int = 60) -> str:
    """A story that names no one is labelled by its first document's title or first words."""
    for d in documents:
        words = " ".join((d.title or d.text).split())
        if words:
            return words if len(words) <= width else words[:width].rsplit(" ", 1)[0] + " …"
    return "unnamed"


def _label(fused: list[FusedEvent], events: list[Event], keys: list[list[str]],
           documents: Sequence[Document] = ()) -> str:
    by_id = {e.id: e for e in events}
    names = Counter(a.name for e in events for a in e.actor + e.recipient if a.name)
    countries = Counter(a.country for e in events for a in e.actor + e.recipient if a.country)
    who = [n for n, _ in names.most_common(2)] or [c for c, _ in countries.most_common(2)]
    if not who:  # no coded event names anyone: the names the documents share most
        named = Counter(k[2:] for ks in keys for k in set(ks) if k.startswith("n:") and " " in k)
        who = [n.title() for n, _ in named.most_common(2)]
    label = " – ".join(who) if who else _opening(documents)
    if not fused:
        return label
    lead = sorted(fused, key=lambda f: _salience(f, by_id))[0]
    return f"{label}: {lead.type}"


def _salience(f: FusedEvent, events: Mapping[str, Event]) -> tuple:
    """Most sources first, then most sentences telling it, then the earliest."""
    told = sum(1 + len(events[m].mentions) for m in f.members if m in events)
    return (-f.support, -told, _first(f), f.id)


def _first(f: FusedEvent):
    return f.date.first_day() if f.date else PartialDate(9999).first_day()


def _sentence_of(texts: Mapping[str, str], doc: str, start: int, end: int) -> str:
    return " ".join(texts[doc][start:end].split())


def _full(sentence: str) -> bool:
    """A sentence that ends as one (a headline does not)."""
    return sentence[-1:] in ".!?»\"”'’…"


def _telling(e: Event, texts: Mapping[str, str]) -> str:
    """The sentence that tells an event best: its evidence, or a later sentence of the same
    document telling it when the evidence is a headline."""
    told = [e.evidence, *e.mentions]
    sentences = [_sentence_of(texts, e.doc_id, ev.sent_start, ev.sent_end) for ev in told]
    return next((s for s in sentences if _full(s)), sentences[0])


def _brief(fused: list[FusedEvent], events: dict[str, Event], texts: Mapping[str, str],
           documents: Sequence[Document] = ()) -> tuple[tuple[str, str], ...]:
    """3 to :data:`BRIEF_SENTENCES` sentences: the best-supported event first, then the
    others in the order they happened (an event known to the month after those known to the
    day), each told by a document not yet cited when one can.  A story of fewer events adds
    another document's telling of them, then its documents' first sentences."""
    chosen: list[tuple[FusedEvent | None, str, str]] = []
    seen: set[str] = set()
    cited: set[str] = set()

    def take(f: FusedEvent | None, doc: str, sentence: str) -> bool:
        if not sentence or sentence in seen or len(chosen) >= BRIEF_SENTENCES:
            return False
        seen.add(sentence)
        cited.add(doc)
        chosen.append((f, doc, sentence))
        return True

    ranked = sorted(fused, key=lambda f: _salience(f, events))
    for f in ranked:
        members = [events[m] for m in f.members if m in events]
        # a document not yet cited, then the one that tells it earliest (a report leads with its news)
        members.sort(key=lambda e: (e.doc_id in cited, e.evidence.sentence, -e.confidence, e.doc_id))
        any(take(f, e.doc_id, _telling(e, texts)) for e in members)
    for f in ranked:  # too few events: other sentences telling the same ones
        if len(chosen) >= 3:
            break
        for e in sorted((events[m] for m in f.members if m in events),
                        key=lambda e: (e.doc_id in cited, e.doc_id, e.evidence.start)):
            if take(f, e.doc_id, _telling(e, texts)):
                break
    for d in sorted(documents, key=lambda d: d.id in cited):  # still too few: how they begin
        if len(chosen) >= 3:
            break
        _, sentences = segment(d.text, default_language=d.language) if d.text.strip() else ("", [])
        for sent in sentences:
            if len(chosen) >= 3:
                break
            if take(None, d.id, _sentence_of(texts, d.id, sent.start, sent.end)) and d.id not in cited:
                break  # one from each document first
    if not chosen:
        return ()
    lead, rest = chosen[0], chosen[1:]
    rest.sort(key=lambda t: (t[0] is None, _last(t[0]), -(t[0].support if t[0] else 0)))
    return tuple((doc, sentence) for _, doc, sentence in [lead, *rest])


def _last(f: FusedEvent | None):
    return f.date.last_day() if f is not None and f.date else PartialDate(9999).last_day()

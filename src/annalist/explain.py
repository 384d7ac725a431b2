"""Why an event was coded: its sentence with the parts marked, the rule and the knowledge used.

Used by ``annalist show EVENT_ID`` (an event in the store) and ``annalist explain "TEXT"``
(a text coded on the spot); :func:`story_detail` is what ``annalist story ID`` shows.  Rendering is rich console markup; the marks are also given in
plain brackets so the output reads in a pipe:

    [trigger: met] · {actor: The French president} · <recipient: the German chancellor> · (place: Berlin)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rich.markup import escape

from annalist.knowledge.packs import Knowledge, Pattern
from annalist.model import Document, Event, FusedEvent, PartialDate, Story

STYLES = {
    "trigger": ("[bold reverse]", "[/bold reverse]", "[", "]"),
    "actor": ("[bold green]", "[/bold green]", "{", "}"),
    "recipient": ("[bold magenta]", "[/bold magenta]", "<", ">"),
    "place": ("[bold cyan]", "[/bold cyan]", "(", ")"),
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    role: str


def _spans(event: Event) -> list[Span]:
    ev = event.evidence
    spans = [Span(ev.start, ev.end, "trigger")]
    for a in event.actor:
        if ev.sent_start <= a.start < a.end <= ev.sent_end:
            spans.append(Span(a.start, a.end, "actor"))
    for a in event.recipient:
        if ev.sent_start <= a.start < a.end <= ev.sent_end:
            spans.append(Span(a.start, a.end, "recipient"))
    p = event.place
    if p is not None and ev.sent_start <= p.start < p.end <= ev.sent_end:
        spans.append(Span(p.start, p.end, "place"))
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for s in spans:  # no overlapping marks: the first (longest) wins
        if not kept or s.start >= kept[-1].end:
            kept.append(s)
    return kept


def marked_sentence(text: str, event: Event) -> str:
    """The evidence sentence with trigger, actor, recipient and place marked (rich markup)."""
    ev = event.evidence
    out: list[str] = []
    pos = ev.sent_start
    for s in _spans(event):
        out.append(escape(text[pos:s.start]))
        open_rich, close_rich, open_plain, close_plain = STYLES[s.role]
        out.append(f"{open_rich}{escape(open_plain + text[s.start:s.end] + close_plain)}{close_rich}")
        pos = s.end
    out.append(escape(text[pos:ev.sent_end]))
    return " ".join("".join(out).split())


def _pattern(knowledge: Knowledge, rule: str) -> Pattern | None:
    lang = rule.split(":", 1)[0]
    pack = knowledge.packs.get(lang)
    if pack is None:
        return None
    for pats in pack.triggers.values():
        for p in pats:
            if p.id == rule:
                return p
    for _, p in pack.trigger_prefixes:
        if p.id == rule:
            return p
    return None


def _side(actors) -> str:  # type: ignore[no-untyped-def]
    if not actors:
        return "-"
    return "; ".join((f"{a.country} (not named: by convention of the event type, plover.tsv)" if a.implicit else
                      f"{a.name or a.text or '?'} = {a.country or '?'}/{a.sector or '?'}"
                      + (f" (as {a.office})" if a.office else "")) for a in actors)


def describe(event: Event, document: Document, knowledge: Knowledge) -> list[str]:
    """Lines (rich markup) that explain one event."""
    pat = _pattern(knowledge, event.rule)
    lines = [
        f"[bold]{event.type}[/bold]{'/' + event.mode if event.mode else ''}  event {event.id}"
        f"  confidence {event.confidence:.2f}" + (f"  aux: {', '.join(event.aux)}" if event.aux else ""),
        "  " + marked_sentence(document.text, event),
        f"  actor:     {escape(_side(event.actor))}",
        f"  recipient: {escape(_side(event.recipient))}",
        f"  date:      {event.date.iso() + ' (' + event.date.precision + ')' if event.date else '-'}"
        + (f"  published {document.published.iso()}" if document.published else "  (publication date unknown)"),
        f"  place:     {escape(event.place.name) + ' (' + event.place.feature + ', ' + (event.place.country or '-') + ')' if event.place else '- (no place tied to the event)'}",
        f"  rule:      {event.rule}" + (f"  pattern: {escape(' '.join(_items(pat)))}" if pat else ""),
    ]
    if pat is not None and pat.type != event.type:
        lines.append(f"  coded {event.type}, not {pat.type}: a promised or announced {pat.type} is an "
                     f"expression of intent (intent.tsv)")
    if pat is not None and pat.hints:
        lines.append(f"  hints:     {', '.join(sorted(pat.hints))}")
    if event.mentions:
        lines.append(f"  also told in {len(event.mentions)} more sentence(s) of the document")
    lines.append(f"  document:  {document.id[:16]} {escape(document.origin)}")
    return lines


def _items(pat: Pattern) -> list[str]:
    out = []
    for item in pat.items:
        if item.gap:
            out.append("...")
        else:
            out.append("|".join(sorted(item.words) + [p + "*" for p in item.prefixes]))
    return out


def story_detail(story: Story, fused: list[FusedEvent], documents: list[Document]) -> dict[str, Any]:
    """What ``annalist story ID`` shows, as one JSON-ready object: the story, its brief (each
    sentence with its document), the timeline of its fused events (with their sources and
    discrepancies) and its documents."""
    docs = {d.id: d for d in documents}
    ids = set(story.fused_events)
    # in time; what is known only to the month after the days of that month
    mine = sorted((f for f in fused if f.id in ids),
                  key=lambda f: (f.date.last_day() if f.date else dt.date.max, f.id))
    return {
        "id": story.id,
        "label": story.label,
        "first": story.first.iso() if story.first else None,
        "last": story.last.iso() if story.last else None,
        "brief": [{"document": doc, "sentence": sentence} for doc, sentence in story.brief],
        "timeline": [{
            "id": f.id,
            "date": f.date.iso() if f.date else None,
            "type": f.type,
            "mode": f.mode,
            "actor": {"countries": list(f.actor_countries), "names": list(f.actor_names)},
            "recipient": {"countries": list(f.recipient_countries), "names": list(f.recipient_names)},
            "place": None if f.place is None else {"name": f.place.name, "country": f.place.country,
                                                   "lat": f.place.lat, "lon": f.place.lon},
            "support": f.support,
            "sources": list(f.sources),
            "discrepancies": [{"attribute": d.attribute,
                               "values": [{"value": v, "events": list(ids)} for v, ids in d.values]}
                              for d in f.discrepancies],
        } for f in mine],
        "documents": [{
            "id": d,
            "title": docs[d].title if d in docs else None,
            "source": docs[d].source if d in docs else None,
            "url": docs[d].url if d in docs else None,
            "language": docs[d].language if d in docs else None,
            "published": _iso(docs[d].published) if d in docs else None,
            "origin": docs[d].origin if d in docs else None,
        } for d in story.documents],
    }


def story_lines(detail: dict[str, Any]) -> list[str]:
    """``story_detail`` as console lines (rich markup): brief, timeline, discrepancies, sources."""
    short = {d["id"]: f"d{i + 1}" for i, d in enumerate(detail["documents"])}
    span = " – ".join(x for x in (detail["first"], detail["last"]) if x) or "undated"
    lines = [f"[bold]{escape(detail['label'])}[/bold]  story {detail['id']}",
             f"{span} · {_count(len(detail['documents']), 'document')} · "
             f"{_count(len(detail['timeline']), 'fused event')}", "",
             "[bold]Brief[/bold]"]
    lines += [f"  • {escape(b['sentence'])} [dim]\\[{short.get(b['document'], b['document'][:8])}][/dim]"
              for b in detail["brief"]] or ["  (none)"]
    lines += ["", "[bold]Timeline[/bold]"]
    for f in detail["timeline"]:
        who = _sides(f["actor"]) + " → " + _sides(f["recipient"])
        where = f" at {escape(f['place']['name'])}" if f["place"] else ""
        typ = f["type"] + (f"/{f['mode']}" if f["mode"] else "")
        srcs = ", ".join(short.get(s, s[:8]) for s in f["sources"])
        lines.append(f"  {f['date'] or 'undated':10}  {typ:22} {escape(who)}{where}  "
                     f"[dim]{_count(f['support'], 'source')}: {srcs} · {f['id']}[/dim]")
    disagreements = [(f, d) for f in detail["timeline"] for d in f["discrepancies"]]
    lines += ["", "[bold]Discrepancies[/bold]"]
    for f, d in disagreements:
        said = "; ".join(f"{escape(v['value'])} ({_count(len(v['events']), 'report')})" for v in d["values"])
        lines.append(f"  {f['type']} {f['date'] or 'undated'} [dim]{f['id']}[/dim]: the sources disagree "
                     f"on the {d['attribute']}: {said}")
    if not disagreements:
        lines.append("  none: the sources agree on every fused event")
    lines += ["", "[bold]Sources[/bold]"]
    for d in detail["documents"]:
        what = " · ".join(escape(str(x)) for x in (d["published"], d["language"], d["source"], d["title"] or d["url"] or d["origin"])
                         if x)
        lines.append(f"  {short[d['id']]}  {d['id'][:16]}  {what}")
    return lines


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None else None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _sides(side: dict[str, Any]) -> str:
    codes = "+".join(side["countries"]) or "-"
    return f"{codes} ({', '.join(side['names'])})" if side["names"] else codes

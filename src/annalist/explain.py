"""Why an event was coded: its sentence with the parts marked, the rule and the knowledge used.

Used by ``annalist show EVENT_ID`` (an event in the store) and ``annalist explain "TEXT"``
(a text coded on the spot).  Rendering is rich console markup; the marks are also given in
plain brackets so the output reads in a pipe:

    [trigger: met] · {actor: The French president} · <recipient: the German chancellor> · (place: Berlin)
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.markup import escape

from annalist.knowledge.packs import Knowledge, Pattern
from annalist.model import Document, Event

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

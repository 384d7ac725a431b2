"""Scoring the choice of an event's place against the event-location corpus (Halterman 2019).

The gold file is one JSON array of records: ``text``, ``tokens`` (with character offsets),
``spans`` with label ``VERB`` (the event) and ``LOCATION`` (the place of that event; none =
the sentence names no place for it).  Span character offsets are unreliable in the corpus, so
spans are read by their ``token_start`` / ``token_end``.

For each record annalist reads the sentence (English), finds its place names and picks the
event's place with the coder's own rule (:func:`annalist.pipeline.place_for_span`: the
place the sentence ties to the verb with a locative preposition, the first after it; none
rather than a guess).  The choice is right when it overlaps a gold LOCATION span, or when both
say "no place".

Figures (``--json``): ``event_place_accuracy`` (all records), ``accuracy_with_place`` (records
whose gold has a place), ``accuracy_no_place`` (records whose gold has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annalist.evaluate import read_json_array

if TYPE_CHECKING:
    from annalist.evaluate import Report
    from annalist.knowledge.packs import Knowledge


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


def _span(tokens: list[dict[str, Any]], span: dict[str, Any]) -> tuple[int, int] | None:
    try:
        first, last = int(span["token_start"]), int(span["token_end"])
        return int(tokens[first]["start"]), int(tokens[last]["end"])
    except (KeyError, IndexError, ValueError, TypeError):
        return None


def read_event_locations(path: Path) -> list[Record]:
    data = read_json_array(path, "E051", "the event-location JSON array of records with text, tokens "
                           "and VERB/LOCATION spans")
    out = []
    for n, rec in enumerate(data, start=1):
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise ValueError(f"[E052] {path}: record {n} has no text")
        tokens = rec.get("tokens") or []
        verbs = [s for s in rec.get("spans") or [] if s.get("label") == "VERB"]
        if not verbs:
            continue
        verb = _span(tokens, verbs[0])
        if verb is None:
            raise ValueError(f"[E052] {path}: record {n}: its VERB span has no valid token_start/token_end")
        locs = tuple(sp for sp in (_span(tokens, s) for s in rec.get("spans") or [] if s.get("label") == "LOCATION")
                     if sp is not None)
        out.append(Record(str(rec.get("_id") or rec.get("_task_hash") or n), rec["text"], verb, locs))
    return out


def evaluate_event_location(path: Path, knowledge: Knowledge) -> Report:
    from rich.markup import escape

    from annalist.evaluate import Report
    from annalist.pipeline import place_for_span

    records = read_event_locations(path)
    right = with_place = right_with = no_place = right_without = 0
    lines: list[str] = []
    for r in records:
        place = place_for_span(r.text, r.verb[0], r.verb[1], "en", knowledge)
        chosen = (place.start, place.end) if place is not None else None
        if r.locations:
            with_place += 1
            ok = chosen is not None and any(chosen[0] < b and a < chosen[1] for a, b in r.locations)
            right_with += ok
        else:
            no_place += 1
            ok = chosen is None
            right_without += ok
        right += ok
        if not ok:
            gold = ", ".join(r.text[a:b] for a, b in r.locations) or "no place"
            got = r.text[chosen[0]:chosen[1]] if chosen else "no place"
            lines.append(f"  [yellow]wrong[/yellow] verb «{escape(r.text[r.verb[0]:r.verb[1]])}» gold {escape(gold)} · "
                         f"system {escape(got)} · {escape(r.text[:160])}")
    figures = {
        "event_place_accuracy": round(right / len(records), 4) if records else 0.0,
        "accuracy_with_place": round(right_with / with_place, 4) if with_place else 0.0,
        "accuracy_no_place": round(right_without / no_place, 4) if no_place else 0.0,
    }
    head = [f"[bold]records[/bold] {len(records)} ({with_place} with a gold place, {no_place} without), right {right}"]
    return Report(figures, head + lines)

"""Scoring against the PLOVER gold-standard records (GSR): one coded sentence per record.

The gold file is one JSON array of PLOVER records (manual v0.5 field names).  What is read:

- ``text``: one English sentence, coded as a Document of its own (language ``en``,
  published = the record's ``date``; in the CAMEO-derived GSR every date is 2000-01-01);
- ``event``: the gold type.  Manual v0.5 names are mapped to today's (:data:`V05_TYPES`:
  DEMAND → REQUEST, DISAPPROVE → ACCUSE, FIGHT → ASSAULT, INVESTIGATE → ACCUSE); records
  whose event is ``DOCUMENT`` are file documentation, not events, and are skipped;
- ``source`` / ``target``: lists of ``{"actorText", "code", "sector"}``, or ``""`` / ``null``
  / a missing key for none.  A code is read by its first three letters (CAMEO style:
  ``USAGOV`` → USA, sector GOV when the record gives no ``sector``); the CAMEO spellings in
  :data:`CODE_ALIASES` become ISO 3166 alpha-3; the CAMEO transnational-organisation codes in
  :data:`ORGANISATION_CODES` (IGO, NGO, NGM, UNO) stand for "an organisation" and match any
  organisation code of annalist's ``igos.tsv`` (UN, EU, NATO, ICRC ...).  Other codes that
  are not countries (IMG, a militant group; ISM ...) are kept as they are and match nothing
  annalist produces.  A sector is read the same way (``CVLalb`` → CVL; ``***``, unknown, is
  no sector);
- ``textInfo.markup``: actors marked ``SRC/TAR`` are joint ("X and Y agreed"): each is both
  source and target, so the system's actors and recipients together must be those countries.

The system's answer for a sentence is its best *news* event (no historical, future,
hypothetical or negated flag): the one with the highest confidence, and of equal ones the
one whose trigger comes first in the sentence (in the short news sentences of the GSR the
main clause comes first and reported-speech frames and background come after it).  A
sentence where no news event is coded has the system type ``none``.

Figures (``--json`` keys):

- ``type_accuracy``: right types / sentences where a type was found;
- ``type_accuracy_all``: right types / all sentences (``none`` is wrong);
- ``coverage``: sentences where a type was found / all sentences;
- ``macro_f1``: mean F1 over the PLOVER types present in the gold or the output (a type in
  neither has no F1); per type, a sentence of gold type T coded T is a true positive, coded
  otherwise or ``none`` a false negative, and a sentence coded T whose gold is another type a
  false positive;
- ``actor_country_accuracy`` / ``recipient_country_accuracy``: on the sentences where a type
  was found, the share whose system actor (recipient) countries are exactly the gold source
  (target) codes, an empty target matching no recipient;
- ``actor_country_accuracy_type_right`` / ``recipient_country_accuracy_type_right``: the same
  on the sentences whose type is right;
- ``actor_sector_accuracy``: on the sentences where a type was found and the gold gives a
  source sector, the share whose system actor sectors are exactly the gold source sectors.

Example record (invented): ``{"id": "X-1", "event": "DEMAND", "date": "2024-05-02",
"source": [{"actorText": "Chile", "code": "CHL"}], "target": [{"actorText": "Peru",
"code": "PER"}], "text": "Chile urged Peru to reopen the border."}`` → gold REQUEST CHL → PER;
annalist codes REQUEST CHL → PER: type, actor and recipient right.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annalist.evaluate import read_json_array
from annalist.model import PLOVER_TYPES, Event, PartialDate

if TYPE_CHECKING:
    from annalist.evaluate import Report
    from annalist.knowledge.packs import Knowledge

#: PLOVER manual v0.5 event names → today's types.
V05_TYPES: dict[str, str] = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
#: Records that document the file, not an event.
SKIPPED_TYPES = frozenset({"DOCUMENT"})
#: CAMEO transnational-organisation codes: any organisation annalist knows matches them.
#: (IGO intergovernmental, NGO non-governmental, NGM non-governmental movement, UNO the UN.)
ORGANISATION_CODES = frozenset({"IGO", "NGO", "NGM", "UNO"})
#: What an organisation code compares as, on both sides.
ORGANISATION = "ORG"
#: Country codes of CAMEO-coded data that are not ISO 3166 alpha-3: older ISO codes
#: (ROM, ZAR, TMP, BUR) and the misspellings JAP, ITL, VTN seen in hand-coded records.
CODE_ALIASES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD",
                                "TMP": "TLS", "BUR": "MMR"}
#: Sector spellings of CAMEO-coded data → annalist's sector codes; ``***`` means unknown.
SECTOR_ALIASES: dict[str, str] = {"CIV": "CVL"}
UNKNOWN_SECTOR = "***"
NONE = "none"

_JOINT = re.compile(r"\(SRC/TAR:")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One gold record: a sentence and its coding, codes already normalised."""

    id: str
    text: str
    type: str  # today's PLOVER type
    source_type: str  # the type as the record names it (v0.5 names kept)
    actors: frozenset[str]
    recipients: frozenset[str]
    actor_sectors: frozenset[str]
    joint: bool
    published: PartialDate | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """A gold sentence with the system's best news event for it (None: nothing coded)."""

    gold: GoldSentence
    event: Event | None
    actors: frozenset[str] = frozenset()  # the event's codes, compared as the gold's are
    recipients: frozenset[str] = frozenset()
    actor_sectors: frozenset[str] = frozenset()

    @property
    def system_type(self) -> str:
        return self.event.type if self.event is not None else NONE

    @property
    def found(self) -> bool:
        return self.event is not None

    @property
    def type_right(self) -> bool:
        return self.system_type == self.gold.type

    @property
    def actor_right(self) -> bool:
        if self.gold.joint:
            return self.actors | self.recipients == self.gold.actors | self.gold.recipients
        return self.actors == self.gold.actors

    @property
    def recipient_right(self) -> bool:
        if self.gold.joint:
            return self.actors | self.recipients == self.gold.actors | self.gold.recipients
        return self.recipients == self.gold.recipients

    @property
    def sector_right(self) -> bool:
        return self.actor_sectors == self.gold.actor_sectors


def gold_code(code: str) -> str:
    """A gold actor code as annalist compares it.

    >>> [gold_code(c) for c in ("USAGOV", "irq", "IGO", "UNO", "JAP", "IMG")]
    ['USA', 'IRQ', 'ORG', 'ORG', 'JPN', 'IMG']
    """
    head = code.strip().upper()[:3]
    if head in ORGANISATION_CODES:
        return ORGANISATION
    return CODE_ALIASES.get(head, head)


def gold_sector(sector: str | None, code: str = "") -> str | None:
    """A gold sector as annalist names it, from ``sector`` or else the code after the country.

    >>> gold_sector("CVLalb"), gold_sector(None, "USAGOV"), gold_sector("***"), gold_sector("CIV")
    ('CVL', 'GOV', None, 'CVL')
    """
    raw = (sector or code.strip()[3:6]).upper()[:3]
    if not raw or raw == UNKNOWN_SECTOR:
        return None
    return SECTOR_ALIASES.get(raw, raw)


def system_code(code: str, organisations: Mapping[str, str] | Iterable[str]) -> str:
    """A system actor code as it compares with the gold: organisations become one class.

    >>> system_code("NATO", {"NATO": "IGO"}), system_code("FRA", {"NATO": "IGO"})
    ('ORG', 'FRA')
    """
    return ORGANISATION if code in organisations else code


def _actor_list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict)]
    return []  # "", None, a missing key


def _codes(actors: list[dict[str, Any]]) -> frozenset[str]:
    return frozenset(gold_code(a["code"]) for a in actors if isinstance(a.get("code"), str) and a["code"].strip())


def _sectors(actors: list[dict[str, Any]]) -> frozenset[str]:
    out = (gold_sector(a.get("sector") if isinstance(a.get("sector"), str) else None, str(a.get("code") or ""))
           for a in actors)
    return frozenset(s for s in out if s)


def read_gsr(path: Path) -> list[GoldSentence]:
    """The coded sentences of a GSR file (DOCUMENT records skipped)."""
    records = read_json_array(path, "E031", "a PLOVER GSR file: one JSON array of records")
    out = []
    for n, r in enumerate(records, start=1):
        if not isinstance(r, dict):
            raise ValueError(f"[E032] {path}: record {n} is not a JSON object")
        name = str(r.get("event") or "").strip().upper()
        if name in SKIPPED_TYPES:
            continue
        rid = str(r.get("id") or f"record {n}")
        etype = V05_TYPES.get(name, name)
        if etype not in PLOVER_TYPES:
            raise ValueError(f"[E033] {path}: {rid}: unknown event type {r.get('event')!r}: want one of the 16 "
                             f"PLOVER types or a v0.5 name ({', '.join(sorted(V05_TYPES))})")
        text = r.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"[E032] {path}: {rid}: no text")
        try:
            published = PartialDate.parse(r["date"]) if r.get("date") else None
        except ValueError as exc:
            raise ValueError(f"[E032] {path}: {rid}: {exc}") from None
        source = _actor_list(r.get("source"))
        markup = str((r.get("textInfo") or {}).get("markup") or "") if isinstance(r.get("textInfo"), dict) else ""
        out.append(GoldSentence(
            id=rid, text=text, type=etype, source_type=name, actors=_codes(source),
            recipients=_codes(_actor_list(r.get("target"))), actor_sectors=_sectors(source),
            joint=bool(_JOINT.search(markup)), published=published,
        ))
    return out


def best_event(events: Iterable[Event]) -> Event | None:
    """The news event with the highest confidence; of equal ones, the first told."""
    news = [e for e in events if e.is_news]
    return min(news, key=lambda e: (-e.confidence, e.evidence.start), default=None)


def outcome(gold: GoldSentence, event: Event | None, organisations: Mapping[str, str] | Iterable[str]) -> Outcome:
    if event is None:
        return Outcome(gold, None)
    return Outcome(
        gold, event,
        actors=frozenset(system_code(c, organisations) for c in event.actor_countries),
        recipients=frozenset(system_code(c, organisations) for c in event.recipient_countries),
        actor_sectors=frozenset(a.sector for a in event.actor if a.sector),
    )


@dataclass(frozen=True, slots=True)
class TypeScore:
    type: str
    gold: int
    system: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def per_type(outcomes: list[Outcome]) -> list[TypeScore]:
    """P/R/F1 per PLOVER type present in the gold or the output, in the manual's order."""
    gold = Counter(o.gold.type for o in outcomes)
    system = Counter(o.system_type for o in outcomes if o.found)
    right = Counter(o.gold.type for o in outcomes if o.type_right)
    return [TypeScore(t, gold[t], system[t], right[t]) for t in PLOVER_TYPES if gold[t] or system[t]]


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    found = [o for o in outcomes if o.found]
    typed = [o for o in found if o.type_right]
    sectored = [o for o in found if o.gold.actor_sectors]
    types = per_type(outcomes)
    return {
        "type_accuracy": _ratio(len(typed), len(found)),
        "type_accuracy_all": _ratio(len(typed), len(outcomes)),
        "macro_f1": round(sum(t.f1 for t in types) / len(types), 4) if types else 0.0,
        "coverage": _ratio(len(found), len(outcomes)),
        "actor_country_accuracy": _ratio(sum(o.actor_right for o in found), len(found)),
        "recipient_country_accuracy": _ratio(sum(o.recipient_right for o in found), len(found)),
        "actor_country_accuracy_type_right": _ratio(sum(o.actor_right for o in typed), len(typed)),
        "recipient_country_accuracy_type_right": _ratio(sum(o.recipient_right for o in typed), len(typed)),
        "actor_sector_accuracy": _ratio(sum(o.sector_right for o in sectored), len(sectored)),
    }


def _abbrev(t: str) -> str:
    return t[:4]


def confusion_lines(outcomes: list[Outcome]) -> list[str]:
    """Gold type (rows) against system type (columns, ``none`` last); zeros shown as dots."""
    counts = Counter((o.gold.type, o.system_type) for o in outcomes)
    rows = [t for t in PLOVER_TYPES if any(o.gold.type == t for o in outcomes)]
    cols = [*PLOVER_TYPES, NONE]
    lines = ["[bold]confusion[/bold] (rows gold, columns system)",
             f"{'':10}" + "".join(f"{_abbrev(c):>5}" for c in cols)]
    for g in rows:
        cells = "".join(f"{(str(counts[g, c]) if counts[g, c] else '.'):>5}" for c in cols)
        lines.append(f"{g:10}{cells}")
    return lines


def _codes_str(codes: frozenset[str]) -> str:
    return "+".join(sorted(codes)) or "-"


def _describe(o: Outcome) -> str:
    from rich.markup import escape

    g = o.gold
    gold = f"{g.type}{'' if g.source_type == g.type else f' ({g.source_type})'} {_codes_str(g.actors)}→" \
           f"{_codes_str(g.recipients)}{' joint' if g.joint else ''}"
    if o.event is None:
        system = NONE
    else:
        e = o.event
        system = (f"{e.type}/{e.mode or '-'} {_codes_str(o.actors)}→{_codes_str(o.recipients)} "
                  f"[{e.rule}] «{e.evidence.trigger}»")
    return escape(f"{g.id}: gold {gold} · system {system} · {g.text}")


def report_lines(outcomes: list[Outcome]) -> list[str]:
    found = [o for o in outcomes if o.found]
    lines = [f"[bold]sentences[/bold] {len(outcomes)}, type found in {len(found)}, "
             f"type right {sum(o.type_right for o in outcomes)}",
             "[bold]per type[/bold]",
             f"{'type':10}{'gold':>6}{'system':>8}{'right':>7}{'P':>7}{'R':>7}{'F1':>7}"]
    for t in per_type(outcomes):
        lines.append(f"{t.type:10}{t.gold:>6}{t.system:>8}{t.right:>7}"
                     f"{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}")
    lines.extend(confusion_lines(outcomes))
    for o in outcomes:
        if not o.found:
            lines.append(f"  [red]none[/red] {_describe(o)}")
        elif not o.type_right:
            lines.append(f"  [yellow]type[/yellow] {_describe(o)}")
        elif not (o.actor_right and o.recipient_right):
            which = " ".join(w for w, ok in (("actor", o.actor_right), ("recipient", o.recipient_right)) if not ok)
            lines.append(f"  [magenta]{which}[/magenta] {_describe(o)}")
    return lines


def code_sentences(gold: list[GoldSentence], knowledge: Knowledge, origin: str = "") -> list[Outcome]:
    """Run the pipeline on each gold sentence and keep its best news event."""
    from annalist.ingest.document import make_document
    from annalist.model import Document
    from annalist.pipeline import process_document

    out = []
    for g in gold:
        doc = make_document(g.text, origin=f"{origin}#{g.id}", position=g.id, language="en", published=g.published)
        events = process_document(doc, knowledge).events if isinstance(doc, Document) else ()
        out.append(outcome(g, best_event(events), knowledge.igos))
    return out


def evaluate_plover_gsr(path: Path, knowledge: Knowledge) -> Report:
    """Code every sentence of a PLOVER GSR file and score type, actor and recipient."""
    from annalist.evaluate import Report

    outcomes = code_sentences(read_gsr(path), knowledge, origin=str(path))
    return Report(figures(outcomes), report_lines(outcomes))

"""Scoring story clustering against ECB+ (Cybulska and Vossen 2014).

ECB+ is a folder of topics (``1/``, ``2/`` ...), each holding token XML files of two kinds:
``N_Mecb.xml`` report one real event (the ECB seminal event), ``N_Mecbplus.xml`` a similar
but different one (an earthquake in another year, another celebrity checking into rehab).
The gold story of a document is therefore its topic and its kind.

annalist reads every document (English, no publication date: ECB+ gives none), codes it and
clusters the documents into stories with the same stage a run uses
(:func:`annalist.runner.cross_document`: actor linking, fusion, stories).

Figures (``--json``): ``bcubed_precision``, ``bcubed_recall``, ``bcubed_f1`` (B-cubed over
documents), ``pairwise_f1`` (over pairs of documents in one story), ``topics_split_ok`` (the
share of topics whose two events are kept apart: the story holding most of one event's
documents is not the story holding most of the other's) and ``topics``, ``documents``.
Only topics 1-22 are read by default (the dev half); ``ANNALIST_ECB_TOPICS=1-43`` reads more.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annalist.evaluate import Report
    from annalist.knowledge.packs import Knowledge
    from annalist.model import Event, FusedEvent

_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
#: No space before these tokens, none after the opening ones.
_NO_SPACE_BEFORE = frozenset(".,;:!?%)]}'\"”’") | {"'s", "n't", "''", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset("([{$“‘") | {"``"}


@dataclass(frozen=True, slots=True)
class EcbDocument:
    id: str
    topic: int
    kind: str  # "ecb" or "ecbplus"
    text: str
    #: the action mentions in a cross-document coreference chain: (start, end, chain) in ``text``
    actions: tuple[tuple[int, int, str], ...] = ()

    @property
    def gold(self) -> str:
        return f"{self.topic}:{self.kind}"


def _topics() -> set[int]:
    spec = os.environ.get("ANNALIST_ECB_TOPICS", "1-22")
    out: set[int] = set()
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def detokenize(sentences: list[list[str]]) -> str:
    """Running text from ECB+ tokens: one line per sentence, spaces where English puts them."""
    return _detokenize(sentences)[0]


def _detokenize(sentences: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """The running text and each token's (start, end) in it, in order."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for n, words in enumerate(sentences):
        if n:
            out.append("\n")
            at += 1
        glue = True
        first = True
        for w in words:
            if w == "``":
                w = "“"
            elif w == "''":
                w = "”"
            if not first and not glue and w not in _NO_SPACE_BEFORE and not w.startswith("'"):
                out.append(" ")
                at += 1
            spans.append((at, at + len(w)))
            out.append(w)
            at += len(w)
            first = False
            glue = w in _NO_SPACE_AFTER or w == "“"
    return "".join(out), spans


def read_document(path: Path) -> EcbDocument:
    m = _FILE.match(path.name)
    if m is None:
        raise ValueError(f"[E053] {path}: not an ECB+ file name (want TOPIC_Necb.xml or TOPIC_Necbplus.xml)")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"[E053] {path}: not XML ({exc})") from None
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        sentences[int(tok.get("sentence") or 0)].append((tok.get("t_id") or "", tok.text or ""))
    ordered = [sentences[k] for k in sorted(sentences)]
    text, spans = _detokenize([[w for _, w in sent] for sent in ordered])
    where = dict(zip((t for sent in ordered for t, _ in sent), spans))
    return EcbDocument(id=path.stem, topic=int(m.group(1)), kind=m.group(3), text=text,
                       actions=_actions(root, where))


def _actions(root: ET.Element, where: dict[str, tuple[int, int]]) -> tuple[tuple[int, int, str], ...]:
    """The action mentions of a cross-document chain ("ACT…"), as text spans with the chain."""
    spans: dict[str, tuple[int, int]] = {}
    for markable in root.iter():
        if markable.tag.startswith("ACTION_"):
            tokens = [where[t.get("t_id") or ""] for t in markable if t.get("t_id") in where]
            if tokens:
                spans[markable.get("m_id") or ""] = (min(a for a, _ in tokens), max(b for _, b in tokens))
    out = []
    for rel in root.iter("CROSS_DOC_COREF"):
        chain = rel.get("note") or ""
        if not chain.startswith("ACT"):
            continue
        for src in rel.findall("source"):
            if (span := spans.get(src.get("m_id") or "")) is not None:
                out.append((*span, chain))
    return tuple(sorted(set(out)))


def read_ecbplus(folder: Path, topics: set[int] | None = None) -> list[EcbDocument]:
    if not folder.is_dir():
        raise ValueError(f"[E053] {folder}: not a folder; want the ECB+ folder of topic folders (1/, 2/ ...)")
    if (folder / "ECB+").is_dir():
        folder = folder / "ECB+"
    wanted = topics if topics is not None else _topics()
    docs = []
    for sub in sorted(folder.iterdir(), key=lambda p: p.name):
        if not (sub.is_dir() and sub.name.isdigit() and int(sub.name) in wanted):
            continue
        for path in sorted(sub.glob("*.xml")):
            if _FILE.match(path.name):
                docs.append(read_document(path))
    if not docs:
        raise ValueError(f"[E053] {folder}: no ECB+ documents of topics {min(wanted)}-{max(wanted)}")
    return docs


def bcubed(gold: dict[str, str], system: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_sys: dict[str, set[str]] = defaultdict(set)
    for item, g in gold.items():
        by_gold[g].add(item)
        by_sys[system[item]].add(item)
    p = r = 0.0
    for item in gold:
        same_gold, same_sys = by_gold[gold[item]], by_sys[system[item]]
        both = len(same_gold & same_sys)
        p += both / len(same_sys)
        r += both / len(same_gold)
    n = len(gold)
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise_f1(gold: dict[str, str], system: dict[str, str]) -> float:
    def pairs(clusters: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for item, c in clusters.items():
            groups[c].append(item)
        return {(a, b) for g in groups.values() for i, a in enumerate(sorted(g)) for b in sorted(g)[i + 1:]}

    gp, sp = pairs(gold), pairs({k: system[k] for k in gold})
    if not gp or not sp:
        return 0.0
    tp = len(gp & sp)
    p, r = tp / len(sp), tp / len(gp)
    return 2 * p * r / (p + r) if p + r else 0.0


def topics_split(docs: list[EcbDocument], system: dict[str, str]) -> tuple[int, int]:
    """(topics whose two events are kept apart, topics with both kinds)."""
    by_topic: dict[int, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for d in docs:
        by_topic[d.topic][d.kind][system[d.id]] += 1
    ok = n = 0
    for kinds in by_topic.values():
        if len(kinds) < 2:
            continue
        n += 1
        majority = {k: c.most_common(1)[0][0] for k, c in kinds.items()}
        ok += majority["ecb"] != majority["ecbplus"]
    return ok, n


def event_coreference(docs: list[EcbDocument], events: list[Event], fused: list[FusedEvent],
                      ) -> tuple[tuple[float, float, float], float]:
    """Cross-document event coreference where ECB+ annotates it: each gold action mention of a
    cross-document chain takes the fused event of the coded event whose trigger (in any sentence
    telling it) overlaps it; a mention no event covers is a cluster of its own.  B-cubed P/R/F1
    over all those mentions, and the share of them that an event covers."""
    fused_of = {m: f.id for f in fused for m in f.members}
    triggers: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in events:
        for ev in (e.evidence, *e.mentions):
            triggers[e.doc_id].append((ev.start, ev.end, fused_of.get(e.id, e.id)))
    gold: dict[str, str] = {}
    system: dict[str, str] = {}
    covered = 0
    for d in docs:
        for start, end, chain in d.actions:
            item = f"{d.id}:{start}"
            gold[item] = chain
            hit = next((c for s, t, c in triggers[d.id] if s < end and start < t), None)
            covered += hit is not None
            system[item] = hit if hit is not None else item
    if not gold:
        return (0.0, 0.0, 0.0), 0.0
    return bcubed(gold, system), covered / len(gold)


def evaluate_ecbplus(path: Path, knowledge: Knowledge) -> Report:
    from rich.progress import track

    from annalist.evaluate import Report
    from annalist.model import Document
    from annalist.pipeline import process_document
    from annalist.runner import cross_document

    docs = read_ecbplus(path)
    documents: list[Document] = []
    events: list[Event] = []
    keys: dict[str, tuple[str, ...]] = {}
    for d in track(docs, description="coding ECB+ documents", transient=True):
        result = process_document(Document(id=d.id, text=d.text, language="en"), knowledge)
        documents.append(result.document)
        events.extend(result.events)
        keys[d.id] = result.keys
    _, fused, stories = cross_document(documents, events, keys)
    system = {doc: s.id for s in stories for doc in s.documents}
    gold = {d.id: d.gold for d in docs}
    p, r, f = bcubed(gold, system)
    ok, n = topics_split(docs, system)
    coref, coverage = event_coreference(docs, events, fused)
    figures = {
        "bcubed_precision": round(p, 4), "bcubed_recall": round(r, 4), "bcubed_f1": round(f, 4),
        "event_coref_bcubed_f1": round(coref[2], 4), "event_coref_coverage": round(coverage, 4),
        "pairwise_f1": round(pairwise_f1(gold, system), 4),
        "topics_split_ok": round(ok / n, 4) if n else 0.0,
        "topics": float(n), "documents": float(len(docs)),
    }
    lines = [f"[bold]documents[/bold] {len(docs)} in {len({d.topic for d in docs})} topics; "
             f"{len(stories)} stories (gold {len(set(gold.values()))}); two events kept apart in {ok}/{n} topics"]
    by_story: dict[str, Counter[str]] = defaultdict(Counter)
    for d in docs:
        by_story[system[d.id]][d.gold] += 1
    for s in stories:
        mix = by_story[s.id]
        if len(mix) > 1:
            lines.append(f"  [yellow]mixed[/yellow] {s.label[:60]!r}: " + ", ".join(f"{g}×{c}" for g, c in mix.most_common()))
    return Report(figures, lines)

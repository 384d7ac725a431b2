"""Scoring named entities against KIND-style TSV (`annalist eval --format kind`).

The gold format (KIND, the Kessler Italian Named-entities Dataset, and CoNLL files like it): one
token per line, ``token<TAB>BIO-tag``, a blank line between sentences; tags ``O``,
``B-PER``/``I-PER``, ``B-LOC``/``I-LOC``, ``B-ORG``/``I-ORG`` (other labels are read and ignored).

The sentences are turned back into text (no space before punctuation or after an elided
article, so ``dell' università`` reads ``dell'università``), grouped into documents (the files
have none: a sentence without final punctuation longer than a section heading, a headline,
starts a new one), and given one document at a time, sentences on their own lines, to
:func:`annalist.extract.entities.recognise_entities`; its character spans are mapped back to
tokens.  The language is detected from the text.  Scoring is CoNLL's: an entity counts when its
token span and its label are both exact.

The confusion table crosses gold labels with system labels over spans: a gold entity and a
system entity with the same span but different labels are a confusion; a gold entity with no
system entity on its span is (gold label, O); a system entity with no gold entity on its span is
(O, system label).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annalist.evaluate import Report
    from annalist.knowledge.packs import Knowledge

LABELS = ("PER", "LOC", "ORG")
TAG_RE = re.compile(r"^(O|[BI]-[A-Za-z]+)$")
NO_SPACE_BEFORE = frozenset(",.;:!?)]}»%…")
NO_SPACE_AFTER = frozenset("([{«")
QUOTES = frozenset({'"', "“", "”"})
SENTENCE_END = frozenset(".!?…:;)\"»”'")
#: a headline of at most this many tokens is a section heading, not the title of a new document
SECTION_HEADING = 4
#: misses shown in the report, per kind
SAMPLE = 15

Span = tuple[int, int, str]  # first token, token after the last, label


class KindFormatError(ValueError):
    """A line of the TSV that is not ``token<TAB>tag``."""


@dataclass(slots=True)
class Sentence:
    tokens: list[str]
    tags: list[str]
    line: int  # the line of its first token

    def spans(self) -> set[Span]:
        return bio_spans(self.tags)


def read_kind(path: Path) -> list[Sentence]:
    """Read a KIND-style TSV.  Raises KindFormatError naming the line of a malformed row."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    first = 0
    with path.open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if tokens:
                    sentences.append(Sentence(tokens, tags, first))
                    tokens, tags = [], []
                continue
            cells = line.split("\t")
            if len(cells) != 2 or not cells[0].strip():
                raise KindFormatError(
                    f"[E010] {path}: line {n}: expected 'token<TAB>tag', got {line[:60]!r}"
                    " (one token per line, a tab, then O, B-LABEL or I-LABEL)")
            tag = cells[1].strip()
            if not TAG_RE.match(tag):
                raise KindFormatError(f"[E011] {path}: line {n}: {tag!r} is not a BIO tag (O, B-PER, I-LOC ...)")
            if not tokens:
                first = n
            tokens.append(cells[0].strip())
            tags.append(tag)
    if tokens:
        sentences.append(Sentence(tokens, tags, first))
    return sentences


def bio_spans(tags: list[str]) -> set[Span]:
    """Entity spans of a BIO sequence, CoNLL style (an I- that does not continue starts an entity)."""
    spans: set[Span] = set()
    start, label = -1, ""
    for k, tag in enumerate([*tags, "O"]):
        kind, _, lab = tag.partition("-")
        if start >= 0 and not (kind == "I" and lab == label):
            spans.add((start, k, label))
            start = -1
        if kind == "B" or (kind == "I" and start < 0):
            start, label = k, lab
    return {s for s in spans if s[2] in LABELS}


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text of a tokenised sentence and each token's character span in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    quote_open = False
    glue = True  # no space before the next token
    for tok in tokens:
        is_quote = tok in QUOTES
        space = not glue and tok not in NO_SPACE_BEFORE and not (is_quote and quote_open)
        if space:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        glue = tok in NO_SPACE_AFTER or (is_quote and not quote_open) or (tok[-1] in "'’" and len(tok) > 1)
        if is_quote:
            quote_open = not quote_open
    return "".join(parts), offsets


def documents(sentences: list[Sentence]) -> list[list[int]]:
    """Sentence indices grouped into documents: a sentence without final punctuation (a headline)
    starts a new one, unless it is as short as a section heading or follows another headline.
    The files have no document boundaries; this only gives the recogniser the context of nearby
    sentences, as a real article would."""
    docs: list[list[int]] = []
    for k, s in enumerate(sentences):
        if not docs or (_is_headline(s) and len(s.tokens) > SECTION_HEADING
                        and not _is_headline(sentences[docs[-1][-1]])):
            docs.append([])
        docs[-1].append(k)
    return docs


def _is_headline(s: Sentence) -> bool:
    return s.tokens[-1][-1] not in SENTENCE_END


def to_token_spans(entities: list[tuple[int, int, str]], offsets: list[tuple[int, int]]) -> set[Span]:
    """Character spans (start, end, label) → token spans: the tokens the span overlaps."""
    out: set[Span] = set()
    for start, end, label in entities:
        toks = [k for k, (a, b) in enumerate(offsets) if a < end and b > start]
        if toks:
            out.add((toks[0], toks[-1] + 1, label))
    return out


@dataclass
class Scores:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, system), O = none
    boundary: int = 0  # gold entities that a system entity overlaps without the exact span

    def add(self, gold: set[Span], system: set[Span]) -> tuple[list[Span], list[Span]]:
        """Count one sentence; return its misses (gold not found) and false entities (system not in gold)."""
        for _i, _j, lab in gold & system:
            self.tp[lab] += 1
        misses = sorted(gold - system)
        false = sorted(system - gold)
        for _i, _j, lab in misses:
            self.fn[lab] += 1
        for _i, _j, lab in false:
            self.fp[lab] += 1
        gold_at = {(i, j): lab for i, j, lab in gold}
        sys_at = {(i, j): lab for i, j, lab in system}
        for span, lab in gold_at.items():
            self.confusion[(lab, sys_at.get(span, "O"))] += 1
            if span not in sys_at and any(i < span[1] and j > span[0] for i, j in sys_at):
                self.boundary += 1
        for span, lab in sys_at.items():
            if span not in gold_at:
                self.confusion[("O", lab)] += 1
        return misses, false

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        labels = [label] if label else list(LABELS)
        tp = sum(self.tp[x] for x in labels)
        fp = sum(self.fp[x] for x in labels)
        fn = sum(self.fn[x] for x in labels)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for lab in LABELS:
            p, r, f = self.prf(lab)
            key = lab.lower()
            out[f"{key}_precision"], out[f"{key}_recall"], out[f"{key}_f1"] = round(p, 4), round(r, 4), round(f, 4)
        p, r, f = self.prf()
        out["precision"], out["recall"], out["f1"] = round(p, 4), round(r, 4), round(f, 4)
        return out

    def table(self) -> list[str]:
        lines = [f"{'':>6} {'gold':>6} {'system':>6} {'right':>6} {'P':>6} {'R':>6} {'F1':>6}"]
        for lab in [*LABELS, None]:
            labels = [lab] if lab else list(LABELS)
            tp = sum(self.tp[x] for x in labels)
            gold = tp + sum(self.fn[x] for x in labels)
            system = tp + sum(self.fp[x] for x in labels)
            p, r, f = self.prf(lab)
            lines.append(f"{lab or 'all':>6} {gold:>6} {system:>6} {tp:>6} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
        cols = [*LABELS, "O"]
        lines.append("")
        lines.append("confusion (rows gold, columns system; O = no entity on that span):")
        lines.append(f"{'':>6} " + " ".join(f"{c:>6}" for c in cols))
        for g in cols:
            cells = ["" if g == "O" and c == "O" else str(self.confusion[(g, c)]) for c in cols]
            lines.append(f"{g:>6} " + " ".join(f"{c:>6}" for c in cells))
        lines.append(f"boundary errors (a system entity overlaps a gold one, spans differ): {self.boundary}")
        return lines


def _markup_escape(text: str) -> str:
    return text.replace("[", "\\[")


def _show(tokens: list[str], span: Span) -> str:
    i, j, lab = span
    left = " ".join(tokens[max(0, i - 5): i])
    right = " ".join(tokens[j: j + 3])
    return _markup_escape(f"{lab:<3} … {left} ⟨{' '.join(tokens[i:j])}⟩ {right} …")


def evaluate_kind(path: Path, knowledge: Knowledge, language: str | None = None) -> Report:
    """Recognise the entities of a KIND-style TSV and score them (figures per label, confusions, misses)."""
    from annalist.evaluate import Report
    from annalist.extract.entities import recognise_entities
    from annalist.text.language import detect_language

    sentences = read_kind(path)
    texts = [detokenise(s.tokens) for s in sentences]
    if language is None:
        sample = "\n".join(t for t, _ in texts[:200])
        language = detect_language(sample, allowed=knowledge.languages) or "it"
    scores = Scores()
    misses: list[str] = []
    false: list[str] = []
    for doc in documents(sentences):
        # one text per document, sentences on their own lines; offsets shifted per sentence
        text_parts: list[str] = []
        base: list[int] = []
        pos = 0
        for k in doc:
            base.append(pos)
            text_parts.append(texts[k][0])
            pos += len(texts[k][0]) + 1
        found = recognise_entities("\n".join(text_parts), language, knowledge)
        for n, k in enumerate(doc):
            start, end = base[n], base[n] + len(texts[k][0])
            mine = [(e.start - start, e.end - start, e.label) for e in found if start <= e.start < end]
            system = to_token_spans(mine, texts[k][1])
            m, f = scores.add(sentences[k].spans(), system)
            misses.extend(f"line {sentences[k].line}: {_show(sentences[k].tokens, s)}" for s in m)
            false.extend(f"line {sentences[k].line}: {_show(sentences[k].tokens, s)}" for s in f)
    lines = [f"[bold]{_markup_escape(str(path))}[/bold]: {len(sentences)} sentences, language {language}", ""]
    lines.extend(scores.table())
    lines.append("")
    lines.append(f"[red]missed[/red] (first {SAMPLE} of {len(misses)}):")
    lines.extend(f"  {m}" for m in misses[:SAMPLE])
    lines.append(f"[yellow]false[/yellow] (first {SAMPLE} of {len(false)}):")
    lines.extend(f"  {f}" for f in false[:SAMPLE])
    return Report(scores.figures(), lines)

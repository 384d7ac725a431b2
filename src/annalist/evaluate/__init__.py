"""Evaluation against gold corpora (`annalist eval`).

Each evaluator is a function ``(path, knowledge) -> Report`` registered in
:data:`EVALUATORS` under its ``--format`` name.  A report carries the figures (named as the
issues and docs name them, so scripts can read ``--json``) and the lines a person reads:
per-document results, confusion tables, misses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annalist.knowledge.packs import Knowledge


@dataclass
class Report:
    figures: dict[str, float]
    lines: list[str] = field(default_factory=list)


Evaluator = Callable[[Path, Knowledge], Report]


def _gold_events(path: Path, knowledge: Knowledge) -> Report:
    from annalist.evaluate.gold_events import evaluate_gold_events

    return evaluate_gold_events(path, knowledge)


#: --format name -> evaluator.  Imports are deferred so `annalist eval --help` stays fast.
EVALUATORS: dict[str, Evaluator] = {
    "gold-events": _gold_events,
}


def evaluate(fmt: str, path: Path, knowledge: Knowledge) -> Report:
    try:
        return EVALUATORS[fmt](path, knowledge)
    except KeyError:
        raise ValueError(f"[E002] unknown gold format {fmt!r}: use one of {', '.join(sorted(EVALUATORS))}") from None

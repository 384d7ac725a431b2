"""Evaluation against gold corpora (`annalist eval`).

Each evaluator is a function ``(path, knowledge) -> Report`` registered in
:data:`EVALUATORS` under its ``--format`` name.  A report carries the figures (named as the
issues and docs name them, so scripts can read ``--json``) and the lines a person reads:
per-document results, confusion tables, misses.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annalist.knowledge.packs import Knowledge


@dataclass
class Report:
    figures: dict[str, float]
    lines: list[str] = field(default_factory=list)


Evaluator = Callable[[Path, Knowledge], Report]


def _deferred(module: str, function: str) -> Evaluator:
    """An evaluator imported only when it is used, so `annalist eval --help` stays fast."""

    def run(path: Path, knowledge: Knowledge) -> Report:
        evaluator: Evaluator = getattr(importlib.import_module(f"annalist.evaluate.{module}"), function)
        return evaluator(path, knowledge)

    return run


#: --format name -> evaluator.
EVALUATORS: dict[str, Evaluator] = {
    "gold-events": _deferred("gold_events", "evaluate_gold_events"),
    "kind": _deferred("kind", "evaluate_kind"),
    "plover-gsr": _deferred("plover_gsr", "evaluate_plover_gsr"),
    "geoxml": _deferred("geoxml", "evaluate_geoxml"),
    "event-location": _deferred("event_location", "evaluate_event_location"),
    "ecbplus": _deferred("ecbplus", "evaluate_ecbplus"),
}


def read_json_array(path: Path, code: str, want: str) -> list[object]:
    """The JSON array a gold file holds; ``ValueError`` "[code] …" naming the line otherwise.
    ``want``: what the file should be, for the message."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"[{code}] {path}: not JSON (line {exc.lineno}: {exc.msg}); want {want}") from None
    if not isinstance(data, list):
        raise ValueError(f"[{code}] {path}: want {want}, not a {type(data).__name__}")
    return data


def evaluate(fmt: str, path: Path, knowledge: Knowledge) -> Report:
    try:
        return EVALUATORS[fmt](path, knowledge)
    except KeyError:
        raise ValueError(f"[E002] unknown gold format {fmt!r}: use one of {', '.join(sorted(EVALUATORS))}") from None

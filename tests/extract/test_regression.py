"""Regression suite: short news snippets written for it, one expected event each.

The cases live in ``tests/extract/regression/<lang>.tsv`` (one file per language; the
columns and conventions are described in each file's header).  Every row becomes one test,
``<id>-<construction>`` (``it-017-passive``), which checks that the coder, on that snippet:

- finds exactly one event with the row's type, mode (when given), actor and recipient
  countries and aux flags (the aux set must be equal: an empty cell means no flag at all);
  whether that event is news follows from its aux (historical, future, hypothetical and
  negated events are not news; reported is);
- finds no other news event;
- for type ``-``: finds no news event at all.

Cases the engine gets wrong are listed in ``regression/known_failures.txt`` (``<test id>
<reason>`` per line) and run as strict xfails: a case that starts passing fails the run
until its line is removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pycountry
import pytest

from annalist.knowledge.packs import load_knowledge
from annalist.model import AUX_FLAGS, PLOVER_TYPES, Document, PartialDate
from annalist.pipeline import process_document

HERE = Path(__file__).parent / "regression"
LANGS = ("it", "en", "es", "fr", "de", "pt")
COLUMNS = ("id", "text", "published", "type", "mode", "actor", "recipient", "aux", "construction")
CONSTRUCTIONS = ("apposition", "passive", "reciprocal", "reported", "coordination", "backref", "prodrop",
                 "modality", "history", "plain")
MIN_PER_LANGUAGE = 25


@dataclass(frozen=True)
class Case:
    lang: str
    id: str
    text: str
    published: str
    type: str  # a PLOVER type, or "-" for "no news event at all"
    mode: str  # "" = not asserted
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    aux: frozenset[str]
    construction: str
    where: str  # file:line, for messages

    @property
    def test_id(self) -> str:
        return f"{self.id}-{self.construction}"

    @property
    def news(self) -> bool:
        return self.type != "-" and not (self.aux & {"historical", "future", "hypothetical", "negated"})


def _codes(cell: str) -> tuple[str, ...]:
    return tuple(cell.split("+")) if cell else ()


def _check(case: Case, valid_codes: frozenset[str], modes: dict[str, frozenset[str]]) -> list[str]:
    errors = []
    if not case.id.startswith(f"{case.lang}-") or not case.id[len(case.lang) + 1:].isdigit():
        errors.append(f"id {case.id!r} is not {case.lang}-NNN")
    if not case.text.strip():
        errors.append("empty text")
    try:
        PartialDate.parse(case.published)
    except ValueError:
        errors.append(f"bad published date {case.published!r}")
    if case.construction not in CONSTRUCTIONS:
        errors.append(f"unknown construction {case.construction!r}")
    if case.type == "-":
        if case.mode or case.actor or case.recipient or case.aux:
            errors.append("type '-' (no news event) takes no mode, actor, recipient or aux")
        return errors
    if case.type not in PLOVER_TYPES:
        errors.append(f"unknown PLOVER type {case.type!r}")
    elif case.mode and case.mode not in modes.get(case.type, frozenset()):
        errors.append(f"mode {case.mode!r} is not a mode of {case.type}")
    for side in (case.actor, case.recipient):
        if list(side) != sorted(set(side)):
            errors.append(f"codes {'+'.join(side)!r} are not sorted and unique")
        errors.extend(f"unknown country/IGO code {c!r}" for c in side if c not in valid_codes)
    if not case.actor:
        errors.append("an expected event needs an actor")
    unknown = case.aux - set(AUX_FLAGS)
    if unknown:
        errors.append(f"unknown aux flags {sorted(unknown)}")
    return errors


def load_cases() -> list[Case]:
    kn = load_knowledge()
    valid_codes = frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(kn.igos)
    cases: list[Case] = []
    problems: list[str] = []
    seen: set[str] = set()
    for lang in LANGS:
        path = HERE / f"{lang}.tsv"
        header_seen = False
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            where = f"{path.name}:{lineno}"
            if not header_seen:
                if tuple(cells) != COLUMNS:
                    problems.append(f"{where}: header must be {' '.join(COLUMNS)}")
                header_seen = True
                continue
            if len(cells) != len(COLUMNS):
                problems.append(f"{where}: {len(cells)} columns, want {len(COLUMNS)}")
                continue
            row = dict(zip(COLUMNS, cells))
            aux_cells = _codes(row["aux"])
            case = Case(lang=lang, id=row["id"], text=row["text"], published=row["published"], type=row["type"],
                        mode=row["mode"], actor=_codes(row["actor"]), recipient=_codes(row["recipient"]),
                        aux=frozenset(aux_cells), construction=row["construction"], where=where)
            errors = _check(case, valid_codes, kn.modes)
            if list(aux_cells) != sorted(set(aux_cells)):
                errors.append(f"aux {row['aux']!r} is not sorted and unique")
            if case.id in seen:
                errors.append(f"duplicate id {case.id!r}")
            seen.add(case.id)
            problems.extend(f"{where}: {e}" for e in errors)
            cases.append(case)
    if problems:
        raise ValueError("malformed regression cases:\n" + "\n".join(problems))
    return cases


def load_known_failures() -> dict[str, str]:
    known: dict[str, str] = {}
    for line in (HERE / "known_failures.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        test_id, _, reason = line.strip().partition(" ")
        known[test_id] = reason.strip() or "known failure"
    return known


CASES = load_cases()
KNOWN_FAILURES = load_known_failures()


def _params() -> list:
    params = []
    for case in CASES:
        marks = []
        if case.test_id in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[case.test_id], strict=True))
        params.append(pytest.param(case, id=case.test_id, marks=marks))
    return params


def _show(events) -> str:
    return "\n".join(
        f"  {'news' if e.is_news else 'kept'} {e.type}/{e.mode} {'+'.join(e.actor_countries) or '-'} -> "
        f"{'+'.join(e.recipient_countries) or '-'} aux={'+'.join(sorted(e.aux)) or '-'} [{e.rule}]"
        for e in events) or "  (no events)"


@pytest.mark.parametrize("case", _params())
def test_regression(case: Case):
    doc = Document(id=case.id, text=case.text, language=case.lang, published=PartialDate.parse(case.published))
    events = process_document(doc).events
    news = [e for e in events if e.is_news]
    got = f"{case.where}: {case.text}\ncoded:\n{_show(events)}"
    if case.type == "-":
        assert not news, f"want no news event\n{got}"
        return
    want = (f"want {case.type}/{case.mode or '*'} {'+'.join(case.actor)} -> {'+'.join(case.recipient) or '-'} "
            f"aux={'+'.join(sorted(case.aux)) or '-'} ({'news' if case.news else 'not news'})")
    matching = [e for e in events
                if e.type == case.type and (not case.mode or e.mode == case.mode)
                and e.actor_countries == case.actor and e.recipient_countries == case.recipient
                and frozenset(e.aux) == case.aux]
    assert len(matching) == 1, f"{want}\n{got}"
    others = [e for e in news if e is not matching[0]]
    assert not others, f"{want}, and no other news event\n{got}"


def test_regression_suite_covers_every_language_and_construction():
    for lang in LANGS:
        mine = [c for c in CASES if c.lang == lang]
        assert len(mine) >= MIN_PER_LANGUAGE, (lang, len(mine))
        missing = set(CONSTRUCTIONS) - {c.construction for c in mine}
        assert not missing, (lang, sorted(missing))


def test_regression_known_failures_name_existing_cases():
    ids = {c.test_id for c in CASES}
    stale = sorted(set(KNOWN_FAILURES) - ids)
    assert not stale, f"known_failures.txt lists cases that do not exist: {stale}"

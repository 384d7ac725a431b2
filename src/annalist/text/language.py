"""Language identification, per paragraph, with py3langid's bundled model.

Contract: ``paragraph_languages(text, default=…) -> [(start, end, language)]``.  It needs the
cleaned text and returns one ISO 639-1 code per non-blank paragraph.  Example::

    >>> text = "Il presidente francese ha incontrato ieri il cancelliere tedesco.\\n\\n" \\
    ...        "The two leaders then visited a wind farm on the northern coast."
    >>> paragraph_languages(text, default=None)
    [(0, 65, 'it'), (67, 130, 'en')]

The model ships inside py3langid (no download); it is loaded once per process, lazily, and
restricted copies are cached per set of allowed languages.  Without ``allowed`` the candidates
are py3langid's two-letter (ISO 639-1) labels.

A paragraph is judged only when it has at least :data:`MIN_LETTERS` letters and its best
language is at least :data:`MIN_MARGIN` times as likely as the runner-up.  A paragraph that
cannot be judged (a short headline, a line of names) takes the language of the paragraph
before it, or the document's language when it comes first.  The document's language is the
one covering the most characters.
"""

from __future__ import annotations

import copy
import functools
from collections import Counter
from collections.abc import Sequence

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = [
    "MIN_LETTERS",
    "MIN_MARGIN",
    "assign_languages",
    "detect_language",
    "paragraph_languages",
    "paragraphs",
]

#: Fewer letters than this and a text is too short to judge.
MIN_LETTERS = 40
#: The best language must be at least this many times as likely as the second best.
MIN_MARGIN = 3.0


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs of ``text`` (separated by blank lines).

    Each span is stripped of surrounding whitespace, so ``text[start:end]`` begins and ends
    with a visible character.

    >>> paragraphs("Titolo\\nriga due\\n\\n  \\nSecondo.\\n")
    [(0, 15), (20, 28)]
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        content = line.strip()
        if content:
            if start is None:
                start = offset + line.index(content[0])
            end = offset + len(line.rstrip())
        elif start is not None:
            spans.append((start, end))
            start = None
        offset += len(line)
    if start is not None:
        spans.append((start, end))
    return spans


def detect_language(text: str, *, allowed: Sequence[str] | None = None) -> str | None:
    """The language of ``text`` as an ISO 639-1 code, or None when it cannot be told.

    None means the text has fewer than :data:`MIN_LETTERS` letters or no language is
    clearly ahead (see :data:`MIN_MARGIN`).  ``allowed`` restricts the candidates; an
    unknown code raises ``ValueError`` ([T001]).
    """
    if _letters(text) < MIN_LETTERS:
        return None
    ranking = _identifier(_allowed_key(allowed)).rank(text)
    best, p_best = ranking[0]
    p_second = ranking[1][1] if len(ranking) > 1 else 0.0
    return best if p_best >= MIN_MARGIN * p_second else None


def paragraph_languages(
    text: str, *, default: str | None, allowed: Sequence[str] | None = None
) -> list[tuple[int, int, str]]:
    """One ``(start, end, language)`` per non-blank paragraph of ``text``.

    ``default`` is the language used when no paragraph can be judged (a hint such as a
    JSONL ``language`` field); when it is None the model's best guess for the whole text
    is used instead.
    """
    return assign_languages(text, default=default, allowed=allowed)[1]


def assign_languages(
    text: str, *, default: str | None, allowed: Sequence[str] | None = None
) -> tuple[str, list[tuple[int, int, str]]]:
    """The document's language and :func:`paragraph_languages`, computed together.

    The document's language is the one covering most characters once every paragraph has
    its language; ties go to the language met first.
    """
    spans = paragraphs(text)
    judged = [detect_language(text[s:e], allowed=allowed) for s, e in spans]
    provisional = _majority(
        [(s, e, lang) for (s, e), lang in zip(spans, judged) if lang is not None]
    )
    if provisional is None:
        provisional = default if default is not None else _best_guess(text, allowed)
    assigned: list[tuple[int, int, str]] = []
    previous = provisional
    for (start, end), lang in zip(spans, judged):
        previous = lang if lang is not None else previous
        assigned.append((start, end, previous))
    return _majority(assigned) or provisional, assigned


def _majority(spans: Sequence[tuple[int, int, str]]) -> str | None:
    """The language with the most characters; ties go to the one seen first."""
    weight: Counter[str] = Counter()
    for start, end, lang in spans:
        weight[lang] += end - start
    if not weight:
        return None
    return max(weight, key=lambda lang: weight[lang])  # max keeps the first of equals


def _best_guess(text: str, allowed: Sequence[str] | None) -> str:
    """The model's top language for ``text`` however weak the evidence."""
    return str(_identifier(_allowed_key(allowed)).classify(text)[0])


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def _allowed_key(allowed: Sequence[str] | None) -> tuple[str, ...] | None:
    return None if allowed is None else tuple(sorted(set(allowed)))


@functools.lru_cache(maxsize=1)
def _model() -> LanguageIdentifier:
    """py3langid's bundled model, loaded once (about a second)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.lru_cache(maxsize=32)
def _identifier(allowed: tuple[str, ...] | None) -> LanguageIdentifier:
    """A copy of the model restricted to ``allowed`` (default: every two-letter label).

    ``set_languages`` replaces the copy's arrays instead of changing them in place, so the
    shallow copy never alters the shared model.
    """
    model = _model()
    labels = model.labels
    wanted = allowed if allowed is not None else tuple(lab for lab in labels if len(lab) == 2)
    unknown = sorted(set(wanted) - set(labels))
    if unknown or not wanted:
        known = ", ".join(lab for lab in labels if len(lab) == 2)
        raise ValueError(
            "[T001] language code(s) unknown to the identifier: "
            f"{', '.join(unknown) or '(none given)'}; use ISO 639-1 codes among: {known}"
        )
    restricted = copy.copy(model)
    restricted.set_languages(list(wanted))
    return restricted

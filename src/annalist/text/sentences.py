"""Sentence splitting with pysbd, as exact character spans.

Contract: ``segment(text) -> (document language, [Sentence])``.  It needs the cleaned text
and returns every sentence, in order, as offsets into that text with its paragraph's
language.  Example::

    >>> segment("Vertice in prefettura\\nIl sig. Rossi ha incontrato il dott. Bianchi. "
    ...         "Poi è partito per Lisbona con la delegazione.", default_language="it")
    ... # doctest: +NORMALIZE_WHITESPACE
    ('it', [Sentence(start=0, end=21, language='it'), Sentence(start=22, end=67, language='it'),
            Sentence(start=68, end=113, language='it')])

Boundaries come from three places:

1. blank lines (paragraphs) and line breaks, unless the line ends with a continuation mark
   (``,`` ``(`` a dash …) or the next line starts with a lower-case letter -- so a headline
   line without final punctuation is a sentence of its own, while a line broken
   mid-sentence is not split;
2. pysbd, per language (its abbreviation lists live in pysbd; English rules are used for a
   language pysbd lacks);
3. a repair: pysbd's piece that starts with a lower-case letter after a piece ending in a
   full stop is glued back (the full stop was an abbreviation pysbd did not know).

Every span satisfies ``text[start:end] == sentence`` and is stripped of surrounding
whitespace.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import pysbd
from pysbd.languages import LANGUAGE_CODES

from annalist.model import Sentence
from annalist.text.language import assign_languages

__all__ = ["FALLBACK_LANGUAGE", "segment", "split_sentences"]

#: The pysbd rules used for a language pysbd has no rules for.
FALLBACK_LANGUAGE = "en"

#: A line ending in one of these continues on the next line.
_CONTINUES = frozenset(",(-‐–—/&")

_local = threading.local()


def segment(
    text: str,
    *,
    default_language: str | None = None,
    allowed: Sequence[str] | None = None,
) -> tuple[str, list[Sentence]]:
    """The document's language and every sentence of ``text``, in order.

    Each paragraph is split with the rules of its own language (see
    :func:`annalist.text.language.paragraph_languages` for ``default_language`` and
    ``allowed``).
    """
    language, spans = assign_languages(text, default=default_language, allowed=allowed)
    sentences = [
        Sentence(start, end, lang)
        for p_start, p_end, lang in spans
        for start, end in split_sentences(text, p_start, p_end, lang)
    ]
    return language, sentences


def split_sentences(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets into ``text``) within ``text[start:end]``.

    >>> t = "Il sig. Rossi è arrivato. Poi è partito."
    >>> [t[s:e] for s, e in split_sentences(t, 0, len(t), "it")]
    ['Il sig. Rossi è arrivato.', 'Poi è partito.']
    """
    spans: list[tuple[int, int]] = []
    for chunk_start, chunk_end in _chunks(text, start, end):
        spans.extend(_split_chunk(text, chunk_start, chunk_end, language))
    return spans


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stretches of ``text[start:end]`` that no line break divides into sentences."""
    chunk_start: int | None = None
    previous_line = ""
    offset = start
    for line in text[start:end].splitlines(keepends=True):
        content = line.strip()
        line_start = offset
        offset += len(line)
        if not content:
            if chunk_start is not None:
                yield chunk_start, line_start
                chunk_start = None
            continue
        if chunk_start is None:
            chunk_start = line_start
        elif previous_line[-1] not in _CONTINUES and not content[0].islower():
            yield chunk_start, line_start
            chunk_start = line_start
        previous_line = content
    if chunk_start is not None:
        yield chunk_start, end


def _split_chunk(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Split one chunk with pysbd; every line break inside it is a mere space to pysbd."""
    chunk = "".join(" " if char.isspace() else char for char in text[start:end])
    cuts = [0]
    for span in _segmenter(language).segment(chunk):
        # pysbd finds its sentences back by searching; keep only spans that really match
        # and move forward, so a sentence it loses merges with its neighbour instead.
        if cuts[-1] < span.end <= len(chunk) and chunk[span.start : span.end] == span.sent:
            cuts.append(span.end)
    if cuts[-1] != len(chunk):
        cuts.append(len(chunk))
    pieces = [_strip(text, start + a, start + b) for a, b in zip(cuts, cuts[1:])]
    return _glue_lowercase_starts([p for p in pieces if p[0] < p[1]], text)


def _glue_lowercase_starts(
    spans: list[tuple[int, int]], text: str
) -> list[tuple[int, int]]:
    """Merge a piece that starts lower-case into the previous one when that ends in '.'."""
    glued: list[tuple[int, int]] = []
    for start, end in spans:
        if glued and text[glued[-1][1] - 1] == "." and text[start].islower():
            glued[-1] = (glued[-1][0], end)
        else:
            glued.append((start, end))
    return glued


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _segmenter(language: str) -> pysbd.Segmenter:
    """This thread's pysbd segmenter for ``language`` (a segmenter keeps per-call state)."""
    cache: dict[str, pysbd.Segmenter] | None = getattr(_local, "segmenters", None)
    if cache is None:
        cache = _local.segmenters = {}
    code = language if language in LANGUAGE_CODES else FALLBACK_LANGUAGE
    if code not in cache:
        cache[code] = pysbd.Segmenter(language=code, clean=False, char_span=True)
    return cache[code]

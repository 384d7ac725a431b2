"""Tokens with offsets and lemmas.

Words are runs of letters and digits, hyphenated compounds kept whole ("Jean-Luc",
"Ariane-6").  Apostrophes are their own tokens, so an elided article ("dell'Assam") gives
"dell", "'", "Assam" and the pattern matcher can skip the apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from annalist.knowledge.packs import norm_form

TOKEN_RE = re.compile(r"\w+(?:[-‐]\w+)*|['’ʼ]|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    lemma: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    try:
        return norm_form(simplemma.lemmatize(word, lang=lang))
    except ValueError:  # a language simplemma does not know
        return word


def tokenize(text: str, start: int, end: int, lang: str) -> list[Token]:
    """Tokens of text[start:end], offsets absolute."""
    out = []
    for m in TOKEN_RE.finditer(text, start, end):
        s = m.group()
        low = norm_form(s)
        out.append(Token(m.start(), m.end(), s, low, lemma(low, lang) if s[0].isalpha() else low))
    return out

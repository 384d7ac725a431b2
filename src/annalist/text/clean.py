"""Cleaning of article text: the first per-document stage.

Contract: ``clean_text(raw) -> str``.  It needs nothing but the raw text and returns the text
that a :class:`~annalist.model.Document` owns; every later offset points into it.  It is
deterministic and idempotent (``clean_text(clean_text(x)) == clean_text(x)``).

Example::

    >>> clean_text('Keller si è detta " pronta a trattare " coi medici.\\r\\n\\r\\n\\r\\n'
    ...            'After the vote, the city council… pic.twitter.com/Qx7rT2mLwz')
    'Keller si è detta "pronta a trattare" coi medici.'

What it does, in this order:

1. Unicode NFC; every kind of line break becomes ``\\n`` (a paragraph separator ``U+2029``
   becomes a blank line); control characters, zero-width spaces, soft hyphens and stray
   byte-order marks are removed.
2. Whitespace: runs of spaces, tabs and other non-breaking blanks become one space; lines
   are stripped at both ends; three or more line breaks become one blank line.
3. Social-media embed leftovers: ``pic.twitter.com/…`` and bare ``https://t.co/…`` links are
   removed, and so is a truncated fragment ending in ``…`` that stood right before such a
   link or at the very end of a paragraph (the tail of an embedded post).
4. A paragraph broken mid-sentence (no terminal punctuation at its end, the next paragraph
   starting with a lower-case letter) is joined to the next one with a space.
5. Quotes written with spaces inside (``" pronta "``, ``« pronta »``, ``“ pronta ”``) lose
   those spaces.

Nothing here knows any human language: the rules look only at punctuation, letter case and
whitespace.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "normalise_for_id"]

#: Characters after which a paragraph is complete (it is never joined to the next one).
TERMINAL = frozenset('.!?:;"»”)]…')

# Line breaks other than "\n" (vertical tab, form feed, file/group/record separators, NEL,
# line separator); the paragraph separator becomes a blank line.
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028]")
_PARAGRAPH_SEPARATOR = "\u2029"
# Invisible characters that only get in the way of matching: C0/C1 controls other than
# tab and newline, zero-width space, byte-order mark / zero-width no-break space, soft hyphen.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u200b\ufeff\u00ad]")

_BLANKS = re.compile(r"[^\S\n]+")  # any whitespace except the newline
_LINE_EDGES = re.compile(r" *\n *")
_MANY_BREAKS = re.compile(r"\n{3,}")

# Links left behind by embedded posts.  Only the short-link forms are removed; ordinary links
# to articles stay.
_EMBED_LINK = (
    r"(?<![\w.@/-])"
    r"(?:(?:https?://)?(?:www\.)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]+"
    r"|https?://t\.co/[A-Za-z0-9]+)"
    r"(?![A-Za-z0-9])"
)
_EMBED_LINKS = re.compile(_EMBED_LINK)
# An ellipsis that ends a truncated fragment: right before an embed link, or at the end of a
# paragraph (the text is whitespace-tidy here, so a paragraph ends at "\n\n" or at the end).
_TRUNCATION = re.compile(rf"…(?= ?{_EMBED_LINK}|\n\n|\Z)")
# Where a sentence ends inside a line: terminal punctuation, closing quotes, then a space.
_SENTENCE_END = re.compile(r"[.!?][\"'»”’)\]]* ")

# Quotes with spaces inside.  The directional ones pair by themselves; an opening quote must
# not follow a letter or digit and a closing one must not precede one (so the German »…«
# and „…“ conventions are left alone).
_SPACED_GUILLEMETS = re.compile(r"(?<!\w)« ?([^«»\n]*?) ?»(?!\w)")
_SPACED_CURLY = re.compile(r"(?<!\w)“ ?([^“”\n]*?) ?”(?!\w)")


def clean_text(raw: str) -> str:
    """Return the cleaned text of an article (see the module docstring for the rules)."""
    text = unicodedata.normalize("NFC", raw)
    text = _LINE_BREAKS.sub("\n", text).replace(_PARAGRAPH_SEPARATOR, "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _tidy_whitespace(text)
    text = _drop_embed_leftovers(text)
    text = _join_broken_paragraphs(text)
    text = "\n\n".join(_fix_spaced_quotes(p) for p in text.split("\n\n"))
    return unicodedata.normalize("NFC", text).strip()


def normalise_for_id(text: str) -> str:
    """The form of a text that its content id is computed from.

    NFC, every whitespace run collapsed to one space, lower-cased, so that two copies of an
    article that differ only in spacing or case get the same id.

    >>> normalise_for_id("  Il  Brasile\\n\\nFINANZIERÀ ")
    'il brasile finanzierà'
    """
    collapsed = " ".join(unicodedata.normalize("NFC", text).split())
    return unicodedata.normalize("NFC", collapsed.lower())


def _tidy_whitespace(text: str) -> str:
    text = _BLANKS.sub(" ", text)
    text = _LINE_EDGES.sub("\n", text)
    text = _MANY_BREAKS.sub("\n\n", text)
    return text.strip()


def _drop_embed_leftovers(text: str) -> str:
    """Remove embed links and the truncated fragments they leave, until nothing changes.

    Each round only ever shortens the text, so the loop ends; looping makes the result
    idempotent when removing one fragment uncovers another at the end of a paragraph.
    """
    while True:
        shorter = _tidy_whitespace(_EMBED_LINKS.sub(" ", _drop_truncated_fragments(text)))
        if shorter == text:
            return text
        text = shorter


def _drop_truncated_fragments(text: str) -> str:
    """Cut every fragment that ends in a truncation ellipsis, back to its sentence start."""
    cuts: list[tuple[int, int]] = []
    for match in _TRUNCATION.finditer(text):
        end = match.end()
        line_start = text.rfind("\n", 0, end) + 1
        start = line_start
        for boundary in _SENTENCE_END.finditer(text, line_start, match.start()):
            start = boundary.end()
        cuts.append((start, end))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text


def _join_broken_paragraphs(text: str) -> str:
    """Join a paragraph that ends mid-sentence to the next one when that one starts lower-case."""
    joined: list[str] = []
    for paragraph in text.split("\n\n"):
        if joined and joined[-1] and joined[-1][-1] not in TERMINAL and paragraph[:1].islower():
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return "\n\n".join(joined)


def _fix_spaced_quotes(paragraph: str) -> str:
    paragraph = _SPACED_GUILLEMETS.sub(r"«\1»", paragraph)
    paragraph = _SPACED_CURLY.sub(r"“\1”", paragraph)
    return _fix_spaced_straight_quotes(paragraph)


def _fix_spaced_straight_quotes(paragraph: str) -> str:
    """Remove the inner spaces of straight-quote pairs written ``" like this "``.

    Straight quotes pair up in order (1st with 2nd, 3rd with 4th …); a paragraph with an odd
    number of them is ambiguous (an inch mark, a quote running on to the next paragraph) and
    is left alone.  A pair is fixed only when the opening quote is followed by a space and the
    closing one preceded by a space, and neither touches a letter or digit on its outside.
    """
    quotes = [i for i, char in enumerate(paragraph) if char == '"']
    if not quotes or len(quotes) % 2:
        return paragraph
    drop: set[int] = set()
    for opening, closing in zip(quotes[::2], quotes[1::2]):
        before = paragraph[opening - 1] if opening > 0 else " "
        after = paragraph[closing + 1] if closing + 1 < len(paragraph) else " "
        if (
            paragraph[opening + 1] == " "
            and paragraph[closing - 1] == " "
            and not before.isalnum()
            and not after.isalnum()
        ):
            drop.update((opening + 1, closing - 1))
    return "".join(char for i, char in enumerate(paragraph) if i not in drop)

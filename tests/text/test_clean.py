"""Tests for annalist.text.clean."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annalist.text import clean
from annalist.text.clean import clean_text, normalise_for_id

# Pieces that exercise every rule: quotes, ellipses, embed links, line breaks, blanks, case.
NEWSY = st.lists(
    st.sampled_from(
        list("ab Z.?!:,;\"'«»“”…()-\n\n\t\r\u00a0\u2029\u200b\u0301e")
        + ["pic.twitter.com/Ab1", "https://t.co/x9", " date ", "É", "ß", "long-term…"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300)
@given(NEWSY)
def test_clean_is_idempotent_on_newsy_text(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@given(st.text())
def test_clean_is_idempotent_on_any_text(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the tail of an embedded post: the truncated fragment and its link go
        (
            "The ministers toured the harbour.\n\nAfter touring the harbour, the two… "
            "pic.twitter.com/Zr4kLm90Qa",
            "The ministers toured the harbour.",
        ),
        # the sentence before the fragment stays
        (
            "The vote took three hours. After that, the council… pic.twitter.com/Zr4kLm90Qa",
            "The vote took three hours.",
        ),
        # a bare t.co link, with text after it
        ("Keller arrived today https://t.co/AbC123 and left.", "Keller arrived today and left."),
        # a link alone in its paragraph
        ("First.\n\nhttps://t.co/AbC123\n\nSecond.", "First.\n\nSecond."),
        # a fragment before a link followed by more text
        (
            "Otieno spoke. The delegates agreed… pic.twitter.com/abc — Tarnow (@TarnowCity)",
            "Otieno spoke. — Tarnow (@TarnowCity)",
        ),
        # a truncated fragment at the end of a paragraph, with no link
        ("Lead sentence. Truncated tail…\n\nNext paragraph.", "Lead sentence.\n\nNext paragraph."),
    ],
)
def test_clean_removes_twitter_leftovers(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "E poi… si vedrà chi ha ragione.",  # an ellipsis inside a paragraph
        "See https://example.com/page for details.",  # an ordinary link
        "Read more at https://t.com/abc.",  # not the t.co shortener
    ],
)
def test_clean_keeps_ordinary_ellipses_and_links(kept: str) -> None:
    assert clean_text(kept) == kept


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('Keller si è detta " pronta a trattare " coi medici.',
            'Keller si è detta "pronta a trattare" coi medici.'),
        (
            'il sindaco " non era disponibile ". Poi " c\'è margine ".',
            'il sindaco "non era disponibile". Poi "c\'è margine".',
        ),
        ('" È ora di votare ", ha detto.', '"È ora di votare", ha detto.'),
        ("Ha detto « pronta a trattare » Keller.", "Ha detto «pronta a trattare» Keller."),
        ("Ha detto “ pronta a trattare ” Keller.", "Ha detto “pronta a trattare” Keller."),
        ("Il motto « sì »: avanti.", "Il motto «sì»: avanti."),
    ],
)
def test_clean_fixes_spaced_quotes(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        'Ha detto "nessuna fretta", e quindi anche il rinvio.',  # already tight
        'Uno schermo da 5" e un altro " strano.',  # odd number of straight quotes
        "Er sagte »Wort« und »Wort« dazu.",  # the German convention
        'Si chiama "Il " Grande " Fratello".',  # ambiguous pairing, outer letters touch
    ],
)
def test_clean_leaves_other_quotes_alone(kept: str) -> None:
    assert clean_text(kept) == kept


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # broken mid-sentence: joined
        (
            "prima in consiglio comunale e\n\npoi davanti ai giornalisti.",
            "prima in consiglio comunale e poi davanti ai giornalisti.",
        ),
        # three pieces in a row
        ("uno\n\ndue\n\ntre.", "uno due tre."),
        # a complete paragraph: kept apart
        ("Fine della frase.\n\npoi minuscolo.", "Fine della frase.\n\npoi minuscolo."),
        # a headline (the next paragraph starts upper-case): kept apart
        ("Otieno: 'Rinviamo il voto'\n\nIl Kenya attende.",
            "Otieno: 'Rinviamo il voto'\n\nIl Kenya attende."),
        # ends with a closing quote: complete
        ('Ha detto "sì"\n\ne poi è partito.', 'Ha detto "sì"\n\ne poi è partito.'),
    ],
)
def test_clean_joins_paragraphs_broken_mid_sentence(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uno.\r\nDue.\rTre.", "Uno.\nDue.\nTre."),
        ("Uno.\n\n\n\n\nDue.", "Uno.\n\nDue."),
        ("Uno.  \t Due.\u00a0Tre.", "Uno. Due. Tre."),
        ("  Uno.   \n   Due.  \n\n  \n Tre.  ", "Uno.\nDue.\n\nTre."),
        ("Uno.\u2029Due.", "Uno.\n\nDue."),
        ("Zero\u200bwidth and soft\u00adhyphen\x07.", "Zerowidth and softhyphen."),
        ("Citta\u0300.", "Città."),  # NFC
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_clean_normalises_whitespace_and_unicode(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Il Brasile finanzierà\n\nil Kenya.", "il  brasile FINANZIERÀ il kenya."),
        ("Citta\u0300 del Vaticano", "CITTÀ DEL VATICANO"),
        ("\tUno due ", "uno due"),
    ],
)
def test_clean_normalise_for_id_ignores_spacing_and_case(a: str, b: str) -> None:
    assert normalise_for_id(a) == normalise_for_id(b)


def test_clean_docstring_examples_hold() -> None:
    assert doctest.testmod(clean).failed == 0

"""Tests for annalist.text.language (the bundled py3langid model, loaded once per run)."""

from __future__ import annotations

import doctest

import pytest

from annalist.text import language
from annalist.text.language import (
    MIN_LETTERS,
    assign_languages,
    detect_language,
    paragraph_languages,
    paragraphs,
)

IT_1 = (
    "Il Brasile finanzierà la costruzione di un nuovo porto commerciale nel nord del Kenya, "
    "ha spiegato la presidente durante la conferenza stampa con il ministro dei trasporti."
)
IT_2 = (
    "Il corteo dei medici è partito dalla stazione centrale poco dopo le otto del mattino "
    "di giovedì e ha raggiunto il ministero della salute verso mezzogiorno."
)
EN = (
    "The ministers toured several terminals at the new harbour, including the container "
    "yard and the fuel depot, before the talks between the two delegations began."
)
DE = (
    "Die Bürgermeisterin hat die Vertreter der Gewerkschaften im Rathaus empfangen und "
    "über die geplante Reform der städtischen Verkehrsbetriebe gesprochen."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("Uno.", [(0, 4)]),
        ("Uno.\n\nDue.", [(0, 4), (6, 10)]),
        ("Titolo\nriga due\n\n  \nSecondo.\n", [(0, 15), (20, 28)]),
        ("\n\n  Rientrato.  \n\n\n", [(4, 14)]),
    ],
)
def test_language_paragraphs_are_stripped_spans(text: str, expected: list[tuple[int, int]]) -> None:
    spans = paragraphs(text)
    assert spans == expected
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)


@pytest.mark.parametrize(("text", "expected"), [(IT_1, "it"), (EN, "en"), (DE, "de")])
def test_language_detect_language_names_the_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Anna e Otto.",  # too few letters
        "12345 67890 " * 10,  # no letters at all
        "x" * (MIN_LETTERS - 1),
    ],
)
def test_language_detect_language_abstains_on_too_little_text(text: str) -> None:
    assert detect_language(text) is None


def test_language_detect_language_respects_allowed() -> None:
    assert detect_language(DE, allowed=["it", "en"]) in {"it", "en"}
    assert detect_language(IT_1, allowed=["it"]) == "it"


def test_language_unknown_allowed_code_raises_with_code() -> None:
    with pytest.raises(ValueError, match=r"\[T001\].*xx"):
        detect_language(IT_1, allowed=["it", "xx"])


def test_language_italian_article_with_english_last_paragraph() -> None:
    text = f"Vertice sul porto\n\n{IT_1}\n\n{IT_2}\n\n{EN}"
    languages = [lang for _, _, lang in paragraph_languages(text, default=None)]
    assert languages == ["it", "it", "it", "en"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short paragraph takes the language of the one before it
        (f"{IT_1}\n\nCosì.\n\n{EN}\n\nOk then.", ["it", "it", "en", "en"]),
        # a short first paragraph takes the document's language
        (f"Breaking\n\n{EN}\n\n{IT_1}\n\n{IT_2}", ["it", "en", "it", "it"]),
    ],
)
def test_language_unjudged_paragraphs_inherit(text: str, expected: list[str]) -> None:
    assert [lang for _, _, lang in paragraph_languages(text, default="fr")] == expected


def test_language_default_used_when_nothing_can_be_judged() -> None:
    assert paragraph_languages("Rossi.\n\nAda.", default="it") == [(0, 6, "it"), (8, 12, "it")]


def test_language_document_language_covers_most_characters() -> None:
    doc_language, spans = assign_languages(f"{EN}\n\n{IT_1}\n\n{IT_2}", default=None)
    assert doc_language == "it"
    assert [lang for _, _, lang in spans] == ["en", "it", "it"]


def test_language_docstring_examples_hold() -> None:
    assert doctest.testmod(language).failed == 0

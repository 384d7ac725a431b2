"""Tests for annalist.text.sentences."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annalist.model import Sentence
from annalist.text import sentences
from annalist.text.sentences import segment, split_sentences


def split(text: str, language: str = "it") -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text), language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Il sig. Rossi ha incontrato il dott. Bianchi a Roma. Poi è partito per Milano.",
            ["Il sig. Rossi ha incontrato il dott. Bianchi a Roma.", "Poi è partito per Milano."],
        ),
        (
            "Il prof. Conte e il Gen. Figliuolo hanno parlato. La sen. Bianchi no.",
            ["Il prof. Conte e il Gen. Figliuolo hanno parlato.", "La sen. Bianchi no."],
        ),
        (
            "Hanno discusso di salari, turni, ferie ecc. e poi sono usciti. Fine.",
            ["Hanno discusso di salari, turni, ferie ecc. e poi sono usciti.", "Fine."],
        ),
        (
            "Un nuovo terminal (quello dei voli cargo, ndr), ha detto. Poi basta.",
            ["Un nuovo terminal (quello dei voli cargo, ndr), ha detto.", "Poi basta."],
        ),
        (
            "Il vettore Vega-3.2c è partito alle 10.30. Il primo volo risale al 2012.",
            ["Il vettore Vega-3.2c è partito alle 10.30.", "Il primo volo risale al 2012."],
        ),
    ],
)
def test_sentences_italian_abbreviations_do_not_split(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline line without final punctuation is a sentence of its own
        (
            "Nairobi rinvia il voto sul bilancio\nIl Senato keniano ha confermato il rinvio.",
            ["Nairobi rinvia il voto sul bilancio", "Il Senato keniano ha confermato il rinvio."],
        ),
        (
            "Otieno: 'Rimandiamo tutto al Senato'\nIl governo keniano attende il Senato.",
            ["Otieno: 'Rimandiamo tutto al Senato'", "Il governo keniano attende il Senato."],
        ),
        # a line broken mid-sentence is not split
        (
            "prima in consiglio comunale e\npoi davanti ai giornalisti. Fine.",
            ["prima in consiglio comunale e\npoi davanti ai giornalisti.", "Fine."],
        ),
        (
            "I ministri, riuniti a Kourou,\nHanno firmato. Poi basta.",
            ["I ministri, riuniti a Kourou,\nHanno firmato.", "Poi basta."],
        ),
        # blank lines always separate
        ("Primo\n\nSecondo", ["Primo", "Secondo"]),
    ],
)
def test_sentences_line_breaks(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize("language", ["it", "en", "sw", "xx"])
def test_sentences_any_language_gets_rules(language: str) -> None:
    text = "One sentence here. Another one there."
    assert split(text, language) == ["One sentence here.", "Another one there."]


def test_sentences_respect_the_given_range() -> None:
    text = "Prima. Seconda frase. Terza frase. Quarta."
    start = text.index("Seconda")
    end = text.index(" Quarta")
    spans = split_sentences(text, start, end, "it")
    assert [text[s:e] for s, e in spans] == ["Seconda frase.", "Terza frase."]


SENTENCEY = st.lists(
    st.sampled_from(
        ["Il", "sig.", "Rossi", "è", "qui", ".", "!", "?", "…", " ", " ", "\n", "\n\n", "\"",
         "«", "»", "e", "poi", "U.S.A.", "10.30", "(ndr)", ",", "Anna", "\t", "Roma."]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(SENTENCEY, st.sampled_from(["it", "en", "de", "ja"]))
def test_sentences_spans_are_exact_stripped_slices_in_order(text: str, language: str) -> None:
    spans = split_sentences(text, 0, len(text), language)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    # together the sentences hold every visible character, in order
    visible = "".join("".join(text[s:e] for s, e in spans).split())
    assert visible == "".join(text.split())


def test_sentences_segment_gives_language_per_paragraph() -> None:
    it = (
        "Il Brasile finanzierà la costruzione di un nuovo porto nel nord del Kenya. "
        "Lo ha detto la presidente brasiliana durante la visita."
    )
    en = "The ministers toured several terminals at the new harbour. Then the talks began."
    text = f"Vertice sul porto\n\n{it}\n\n{en}"
    doc_language, found = segment(text)
    assert doc_language == "it"
    assert [(text[s.start : s.end], s.language) for s in found] == [
        ("Vertice sul porto", "it"),
        ("Il Brasile finanzierà la costruzione di un nuovo porto nel nord del Kenya.", "it"),
        ("Lo ha detto la presidente brasiliana durante la visita.", "it"),
        ("The ministers toured several terminals at the new harbour.", "en"),
        ("Then the talks began.", "en"),
    ]
    assert all(isinstance(s, Sentence) for s in found)


def test_sentences_segment_of_empty_text_uses_default() -> None:
    assert segment("", default_language="it") == ("it", [])


def test_sentences_docstring_examples_hold() -> None:
    assert doctest.testmod(sentences).failed == 0

"""The named-entity recogniser on short Italian and English texts written for these tests."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annalist.extract.entities import Entity, recognise_entities
from annalist.knowledge.packs import (
    CUE_POSITIONS,
    ENTITY_LABELS,
    load_entity_cues,
    load_given_names,
    load_knowledge,
    read_entity_cues,
)
from annalist.knowledge.tables import PackError


def found(text, lang):
    return [(e.label, e.text) for e in recognise_entities(text, lang, load_knowledge((lang,)))]


@pytest.mark.parametrize("text,expected", [
    # a role before a name, a head word that belongs to the name, an institution named by a common noun
    ("Il ministro Carla Neri ha visitato l'università di Pavia con la polizia.",
     [("PER", "Carla Neri"), ("ORG", "università di Pavia"), ("ORG", "polizia")]),
    # a nationality after the institution belongs to it; a city after a locative preposition
    ("La polizia tedesca ha fermato due uomini a Lione.", [("ORG", "polizia tedesca"), ("LOC", "Lione")]),
    # an occupation before a name, a name's own last word (Calcio), the surname alone later on
    ("Il calciatore Marco Ferri ha firmato con la Pantera Calcio. Ferri ha detto di essere felice.",
     [("PER", "Marco Ferri"), ("ORG", "Pantera Calcio"), ("PER", "Ferri")]),
    # a common word capitalised because it starts a sentence is no name
    ("Sciopero dei treni a Torino.", [("LOC", "Torino")]),
    ("Il fiume Adige è in piena.", [("LOC", "fiume Adige")]),
    ("La società Vintrex ha annunciato nuovi posti di lavoro.", [("ORG", "Vintrex")]),
    ("Ne parla la rivista Orizzonti Verdi.", [("ORG", "Orizzonti Verdi")]),
    # a two-letter province code in brackets makes a place of the name before it, and is one itself
    ("Il sindaco di Vernasca (PC) ha parlato.", [("LOC", "Vernasca"), ("LOC", "PC")]),
    # a list shares the label of its known members
    ("Le squadre di Francia, Spagna e Valdora si sfidano.",
     [("LOC", "Francia"), ("LOC", "Spagna"), ("LOC", "Valdora")]),
    # a head word with a name after it; a person after the name is not part of it
    ("Il presidente della Regione Umbria Paolo Gatti ha incontrato i vertici di Banca Alpina.",
     [("ORG", "Regione Umbria"), ("PER", "Paolo Gatti"), ("ORG", "Banca Alpina")]),
    # a generic use of an institution word is no name
    ("È stato condannato da un tribunale durante la crisi di governo.", []),
])
def test_entities_italian(text, expected):
    assert found(text, "it") == expected


@pytest.mark.parametrize("text,expected", [
    ("Dr. Alan Pruitt of the University of Leeds said the Zentrix Inc. plant on the Wexley River would close.",
     [("PER", "Alan Pruitt"), ("ORG", "University of Leeds"), ("ORG", "Zentrix Inc"), ("LOC", "Wexley River")]),
    ("Senator Mary Collins met the chairman of Hollis Bank in Boston on Monday.",
     [("PER", "Mary Collins"), ("ORG", "Hollis Bank"), ("LOC", "Boston")]),
    ("The singer Laura Vance moved to the town of Millbrook in Ohio.",
     [("PER", "Laura Vance"), ("LOC", "Millbrook"), ("LOC", "Ohio")]),
    ("The company Brightwater announced layoffs.", [("ORG", "Brightwater")]),
    # a city by another of its names, after a locative preposition; an apposition after a role
    ("Its chief executive, Martin Hale, said in Frankfurt that the firm would appeal. Hale declined to comment.",
     [("PER", "Martin Hale"), ("LOC", "Frankfurt"), ("PER", "Hale")]),
])
def test_entities_english(text, expected):
    assert found(text, "en") == expected


@pytest.mark.parametrize("text,expected", [
    # a city after a definite article is a team (a city takes none); a country after a match word, and the
    # other side of the dash, are teams too
    ("Ieri il Bologna ha battuto il Parma per due a uno.", [("ORG", "Bologna"), ("ORG", "Parma")]),
    ("La partita Francia - Spagna è finita in parità.", [("ORG", "Francia"), ("ORG", "Spagna")]),
    # a thing of a kind, not a name: after an indefinite article or a generic noun, an event, an ordinal,
    # a name said once with nothing to back it, an edition with its year
    ("Ha comprato una Vintrex nuova.", []),
    ("L'uragano Kerwin ha colpito la costa. Kerwin ha causato danni.", []),
    ("Il Gran Premio di Valdora si correrà a settembre.", []),
    ("Era l'inizio del XX secolo.", []),
    ("Ieri Valmora ha annunciato nuovi investimenti.", []),
    ("Partecipa al Valmora Festival 2021 con due brani.", []),
    ("È stata una visita di Stato molto attesa.", []),
    ("Ne ha parlato il ministro della Difesa ieri.", []),
    ("L'incontro è fissato alle 18 (CEST) a Roma.", [("LOC", "Roma")]),
    ("Nato a Torino nel 1950, ha studiato a Milano.", [("LOC", "Torino"), ("LOC", "Milano")]),
    # named twice, a single unknown word is an organisation
    ("Ieri Valmora ha annunciato nuovi investimenti. Le azioni di Valmora sono salite.",
     [("ORG", "Valmora"), ("ORG", "Valmora")]),
    # an institution written as a name goes on with "of + a common noun", its adjectives, "per" + a name
    # and "e" + a common word; a place after "di" is a name of its own
    ("La Corte d'appello di Torino ha confermato la condanna.", [("ORG", "Corte d'appello"), ("LOC", "Torino")]),
    ("Secondo il Ministero della salute i casi sono in calo.", [("ORG", "Ministero della salute")]),
    ("Ieri la Chiesa ortodossa ha protestato.", [("ORG", "Chiesa ortodossa")]),
    ("Il Movimento per la Rinascita ha presentato le liste.", [("ORG", "Movimento per la Rinascita")]),
    ("La Commissione Bilancio e Tesoro ha approvato il testo.", [("ORG", "Commissione Bilancio e Tesoro")]),
    ("I genitori di Anna Neri e il Comune di Varese sono d'accordo.",
     [("PER", "Anna Neri"), ("ORG", "Comune di Varese")]),
    # a legal form in lower case, a brand's exclamation mark, a party or a publisher in brackets after a person
    ("La Vintrex s.r.l. ha chiuso lo stabilimento.", [("ORG", "Vintrex s.r.l.")]),
    ("Il portale Zorbix! ha perso il 2% in borsa.", [("ORG", "Zorbix!")]),
    ("È uscito il libro di Marco Ferri (Edizioni Lunari) sulla guerra.",
     [("PER", "Marco Ferri"), ("ORG", "Edizioni Lunari")]),
    # an organisation named alone, then before a product
    ("L'ufficio stampa della Vintrex ha smentito. La Vintrex Cloud sarà presentata domani.",
     [("ORG", "Vintrex"), ("ORG", "Vintrex")]),
    # persons: an initial and a surname, a name after a body's "di" (its leader), a saint, a list of given names
    ("Ha vinto V. Rossetti davanti a tutti.", [("PER", "V. Rossetti")]),
    ("Il governo di Paolo Gatti è caduto.", [("ORG", "governo"), ("PER", "Paolo Gatti")]),
    ("Domenica è la festa di San Giacomo.", [("PER", "San Giacomo")]),
    ("Bruno, Ciano e Piero sono partiti.", [("PER", "Bruno"), ("PER", "Ciano"), ("PER", "Piero")]),
])
def test_entities_italian_organisations_and_things(text, expected):
    assert found(text, "it") == expected


def test_entities_offsets_point_into_the_text():
    text = "Ieri a Lione la giornalista Anna Berti ha intervistato il presidente della Pantera Calcio."
    ents = recognise_entities(text, "it", load_knowledge(("it",)))
    assert ents
    for e in ents:
        assert isinstance(e, Entity)
        assert text[e.start:e.end] == e.text
        assert e.label in ENTITY_LABELS


def test_entities_same_input_same_output():
    text = "Il calciatore Marco Ferri ha firmato con la Pantera Calcio."
    k = load_knowledge(("it",))
    assert recognise_entities(text, "it", k) == recognise_entities(text, "it", k)


def test_entities_language_without_cues_still_finds_dictionary_names():
    # German has countries and places but no entity cues: dictionary names are still found
    got = found("Der Minister reiste nach Frankreich.", "de")
    assert ("LOC", "Frankreich") in got


def test_entities_language_without_any_pack_does_not_fail():
    ents = recognise_entities("Kaarina Virtanen asui Tampereella.", "fi", load_knowledge(("it",)))
    assert all(e.label in ENTITY_LABELS for e in ents)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Il", "il", "ministro", "Anna", "Neri", "a", "Lione", "della", "Banca", "di",
                                 "Pavia", ",", ".", "e", "la", "polizia", "(", "PC", ")", "'", "Ferri", "Inc."]),
                max_size=25))
def test_entities_never_overlap_and_match_the_text(words):
    text = " ".join(words)
    ents = recognise_entities(text, "it", load_knowledge(("it",)))
    last = -1
    for e in ents:
        assert text[e.start:e.end] == e.text
        assert e.start >= last
        last = e.end


def test_entities_cue_packs_load_with_valid_labels_and_positions():
    for lang in ("it", "en"):
        cues = load_entity_cues(lang)
        assert cues.by_first
        for group in cues.by_first.values():
            for cue in group:
                assert cue.label in ENTITY_LABELS and cue.position in CUE_POSITIONS
    assert {"marta", "john", "fatima"} <= load_given_names()


@pytest.mark.parametrize("row,code", [("fiume\tLOCATION\thead", "K030"), ("fiume\tLOC\tbeside", "K031")])
def test_entities_cue_file_errors_name_the_line(tmp_path, row, code):
    path = tmp_path / "entity_cues.tsv"
    path.write_text(f"# test cues\nform\tlabel\tposition\nlago\tLOC\thead\n{row}\n", encoding="utf-8")
    with pytest.raises(PackError, match=rf"\[{code}\].*:4:"):
        read_entity_cues(path, "it")

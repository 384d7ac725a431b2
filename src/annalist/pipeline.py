"""The per-document pipeline: Document → DocResult.

A pure function of (Document, Knowledge): it reads no global mutable state, so it runs the
same in-process, in a process pool or on Dask workers.

    clean text (done at ingest) → language per paragraph → sentences → tokens →
    dictionary hits → actor and place mentions → dates → triggers and arguments →
    one event per real action (within-document merge) → DocResult
"""

from __future__ import annotations

from dataclasses import replace

from annalist.extract import events as coder
from annalist.extract.dates import find_dates
from annalist.extract.mentions import (
    ActorMention,
    PersonIndex,
    SentenceMentions,
    attach_appositions,
    extract_sentence,
    find_hits,
)
from annalist.knowledge.packs import Knowledge, load_knowledge
from annalist.model import Document, DocResult, Mention, Place
from annalist.resolve.stories import document_keys
from annalist.text.language import detect_language
from annalist.text.sentences import segment
from annalist.text.tokens import tokenize


def sentence_mentions(doc: Document, sentences, kn: Knowledge, fallback) -> list[SentenceMentions]:  # type: ignore[no-untyped-def]
    """Each sentence's tokens, actor and place mentions and triggers (the document's countries
    help to choose among homonymous cities)."""
    countries_in_doc: set[str] = set()
    per_sentence_hits = []
    for s in sentences:
        pack = kn.pack(s.language) or fallback
        hits = find_hits(doc.text[s.start:s.end], pack)
        per_sentence_hits.append((pack, hits))
        for h in hits:
            for e in h.entries:
                if e.kind in ("country", "demonym", "metonym"):
                    countries_in_doc.add(e.code)
    sms = []
    for idx, s in enumerate(sentences):
        pack, hits = per_sentence_hits[idx]
        hits = [replace(h, start=h.start + s.start, end=h.end + s.start) for h in hits]
        sm = SentenceMentions(idx, s.start, s.end, pack.lang, tokenize(doc.text, s.start, s.end, pack.lang))
        extract_sentence(doc.text, sm, hits, pack, kn, doc.published, countries_in_doc)
        sm.triggers = coder.find_triggers(sm.tokens, pack)
        attach_appositions(sm, pack, frozenset(m.head for m in sm.triggers))
        sms.append(sm)
    return sms


def place_for_span(text: str, start: int, end: int, language: str, knowledge: Knowledge | None = None) -> Place | None:
    """The place the coder would give an event told by the words text[start:end] (a verb):
    the same rule as for a coded event, whether or not the words are one of its triggers.

    >>> p = place_for_span("Troops clashed with rebels in Goma on Monday.", 7, 14, "en")
    >>> p.name, p.country
    ('Goma', 'COD')
    """
    kn = knowledge or load_knowledge()
    doc = Document(id="span", text=text, language=language)
    _, sentences = segment(text, default_language=language, allowed=[language])
    pack = kn.pack(language)
    if pack is None:
        raise ValueError(f"[P001] no knowledge pack for language {language!r}")
    for sm in sentence_mentions(doc, sentences, kn, pack):
        if not (sm.start <= start < sm.end):
            continue
        return coder.place_at(sm, start, end, kn.pack(sm.language) or pack, kn.object_place)
    return None


def process_document(doc: Document, knowledge: Knowledge | None = None) -> DocResult:
    """Code one document.

    >>> from annalist.model import Document, PartialDate
    >>> doc = Document(id="d1", text="Russia and China met in Beijing.", published=PartialDate(2024, 5, 2))
    >>> [e.type for e in process_document(doc).events]
    ['CONSULT']
    """
    kn = knowledge or load_knowledge()
    allowed = list(kn.packs) or None
    if doc.language is None:
        # an article clearly in a language without a pack is said to be one (P001), not read
        # with the nearest pack; detect_language answers only when one language is clearly ahead
        free = detect_language(doc.text)
        if free is not None and free not in kn.packs:
            note = (f"[P001] no knowledge pack for language {free!r}: no events coded "
                    f"(packs: {', '.join(sorted(kn.packs))})")
            _, sentences = segment(doc.text, default_language=free, allowed=None)
            return DocResult(replace(doc, language=free), tuple(sentences), (), (), (note,))
    doc_lang, sentences = segment(doc.text, default_language=doc.language, allowed=allowed)
    if doc.language is None and doc_lang:
        doc = replace(doc, language=doc_lang)
    warnings: list[str] = []
    sms: list[SentenceMentions] = []
    mentions: list[Mention] = []
    fallback = kn.pack(doc.language) or kn.pack(doc_lang)
    if fallback is None:
        warnings.append(f"[P001] no knowledge pack for language {doc.language or doc_lang!r}: no events coded")
        return DocResult(doc, tuple(sentences), (), (), tuple(warnings))
    with_triggers = sorted(lang for lang, pk in kn.packs.items() if pk.triggers)
    uncoded = sorted({s.language for s in sentences if not (kn.pack(s.language) or fallback).triggers})
    if uncoded:
        warnings.append(f"[P002] no event triggers for {', '.join(uncoded)} yet: mentions are found but no "
                        f"events are coded in those sentences (languages with triggers: {', '.join(with_triggers)})")
    sms = sentence_mentions(doc, sentences, kn, fallback)

    people = PersonIndex()
    for sm in sms:
        for a in sm.actors:
            people.add(a)

    drafts: list[coder.Draft] = []
    history: list[ActorMention] = []
    subject: list[ActorMention] = []
    for sm in sms:
        pack = kn.pack(sm.language) or fallback
        dates = find_dates(sm.tokens, pack, doc.published)
        sentence_drafts = coder.code_sentence(doc, sm, dates, pack, kn, people, history, subject)
        drafts.extend(sentence_drafts)
        if sentence_drafts:
            subject = sentence_drafts[0].actor
        elif sm.actors:
            subject = coder.sentence_subject(sm, pack, people, history)
        for a in sm.actors:
            resolved = coder.resolve_mention(a, people, history, frozenset())
            history.append(resolved or a)
            if resolved is not None and resolved.country:
                mentions.append(Mention("actor", a.start, a.end, a.text, resolved.country))
        for p in sm.places:
            mentions.append(Mention("place", p.start, p.end, doc.text[p.start:p.end], p.place.id))
        for d in dates:
            mentions.append(Mention("date", d.start, d.end, doc.text[d.start:d.end], d.date.iso()))
    merged = coder.merge_drafts(drafts, doc.text)
    coder.inherit_from_meetings(merged, doc.text)
    merged = coder.merge_drafts(merged, doc.text)
    coder.unnamed_recipients(merged, kn)
    events = coder.finalize(doc, merged)
    return DocResult(doc, tuple(sentences), tuple(mentions), tuple(events), tuple(warnings),
                     document_keys(doc.text, sms))

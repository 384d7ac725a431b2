"""The event coder: triggers, arguments, date, place and modality for each sentence.

Stage contract: (document, sentences with their mentions and dates, knowledge) → Events.

A shallow-pattern coder in the TABARI tradition.  For a trigger pattern found in a sentence
(``it:mobilize-lanciare-missili`` on "Teheran lancia tre missili"):

- the actor is the agent of a passive ("lanciati dall'Iran"), the genitive of a
  nominal trigger ("protesta formale di Roma", "colloqui tra X e Y"), or the nearest actor
  to its left in the clause; joint subjects ("X e Y si sono incontrati") give both sides;
- the recipient is the nearest actor to its right in the clause (or the subject of a passive);
- the date is the explicit date nearest to the trigger, else a relative word resolved against
  the publication date, else the publication date, always with the precision known;
- the place is a place the sentence ties to the event with a locative preposition, never a
  place reached with a directional one ("verso il Mar Nero"); speech acts take a place
  only right after the trigger; no place rather than a guess;
- cues set aux: historical (dated a year or more before publication, or a history cue),
  future, hypothetical, negated, reported; a promised action (future AID, COOPERATE ...)
  becomes the intent type of intent.tsv (AGREE), as CAMEO 03x does.

Every event carries the pattern id that fired (``rule``) and its evidence offsets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from annalist.extract.dates import DateMention
from annalist.extract.mentions import (
    ActorMention,
    PersonIndex,
    PlaceMention,
    SentenceMentions,
    possessor_before,
    prev_word,
)
from annalist.knowledge.gazetteer import city_index, city_place
from annalist.knowledge.packs import Knowledge, LangPack, Pattern, norm_form
from annalist.model import Actor, Document, Event, Evidence, PartialDate, Place, content_id, haversine_km

CLAUSE_PUNCT = frozenset({";", ":", "(", ")", "\"", "«", "»", "“", "”"})
PAREN_MAX = 6  # tokens of a parenthesis the clause passes over
HISTORY_DAYS = 365
VERBAL_PLACE_WINDOW = 3
#: A place followed by "'s" and, within this many tokens, another place is only the other's
#: possessor ("Syria's northern Aleppo province")
POSSESSED_WINDOW = 6
#: Types whose action happens in a country without being aimed at it ("attacked US bases in Iraq").
PLACE_IS_NOT_TARGET = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
SPEAKER_WINDOW = 6  # tokens between a closing quote and its speaker ("…," said the French minister)
AGENT_WINDOW = 10  # tokens between a trigger and its "by" agent ("lancio di missili balistici da parte di X")
NEGATION_WINDOW = 2
CUE_WINDOW = 6
#: confidence taken from an event that is the purpose ("staged demonstrations to demand") or
#: the object ("rejected calls for talks") of another event of its sentence
PURPOSE_PENALTY = 0.15
OBJECT_GAP = 3  # words between a verb trigger and a noun trigger that is its object
RECIPIENT_WINDOW = 15  # tokens after the trigger where its recipient may stand
SOURCE_TAIL_BEFORE = 10  # tokens from the comma to the reporting verb of a closing source clause
SOURCE_TAIL_AFTER = 6  # words after that verb ("…, police said on Tuesday.")
ARGUMENT_NEAR = 8  # tokens between trigger and argument before confidence drops
OBJECT_WINDOW = 4  # tokens after the trigger where the nationality of its object may stand
#: Types and modes whose noun takes its target in the genitive ("the arrest of X", "la
#: liberazione di X"): an ontology fact, the same in every language.
PATIENT_GENITIVE = frozenset({"COERCE", "ASSAULT", "SANCTION", "release"})
#: Types whose subject after "be" is still the actor: the words are adjectives or the subject
#: is what is moved ("is ready to help", "missiles were launched", "were united in protest").
#: A retreat's subject is who withdraws or disarms ("troops were withdrawn"), except a release.
NO_PASSIVE_PATIENT = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "MOBILIZE", "PROTEST", "RETREAT"})


@dataclass(slots=True)
class Match:
    pattern: Pattern
    head: int  # token index
    last: int  # token index of the last matched item
    tokens: tuple[int, ...]


@dataclass(slots=True)
class Draft:
    """An event being built; becomes an Event when the document is done."""

    type: str
    mode: str | None
    context: tuple[str, ...]
    actor: list[ActorMention]
    recipient: list[ActorMention]
    date: PartialDate | None
    date_source: str  # explicit | relative | published | inherited | none
    place: Place | None
    aux: set[str]
    sentence: int
    sent_start: int
    sent_end: int
    trig_start: int
    trig_end: int
    trigger: str
    rule: str
    confidence: float
    language: str
    hints: frozenset[str]
    mentions: list[tuple[int, int, int, int, int, str]] = field(default_factory=list)
    #: the place is one the coder knows by name (not only from the wider gazetteer or the words
    #: around it): only such a place says whom an event concerns (unnamed_recipients)
    place_sure: bool = True

    @property
    def news(self) -> bool:
        return not (self.aux & {"historical", "hypothetical", "negated", "future"})

    def countries(self, side: list[ActorMention]) -> frozenset[str]:
        return frozenset(a.country for a in side if a.country)

    @property
    def participants(self) -> frozenset[str]:
        return self.countries(self.actor) | self.countries(self.recipient)


def _word_indices(tokens) -> list[int]:
    return [i for i, t in enumerate(tokens) if t.text not in ("'", "’")]


def _match_at(pat: Pattern, tokens, words: list[int], wpos: int, pack: LangPack) -> Match | None:
    """Try pattern pat with its head at words[wpos]."""
    matched = [words[wpos]]
    w = wpos + 1
    items = pat.items[1:]
    idx = 0
    while idx < len(items):
        item = items[idx]
        if item.gap:
            nxt = items[idx + 1]
            found = None
            for k in range(w, min(len(words), w + 7)):
                t = tokens[words[k]]
                if t.text in CLAUSE_PUNCT or pack.role(t.lower, "clause") or t.text in ".!?":
                    break
                if nxt.matches(t.lower, t.lemma):
                    found = k
                    break
            if found is None:
                return None
            matched.append(words[found])
            w = found + 1
            idx += 2
            continue
        if w >= len(words):
            return None
        t = tokens[words[w]]
        if not item.matches(t.lower, t.lemma):
            return None
        matched.append(words[w])
        w += 1
        idx += 1
    return Match(pat, matched[0], matched[-1], tuple(matched))


def find_triggers(tokens, pack: LangPack) -> list[Match]:
    words = _word_indices(tokens)
    found: list[Match] = []
    for wpos, ti in enumerate(words):
        t = tokens[ti]
        if not t.is_word:
            continue
        for pat in pack.heads(t.lower, t.lemma):
            m = _match_at(pat, tokens, words, wpos, pack)
            if m is None:
                continue
            before = [tokens[words[k]] for k in range(max(0, wpos - 4), wpos)]
            if pat.block and any(b.lower in pat.block or b.lemma in pat.block for b in before):
                continue
            found.append(m)
    # keep the most specific pattern per head, and drop a match inside a more specific one
    found.sort(key=lambda m: (-m.pattern.specificity, m.head))
    kept: list[Match] = []
    used: set[int] = set()
    for m in found:
        if m.head in used:
            continue
        if any(k.pattern.type == m.pattern.type and m.head in k.tokens for k in kept):
            continue
        kept.append(m)
        used.add(m.head)
    kept.sort(key=lambda m: m.head)
    return kept


def _clause_bounds(tokens, head: int, pack: LangPack) -> tuple[int, int]:
    """The clause around token ``head``; a short parenthesis ("the ILO (UN labour agency)")
    is passed over, not a boundary."""
    lo = head
    while lo > 0:
        t = tokens[lo - 1]
        if t.text == ")":
            opening = next((k for k in range(lo - 2, max(-1, lo - 2 - PAREN_MAX), -1) if tokens[k].text == "("), None)
            if opening is not None:
                lo = opening
                continue
        if t.text in CLAUSE_PUNCT or pack.role(t.lower, "clause"):
            break
        lo -= 1
    hi = head
    while hi + 1 < len(tokens):
        t = tokens[hi + 1]
        if t.text == "(":
            closing = next((k for k in range(hi + 2, min(len(tokens), hi + 2 + PAREN_MAX)) if tokens[k].text == ")"),
                           None)
            if closing is not None:
                hi = closing
                continue
        if t.text in CLAUSE_PUNCT or pack.role(t.lower, "clause"):
            break
        hi += 1
    return lo, hi


def _tok_of(tokens, offset: int) -> int:
    for i, t in enumerate(tokens):
        if t.start <= offset < t.end:
            return i
    return len(tokens) - 1


def _coordinated(between, pack: LangPack, *, in_list: bool) -> bool:
    """Whether the tokens between two mentions coordinate them: "e", "and", "y de"; a bare
    comma only inside a list that an "and" closes ("X, Y and Z")."""
    between = [t for t in between if t.text not in ("'", "’")]  # "l'Allemagne et l'Italie"
    if not between:
        return False
    joiners = ("and", "article", "of", "to", "against", "with")
    if not all(t.text == "," or any(pack.role(t.lower, r) for r in joiners) for t in between):
        return False
    has_and = any(pack.role(t.lower, "and") for t in between)
    return has_and or (in_list and any(t.text == "," for t in between))


def _joined_left(actors: list[ActorMention], chosen: ActorMention, tokens, pack: LangPack) -> list[ActorMention]:
    """Chosen plus the actors coordinated before it ("X e Y", "X, Y and Z")."""
    group = [chosen]
    cur = chosen
    for a in sorted((a for a in actors if a.end <= chosen.start), key=lambda a: -a.end):
        between = [t for t in tokens if a.end <= t.start and t.end <= cur.start]
        if _coordinated(between, pack, in_list=len(group) > 1):
            group.insert(0, a)
            cur = a
        else:
            break
    return group


def _joined_right(actors: list[ActorMention], chosen: ActorMention, tokens, pack: LangPack) -> list[ActorMention]:
    """Chosen plus the actors coordinated after it ("sanctions on Iran and Belarus")."""
    group = [chosen]
    cur = chosen
    for a in sorted((a for a in actors if a.start >= chosen.end), key=lambda a: a.start):
        between = [t for t in tokens if cur.end <= t.start and t.end <= a.start]
        if _coordinated(between, pack, in_list=True):
            group.append(a)
            cur = a
        else:
            break
    if len(group) > 1 and not any(pack.role(t.lower, "and") for t in tokens
                                  if group[0].end <= t.start and t.end <= group[-1].start):
        return [chosen]  # commas alone: an apposition or a list of other things, not coordination
    return group


def _prep_before(tokens, tok_index: int, pack: LangPack) -> str | None:
    """The grammar role of the preposition governing the mention at tok_index."""
    j = _prep_index(tokens, tok_index, pack)
    if j < 0:
        return None
    lows = [t.lower for t in tokens[max(0, j - 5): j + 1] if t.is_word]
    for role in ("by", "dir", "with", "against", "to"):
        for words in pack.grammar_phrases.get(role, ()):
            if tuple(lows[-len(words):]) == words:
                return role
    low = tokens[j].lower
    for role in ("with", "by", "against", "between", "to", "of", "loc", "dir"):
        if pack.role(low, role):
            return role
    return None


def _agent_of(m: Match, arg: int, tokens, heads: list[int], pack: LangPack, active: bool) -> bool:
    """Whether a by-phrase at token ``arg`` is the agent of trigger m: near its end (or inside
    its span: "recibido en X por Y"), with no new noun phrase and no other trigger between.
    Past other words, only the agent of a passive ("was welcomed on Monday by X"), a noun or a
    participle without a subject: after an active verb with its subject (``active``) the
    by-phrase belongs to the object ("Berlin rejected recent calls by X")."""
    inside = arg <= m.last
    start = m.head if inside else m.last
    if not inside and arg - m.last > AGENT_WINDOW:
        return False
    if not inside and _new_phrase_between(tokens, start, arg, pack):
        return False  # "condemned the visit by X"
    if not inside and active and _words_between(tokens, m.head, _prep_index(tokens, arg, pack)) \
            and not _passive(tokens, m.head, pack):
        return False
    return not any(start < h < arg for h in heads)  # "rejected calls by X": the nearer trigger's


def _addressee_clause(args: list[ActorMention], tokens, m: Match, pack: LangPack) -> list[ActorMention]:
    """The subject of the complement clause right after a demand is whom it is addressed to:
    "demanded on Friday that the United States match …", "chiede che Roma ritiri …"."""
    k = m.last + 1
    while k < len(tokens) and k <= m.last + 4 and not pack.role(tokens[k].lower, "complement"):
        k += 1
    if k >= len(tokens) or not pack.role(tokens[k].lower, "complement"):
        return []
    after = [a for a in args if a.argument and k < _tok_of(tokens, a.start) <= k + 2]
    return after[:1]


def _source_tail(tokens, cues: list[tuple[int, str, str]], heads: list[int]) -> int:
    """The token where a closing source clause begins (", the official news agency reported."):
    the comma before the last reporting verb of the sentence, when the verb stands near the end
    and no other trigger comes between; len(tokens) when there is none."""
    said = [k for k, cue, scope in cues if cue == "reported" and scope == "after"]
    if not said:
        return len(tokens)
    k = said[-1]
    if sum(t.is_word for t in tokens[k + 1:]) > SOURCE_TAIL_AFTER:
        return len(tokens)
    c = k - 1
    while c > 0 and tokens[c].text != ",":
        c -= 1
    if c <= 0 or k - c > SOURCE_TAIL_BEFORE or any(c < h < k for h in heads):
        return len(tokens)
    return c


def _directed_at(tokens, k: int, pack: LangPack) -> bool:
    """Whether the word at k stands in an against- or to-phrase, past an article and up to two
    adjectives ("restrictions against German goods", "electricity to the Azerbaijani region")."""
    j = k - 1
    skipped = 0
    roles = ("against", "to")
    while j >= 0 and skipped < 3 and not any(pack.role(tokens[j].lower, r) for r in roles):
        if not tokens[j].is_word or tokens[j].is_capitalised:
            return False
        j -= 1
        skipped += 1
    return j >= 0 and any(pack.role(tokens[j].lower, r) for r in roles)


def _short_parens(tokens) -> list[tuple[int, int]]:
    """(open, close) token indices of the parentheses of at most PAREN_MAX tokens."""
    out = []
    for o, t in enumerate(tokens):
        if t.text == "(":
            c = next((k for k in range(o + 1, min(len(tokens), o + 2 + PAREN_MAX)) if tokens[k].text == ")"), None)
            if c is not None:
                out.append((o, c))
    return out


def _complement_between(tokens, start: int, end: int, pack: LangPack) -> bool:
    """A complement conjunction ("that", "che") between two offsets, near the first."""
    gap = [t for t in tokens if start <= t.start < end]
    return any(pack.role(t.lower, "complement") for t in gap[:5])


def _passive(tokens, head: int, pack: LangPack, strict: bool = False,
             clause_final_in: tuple[int, int] | None = None) -> bool:
    """A passive auxiliary just before the trigger ("was welcomed", "è stato accolto"); with
    ``strict``, right before it (an adverb between allowed: "were later released")."""
    if strict and clause_final_in is not None:
        lo, hi = clause_final_in
        if _clause_final(tokens, head, hi) and any(pack.role(tokens[k].lower, "passive") for k in range(lo, head)):
            return True  # verb-final: "… wurden am Sonntag in Teheran festgenommen"
    if strict:
        ending = pack.settings.get("progressive_ending")
        if ending and tokens[head].lower.endswith(ending):
            return False  # "is refusing", "has been sharing": progressive, not passive
        words = [k for k in range(max(0, head - 2), head) if tokens[k].is_word]
        return bool(words) and (pack.role(tokens[words[-1]].lower, "passive")
                                or (len(words) == 2 and pack.role(tokens[words[0]].lower, "passive")
                                    and not tokens[words[1]].is_capitalised
                                    and not pack.role(tokens[words[1]].lower, "article")))
    return any(pack.role(tokens[k].lower, "passive") for k in range(max(0, head - 3), head))


def _prep_index(tokens, tok_index: int, pack: LangPack) -> int:
    """The token of the preposition governing the mention at tok_index (articles and
    apostrophes skipped); -1 when nothing stands before it."""
    j = tok_index - 1
    while j >= 0 and (tokens[j].text in ("'", "’") or pack.role(tokens[j].lower, "article")):
        j -= 1
    return j


def _words_between(tokens, a: int, b: int) -> bool:
    return any(tokens[k].is_word for k in range(a + 1, b))


def _source_of_object(tokens, m: Match, tok_index: int, pack: LangPack) -> bool:
    """A by- or from-phrase after the trigger's object names whose the object is: "rejected
    calls by X", "rejected an offer from X", "received a mission from X": X is the recipient."""
    j = _prep_index(tokens, tok_index, pack)
    return j - 1 > m.head and tokens[j - 1].is_word and not tokens[j - 1].is_capitalised \
        and not any(pack.role(tokens[j - 1].lower, r) for r in ("article", "aux", "passive", "clause", "and"))


def _new_phrase_between(tokens, last: int, arg: int, pack: LangPack) -> bool:
    """An article between a trigger and a by-phrase opens a new noun phrase: the by-phrase
    belongs to it ("condemned the visit by X"), not to the trigger."""
    def opens_phrase(k: int) -> bool:
        if not pack.role(tokens[k].lower, "article") or tokens[k].lower in pack.grammar.get("by", frozenset()):
            return False
        # an article before a name or a country ("contro la Russia") opens no new action noun
        nxt = k + 1
        while nxt < len(tokens) and tokens[nxt].text in ("'", "’"):
            nxt += 1
        return not (nxt < len(tokens) and tokens[nxt].is_capitalised)

    return any(opens_phrase(k) for k in range(last + 1, arg - 1))


def _country_from_sentence(sm: SentenceMentions, people: PersonIndex) -> None:
    """A titled person the packs do not know ("President Tomas Varga") takes the one country
    the sentence names, when it names exactly one ("... lifted the curfew in Moldova")."""
    countries = {a.country for a in sm.actors if a.country and a.kind in ("state", "metonym", "role", "body", "people")}
    countries |= {p.place.country for p in sm.places if p.place.country and p.sure}
    with_people = countries | {a.country for a in sm.actors if a.country and a.kind == "person"}
    for a in sm.actors:
        if a.name and a.office and not a.country and people.resolve(a.name) is None and len(countries) == 1:
            a.country = next(iter(countries))
        elif a.kind == "role" and a.name is None and not a.country and a.sector not in (None, "GOV") \
                and len(with_people) == 1:
            # "students demonstrated in Nairobi", "rebels shelled a village in Mali", "… against
            # President X": a group noun without a nationality belongs to the one country of its sentence
            a.country = next(iter(with_people))


def _resolve_group(m: ActorMention, history: list[ActorMention]) -> list[ActorMention]:
    """'i due leader' → the two most recent people of different countries."""
    seen: dict[str, ActorMention] = {}
    for a in reversed(history):
        if a.kind in ("person", "role") and a.country and a.country not in seen:
            seen[a.country] = a
        if len(seen) == 2:
            break
    return list(reversed(list(seen.values()))) if len(seen) == 2 else []


def resolve_mention(a: ActorMention, people: PersonIndex, history: list[ActorMention], exclude: frozenset[str]) -> ActorMention | None:
    """Give a mention its country: surnames by the person index, body nouns by discourse."""
    if a.country:
        if a.name is None and a.kind == "role":
            for h in reversed(history):
                if h.name and h.country == a.country and h.sector == a.sector:
                    return replace(a, name=h.name)
        return a
    if a.name:
        p = people.resolve(a.name)
        if p is not None:
            return replace(a, name=p.name, country=p.country, sector=a.sector or p.sector, kind="person")
        return None
    if a.kind == "body":
        for h in reversed(history):
            if h.country and h.country not in exclude and h.sector in (a.sector, "GOV") and h.kind != "group":
                return replace(a, country=h.country)
    if a.kind == "role" and a.sector not in (None, "GOV"):
        # "the demonstrators" after "Kenyan protesters": the same group named again
        for h in reversed(history):
            if h.country and h.sector == a.sector:
                return replace(a, country=h.country)
    if a.kind in ("role", "pronoun"):
        # "il ministro", "the president", "she": the last person of that sector named before
        for h in reversed(history):
            if h.country and h.country not in exclude and h.kind in ("person", "role", "body") \
                    and (a.kind == "pronoun" and h.kind != "body" or a.kind != "pronoun" and h.sector == a.sector):
                return replace(a, country=h.country, name=h.name, sector=a.sector or h.sector)
    return None


def _cue_reaches(cue: str, k: int, head: int, lo: int) -> bool:
    """A source cue ("secondo", "according to") covers the whole sentence after it; a
    negation must stand right before the trigger; other cues within its clause, close by."""
    if cue == "reported":
        return True
    if cue == "negated":
        return head - k <= NEGATION_WINDOW
    return k >= lo and head - k <= CUE_WINDOW


def cue_hits(tokens, pack: LangPack) -> list[tuple[int, str, str]]:
    """Every cue of the pack in a sentence, found once: (token index, cue, scope)."""
    lows = [t.lower for t in tokens]
    hits = []
    for k, word in enumerate(lows):
        if k > 0 and tokens[k].is_capitalised and tokens[k - 1].is_word:
            continue  # "Marta Fuentes" is a name, not "fuentes" (sources); a quote's first word is not
        for parts, cue, scope in pack.cue_index.get(word, ()):
            if tuple(lows[k: k + len(parts)]) == parts:
                hits.append((k, cue, scope))
    return hits


def _cue(hits: list[tuple[int, str, str]], tokens, m: Match, lo: int, hi: int, pack: LangPack,
         quoted: bool = False) -> set[str]:
    """The modality flags the cues of a sentence give the trigger m."""
    head, last = m.head, m.last
    aux: set[str] = set()
    head_low = tokens[head].lower
    for form, flag in pack.cues.get("suffix", {}).items():
        if head_low.endswith(form.lstrip("-~")) and len(head_low) > len(form) + 2:
            aux.add(flag)
    words = [k for k in range(head, min(hi + 1, len(tokens))) if tokens[k].is_word]
    clause_end = words[-1] if words else head
    verb_final = _clause_final(tokens, max(last, head), hi)
    for k, cue, scope in hits:
        if scope == "clause":
            aux.add(cue)
        elif scope == "after":
            if k > head and not quoted:  # in a quote the speaker speaks for himself
                aux.add(cue)
        elif scope == "before":
            if k < head and _cue_reaches(cue, k, head, lo):
                aux.add(cue)
            elif k < head and verb_final and k >= lo and cue in ("future", "hypothetical"):
                aux.add(cue)  # a verb-final clause keeps its auxiliary far away ("wird am Freitag … treffen")
            elif k > head and cue == "reported" and not quoted:
                aux.add(cue)  # "…, according to the air force"
            elif cue == "negated" and (head < k <= last or (k == clause_end and k > head)):
                aux.add(cue)  # "das Abkommen nicht unterzeichnet", "traf den Kanzler nicht."
    if tokens and tokens[-1].text == "?":
        aux.add("hypothetical")
    aux.discard("question")
    return aux


def _pick_date(dates: list[DateMention], head_off: int, published: PartialDate | None) -> tuple[PartialDate | None, str]:
    explicit = [d for d in dates if not d.since and not d.relative]
    if explicit:
        best = min(explicit, key=lambda d: (abs(d.start - head_off), -len(d.date.iso())))
        return best.date, "explicit"
    rel = [d for d in dates if d.relative]
    if rel:
        return min(rel, key=lambda d: abs(d.start - head_off)).date, "relative"
    if published is not None:
        return published, "published"
    return None, "none"


def _pick_place(places: list[PlaceMention], m: Match, verbal: bool, tokens, taken: set[int],
                pack: LangPack, object_place: bool = True) -> PlaceMention | None:
    """The place of the event told by m.  ``taken``: where its actors start (a place named as
    actor is not also its place, but the object of a deed is both: "captured X");
    ``object_place``: whether the trigger's object can be where it happens (plover.tsv)."""
    usable = [p for p in places if (p.prep == "loc" and p.start not in taken)
              or (p.prep == "obj" and object_place and m.head <= p.governor <= m.last)]
    # "in Iraq's northern city of X", "in X's regional capital Y": the possessor only says where
    # the next place is
    usable = [p for p in usable if not (_possessor(tokens, p, pack) and any(0 < q.token - p.token <= POSSESSED_WINDOW
                                                                     for q in places if q is not p))]
    if verbal:  # a speech act's object is whom it addresses, not where it happens
        near = [p for p in usable if 0 < p.token - m.last <= VERBAL_PLACE_WINDOW + 1 and p.prep != "obj"]
        return near[0] if near else None
    after = [p for p in usable if p.token > m.head]
    if after:
        return after[0]
    before = [p for p in usable if p.token < m.head]
    return before[-1] if before else None


def _ethnic_home(sm: SentenceMentions, k: int, code: str, pack: LangPack) -> str:
    """An ethnic group is coded by the country it lives in, when its sentence names one place
    country ("ethnic Albanians in southern Serbia" are Serbia's), else by its nationality."""
    j = prev_word(sm.tokens, k)
    if j < 0 or not pack.role(sm.tokens[j].lower, "ethnic"):
        return code
    homes = {p.place.country for p in sm.places if p.sure and p.place.country}
    return next(iter(homes)) if len(homes) == 1 else code


def _possessor(tokens, p: PlaceMention, pack: LangPack) -> bool:
    k = next((k for k in range(p.token, len(tokens)) if tokens[k].start >= p.end), len(tokens))
    if k < len(tokens) and tokens[k].text in ("'", "’"):
        k += 1
    return k < len(tokens) and possessor_before(tokens, k + 1, pack) >= 0


@dataclass(frozen=True, slots=True)
class _Words:
    """Words of a sentence standing for an event (head and last token), for :func:`place_at`."""

    head: int
    last: int


def place_at(sm: SentenceMentions, start: int, end: int, pack: LangPack,
             object_types: frozenset[str] | None = None) -> Place | None:
    """The place the coder gives an event told by the words at [start, end) of a sentence: the
    trigger there if there is one (a speech act takes only a place right after it), else the
    words themselves.  ``object_types``: the types whose object can be their place
    (``Knowledge.object_place``; None = any)."""
    tokens = sm.tokens
    head = _tok_of(tokens, start)
    last = max(head, _tok_of(tokens, max(start, end - 1)))
    matches = sm.triggers if sm.triggers is not None else find_triggers(tokens, pack)
    m = next((x for x in matches if x.head <= head <= x.last or head <= x.head <= last), None)
    verbal = m is not None and "verbal" in m.pattern.hints
    where = _Words(m.head, m.last) if m is not None else _Words(head, last)
    object_place = m is None or object_types is None or m.pattern.type in object_types
    found = _pick_place(sm.places, where, verbal, tokens, set(), pack, object_place)  # type: ignore[arg-type]
    return found.place if found is not None else None


def code_sentence(
    doc: Document,
    sm: SentenceMentions,
    dates: list[DateMention],
    pack: LangPack,
    knowledge: Knowledge,
    people: PersonIndex,
    history: list[ActorMention],
    subject: list[ActorMention] | None = None,
) -> list[Draft]:
    """Code one sentence.  ``subject`` is the previous sentence's subject, carried into this
    one when its own is omitted ("Il premier è arrivato a Roma. Ha poi incontrato ...")."""
    tokens = sm.tokens
    quotes = _quote_spans(tokens)
    _country_from_sentence(sm, people)
    drafts: list[Draft] = []
    used: set[int] = set()  # ids of mentions that are arguments of an earlier trigger
    matches = sm.triggers if sm.triggers is not None else find_triggers(tokens, pack)
    cues = cue_hits(tokens, pack)
    heads = [x.head for x in matches]
    # only mentions that can be given a country compete for argument slots; both lists are the
    # same for every trigger of the sentence
    args = [a for a in sm.actors if a.kind == "group" or resolve_mention(a, people, history, frozenset())]
    by_prep = {id(a): _prep_before(tokens, _tok_of(tokens, a.start), pack) for a in args}
    tail = _source_tail(tokens, cues, heads)
    parens = _short_parens(tokens)
    all_args = args
    for m in matches:
        pat = m.pattern
        lo, hi = _clause_bounds(tokens, m.head, pack)
        # what a short parenthesis says ("the ILO (the UN labour agency)") is no argument
        args = [a for a in all_args if not any(o < _tok_of(tokens, a.start) < c and not o < m.head < c
                                               for o, c in parens)]
        if m.head < tail:
            hi = min(hi, tail - 1)  # "…, Palestinian officials and US witnesses said": the source, no argument
        head_tok = tokens[m.head]
        last_tok = tokens[m.last]

        actor: list[ActorMention] = []
        recipient: list[ActorMention] = []
        # 1. passive agent right after the trigger: "lanciati dall'Iran"
        nominal = "nominal" in pat.hints or _opens_noun_phrase(tokens, m.head, pack)
        # an active verb with its subject: a by-phrase past its object is not its agent
        active = not nominal and any(a.end <= head_tok.start and _tok_of(tokens, a.start) >= lo and a.argument
                                     for a in args)
        agent = [a for a in args if a.start >= head_tok.end and by_prep[id(a)] == "by"
                 and _agent_of(m, _tok_of(tokens, a.start), tokens, heads, pack, active)]
        if not agent and _clause_final(tokens, m.last, hi):
            # verb-final passive: "… wurden von der Polizei festgenommen"
            agent = [a for a in args if lo <= _tok_of(tokens, a.start) and a.end <= head_tok.start
                     and by_prep[id(a)] == "by" and not any(_tok_of(tokens, a.start) < h < m.head for h in heads)][-1:]
        if "host" in pat.hints and agent:
            # "X è stato accolto da Y": X the visitor (actor), Y the host (recipient)
            recipient = [agent[0]]
            agent = []
        if agent and "recipient=place" not in pat.hints:
            actor = [agent[0]]
        # 2. nominal trigger: "colloqui tra X e Y", "protesta di Roma"; the genitive of a
        #    material-conflict noun is its target ("l'arresto di X")
        genitive_target = pat.type in PATIENT_GENITIVE or pat.mode in PATIENT_GENITIVE
        if not actor and nominal:
            right = [a for a in args if a.start >= last_tok.end and _tok_of(tokens, a.start) - m.last <= 4]
            if right and by_prep[id(right[0])] == "between":
                actor = _between(right, args, tokens, pack)
            elif right and by_prep[id(right[0])] == "of":
                if genitive_target:
                    recipient = [right[0]]
                else:
                    actor = [right[0]]
        # 3. the nearest actor to the left in the clause (and those coordinated with it)
        if not actor:
            left = [a for a in args if a.end <= head_tok.start and _tok_of(tokens, a.start) >= lo
                    and a.argument and by_prep[id(a)] not in ("with", "to", "against", "by", "loc", "dir")]
            if nominal and (drafts_here(drafts, sm.index) or used):
                # a noun after another trigger is its complement ("thanked X for its support",
                # "condemned the launch", "were killed by a bomb"): the earlier trigger's
                # arguments are not its actor
                left = [a for a in left if id(a) not in used]
            # a possessor ("il treno di X è arrivato") only when nothing else stands there
            plain = [a for a in left if by_prep[id(a)] != "of"] or left
            if plain:
                # the nearest subject and everything coordinated with it, on both sides
                # ("i presidenti di Angola e di Mozambico")
                actor = _joined_left(left, plain[-1], tokens, pack)
                actor += _joined_right(left, plain[-1], tokens, pack)[1:]
                if _clause_final(tokens, m.last, hi) and actor[0] is not plain[0] and not recipient:
                    # verb-final clause ("… den Kanzler getroffen."): subject first, object last
                    first = _joined_right(plain, plain[0], tokens, pack)
                    if not any(a in first for a in actor):
                        recipient, actor = actor, first
                if not agent and not nominal and not recipient \
                        and (pat.type not in NO_PASSIVE_PATIENT or pat.mode in PATIENT_GENITIVE) \
                        and _passive(tokens, m.head, pack, strict=True, clause_final_in=(lo, hi)) and not pat.hints & {"host", "recipient=place"}:
                    # a passive without an agent: its subject is acted upon, the actor is not told
                    # ("three soldiers were killed by a roadside bomb")
                    recipient, actor = actor, []
        if len(actor) == 1 and actor[0].kind == "group":
            actor = _resolve_group(actor[0], history)
        inside = next(((qa, qb) for qa, qb in quotes if qa < m.head < qb), None)
        if not actor and inside is not None:
            # a quote: the speaker outside it acts ("'We will help them,' the minister said")
            # the speaker stands right after the quote ("…," the minister said) or right before
            # it with a colon or comma ("The minister: …")
            qa, qb = inside
            after = [a for a in args if qb < _tok_of(tokens, a.start) <= qb + SPEAKER_WINDOW and a.argument]
            lead_in = qa > 0 and tokens[qa - 1].text in (":", ",")
            before = [a for a in args if _tok_of(tokens, a.end - 1) < qa - 1 and a.argument] if lead_in else []
            actor = after[:1] or before[-1:]
        if not actor and not nominal and inside is None and pack.setting("verb_second") \
                and not any(a.end <= head_tok.start and a.argument for a in args):
            # "Am Samstag demonstrierten in Nairobi Tausende Studenten": the subject after the verb
            after = [a for a in args if a.start >= head_tok.end and _tok_of(tokens, a.start) <= hi and a.argument
                     and by_prep[id(a)] not in ("with", "to", "against", "by", "of", "loc", "dir", "between")]
            if after:
                actor = [after[0]]
        if not actor and subject and not nominal and inside is None \
                and not any(a.end <= head_tok.start and a.argument for a in args):
            # no subject of its own before the verb: the previous sentence's subject (pro-drop)
            actor = list(subject)
        # recipient: the subject of a passive, else the nearest actor to the right in the clause
        if not recipient and "no_recipient" not in pat.hints and "recipient=place" not in pat.hints:
            if "passive" in pat.hints or (agent and actor and actor[0] is agent[0]):
                left = [a for a in args if a.end <= head_tok.start and _tok_of(tokens, a.start) >= lo and a.argument
                        and a not in agent]
                if left and "no_recipient" not in pat.hints and agent:
                    recipient = [left[0] if agent[0].start < head_tok.start else left[-1]]
            if not recipient:
                right = [a for a in args if a.start >= head_tok.end and a not in actor
                         and _tok_of(tokens, a.start) <= min(hi, m.last + RECIPIENT_WINDOW)
                         and (a.argument or by_prep[id(a)] in ("with", "to", "against")
                              or (by_prep[id(a)] == "of" and _source_of_object(tokens, m, _tok_of(tokens, a.start), pack)))
                         and (by_prep[id(a)] not in ("by", "loc", "dir")
                              or (by_prep[id(a)] in ("by", "dir") and a not in agent
                                  and _source_of_object(tokens, m, _tok_of(tokens, a.start), pack)))]
                if right:
                    recipient = _joined_right(right, right[0], tokens, pack)
        if not recipient and pat.type == "REQUEST" and "no_recipient" not in pat.hints:
            recipient = _addressee_clause(args, tokens, m, pack)
        # give every argument a country; drop what cannot be resolved
        actor_r = [r for r in (resolve_mention(a, people, history, frozenset()) for a in actor) if r]
        exclude = frozenset(a.country for a in actor_r if a.country)
        recipient_r = [r for r in (resolve_mention(a, people, history, exclude) for a in recipient) if r]
        if not recipient_r and "no_recipient" not in pat.hints:
            # "recalled its ambassador from Madrid", "closed its embassy in Caracas": the post's country
            posts = [p.place.country for p in sm.places if p.prep == "envoy" and p.token > m.head
                     and p.place.country and p.place.country not in {a.country for a in actor_r}]
            if posts:
                recipient_r = [ActorMention(tokens[m.head].start, tokens[m.last].end, "", None, posts[0], "GOV",
                                            kind="state")]
        if not recipient_r and "no_recipient" not in pat.hints and pat.type not in ("MOBILIZE", "PROTEST"):
            # the nationality of what the action hits: "fired at American bases", "ha abbattuto un
            # drone maliano", "zwei russische Diplomaten ausgewiesen"
            passive_subject = bool(agent) and actor and actor[0] is agent[0]
            owned = [(k, code) for k, code in sm.nationalities
                     if (m.head < k <= m.last + OBJECT_WINDOW or (passive_subject and lo <= k < m.head)
                         or (m.last < k <= min(hi, m.last + RECIPIENT_WINDOW) and _directed_at(tokens, k, pack)))
                     and code not in {a.country for a in actor_r}]  # "tre cittadini francesi sono stati arrestati da …"
            if owned:
                k, code = owned[0]
                code = _ethnic_home(sm, k, code, pack)
                recipient_r = [ActorMention(tokens[k].start, tokens[k].end, tokens[k].text, None, code, None,
                                            kind="owned")]
        if not recipient_r and "no_recipient" not in pat.hints and pat.type not in PLACE_IS_NOT_TARGET:
            # "troops for a peace force in Liberia": a country named after the trigger in its
            # clause is who the action concerns, when nothing else is
            land = [p for p in sm.places if p.place.feature == "country" and p.token > m.last
                    and p.token <= hi and p.place.country not in exclude]
            if land:
                pl = land[0].place
                recipient_r = [ActorMention(pl.start, pl.end, pl.text or pl.name, None, pl.country, "GOV",
                                            kind="state")]
        used.update(id(a) for a in actor + recipient)
        if not actor_r:
            continue
        if "reciprocal" in pat.hints and not recipient_r and len({a.country for a in actor_r}) >= 2:
            recipient_r = actor_r[1:]
            actor_r = actor_r[:1]
        # remove self-reference (same person on both sides)
        recipient_r = [r for r in recipient_r if not any(r.name and r.name == a.name for a in actor_r)]

        date, date_source = _pick_date(dates, head_tok.start, doc.published)
        taken = {a.start for a in actor_r + recipient_r}
        picked = _pick_place(sm.places, m, "verbal" in pat.hints, tokens, taken, pack,
                             pat.type in knowledge.object_place)
        place = picked.place if picked is not None else None
        aux = _cue(cues, tokens, m, lo, hi, pack, quoted=inside is not None)
        ev_type, mode = pat.type, pat.mode
        if "obligation" in aux:
            # "X said Y must Z": X's demand on Y
            aux.discard("obligation")
            speaker = _speaker(args, tokens, lo, hi, by_prep, people, history)
            if speaker is not None and actor_r:
                ev_type, mode = "REQUEST", None
                actor_r, recipient_r = [speaker], actor_r
                aux.discard("hypothetical")
            else:
                aux.add("hypothetical")
        if any(x.pattern.type == "REQUEST" and x.last < m.head
               and _complement_between(tokens, tokens[x.last].end, head_tok.start, pack) for x in matches):
            aux.add("hypothetical")  # "demanded that Israel ease restrictions": asked for, not done
        if "future" in aux and ev_type in knowledge.intent:
            ev_type, mode = knowledge.intent[ev_type], None
            aux.discard("future")
        if date is not None and doc.published is not None and date_source == "explicit":
            if date.last_day() < doc.published.first_day() - dt.timedelta(days=HISTORY_DAYS):
                aux.add("historical")
        if "recipient=place" in pat.hints and place is None:
            # "arrivato in Cile", "arrivé au Japon": the country named after the verb is where
            # the visit goes (the preposition is both locative and dative)
            dest = [a for a in sm.actors if a.kind in ("state", "metonym") and a.start >= last_tok.end
                    and _tok_of(tokens, a.start) - m.last <= 3
                    and _prep_before(tokens, _tok_of(tokens, a.start), pack) in ("to", "loc")]
            if dest:
                place = _destination(dest[0])
        names_other = any(a not in actor and lo <= _tok_of(tokens, a.start) <= hi for a in sm.actors)
        if pat.type == "CONSULT" and not recipient_r and not names_other and len({a.country for a in actor_r}) < 2 \
                and "recipient=place" not in pat.hints and "nominal" not in pat.hints:
            continue  # a meeting needs two parties: "the cabinet met" names no other
        if "recipient=place" in pat.hints and any(a.sector == "MIL" for a in actor_r):
            continue  # troops arriving somewhere are a deployment, not a visit
        if "recipient=place" in pat.hints and place is not None and place.country:
            if place.country not in {a.country for a in actor_r}:
                recipient_r = [ActorMention(place.start, place.end, place.text or place.name, None,
                                            place.country, "GOV", kind="state")]
        conf = _confidence(pat, actor_r, recipient_r, date_source, aux, tokens, m, sm)
        if drafts_here(drafts, sm.index) and _purpose(tokens, m.head, pack):
            conf -= PURPOSE_PENALTY  # "staged demonstrations to demand reforms": the demand is the purpose
        elif any(d.sentence == sm.index and d.trig_start < head_tok.start
                 and _object_gap(tokens, tokens[_tok_of(tokens, d.trig_start)].end, head_tok.start, pack)
                 for d in drafts):
            conf -= PURPOSE_PENALTY  # "rejected recent calls for talks": the calls are what is rejected
        drafts.append(Draft(
            type=ev_type, mode=mode, context=pat.context, actor=actor_r, recipient=recipient_r,
            date=date, date_source=date_source, place=place, aux=aux, sentence=sm.index,
            sent_start=sm.start, sent_end=sm.end, trig_start=head_tok.start, trig_end=last_tok.end,
            trigger=doc.text[head_tok.start:last_tok.end], rule=pat.id, confidence=round(min(conf, 0.95), 2),
            language=sm.language, hints=pat.hints, place_sure=picked is None or picked.sure,
        ))
    for d in drafts:
        _orient_visit(d)
    return drafts


def sentence_subject(sm: SentenceMentions, pack: LangPack, people: PersonIndex,
                     history: list[ActorMention]) -> list[ActorMention]:
    """The subject of a sentence that coded no event: its first actor not governed by a
    preposition ("Il premier olandese è atterrato a Roma." → il premier olandese)."""
    for a in sm.actors:
        if not a.argument:
            continue
        if _prep_before(sm.tokens, _tok_of(sm.tokens, a.start), pack) in (
                "with", "to", "against", "by", "of", "loc", "dir", "between"):
            continue
        resolved = resolve_mention(a, people, history, frozenset())
        return [resolved] if resolved is not None else []
    return []


def _confidence(pat: Pattern, actor: list[ActorMention], recipient: list[ActorMention], date_source: str,
                aux: set[str], tokens, m: Match, sm: SentenceMentions) -> float:
    """How much the evidence supports the event, 0–1: the rule's specificity, the arguments
    found and how far they stand from the trigger, how the date is known, and modality."""
    named = [a for a in recipient if a.kind != "owned"]  # a nationality adjective is weaker evidence
    conf = 0.45 + 0.05 * min(pat.specificity, 3) + (0.2 if actor else 0) + (0.1 if named else 0)
    if date_source == "none":
        conf -= 0.1
    in_sentence = [a for a in actor + recipient if sm.start <= a.start < sm.end]
    if in_sentence:
        far = max(abs(_tok_of(tokens, a.start) - m.head) for a in in_sentence)
        conf -= 0.02 * max(0, far - ARGUMENT_NEAR)  # arguments far from the trigger are less sure
    if len(in_sentence) < len(actor + recipient):
        conf -= 0.05  # an argument carried from another sentence
    if aux & {"hypothetical", "negated"}:
        conf -= 0.05  # the text itself is unsure, or says it did not happen
    return round(max(0.05, min(conf, 0.95)), 2)


def _clause_final(tokens, last: int, hi: int) -> bool:
    """Whether the trigger ends its clause (only punctuation after it up to the clause end)."""
    return all(not tokens[k].is_word for k in range(last + 1, min(hi + 1, len(tokens))))


def _destination(a: ActorMention) -> Place:
    """The place a visit goes to, named by a country or a capital after "to"."""
    if a.kind == "metonym":
        cities = [c for c in (city_index().get(norm_form(a.text)) or ()) if c.country == a.country]
        if cities:
            return city_place(cities[0], a.text, a.start, a.end)
    return Place(id=f"country:{a.country}", name=a.text, lat=None, lon=None, country=a.country,
                 feature="country", resolution=1, text=a.text, start=a.start, end=a.end)


def _object_gap(tokens, start: int, end: int, pack: LangPack) -> bool:
    """Whether the text between two triggers (offsets) is short enough, and without a comma,
    a conjunction or a clause word, for the second to be the object of the first."""
    gap = [t for t in tokens if start <= t.start < end]
    if any(not t.is_word and t.text not in ("'", "’", "-") for t in gap):
        return False
    if any(pack.role(t.lower, "and") or pack.role(t.lower, "clause") for t in gap):
        return False
    return sum(t.is_word for t in gap) <= OBJECT_GAP


def _purpose(tokens, head: int, pack: LangPack) -> bool:
    """A trigger right after an infinitive marker ("to demand", "per chiedere") is the purpose
    of the action before it."""
    j = head - 1
    return j >= 0 and pack.role(tokens[j].lower, "to")


def _speaker(args: list[ActorMention], tokens, lo: int, hi: int, by_prep: dict[int, str | None],
             people: PersonIndex, history: list[ActorMention]) -> ActorMention | None:
    """Who says the clause: the subject of the clause it hangs on ("X said that …"), or the
    actor after it ("…, X said")."""
    before = [a for a in args if _tok_of(tokens, a.end - 1) < lo and a.argument
              and by_prep[id(a)] not in ("with", "to", "against", "by", "of", "loc", "dir", "between")]
    after = [a for a in args if _tok_of(tokens, a.start) > hi and a.argument
             and by_prep[id(a)] not in ("with", "to", "against", "by", "of", "loc", "dir", "between")]
    for cand in before[:1] + after[:1]:
        resolved = resolve_mention(cand, people, history, frozenset())
        if resolved is not None:
            return resolved
    return None


def drafts_here(drafts: list[Draft], sentence: int) -> bool:
    return any(d.sentence == sentence for d in drafts)


def _opens_noun_phrase(tokens, head: int, pack: LangPack) -> bool:
    """A trigger right after an article or a preposition is a noun ("il lancio", "after the
    arrest", "for its support")."""
    j = head - 1
    while j >= 0 and tokens[j].text in ("'", "’"):
        j -= 1
    if j < 0:
        return False
    low = tokens[j].lower
    return any(pack.role(low, r) for r in ("article", "of", "to", "with", "by", "loc", "against", "between"))


QUOTE_MARKS = frozenset({"\"", "«", "»", "“", "”", "„"})


def _quote_spans(tokens) -> list[tuple[int, int]]:
    """(open, close) token indices of the quotations in a sentence."""
    marks = [i for i, t in enumerate(tokens) if t.text in QUOTE_MARKS]
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]


def _between(right: list[ActorMention], args: list[ActorMention], tokens, pack: LangPack) -> list[ActorMention]:
    first = right[0]
    rest = [a for a in args if a.start > first.end]
    if rest:
        between = [t for t in tokens if first.end <= t.start and t.end <= rest[0].start]
        if between and all(pack.role(t.lower, "and") or pack.role(t.lower, "article") or t.text == ","
                           for t in between):
            return [first, rest[0]]
    return [first]


def _orient_visit(d: Draft) -> None:
    """PLOVER: in a meeting the visitor is the actor and the host the recipient."""
    if d.type != "CONSULT" or d.place is None or not d.place.country:
        return
    host = d.place.country
    a, r = d.countries(d.actor), d.countries(d.recipient)
    if host in a and host not in r and r:
        d.actor, d.recipient = d.recipient, d.actor
        d.mode = d.mode or "visit"
    elif host in r and host not in a:
        d.mode = d.mode or "visit"


# ---------------------------------------------------------------- within-document merging

def _distance_km(p: Place, q: Place) -> float | None:
    if p.lat is None or p.lon is None or q.lat is None or q.lon is None:
        return None
    return haversine_km(p.lat, p.lon, q.lat, q.lon)


def places_compatible(p: Place | None, q: Place | None) -> bool:
    if p is None or q is None or p.id == q.id:
        return True
    if p.country and q.country and p.country != q.country:
        return False
    if min(p.resolution, q.resolution) <= 3:  # a country or region holds the other
        return True
    km = _distance_km(p, q)
    return km is not None and km <= 50


def _sides_compatible(a: Draft, b: Draft) -> bool:
    if a.type == "CONSULT" and a.participants and a.participants == b.participants:
        return True
    aa, ba = a.countries(a.actor), b.countries(b.actor)
    ar, br = a.countries(a.recipient), b.countries(b.recipient)
    if aa != ba:
        return False
    return ar == br or not ar or not br


def _specificity(d: Draft) -> tuple:
    prec = {"day": 3, "month": 2, "year": 1}.get(d.date.precision if d.date else "", 0)
    return (-(d.date_source == "explicit"), -prec, -(d.place.resolution if d.place else 0), d.trig_start)


def merge_drafts(drafts: list[Draft], text: str) -> list[Draft]:
    """One event per real action in a document: a repeated lead or quoted tweet adds a
    mention to the event it repeats, not a new event.  Of several events it could repeat,
    the one at the same place, then the one told nearest in the text."""
    clusters: list[Draft] = []
    for d in sorted(drafts, key=_specificity):
        best = None
        for c in clusters:
            if c.type != d.type or c.news != d.news or not _sides_compatible(c, d):
                continue
            if c.mode and d.mode and c.mode != d.mode:
                continue
            if c.date and d.date and not c.date.compatible(d.date) \
                    and not _date_may_be(d, c.date) and not _date_may_be(c, d.date):
                continue
            if not places_compatible(c.place, d.place):
                continue
            para, chars = _distance(d, c, text)
            score = (c.place is not None and d.place is not None and c.place.id == d.place.id,
                     -para, -chars)
            if best is None or score > best[0]:
                best = (score, c)
        if best is None:
            clusters.append(d)
            continue
        c = best[1]
        c.mentions.append((d.sentence, d.sent_start, d.sent_end, d.trig_start, d.trig_end, d.trigger))
        c.mentions.extend(d.mentions)
        if not c.recipient and d.recipient:
            c.recipient = d.recipient
        if d.date and (c.date is None or (c.date.contains(d.date) and c.date != d.date)
                       or (c.date_source == "published" and d.date_source == "explicit")):
            c.date, c.date_source = d.date, d.date_source
        if d.place and (c.place is None or d.place.resolution > c.place.resolution):
            c.place, c.place_sure = d.place, d.place_sure
        c.mode = c.mode or d.mode
        c.aux |= d.aux & {"reported"}
        c.confidence = max(c.confidence, d.confidence)
    for c in clusters:
        _orient_visit(c)
    return sorted(clusters, key=lambda c: c.trig_start)


def _distance(d: Draft, other: Draft, text: str) -> tuple[int, int]:
    """(paragraphs apart, characters apart) from d to the nearest telling of other."""
    spots = [other.trig_start] + [m[3] for m in other.mentions]

    def para(offset: int) -> int:
        return text.count("\n\n", 0, offset)

    return min((abs(para(d.trig_start) - para(p)), abs(d.trig_start - p)) for p in spots)


def _date_may_be(d: Draft, day: PartialDate | None) -> bool:
    """Whether d, dated only by default, may have happened on day: within its span, or for a
    report dated by its publication day, in the week before it."""
    if d.date is None:
        return True
    if day is None:
        return False
    if d.date.contains(day):
        return True
    return d.date_source == "published" and 0 <= (d.date.first_day() - day.last_day()).days <= 7


def inherit_from_meetings(drafts: list[Draft], text: str) -> None:
    """What is said or promised at a meeting happens when (and, for actions, where) the
    meeting does, unless the sentence says otherwise.  Of several meetings between the
    same parties, the one told nearest in the text."""
    meetings = [d for d in drafts if d.type == "CONSULT" and d.news and d.date_source in ("explicit", "relative")]
    for d in drafts:
        if d.type == "CONSULT" or d.date_source not in ("published", "relative", "none"):
            continue
        same = [mt for mt in meetings
                if len(d.participants) >= 2 and d.participants <= mt.participants
                and _date_may_be(d, mt.date)]
        if not same:
            continue
        mt = min(same, key=lambda m: _distance(d, m, text))
        d.date, d.date_source = mt.date, "inherited"
        if d.place is None and "verbal" not in d.hints:
            d.place, d.place_sure = mt.place, mt.place_sure


def unnamed_recipients(drafts: list[Draft], knowledge: Knowledge) -> None:
    """Give an event whose sentence names no recipient the one its type implies (plover.tsv's
    ``unnamed_recipient``): "own", the country where it happens, else the actor's own country
    ("students demonstrated in Nairobi": KEN→KEN, against their own government); "place", the
    country where it happens when it is not the actor's ("troops deployed in X").  Only for an
    actor of one state or organisation (an organisation has no country of its own: only the
    place counts); the recipient is marked implicit."""
    for d in drafts:
        rule = knowledge.unnamed_recipient.get(d.type)
        countries = d.countries(d.actor)
        if d.recipient or rule is None or len(countries) != 1:
            continue
        own = next(iter(countries))
        if own in knowledge.igos:
            rule = "place"
        where = d.place.country if d.place is not None and d.place_sure and d.place.country not in knowledge.igos \
            else None
        target = where if where and where != own else own if rule == "own" else None
        if target:
            d.recipient = [ActorMention(d.trig_start, d.trig_start, "", None, target, None, kind="implicit")]


def finalize(doc: Document, drafts: list[Draft]) -> list[Event]:
    events = []
    for d in drafts:
        evid = Evidence(doc.id, d.sentence, d.sent_start, d.sent_end, d.trig_start, d.trig_end, d.trigger)
        more = tuple(Evidence(doc.id, s, ss, se, ts, te, tr) for (s, ss, se, ts, te, tr) in d.mentions)
        actors = tuple(_actor(a) for a in d.actor)
        recips = tuple(_actor(a) for a in d.recipient)
        events.append(Event(
            id=content_id(doc.id, d.type, d.trig_start, d.trig_end),
            doc_id=doc.id, type=d.type, mode=d.mode, context=d.context, actor=actors, recipient=recips,
            date=d.date, place=d.place, aux=tuple(sorted(d.aux)), evidence=evid, rule=d.rule,
            confidence=d.confidence, language=d.language, mentions=more,
        ))
    return events


def _actor(a: ActorMention) -> Actor:
    return a.to_actor()

"""Actor and place mentions in a document.

Stage contract: (document text, sentences, language packs, knowledge) → for each sentence its
tokens, its actor mentions and its place mentions, plus the document-level person index used
to resolve bare surnames and role nouns that refer back.

Example: ``il presidente francese Anne Morel`` → ActorMention(name="Anne Morel",
country="FRA", sector="GOV", office="presidente", start, end); ``a Pechino`` → a place
mention (a capital after a locative preposition is a place, not the government).
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field, replace

from annalist.knowledge.gazetteer import city_index, city_place
from annalist.knowledge.names import name_key
from annalist.knowledge.packs import Entry, Knowledge, LangPack, load_given_names, norm_form
from annalist.model import Actor, PartialDate, Place
from annalist.text.tokens import Token

@dataclass(frozen=True, slots=True)
class Hit:
    """A dictionary form found in the text."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]

    def first(self, kind: str) -> Entry | None:
        for e in self.entries:
            if e.kind == kind:
                return e
        return None


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    name: str | None
    country: str | None
    sector: str | None
    office: str | None = None
    kind: str = "person"  # person | state | metonym | igo | body | group | owned | implicit
    argument: bool = True  # False for a possessor of a thing ("the border of X")
    members: tuple[ActorMention, ...] = ()
    head: int = -1  # token index of the mention's head in the sentence

    def to_actor(self) -> Actor:
        return Actor(
            name=self.name,
            country=self.country,
            sector=self.sector,
            office=self.office,
            text=self.text,
            start=self.start,
            end=self.end,
            implicit=self.kind == "implicit",
        )


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: Place
    start: int
    end: int
    prep: str | None  # loc | dir | of | None: the role of the word before it
    token: int  # index of its first token in the sentence
    #: False for a place known only from the wider gazetteer or from the words around it ("the
    #: village of X"): good enough for where an event happened, not for whom it concerns
    sure: bool = True
    #: for a place in object position (prep ``obj``), the token of the word it is the object of
    governor: int = -1


@dataclass(slots=True)
class SentenceMentions:
    index: int
    start: int
    end: int
    language: str
    tokens: list[Token]
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    nationalities: list[tuple[int, str]] = field(default_factory=list)  # (token, code) of loose adjectives
    triggers: list | None = None  # the coder's trigger matches, found once (events.find_triggers)


def _made_in(text: str, end: int, pack: LangPack) -> bool:
    """A nationality joined by a hyphen to a word of origin ("Russian-made rockets",
    "German-built tanks") tells where a thing comes from: no actor."""
    if end >= len(text) or text[end] != "-":
        return False
    k = end + 1
    while k < len(text) and text[k].isalpha():
        k += 1
    return pack.role(text[end + 1:k].lower(), "origin")


def _boundary_ok(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _case_ok(form: str, surface: str) -> bool:
    """Capitals in the pack form must be capitals in the text (Parigi, not 'parigi')."""
    if len(form) != len(surface):
        return True
    return all(not f.isupper() or s.isupper() for f, s in zip(form, surface))


def _entry_case_ok(e: Entry, forms: tuple[str, ...], surface: str, start: int) -> bool:
    """A nationality written in lower case in the pack ("russo") but capitalised inside a
    sentence ("Marco Russo") is a surname, not a nationality."""
    if e.kind != "demonym" or start == 0 or not surface[:1].isupper():
        return True
    return any(f[:1].isupper() for f in forms)


def find_hits(text: str, pack: LangPack) -> list[Hit]:
    """Longest non-overlapping dictionary matches with word boundaries and case checked."""
    lowered = norm_form(text)
    if len(lowered) != len(text):  # a character whose lower case is longer: align char by char
        lowered = "".join(norm_form(c)[:1] or c for c in text)
    found: list[Hit] = []
    for end_idx, (forms, entries) in pack.automaton.iter(lowered):
        key_len = len(norm_form(forms[0]))
        start, end = end_idx - key_len + 1, end_idx + 1
        if not _boundary_ok(text, start, end):
            continue
        surface = text[start:end]
        if not any(_case_ok(f, surface) for f in forms):
            continue
        ok = tuple(e for e in entries if _entry_case_ok(e, forms, surface, start))
        if ok and _made_in(text, end, pack):
            ok = tuple(e for e in ok if e.kind not in ("country", "demonym"))
        if ok:
            found.append(Hit(start, end, surface, ok))
    found.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[Hit] = []
    occupied: set[int] = set()
    for h in found:
        if any(i in occupied for i in range(h.start, h.end)):
            continue
        taken.append(h)
        occupied.update(range(h.start, h.end))
    taken.sort(key=lambda h: h.start)
    return taken


def _tok_index(tokens: list[Token], offset: int) -> int:
    for i, t in enumerate(tokens):
        if t.start <= offset < t.end:
            return i
    return len(tokens)


def prev_word(tokens: list[Token], i: int) -> int:
    j = i - 1
    while j >= 0 and tokens[j].text in ("'", "’"):
        j -= 1
    return j


def possessor_before(tokens: list[Token], i: int, pack: LangPack) -> int:
    """The last token of a possessor name ending with the possessive marker just before token i
    ("Syria's", and "Syria s" in text whose apostrophes were stripped), else -1."""
    p = i - 1
    if p < 1 or p >= len(tokens) or not tokens[p].is_word or not pack.role(tokens[p].lower, "possessive"):
        return -1
    if tokens[p - 1].text in ("'", "’"):
        return p - 2 if p >= 2 and tokens[p - 2].is_capitalised else -1
    stripped = tokens[p - 1].is_capitalised and tokens[p].start > tokens[p - 1].end and tokens[p].text.islower()
    return p - 1 if stripped else -1


def _roles_before(tokens: list[Token], i: int, pack: LangPack) -> frozenset[str]:
    """The grammar roles of the word (or phrase) before token i: loc, dir, of, to, by ..."""
    j = prev_word(tokens, i)
    if j < 0:
        return frozenset()
    lows = [t.lower for t in tokens[max(0, j - 5): j + 1] if t.is_word]
    for role in ("by", "dir", "loc"):
        for words in pack.grammar_phrases.get(role, ()):
            if tuple(lows[-len(words):]) == words:
                return frozenset({role})
    low = tokens[j].lower
    return frozenset(r for r in ("dir", "loc", "by", "of", "to", "with", "against", "article")
                     if pack.role(low, r))


def _role_before(tokens: list[Token], i: int, pack: LangPack) -> str | None:
    """The main role of the word before token i (a locative before a genitive ...)."""
    roles = _roles_before(tokens, i, pack)
    for role in ("dir", "loc", "by", "of", "to", "with", "against", "article"):
        if role in roles:
            return role
    return None


def _place_prep(tokens: list[Token], i: int, prep: str | None, pack: LangPack) -> str | None:
    """The preposition of a place name, also past the words :func:`_phrase_role` passes over
    ("in the occupied West Bank", "nella martoriata Gaza", "in northern Iraq")."""
    if prep is not None and prep != "article":
        return prep
    role, _ = _phrase_role(tokens, i, pack)
    return role if role in ("loc", "dir") else None


def _name_prep(tokens: list[Token], i: int, j: int, prep: str | None, pack: LangPack) -> str | None:
    """The place preposition of the name at tokens [i, j) when only an article or nothing
    stands right before it: the one past the words :func:`_phrase_role` passes over ("in the
    occupied X"), none when the name modifies the next word ("in a U.S. airstrike"), and
    ``loc`` when the name owns a place noun ("X's streets were patrolled")."""
    walked = prep == "article"
    prep = _place_prep(tokens, i, None, pack)
    if walked and _modifies_next(tokens, j, pack):
        prep = None
    if prep is None and _owns_place(tokens, j, pack):
        prep = "loc"
    return prep


def _modifies_next(tokens: list[Token], j: int, pack: LangPack) -> bool:
    """Whether a name ending before token j modifies the word after it ("a U.S. airstrike",
    "the X Assembly"): a content word, not a place noun, a date word or a function word."""
    if j >= len(tokens) or not tokens[j].is_word or tokens[j].text.isdigit():
        return False
    low = tokens[j].lower
    return not (_is_function(tokens[j], pack) or pack.role(low, "place_noun") or low in pack.months
                or low in pack.weekdays or low in pack.relative_days)


def _place_noun_after(tokens: list[Token], j: int, pack: LangPack) -> bool:
    """A place noun right after a name, or after one more lower-case word: "the X
    municipality", "in X province", "the X refugee camp"."""
    for k in (j, j + 1):
        if k >= len(tokens) or not tokens[k].is_word or tokens[k].is_capitalised:
            return False
        if pack.role(tokens[k].lower, "place_noun"):
            # "the Shiite holy city of X": the name before is a modifier, X the place; but in "the
            # X district of Y province" X is the place and Y the wider one
            if k + 1 < len(tokens) and pack.role(tokens[k + 1].lower, "of"):
                m = k + 2
                while m < len(tokens) and tokens[m].is_word and tokens[m].is_capitalised:
                    m += 1
                return m > k + 2 and m < len(tokens) and pack.role(tokens[m].lower, "place_noun")
            return True
        if pack.role(tokens[k].lower, "stop") or _roles_before(tokens, k + 1, pack):
            return False
    return False


def _phrase_role(tokens: list[Token], i: int, pack: LangPack) -> tuple[str | None, int]:
    """How the noun phrase that ends with the name at token i is tied to its sentence: ``loc`` or
    ``dir`` after a preposition ("in the southwestern town of X", "in northern X"), ``obj``
    right after a content word, the object of a verb ("captured the town of X", "bombed X"),
    else None; and the token of that content word (-1 for a preposition).  Articles, area
    adjectives, place nouns, the "of" after a place noun, a possessor ("Syria's") and one
    adjective after an article or possessor may stand between."""
    k = i
    free = 1
    while True:
        roles = _roles_before(tokens, k, pack)
        if "dir" in roles or "loc" in roles:
            return ("dir" if "dir" in roles else "loc"), -1
        p = prev_word(tokens, k)
        if p < 0 or not tokens[p].is_word:
            return None, -1
        if tokens[p].is_capitalised:
            if k != i and pack.role(tokens[k].lower, "place_noun") and not pack.role(tokens[p].lower, "stop"):
                k = _name_start(tokens, p, pack)  # "in the south X neighbourhood of Y": X only says where
                continue
            return None, -1
        low = tokens[p].lower
        owner = possessor_before(tokens, p + 1, pack)
        if owner >= 0:
            k = _name_start(tokens, owner, pack)  # "in Syria's northern X province": the possessor acts as an article
            free = 1
            continue
        share = _share_before(tokens, k, pack)
        if share >= 0:
            k = share  # "captured much of X", "seized parts of X": X is still the object
            continue
        if "article" in roles or pack.role(low, "area_adjective") or pack.role(low, "place_noun") \
                or ("of" in roles and k == i and _after_place_word(tokens, i, pack)):
            k = p
            continue
        if roles or _is_function(tokens[p], pack):
            return None, -1
        if free and ("article" in _roles_before(tokens, p, pack) or possessor_before(tokens, p, pack) >= 0
                     or _roles_before(tokens, p, pack) & {"loc", "dir"}):
            free = 0  # "in the occupied X", "in Kenya's coastal city X", "in divided X"
            k = p
            continue
        q = prev_word(tokens, p)
        if free and pack.role(tokens[k].lower, "place_noun") and q >= 0 and tokens[q].is_capitalised \
                and not pack.role(tokens[q].lower, "stop"):
            free = 0  # "in the Shiite holy city of X": a name and an adjective before the place noun
            k = _name_start(tokens, q, pack)
            continue
        return "obj", p


def _owns_place(tokens: list[Token], j: int, pack: LangPack) -> bool:
    """Whether the name ending before token j owns a place noun: "X's streets", "X's northern
    outskirts"."""
    k = j + 1 if j < len(tokens) and tokens[j].text in ("'", "’") else j
    if possessor_before(tokens, k + 1, pack) < 0:
        return False
    for m in (k + 1, k + 2):
        if m < len(tokens) and tokens[m].is_word and pack.role(tokens[m].lower, "place_noun"):
            return True
    return False


def _share_before(tokens: list[Token], k: int, pack: LangPack) -> int:
    """The first token of a share phrase ending just before token k ("much of", "parts of"),
    else -1."""
    j = prev_word(tokens, k)
    for words in pack.grammar_phrases.get("share", ()):
        start = j - len(words) + 1
        if start >= 0 and tuple(t.lower for t in tokens[start: j + 1]) == words:
            return start
    return -1


def _name_start(tokens: list[Token], k: int, pack: LangPack) -> int:
    """The first token of the run of capitalised words that ends at token k."""
    while k > 0 and tokens[k - 1].is_word and tokens[k - 1].is_capitalised and not pack.role(tokens[k - 1].lower, "stop"):
        k -= 1
    return k


#: Grammar roles of words that are no verb, so no place after them is its object.
FUNCTION_ROLES = ("stop", "article", "of", "to", "by", "with", "against", "loc", "dir", "and", "aux", "clause",
                  "possessive", "between")


def _is_function(t: Token, pack: LangPack) -> bool:
    return any(pack.role(t.lower, r) for r in FUNCTION_ROLES)


#: A name word led by a short lower-case particle and a hyphen ("Wadi el-Harrat").
_PARTICLE = re.compile(r"[a-z]{1,3}-[A-Z]")


def _name_runs(tokens: list[Token], covered: set[int], pack: LangPack) -> list[tuple[int, int]]:
    """Runs of capitalised words not covered by a dictionary hit (candidate proper names)."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if t.is_word and t.is_capitalised and i not in covered and not pack.role(t.lower, "stop") \
                and not t.text.isdigit() and t.lower not in pack.months and t.lower not in pack.weekdays:
            j = i + 1
            while j < n and tokens[j].is_word and (tokens[j].is_capitalised or _PARTICLE.match(tokens[j].text)) \
                    and j not in covered and not pack.role(tokens[j].lower, "stop"):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


@dataclass
class PersonIndex:
    """People named in a document, to resolve bare surnames and role nouns."""

    by_token: dict[str, ActorMention] = field(default_factory=dict)

    def add(self, m: ActorMention) -> None:
        if not m.name or not m.country:
            return
        key = name_key(m.name)
        parts = key.split()
        for part in parts if len(parts) > 1 else ():
            self.by_token.setdefault(part, m)
        self.by_token.setdefault(key, m)

    def resolve(self, name: str) -> ActorMention | None:
        """The person a name or a part of it refers to ("Moon Jae-in" → "Moon Jae In", "Morel")."""
        return self.by_token.get(name_key(name))


def _notable(entry_list: tuple[Entry, ...], when: PartialDate | None) -> Entry | None:
    people = [e for e in entry_list if e.kind == "person" and e.person is not None]
    active = [e for e in people if e.person and e.person.active_on(when)]
    best = active or people
    return best[0] if best else None


def _is_role(h: Hit | None, kind: str | None = None) -> Entry | None:
    if h is None:
        return None
    e = h.first("role")
    if e and (kind is None or e.role_kind == kind):
        return e
    return None


def extract_sentence(
    text: str,
    sm: SentenceMentions,
    hits: list[Hit],
    pack: LangPack,
    knowledge: Knowledge,
    published: PartialDate | None,
    countries_in_doc: set[str],
) -> None:
    """Fill sm.actors and sm.places from the sentence's tokens and dictionary hits."""
    tokens = sm.tokens
    hit_at: dict[int, Hit] = {}
    covered: set[int] = set()
    for hit in hits:
        i = _tok_index(tokens, hit.start)
        if i < len(tokens):
            hit_at[i] = hit
            for k in range(i, len(tokens)):
                if tokens[k].start >= hit.end:
                    break
                covered.add(k)
    names = {i: j for i, j in _name_runs(tokens, covered, pack)}

    def hit_end(i: int) -> int:
        h = hit_at[i]
        k = i
        while k < len(tokens) and tokens[k].start < h.end:
            k += 1
        return k

    def name_at(i: int) -> tuple[str, int, Entry | None] | None:
        """A person name starting at token i: (name, next index, notable entry)."""
        if i in hit_at and hit_at[i].first("person"):
            h = hit_at[i]
            return h.text, hit_end(i), _notable(h.entries, published)
        if i in names:
            j = names[i]
            name = text[tokens[i].start: tokens[j - 1].end]
            # a transliteration the pack does not list ("Serguei Lavrov")
            known = [p for p in knowledge.people_named(name) if p.active_on(published)] \
                if j - i > 1 else []
            if known:
                p = known[0]
                return name, j, Entry("person", p.country, p.sector, person=p)
            return name, j, None
        return None

    n = len(tokens)
    i = 0
    while i < n:
        h = hit_at.get(i)
        prep = _role_before(tokens, i, pack)
        # a role: "il presidente francese Anne Morel", "il capo dell'Eliseo", "il governo"
        role = _is_role(h)
        if role is None and h is not None and h.first("demonym"):
            # demonym before role (English order): "French President Anne Morel", and with one
            # word between: "French paper workers", "Iraqi army units"
            dem = h.first("demonym")
            assert dem is not None
            k = hit_end(i)
            if k not in hit_at and k + 1 < n and tokens[k].is_word and not tokens[k].is_capitalised \
                    and not any(pack.role(tokens[k].lower, r) for r in ("and", "of", "aux", "clause", "to")) \
                    and not _verbal(tokens[k], pack):
                k += 1
            role_hit = hit_at.get(k)
            role = _is_role(role_hit)
            if role and role_hit:
                i = _attach_role(text, tokens, k, role, role_hit, hit_at, names, pack, published,
                                 sm, start_tok=i, country=dem.code, name_at=name_at, hit_end=hit_end)
                continue
            role = None
        if role is not None and h is not None:
            i = _attach_role(text, tokens, i, role, h, hit_at, names, pack, published, sm,
                             start_tok=i, country=None, name_at=name_at, hit_end=hit_end)
            continue
        if h is not None:
            j = hit_end(i)
            place_e = h.first("place")
            if place_e is not None and place_e.code in knowledge.places:
                pl = replace(knowledge.places[place_e.code], text=h.text, start=h.start, end=h.end)
                sm.places.append(PlaceMention(pl, h.start, h.end, _place_prep(tokens, i, prep, pack), i))
                i = j
                continue
            state = h.first("country") or h.first("igo")
            meto = h.first("metonym")
            person = h.first("person")
            if person is not None and not (state or meto):
                nm = name_at(i)
                assert nm is not None
                who = nm[2] or person
                sm.actors.append(ActorMention(h.start, h.end, h.text, _canonical(who, h.text), who.code,
                                              who.sector, who.person.office if who.person else None,
                                              head=i))
                i = j
                continue
            if state is not None or meto is not None:
                e = state or meto
                assert e is not None
                country_like = state is not None and state.kind == "country"
                # "in Russia" is a place; "alla Corea del Sud" (to) is an addressee
                roles = _roles_before(tokens, i, pack)
                if "article" in roles:  # "à la Russie": the preposition before the article
                    roles = roles | _roles_before(tokens, prev_word(tokens, i), pack)
                addressee = bool(roles & {"to", "against", "with"}) and "dir" not in roles
                after_place_noun = prep == "of" and _after_place_word(tokens, i, pack)
                if after_place_noun:  # "dans les rues de Nairobi": the place noun's own preposition
                    noun = prev_word(tokens, prev_word(tokens, i))
                    prep = _place_prep(tokens, noun, _role_before(tokens, noun, pack), pack)
                elif prep != "of" and (_place_noun_after(tokens, j, pack) or (
                        j in names and pack.role(tokens[names[j] - 1].lower, "place_noun"))):
                    # "the X headquarters", "the X International Airport": X says where a place is
                    role_, governor = _phrase_role(tokens, i, pack)
                    found = _place_for(h, e, country_like, knowledge, countries_in_doc) if role_ else None
                    if found is not None:
                        sm.places.append(PlaceMention(found, h.start, h.end, role_, i, governor=governor))
                        i = names.get(j, j)
                        continue
                envoy_post = prep not in (None, "of") and _after_envoy(tokens, i, pack)  # "ambassador of X" is X's
                if envoy_post:  # "l'ambasciatore a Madrid": the envoy's post, not an actor
                    post = _place_for(h, e, country_like, knowledge, countries_in_doc) or Place(
                        id=f"country:{e.code}", name=h.text, lat=None, lon=None, country=e.code,
                        feature="country", resolution=1, text=h.text, start=h.start, end=h.end)
                    sm.places.append(PlaceMention(post, h.start, h.end, "envoy", i))
                    i = j
                    continue
                if prep in (None, "article"):
                    prep = _name_prep(tokens, i, j, prep, pack)  # "in northern X", "in the Gambia"
                if (prep in ("loc", "dir") and not (country_like and addressee)) or after_place_noun:
                    found = _place_for(h, e, country_like, knowledge, countries_in_doc)
                    if found is not None:
                        pl = found
                        sm.places.append(PlaceMention(pl, h.start, h.end, prep, i))
                        i = j
                        continue
                # "Japan's chief cabinet secretary, X": possessive + role
                k = j
                if k + 1 < n and tokens[k].text in ("'", "’") and pack.role(tokens[k + 1].lower, "possessive") and (k + 2) in hit_at \
                        and _is_role(hit_at[k + 2]):
                    rh = hit_at[k + 2]
                    r = _is_role(rh)
                    assert r is not None
                    i = _attach_role(text, tokens, k + 2, r, rh, hit_at, names, pack, published, sm,
                                     start_tok=i, country=e.code, name_at=name_at, hit_end=hit_end)
                    continue
                kind = "state" if country_like else ("igo" if e.kind == "igo" else "metonym")
                if e.kind != "igo" and (prep is None or _share_before(tokens, i, pack) >= 0):
                    # "captured X", "patrolled X": the object of a deed is also where it happens
                    role_, governor = _phrase_role(tokens, i, pack)
                    found = _place_for(h, e, country_like, knowledge, countries_in_doc) if role_ == "obj" else None
                    if found is not None:
                        sm.places.append(PlaceMention(found, h.start, h.end, "obj", i, sure=False, governor=governor))
                argument = prep != "of" or _is_role(hit_at.get(prev_word(tokens, prev_word(tokens, i))))
                sm.actors.append(ActorMention(h.start, h.end, h.text, None, e.code, e.sector or "GOV",
                                              None, kind=kind, argument=bool(argument), head=i))
                i = j
                continue
            # "quello russo": a pronoun standing for an actor of that nationality
            nationality = h.first("demonym")
            if nationality is not None and i > 0 and pack.role(tokens[i - 1].lower, "pronoun"):
                sm.actors.append(ActorMention(tokens[i - 1].start, h.end, text[tokens[i - 1].start:h.end],
                                              None, nationality.code, "GOV", kind="state", head=i))
            elif nationality is not None and _used_as_noun(tokens, i, j, pack):
                # "migliaia di russi hanno manifestato", "Thousands of Peruvians marched": the people
                sm.actors.append(ActorMention(h.start, h.end, h.text, None, nationality.code, "CVL",
                                              kind="people", head=i))
            elif nationality is not None:
                sm.nationalities.append((i, nationality.code))  # "bases americanas", "un drone malien"
            i = j
            continue
        nm = name_at(i)
        if nm is not None:
            name, j, ent = nm
            is_multi = j - i > 1 or "-" in name
            cities = city_index().get(norm_form(name))
            if cities and name.isupper() and not any(norm_form(c.name) == norm_form(name) for c in cities):
                cities = ()  # "the SDF": an acronym that some city lists as an alternate name (an airport code)
            if cities and prep in (None, "article"):
                prep = _name_prep(tokens, i, j, prep, pack)
            if cities and (prep in ("loc", "dir") or (prep == "of" and _after_place_word(tokens, i, pack))):
                governor = -1
                if prep == "of":  # "vicino alla città di X": the place noun's own preposition
                    prep = _role_before(tokens, prev_word(tokens, prev_word(tokens, i)), pack) or "loc"
                    if prep not in ("loc", "dir"):  # "colpito il porto di X": the object of a deed
                        prep, governor = _phrase_role(tokens, i, pack)
                        prep = prep or "of"
                city = _choose_city(cities, countries_in_doc)
                sm.places.append(PlaceMention(city_place(city, name, tokens[i].start, tokens[j - 1].end),
                                              tokens[i].start, tokens[j - 1].end, prep, i, governor=governor))
                i = j
                continue
            wider = _wider_place(name, tokens, i, j, bool(cities), pack, knowledge, countries_in_doc) \
                if ent is None else None
            if wider is not None:
                sm.places.append(wider)
                i = j
                continue
            if is_multi or ent is not None:
                sm.actors.append(ActorMention(tokens[i].start, tokens[j - 1].end, name, name,
                                              ent.code if ent else None, ent.sector if ent else None,
                                              head=i))
            else:
                # a single capitalised word: a surname that refers back, or nothing
                sm.actors.append(ActorMention(tokens[i].start, tokens[j - 1].end, name, name, None, None,
                                              kind="surname", head=i))
            i = j
            continue
        # a personal pronoun standing for a person named before: "she", "lui", "er"
        if pack.role(tokens[i].lower, "personal"):
            sm.actors.append(ActorMention(tokens[i].start, tokens[i].end, tokens[i].text, None, None, None,
                                          kind="pronoun", head=i))
            i += 1
            continue
        # a group pronoun: "i due leader", "the two leaders"
        for words in pack.grammar_phrases.get("pronoun_group", ()):
            span = [tk.lower for tk in tokens[i: i + len(words)]]
            if tuple(span) == words:
                sm.actors.append(ActorMention(tokens[i].start, tokens[i + len(words) - 1].end,
                                              text[tokens[i].start: tokens[i + len(words) - 1].end],
                                              None, None, None, kind="group", head=i))
                i += len(words)
                break
        else:
            i += 1


def _used_as_noun(tokens: list[Token], i: int, j: int, pack: LangPack) -> bool:
    """A nationality word with a determiner, "of" or only a first word before it, and a verb
    or nothing after it, is a noun: "i russi", "of Peruvians marched", "Young Algerians
    blocked", "Iraqi Kurds demonstrated" (a capitalised people's name after it)."""
    before = prev_word(tokens, i)
    opens = before < 0 or before == 0 or pack.role(tokens[before].lower, "article") \
        or pack.role(tokens[before].lower, "of")
    if not opens:
        return False
    if j >= len(tokens):
        return True
    nxt = tokens[j]
    if not nxt.is_word:
        return True
    if nxt.text.isdigit():
        return False
    if nxt.is_capitalised:  # "Iraqi Kurds demonstrated": only when a verb follows the pair
        return j + 1 < len(tokens) and _verbal(tokens[j + 1], pack)
    return _verbal(nxt, pack) or any(
        pack.role(nxt.lower, r) for r in ("and", "of", "loc", "dir", "to", "with", "against", "by", "clause"))


def _verbal(tok: Token, pack: LangPack) -> bool:
    return bool(pack.heads(tok.lower, tok.lemma)) or pack.role(tok.lower, "aux")


def attach_appositions(sm: SentenceMentions, pack: LangPack, trigger_heads: frozenset[int] = frozenset()) -> None:
    """"Ana Reis, the Portuguese foreign minister, said …": the role after a name, between
    commas, gives the person a country and a sector; the role is not a second actor."""
    tokens = sm.tokens
    actors = sorted(sm.actors, key=lambda a: a.start)
    for a, b in zip(actors, actors[1:]):
        if a.kind not in ("person", "surname") or a.country or b.kind not in ("role", "body") or not b.country:
            continue
        between = [t for t in tokens if a.end <= t.start and t.end <= b.start]
        # "X, the minister," or "X is the minister", "X a pris ses fonctions de ministre"
        if any(a.end <= tokens[k].start and tokens[k].end <= b.start for k in trigger_heads):
            continue  # "Moreau a convoqué l'ambassadeur": an event between, not an apposition
        if between and len(between) <= 5 and (between[0].text == "," and len(between) <= 3
                                              or any(pack.role(t.lower, "aux") for t in between)):
            a.country, a.sector, a.office, a.kind = b.country, b.sector, b.office, "person"
            b.argument = False


def _after_envoy(tokens: list[Token], i: int, pack: LangPack) -> bool:
    """Whether the name at i follows an ambassador or embassy word and a preposition."""
    j = prev_word(tokens, prev_word(tokens, i))
    while j >= 0 and pack.role(tokens[j].lower, "article"):
        j = prev_word(tokens, j)
    return j >= 0 and pack.role(tokens[j].lower, "envoy")


def _after_place_word(tokens: list[Token], i: int, pack: LangPack) -> bool:
    j = prev_word(tokens, prev_word(tokens, i))
    return j >= 0 and pack.role(tokens[j].lower, "place_noun")


def _wider_place(name: str, tokens: list[Token], i: int, j: int, city: bool, pack: LangPack, knowledge: Knowledge,
                 countries_in_doc: set[str]) -> PlaceMention | None:
    """A name at tokens [i, j) that the words around it make a place, though no city the coder
    knows by name alone: a place of the wider gazetteer after a preposition ("in Ashmi"), any
    name a place noun announces ("the village of X", "in the X municipality"), a city as the
    object of a verb ("captured X").  Not sure (see :class:`PlaceMention`)."""
    from annalist.extract.toponyms import Context, common_name, resolve

    role, governor = _phrase_role(tokens, i, pack)
    if role is None:
        return None
    announced = _after_place_word(tokens, i, pack) and _role_before(tokens, i, pack) == "of"
    # "the village of X", "the X municipality", "the X Peninsula", "X Airport"
    named = announced or _place_noun_after(tokens, j, pack) or (j - i > 1 and pack.role(tokens[j - 1].lower, "place_noun"))
    context = Context()
    context.countries.update(countries_in_doc)
    place = resolve(name, context, pack=pack, knowledge=knowledge)
    if place is not None and not named and (name.isupper() or (
            place.feature == "city" and not city and common_name(name, pack.lang))):
        place = None  # "in Congress", "the SDF": a small town's name that is also a word or an acronym
    if role == "obj" and not (city or named or (place is not None and j - i == 1
                                                    and norm_form(name) not in load_given_names())):
        return None
    if place is None and not named and not (role in ("loc", "dir") and _unknown_place_name(name, tokens, i, j, pack)):
        return None
    start, end = tokens[i].start, tokens[j - 1].end
    if place is None:
        place = Place(id=f"name:{norm_form(name)}", name=name, lat=None, lon=None, country=None,
                      feature="locality", resolution=4)
    place = replace(place, text=name, start=start, end=end)
    # a city known by its name alone as the object of a deed ("struck X") is as sure as after "in"
    sure = role == "obj" and city and place.feature == "city" and not named
    return PlaceMention(place, start, end, role, i, sure=sure, governor=governor)


def _unknown_place_name(name: str, tokens: list[Token], i: int, j: int, pack: LangPack) -> bool:
    """A name no dictionary knows, right after a place preposition ("in Vorkalla", "near
    Tervandi"): a place, unless it is an acronym, a common word ("in Congress") or starts
    with a given name ("in Maria's house")."""
    from annalist.extract.toponyms import common_name

    if not _roles_before(tokens, i, pack) & {"loc", "dir"}:
        return False
    first = norm_form(name.split()[0].split("-")[0])
    return not (name.isupper() or common_name(name, pack.lang) or first in load_given_names()
                or possessor_before(tokens, j + 1, pack) >= 0 or (j < len(tokens) and tokens[j].text in ("'", "’")))


def _canonical(e: Entry, surface: str) -> str:
    return e.person.name if e.person is not None else surface


def _choose_city(cities, countries_in_doc: set[str]):
    in_context = [c for c in cities if c.country in countries_in_doc]
    return (in_context or list(cities))[0]


def _place_for(h: Hit, e: Entry, country_like: bool, knowledge: Knowledge, countries_in_doc: set[str]) -> Place | None:
    """The place a country or capital name denotes after a locative preposition."""
    if country_like:
        return Place(id=f"country:{e.code}", name=h.text, lat=None, lon=None, country=e.code,
                     feature="country", resolution=1, text=h.text, start=h.start, end=h.end)
    cities = city_index().get(norm_form(h.text))
    if not cities:
        return None
    same = [c for c in cities if c.country == e.code]
    city = (same or [_choose_city(cities, countries_in_doc)])[0]
    return city_place(city, h.text, h.start, h.end)


def _attach_role(text, tokens, i, role: Entry, h: Hit, hit_at, names, pack: LangPack, published, sm,
                 *, start_tok: int, country: str | None, name_at, hit_end) -> int:
    """Build the actor a role word heads; return the index after it."""
    n = len(tokens)
    j = hit_end(i)
    sector = role.sector
    office = h.text
    # a nationality right after the role, possibly after one adjective: "i media statali russi"
    for k in (j, j + 1):
        if country is None and k in hit_at and hit_at[k].first("demonym"):
            if k == j + 1 and (not tokens[j].is_word or tokens[j].is_capitalised or j in hit_at):
                break
            country = hit_at[k].first("demonym").code  # type: ignore[union-attr]
            j = hit_end(k)
            break
    # "dell'Eliseo", "della Corea del Sud", "delle Finanze"
    k = j
    if k < n and pack.role(tokens[k].lower, "of"):
        k2 = k + 1
        while k2 < n and tokens[k2].text in ("'", "’"):
            k2 += 1
        nh = hit_at.get(k2)
        if nh is not None and (nh.first("country") or nh.first("metonym") or nh.first("igo")):
            e = nh.first("country") or nh.first("metonym") or nh.first("igo")
            assert e is not None
            if country is None:
                country = e.code
            j = hit_end(k2)
        elif nh is None or not nh.first("person"):
            # a portfolio: skip up to four words to a comma, a name or a nationality
            # ("il ministro delle Finanze, X", "la ministra degli Esteri portoghese")
            m = k2
            while m < n and m < k2 + 4 and tokens[m].is_word and tokens[m].lower not in pack.grammar.get("and", ()) \
                    and not (m in hit_at and hit_at[m].first("demonym")):
                m += 1
            owner_e, k3 = None, -1
            for q in range(k2, min(n, k2 + 5)):  # "degli Esteri dell'Ue": the portfolio's owner
                if pack.role(tokens[q].lower, "of"):
                    r = q + 1
                    while r < n and tokens[r].text in ("'", "’"):
                        r += 1
                    hit = hit_at.get(r)
                    e2 = (hit.first("country") or hit.first("igo") or hit.first("metonym")) if hit else None
                    if e2 is not None:
                        owner_e, k3 = e2, r
                        break
            if m < n and m in hit_at and hit_at[m].first("demonym") and country is None:
                country = hit_at[m].first("demonym").code  # type: ignore[union-attr]
                j = hit_end(m)
            elif owner_e is not None and country is None:
                # "i ministri degli Esteri dell'Ue", "le ministre des Affaires étrangères de la France"
                country = owner_e.code
                j = hit_end(k3)
            elif m < n and tokens[m].text == ",":
                j = m
    # "i presidenti di India e Pakistan", "les présidents serbe et kosovar": one role, two countries
    if country is not None:
        k = j
        if k < n and pack.role(tokens[k].lower, "and"):
            k += 1
            while k < n and (pack.role(tokens[k].lower, "of") or pack.role(tokens[k].lower, "article")
                             or tokens[k].text in ("'", "’")):
                k += 1
            other = hit_at.get(k)
            second = other.first("demonym") or other.first("country") if other is not None else None
            own_role = other is not None and _is_role(hit_at.get(hit_end(k)))  # "and German Chancellor X"
            if other is not None and second is not None and second.code != country and not own_role:
                sm.actors.append(ActorMention(tokens[start_tok].start, tokens[j - 1].end,
                                              text[tokens[start_tok].start: tokens[j - 1].end],
                                              None, country, sector, office, kind="role", head=i))
                end = hit_end(k)
                sm.actors.append(ActorMention(other.start, other.end, other.text, None, second.code, sector,
                                              office, kind="role", head=k))
                return end
    # an apposition comma, then a name
    k = j
    if k < n and tokens[k].text == ",":
        k += 1
    nm = name_at(k) if k < n else None
    if nm is not None:
        name, after, ent = nm
        c = country or (ent.code if ent else None)
        s = sector or (ent.sector if ent else None)
        full = ent.person.name if ent is not None and ent.person is not None else name
        sm.actors.append(ActorMention(tokens[start_tok].start, tokens[after - 1].end,
                                      text[tokens[start_tok].start: tokens[after - 1].end],
                                      full, c, s, office, head=k))
        return after
    sm.actors.append(ActorMention(tokens[start_tok].start, tokens[j - 1].end,
                                  text[tokens[start_tok].start: tokens[j - 1].end],
                                  None, country, sector, office,
                                  kind="body" if role.role_kind == "body" else "role", head=i))
    return j

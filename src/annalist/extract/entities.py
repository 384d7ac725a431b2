"""Named entities (PER, LOC, ORG) in a text.

Stage contract: (text, language, knowledge) → the person, location and organisation names in the
text, as character spans with a label, in order and not overlapping.  A pure function of its
inputs: the language pack's dictionary (countries, capitals, organisations, roles, notable
people), the city index, the language's entity cues (``entity_cues.tsv``) and the given names
(``given_names.tsv``).

Evidence, strongest first:

1. dictionary names: countries and curated places (LOC), capitals (LOC), seats of power that are
   not cities (la Casa Bianca: ORG), organisations of igos.tsv (ORG), notable people (PER);
2. the name's own words: a head (``università di X``, ``fiume X``), a tail (``X Spa``,
   ``X University``, also in lower case after the name: ``X s.r.l.``), a word that names an
   institution by itself (``il governo``, ``la polizia``); an institution written as a name goes on
   with its adjectives, with "of" and a common noun (``la Corte d'appello``, ``il Ministero della
   sanità``), with a connector and an article (``il Movimento per l'Autonomia``) and with "and" and
   a common word (``la Commissione Finanze e Tesoro``);
3. the context of a run of capitalised words: a role or title before it (``il ministro X``:
   PER; ``il sindaco di X``: not a person), a cue word before or after it (``la rivista X``: ORG,
   ``la città di X``: LOC), a given name at its start (PER), a region of the gazetteer (LOC), a
   locative preposition before a known city (LOC), a province code after it (``X (FI)``: LOC); a
   city after a definite article is a team (``il Napoli``: a city takes no article), a country after
   a match word (``la partita Italia - Francia``) too;
4. the rest of the document: a surname alone is a person when the document names the whole
   person; a name labelled by context elsewhere keeps that label; an abbreviation in brackets
   takes the label of the name before it (or of the words it spells), a name in brackets after a
   person is their party, team or publisher; the members of a list (``Francia, Spagna e X``) share
   the label of those that are known (or of given names); the other side of a spaced dash from an
   organisation is one too (``Juventus - Milan``); an organisation named alone is only that word
   before its product (``Apple Watch``);
5. guesses: a city is a place; after an article a name is an organisation (``la X``: Italian
   does not put an article before a person's name); after a locative preposition a place; an
   acronym, or a single unknown word named at least twice, an organisation (people are named in
   full at least once); two or more unknown capitalised words a person.  A guess on a single word
   that is a common word of the language (or written in lower case elsewhere in the text), or that
   starts a sentence and is capitalised nowhere else, is dropped unless the document confirms it;
   so is a title made of common words, a word in quotes, the first word of a Latin binomial
   (Bacillus subtilis), a name after an indefinite article or a generic noun (``un Boeing``,
   ``l'uragano Ike``), a name that begins with a generic word (``Gran Premio d'Italia``), an
   article's name followed by "of" and another name (``il Festival di Sanremo``), a name followed
   by a year (an edition), an ordinal (``il XX secolo``) and an acronym in brackets that abbreviates
   nothing before it (``(CEST)``).

Example:

>>> from annalist.knowledge.packs import load_knowledge
>>> text = "Il ministro Carla Neri ha visitato l'università di Pavia con la polizia."
>>> for e in recognise_entities(text, "it", load_knowledge(("it",))):
...     print(e.label, e.start, e.end, e.text)
PER 12 22 Carla Neri
ORG 37 56 università di Pavia
ORG 64 71 polizia
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from annalist.extract.mentions import Hit, find_hits
from annalist.knowledge.gazetteer import City, city_index, region_names
from annalist.knowledge.packs import EntityCues, Knowledge, LangPack, load_entity_cues, load_given_names, norm_form
from annalist.text.tokens import Token, tokenize

#: strength of the evidence for a span's label
STRONG, CONTEXT, GUESS, NONE = 3, 2, 1, 0

SENTENCE_END = frozenset({".", "!", "?", "…", ":"})
OPENERS = frozenset({'"', "“", "”", "«", "»", "(", "[", "'", "’", "‘", "-", "–", "—"})
QUOTES = frozenset({'"', "“", "”", "«", "»"})
DASHES = frozenset({"-", "–", "—"})
APOSTROPHES = frozenset({"'", "’", "ʼ"})
ROMAN = re.compile(r"^[IVX]{1,5}$")
YEAR = re.compile(r"^(1[89]|20)\d\d([-/]\d{2,4})?$")
LIST_SEPARATORS = frozenset({","})
#: a city is a place without further context when it has at least this many inhabitants
BIG_CITY = 100_000
#: guesses that are dropped on a single common word or a sentence-initial word
FRAGILE = frozenset({"prior", "loc-word", "default-single", "acronym"})
#: news in every language quotes English: its common words are no city names (a brand or a word
#: may be among a city's alternate names) and a run made of them is a title (Summer Games), not a person
LINGUA_FRANCA = "en"
NAME_KINDS = frozenset({"country", "place", "metonym", "igo", "person"})


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: text[start:end] is a PER, LOC or ORG name."""

    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True)
class _Span:
    i: int  # first token
    j: int  # token after the last
    label: str | None
    strength: int
    why: str = ""  # the rule that labelled it (error analysis, tests)
    weak: bool = False  # a fragile guess: kept only if the document confirms it


@lru_cache(maxsize=200_000)
def common_word(lower: str, lang: str) -> bool:
    """A word of the language's dictionary (simplemma), so its capital may mean nothing."""
    try:
        return bool(simplemma.is_known(lower, lang=lang))
    except ValueError:  # a language simplemma does not know
        return False


def _plain(text: str) -> str:
    """Without diacritics: Île-de-France and Ile-de-France are the same name."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=50_000)
def _city(key: str) -> City | None:
    cities = city_index().get(key)
    return cities[0] if cities else None


class _Recogniser:
    """The state of one call: the text's tokens, hits and spans (nothing outlives the call)."""

    def __init__(self, text: str, lang: str, pack: LangPack | None, cues: EntityCues,
                 given: frozenset[str]) -> None:
        self.text = text
        self.lang = lang
        self.pack = pack
        self.cues = cues
        self.given = given
        self.tokens: list[Token] = tokenize(text, 0, len(text), lang)
        self.lowers = [t.lower for t in self.tokens]
        self.caps = [t.is_capitalised for t in self.tokens]
        self.n = len(self.tokens)
        self.starts = self._sentence_starts()
        self._lower_words = {t.lower for t in self.tokens if t.is_word and not t.is_capitalised}
        self._inner_capitalised = {t.lower for k, t in enumerate(self.tokens)
                                   if t.is_word and t.is_capitalised and k not in self.starts}
        self._things: set[str] = set()  # names that a generic word showed to be things (l'uragano Ike)
        self._mentions = Counter(t.lower for t in self.tokens if t.is_word and t.is_capitalised)
        self.hit_at: dict[int, tuple[Hit, int]] = {}  # first token -> (hit, token after it)
        self.hit_end: dict[int, tuple[Hit, int]] = {}  # token after the hit -> (hit, first token)
        if pack is not None:
            self._index_hits(find_hits(text, pack))

    # --- tokens ---

    def _sentence_starts(self) -> set[int]:
        starts: set[int] = set()
        for i, t in enumerate(self.tokens):
            if i == 0:
                starts.add(i)
                continue
            prev = self.tokens[i - 1]
            if "\n" in self.text[prev.end: t.start] or (prev.text in SENTENCE_END and not self._abbreviation(i - 1)
                                                       and not self._bang_name(i - 1)):
                starts.add(i)
            elif (i - 1) in starts and prev.text in OPENERS:
                starts.add(i)  # the word after an opening quote that starts a sentence
        return starts

    def _bang_name(self, k: int) -> bool:
        """The "!" at k belongs to the capitalised name it is glued to (Yahoo! ha annunciato): no sentence
        ends there, since a lower-case word or a comma goes on after it."""
        if self.tokens[k].text != "!" or k == 0 or k + 1 >= self.n or self.tokens[k - 1].end != self.tokens[k].start:
            return False
        before, after = self.tokens[k - 1], self.tokens[k + 1]
        if not (before.is_word and before.is_capitalised) or "\n" in self.text[self.tokens[k].end: after.start]:
            return False
        return (after.is_word and not after.is_capitalised) or after.text in (",", ";", ":", ")", ".")

    def _abbreviation(self, k: int) -> bool:
        """The full stop at k ends an initial (J. R. Tolkien) or an abbreviated title (dott., Mr.)."""
        if self.tokens[k].text != "." or k == 0 or self.tokens[k - 1].end != self.tokens[k].start:
            return False
        prev = self.tokens[k - 1].text
        if len(prev) == 1 and prev.isupper():
            return True
        return any(cue is not None and len(cue.words) >= 2 for cue in (
            self.cues.ending(self.lowers, k + 1, self.caps, position) for position in ("before", "head")))

    def _index_hits(self, hits: list[Hit]) -> None:
        k = 0
        for h in hits:
            while k < self.n and self.tokens[k].end <= h.start:
                k += 1
            if k >= self.n or self.tokens[k].start != h.start:
                continue
            j = k
            while j < self.n and self.tokens[j].start < h.end:
                j += 1
            self.hit_at[k] = (h, j)
            self.hit_end[j] = (h, k)

    def _key(self, i: int, j: int) -> str:
        return norm_form(self.text[self.tokens[i].start: self.tokens[j - 1].end])

    def _role(self, k: int, role: str) -> bool:
        return 0 <= k < self.n and self.pack is not None and self.pack.role(self.lowers[k], role)

    def _stop(self, k: int) -> bool:
        low = self.lowers[k]
        if self._role(k, "stop"):
            return True
        return self.pack is not None and (low in self.pack.months or low in self.pack.weekdays)

    def _capword(self, k: int) -> bool:
        """A capitalised word that may be part of a name."""
        if k >= self.n:
            return False
        t = self.tokens[k]
        if t.is_word and t.is_capitalised and not t.text[0].isdigit() and not self._stop(k):
            return True
        # al-Hassan, el-Amin: a particle joined to a capitalised name
        head, dash, rest = t.text.partition("-")
        return bool(dash) and rest[:1].isupper() and \
            self.cues.starting([head.lower()], 0, False, "particle") is not None

    def _given_name(self, k: int) -> bool:
        if k < 0 or k >= self.n or not self.caps[k]:
            return False
        low = self.lowers[k]
        return low in self.given or ("-" in low and all(part in self.given for part in low.split("-")))

    def _inner_given(self, k: int, first: int) -> bool:
        """Token k (after first) is a given name that starts a new name: "... della Cultura Anna Neri"."""
        if k <= first or not self._given_name(k) or self._given_name(k - 1):
            return False
        if not (self._capword(k + 1) or (self._cue(k + 1, "particle") and self._capword(k + 2))):
            return False
        return len(self.tokens[k - 1].text) > 3  # De Luca, Di Stefano, Del Monte: a particle, not a name

    def _region(self, i: int, j: int) -> bool:
        """Tokens i..j name a continent, a US state or a country's subdivision (Trentino Alto Adige and
        Trentino-Alto Adige alike); a single word also written in lower case in the text is no name."""
        if j - i == 1 and self.lowers[i] in self._lower_words:
            return False
        key = _plain(self._key(i, j))
        names = region_names()
        return key in names or key.replace("-", " ") in names or key.replace(" ", "-") in names

    def _definite(self, i: int) -> bool:
        """Right before token i stands a definite article, alone or in a preposition (il, la, del, alla):
        a `prior` cue that is no indefinite article."""
        p = i - 1
        return p >= 0 and not self._indefinite(p) and self.cues.ending(self.lowers, i, self.caps, "prior") is not None

    def _team(self, i: int, j: int) -> bool:
        """Tokens i..j are a city after a definite article: a team or a club (il Napoli, la Roma), as a city
        itself takes no article; not a city whose name has one (il Cairo, La Spezia), nor a city with
        more of the name after it (la Roma dei papi)."""
        if not self._definite(i) or (j < self.n and (self._is_connector(j) or self.tokens[j].text in APOSTROPHES)):
            return False
        key = self._key(i, j)
        surface = self.text[self.tokens[i].start: self.tokens[j - 1].end]
        if surface.isupper() or _city(key) is None or (j - i == 1 and self._fragile(i)):
            return False
        arts = self.pack.grammar.get("article", frozenset()) if self.pack is not None else frozenset()
        return not any(_city(f"{a} {key}") or _city(f"{a}{key}") for a in arts)

    def _city_at(self, i: int, j: int, strict: bool = True) -> City | None:
        """The city tokens i..j name: by its own name, or by another name if it is big and (when
        strict: without a locative preposition to support it) the name is no common word; never a
        code in capitals (airport codes are among the alternate names)."""
        surface = self.text[self.tokens[i].start: self.tokens[j - 1].end]
        if len(surface) > 1 and surface.isupper():
            return None
        key = norm_form(surface)
        city = _city(key)
        if city is None or norm_form(city.name) == key:
            return city
        if city.population >= BIG_CITY and len(key) >= 5 and not (strict and j - i == 1 and (
                self._common(i) or common_word(self.lowers[i], LINGUA_FRANCA))):
            return city  # Napoli, Lione; not a short alternate name, a common word or a brand
        return None

    def _fragile(self, k: int) -> bool:
        """A capitalised word at k that may not be a name: a common word of the language (or one
        written in lower case elsewhere in the text), or a word that starts a sentence and is
        nowhere else capitalised inside one."""
        if self.tokens[k].text.isupper() and len(self.tokens[k].text) > 1 and k not in self.starts:
            return False  # the CONI, l'ANSA: an acronym, not the common word (coni, ansa)
        if self._common(k) or self.lowers[k] in self._lower_words:
            return True
        inner_capital = any(c.isupper() for c in self.tokens[k].text[1:])  # NASA, SpaceX: not a sentence's capital
        return k in self.starts and self.lowers[k] not in self._inner_capitalised and not inner_capital

    def _common(self, k: int) -> bool:
        """A common word of the text's language (simplemma's dictionary; it knows few invariable words)."""
        return common_word(self.lowers[k], self.lang)

    def _skip_back(self, p: int) -> int:
        """Index of the word before p, skipping quotes and apostrophes."""
        while p >= 0 and self.tokens[p].text in OPENERS:
            p -= 1
        return p

    def _next_word(self, k: int) -> int:
        while k < self.n and self.tokens[k].text in APOSTROPHES:
            k += 1
        return k

    def _after_role(self, i: int, role: str) -> bool:
        """The word before token i (skipping an article) has that grammar role."""
        p = self._skip_back(i - 1)
        if self._role(p, "article"):
            p = self._skip_back(p - 1)
        return self._role(p, role)

    def _cue(self, k: int, position: str) -> bool:
        return k < self.n and not self.caps[k] and self.cues.starting(self.lowers, k, False, position) is not None

    def _is_connector(self, k: int) -> bool:
        """A genitive word inside a name: di, del, della, d', of."""
        return k < self.n and not self.caps[k] and self._role(k, "of")

    def _name_hit(self, k: int) -> bool:
        """A capitalised dictionary name (or institution) that may be part of a longer name starts at k."""
        got = self.hit_at.get(k)
        if got is None or not got[0].text[:1].isupper():
            return False
        return any(e.kind in NAME_KINDS or (e.kind == "role" and e.role_kind == "body") for e in got[0].entries)

    def _body_hit(self, k: int) -> bool:
        got = self.hit_at.get(k)
        return got is not None and got[0].text[:1].isupper() and \
            any(e.kind == "role" and e.role_kind == "body" for e in got[0].entries)

    # --- spans from cues and hits ---

    def _extend_name(self, k: int, places: bool = True, persons: bool = False) -> int:
        """The token after a name that goes on from token k with capitalised words and "di X".
        A place after "di" belongs to the name only right after the head word and when places is
        true (università di Pavia, Banca d'Italia); not after more of the name (Università
        Politecnica | di Bari) nor after an institution (il Tribunale | di Bari).  A person's name
        after the head belongs to it only when persons is true (Piazza Giuseppe Verdi)."""
        j = k
        while j < self.n and j not in self.starts:
            if j in self.hit_at:
                if not self.caps[j] or self.hit_at[j][0].first("person"):
                    break
                j = self.hit_at[j][1]  # Banca d'Italia, Partito dei Pensionati
                continue
            if self._capword(j):
                if not persons and self._inner_given(j, k - 1):
                    break  # la Regione Umbria Anna Neri, la Fondazione Anna Neri: a person after the name
                j += 1
                continue
            if self.tokens[j].text[0].isdigit() and (j == k or self._capword(j + 1)):
                j += 1  # asteroide 433 Eros, Radio 24 Notizie
                continue
            if j > k and self._role(j, "and") and not self.caps[j] and self._capword(j + 1) \
                    and j + 1 not in self.hit_at and self._common(j + 1) and not self._given_name(j + 1) \
                    and not self._capword(j + 2):
                j += 2  # l'Istituto di Geofisica e Vulcanologia, la Commissione Finanze e Tesoro
                continue
            if self._is_connector(j) or self._cue(j, "connector"):
                q = self._next_word(j + 1)
                if not self._is_connector(j) and self._role(q, "article") and not self.caps[q]:
                    q = self._next_word(q + 1)  # il Movimento per l'Autonomia, la Società per le Ferrovie
                if q < self.n and q not in self.starts and \
                        ((self._capword(q) and not self._given_name(q)) or self._name_hit(q)):
                    if (j > k or not places) and self._place_at(q):
                        break
                    j = q
                    continue
            break
        return j

    def _title_article(self, i: int) -> bool:
        """A capitalised article inside a sentence before a name: a title (La Nuova Gazzetta, Il Giornale)."""
        return (i not in self.starts and self.caps[i] and self._role(i, "article") and i + 1 < self.n
                and self.tokens[i + 1].start == self.tokens[i].end + 1 and self._capword(i + 1))

    def _indefinite(self, p: int) -> bool:
        """Token p is an indefinite article or determiner (un, una, ogni, a): a one-word `generic` cue."""
        return 0 <= p < self.n and not self.caps[p] and self.cues.ending(self.lowers, p + 1, self.caps, "generic") \
            is not None and self.cues.starting(self.lowers, p, False, "generic") is not None

    def _thing(self, i: int) -> bool:
        """A name guessed at i begins with a `generic` word: the name of a thing, an event or a prize
        (Gran Premio d'Italia, Festival di Sanremo, Coppa Italia), not of an organisation."""
        cue = self.cues.starting(self.lowers, i, self.caps[i], "generic")
        return cue is not None and not self._role(i, "of") and i + len(cue.words) <= self.n

    def _generic(self, i: int) -> bool:
        """The words before i make the cue word at i a common noun (un tribunale, crisi di governo)."""
        return i > 0 and not self.caps[i - 1] and self.cues.ending(self.lowers, i, self.caps, "generic") is not None

    def _head_span(self, i: int) -> _Span | None:
        cue = self.cues.starting(self.lowers, i, self.caps[i], "head")
        if cue is None:
            return None
        if self.caps[i] and not cue.cased:
            # il Comune di Bari (an institution) but il comune di Bari (a place): a capital picks the cased cue
            for lab in ("ORG", "LOC", "PER"):
                cased = self.cues.starting(self.lowers, i, True, "head", lab)
                if cased is not None and cased.cased and len(cased.words) >= len(cue.words):
                    cue = cased
                    break
        k = i + len(cue.words)
        j = self._extend_name(k, persons=cue.label == "LOC")
        if cue.label == "ORG":
            named = j
            j = self._modifiers(j)  # il Ministero della Giustizia iracheno, la Banca centrale
            if self.caps[i]:
                j = self._of_common(j)  # la Corte d'appello, il Ministero della sanità
                j = self._more_name(j, named)
        if j == k:
            return None
        return _Span(i, j, cue.label, STRONG, "head")

    def _more_name(self, j: int, after: int) -> int:
        """After lower-case words of a name (from after to j), a capitalised word goes on with it:
        l'Azienda ospedaliera Civico; not a person's name nor a place (la Corte suprema | di Roma)."""
        if j == after or j in self.starts or not self._capword(j) or self._given_name(j) or self._place_at(j):
            return j
        return self._extend_name(j, places=False)

    def _of_common(self, j: int) -> int:
        """The token after "of + a lower-case noun" (and its modifiers) from j, which goes on an institution
        written as a name: la Corte d'appello, la Procura dei minori, l'Ufficio di presidenza."""
        if not self._is_connector(j):
            return j
        q = self._next_word(j + 1)
        if q >= self.n or q in self.starts or self.caps[q] or not self.tokens[q].text.isalpha() \
                or len(self.tokens[q].text) < 3 or self._stop_word(q) or not self._common(q):
            return j  # not "il Comune di costituirsi": a word of the dictionary (a verb's form with a clitic is not)
        return self._modifiers(q + 1)

    def _stop_word(self, k: int) -> bool:
        """A function word of the grammar (an article, a preposition, a conjunction, a pronoun)."""
        return self.pack is not None and any(self.lowers[k] in forms for forms in self.pack.grammar.values())

    def _place_at(self, q: int) -> bool:
        """A country, curated place, capital or city name starts at token q."""
        got = self.hit_at.get(q)
        if got is not None:
            return any(e.kind in ("country", "place", "metonym") for e in got[0].entries)
        m = q
        while self._capword(m) and m not in self.hit_at:
            m += 1
        return m > q and self._city_at(q, m) is not None

    def _modifiers(self, j: int, label: str = "ORG") -> int:
        """The token after the lower-case nationalities and modifier words from j (il governo
        tedesco, la polizia locale; for a place: l'Italia centrale)."""
        for _ in range(2):
            if j >= self.n or self.caps[j] or j in self.starts:
                break
            got = self.hit_at.get(j)
            if got is not None and got[0].first("demonym") and label == "ORG":
                j = got[1]
                continue
            mod = self.cues.starting(self.lowers, j, False, "modifier", label)
            if mod is None:
                break
            j += len(mod.words)
        return j

    def _self_span(self, i: int) -> _Span | None:
        cue = self.cues.starting(self.lowers, i, self.caps[i], "self")
        if cue is None or self._generic(i):
            return None
        # il governo tedesco, la polizia locale, il governo provvisorio libico
        return _Span(i, self._modifiers(i + len(cue.words)), cue.label, STRONG, "self")

    def _hit_span(self, i: int) -> _Span | None:
        got = self.hit_at.get(i)
        if got is None:
            return None
        h, j = got
        if not h.text[:1].isupper():
            # "svizzera" is the adjective, "Svizzera" the country; a role word may still open a name
            return None
        if h.first("person"):
            return _Span(i, j, "PER", STRONG, "notable")
        if h.first("country") and self._after_role(i, "against"):
            # contro la Norvegia: a country that is the target of an act is its government (or its team)
            return _Span(i, j, "ORG", STRONG, "country-against")
        if h.first("country") and self._before(i) == "ORG":
            # la partita Italia - Francia, la nazionale Italia: a country's team
            return _Span(i, j, "ORG", STRONG, "country-team")
        if h.first("country") or h.first("place"):
            # l'Italia centrale, la Germania Est
            tail = self.cues.starting(self.lowers, j, j < self.n and self.caps[j], "tail", "LOC")
            if tail is not None and j not in self.starts and j < self.n and self.caps[j]:
                j += len(tail.words)
            return _Span(i, self._modifiers(j, "LOC"), "LOC", STRONG, "country/place")
        if h.first("igo"):
            if j - i == 1 and i in self.starts and self._common(i) and not self.tokens[i].text.isupper() \
                    and j < self.n and self.tokens[j].is_word and not self.caps[j]:
                return None  # "Nato a Roma": a common word (born) that starts a sentence, not the organisation
            return _Span(i, j, "ORG", STRONG, "igo")
        if h.first("metonym"):
            # a capital is a place; a seat of power that is no city (a palace, a ministry) an organisation
            return _Span(i, j, "LOC" if _city(norm_form(h.text)) is not None else "ORG", STRONG, "metonym")
        if self._body_hit(i) and i not in self.starts and not self._generic(i):
            # an institution written as a name: Corte suprema, Camera dei deputati, Radio Tre
            named = self._extend_name(j, places=False)
            j = self._more_name(self._of_common(self._modifiers(named)), named)
            return _Span(i, j, "ORG", STRONG, "body-role")
        return None

    # --- runs of capitalised words ---

    def _run(self, i: int) -> int:
        """The token after the run of capitalised words starting at i."""
        j = i + 1
        while True:
            if j in self.starts:
                return j
            if j < self.n and j in self.hit_at:
                if self._body_hit(j):  # City Public Radio, Il Nuovo Quotidiano
                    j = self.hit_at[j][1]
                    continue
                return j
            if self._capword(j):
                if self._inner_given(j, i):
                    return j  # l'assessore alla Cultura Anna Neri: two names
                j += 1
                continue
            if j + 1 < self.n and self.tokens[j].text.isdigit() and self._capword(j + 1):
                j += 2  # Radio 24 Notizie
                continue
            # Umberto I, Pio XII: a regnal number (even one that is also a function word)
            if j < self.n and self._given_name(j - 1) and ROMAN.match(self.tokens[j].text):
                j += 1
                continue
            # J. R. Tolkien, Anna M. Rossi: initials (even a letter that is also a function word)
            if j + 1 < self.n and self.tokens[j].text == "." and self._abbreviation(j) and self._capword(j + 1):
                j += 2
                continue
            if j + 2 < self.n and len(self.tokens[j].text) == 1 and self.tokens[j].text.isupper() \
                    and self._abbreviation(j + 1) and self._capword(j + 2):
                j += 3
                continue
            # D'Amico, O'Neill: a short capitalised word, an apostrophe, a name
            if j + 1 < self.n and self.tokens[j].text in APOSTROPHES and len(self.tokens[j - 1].text) <= 3 \
                    and self.tokens[j].start == self.tokens[j - 1].end and self._capword(j + 1):
                j += 2
                continue
            # Leonardo da Vinci, Ursula von der Leyen: particles after a given name
            if self._given_name(j - 1) and self._cue(j, "particle"):
                q = j + 1
                while self._cue(q, "particle"):
                    q += 1
                if self._capword(q):
                    j = q + 1
                    continue
            # Observatory for Infrared Astronomy: a word that joins the parts of one name; not a place and
            # another place (Genova per Tangeri) nor a name and a person (Peter Pan per Steven Spielberg)
            if self._cue(j, "connector") and self._capword(j + 1) and not self._given_name(j + 1) \
                    and not self._place_at(i):
                j += 2
                continue
            # Castel di Sangro, Rio de Janeiro: a connector inside a city's name
            if j < self.n and (self._is_connector(j) or self._cue(j, "particle")):
                q = self._next_word(j + 1)
                m = q
                while self._capword(m) and m not in self.hit_at:
                    m += 1
                if m > q and _city(self._key(i, m)) is not None:
                    j = m
                    continue
            return j

    def _before(self, i: int) -> str | None:
        """What the words before token i say the name at i is: PER, LOC, ORG, or NOT_PER."""
        p = self._skip_back(i - 1)
        if p < 0:
            return None
        cue = self.cues.ending(self.lowers, p + 1, self.caps, "before")
        if cue is not None:
            return cue.label
        got = self.hit_end.get(p + 1)
        if got is not None:
            h, first = got
            if self._person_role(h):
                return "PER"
            if h.first("demonym"):  # il presidente russo X, lo statunitense X
                q = self._skip_back(first - 1)
                if q >= 0:
                    prev = self.hit_end.get(q + 1)
                    if (prev is not None and self._person_role(prev[0])) or self._role(q, "article"):
                        return "PER"
                    cue = self.cues.ending(self.lowers, q + 1, self.caps, "before")
                    if cue is not None:
                        return cue.label
        if self.tokens[p].text == ",":  # il ministro degli Esteri, X
            got = self.hit_end.get(p)
            if got is not None and self._person_role(got[0]):
                return "PER"
        if self._is_connector(p) or self._role(p, "to"):  # il sindaco di X, l'assessore alla X
            got = self.hit_end.get(p)
            if got is not None and self._person_role(got[0]):  # not il regime di X, il governo di X: its leader
                return "NOT_PER"
        return None

    def _binomial(self, i: int) -> bool:
        """The single word at i is followed by a lower-case word the language does not know: the first
        word of a Latin binomial (Escherichia coli) or of a foreign phrase (Jobs act), not a name."""
        q = i + 1
        return q < self.n and self.tokens[q].is_word and not self.caps[q] and self.tokens[q].text.isalpha() \
            and not self._common(q) and self.pack is not None and not any(
                self.pack.role(self.lowers[q], r) for r in ("article", "of", "to", "by", "loc", "and"))

    def _spelled_out(self, i: int) -> bool:
        """The acronym at i, in brackets, has the initials of the words before the bracket: Robert
        Koch-Institut (RKI), Former Yugoslav Republic of Macedonia (FYROM)."""
        acronym = self.tokens[i].text.lower()
        words: list[str] = []
        end = i - 2
        while end >= 0 and self.tokens[end].text in QUOTES:
            end -= 1  # “Former Yugoslav Republic of Macedonia” (FYROM)
        for k in range(end, max(-1, end - 2 * len(acronym)), -1):
            t = self.tokens[k]
            if not t.is_word:
                break
            words[:0] = [part for part in t.text.split("-") if part]
            initials = "".join(w[0].lower() for w in words)
            capitals = "".join(w[0].lower() for w in words if w[0].isupper())
            if acronym in (initials, capitals) and words[0][0].isupper():
                return True
        return False

    def _portfolio(self, i: int, j: int) -> bool:
        """Tokens i..j follow "role + of/to" and are a one-word portfolio or body, then a name:
        il ministro del Lavoro Neri, l'assessore alla Cultura Anna Neri, il presidente dell'ENI Verdi."""
        if self._before(i) != "NOT_PER" or self._given_name(i) or self._city_at(i, j) is not None \
                or self._region(i, j):
            return False
        return not any((common_word(self.lowers[k], self.lang) or self.lowers[k] in self._lower_words)
                       and not (i + 1 < k < j - 1 and self._particle(k)) for k in range(i + 1, j))

    def _particle(self, k: int) -> bool:
        """A particle inside a person's name, in any case: Anna Di Giovanni, Paolo De Luca, Jan van Dijk."""
        return self._role(k, "of") or self.cues.starting(self.lowers, k, False, "particle") is not None

    @staticmethod
    def _person_role(h: Hit) -> bool:
        role = h.first("role")
        return role is not None and role.role_kind == "person"

    def _classify(self, s: _Span) -> None:
        i, j = s.i, s.j
        single = j - i == 1

        def label(lab: str, strength: int, why: str) -> None:
            s.label, s.strength, s.why = lab, strength, why

        city = self._city_at(i, j)
        # the name's own last word: X Spa, X University, X River
        tail = self.cues.ending(self.lowers, j, self.caps, "tail")
        if tail is not None and j - len(tail.words) > i:
            return label(tail.label, STRONG, "tail")
        if j - i >= 3 and len(self.tokens[i].text) == 1 and self.tokens[i + 1].text == "." \
                and self._abbreviation(i + 1) and not self.tokens[j - 1].text.isupper():
            return label("PER", CONTEXT, "initial")  # V. Rossi, J. R. Tolkien: an initial and a surname
        before = self._before(i)
        if before == "NOT_PER" and (single or not self._given_name(i)):  # il regime di Anna Neri: a person
            if single and city is None and self._common(i) and not self.tokens[i].text.isupper():
                s.weak = True  # il ministro del Lavoro, dello Sport: a portfolio, not an organisation
            return label("LOC" if city is not None else "ORG", CONTEXT, "role-of")
        if before is not None and not (before != "PER" and not single and self._given_name(i)):
            return label(before, CONTEXT, "before")
        after = self.cues.starting(self.lowers, j, self.caps[j] if j < self.n else False, "after")
        if after is not None:
            return label(after.label, CONTEXT, "after")
        p = self._skip_back(i - 1)
        locative = self._role(p, "loc")
        if self._team(i, j):
            return label("ORG", GUESS, "team")
        if self._region(i, j):
            return label("LOC", CONTEXT, "region")
        connector = any(self._cue(k, "connector") for k in range(i + 1, j))
        if self._given_name(i) and not connector and not (single and locative and city is not None):
            # a given name and a surname are a person; a given name alone probably (Victoria may be a
            # region; Ben starting a sentence is an adverb)
            if single and self.lowers[i] in self._lower_words:
                s.weak = True
            return label("PER", GUESS if single else CONTEXT, "given")
        prior = self.cues.ending(self.lowers, p + 1, self.caps, "prior") if p >= 0 else None
        if locative and (city or self._city_at(i, j, strict=False)) is not None:
            return label("LOC", CONTEXT, "loc-city")
        if city is not None and not (single and (self.lowers[i] in self._lower_words or (
                i in self.starts and self._common(i)))):
            return label("LOC", GUESS, "big-city" if city.population >= BIG_CITY else "city")
        if prior is not None and (single or prior.label == "ORG"):
            # an organisation prior (an article: la X) holds for a name of any length, a place prior
            # (a genitive: di X) only for a single word (di Anna Neri is a person)
            q = self._next_word(j + 1) if j < self.n and self._is_connector(j) else j
            if (q > j and self._capword(q) and not self._given_name(q)) or (single and self._binomial(i)):
                s.weak = True  # not la Microsoft di Bill Gates; l'Escherichia coli  # il Gran Premio d'Italia, il Festival di Sanremo: an event or a title of a place
            return label(prior.label, GUESS, "prior")
        if locative and single and not (self.tokens[i].text.isupper() and len(self.tokens[i].text) > 1):
            return label("LOC", GUESS, "loc-word")  # not ad ATAC, nelle ACLI: an acronym names no place
        t = self.tokens[i]
        if single and t.text.isalpha() and t.text.isupper() and len(t.text) >= 2:
            # not a unit or a time zone after or before a number (18:48 UTC, ELO 2743), nor a hashtag
            near = [self.tokens[k].text for k in (i - 1, i + 1) if 0 <= k < self.n]
            if any(x[:1].isdigit() or x == "#" for x in near) or (near[:1] == ["("] and not self._spelled_out(i)):
                s.weak = True  # an abbreviation in brackets holds only after the name it abbreviates
            return label("ORG", GUESS, "acronym")
        if single:
            # a single unknown name: people are named in full at least once (and the document
            # propagation above finds them), places are in the gazetteer: most others are
            # organisations (companies, teams, parties, websites).  Not a word in quotes (a title, a
            # ship) nor the first of a Latin binomial (Bacillus subtilis).
            q = i + 1
            if 0 < i and q < self.n and self.tokens[i - 1].text in QUOTES and self.tokens[q].text in QUOTES:
                s.weak = True
            elif self._binomial(i):
                s.weak = True
            if self._mentions[self.lowers[i]] < 2:
                s.weak = True  # named once, with no evidence: as often a place, a person or a thing
            return label("ORG", GUESS, "default-single")
        if connector or self.tokens[i].text.isupper():
            return label("ORG", GUESS, "default-joined")  # Bank of Scotland, Friends of the Earth, NEW START
        if common_word(self.lowers[i], self.lang) and j - i == 2 and self._given_name(i + 1) and not locative:
            return label("PER", GUESS, "title+given")  # San Giacomo, Zio Paolo: a title and a given name
        if common_word(self.lowers[i], self.lang):
            # Gran Premio, Nuova Alleanza Civica: a name that starts with a common word
            # is not a person's; made of common words only it is a title or a phrase
            if all(common_word(self.lowers[k], self.lang) for k in range(i, j) if self.tokens[k].is_word):
                s.weak = True
            return label("ORG", GUESS, "default-common")
        if all(self._common(k) or common_word(self.lowers[k], LINGUA_FRANCA) for k in range(i, j)
               if self.tokens[k].is_word):
            s.weak = True  # Summer Games, Red Planet: a title in English, not a name
        return label("PER", GUESS, "default-multi")

    # --- the whole text ---

    def spans(self) -> list[_Span]:
        """Every candidate name with its label and the strength of the evidence, in order."""
        out: list[_Span] = []
        i = 0
        while i < self.n:
            t = self.tokens[i]
            if not t.is_word:
                i += 1
                continue
            cands = [c for c in (self._hit_span(i), self._head_span(i), self._self_span(i)) if c is not None]
            if cands:
                best = max(cands, key=lambda c: c.j)  # the longest; on a tie the first (hit, head, self)
                out.append(best)
                i = best.j
                continue
            if i in self.hit_at:  # a role or a nationality: not a name, and no name starts inside it
                end = self.hit_at[i][1]
                for k in range(i + 1, end):
                    # ... except an institution named inside a title: il presidente del Consiglio,
                    # il capo dello Stato
                    cue = self.cues.starting(self.lowers, k, True, "self") if self.caps[k] else None
                    if cue is not None and k + len(cue.words) <= end and not self._generic(k):
                        out.append(_Span(k, k + len(cue.words), cue.label, STRONG, "self-in-role"))
                        break
                i = end
                continue
            generic = self.cues.starting(self.lowers, i, self.caps[i], "self") if self._generic(i) else None
            if generic is not None:
                i += len(generic.words)  # visita di Stato, crisi di governo: a common noun
                continue
            title = self._title_article(i)
            if not self._capword(i) and not title:
                i += 1
                continue
            cue = self.cues.starting(self.lowers, i, True, "before")
            if cue is not None:
                k = i + len(cue.words)
                if self._capword(k) and k not in self.starts:
                    i = k  # Sig. Rossi, Dott. Bianchi: the title is no part of the name
                    continue
            s = _Span(i, self._run(i + 1) if title else self._run(i), None, NONE)
            legal = self.cues.starting(self.lowers, s.j, self.caps[s.j], "tail", "ORG") \
                if s.j < self.n and s.j not in self.starts and not self._capword(s.j) else None
            if legal is not None:  # Uber Italy s.r.l., Vintrex spa: a legal form written in lower case
                s.j, s.label, s.strength, s.why = s.j + len(legal.words), "ORG", STRONG, "tail"
            if s.j - i == 1 and (len(t.text) == 1 or any(c.isdigit() for c in t.text)):
                i += 1  # a letter (vitamina C, serie B) or a code (H1N1, COVID-19), not a name
                continue
            if len(t.text) > 1 and ROMAN.match(t.text) and not title:
                i += 1  # an ordinal (il XX secolo, la XV edizione): a regnal number is found after a name
                continue
            after = self.hit_at.get(s.j)
            if after is not None and s.j not in self.starts and self._name_hit(s.j):
                joined = self._key(s.i, after[1])
                if joined in region_names() or _city(joined) is not None:
                    s.j, s.label, s.strength, s.why = after[1], "LOC", STRONG, "run+hit"  # New + Mexico
            if s.label is None and after is not None and s.j not in self.starts and (
                    (after[0].first("person") and self._city_at(s.i, s.j) is None)
                    or (self._given_name(s.j - 1) and self._name_hit(s.j) and not after[0].first("country"))):
                # Anna + a notable surname; Marco + a surname that is also a city
                s.j, s.label, s.strength, s.why = after[1], "PER", STRONG, "given+hit"
            elif s.label is None and i in self.starts and s.j - i > 1 and not self._given_name(i) \
                    and common_word(t.lower, self.lang):
                s.i = i + 1  # "Sciopero Alitalia": the first word is capitalised because it starts the sentence
            if s.label is None and s.j - s.i > 1 and self._portfolio(s.i, s.j):
                # il ministro del Lavoro Anna Neri: the portfolio, then the person
                first = _Span(s.i, s.i + 1, None, NONE)
                self._classify(first)
                first.weak = first.weak or common_word(self.lowers[s.i], self.lang)
                out.append(first)
                s = _Span(s.i + 1, s.j, "PER", CONTEXT, "portfolio+name")
            if s.label is None:
                self._classify(s)
                if s.label == "LOC" and s.strength >= CONTEXT:
                    s.j = self._modifiers(s.j, "LOC")  # la Puglia meridionale
                if s.why in FRAGILE and s.j - s.i == 1 and self._fragile(s.i):
                    s.weak = True
                if s.strength <= GUESS and s.label != "LOC" and s.j < self.n and YEAR.match(self.tokens[s.j].text) \
                        and self.tokens[s.j - 1].end + 1 == self.tokens[s.j].start:
                    s.weak = True  # the Festival 2008, Expo 2015: an edition of an event
                if s.strength <= GUESS and (self._generic(s.i) or self._thing(s.i)):
                    # un Boeing, una Land Rover; l'uragano Ike, il decreto Sviluppo: a thing of a kind, not a name
                    s.weak = True
                    self._things.add(" ".join(self.lowers[s.i: s.j]))
            out.append(s)
            i = s.j
        return out

    def final_spans(self) -> list[_Span]:
        """The spans after the document's evidence settled the guesses (weak ones dropped)."""
        spans = self.spans()
        for prev, s in zip(spans, spans[1:]):
            if prev.strength <= GUESS and prev.j + 1 == s.i and self._place_code(s):
                # Borgo Alto (PG), Trenton (NJ): a name with a two-letter province or state code is a place
                prev.label, prev.strength, prev.why, prev.weak = "LOC", CONTEXT, "place+code", False
            # Agenzia Spaziale Europea (ESA), Borgo Alto (PG): an abbreviation in
            # brackets right after a place or an organisation is its own (after a person: the party)
            if s.strength <= GUESS and prev.label == "PER" and not prev.weak and prev.j + 1 == s.i \
                    and self.tokens[prev.j].text == "(" and s.j < self.n and self.tokens[s.j].text == ")" \
                    and not self._place_code(s):
                # Anna Neri (Vintrex), Marco Ferri (Pantera Calcio): in brackets after a person, the party,
                # the team or the publisher they belong to
                s.label, s.strength, s.why, s.weak = "ORG", CONTEXT, "affiliation", False
            if s.strength <= GUESS and prev.label in ("LOC", "ORG") and not prev.weak and prev.j + 1 == s.i \
                    and self.tokens[prev.j].text == "(" and s.j < self.n and self.tokens[s.j].text == ")" \
                    and s.j - s.i == 1 and self.tokens[s.i].text.isupper():
                s.label, s.strength, s.why, s.weak = prev.label, CONTEXT, "abbreviation", False
        known: dict[str, str] = {}  # names labelled by evidence
        person_parts: set[str] = set()  # the words of persons' names labelled by evidence
        surnames: set[str] = set()  # the last words of two-word names guessed to be persons
        hinted: set[str] = set()  # names an article or a preposition somewhere says are no person
        for s in spans:
            key = " ".join(self.lowers[s.i: s.j])
            if s.label is None or s.weak or s.strength < CONTEXT:
                if s.label == "PER" and s.why == "default-multi" and not s.weak \
                        and not self.tokens[s.j - 1].text.isupper():
                    surnames.add(self.lowers[s.j - 1])
                    if not any(c.isupper() for c in self.tokens[s.i].text[1:]):
                        surnames.add(self.lowers[s.i])  # Manny Pacquiao ... Manny
                elif s.why in ("prior", "loc-word", "acronym"):
                    hinted.add(key)
                continue
            known.setdefault(key, s.label)
            if s.label == "PER":
                person_parts.update(self.lowers[k] for k in range(s.i, s.j)
                                    if self.caps[k] and not self.tokens[k].text.isupper())
        # an organisation named alone elsewhere and here before other capitalised words: its product or
        # its branch (Apple Watch, Microsoft Office, la NASA Curiosity)
        orgs = {" ".join(self.lowers[s.i: s.j]) for s in spans if s.label == "ORG" and not s.weak and s.j - s.i == 1}
        for s in spans:
            if s.strength <= GUESS and not s.weak and s.j - s.i > 1 and self.lowers[s.i] in orgs \
                    and self.tokens[s.i + 1].is_word and (s.label == "ORG" or any(
                        c.isupper() for c in self.tokens[s.i].text[1:])):  # not Nursultan Nazarbayev
                s.j, s.label, s.why = s.i + 1, "ORG", "org+thing"
        for s in spans:
            if s.strength > GUESS:
                continue
            key = " ".join(self.lowers[s.i: s.j])
            if key in known and not (s.why == "team" and known[key] == "LOC"):  # il Napoli; Napoli, the city
                s.label, s.strength, s.why, s.weak = known[key], CONTEXT, "doc-known", False
            elif s.j - s.i == 1 and (key in person_parts or (key in surnames and key not in hinted)):
                s.label, s.strength, s.why, s.weak = "PER", CONTEXT, "doc-person", False
            elif key in self._things:
                s.weak = True  # l'uragano Ike ... Ike
        self._share_list_labels(spans)
        self._match_pairs(spans)
        for s in spans:
            if s.label == "ORG" and s.j < self.n and self._bang_name(s.j):
                s.j += 1  # Yahoo!
        return [s for s in spans if s.label is not None and not s.weak and s.j > s.i]

    def _match_pairs(self, spans: list[_Span]) -> None:
        """Two names joined by a spaced dash, one of them an organisation, are two sides of a match or a
        deal (Juventus - Milan, Accordo Lega - Pdl): a place on the other side is an organisation too."""
        for a, b in zip(spans, spans[1:]):
            if a.j + 1 != b.i or self.tokens[a.j].text not in DASHES or a.label is None or b.label is None:
                continue
            gap = self.text[self.tokens[a.j - 1].end: self.tokens[b.i].start]
            if not (gap.startswith(" ") and gap.endswith(" ")):
                continue  # Roma-Lido, a railway: no spaces
            for one, other in ((a, b), (b, a)):
                if one.label == "ORG" and not one.weak and one.why not in ("team", "prior") \
                        and other.label != "ORG" and other.j - other.i == 1 \
                        and (other.strength <= GUESS or other.why in ("country/place", "region", "metonym")):
                    other.label, other.strength, other.why, other.weak = "ORG", CONTEXT, "pair", False

    def _place_code(self, s: _Span) -> bool:
        """Span s is a two-letter code in brackets: (FI), (NJ)."""
        text = self.tokens[s.i].text
        return s.j - s.i == 1 and len(text) == 2 and text.isupper() and text.isalpha() \
            and self.tokens[s.i - 1].text == "(" and s.j < self.n and self.tokens[s.j].text == ")"

    def _share_list_labels(self, spans: list[_Span]) -> None:
        """Names in a list (X, Y e Z) that are guesses take the label of the known ones."""
        groups: list[list[_Span]] = []
        for s in spans:
            if groups:
                prev = groups[-1][-1]
                gap = range(prev.j, s.i)
                if len(gap) == 1 and (self.tokens[prev.j].text in LIST_SEPARATORS or self._role(prev.j, "and")):
                    groups[-1].append(s)
                    continue
            groups.append([s])
        for g in groups:
            if len(g) < 2:
                continue
            sure = {s.label for s in g if s.strength >= CONTEXT and not s.weak}
            if not sure:  # Bruno, Ciano e Piero: given names say the list is of persons
                sure = {s.label for s in g if s.why == "given" and not s.weak}
            if len(sure) != 1:
                continue
            lab = sure.pop()
            for s in g:
                if s.strength <= GUESS:
                    s.label, s.strength, s.why, s.weak = lab, CONTEXT, "list", False

    def entities(self) -> list[Entity]:
        out = []
        for s in self.final_spans():
            start, end = self.tokens[s.i].start, self.tokens[s.j - 1].end
            out.append(Entity(start, end, s.label or "", self.text[start:end]))
        return out


def recognise_entities(text: str, language: str, knowledge: Knowledge) -> list[Entity]:
    """The PER, LOC and ORG names in text, in order, not overlapping."""
    pack = knowledge.pack(language)
    return _Recogniser(text, language, pack, load_entity_cues(language), load_given_names()).entities()


__all__ = ["Entity", "common_word", "recognise_entities"]

"""Compiling the knowledge packs into fast matchers.

A :class:`LangPack` holds one language's tables compiled for matching: an Aho-Corasick
automaton over every dictionary form (countries, demonyms, organisations, metonyms, roles,
curated places, notable people), trigger patterns indexed by their head, cues, grammar
roles, date words and Babel's month and weekday names.  :class:`Knowledge` holds the
language packs and the language-independent tables.  Both are immutable once built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
import pycountry
from babel import Locale

from annalist.knowledge.tables import DATA_DIR, PackError, read_table
from annalist.model import PLOVER_TYPES, PartialDate, Place

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def norm_form(text: str) -> str:
    """The key a form is matched by: lower case, one kind of apostrophe."""
    return text.lower().translate(APOSTROPHES)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a dictionary form means.

    kind: country | demonym | igo | metonym | role | place | person.
    code: a country or IGO code (country, demonym, igo, metonym, person), a sector (role)
    or a place id (place).
    """

    kind: str
    code: str
    sector: str | None = None
    role_kind: str | None = None  # person | body, for roles
    person: NotablePerson | None = None


@dataclass(frozen=True, slots=True)
class NotablePerson:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    office: str
    start: PartialDate | None
    end: PartialDate | None

    def active_on(self, day: PartialDate | None) -> bool:
        if day is None:
            return self.end is None
        if self.start is not None and day.last_day() < self.start.first_day():
            return False
        if self.end is not None and day.first_day() > self.end.last_day():
            return False
        return True


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a trigger pattern."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    gap: bool = False

    def matches(self, lower: str, lemma: str) -> bool:
        if lower in self.words or lemma in self.words:
            return True
        return any(lower.startswith(p) or lemma.startswith(p) for p in self.prefixes)


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    items: tuple[Item, ...]
    hints: frozenset[str]
    block: frozenset[str]

    @property
    def specificity(self) -> int:
        return sum(1 for i in self.items if not i.gap)


GAP_TOKENS = 6

#: Grammar properties a language may declare in settings.tsv (yes/no).
LANGUAGE_SETTINGS = frozenset({"verb_second"})
#: Settings whose value is a word ending, not yes/no.
LANGUAGE_ENDINGS = frozenset({"progressive_ending"})
#: Values of plover.tsv's ``unnamed_recipient`` column.
UNNAMED_RECIPIENT = ("own", "place")


def compile_pattern(text: str, where: str) -> tuple[Item, ...]:
    items: list[Item] = []
    for part in text.split(" "):
        if not part:
            continue
        if part == "...":
            items.append(Item(gap=True))
            continue
        words: set[str] = set()
        prefixes: list[str] = []
        for alt in part.split("|"):
            alt = norm_form(alt)
            if not alt:
                raise PackError(f"[K010] {where}: empty alternative in pattern {text!r}")
            if alt.endswith("*"):
                prefixes.append(alt[:-1])
            else:
                words.add(alt)
        items.append(Item(frozenset(words), tuple(prefixes)))
    if not items or items[0].gap or items[-1].gap:
        raise PackError(f"[K011] {where}: a pattern must start and end with a word: {text!r}")
    return tuple(items)


@dataclass
class LangPack:
    """One language's compiled knowledge."""

    lang: str
    automaton: ahocorasick.Automaton
    triggers: dict[str, list[Pattern]]
    trigger_prefixes: list[tuple[str, Pattern]]
    cues: dict[str, dict[str, str]]  # scope -> form -> cue
    cue_index: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]  # first word -> (words, cue, scope)
    grammar: dict[str, frozenset[str]]  # role -> single-token forms
    grammar_phrases: dict[str, tuple[tuple[str, ...], ...]]  # role -> multi-token forms
    months: dict[str, int]
    weekdays: frozenset[str]
    weekday_order: tuple[str, ...]  # Monday first, each weekday's names (wide forms; index % 7)
    relative_days: dict[str, int]
    since_words: frozenset[str]
    settings: dict[str, str] = field(default_factory=dict)

    def setting(self, key: str) -> bool:
        """A yes/no property of the language's grammar (settings.tsv), no when absent."""
        return self.settings.get(key, "no") == "yes"

    def role(self, token_lower: str, role: str) -> bool:
        return token_lower in self.grammar.get(role, frozenset())

    def heads(self, lower: str, lemma: str) -> list[Pattern]:
        found = list(self.triggers.get(lower, ()))
        if lemma != lower:
            found.extend(self.triggers.get(lemma, ()))
        for prefix, pat in self.trigger_prefixes:
            if lower.startswith(prefix) or lemma.startswith(prefix):
                found.append(pat)
        seen: set[str] = set()
        unique = []
        for p in found:
            if p.id not in seen:
                seen.add(p.id)
                unique.append(p)
        return unique


@dataclass
class Knowledge:
    """Every pack, compiled.  Build it with :func:`load_knowledge` (cached)."""

    packs: dict[str, LangPack]
    modes: dict[str, frozenset[str]]
    igos: dict[str, str]  # code -> sector
    places: dict[str, Place]
    people: tuple[NotablePerson, ...]
    intent: dict[str, str]
    languages: tuple[str, ...] = field(default=())
    #: type -> who it is directed at when no recipient is named: "own" or "place" (plover.tsv)
    unnamed_recipient: dict[str, str] = field(default_factory=dict)
    #: types whose direct object can be where the event happens ("shelled X"; plover.tsv)
    object_place: frozenset[str] = frozenset()
    people_by_key: dict[str, tuple[NotablePerson, ...]] = field(default_factory=dict)

    def people_named(self, name: str) -> tuple[NotablePerson, ...]:
        """Notable people whose name or alias has the same key (transliterations unified)."""
        from annalist.knowledge.names import name_key

        return self.people_by_key.get(name_key(name), ())

    def pack(self, lang: str | None) -> LangPack | None:
        return self.packs.get(lang or "")


def _optional_rows(path: Path) -> list:
    return read_table(path) if path.exists() else []


def _country_codes() -> frozenset[str]:
    return frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})


def _babel_calendar(lang: str) -> tuple[dict[str, int], frozenset[str], tuple[str, ...]]:
    loc = Locale.parse(lang)
    months: dict[str, int] = {}
    for ctx in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for num, name in loc.months[ctx][width].items():
                key = norm_form(name).rstrip(".")
                if len(key) >= 3:
                    months.setdefault(key, int(num))
    days: set[str] = set()
    order: list[str] = []
    for ctx in ("format", "stand-alone"):
        wide = loc.days[ctx]["wide"]
        for num in range(7):  # Babel: 0 = Monday
            name = norm_form(wide[num])
            days.add(name)
            order.append(name)
    return months, frozenset(days), tuple(order)


def _add(auto: ahocorasick.Automaton, form: str, entry: Entry) -> None:
    key = norm_form(form)
    if not key.strip():
        return
    if key in auto:
        forms, entries = auto.get(key)
        if entry not in entries:
            entries = entries + (entry,)
        if form not in forms:
            forms = forms + (form,)
        auto.add_word(key, (forms, entries))
    else:
        auto.add_word(key, ((form,), (entry,)))


def _load_people() -> tuple[NotablePerson, ...]:
    people = []
    for row in _optional_rows(DATA_DIR / "actors.tsv"):
        aliases = tuple(a for a in row["aliases"].split("|") if a)
        people.append(
            NotablePerson(
                name=row["name"],
                aliases=aliases,
                country=row["country"],
                sector=row["sector"],
                office=row["office"],
                start=PartialDate.parse(row["start"]) if row["start"] else None,
                end=PartialDate.parse(row["end"]) if row["end"] else None,
            )
        )
    return tuple(people)


def _load_places() -> dict[str, Place]:
    places: dict[str, Place] = {}
    for row in _optional_rows(DATA_DIR / "places.tsv"):
        places[row["id"]] = Place(
            id=row["id"],
            name=row["name"],
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            country=row["country"] or None,
            feature=row["feature"],
            resolution=int(row["resolution"] or 0),
            admin1=row["admin1"] or None,
        )
    return places


def _compile_lang(lang: str, people: tuple[NotablePerson, ...], places: dict[str, Place]) -> LangPack:
    d = DATA_DIR / lang
    auto = ahocorasick.Automaton()
    for row in _optional_rows(d / "countries.tsv"):
        _add(auto, row["name"], Entry("country", row["code"], "GOV"))
    for row in _optional_rows(d / "country_aliases.tsv"):
        _add(auto, row["name"], Entry("country", row["code"], "GOV"))
    for row in _optional_rows(d / "demonyms.tsv"):
        _add(auto, row["form"], Entry("demonym", row["code"]))
    for row in _optional_rows(d / "igos.tsv"):
        _add(auto, row["form"], Entry("igo", row["code"], "IGO"))
    for row in _optional_rows(d / "metonyms.tsv"):
        _add(auto, row["form"], Entry("metonym", row["code"], row["sector"] or "GOV"))
    for row in _optional_rows(d / "roles.tsv"):
        _add(auto, row["form"], Entry("role", row["sector"], row["sector"], row["kind"] or "person"))
    for row in _optional_rows(d / "places.tsv"):
        if row["place"] not in places:
            raise PackError(f"[K020] {d / 'places.tsv'}:{row.line}: unknown place id {row['place']!r}")
        _add(auto, row["form"], Entry("place", row["place"]))
    for person in people:
        for alias in {person.name, *person.aliases}:
            # a single word alias (a surname) only works with context; it is matched
            # like the full name but marked so the engine can demand more evidence
            _add(auto, alias, Entry("person", person.country, person.sector, person=person))
    auto.make_automaton()

    triggers: dict[str, list[Pattern]] = {}
    prefixes: list[tuple[str, Pattern]] = []
    for row in _optional_rows(d / "triggers.tsv"):
        where = f"{d / 'triggers.tsv'}:{row.line}"
        if row["type"] not in PLOVER_TYPES:
            raise PackError(f"[K012] {where}: unknown PLOVER type {row['type']!r}")
        pat = Pattern(
            id=f"{lang}:{row['id']}",
            type=row["type"],
            mode=row["mode"] or None,
            context=tuple(c for c in row["context"].replace(";", ",").split(",") if c.strip()),
            items=compile_pattern(row["pattern"], where),
            hints=frozenset(h.strip() for h in row["hints"].split(",") if h.strip()),
            block=frozenset(norm_form(b) for b in row["block"].split("|") if b),
        )
        head = pat.items[0]
        for w in head.words:
            triggers.setdefault(w, []).append(pat)
        for p in head.prefixes:
            prefixes.append((p, pat))

    cues: dict[str, dict[str, str]] = {}
    for row in _optional_rows(d / "cues.tsv"):
        cues.setdefault(row["scope"], {})[norm_form(row["form"])] = row["cue"]

    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for scope, forms in cues.items():
        if scope == "suffix":
            continue
        for form, cue in forms.items():
            words = tuple(form.split())
            if words:
                index.setdefault(words[0], []).append((words, cue, scope))

    grammar: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for row in _optional_rows(d / "grammar.tsv"):
        form = norm_form(row["form"]).strip()
        words = tuple(w for w in form.replace("'", " ").split() if w)
        if len(words) == 1:
            grammar.setdefault(row["role"], set()).add(words[0])
        elif words:
            phrases.setdefault(row["role"], []).append(words)

    relative: dict[str, int] = {}
    since: set[str] = set()
    for row in _optional_rows(d / "dates.tsv"):
        form = norm_form(row["form"])
        if row["meaning"] == "offset":
            relative[form] = int(row["value"] or 0)
        elif row["meaning"] == "since":
            since.add(form.replace("'", ""))

    months, weekdays, weekday_order = _babel_calendar(lang)
    settings = {row["key"]: row["value"] for row in _optional_rows(d / "settings.tsv")}
    for key, value in settings.items():
        if key in LANGUAGE_ENDINGS and value.isalpha():
            continue
        if key not in LANGUAGE_SETTINGS or value not in ("yes", "no"):
            raise PackError(f"[K013] {d / 'settings.tsv'}: unknown setting {key}={value!r} "
                            f"(known: {', '.join(sorted(LANGUAGE_SETTINGS))}, values yes/no; "
                            f"{', '.join(sorted(LANGUAGE_ENDINGS))}, a word ending)")
    return LangPack(
        lang=lang,
        automaton=auto,
        triggers=triggers,
        trigger_prefixes=prefixes,
        cues=cues,
        cue_index={k: tuple(v) for k, v in index.items()},
        grammar={k: frozenset(v) for k, v in grammar.items()},
        grammar_phrases={k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()},
        months=months,
        weekdays=weekdays,
        weekday_order=weekday_order,
        relative_days=relative,
        since_words=frozenset(since),
        settings=settings,
    )


def validate_codes(knowledge: Knowledge) -> list[str]:
    """Problems with codes across packs (unknown countries, types, modes); empty when clean."""
    countries = _country_codes()
    valid = countries | set(knowledge.igos)
    problems = []
    for person in knowledge.people:
        if person.country not in valid:
            problems.append(f"actors.tsv: {person.name}: unknown code {person.country}")
    for place in knowledge.places.values():
        if place.country and place.country not in countries:
            problems.append(f"places.tsv: {place.id}: unknown country {place.country}")
    for lang, pack in knowledge.packs.items():
        for _key, (_forms, entries) in pack.automaton.items():
            for e in entries:
                if e.kind in ("country", "demonym", "igo", "metonym") and e.code not in valid:
                    problems.append(f"{lang}: {_forms[0]!r}: unknown code {e.code}")
        for pats in pack.triggers.values():
            for p in pats:
                if p.mode and p.mode not in knowledge.modes.get(p.type, frozenset()):
                    problems.append(f"{lang}: {p.id}: mode {p.mode!r} is not a mode of {p.type}")
    return sorted(set(problems))


@lru_cache(maxsize=4)
def load_knowledge(langs: tuple[str, ...] | None = None) -> Knowledge:
    """Load and compile the packs (all languages by default).  Cached per process."""
    from annalist.knowledge.tables import languages

    modes: dict[str, set[str]] = {t: set() for t in PLOVER_TYPES}
    unnamed: dict[str, str] = {}
    object_place: set[str] = set()
    for row in _optional_rows(DATA_DIR / "plover.tsv"):
        if row["type"] not in modes:
            raise PackError(f"[K012] plover.tsv:{row.line}: unknown PLOVER type {row['type']!r}")
        if row["mode"]:
            modes[row["type"]].add(row["mode"])
        if row["unnamed_recipient"]:
            if row["unnamed_recipient"] not in UNNAMED_RECIPIENT or row["mode"]:
                raise PackError(f"[K012] plover.tsv:{row.line}: unnamed_recipient {row['unnamed_recipient']!r}: "
                                f"want one of {', '.join(UNNAMED_RECIPIENT)} on a type row (empty mode)")
            unnamed[row["type"]] = row["unnamed_recipient"]
        if row["object_place"] not in ("", "yes") or (row["object_place"] and row["mode"]):
            raise PackError(f"[K012] plover.tsv:{row.line}: object_place {row['object_place']!r}: want yes or "
                            "nothing, on a type row (empty mode)")
        if row["object_place"]:
            object_place.add(row["type"])
    igos = {row["code"]: row["sector"] or "IGO" for row in _optional_rows(DATA_DIR / "igos.tsv")}
    places = _load_places()
    people = _load_people()
    intent = {row["type"]: row["intent_type"] for row in _optional_rows(DATA_DIR / "intent.tsv")}
    wanted = langs or tuple(languages())
    packs = {lang: _compile_lang(lang, people, places) for lang in wanted}
    from annalist.knowledge.names import name_key

    by_key: dict[str, list[NotablePerson]] = {}
    for person in people:
        for alias in {person.name, *person.aliases}:
            bucket = by_key.setdefault(name_key(alias), [])
            if person not in bucket:
                bucket.append(person)
    return Knowledge(
        people_by_key={k: tuple(v) for k, v in by_key.items()},
        packs=packs,
        modes={k: frozenset(v) for k, v in modes.items()},
        igos=igos,
        places=places,
        people=people,
        intent=intent,
        languages=tuple(wanted),
        unnamed_recipient=unnamed,
        object_place=frozenset(object_place),
    )


# --- named-entity cues (loaded lazily: only the entity recogniser needs them) ---

ENTITY_LABELS = ("PER", "LOC", "ORG")
CUE_POSITIONS = ("head", "self", "modifier", "tail", "before", "after", "particle", "connector", "prior", "generic")


@dataclass(frozen=True, slots=True)
class EntityCue:
    """A word (or words) of entity_cues.tsv: what a name next to it is."""

    words: tuple[str, ...]  # the form's tokens, normalised (norm_form)
    label: str  # PER | LOC | ORG
    position: str  # one of CUE_POSITIONS
    cased: bool  # written with a capital initial: only a capitalised word matches it


@dataclass(frozen=True)
class EntityCues:
    """One language's entity cues, indexed for matching at a token (first word) or ending at one (last word)."""

    lang: str
    by_first: dict[tuple[str, str], tuple[EntityCue, ...]]  # (position, first word) -> cues, longest first
    by_last: dict[tuple[str, str], tuple[EntityCue, ...]]  # (position, last word) -> cues, longest first

    def starting(self, lowers: list[str], i: int, capitalised: bool, position: str,
                 label: str | None = None) -> EntityCue | None:
        """The longest cue of that position (and label, if given) whose words are lowers[i:...]."""
        if i >= len(lowers):
            return None
        for cue in self.by_first.get((position, lowers[i]), ()):
            if (cue.cased and not capitalised) or (label is not None and cue.label != label):
                continue
            if tuple(lowers[i: i + len(cue.words)]) == cue.words:
                return cue
        return None

    def ending(self, lowers: list[str], j: int, capitalised: list[bool], position: str) -> EntityCue | None:
        """The longest cue of that position whose words end just before index j (lowers[...:j])."""
        if j <= 0 or j > len(lowers):
            return None
        for cue in self.by_last.get((position, lowers[j - 1]), ()):
            start = j - len(cue.words)
            if start < 0 or (cue.cased and not capitalised[start]):
                continue
            if tuple(lowers[start:j]) == cue.words:
                return cue
        return None


@lru_cache(maxsize=16)
def load_entity_cues(lang: str) -> EntityCues:
    """The entity cues of a language (empty when it has no entity_cues.tsv).  Cached per process."""
    return read_entity_cues(DATA_DIR / lang / "entity_cues.tsv", lang)


def read_entity_cues(path: Path, lang: str) -> EntityCues:
    """Read and index one entity_cues.tsv; PackError names the line of a bad label or position."""
    from annalist.text.tokens import TOKEN_RE

    first: dict[tuple[str, str], list[EntityCue]] = {}
    last: dict[tuple[str, str], list[EntityCue]] = {}
    for row in _optional_rows(path):
        where = f"{path}:{row.line}"
        if row["label"] not in ENTITY_LABELS:
            raise PackError(f"[K030] {where}: label {row['label']!r} is not one of {', '.join(ENTITY_LABELS)}")
        if row["position"] not in CUE_POSITIONS:
            raise PackError(f"[K031] {where}: position {row['position']!r} is not one of {', '.join(CUE_POSITIONS)}")
        words = tuple(norm_form(m.group()) for m in TOKEN_RE.finditer(row["form"]))
        if not words:
            raise PackError(f"[K032] {where}: empty form")
        cue = EntityCue(words, row["label"], row["position"], row["form"][:1].isupper())
        first.setdefault((cue.position, words[0]), []).append(cue)
        last.setdefault((cue.position, words[-1]), []).append(cue)

    def index(d: dict[tuple[str, str], list[EntityCue]]) -> dict[tuple[str, str], tuple[EntityCue, ...]]:
        # longest first; among equals a lower-case (case-free) form first
        return {k: tuple(sorted(v, key=lambda c: (-len(c.words), c.cased))) for k, v in d.items()}

    return EntityCues(lang, index(first), index(last))


@lru_cache(maxsize=1)
def load_given_names() -> frozenset[str]:
    """Given names (given_names.tsv), normalised with norm_form.  Cached per process."""
    return frozenset(norm_form(row["name"]) for row in _optional_rows(DATA_DIR / "given_names.tsv"))

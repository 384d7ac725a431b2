"""The records annalist produces and stores (DESIGN §3).

Every record is a small frozen dataclass.  Text is owned by the :class:`Document`;
everything else points into it with character offsets, so evidence can always be
highlighted and nothing is copied twice.

Ids are deterministic (hashlib over content), so re-running the same input gives
the same ids and the store stays idempotent.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]

#: The 16 PLOVER event types (manual v2.0), in the manual's order.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

#: Modality flags an event may carry (DESIGN §3).  Events carrying one of
#: NOT_NEWS are kept in the store but are not reported as news by default.
AUX_FLAGS: tuple[str, ...] = ("historical", "future", "hypothetical", "negated", "reported")
NOT_NEWS: frozenset[str] = frozenset({"historical", "hypothetical", "negated", "future"})


EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(h))


def content_id(*parts: object, length: int = 16) -> str:
    """A deterministic hex id from the given parts (never Python's salted hash())."""
    h = hashlib.sha256()
    for p in parts:
        h.update(str(p).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to day, month or year precision.

    >>> PartialDate(2023, 9).iso()
    '2023-09'
    >>> PartialDate.parse("2023-09-13").precision
    'day'
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("[M001] a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"[M002] month out of range: {self.month}")
        if self.day is not None:
            assert self.month is not None
            dt.date(self.year, self.month, self.day)  # raises ValueError when impossible

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time part is ignored)."""
        full = text.strip()
        if len(full) > 10 and full[10] not in "T ":
            raise ValueError(f"[M003] not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        s = full[:10]
        parts = s.split("-")
        try:
            nums = [int(p) for p in parts]
        except ValueError:
            raise ValueError(f"[M003] not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {text!r}") from None
        if len(nums) == 1:
            return cls(nums[0])
        if len(nums) == 2:
            return cls(nums[0], nums[1])
        if len(nums) == 3:
            return cls(nums[0], nums[1], nums[2])
        raise ValueError(f"[M003] not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")

    @classmethod
    def from_date(cls, d: dt.date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def contains(self, other: PartialDate) -> bool:
        """True when every day of ``other`` lies inside this date's span."""
        return self.first_day() <= other.first_day() and other.last_day() <= self.last_day()

    def compatible(self, other: PartialDate) -> bool:
        """True when the two spans can denote the same day (one contains the other)."""
        return self.contains(other) or other.contains(self)


@dataclass(frozen=True, slots=True)
class Document:
    """One article.  ``id`` is the sha256 of the normalised text (see ingest)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: PartialDate | None = None
    origin: str = ""
    meta: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document recognised as an actor, place, date or role.

    ``value`` is the normalised value: an ISO3/IGO code for actors, a gazetteer id for
    places, an ISO date for dates, a sector for roles.
    """

    kind: Literal["actor", "place", "date", "role"]
    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts or is acted upon.  ``country`` is ISO3 or an IGO code (EU, UN, NATO)."""

    name: str | None
    country: str | None
    sector: str | None
    office: str | None = None
    id: str | None = None
    aliases: tuple[str, ...] = ()
    text: str = ""
    start: int = -1
    end: int = -1
    #: True for a recipient the sentence does not name, given by convention (plover.tsv's
    #: ``unnamed_recipient``: the country where a protest happens, ...); it has no text span.
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place.  ``resolution`` follows PLOVER: 1 country … 5 sub-city."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    feature: str
    resolution: int
    geonameid: int | None = None
    admin1: str | None = None
    text: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an event is said: the sentence and the trigger, as offsets into the document."""

    doc_id: str
    sentence: int
    sent_start: int
    sent_end: int
    start: int
    end: int
    trigger: str


@dataclass(frozen=True, slots=True)
class Event:
    """One event as one document tells it."""

    id: str
    doc_id: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    date: PartialDate | None
    place: Place | None
    aux: tuple[str, ...]
    evidence: Evidence
    rule: str
    confidence: float
    language: str
    mentions: tuple[Evidence, ...] = ()  # further sentences of the same document telling it

    @property
    def is_news(self) -> bool:
        return not (set(self.aux) & NOT_NEWS)

    @property
    def actor_countries(self) -> tuple[str, ...]:
        return tuple(sorted({a.country for a in self.actor if a.country}))

    @property
    def recipient_countries(self) -> tuple[str, ...]:
        return tuple(sorted({a.country for a in self.recipient if a.country}))

    @property
    def named_recipient_countries(self) -> tuple[str, ...]:
        """The recipient countries the text names (no implicit, conventional recipient)."""
        return tuple(sorted({a.country for a in self.recipient if a.country and not a.implicit}))


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """An attribute on which the sources of a fused event disagree."""

    attribute: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, event ids saying it)


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """One real-world event: agreed attributes, every member event and every source."""

    id: str
    type: str
    mode: str | None
    actor_countries: tuple[str, ...]
    recipient_countries: tuple[str, ...]
    actor_names: tuple[str, ...]
    recipient_names: tuple[str, ...]
    date: PartialDate | None
    place: Place | None
    members: tuple[str, ...]
    sources: tuple[str, ...]
    discrepancies: tuple[Discrepancy, ...] = ()
    story_id: str | None = None

    @property
    def support(self) -> int:
        return len(self.sources)


@dataclass(frozen=True, slots=True)
class CanonicalActor:
    """One person or named organisation across documents (:mod:`annalist.resolve.actors`)."""

    id: str
    name: str
    country: str | None
    sector: str | None
    office: str | None
    aliases: tuple[str, ...]  # every name the documents gave, as written
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """A group of documents about one developing situation."""

    id: str
    label: str
    documents: tuple[str, ...]
    fused_events: tuple[str, ...]
    first: PartialDate | None
    last: PartialDate | None
    brief: tuple[tuple[str, str], ...] = ()  # (document id, sentence)


@dataclass(frozen=True, slots=True)
class InputError:
    """An input unit that could not become a Document, with where and why."""

    origin: str
    position: str
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    language: str


@dataclass(frozen=True, slots=True)
class DocResult:
    """What the per-document pipeline returns for one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = field(default=())
    #: what the document names, for story clustering (:func:`annalist.resolve.stories.document_keys`)
    keys: tuple[str, ...] = field(default=())

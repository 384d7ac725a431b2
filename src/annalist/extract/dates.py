"""Date expressions in a sentence, resolved against the publication date.

Stage contract: (tokens of a sentence, language pack, publication date) → DateMention list.

The finder is our own (month and weekday names come from Babel's CLDR data, relative words
and "since" words from the pack); dateparser then reads the span found, with the
publication date as RELATIVE_BASE and the language given, so the year of "13 settembre" is
the one nearest before publication.  Precision is what the text says:
"il 13 settembre" → day; "settembre 2023" → month; "nel 2007" → year; "oggi" → the
publication date with the publication's precision.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from annalist.knowledge.packs import LangPack
from annalist.model import PartialDate
from annalist.text.tokens import Token

MIN_YEAR, MAX_YEAR = 1800, 2199


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: PartialDate
    token: int  # index of the first token in the sentence
    since: bool = False  # "dal 2019", "since 2019": a bound, not the event's date
    relative: bool = False


def _year(tok: Token) -> int | None:
    if tok.text.isdigit() and len(tok.text) == 4:
        y = int(tok.text)
        if MIN_YEAR <= y <= MAX_YEAR:
            return y
    return None


DAY_RE = re.compile(r"^(\d{1,2})[^\W\d]{0,2}$")  # 13, 1º, 1er, 2nd: an ordinal mark is allowed


def _day(tok: Token) -> int | None:
    m = DAY_RE.match(tok.text)
    if m and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    return None


def _month_after_day(tokens: list[Token], j: int, pack: LangPack) -> int | None:
    """Index of the month name after the day at j: "13 settembre", "2. Mai", "2 de mayo"."""
    m = j + 1
    if m < len(tokens) and (tokens[m].text == "." or pack.role(tokens[m].lower, "date_link")):
        m += 1
    if m < len(tokens) and tokens[m].lower in pack.months:
        return m
    return None


@lru_cache(maxsize=4096)
def _dateparser_year(span: str, lang: str, base: dt.date) -> int | None:
    """The year dateparser gives a day-month span, relative to the publication date."""
    import dateparser

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = dateparser.parse(span, languages=[lang], settings=settings)  # type: ignore[arg-type]
        except Exception:  # dateparser raises assorted errors on odd input  # noqa: BLE001
            return None
    return parsed.year if parsed else None


def _infer_year(day: int, month: int, span: str, lang: str, published: PartialDate | None) -> int | None:
    if published is None:
        return None
    base = published.last_day()
    year = _dateparser_year(span, lang, base)
    if year is None:
        year = base.year
        try:
            if dt.date(year, month, day) > base + dt.timedelta(days=7):
                year -= 1
        except ValueError:
            return None
    return year


def _make(year: int | None, month: int | None, day: int | None) -> PartialDate | None:
    if year is None:
        return None
    try:
        return PartialDate(year, month, day if month else None)
    except ValueError:
        return None


def _after_since(tokens: list[Token], i: int, pack: LangPack) -> bool:
    """A since-word before the date, articles and "." skipped: "dal 2019", "desde el 5 de marzo",
    "seit dem 5. März"."""
    j = i - 1
    while j >= 0 and (pack.role(tokens[j].lower, "article") or tokens[j].text in ("'", "’")):
        j -= 1
    return j >= 0 and tokens[j].lower in pack.since_words


def _weekday_date(tokens: list[Token], i: int, pack: LangPack, published: PartialDate | None) -> PartialDate | None:
    """A weekday alone ("martedì", "este martes") is the last such day up to the publication day."""
    if published is None or published.precision != "day":
        return None
    names = [name for name in pack.weekday_order if name == tokens[i].lower]
    if not names:
        return None
    weekday = pack.weekday_order.index(names[0]) % 7
    pub = published.first_day()
    back = (pub.weekday() - weekday) % 7
    return PartialDate.from_date(pub - dt.timedelta(days=back))


def find_dates(tokens: list[Token], pack: LangPack, published: PartialDate | None) -> list[DateMention]:
    """Every date expression in the sentence's tokens."""
    out: list[DateMention] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        start_i = i
        since = _after_since(tokens, i, pack)
        # [weekday] day month [link] [year]
        j = i
        if tok.lower in pack.weekdays:
            j = i + 1
            while j < n and not tokens[j].is_word and tokens[j].text == ",":
                j += 1
        day = _day(tokens[j]) if j < n else None
        mi = _month_after_day(tokens, j, pack) if day is not None else None
        if day is not None and mi is not None:
            month = pack.months[tokens[mi].lower]
            k = mi + 1
            year = None
            if k < n and _year(tokens[k]):
                year = _year(tokens[k])
                k += 1
            elif k + 1 < n and (pack.role(tokens[k].lower, "date_link") or tokens[k].text == ",") \
                    and _year(tokens[k + 1]):
                year = _year(tokens[k + 1])
                k += 2
            if year is None:
                span = f"{day} {tokens[mi].text}"
                year = _infer_year(day, month, span, pack.lang, published)
            pd = _make(year, month, day)
            if pd is not None:
                out.append(DateMention(tokens[start_i].start, tokens[k - 1].end, pd, start_i, since))
                i = k
                continue
        # month day[,] [year]  (English order)
        if tok.lower in pack.months and i + 1 < n and _day(tokens[i + 1]) is not None \
                and not (i + 2 < n and tokens[i + 2].lower in pack.months):
            month = pack.months[tok.lower]
            day = _day(tokens[i + 1])
            assert day is not None
            k = i + 2
            year = None
            if k + 1 < n and tokens[k].text == "," and _year(tokens[k + 1]):
                year, k = _year(tokens[k + 1]), k + 2
            elif k < n and _year(tokens[k]):
                year, k = _year(tokens[k]), k + 1
            if year is None:
                year = _infer_year(day, month, f"{tok.text} {day}", pack.lang, published)
            pd = _make(year, month, day)
            if pd is not None:
                out.append(DateMention(tok.start, tokens[k - 1].end, pd, i, since))
                i = k
                continue
        # month [link] year
        if tok.lower in pack.months and i + 1 < n:
            k = i + 1
            if pack.role(tokens[k].lower, "date_link") and k + 1 < n:
                k += 1
            if _year(tokens[k]):
                pd = _make(_year(tokens[k]), pack.months[tok.lower], None)
                if pd is not None:
                    out.append(DateMention(tok.start, tokens[k].end, pd, i, since))
                    i = k + 1
                    continue
        # a bare year
        y = _year(tok)
        if y is not None:
            out.append(DateMention(tok.start, tok.end, PartialDate(y), i, since))
            i += 1
            continue
        # a weekday alone, resolved against a publication day
        if tok.lower in pack.weekdays:
            wd = _weekday_date(tokens, i, pack, published)
            if wd is not None:
                out.append(DateMention(tok.start, tok.end, wd, i, since, relative=True))
                i += 1
                continue
        # a relative word: oggi, ieri, odierno, yesterday
        if tok.lower in pack.relative_days and published is not None:
            offset = pack.relative_days[tok.lower]
            if published.precision == "day":
                d = published.first_day() + dt.timedelta(days=offset)
                pd = PartialDate.from_date(d)
            else:
                pd = published
            out.append(DateMention(tok.start, tok.end, pd, i, since, relative=True))
        i += 1
    return out

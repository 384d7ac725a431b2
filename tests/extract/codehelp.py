"""Helpers the coder tests share: code a text written for a test and pick its events."""

from __future__ import annotations

from collections.abc import Callable

from annalist.model import Document, Event, PartialDate
from annalist.pipeline import process_document


def make_helpers(lang: str | None, published: str | None
                 ) -> tuple[Callable[..., list[Event]], Callable[..., list[Event]], Callable[..., Event]]:
    """code(text) → every event; news(text) → the news events; one(text) → the only news event."""

    def code(text: str, published: str | None = published, lang: str | None = lang) -> list[Event]:
        doc = Document(id=f"t-{lang}", text=text, language=lang,
                       published=PartialDate.parse(published) if published else None)
        return list(process_document(doc).events)

    def news(text: str, **kw: object) -> list[Event]:
        return [e for e in code(text, **kw) if e.is_news]  # type: ignore[arg-type]

    def one(text: str, **kw: object) -> Event:
        evs = news(text, **kw)
        assert len(evs) == 1, [(e.type, e.actor_countries, e.recipient_countries, e.rule) for e in evs]
        return evs[0]

    return code, news, one


def only(events: list[Event], etype: str, **kw: object) -> Event:
    """The one event of a type (and attributes) among events."""
    found = [e for e in events if e.type == etype and all(getattr(e, k) == v for k, v in kw.items())]
    assert len(found) == 1, [(e.type, e.mode, e.actor_countries, e.recipient_countries, e.aux, e.rule) for e in events]
    return found[0]

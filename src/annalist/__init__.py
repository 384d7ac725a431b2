"""annalist: news articles in many languages → PLOVER event data.

The public API::

    import annalist
    result = annalist.process("Il presidente russo ha incontrato ...", published="2023-09-13")
    with annalist.open_store("annalist.duckdb") as store:
        summary = annalist.run(["articles/"], store)
        fused = store.fused_events()
"""

from __future__ import annotations

from annalist.model import (
    Actor,
    Discrepancy,
    DocResult,
    Document,
    Event,
    Evidence,
    FusedEvent,
    InputError,
    Mention,
    PartialDate,
    Place,
    Story,
)

__all__ = [
    "Actor", "Discrepancy", "DocResult", "Document", "Event", "Evidence", "FusedEvent",
    "InputError", "Mention", "PartialDate", "Place", "Story",
    "open_store", "process", "run",
]
__version__ = "0.1.0"


def process(text: str, *, published: str | None = None, language: str | None = None,
            title: str | None = None, url: str | None = None) -> DocResult:
    """Code one text given as a string (nothing is stored)."""
    from annalist.ingest.document import make_document
    from annalist.pipeline import process_document

    doc = make_document(text, origin="<api>", title=title, url=url, language=language,
                        published=PartialDate.parse(published) if published else None)
    if isinstance(doc, InputError):
        raise ValueError(doc.reason)
    return process_document(doc)


def open_store(path: str = "annalist.duckdb"):  # type: ignore[no-untyped-def]
    """Open (or create) a DuckDB store; use it as a context manager."""
    from annalist.store import Store

    return Store(path)


def run(paths: list[str], store, **kwargs):  # type: ignore[no-untyped-def]
    """Read, code and store ``paths``; returns a RunSummary (see annalist.runner)."""
    from annalist.runner import run_paths

    return run_paths(paths, store, **kwargs)

"""A run: inputs → documents → per-document pipeline → store → cross-document stage.

The CLI's ``annalist run`` and the Python API's :func:`run` both call :func:`run_paths`.
Every input unit ends up processed, skipped as already stored, or listed with a reason;
one bad document never stops a run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TextIO

from annalist.ingest import read_inputs
from annalist.knowledge.packs import Knowledge, load_knowledge
from annalist.model import CanonicalActor, DocResult, Document, Event, FusedEvent, InputError, Story
from annalist.pipeline import process_document
from annalist.resolve.actors import canonical_events, link_actors
from annalist.resolve.fusion import fuse_events
from annalist.resolve.stories import cluster_stories
from annalist.store import Store

BATCH = 64


@dataclass
class RunSummary:
    run_id: str
    documents: int = 0  # documents read
    new: int = 0  # documents stored by this run
    skipped: int = 0  # already stored
    events: int = 0  # events coded in new documents
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every input was processed, 3 when some were rejected."""
        return 3 if self.errors else 0


def _safe_process(doc: Document, kn: Knowledge) -> DocResult | InputError:
    try:
        return process_document(doc, kn)
    except Exception as exc:  # one bad document never stops a run  # noqa: BLE001
        return InputError(doc.origin, "document", "P900",
                          f"the pipeline failed on this document ({type(exc).__name__}: {exc}); "
                          "please report it with the document")


def run_paths(
    paths: Sequence[str],
    store: Store,
    *,
    stdin: TextIO | BinaryIO | None = None,
    knowledge: Knowledge | None = None,
    progress: Callable[[str], None] | None = None,
    read: Mapping[str, Any] | None = None,
) -> RunSummary:
    """Read ``paths`` (files, directories, URLs, "-" for stdin) into ``store``.  ``read``:
    options for :func:`annalist.ingest.read_inputs` (format, max_bytes, truncate, follow,
    columns, delimiter, urls)."""
    kn = knowledge or load_knowledge()
    read = dict(read or {})
    run_id = store.start_run([*paths, *(f"--urls {u}" for u in read.get("urls", ()))])
    summary = RunSummary(run_id)
    batch: list[DocResult] = []
    seen: set[str] = set()

    stored_errors = 0

    def flush() -> None:
        # each batch is one transaction; its rejections are stored with it, so a run killed
        # midway keeps the account of everything it got through
        nonlocal stored_errors
        if batch:
            summary.new += store.add_results(run_id, batch)
            batch.clear()
        if len(summary.errors) > stored_errors:
            store.add_errors(run_id, summary.errors[stored_errors:])
            stored_errors = len(summary.errors)

    status = "failed"
    try:
        for item in read_inputs(paths, stdin=stdin, **read):
            if isinstance(item, InputError):
                summary.errors.append(item)
                if progress:
                    progress(item.origin)
                continue
            summary.documents += 1
            if progress:
                progress(item.origin)
            if item.id in seen or store.has_document(item.id):
                summary.skipped += 1
                continue
            seen.add(item.id)
            result = _safe_process(item, kn)
            if isinstance(result, InputError):
                summary.errors.append(result)
                continue
            summary.events += len(result.events)
            summary.warnings.extend(f"{item.origin}: {w}" for w in result.warnings)
            batch.append(result)
            if len(batch) >= BATCH:
                flush()
        flush()
        update_cross_document(store)
        status = "done"
    finally:
        store.finish_run(run_id, n_documents=summary.documents, n_new=summary.new,
                         n_errors=len(summary.errors), status=status)
    return summary


def update_cross_document(store: Store) -> None:
    """Extend the stored actors, fused events and stories with what new documents report."""
    actors, fused, stories = cross_document(
        store.documents(), store.events(), store.story_keys(),
        actors=store.actors(), fused=store.fused_events(), stories=store.stories())
    store.replace_cross_document(fused, stories, actors)


def cross_document(
    documents: list[Document], events: list[Event], keys: Mapping[str, Sequence[str]], *,
    actors: Sequence[CanonicalActor] = (), fused: Sequence[FusedEvent] = (), stories: Sequence[Story] = (),
) -> tuple[list[CanonicalActor], list[FusedEvent], list[Story]]:
    """The cross-document stage: link actors across documents, fuse the reports of one event,
    group documents into stories.  Given what is already stored (``actors``, ``fused``,
    ``stories``), it only adds: each keeps its id and its members (deterministic)."""
    linked = link_actors(events, actors)
    named = canonical_events(events, linked)  # one name per actor, in memory
    new_fused = fuse_events([e for e in named if e.is_news], fused)
    new_stories, new_fused = cluster_stories(documents, named, new_fused, keys, stories)
    return linked, new_fused, new_stories

"""The annalist store: one DuckDB file holding runs, documents, events and the
cross-document results (DESIGN §7).

>>> with Store(":memory:") as store:
...     run = store.start_run(["articles/"])
...     store.add_results(run, [])
...     store.finish_run(run, n_documents=0, n_new=0, n_errors=0, status="done")
0

Column types (the migrations below are the single source of truth):

- ids, names, codes and texts are ``VARCHAR``; lists of strings (context, aux, country
  codes, member ids, run inputs) are ``VARCHAR[]``;
- a :class:`~annalist.model.PartialDate` is two columns: ``DATE`` (the first day of the
  span) and ``VARCHAR`` precision (``day`` | ``month`` | ``year``).  Story ``first`` and
  ``last`` are the ISO partial date as ``VARCHAR`` ("2023-09"), precision included;
- nested records (actors, places, evidence, discrepancies, brief, meta) are ``JSON``
  whose keys are the dataclass field names; ``meta`` is a list of ``[key, value]`` pairs
  so that it round-trips exactly;
- timestamps are ``TIMESTAMP`` in UTC.

Writes are transactional: a batch is committed whole or not at all, so a crash loses
no committed run and leaves nothing half-written.  Re-adding a stored document changes
nothing (ids are content hashes), so re-runs are idempotent.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import duckdb

from annalist.model import (
    Actor,
    CanonicalActor,
    Discrepancy,
    DocResult,
    Document,
    Event,
    Evidence,
    FusedEvent,
    InputError,
    PartialDate,
    Place,
    Story,
    content_id,
)

__all__ = ["DEFAULT_PATH", "MIGRATIONS", "Migration", "Run", "Store", "StoreError"]

#: Where the CLI keeps its store unless ``--db`` says otherwise.
DEFAULT_PATH = "annalist.duckdb"


class StoreError(Exception):
    """A store problem the user can act on; ``code`` is the short greppable code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code


@dataclass(frozen=True, slots=True)
class Migration:
    """One ordered schema step; applied once, recorded in ``schema_migrations``."""

    version: int
    description: str
    statements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Run:
    """One ``annalist run``: what it read and how it ended (status running | done | failed |
    interrupted: killed before it finished)."""

    id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    inputs: tuple[str, ...]
    n_documents: int
    n_new: int
    n_errors: int
    status: str


_PRECISION_CHECK = "CHECK ({col} IN ('day', 'month', 'year'))"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", (
        """CREATE TABLE runs (
            id VARCHAR PRIMARY KEY,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            inputs VARCHAR[] NOT NULL,
            n_documents INTEGER NOT NULL DEFAULT 0,
            n_new INTEGER NOT NULL DEFAULT 0,
            n_errors INTEGER NOT NULL DEFAULT 0,
            status VARCHAR NOT NULL)""",
        f"""CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            title VARCHAR,
            url VARCHAR,
            source VARCHAR,
            language VARCHAR,
            published DATE,
            published_precision VARCHAR {_PRECISION_CHECK.format(col="published_precision")},
            origin VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            meta JSON NOT NULL,
            first_run VARCHAR)""",
        f"""CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR[] NOT NULL,
            actor JSON NOT NULL,
            recipient JSON NOT NULL,
            date DATE,
            date_precision VARCHAR {_PRECISION_CHECK.format(col="date_precision")},
            place JSON,
            aux VARCHAR[] NOT NULL,
            evidence JSON NOT NULL,
            mentions JSON NOT NULL,
            rule VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL,
            language VARCHAR NOT NULL,
            is_news BOOLEAN NOT NULL)""",
        f"""CREATE TABLE fused_events (
            id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            actor_countries VARCHAR[] NOT NULL,
            recipient_countries VARCHAR[] NOT NULL,
            actor_names VARCHAR[] NOT NULL,
            recipient_names VARCHAR[] NOT NULL,
            date DATE,
            date_precision VARCHAR {_PRECISION_CHECK.format(col="date_precision")},
            place JSON,
            members VARCHAR[] NOT NULL,
            sources VARCHAR[] NOT NULL,
            discrepancies JSON NOT NULL,
            story_id VARCHAR)""",
        """CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,
            label VARCHAR NOT NULL,
            documents VARCHAR[] NOT NULL,
            fused_events VARCHAR[] NOT NULL,
            "first" VARCHAR,
            "last" VARCHAR,
            brief JSON NOT NULL)""",
        """CREATE TABLE input_errors (
            run_id VARCHAR NOT NULL,
            origin VARCHAR NOT NULL,
            position VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            reason VARCHAR NOT NULL)""",
    )),
    Migration(2, "story keys of documents", (
        """CREATE TABLE document_keys (
            doc_id VARCHAR PRIMARY KEY,
            keys VARCHAR[] NOT NULL)""",
    )),
    Migration(3, "canonical actors", (
        """CREATE TABLE actors (
            id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            country VARCHAR,
            sector VARCHAR,
            office VARCHAR,
            aliases VARCHAR[] NOT NULL,
            documents VARCHAR[] NOT NULL)""",
    )),
)

_DOCUMENT_COLUMNS = ("id", "title", "url", "source", "language", "published",
                     "published_precision", "origin", "text", "meta", "first_run")
_EVENT_COLUMNS = ("id", "doc_id", "type", "mode", "context", "actor", "recipient", "date",
                  "date_precision", "place", "aux", "evidence", "mentions", "rule",
                  "confidence", "language", "is_news")
_FUSED_COLUMNS = ("id", "type", "mode", "actor_countries", "recipient_countries",
                  "actor_names", "recipient_names", "date", "date_precision", "place",
                  "members", "sources", "discrepancies", "story_id")
_STORY_COLUMNS = ("id", "label", "documents", "fused_events", "first", "last", "brief")
_ACTOR_COLUMNS = ("id", "name", "country", "sector", "office", "aliases", "documents")
_ERROR_COLUMNS = ("run_id", "origin", "position", "code", "reason")
_RUN_COLUMNS = ("id", "started_at", "finished_at", "inputs", "n_documents", "n_new",
                "n_errors", "status")


def _select(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


class Store:
    """An annalist database in one DuckDB file (``":memory:"`` for a throw-away one).

    Opening applies any pending migrations.  Use it as a context manager or call
    :meth:`close`.  ``read_only`` lets several readers (the dashboard) share a file.
    """

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_PATH, *,
                 read_only: bool = False) -> None:
        self.path = str(path)
        self._conn: duckdb.DuckDBPyConnection | None = _connect(self.path, read_only)
        try:
            _migrate(self._conn, self.path, read_only)
            self._types = _column_types(self._conn)
        except BaseException:
            self.close()
            raise

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; calling it twice is harmless."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        if self._conn is None:
            raise StoreError("S007", f"the store {self.path} is closed: open a new Store")
        return self._conn

    @contextmanager
    def _transaction(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN … COMMIT; any error rolls everything back and becomes [S005]."""
        con = self._con
        con.begin()
        try:
            yield con
            con.commit()
        except duckdb.Error as exc:
            _rollback(con)
            raise StoreError("S005", f"{what} failed and was rolled back, nothing of it "
                                     f"was stored: {exc}") from exc
        except BaseException:
            _rollback(con)
            raise

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows in one statement (column-wise ``unnest``; far faster than
        executemany), casting each column to its declared type."""
        if not rows:
            return
        types = self._types[table]
        select = ", ".join(f"unnest(${i + 1}::{types[c]}[])" for i, c in enumerate(columns))
        cols = [list(col) for col in zip(*rows, strict=True)]
        con.execute(f"INSERT INTO {table} ({_select(columns)}) SELECT {select}", cols)

    # -- runs ------------------------------------------------------------------------

    def start_run(self, inputs: list[str]) -> str:
        """Record a new run and return its id ("20230913T101500Z-1a2b3c4d")."""
        now = _utcnow()
        run_id = f"{now:%Y%m%dT%H%M%S}Z-{content_id(now.isoformat(), *inputs, length=8)}"
        with self._transaction("starting a run") as con:
            # one process writes a store at a time: a run still "running" was killed
            con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            con.execute("INSERT INTO runs (id, started_at, inputs, status) VALUES (?, ?, ?, ?)",
                        [run_id, now, list(inputs), "running"])
        return run_id

    def finish_run(self, run_id: str, *, n_documents: int, n_new: int, n_errors: int,
                   status: str) -> None:
        """Record how a run ended (status ``done`` or ``failed``)."""
        with self._transaction(f"finishing run {run_id}") as con:
            found = con.execute(
                "UPDATE runs SET finished_at = ?, n_documents = ?, n_new = ?, n_errors = ?, "
                "status = ? WHERE id = ? RETURNING id",
                [_utcnow(), n_documents, n_new, n_errors, status, run_id]).fetchall()
        if not found:
            raise StoreError("S006", f"no run {run_id!r} in {self.path}: "
                                     "use an id returned by start_run")

    def runs(self) -> list[Run]:
        """Every run, oldest first."""
        rows = self._con.execute(
            f"SELECT {_select(_RUN_COLUMNS)} FROM runs ORDER BY started_at, id").fetchall()
        return [Run(r[0], r[1].replace(tzinfo=dt.UTC),
                    r[2].replace(tzinfo=dt.UTC) if r[2] else None,
                    tuple(r[3]), r[4], r[5], r[6], r[7]) for r in rows]

    # -- per-document results --------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self._con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row is not None

    def add_results(self, run_id: str, results: Sequence[DocResult]) -> int:
        """Store documents and their events in one transaction; return how many were new.

        A document already stored (or repeated in ``results``) is skipped with its
        events, so adding the same results twice returns 0 the second time.
        """
        with self._transaction(f"storing {len(results)} documents of run {run_id}") as con:
            ids = [r.document.id for r in results]
            stored = {row[0] for row in con.execute(
                "SELECT id FROM documents WHERE list_contains(?, id)", [ids]).fetchall()}
            docs: list[tuple[Any, ...]] = []
            events: list[tuple[Any, ...]] = []
            keys: list[tuple[Any, ...]] = []
            for result in results:
                if result.document.id in stored:
                    continue
                stored.add(result.document.id)
                docs.append(_document_row(result.document, run_id))
                events.extend(_event_row(e) for e in result.events)
                keys.append((result.document.id, list(result.keys)))
            self._insert(con, "documents", _DOCUMENT_COLUMNS, docs)
            self._insert(con, "events", _EVENT_COLUMNS, events)
            self._insert(con, "document_keys", ("doc_id", "keys"), keys)
        return len(docs)

    def add_errors(self, run_id: str, errors: Sequence[InputError]) -> None:
        """Record the inputs of a run that did not become documents (the run manifest)."""
        rows = [(run_id, e.origin, e.position, e.code, e.reason) for e in errors]
        with self._transaction(f"storing {len(rows)} input errors of run {run_id}") as con:
            self._insert(con, "input_errors", _ERROR_COLUMNS, rows)

    # -- cross-document results ------------------------------------------------------

    def replace_cross_document(self, fused: Sequence[FusedEvent], stories: Sequence[Story],
                               actors: Sequence[CanonicalActor] = ()) -> None:
        """Replace all fused events, stories and canonical actors at once (all or none)."""
        with self._transaction("replacing fused events, stories and actors") as con:
            for table in ("fused_events", "stories", "actors"):
                con.execute(f"DELETE FROM {table}")
            self._insert(con, "fused_events", _FUSED_COLUMNS, [_fused_row(f) for f in fused])
            self._insert(con, "stories", _STORY_COLUMNS, [_story_row(s) for s in stories])
            self._insert(con, "actors", _ACTOR_COLUMNS,
                         [(a.id, a.name, a.country, a.sector, a.office, list(a.aliases), list(a.documents))
                          for a in actors])

    # -- readers ---------------------------------------------------------------------

    def documents(self) -> list[Document]:
        """Every document, by publication date (undated last), then id."""
        rows = self._con.execute(
            f"SELECT {_select(_DOCUMENT_COLUMNS)} FROM documents "
            "ORDER BY published NULLS LAST, id").fetchall()
        return [_document(r) for r in rows]

    def story_keys(self) -> dict[str, tuple[str, ...]]:
        """Each document's story keys (what it names; documents stored before they were kept
        have none)."""
        rows = self._con.execute("SELECT doc_id, keys FROM document_keys").fetchall()
        return {r[0]: tuple(r[1]) for r in rows}

    def document(self, doc_id: str) -> Document | None:
        row = self._con.execute(
            f"SELECT {_select(_DOCUMENT_COLUMNS)} FROM documents WHERE id = ?",
            [doc_id]).fetchone()
        return _document(row) if row else None

    def events(self, *, news_only: bool = False) -> list[Event]:
        """Every event (or only news: no historical/future/hypothetical/negated flag),
        by document id, then position of the trigger in the document, then id."""
        where = "WHERE is_news" if news_only else ""
        rows = self._con.execute(
            f"SELECT {_select(_EVENT_COLUMNS)} FROM events {where} "
            "ORDER BY doc_id, CAST(evidence->>'$.start' AS BIGINT), id").fetchall()
        return [_event(r) for r in rows]

    def event(self, event_id: str) -> Event | None:
        row = self._con.execute(
            f"SELECT {_select(_EVENT_COLUMNS)} FROM events WHERE id = ?", [event_id]).fetchone()
        return _event(row) if row else None

    def fused_events(self) -> list[FusedEvent]:
        """Every fused event, by date (undated last), then id."""
        rows = self._con.execute(
            f"SELECT {_select(_FUSED_COLUMNS)} FROM fused_events "
            "ORDER BY date NULLS LAST, id").fetchall()
        return [_fused(r) for r in rows]

    def stories(self) -> list[Story]:
        """Every story, by first date (undated last), then id."""
        rows = self._con.execute(
            f'SELECT {_select(_STORY_COLUMNS)} FROM stories ORDER BY "first" NULLS LAST, id'
        ).fetchall()
        return [_story(r) for r in rows]

    def actors(self) -> list[CanonicalActor]:
        """Every canonical actor, the most widely reported first, then by name."""
        rows = self._con.execute(
            f"SELECT {_select(_ACTOR_COLUMNS)} FROM actors ORDER BY len(documents) DESC, name, id").fetchall()
        return [CanonicalActor(r[0], r[1], r[2], r[3], r[4], tuple(r[5]), tuple(r[6])) for r in rows]

    def errors(self, run_id: str | None = None) -> list[InputError]:
        """The input errors of one run (default: the latest run), in the order recorded."""
        if run_id is None:
            latest = self._con.execute(
                "SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT 1").fetchone()
            if latest is None:
                return []
            run_id = latest[0]
        rows = self._con.execute(
            "SELECT origin, position, code, reason FROM input_errors WHERE run_id = ? "
            "ORDER BY rowid", [run_id]).fetchall()
        return [InputError(*r) for r in rows]


# -- opening and migrating ---------------------------------------------------------


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the file, turning DuckDB's errors into ones that say what to do."""
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        message = str(exc)
        if "not a valid DuckDB database" in message:
            raise StoreError("S001", f"{path} is not an annalist database: "
                                     "choose another --db file") from exc
        if "lock" in message.lower():
            raise StoreError("S002", f"{path} is in use by another process: wait for it to "
                                     "finish or choose another --db file") from exc
        raise StoreError("S003", f"cannot open {path} ({message}): check the path "
                                 "or choose another --db file") from exc


def _migrate(con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
    """Apply the pending migrations in order, each in its own transaction."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name = 'main'").fetchall()}
    if "schema_migrations" not in tables:
        if tables or read_only:
            raise StoreError("S001", f"{path} is not an annalist database: "
                                     "choose another --db file")
        with _begin(con):
            con.execute("CREATE TABLE schema_migrations ("
                        "version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
    applied = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    newest = MIGRATIONS[-1].version
    if applied and max(applied) > newest:
        raise StoreError("S004", f"{path} was written by a newer annalist (schema "
                                 f"{max(applied)} > {newest}): upgrade annalist")
    pending = [m for m in MIGRATIONS if m.version not in applied]
    if pending and read_only:
        raise StoreError("S004", f"{path} needs schema migrations {[m.version for m in pending]}: "
                                 "open it once without read-only (e.g. annalist run)")
    for migration in pending:
        with _begin(con):
            for statement in migration.statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)",
                        [migration.version, _utcnow()])


@contextmanager
def _begin(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.begin()
    try:
        yield
        con.commit()
    except BaseException:
        _rollback(con)
        raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if a failed COMMIT has not already ended it."""
    try:
        con.rollback()
    except duckdb.TransactionException:
        pass  # no transaction is active any more: nothing left to undo


def _column_types(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """{table: {column: declared type}} as DuckDB reports it (the migrations decide)."""
    types: dict[str, dict[str, str]] = {}
    for table, column, data_type in con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main'").fetchall():
        types.setdefault(table, {})[column] = data_type
    return types


def _utcnow() -> dt.datetime:
    """Now in UTC, naive (DuckDB TIMESTAMP has no zone)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# -- records to rows ---------------------------------------------------------------


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _date_cols(date: PartialDate | None) -> tuple[dt.date | None, str | None]:
    return (date.first_day(), date.precision) if date else (None, None)


def _actor_json(a: Actor) -> dict[str, Any]:
    return {"name": a.name, "country": a.country, "sector": a.sector, "office": a.office,
            "id": a.id, "aliases": list(a.aliases), "text": a.text, "start": a.start,
            "end": a.end, "implicit": a.implicit}


def _place_json(p: Place | None) -> str | None:
    if p is None:
        return None
    return _dump({"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
                  "feature": p.feature, "resolution": p.resolution, "geonameid": p.geonameid,
                  "admin1": p.admin1, "text": p.text, "start": p.start, "end": p.end})


def _evidence_json(e: Evidence) -> dict[str, Any]:
    return {"doc_id": e.doc_id, "sentence": e.sentence, "sent_start": e.sent_start,
            "sent_end": e.sent_end, "start": e.start, "end": e.end, "trigger": e.trigger}


def _document_row(d: Document, run_id: str) -> tuple[Any, ...]:
    return (d.id, d.title, d.url, d.source, d.language, *_date_cols(d.published), d.origin,
            d.text, _dump([list(kv) for kv in d.meta]), run_id)


def _event_row(e: Event) -> tuple[Any, ...]:
    return (e.id, e.doc_id, e.type, e.mode, list(e.context),
            _dump([_actor_json(a) for a in e.actor]),
            _dump([_actor_json(a) for a in e.recipient]), *_date_cols(e.date),
            _place_json(e.place), list(e.aux), _dump(_evidence_json(e.evidence)),
            _dump([_evidence_json(m) for m in e.mentions]), e.rule, e.confidence,
            e.language, e.is_news)


def _fused_row(f: FusedEvent) -> tuple[Any, ...]:
    discrepancies = [{"attribute": d.attribute,
                      "values": [{"value": v, "events": list(ids)} for v, ids in d.values]}
                     for d in f.discrepancies]
    return (f.id, f.type, f.mode, list(f.actor_countries), list(f.recipient_countries),
            list(f.actor_names), list(f.recipient_names), *_date_cols(f.date),
            _place_json(f.place), list(f.members), list(f.sources), _dump(discrepancies),
            f.story_id)


def _story_row(s: Story) -> tuple[Any, ...]:
    brief = [{"document_id": doc, "sentence": sentence} for doc, sentence in s.brief]
    return (s.id, s.label, list(s.documents), list(s.fused_events),
            s.first.iso() if s.first else None, s.last.iso() if s.last else None, _dump(brief))


# -- rows to records ---------------------------------------------------------------


def _partial_date(day: dt.date | None, precision: str | None) -> PartialDate | None:
    if day is None:
        return None
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _actor(d: dict[str, Any]) -> Actor:
    return Actor(name=d["name"], country=d["country"], sector=d["sector"], office=d["office"],
                 id=d["id"], aliases=tuple(d["aliases"]), text=d["text"], start=d["start"],
                 end=d["end"], implicit=bool(d.get("implicit", False)))


def _place(text: str | None) -> Place | None:
    return Place(**json.loads(text)) if text is not None else None


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(**d)


def _document(r: Sequence[Any]) -> Document:
    return Document(id=r[0], title=r[1], url=r[2], source=r[3], language=r[4],
                    published=_partial_date(r[5], r[6]), origin=r[7], text=r[8],
                    meta=tuple((k, v) for k, v in json.loads(r[9])))


def _event(r: Sequence[Any]) -> Event:
    return Event(id=r[0], doc_id=r[1], type=r[2], mode=r[3], context=tuple(r[4]),
                 actor=tuple(_actor(a) for a in json.loads(r[5])),
                 recipient=tuple(_actor(a) for a in json.loads(r[6])),
                 date=_partial_date(r[7], r[8]), place=_place(r[9]), aux=tuple(r[10]),
                 evidence=_evidence(json.loads(r[11])),
                 mentions=tuple(_evidence(m) for m in json.loads(r[12])),
                 rule=r[13], confidence=r[14], language=r[15])


def _fused(r: Sequence[Any]) -> FusedEvent:
    discrepancies = tuple(
        Discrepancy(d["attribute"], tuple((v["value"], tuple(v["events"])) for v in d["values"]))
        for d in json.loads(r[12]))
    return FusedEvent(id=r[0], type=r[1], mode=r[2], actor_countries=tuple(r[3]),
                      recipient_countries=tuple(r[4]), actor_names=tuple(r[5]),
                      recipient_names=tuple(r[6]), date=_partial_date(r[7], r[8]),
                      place=_place(r[9]), members=tuple(r[10]), sources=tuple(r[11]),
                      discrepancies=discrepancies, story_id=r[13])


def _story(r: Sequence[Any]) -> Story:
    return Story(id=r[0], label=r[1], documents=tuple(r[2]), fused_events=tuple(r[3]),
                 first=PartialDate.parse(r[4]) if r[4] else None,
                 last=PartialDate.parse(r[5]) if r[5] else None,
                 brief=tuple((b["document_id"], b["sentence"]) for b in json.loads(r[6])))

"""The ``annalist`` command.  It only parses arguments and calls the public functions."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from annalist.model import Event, FusedEvent
from annalist.store import DEFAULT_PATH, Store, StoreError

app = typer.Typer(
    help="Turn news articles in many languages into PLOVER event data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.", show_default=True)]
MinConfidence = Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0,
                                              help="Only events with at least this confidence (0–1).")]


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(str, Enum):
    plover_jsonl = "plover-jsonl"


def _open(db: Path, *, must_exist: bool = False) -> Store:
    if must_exist and not db.exists():
        err.print(f"[red][C001] no store at {db}[/red]: run `annalist run PATH --db {db}` first.")
        raise typer.Exit(2)
    try:
        return Store(str(db))
    except StoreError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None


def _sides(codes: tuple[str, ...], names: tuple[str, ...]) -> str:
    c = "+".join(codes) or "-"
    return f"{c} ({', '.join(names)})" if names else c


def _fused_rows(fused: list[FusedEvent]) -> list[dict[str, Any]]:
    return [
        {
            "id": f.id,
            "date": f.date.iso() if f.date else "",
            "type": f.type,
            "mode": f.mode or "",
            "actor": _sides(f.actor_countries, f.actor_names),
            "recipient": _sides(f.recipient_countries, f.recipient_names),
            "place": f.place.name if f.place else "",
            "sources": len(f.sources),
            "discrepancies": "; ".join(d.attribute for d in f.discrepancies),
        }
        for f in fused
    ]


def _event_rows(events: list[Event], texts: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        sent = texts.get(e.doc_id, "")[e.evidence.sent_start:e.evidence.sent_end]
        rows.append({
            "id": e.id,
            "date": e.date.iso() if e.date else "",
            "type": e.type,
            "mode": e.mode or "",
            "actor": _sides(e.actor_countries, tuple(a.name for a in e.actor if a.name)),
            "recipient": _sides(e.recipient_countries, tuple(a.name for a in e.recipient if a.name)),
            "place": e.place.name if e.place else "",
            "aux": ",".join(e.aux),
            "trigger": e.evidence.trigger,
            "rule": e.rule,
            "document": e.doc_id[:12],
            "sentence": " ".join(sent.split()),
        })
    return rows


def _print_rows(rows: list[dict[str, Any]], fmt: OutFormat, title: str) -> None:
    if fmt is OutFormat.json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    if fmt is OutFormat.csv:
        if rows:
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
            sys.stdout.write(buf.getvalue())
        return
    if not rows:
        console.print(f"{title}: none")
        return
    table = Table(title=title, show_lines=False, pad_edge=False)
    # a column empty in every row says nothing; type and mode read as one ("ACCUSE/disapprove")
    keys = [k for k in rows[0] if k not in TABLE_HIDDEN and any(str(r[k]) for r in rows)]
    joined = "type" in keys and "mode" in keys
    if joined:
        keys.remove("mode")
    for key in keys:
        if key in NO_WRAP:
            table.add_column(key, no_wrap=True)
        else:
            table.add_column(key, overflow="fold", min_width=min(8, max(len(str(r[key])) for r in rows)),
                             max_width=28)
    for r in rows:
        cells = [_short(k, r[k]) for k in keys]
        if joined and r["mode"]:
            cells[keys.index("type")] += f"/{r['mode']}"
        table.add_row(*cells)
    console.print(table)


#: Short columns that must stay on one line.
NO_WRAP = frozenset({"id", "date", "type", "mode", "sources", "document", "first", "last", "documents",
                     "country", "sector", "fused_events", "code", "status", "started"})
#: Columns left out of the table view (json and csv have them all).
TABLE_HIDDEN = frozenset({"sentence", "rule", "trigger", "brief"})


def _short(key: str, value: object) -> str:
    text = str(value)
    hex_id = key in ("id", "document") and len(text) >= 16 and all(c in "0123456789abcdef" for c in text)
    return text[:8] if hex_id else text


@app.command()
def run(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="PATH...", help="Files (text, JSONL, HTML, RSS/Atom, WARC, CSV/TSV), directories, "
        "http(s) URLs, or - for standard input.")] = None,
    db: DbOption = Path(DEFAULT_PATH),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary table.")] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="Read every file as this format: text, jsonl, html, feed, warc, csv, tsv, urls "
        "(default: told by the file name, else by its first bytes).")] = None,
    urls: Annotated[list[Path] | None, typer.Option(
        "--urls", help="A file of URLs to fetch, one per line (# comments allowed); may be repeated.")] = None,
    follow: Annotated[bool, typer.Option(
        "--follow", help="For a fetched feed, read each entry from the page it links to.")] = False,
    max_mb: Annotated[float, typer.Option(
        "--max-mb", min=0.001, help="The size limit of one article (a file, a page, a line, a row, "
        "a record), in MB.")] = 50.0,
    truncate: Annotated[bool, typer.Option(
        "--truncate", help="Read an oversized text or HTML article up to the limit instead of "
        "rejecting it.")] = False,
    text_column: Annotated[str, typer.Option("--text-column", help="CSV/TSV: the column with the "
                                             "article text.")] = "text",
    title_column: Annotated[str, typer.Option("--title-column", help="CSV/TSV: the title column.")] = "title",
    date_column: Annotated[str, typer.Option("--date-column", help="CSV/TSV: the publication date "
                                             "column.")] = "published",
    url_column: Annotated[str, typer.Option("--url-column", help="CSV/TSV: the URL column.")] = "url",
    lang_column: Annotated[str, typer.Option("--lang-column", help="CSV/TSV: the language column.")] = "language",
    delimiter: Annotated[str | None, typer.Option(
        "--delimiter", help="CSV: the field delimiter (default: sniffed; tab for .tsv).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="URLs: seconds to wait for a "
                                           "server before giving up.")] = 20.0,
    delay: Annotated[float, typer.Option("--delay", min=0.0, help="URLs: seconds between two "
                                         "requests to one host.")] = 1.0,
) -> None:
    """Code articles into events and store them; prints the fused events.

    Exit status: 0 when every input was processed, 3 when some were rejected (listed in
    the summary; `annalist errors` lists them again), 2 on a usage error.
    """
    from annalist.ingest.core import FORMATS
    from annalist.ingest.tabular import Columns
    from annalist.knowledge.packs import load_knowledge
    from annalist.runner import run_paths

    if fmt is not None and fmt not in FORMATS:
        err.print(f"[red][C006] unknown --format {fmt!r}[/red]: use one of {', '.join(FORMATS)}.")
        raise typer.Exit(2)
    if not paths and not urls:
        err.print("[red][C007] nothing to read[/red]: give a PATH (a file, a directory, a URL or -) or --urls FILE.")
        raise typer.Exit(2)
    sep = delimiter.encode().decode("unicode_escape") if delimiter is not None else None  # '\t' as typed
    if sep is not None and len(sep) != 1:
        err.print(f"[red][C008] --delimiter {delimiter!r} is not one character[/red]: use e.g. ';' or '\\t'.")
        raise typer.Exit(2)
    read = {
        "format": fmt, "follow": follow, "truncate": truncate, "max_bytes": int(max_mb * 1024 * 1024),
        "timeout": timeout, "delay": delay,
        "urls": [str(u) for u in urls or ()],
        "delimiter": sep,
        "columns": Columns(text=text_column, title=title_column, url=url_column, published=date_column,
                           language=lang_column),
    }
    store = _open(db)
    with store:
        knowledge = load_knowledge()
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.completed} inputs"), TimeElapsedColumn(),
                      console=err, disable=quiet, transient=True) as bar:
            task = bar.add_task("coding", total=None)

            def tick(origin: str) -> None:
                bar.update(task, advance=1, description=f"coding {Path(origin).name[:40]}")

            summary = run_paths(paths or [], store, stdin=sys.stdin.buffer, knowledge=knowledge, progress=tick,
                                read=read)
        if not quiet:
            _print_rows(_fused_rows(store.fused_events()), OutFormat.table, "Fused events")
        err.print(
            f"run {summary.run_id}: {summary.documents} documents read, {summary.new} new, "
            f"{summary.skipped} already stored, {summary.events} events coded, "
            f"{len(summary.errors)} rejected"
        )
        for w in summary.warnings:
            err.print(f"[yellow]warning[/yellow] {w}")
        for e in summary.errors:
            where = f" ({e.position})" if e.position else ""
            err.print(f"[red]rejected[/red] {e.origin}{where}: {e.reason}", highlight=False)
    raise typer.Exit(summary.exit_code)


@app.command()
def events(
    db: DbOption = Path(DEFAULT_PATH),
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = OutFormat.table,
    fused: Annotated[bool, typer.Option("--fused", help="One row per fused (cross-document) event.")] = False,
    all_events: Annotated[bool, typer.Option("--all", help="Include background history, future, "
                                             "hypothetical and negated events.")] = False,
    min_confidence: MinConfidence = 0.0,
) -> None:
    """List the stored events (news only unless --all)."""
    with _open(db, must_exist=True) as store:
        if fused:
            _print_rows(_fused_rows(store.fused_events()), fmt, "Fused events")
            return
        texts = {d.id: d.text for d in store.documents()}
        evs = sorted((e for e in store.events(news_only=not all_events) if e.confidence >= min_confidence),
                     key=lambda e: (e.date.first_day().isoformat() if e.date else "9999", e.doc_id, e.evidence.start))
        _print_rows(_event_rows(evs, texts), fmt, "Events")


@app.command()
def stories(
    db: DbOption = Path(DEFAULT_PATH),
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = OutFormat.table,
) -> None:
    """List the stories: documents grouped by the events and actors they share."""
    with _open(db, must_exist=True) as store:
        rows = [
            {
                "id": s.id,
                "label": s.label,
                "first": s.first.iso() if s.first else "",
                "last": s.last.iso() if s.last else "",
                "documents": len(s.documents),
                "fused_events": len(s.fused_events),
                "brief": " ".join(f"{text} [{doc[:8]}]" for doc, text in s.brief),
            }
            for s in store.stories()
        ]
        _print_rows(rows, fmt, "Stories")
        if fmt is OutFormat.table:
            for story in store.stories():
                console.print(f"\n[bold]{story.label}[/bold] ({story.id[:10]})")
                for doc, sentence in story.brief:
                    console.print(f"  • {sentence} [dim]\\[{doc[:8]}][/dim]", highlight=False)


@app.command()
def actors(
    db: DbOption = Path(DEFAULT_PATH),
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = OutFormat.table,
) -> None:
    """List the actors linked across documents: one row per person or named organisation,
    with every name the articles gave it."""
    with _open(db, must_exist=True) as store:
        rows = [{"id": a.id, "name": a.name, "country": a.country or "", "sector": a.sector or "",
                 "office": a.office or "", "documents": len(a.documents), "aliases": " | ".join(a.aliases)}
                for a in store.actors()]
    _print_rows(rows, fmt, "Actors")


@app.command()
def runs(
    db: DbOption = Path(DEFAULT_PATH),
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = OutFormat.table,
) -> None:
    """List the runs, oldest first: when, what they read, and their account of every input
    unit (documents stored, skipped as already stored, rejected)."""
    with _open(db, must_exist=True) as store:
        rows = [{
            "id": r.id,
            "started": r.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            "status": r.status,
            "read": r.n_documents,
            "new": r.n_new,
            "skipped": r.n_documents - r.n_new if r.status == "done" else "",
            "rejected": r.n_errors if r.status == "done" else len(store.errors(r.id)),
            "inputs": " ".join(r.inputs),
        } for r in store.runs()]
    _print_rows(rows, fmt, "Runs")


@app.command()
def errors(
    run_id: Annotated[str | None, typer.Argument(help="A run id (or its first characters); "
                                                 "default: the latest run.")] = None,
    db: DbOption = Path(DEFAULT_PATH),
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")] = OutFormat.table,
) -> None:
    """List the inputs a run rejected, each with its position and the reason (default: the
    latest run)."""
    with _open(db, must_exist=True) as store:
        chosen = None
        if run_id is not None:
            found = [r.id for r in store.runs() if r.id.startswith(run_id)]
            if len(found) != 1:
                err.print(f"[red][C005] {'no run' if not found else f'{len(found)} runs'} with id {run_id!r}"
                          "[/red]: `annalist runs` lists them.")
                raise typer.Exit(2)
            chosen = found[0]
        rows = [{"origin": e.origin, "position": e.position, "code": e.code, "reason": e.reason}
                for e in store.errors(chosen)]
    _print_rows(rows, fmt, "Rejected inputs")


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id (or its first characters), as `annalist stories` lists.")],
    db: DbOption = Path(DEFAULT_PATH),
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Output format (csv is not offered: "
                                           "a story is not one table).")] = OutFormat.table,
) -> None:
    """One story: its brief (each sentence citing its document, in the original language), the
    timeline of its fused events, where the sources disagree, and its sources."""
    from annalist.explain import story_detail, story_lines

    if fmt is OutFormat.csv:
        err.print("[red][C004] a story is not one table[/red]: use --format table or --format json.")
        raise typer.Exit(2)
    with _open(db, must_exist=True) as store:
        found = [s for s in store.stories() if s.id.startswith(story_id)]
        if len(found) != 1:
            if not found:
                err.print(f"[red][C003] no story with id {story_id!r}[/red]: `annalist stories` lists them.")
            else:
                err.print(f"[red][C003] {len(found)} stories start with {story_id!r}[/red]: "
                          + ", ".join(s.id for s in found) + "; give more characters.")
            raise typer.Exit(2)
        detail = story_detail(found[0], store.fused_events(), store.documents())
    if fmt is OutFormat.json:
        sys.stdout.write(json.dumps(detail, ensure_ascii=False) + "\n")
        return
    for line in story_lines(detail):
        console.print(line, highlight=False)


@app.command()
def export(
    db: DbOption = Path(DEFAULT_PATH),
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")] = ExportFormat.plover_jsonl,
    fused: Annotated[bool, typer.Option("--fused", help="One object per fused event, with its sources.")] = False,
    all_events: Annotated[bool, typer.Option("--all", help="Include non-news events (history, future …).")] = False,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file, or - for standard output.")] = "-",
    min_confidence: MinConfidence = 0.0,
) -> None:
    """Export events as PLOVER JSONL (manual v2.0 field names)."""
    from annalist.export import write_plover_jsonl

    kw = {"fused": fused, "news_only": not all_events, "min_confidence": min_confidence}
    with _open(db, must_exist=True) as store:
        if output == "-":
            n = write_plover_jsonl(store, sys.stdout, **kw)  # type: ignore[arg-type]
        else:
            with open(output, "w", encoding="utf-8") as fh:
                n = write_plover_jsonl(store, fh, **kw)  # type: ignore[arg-type]
        err.print(f"{n} {'fused events' if fused else 'events'} written to {output}")


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="An event id (or its first characters), as `annalist events` lists.")],
    db: DbOption = Path(DEFAULT_PATH),
) -> None:
    """Explain one stored event: its sentence with trigger, actor, recipient and place marked,
    the date with its precision, the rule that fired and the pattern it matched."""
    from annalist.explain import describe
    from annalist.knowledge.packs import load_knowledge

    with _open(db, must_exist=True) as store:
        found = [e for e in store.events() if e.id.startswith(event_id)]
        if not found:
            fused = [f for f in store.fused_events() if f.id.startswith(event_id)]
            if fused:
                by_id = {e.id: e for e in store.events()}
                found = [by_id[m] for m in fused[0].members if m in by_id]
                console.print(f"fused event {fused[0].id}: {len(found)} member event(s)")
        if not found:
            err.print(f"[red][C002] no event with id {event_id!r}[/red]: `annalist events --all` lists them.")
            raise typer.Exit(2)
        kn = load_knowledge()
        for e in found:
            doc = store.document(e.doc_id)
            assert doc is not None
            for line in describe(e, doc, kn):
                console.print(line, highlight=False)


@app.command()
def explain(
    text: Annotated[str, typer.Argument(help="A sentence or paragraph to code.")],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Its language (detected when omitted).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Its publication date, YYYY[-MM[-DD]].")] = None,
) -> None:
    """Code a text given on the command line and explain every event found (nothing is stored)."""
    from annalist.explain import describe
    from annalist.ingest.document import make_document
    from annalist.knowledge.packs import load_knowledge
    from annalist.model import InputError, PartialDate
    from annalist.pipeline import process_document

    try:
        published = PartialDate.parse(date) if date else None
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    doc = make_document(text, origin="<command line>", language=lang, published=published)
    if isinstance(doc, InputError):
        err.print(f"[red]{doc.reason}[/red]")
        raise typer.Exit(2)
    kn = load_knowledge()
    result = process_document(doc, kn)
    for w in result.warnings:
        err.print(f"[yellow]warning[/yellow] {w}")
    if not result.events:
        console.print("no event coded. `annalist knowledge lookup TEXT --lang xx` shows what the packs recognise.")
    for e in result.events:
        for line in describe(e, result.document, kn):
            console.print(line, highlight=False)
        console.print()


def _eval_formats() -> list[str]:
    from annalist.evaluate import EVALUATORS

    return sorted(EVALUATORS)


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="The gold file (or folder, for corpora that are folders).",
                                         exists=True)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="The gold format: gold-events, kind, plover-gsr, geoxml, event-location, ecbplus")]
    = "gold-events",
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object on the last line.")]
    = False,
) -> None:
    """Measure annalist against a gold corpus: figures, confusion tables and misses."""
    from annalist.evaluate import evaluate as run_eval
    from annalist.knowledge.packs import load_knowledge

    if fmt not in _eval_formats():
        err.print(f"[red][E002] unknown gold format {fmt!r}[/red]: use one of {', '.join(_eval_formats())}")
        raise typer.Exit(2)
    try:
        report = run_eval(fmt, gold, load_knowledge())
    except ValueError as exc:  # a malformed gold file: the message says where and why
        err.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(2) from None
    for line in report.lines:
        console.print(line, highlight=False)
    console.print("  ".join(f"{k}={v:.3f}" for k, v in report.figures.items()), highlight=False)
    if as_json:
        sys.stdout.write(json.dumps(report.figures) + "\n")


knowledge_app = typer.Typer(help="What the knowledge packs hold, and what a phrase matches in them.",
                            invoke_without_command=True, rich_markup_mode=None)
app.add_typer(knowledge_app, name="knowledge")


@knowledge_app.callback()
def knowledge_coverage(ctx: typer.Context) -> None:
    """Print per-language coverage: entries per table, PLOVER types and modes with triggers."""
    if ctx.invoked_subcommand is not None:
        return
    from annalist.knowledge.packs import load_knowledge
    from annalist.knowledge.report import LANG_TABLES, coverage

    covs = coverage(load_knowledge())
    table = Table(title="Knowledge packs: entries per table")
    table.add_column("table", no_wrap=True)
    for c in covs:
        table.add_column(c.lang, justify="right")
    for t in LANG_TABLES:
        table.add_row(t, *(str(c.rows[t]) for c in covs))
    table.add_row("PLOVER types with triggers", *(f"{c.types}/16" for c in covs))
    table.add_row("modes with triggers", *(f"{c.modes}/{c.all_modes}" for c in covs))
    console.print(table)


@knowledge_app.command("lookup")
def knowledge_lookup(
    text: Annotated[str, typer.Argument(help="A word, phrase or sentence.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="The pack's language (ISO 639-1).")] = "en",
    date: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY[-MM[-DD]]) to resolve "
                                             "dates without a year.")] = None,
) -> None:
    """Show what a phrase matches in a language's pack: entities, roles, places, triggers, dates, cues."""
    from annalist.knowledge.packs import load_knowledge
    from annalist.knowledge.report import lookup
    from annalist.model import PartialDate

    try:
        published = PartialDate.parse(date) if date else None
        lines = lookup(text, lang, load_knowledge(), published=published)
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    if not lines:
        console.print(f"nothing in the {lang} pack matches {text!r}")
        return
    table = Table()
    for col in ("kind", "text", "meaning"):
        table.add_column(col)
    for ln in lines:
        table.add_row(ln.kind, ln.text, ln.value)
    console.print(table)


def _quiet_libraries() -> None:
    """The HTML extractor logs its own troubles; annalist reports a page it cannot read."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main() -> None:
    _quiet_libraries()
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

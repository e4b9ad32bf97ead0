"""The `newsgraph` command line: migrate, ingest, crosslink, serve, worker, export-schema, stats, export."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import uuid
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from settings import get_settings
from store.runs import COUNTED, OUTCOMES, RunSummary

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console()
err = Console(stderr=True)


@app.command()
def migrate() -> None:
    """Create the database if needed and run alembic migrations to head."""
    from store.db import ensure_database
    from store.migrate import upgrade

    url = get_settings().database_url
    try:
        created = asyncio.run(ensure_database(url))
    except (OSError, DBAPIError) as exc:
        err.print(f"[red]cannot reach PostgreSQL at DATABASE_URL:[/red] {_reason(exc)}")
        raise typer.Exit(2) from None
    upgrade(url)
    out.print(("created the database and " if created else "") + "migrated to head")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files or folders of scraped pages")],
    inline: Annotated[
        bool, typer.Option("--inline", help="run the jobs in this process, without Redis")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="with --inline: processes that parse and extract pages while this one stores them "
            "[default: the CPU count; 1 does everything in this process]",
        ),
    ] = None,
) -> None:
    """Ingest pages: queue arq jobs and wait for them (or run them here with --inline), then summarise."""
    from workers.files import InputError, expand

    try:
        files = expand(paths)
    except InputError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    if not files:
        err.print("[red]no files to ingest[/red] in " + ", ".join(paths))
        raise typer.Exit(2)
    summary = asyncio.run(_ingest([str(f) for f in files], inline, jobs or os.cpu_count() or 1))
    _print_summary(summary)
    if summary.errors:
        err.print(f"[red]{len(summary.errors)} failed:[/red]")
        for line in summary.errors:
            err.print(f"  {line}")
        raise typer.Exit(1)


async def _ingest(files: list[str], inline: bool, jobs: int) -> RunSummary:
    from store import runs
    from workers.context import close_context, open_context

    ctx: dict[str, Any] = {}
    await open_context(ctx, get_settings())
    try:
        try:
            async with ctx["sessionmaker"].begin() as session:
                run_id = await runs.create_run(session, "ingest", files)
        except (OSError, OperationalError, ProgrammingError, DBAPIError) as exc:
            hint = "is it up, and did `newsgraph migrate` run?"
            err.print(f"[red]cannot use the database:[/red] {_reason(exc)} ({hint})")
            raise typer.Exit(2) from None
        if inline:
            await _run_inline(ctx, run_id, files, jobs)
        else:
            await _run_queued(ctx, run_id, files)
        async with ctx["sessionmaker"]() as session:
            summary = await runs.summary(session, run_id)
        assert summary is not None
        return summary
    finally:
        await close_context(ctx)


INGESTING = "ingesting"
# the step after the last file, which shows no files moving: at 10k pages it takes about 40 s
CROSSLINKING = "cross-linking entities and related articles"
DONE = "ingested"
COUNT_EVERY_S = 1.0


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )


async def _run_inline(ctx: dict[str, Any], run_id: uuid.UUID, files: list[str], jobs: int) -> None:
    from workers.jobs import finish_run, store_prepared
    from workers.prepare import prepared_in_order

    errors = 0
    max_bytes = ctx["settings"].max_document_bytes
    with _progress() as progress:
        task = progress.add_task(INGESTING, total=len(files), errors=0)
        # closed on the way out, error or not: the pool's processes never outlive the command
        async with contextlib.aclosing(prepared_in_order(files, max_bytes, jobs)) as prepared_files:
            async for prepared in prepared_files:
                errors += not await store_prepared(ctx, str(run_id), prepared)
                progress.update(task, advance=1, errors=errors)
        progress.update(task, description=CROSSLINKING)
        progress.refresh()
        await finish_run(ctx, str(run_id))
        progress.update(task, description=DONE)


async def _run_queued(ctx: dict[str, Any], run_id: uuid.UUID, files: list[str]) -> None:
    from arq.worker import Worker

    from store import runs
    from workers import queue
    from workers.queue import QUEUE
    from workers.recovery import RECOVER_EVERY_S, recover
    from workers.settings import WorkerSettings

    try:
        pool = await queue.connect(get_settings().redis_url)
    except Exception as exc:
        async with ctx["sessionmaker"].begin() as session:
            await runs.finish_run(session, run_id, error="the job queue (Redis) is unreachable")
        err.print(
            f"[red]cannot reach Redis at REDIS_URL:[/red] {_reason(exc)}; use --inline to ingest without it"
        )
        raise typer.Exit(2) from None
    helper: asyncio.Task[Any] | None = None
    try:
        await queue.enqueue_files(pool, run_id, files)
        if not await queue.worker_alive(pool):
            err.print("no `newsgraph worker` is running: processing the queue in this process")
            worker = Worker(
                functions=WorkerSettings.functions,
                on_startup=WorkerSettings.on_startup,
                on_shutdown=WorkerSettings.on_shutdown,
                on_job_start=WorkerSettings.on_job_start,
                on_job_end=WorkerSettings.on_job_end,
                redis_pool=pool,
                queue_name=QUEUE,
                poll_delay=0.1,
                job_timeout=WorkerSettings.job_timeout,
                handle_signals=False,
            )
            helper = asyncio.create_task(worker.async_run())
        recovery_ctx = {**ctx, "redis": pool}
        last_recovery = asyncio.get_running_loop().time()
        last_count = -COUNT_EVERY_S
        done = failed = 0
        with _progress() as progress:
            task = progress.add_task(INGESTING, total=len(files), errors=0)
            while True:
                now = asyncio.get_running_loop().time()
                async with ctx["sessionmaker"]() as session:
                    # the end is seen within a poll; the counts, which read every outcome of the run so
                    # far (100k rows at the end of a 100k-file run), once a second and at the end
                    status = await runs.status(session, run_id)
                    if status not in ("queued", "running") or now - last_count >= COUNT_EVERY_S:
                        status, done, failed = await runs.progress(session, run_id)
                        last_count = now
                finished = status in ("succeeded", "failed")
                stage = DONE if finished else CROSSLINKING if done >= len(files) else INGESTING
                progress.update(task, completed=done, errors=failed, description=stage)
                if finished:
                    break
                if helper is not None and helper.done():
                    helper.result()  # the in-process worker stopped early: raise its error
                if now - last_recovery > RECOVER_EVERY_S:
                    # jobs the queue lost (Redis restarted) are queued again or failed: never wait forever
                    await recover(recovery_ctx)
                    last_recovery = now
                await asyncio.sleep(0.2)
    finally:
        if helper is not None:
            helper.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await helper
        await pool.aclose()


def _print_summary(summary: RunSummary) -> None:
    table = Table(title=f"ingestion run {summary.id} — {summary.status}")
    table.add_column("")
    for outcome in OUTCOMES:
        table.add_column(outcome, justify="right")
    for kind in COUNTED:
        table.add_row(kind, *(str(summary.count(kind, o)) for o in OUTCOMES))
    out.print(table)
    out.print(
        f"files: {summary.documents_done} of {summary.documents} processed, {len(summary.errors)} failed"
    )
    for note in summary.notes:
        out.print(f"note: {note}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to bind")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="server processes [default: NEWSGRAPH_WEB_WORKERS, else 1]"),
    ] = None,
) -> None:
    """Serve GraphQL and GraphiQL at /graphql, plus /healthz and /readyz."""
    import uvicorn

    from api import processes
    from api.connections import uvicorn_options
    from api.logging import configure

    settings = get_settings()
    configure(settings)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    out.print(f"GraphiQL: http://{shown}:{port}/graphql")
    count = workers or settings.web_workers
    if count > 1 and processes.supported():
        # a socket per process, so the kernel spreads connections over them (api/processes.py)
        try:
            raise typer.Exit(processes.serve(host, port, count))
        except OSError as exc:
            out.print(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
            raise typer.Exit(1) from None
    # log_config=None: uvicorn's own lines go through the handler above (format, request id, redaction)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=count,
        log_level="info",
        log_config=None,
        **uvicorn_options(settings),
    )


@app.command()
def worker() -> None:
    """Run the arq worker that does ingestion and cross-linking."""
    from arq import run_worker

    from api.logging import configure
    from workers.settings import WorkerSettings

    configure(get_settings())
    run_worker(WorkerSettings)  # type: ignore[arg-type]


@app.command("export-schema")
def export_schema() -> None:
    """Print the GraphQL schema (SDL)."""
    from schema import build_schema

    # the SDL is the same whatever the settings (they set limits, not types)
    sys.stdout.write(build_schema(get_settings()).as_str() + "\n")


@app.command()
def crosslink(
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="resolve every document's entities and rank every article again, not only what the "
            "pages stored since the last cross-linking touched (a repair: the outcome is the same)",
        ),
    ] = False,
) -> None:
    """Cross-link now: resolve entities across documents and rank related articles, as every ingestion
    run does when it ends."""
    import time

    started = time.perf_counter()
    counts = _database_call(_crosslink(full))
    table = Table(title="cross-linking" + (" (full)" if full else ""))
    table.add_column("")
    for outcome in OUTCOMES:
        table.add_column(outcome, justify="right")
    for kind in ("people", "organizations", "places"):
        table.add_row(kind, *(f"{counts.get(kind, {}).get(o, 0):,}" for o in OUTCOMES))
    out.print(table)
    out.print(f"done in {time.perf_counter() - started:.1f} s")


async def _crosslink(full: bool) -> dict[str, dict[str, int]]:
    from store.db import make_engine, make_sessionmaker
    from store.entities import crosslink as run_crosslink

    engine = make_engine(get_settings().database_url)
    try:
        async with make_sessionmaker(engine).begin() as session:
            return await run_crosslink(session, full=full)
    finally:
        await engine.dispose()


@app.command()
def stats() -> None:
    """Show how many documents, articles, rates, entities, mentions and roles the graph holds, and the
    last five ingestion runs."""
    counts, recent = _database_call(_stats())
    table = Table(title="newsgraph")
    table.add_column("")
    table.add_column("count", justify="right")
    for kind, n in counts.items():
        table.add_row(kind, f"{n:,}")
    out.print(table)
    if not recent:
        out.print("no ingestion runs yet")
        return
    # narrow enough for an 80-column terminal: the runs in one table, the newest run's counts in another
    runs_table = Table(title="last ingestion runs")
    for column in ("run", "kind", "status", "created", "files", "failed"):
        runs_table.add_column(column, justify="right" if column in ("files", "failed") else "left")
    for run in recent:
        runs_table.add_row(
            str(run.id)[:8],
            run.kind,
            run.status,
            run.created_at.strftime("%Y-%m-%d %H:%M") if run.created_at else "",
            f"{run.documents_done}/{run.documents}",
            str(len(run.errors)),
        )
    out.print(runs_table)
    newest = recent[0]
    counts_table = Table(title=f"newest run {newest.id}")
    counts_table.add_column("")
    for outcome in OUTCOMES:
        counts_table.add_column(outcome, justify="right")
    for kind in COUNTED:
        counts_table.add_row(kind, *(f"{newest.count(kind, o):,}" for o in OUTCOMES))
    out.print(counts_table)


async def _stats() -> tuple[dict[str, int], list[RunSummary]]:
    from store import stats as store_stats
    from store.db import make_engine, make_sessionmaker

    engine = make_engine(get_settings().database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            return await store_stats.counts(session), await store_stats.recent_runs(session)
    finally:
        await engine.dispose()


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
    out_path: Annotated[
        str | None,
        typer.Option(
            "--out",
            help="a .jsonl file, or a folder for one file per table (csv always needs a folder); "
            "jsonl goes to stdout when not given",
        ),
    ] = None,
) -> None:
    """Export articles, entities, mentions and roles with their provenance (document, article, span)."""
    from api.export import ExportError, target

    try:
        to = target(fmt, out_path)
    except ExportError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    try:
        written = _database_call(_export(fmt, to))
    except BrokenPipeError:
        # the reader went away (`newsgraph export | head`): not an error of the export; stdout is
        # pointed at /dev/null so the interpreter's final flush does not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    err.print(", ".join(f"{n:,} {table}" for table, n in written.items()) + " exported")


async def _export(fmt: str, to: Any) -> dict[str, int]:
    from api.export import write
    from store.db import make_engine, make_sessionmaker

    engine = make_engine(get_settings().database_url)
    try:
        return await write(make_sessionmaker(engine), fmt, to)
    finally:
        await engine.dispose()


def _database_call(coro: Any) -> Any:
    """Runs a read of the database; an unreachable or unmigrated database is a one-line error."""
    try:
        return asyncio.run(coro)
    except BrokenPipeError:
        raise
    except (OSError, OperationalError, ProgrammingError, DBAPIError) as exc:
        hint = "is it up, and did `newsgraph migrate` run?"
        err.print(f"[red]cannot use the database:[/red] {_reason(exc)} ({hint})")
        raise typer.Exit(2) from None


def _reason(exc: BaseException) -> str:
    # the driver's own text can be long; its first line says what went wrong
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def main() -> None:
    app()

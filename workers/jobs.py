"""The job functions arq runs (and `newsgraph ingest --inline` calls directly).

Every job is idempotent: pages are upserted, outcomes are keyed by (run, file), files a run has
already recorded are skipped, so a job delivered twice, or resumed after a crash, changes nothing
twice. A bad page is a recorded outcome, never an exception.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from arq.worker import Retry
from sqlalchemy.exc import DBAPIError

from pipeline.errors import PipelineError
from pipeline.page import ProcessedPage, process, sha256_text
from store import runs
from store.entities import crosslink
from store.pages import PageRef, lock_page, save_page
from workers.files import identity, read_page
from workers.queue import FINISH_JOB, finish_job_id

log = logging.getLogger(__name__)

# Jobs are idempotent, so a retry only costs time. Retries come from a killed worker (each restart of a
# job counts as a try) and from database errors that pass (deadlock, dropped connection).
MAX_TRIES = 5


async def ingest_batch(ctx: dict[str, Any], run_id: str, paths: list[str]) -> int:
    """Ingests the files of one batch not yet done in this run; when the run has every file, queues
    its finishing step (once: the job id is fixed). Returns how many files it processed."""
    rid = uuid.UUID(run_id)
    async with ctx["sessionmaker"].begin() as session:
        await runs.mark_running(session, rid)
        done = await runs.done_among(session, rid, paths)
    todo = [p for p in paths if p not in done]
    try:
        for path in todo:
            await ingest_file(ctx, run_id, path)
        await _queue_finish_when_complete(ctx, rid)
    except (DBAPIError, OSError) as exc:
        _retry(ctx, exc)  # files already recorded are skipped on the next try
        raise
    return len(todo)


@dataclass(frozen=True)
class PreparedFile:
    """A file read and run through the pure pipeline, ready to store, or the reason it cannot be."""

    path: str
    ref: PageRef
    text: str | None = None
    processed: ProcessedPage | None = None
    error: str | None = None


def prepare_file(path: str, max_bytes: int) -> PreparedFile:
    """Reads a file and processes it: no database, no event loop, so `newsgraph ingest --inline` runs it
    in other processes while this one stores the pages before it. Never raises for a bad page."""
    file = Path(path)
    ref = PageRef(identity(file), str(file), None)
    try:
        text = read_page(file, max_bytes)
    except (PipelineError, OSError) as exc:
        return PreparedFile(path, ref, error=_reason(exc))
    outcome = _process(path, text, None)
    if isinstance(outcome, str):
        return PreparedFile(path, ref, text, error=outcome)
    return PreparedFile(path, ref, text, outcome)


def _process(name: str, text: str, source_url: str | None) -> ProcessedPage | str:
    """The processed page, or why it cannot be processed."""
    try:
        return process(text, source_url)
    except PipelineError as exc:
        return _reason(exc)
    except Exception as exc:
        # the pure pipeline broke on this page (a bug, not bad input): the page fails, naming the error,
        # and the rest of the run goes on; raising would leave the run unfinished
        log.exception("processing %s failed", name)
        return f"internal error ({type(exc).__name__}: {exc})"


async def store_prepared(ctx: dict[str, Any], run_id: str, prepared: PreparedFile) -> bool:
    """Stores a prepared file in one transaction, or records why it failed. Returns whether it went in."""
    if prepared.processed is None or prepared.text is None:
        return await _failed(ctx, run_id, prepared.path, RuntimeError(prepared.error or "not processed"))
    return await _store(ctx, run_id, prepared.path, prepared.ref, prepared.text, prepared.processed)


async def ingest_file(ctx: dict[str, Any], run_id: str, path: str) -> bool:
    """Ingests one file in one transaction. Returns whether the file went in."""
    return await store_prepared(ctx, run_id, prepare_file(path, ctx["settings"].max_document_bytes))


async def ingest_text(ctx: dict[str, Any], run_id: str, text: str, source_url: str | None) -> bool:
    """Ingests a posted page (already checked by the mutation), then finishes its run."""
    ref = PageRef(f"url:{source_url}" if source_url else f"sha256:{sha256_text(text)}", None, source_url)
    name = source_url or "posted document"
    rid = uuid.UUID(run_id)
    async with ctx["sessionmaker"].begin() as session:
        done = await runs.done_among(session, rid, [name])
    ok = True if name in done else await _ingest(ctx, run_id, name, ref, text)
    await finish_run(ctx, run_id)
    return ok


async def finish_run(ctx: dict[str, Any], run_id: str) -> str:
    """Cross-links (entity resolution across documents, related articles) and sets the final status."""
    rid = uuid.UUID(run_id)
    try:
        async with ctx["sessionmaker"].begin() as session:
            counts = await crosslink(session)
            # cross-linking counts every entity of the archive; a run that stored no page changed none
            # of them, and must not report them as its own "unchanged" (or "updated", when a code
            # change made cross-linking redo them)
            if await runs.stored_files(session, rid):
                await runs.set_counts(session, rid, counts)
            await runs.finish_run(session, rid)
    except (DBAPIError, OSError) as exc:
        _retry(ctx, exc)
        raise
    except Exception as exc:
        # a bug in cross-linking: the pages are stored, and the run ends failed saying so instead of
        # staying "running" for ever (arq does not retry it, and `newsgraph ingest` waits for the end)
        async with ctx["sessionmaker"].begin() as session:
            await runs.finish_run(session, rid, error=f"cross-linking failed: {type(exc).__name__}: {exc}")
        raise
    async with ctx["sessionmaker"]() as session:
        summary = await runs.summary(session, rid)
    return summary.status if summary else "missing"


def _retry(ctx: dict[str, Any], exc: Exception) -> None:
    """Under arq, asks for a retry of the job on an error of the database or the network (deadlock,
    dropped connection), which passes: arq retries only a job that raises Retry, and a job that just
    failed would leave its run unfinished. Returns (the caller re-raises) inline or on the last try."""
    tries = ctx.get("job_try")
    if tries is not None and int(tries) < MAX_TRIES:
        raise Retry(defer=int(tries) * 2) from exc


async def _queue_finish_when_complete(ctx: dict[str, Any], rid: uuid.UUID) -> None:
    redis = ctx.get("redis")
    if redis is None:
        return  # inline: the caller finishes the run itself
    async with ctx["sessionmaker"]() as session:
        complete = await runs.all_recorded(session, rid)
    if complete:
        await redis.enqueue_job(FINISH_JOB, str(rid), _job_id=finish_job_id(str(rid)))


async def _ingest(ctx: dict[str, Any], run_id: str, name: str, ref: PageRef, text: str) -> bool:
    outcome = _process(name, text, ref.source_url)
    if isinstance(outcome, str):
        return await _failed(ctx, run_id, name, RuntimeError(outcome))
    return await _store(ctx, run_id, name, ref, text, outcome)


async def _store(
    ctx: dict[str, Any], run_id: str, name: str, ref: PageRef, text: str, processed: ProcessedPage
) -> bool:
    rid = uuid.UUID(run_id)
    async with ctx["sessionmaker"].begin() as session:
        # The same lock save_page takes (transaction-scoped, so taking it twice is fine), held from before
        # the check: a job delivered twice and run at once sees the other's outcome here and leaves it,
        # instead of overwriting "created" with "unchanged" in this run's counts.
        await lock_page(session, ref)
        if await runs.recorded(session, rid, name):
            return True
        # once per run in this process (an UPDATE per page that matches nothing after the first costs a
        # round trip each), remembered only once committed
        marked: set[uuid.UUID] = ctx.setdefault("marked_running", set())
        marking = rid not in marked
        if marking:
            await runs.mark_running(session, rid)
        counts = await save_page(session, ref, text, processed, locked=True)
        await runs.record_file(session, rid, name, ok=True, counts=counts.as_json(), notes=counts.notes)
    if marking:
        marked.add(rid)
    return True


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


async def _failed(ctx: dict[str, Any], run_id: str, name: str, exc: Exception) -> bool:
    reason = _reason(exc)
    async with ctx["sessionmaker"].begin() as session:
        await runs.mark_running(session, uuid.UUID(run_id))
        await runs.record_file(session, uuid.UUID(run_id), name, ok=False, error=reason)
    return False

"""The job functions arq runs (and `newsgraph ingest --inline` calls directly).

Every job is idempotent: pages are upserted, outcomes are keyed by (run, file), files a run has
already recorded are skipped, so a job delivered twice, or resumed after a crash, changes nothing
twice. A bad page is a recorded outcome, never an exception.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError
from pipeline.page import process, sha256_text
from store import runs
from store.entities import crosslink
from store.pages import PageRef, save_page
from workers.files import identity, read_page

FINISH_JOB = "finish_run"


def finish_job_id(run_id: str) -> str:
    return f"newsgraph:finish:{run_id}"


async def ingest_batch(ctx: dict[str, Any], run_id: str, paths: list[str]) -> int:
    """Ingests the files of one batch not yet done in this run; when the run has every file, queues
    its finishing step (once: the job id is fixed). Returns how many files it processed."""
    rid = uuid.UUID(run_id)
    async with ctx["sessionmaker"].begin() as session:
        await runs.mark_running(session, rid)
        done = await runs.done_files(session, rid)
    todo = [p for p in paths if p not in done]
    for path in todo:
        await ingest_file(ctx, run_id, path)
    await _queue_finish_when_complete(ctx, rid)
    return len(todo)


async def ingest_file(ctx: dict[str, Any], run_id: str, path: str) -> bool:
    """Ingests one file in one transaction. Returns whether the file went in."""
    file = Path(path)
    try:
        text = read_page(file, ctx["settings"].max_document_bytes)
    except (PipelineError, OSError) as exc:
        return await _failed(ctx, run_id, path, exc)
    return await _ingest(ctx, run_id, path, PageRef(identity(file), str(file), None), text)


async def ingest_text(ctx: dict[str, Any], run_id: str, text: str, source_url: str | None) -> bool:
    """Ingests a posted page (already checked by the mutation), then finishes its run."""
    ref = PageRef(f"url:{source_url}" if source_url else f"sha256:{sha256_text(text)}", None, source_url)
    name = source_url or "posted document"
    rid = uuid.UUID(run_id)
    async with ctx["sessionmaker"].begin() as session:
        done = await runs.done_files(session, rid)
    ok = True if name in done else await _ingest(ctx, run_id, name, ref, text)
    await finish_run(ctx, run_id)
    return ok


async def finish_run(ctx: dict[str, Any], run_id: str) -> str:
    """Cross-links (entity resolution across documents, related articles) and sets the final status."""
    rid = uuid.UUID(run_id)
    async with ctx["sessionmaker"].begin() as session:
        counts = await crosslink(session)
        await runs.set_counts(session, rid, counts)
        await runs.finish_run(session, rid)
    async with ctx["sessionmaker"]() as session:
        summary = await runs.summary(session, rid)
    return summary.status if summary else "missing"


async def _queue_finish_when_complete(ctx: dict[str, Any], rid: uuid.UUID) -> None:
    redis = ctx.get("redis")
    if redis is None:
        return  # inline: the caller finishes the run itself
    async with ctx["sessionmaker"]() as session:
        files = await runs.files_of(session, rid) or []
        done = await runs.done_files(session, rid)
    if set(files) <= done:
        await redis.enqueue_job(FINISH_JOB, str(rid), _job_id=finish_job_id(str(rid)))


async def _ingest(ctx: dict[str, Any], run_id: str, name: str, ref: PageRef, text: str) -> bool:
    rid = uuid.UUID(run_id)
    try:
        processed = process(text, ref.source_url)
    except PipelineError as exc:
        return await _failed(ctx, run_id, name, exc)
    async with ctx["sessionmaker"].begin() as session:
        await runs.mark_running(session, rid)
        counts = await save_page(session, ref, text, processed)
        await runs.record_file(session, rid, name, ok=True, counts=counts.as_json(), notes=counts.notes)
    return True


async def _failed(ctx: dict[str, Any], run_id: str, name: str, exc: Exception) -> bool:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    async with ctx["sessionmaker"].begin() as session:
        await runs.mark_running(session, uuid.UUID(run_id))
        await runs.record_file(session, uuid.UUID(run_id), name, ok=False, error=reason)
    return False

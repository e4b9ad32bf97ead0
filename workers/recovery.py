"""Runs whose jobs the queue lost (Redis restarted without persistence, a job that failed every try)
would otherwise wait forever. This finds them and either re-queues what can be redone or records the
failure, so every run completes or fails visibly. Idempotent: run it as often as you like."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix, result_key_prefix
from arq.jobs import Job, JobStatus
from arq.utils import timestamp_ms

from store import runs
from store.models import IngestionRun
from workers.lease import LEASE_S
from workers.queue import BATCH, FINISH_JOB, QUEUE, batch_job_id, finish_job_id, text_job_id

# a run younger than this may still be being queued by the mutation or the CLI that created it
GRACE = timedelta(seconds=10)
RECOVER_EVERY_S = 15
# a cron pass queued for a slot this long ago has later slots' passes queued behind it
STALE_PASS_MS = 2 * RECOVER_EVERY_S * 1000
# every job id of ours starts so (workers/queue.py): arq's cron jobs keep their own marks
JOB_PREFIX = "newsgraph:"
# a mark this long is arq's own, not a lease's (a lease is LEASE_S, renewed every RENEW_S)
_UNLEASED_MS = 3 * 10_000
_ALIVE = {JobStatus.queued, JobStatus.deferred, JobStatus.in_progress}
LOST_DOCUMENT = "the queued job was lost (the queue restarted before a worker took it); post the page again"


async def unstick(redis: ArqRedis) -> int:
    """arq marks a job in progress with its long timeout before our lease (workers/lease.py) cuts the
    mark to LEASE_S; a worker killed between the two leaves a mark no lease renews, and no worker takes
    the job until it lapses (25 minutes for a batch). Any of our marks longer than a lease is cut to
    one: a live job's lease renews it at once, a dead worker's lapses within LEASE_S. Returns how many."""
    cut = 0
    async for key in redis.scan_iter(match=f"{in_progress_key_prefix}{JOB_PREFIX}*", count=500):
        ttl = await redis.pttl(key)
        if ttl > _UNLEASED_MS:
            await redis.pexpire(key, int(LEASE_S * 1000))
            cut += 1
    return cut


async def recover_lost_runs(ctx: dict[str, Any]) -> int:
    """The workers' cron job. arq takes queued jobs oldest first, so while a long run's batches (all
    queued at its start) keep every worker busy, each slot's pass waits behind them; a pass whose slot
    is long past does nothing, since a later slot's pass is queued behind it. Otherwise all the passes
    of a run ran at its end, one after another, each reading the whole run: at 100k files 250 passes of
    3.4-3.8 s, ahead of the run's finishing job, which waited 142 s for them."""
    score = ctx.get("score")
    if score is not None and timestamp_ms() - int(score) > STALE_PASS_MS:
        return 0
    return await recover(ctx)


async def recover(ctx: dict[str, Any], *, grace: timedelta = GRACE) -> int:
    """Looks at every queued or running run; returns how many it re-queued or failed."""
    redis: ArqRedis = ctx["redis"]
    await unstick(redis)
    now = datetime.now(UTC)
    async with ctx["sessionmaker"]() as session:
        active = await runs.active_runs(session)
    acted = 0
    for run in active:
        if now - run.created_at < grace:
            continue
        acted += await _recover_run(ctx, redis, run)
    return acted


async def _recover_run(ctx: dict[str, Any], redis: ArqRedis, run: IngestionRun) -> int:
    queue: str = ctx.get("queue_name") or QUEUE
    async with ctx["sessionmaker"]() as session:
        done = await runs.done_files(session, run.id)
    if run.kind == "document":
        job = Job(text_job_id(run.id), redis, _queue_name=queue)
        if await job.status() in _ALIVE or done:
            return await _finish_if_lost(ctx, redis, run, done)
        # the posted text lived only in the lost job: nothing to redo it from
        async with ctx["sessionmaker"].begin() as session:
            await runs.finish_run(session, run.id, error=LOST_DOCUMENT)
        return 1

    acted = 0
    files = list(run.files)
    unfinished: list[tuple[str, list[str], list[str]]] = []  # (job id, batch, its files not done)
    for n in range(math.ceil(len(files) / BATCH)):
        batch = files[n * BATCH : (n + 1) * BATCH]
        missing = [f for f in batch if f not in done]
        if missing:
            unfinished.append((batch_job_id(run.id, n), batch, missing))
    found = await statuses(redis, queue, [job_id for job_id, _, _ in unfinished])
    for (job_id, batch, missing), status in zip(unfinished, found, strict=True):
        if status in _ALIVE:
            continue
        job = Job(job_id, redis, _queue_name=queue)
        if status == JobStatus.complete:
            info = await job.result_info()
            if info is not None and not info.success:
                # the job failed every try: its files fail with its error rather than wait forever
                async with ctx["sessionmaker"].begin() as session:
                    for path in missing:
                        await runs.record_file(
                            session, run.id, path, ok=False, error=f"ingestion job failed: {info.result!r}"
                        )
                acted += 1
                continue
        # lost (or finished without recording its files): queue it again under the same id
        await redis.delete(result_key_prefix + job_id)
        await redis.enqueue_job("ingest_batch", str(run.id), batch, _job_id=job_id, _queue_name=queue)
        acted += 1
    async with ctx["sessionmaker"]() as session:
        done = await runs.done_files(session, run.id)
    if set(files) <= done:
        acted += await _finish_if_lost(ctx, redis, run, done)
    return acted


async def statuses(redis: ArqRedis, queue: str, job_ids: list[str]) -> list[JobStatus]:
    """arq's `Job.status` of many jobs in one round trip, from the same three reads each, all in one
    transaction: a 100k-file run has 5,000 batches, and a round trip each took 1.3 s of every pass."""
    if not job_ids:
        return []
    async with redis.pipeline(transaction=True) as pipe:
        for job_id in job_ids:
            pipe.exists(result_key_prefix + job_id)
            pipe.exists(in_progress_key_prefix + job_id)
            pipe.zscore(queue, job_id)
        raw = await pipe.execute()
    now = timestamp_ms()
    found: list[JobStatus] = []
    for n in range(len(job_ids)):
        complete, in_progress, score = raw[3 * n : 3 * n + 3]
        if complete:
            found.append(JobStatus.complete)
        elif in_progress:
            found.append(JobStatus.in_progress)
        elif score:
            found.append(JobStatus.deferred if score > now else JobStatus.queued)
        else:
            found.append(JobStatus.not_found)
    return found


async def _finish_if_lost(ctx: dict[str, Any], redis: ArqRedis, run: IngestionRun, done: set[str]) -> int:
    if not set(run.files) <= done:
        return 0
    queue: str = ctx.get("queue_name") or QUEUE
    job_id = finish_job_id(str(run.id))
    job = Job(job_id, redis, _queue_name=queue)
    status = await job.status()
    if status in _ALIVE:
        return 0
    if status == JobStatus.complete:
        info = await job.result_info()
        if info is not None and not info.success:
            async with ctx["sessionmaker"].begin() as session:
                await runs.finish_run(session, run.id, error=f"cross-linking failed: {info.result!r}")
            return 1
    await redis.delete(result_key_prefix + job_id)
    await redis.enqueue_job(FINISH_JOB, str(run.id), _job_id=job_id, _queue_name=queue)
    return 1

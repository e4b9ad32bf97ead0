"""arq WorkerSettings for `newsgraph worker`.

A job whose worker was killed is resumed by the next worker poll once its lease lapses (LEASE_S, see
workers/lease.py), not after arq's own in-progress timeout, which is the longest function timeout + 10 s
(190 s here). job_timeout only bounds a job that hangs; one batch of files stays well under it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from arq.cron import cron
from arq.worker import func

from settings import get_settings
from workers import lease
from workers.context import close_context, open_context
from workers.jobs import MAX_TRIES, finish_run, ingest_batch, ingest_text
from workers.queue import FINISH_JOB, QUEUE, redis_settings
from workers.recovery import RECOVER_EVERY_S, recover_lost_runs

JOB_TIMEOUT_S = 45
FINISH_TIMEOUT_S = 1800


async def startup(ctx: dict[str, Any]) -> None:
    await open_context(ctx, get_settings())


async def shutdown(ctx: dict[str, Any]) -> None:
    await close_context(ctx)


class WorkerSettings:
    functions: ClassVar[list[Any]] = [
        func(ingest_batch, name="ingest_batch", timeout=JOB_TIMEOUT_S, max_tries=MAX_TRIES),
        func(ingest_text, name="ingest_text", timeout=JOB_TIMEOUT_S, max_tries=MAX_TRIES),
        # cross-linking reads the whole corpus: minutes at 10k pages. The lease, not this timeout, is what
        # brings a killed finishing job back quickly, so the bound can be generous.
        func(finish_run, name=FINISH_JOB, timeout=FINISH_TIMEOUT_S, max_tries=MAX_TRIES),
    ]
    # runs whose jobs the queue lost (a Redis restart) complete or fail visibly instead of waiting forever
    cron_jobs: ClassVar[list[Any]] = [
        cron(
            recover_lost_runs,
            name="recover_lost_runs",
            second=set(range(0, 60, RECOVER_EVERY_S)),
            run_at_startup=True,
            unique=True,
            timeout=JOB_TIMEOUT_S,
        )
    ]
    on_startup = startup
    on_shutdown = shutdown
    on_job_start = lease.start
    on_job_end = lease.end
    queue_name = QUEUE
    redis_settings = redis_settings(get_settings().redis_url)
    job_timeout = JOB_TIMEOUT_S
    max_tries = MAX_TRIES
    # the poll is one ZRANGEBYSCORE: a short delay makes a queued or resumable job start sooner
    poll_delay = 0.2
    health_check_interval = 5
    keep_result = 3600
    max_jobs = 4

"""arq WorkerSettings for `newsgraph worker`.

job_timeout is short on purpose: arq keeps a running job's in-progress key for job_timeout + 10 s,
so a job whose worker was killed is picked up by another worker within about a minute, not after
arq's default of five. One batch of files stays well under it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from arq.connections import RedisSettings
from arq.worker import func

from api.settings import get_settings
from workers.context import close_context, open_context
from workers.jobs import FINISH_JOB, finish_run, ingest_batch, ingest_text

JOB_TIMEOUT_S = 45
MAX_TRIES = 5
QUEUE = "newsgraph:queue"


def redis_settings(url: str) -> RedisSettings:
    return RedisSettings.from_dsn(url)


async def startup(ctx: dict[str, Any]) -> None:
    await open_context(ctx, get_settings())


async def shutdown(ctx: dict[str, Any]) -> None:
    await close_context(ctx)


class WorkerSettings:
    functions: ClassVar[list[Any]] = [
        func(ingest_batch, name="ingest_batch", timeout=JOB_TIMEOUT_S, max_tries=MAX_TRIES),
        func(ingest_text, name="ingest_text", timeout=JOB_TIMEOUT_S, max_tries=MAX_TRIES),
        func(finish_run, name=FINISH_JOB, timeout=JOB_TIMEOUT_S * 4, max_tries=MAX_TRIES),
    ]
    on_startup = startup
    on_shutdown = shutdown
    queue_name = QUEUE
    redis_settings = redis_settings(get_settings().redis_url)
    job_timeout = JOB_TIMEOUT_S
    max_tries = MAX_TRIES
    health_check_interval = 5
    keep_result = 3600
    max_jobs = 4

"""Real arq workers against the real Redis: these tests own Redis database 14 (the rest of the suite uses
15) and delete only the keys newsgraph's queue and jobs create there."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from arq.connections import ArqRedis
from arq.worker import Worker

from api.settings import Settings
from tests.conftest import SEEDS, fresh_database
from workers import lease, queue
from workers.context import close_context, open_context
from workers.queue import QUEUE, redis_settings
from workers.settings import WorkerSettings

WORKER_REDIS_URL = os.environ.get("NEWSGRAPH_TEST_WORKER_REDIS", "redis://127.0.0.1:6379/14")
# what the queue, the worker's health check and our job ids (all "newsgraph:…") leave in Redis
OUR_KEYS = (f"{QUEUE}", f"{QUEUE}:health-check", "arq:*:newsgraph:*")

Hook = Callable[[dict[str, Any]], Awaitable[None]]


async def clear_queue(pool: ArqRedis) -> None:
    for pattern in OUR_KEYS:
        keys = [key async for key in pool.scan_iter(match=pattern, count=500)]
        if keys:
            await pool.delete(*keys)


@pytest.fixture
def settings(db_url: str) -> Settings:
    """The suite's settings, on this package's Redis database (overrides tests/conftest.py's)."""
    return Settings(DATABASE_URL=db_url, REDIS_URL=WORKER_REDIS_URL, SEEDS_DIR=str(SEEDS))


@pytest.fixture
async def pool(settings: Settings) -> AsyncIterator[ArqRedis]:
    """The enqueue side's pool; the queue starts and ends empty."""
    connection = await queue.connect(settings.redis_url)
    await clear_queue(connection)
    yield connection
    await clear_queue(connection)
    await connection.aclose()


@pytest.fixture
async def other_db_url(template_url: str) -> AsyncIterator[str]:
    """A second fresh database, for results to compare against."""
    async with fresh_database(template_url) as url:
        yield url


def make_worker(
    settings: Settings,
    *,
    burst: bool = True,
    on_job_end: Hook | None = None,
    max_jobs: int = WorkerSettings.max_jobs,
) -> Worker:
    """The production worker (functions, lease hooks, timeouts) in this process, on `settings` rather
    than the environment. `on_job_end` runs after each job, to observe a run between jobs."""

    async def startup(ctx: dict[str, Any]) -> None:
        await open_context(ctx, settings)

    async def job_end(ctx: dict[str, Any]) -> None:
        await lease.end(ctx)
        if on_job_end is not None:
            await on_job_end(ctx)

    return Worker(
        functions=WorkerSettings.functions,
        queue_name=QUEUE,
        redis_settings=redis_settings(settings.redis_url),
        burst=burst,
        on_startup=startup,
        on_shutdown=close_context,
        on_job_start=lease.start,
        on_job_end=job_end,
        handle_signals=False,
        poll_delay=0.05,
        job_timeout=WorkerSettings.job_timeout,
        max_tries=WorkerSettings.max_tries,
        max_jobs=max_jobs,
        keep_result=60,
    )


async def run_burst(worker: Worker) -> Worker:
    """Runs the worker until the queue is empty, then shuts it down. Not Worker.close(): it calls
    redis-py's deprecated close(), and this suite turns warnings into errors."""
    try:
        await worker.async_run()
    finally:
        await close_context(worker.ctx)
        with contextlib.suppress(AttributeError):  # no pool: the worker never got to connect
            await worker.pool.delete(worker.health_check_key)
            await worker.pool.aclose()
    return worker

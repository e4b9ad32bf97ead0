"""The enqueue side: starting runs on arq from the CLI and the mutations, under fixed job ids."""

from __future__ import annotations

import uuid
from typing import Any

from arq.connections import ArqRedis, RedisSettings, create_pool

from workers.files import expand

QUEUE = "newsgraph:queue"
FINISH_JOB = "finish_run"


def redis_settings(url: str) -> RedisSettings:
    return RedisSettings.from_dsn(url)


BATCH = 20


async def connect(redis_url: str) -> ArqRedis:
    settings = redis_settings(redis_url)
    settings.conn_retries = 1
    return await create_pool(settings, default_queue_name=QUEUE)


def batch_job_id(run_id: uuid.UUID, n: int) -> str:
    return f"newsgraph:batch:{run_id}:{n}"


def text_job_id(run_id: uuid.UUID) -> str:
    return f"newsgraph:text:{run_id}"


def finish_job_id(run_id: str) -> str:
    return f"newsgraph:finish:{run_id}"


async def enqueue_files(pool: ArqRedis, run_id: uuid.UUID, files: list[str], batch: int = BATCH) -> int:
    """Queues a run's files in batches; fixed job ids make a repeated call queue nothing twice."""
    jobs = 0
    for n in range(0, len(files), batch):
        await pool.enqueue_job(
            "ingest_batch",
            str(run_id),
            files[n : n + batch],
            _job_id=batch_job_id(run_id, n // batch),
        )
        jobs += 1
    return jobs


async def enqueue_text(pool: ArqRedis, run_id: uuid.UUID, text: str, source_url: str | None) -> None:
    await pool.enqueue_job("ingest_text", str(run_id), text, source_url, _job_id=text_job_id(run_id))


async def enqueue_finish(pool: ArqRedis, run_id: uuid.UUID) -> None:
    await pool.enqueue_job(FINISH_JOB, str(run_id), _job_id=finish_job_id(str(run_id)))


class RunQueue:
    """The queue as the mutations use it (schema/context.py's JobQueue), on one connected pool."""

    def __init__(self, pool: ArqRedis) -> None:
        self.pool = pool

    def files_in(self, folder: str) -> list[str]:
        return [str(p) for p in expand([folder])]  # InputError is a ValueError

    async def enqueue_files(self, run_id: uuid.UUID, files: list[str]) -> None:
        await enqueue_files(self.pool, run_id, files)

    async def enqueue_text(self, run_id: uuid.UUID, text: str, source_url: str | None) -> None:
        await enqueue_text(self.pool, run_id, text, source_url)

    async def enqueue_finish(self, run_id: uuid.UUID) -> None:
        await enqueue_finish(self.pool, run_id)


async def worker_alive(pool: ArqRedis) -> bool:
    value: Any = await pool.get(f"{QUEUE}:health-check")
    return value is not None

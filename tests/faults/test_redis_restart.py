"""Redis restarted (without persistence) while runs are queued: each run completes or fails visibly,
never hangs, and nothing is stored twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from api.settings import Settings
from store import runs
from store.models import Article
from tests.faults.conftest import PrivateRedis
from tests.helpers import SEEDS
from tests.workers.conftest import make_worker, run_burst
from workers import queue
from workers.context import close_context, open_context
from workers.files import expand
from workers.recovery import LOST_DOCUMENT, recover


async def test_redis_restart_with_runs_queued(private_redis: PrivateRedis, settings: Settings) -> None:
    settings = settings.model_copy(update={"redis_url": private_redis.url})
    ctx: dict[str, Any] = {}
    await open_context(ctx, settings)
    try:
        files = [str(p) for p in expand([str(SEEDS)])]
        pool = await queue.connect(settings.redis_url)
        async with ctx["sessionmaker"].begin() as session:
            batch_run = await runs.create_run(session, "reingest", files)
            text_run = await runs.create_run(session, "document", ["posted document"])
        await queue.enqueue_files(pool, batch_run, files)
        await queue.enqueue_text(pool, text_run, "Title\n\nA body.", None)
        assert await pool.zcard(queue.QUEUE) == 2
        await pool.aclose()

        private_redis.stop()  # the queue is lost: Redis keeps nothing on disk here
        private_redis.start()
        pool = await queue.connect(settings.redis_url)
        assert await pool.zcard(queue.QUEUE) == 0

        acted = await recover({**ctx, "redis": pool}, grace=timedelta(0))
        assert acted == 2
        await run_burst(make_worker(settings))
        await recover({**ctx, "redis": pool}, grace=timedelta(0))  # idempotent: nothing left to do
        await pool.aclose()

        async with ctx["sessionmaker"]() as session:
            found = await runs.summaries(session, [batch_run, text_run])
            articles = await session.scalar(select(func.count()).select_from(Article))
        assert found[batch_run].status == "succeeded"
        assert found[batch_run].documents_done == 2
        assert found[batch_run].count("articles", "created") == 15
        assert articles == 15
        assert found[text_run].status == "failed"  # its text lived only in the lost job
        assert found[text_run].errors == [LOST_DOCUMENT]
    finally:
        await close_context(ctx)

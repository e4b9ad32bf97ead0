"""A short, renewed lease on a running job, so a job whose worker died is picked up again in seconds.

arq marks a started job with an in-progress key that lives for the longest function timeout + 10 s
(190 s here, from finish_run's 180 s timeout) and never renews it: while that key exists no worker takes
the job, so a job whose worker was SIGKILLed waits that long before it is resumed. Here each job, once
started, cuts its key down to LEASE_S and renews it every RENEW_S while it runs. A live job keeps its
key; a dead worker's key lapses within LEASE_S and the next worker poll starts the job again.

The renewing runs in a thread with its own Redis connection, not on the event loop: cross-linking is
CPU work that can hold the loop for seconds, and a lease that lapsed then would let a second worker
start the same job (safe, as jobs are idempotent, but wasted work). The thread dies with the process.
PEXPIRE only sets a lifetime on a key that exists, so a renewal racing arq's own deletion of the key at
the end of the job never brings the key back.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

import redis
from arq.constants import in_progress_key_prefix

LEASE_S = 10.0
RENEW_S = 2.0

log = logging.getLogger(__name__)


class _Renewal(threading.Thread):
    def __init__(self, redis_url: str, key: str) -> None:
        super().__init__(name=f"lease {key}", daemon=True)
        self.redis_url = redis_url
        self.key = key
        self.stopped = threading.Event()

    def run(self) -> None:
        client = redis.Redis.from_url(self.redis_url, socket_timeout=RENEW_S, socket_connect_timeout=RENEW_S)
        try:
            while True:
                try:
                    client.pexpire(self.key, int(LEASE_S * 1000))
                except redis.RedisError:  # a Redis hiccup must not fail the job: renew again shortly
                    log.warning("could not renew the lease on %s", self.key, exc_info=True)
                if self.stopped.wait(RENEW_S):
                    return
        finally:
            client.close()


async def start(ctx: dict[str, Any]) -> None:
    """arq on_job_start: takes the lease (arq passes the same ctx dict to on_job_end)."""
    job_id, settings = ctx.get("job_id"), ctx.get("settings")
    if job_id is None or settings is None:
        return
    renewal = _Renewal(settings.redis_url, in_progress_key_prefix + job_id)
    renewal.start()
    ctx["lease"] = renewal


async def end(ctx: dict[str, Any]) -> None:
    """arq on_job_end: stops renewing before arq deletes the key (or leaves it for a retry)."""
    renewal: _Renewal | None = ctx.pop("lease", None)
    if renewal is not None:
        renewal.stopped.set()
        await asyncio.to_thread(renewal.join, RENEW_S * 2)

"""No request's work before execution keeps the server's event loop from answering others: a document
built to make the analysis explode is refused at once, and a posted page at the size cap is parsed off
the loop (issue 14, point 1)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from arq.constants import job_key_prefix
from strawberry import relay

from api.settings import Settings
from tests.helpers import TCA_SEED
from tests.unit.test_cost import doubling
from workers import queue

pytestmark = pytest.mark.db


async def _while_probing(
    served: str, work: Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]
) -> tuple[httpx.Response, float, list[float]]:
    """Runs work against the server while another client polls /healthz; returns work's response, its
    time, and each /healthz answer's time."""
    health: list[float] = []
    done = asyncio.Event()

    async def probe(http: httpx.AsyncClient) -> None:
        while not done.is_set():
            started = time.perf_counter()
            response = await http.get(f"{served}/healthz")
            assert response.status_code == 200
            health.append(time.perf_counter() - started)
            await asyncio.sleep(0.02)

    async with httpx.AsyncClient(timeout=60) as http:
        prober = asyncio.create_task(probe(http))
        await asyncio.sleep(0.1)
        started = time.perf_counter()
        response = await work(http)
        took = time.perf_counter() - started
        await asyncio.sleep(0.1)
        done.set()
        await prober
    return response, took, health


@pytest.mark.parametrize("levels", [20, 30, 60])
async def test_event_loop_doubling_fragments_refused_while_healthz_answers(served: str, levels: int) -> None:
    """On the code before issue 14, 20 levels took 19 s with /healthz stalled, and 29 never ended."""
    response, took, health = await _while_probing(
        served, lambda http: http.post(f"{served}/graphql", json={"query": doubling(levels)})
    )
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["limit"] == "cost"
    assert took < 1.0, f"refused after {took:.2f} s"
    assert health and max(health) < 1.0, health


async def test_event_loop_posted_page_parsed_off_the_loop(served: str, settings: Settings) -> None:
    # a listing of about 5 MB, just under the document cap: parsing it takes about a second, which
    # /healthz must not wait for
    page = (TCA_SEED.read_text(encoding="utf-8") + "\n\n") * (5_000_000 // TCA_SEED.stat().st_size)
    query = "mutation($t: String!) { ingestDocument(text: $t) { id status } }"

    def post(http: httpx.AsyncClient) -> Any:
        return http.post(f"{served}/graphql", json={"query": query, "variables": {"t": page}})

    response, took, health = await _while_probing(served, post)
    run = response.json()["data"]["ingestDocument"]
    # no worker serves this test's queue: take the 4 MB job out of Redis again
    pool = await queue.connect(settings.redis_url)
    try:
        run_id = uuid.UUID(relay.GlobalID.from_id(run["id"]).node_id)
        job = queue.text_job_id(run_id)
        await pool.zrem(queue.QUEUE, job)
        assert await pool.delete(f"{job_key_prefix}{job}") == 1
    finally:
        await pool.aclose()
    assert run["status"] == "queued", response.text
    assert took > 0.3  # the parse did take its time ...
    # ... and the loop answered all along: no probe waited for more than a fraction of it
    assert max(health) < min(0.5, took / 2), (took, max(health))

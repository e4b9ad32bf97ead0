"""Helpers tests share: run an ingestion as the CLI does, post a GraphQL query."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TCA_SEED = SEEDS / "000_ee7792c62930397c.txt"
CABAR_SEED = SEEDS / "002_a86937085a08c864.txt"


@contextlib.asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of create_app(settings), started (its lifespan run) and stopped around the block, as
    seen from a loopback address."""
    from api.app import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


async def ingest_inline(ctx: dict[str, Any], *paths: Path) -> Any:
    """Runs an inline ingestion exactly as `newsgraph ingest --inline` does and returns its summary."""
    from store import runs
    from workers.files import expand
    from workers.jobs import finish_run, ingest_file

    files = [str(p) for p in expand([str(p) for p in paths])]
    async with ctx["sessionmaker"].begin() as session:
        run_id = await runs.create_run(session, "ingest", files)
    for f in files:
        await ingest_file(ctx, str(run_id), f)
    await finish_run(ctx, str(run_id))
    async with ctx["sessionmaker"]() as session:
        return await runs.summary(session, run_id)


async def gql(client: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    return payload


def newsgraph(
    *args: str, database_url: str, redis_url: str, columns: int = 250
) -> subprocess.CompletedProcess[str]:
    """The `newsgraph` command line as a user runs it, on the given services."""
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

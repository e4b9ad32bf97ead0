"""PostgreSQL restarted while the API serves: requests fail with a clear error, then succeed again
without restarting the API, and nothing stored is lost."""

from __future__ import annotations

from typing import Any

import httpx

from api.app import create_app
from api.settings import Settings
from tests.faults.conftest import PrivatePostgres
from tests.helpers import SEEDS, gql, ingest_inline

QUERY = "{ articles(first: 100) { totalCount edges { node { title people { name } } } } }"


async def test_postgres_restart_while_serving(private_postgres: PrivatePostgres, settings: Settings) -> None:
    from workers.context import close_context, open_context

    pg_settings = settings.model_copy(update={"database_url": private_postgres.url})
    ctx: dict[str, Any] = {}
    await open_context(ctx, pg_settings)
    try:
        await ingest_inline(ctx, SEEDS)
    finally:
        await close_context(ctx)

    app = create_app(pg_settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            before = await gql(http, QUERY)
            assert before["data"]["articles"]["totalCount"] == 15

            private_postgres.stop()
            down = await gql(http, QUERY)
            assert down["data"] is None
            assert down["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
            assert "database is unavailable" in down["errors"][0]["message"]
            assert (await http.get("/readyz")).status_code == 503

            private_postgres.start()
            after = await gql(http, QUERY)  # the pool's stale connections are replaced, no restart needed
            assert after == before
            assert (await http.get("/readyz")).status_code == 200

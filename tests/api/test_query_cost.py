"""A query's cost is counted before it runs: over-budget queries are refused up front with the figure,
and every answer carries it in `extensions.cost` (issue 14, point 8)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from api.settings import Settings
from tests.helpers import SEEDS, gql, ingest_inline

pytestmark = pytest.mark.db

HEAVY = """{ articles(first: 100) { edges { node { body document { text }
    people { articles(first: 20) { edges { node { title } } } } mentions { text } related { title } } } } }"""


async def test_query_cost_in_every_answer(client: httpx.AsyncClient) -> None:
    payload = await gql(client, "{ articles(first: 2) { edges { node { title } } } }")
    assert payload["extensions"]["cost"] == {
        "requested": 7,
        "limit": 100_000,
        "nodes": 2,
        "nodeLimit": 10_000,
    }


async def test_query_cost_heavy_query_refused_before_it_runs(client: httpx.AsyncClient) -> None:
    engine = client._transport.app.state.engine  # type: ignore[attr-defined]
    before = engine.pool.checkedout()
    payload = await gql(client, HEAVY)
    assert payload["data"] is None
    error = payload["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["limit"] == "nodes"
    assert error["extensions"]["cost"]["nodes"] == 21_100
    assert "21,100 nodes" in error["message"]
    assert engine.pool.checkedout() == before


async def test_query_cost_budget_refuses_with_figure(settings: Settings) -> None:
    from api.app import create_app

    app = create_app(settings.model_copy(update={"max_cost": 500}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            payload = await gql(
                client, "{ articles(first: 10) { edges { node { mentions { text start end } } } } }"
            )
    error = payload["errors"][0]
    assert error["extensions"]["limit"] == "cost"
    # articles, then per article: edges, node, mentions and 100 mentions × 3 fields
    assert error["extensions"]["cost"] == {"requested": 3031, "limit": 500, "nodes": 10, "nodeLimit": 10_000}
    assert "3,031 field resolutions, over the budget of 500" in error["message"]


async def test_query_cost_mentions_take_first(ctx: dict[str, Any], client: httpx.AsyncClient) -> None:
    await ingest_inline(ctx, SEEDS)
    query = (
        'query($n: Int) { articles(first: 1, filter: {search: "extradite"}) '
        "{ edges { node { mentions(first: $n) { text } } } } }"
    )
    all_of_them = (await gql(client, query, n=1000))["data"]["articles"]["edges"][0]["node"]["mentions"]
    assert len(all_of_them) > 2
    two = (await gql(client, query, n=2))["data"]["articles"]["edges"][0]["node"]["mentions"]
    assert two == all_of_them[:2]
    error = (await gql(client, query, n=1001))["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "first"}


@pytest.mark.parametrize(
    ("query", "nodes"),
    [
        ("{ articles(last: 7) { edges { node { title } } } }", 7),
        ("{ sources(last: 3) { edges { node { name } } } }", 3),
        ("{ documents { edges { node { sha256 } } } }", 20),
        ("{ ingestionRuns(first: 4) { edges { node { state } } } }", 4),
        ("{ people(last: 2) { edges { node { articles(last: 5) { edges { node { title } } } } } } }", 12),
    ],
)
async def test_query_cost_counts_last_and_the_new_lists(
    client: httpx.AsyncClient, query: str, nodes: int
) -> None:
    payload = await gql(client, query)
    assert "errors" not in payload, payload
    assert payload["extensions"]["cost"]["nodes"] == nodes

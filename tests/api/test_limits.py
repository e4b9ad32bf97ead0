"""Abuse limits: each refused with a code and a message naming the limit; nothing internal leaks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from tests.helpers import gql


def _nest(depth: int) -> str:
    # articles → related → related … : each level one deeper
    inner = "title"
    for _ in range(depth - 4):
        inner = f"related(first: 1) {{ {inner} }}"
    return f"{{ articles(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"


@pytest.mark.parametrize(
    ("query", "limit", "words"),
    [
        pytest.param(_nest(12), "depth", "levels deep, over the limit of 10", id="depth"),
        pytest.param(
            "{ " + " ".join(f"a{i}: rates(first: 1) {{ totalCount }}" for i in range(25)) + " }",
            "aliases",
            "25 aliases, over the limit of 20",
            id="aliases",
        ),
        pytest.param(
            "{ people(first: 100) { edges { node { articles(first: 100) { edges { node { "
            "related(first: 100) { title } } } } } } } }",
            "nodes",
            "over the budget of 10,000",
            id="nodes",
        ),
    ],
)
async def test_limits_refuse_with_code(client: httpx.AsyncClient, query: str, limit: str, words: str) -> None:
    payload = await gql(client, query)
    assert payload["data"] is None
    error = payload["errors"][0]
    assert words in error["message"]
    assert {k: error["extensions"][k] for k in ("code", "limit")} == {
        "code": "QUERY_TOO_COMPLEX",
        "limit": limit,
    }


async def test_limits_within_budget_pass(client: httpx.AsyncClient) -> None:
    payload = await gql(client, _nest(10))
    assert "errors" not in payload


async def test_limits_token_cap(client: httpx.AsyncClient) -> None:
    query = "{ articles { edges { node { " + " ".join(["title"] * 3000) + " } } } }"
    payload = await gql(client, query)
    assert "token" in payload["errors"][0]["message"].lower()


async def test_limits_batch_size(client: httpx.AsyncClient) -> None:
    batch = [{"query": "{ rates(first: 1) { totalCount } }"}] * 6
    response = await client.post("/graphql", json=batch)
    assert response.status_code == 400
    assert "too many operations" in response.text.lower()
    ok = await client.post("/graphql", json=batch[:2])
    assert ok.status_code == 200 and len(ok.json()) == 2


async def test_limits_introspection_on_by_default_and_switchable(settings: Settings) -> None:
    query = "{ __schema { queryType { name } } }"
    for enabled in (True, False):
        app = create_app(settings.model_copy(update={"introspection": enabled, "graphiql": enabled}))
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                payload = await gql(http, query)
                ide = await http.get("/graphql", headers={"accept": "text/html"})
        if enabled:
            assert payload["data"]["__schema"]["queryType"]["name"] == "Query"
            assert ide.status_code == 200
        else:
            assert payload["errors"][0]["extensions"]["limit"] == "introspection"
            assert ide.status_code != 200 or "graphiql" not in ide.text.lower()


async def test_errors_are_masked_without_driver_text(settings: Settings) -> None:
    # a real driver failure: the database named in the URL does not exist
    missing = settings.database_url.rsplit("/", 1)[0] + "/newsgraph_missing_db_for_masking"
    app = create_app(settings.model_copy(update={"database_url": missing}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            payload = await gql(http, "{ rates { totalCount } }")
    error = payload["errors"][0]
    assert error["message"] == "Internal server error"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    text = str(payload)
    assert "newsgraph_missing_db" not in text and "asyncpg" not in text and "Traceback" not in text


async def test_limits_search_length_and_bad_ids(client: httpx.AsyncClient) -> None:
    long = "x" * 201
    payload = await gql(client, "query($s: String) { people(search: $s) { totalCount } }", s=long)
    assert "search" in payload["errors"][0]["message"] and "200" in payload["errors"][0]["message"]
    payload = await gql(client, 'query { node(id: "@@not-base64@@") { id } }')
    assert payload["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def _app_client(settings: Settings) -> tuple[Any, httpx.AsyncClient]:
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
    return app, httpx.AsyncClient(transport=transport, base_url="http://t")


async def test_limits_request_timeout(settings: Settings) -> None:
    app, http = await _app_client(settings.model_copy(update={"request_timeout_s": 0.000001}))
    async with app.router.lifespan_context(app), http:
        response = await http.post("/graphql", json={"query": "{ articles { totalCount } }"})
    assert response.status_code == 503
    assert response.json()["errors"][0]["extensions"] == {"code": "TIMEOUT", "limit": "time"}


@pytest.mark.parametrize("origins", [[], ["https://desk.example"]])
async def test_cors_closed_by_default_and_configurable(settings: Settings, origins: list[str]) -> None:
    app, http = await _app_client(settings.model_copy(update={"cors_origins": origins}))
    headers = {"Origin": "https://desk.example", "Access-Control-Request-Method": "POST"}
    async with app.router.lifespan_context(app), http:
        preflight = await http.options("/graphql", headers=headers)
        response = await http.post("/graphql", json={"query": "{ rates { totalCount } }"}, headers=headers)
    allowed = response.headers.get("access-control-allow-origin")
    if origins:
        assert preflight.status_code == 200
        assert allowed == "https://desk.example"
    else:
        assert "access-control-allow-origin" not in preflight.headers
        assert allowed is None


@pytest.mark.parametrize("day", ["2025-13-01", "2025-02-30", "not a date", "99999-01-01"])
async def test_dates_out_of_range_are_refused(client: httpx.AsyncClient, day: str) -> None:
    payload = await gql(client, "query($d: Date) { rates(from: $d) { totalCount } }", d=day)
    assert payload["data"] is None
    assert payload["errors"][0]["extensions"]["code"] in {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}
    assert "Date" in payload["errors"][0]["message"] or "date" in payload["errors"][0]["message"]

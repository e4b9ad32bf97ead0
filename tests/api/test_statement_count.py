"""The number of SQL statements per request does not grow with page size or nesting fan-out."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import event

from tests.helpers import SEEDS, gql, ingest_inline

DEEP = """query($n: Int) { articles(first: $n) { totalCount edges { node {
    title author { name } source { name } document { sha256 }
    people { name roles { title former organization { name } article { title } } }
    organizations { name people { name } } places { name kind }
    rates { base rate } mentions(first: 20) { text start end entity { __typename } }
    related(first: 5) { title source { name } }
} } } }"""

# what the fast execution path serves without graphql-core's per-field work (schema/execution.py):
# plain objects in lists, roles whose articles are loaded before the roles resolve, resolvers called
# directly. None of it may turn into a statement per object.
OBJECT_HEAVY = """query($n: Int) { articles(first: $n) { edges { node { id title publishedOn
    titleSpan { start end }
    people { __typename id name aliases roles { title former organization { name } article { title } } }
    organizations { id name kind } places { name } author { name } source { name } } } } }"""


async def _statements(
    client: httpx.AsyncClient, query: str, **variables: Any
) -> tuple[list[str], dict[str, Any]]:
    engine = client._transport.app.state.engine  # type: ignore[attr-defined]
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        payload = await gql(client, query, **variables)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert "errors" not in payload, payload["errors"]
    return statements, payload


async def _count(client: httpx.AsyncClient, query: str, **variables: Any) -> tuple[int, dict[str, Any]]:
    statements, payload = await _statements(client, query, **variables)
    return len(statements), payload


# OBJECT_HEAVY: the page, its entities, authors and sources, the people's roles, the roles' articles
@pytest.mark.parametrize(("query", "most"), [(DEEP, 25), (OBJECT_HEAVY, 8)])
async def test_statement_count_is_constant_in_page_size(
    ctx: dict[str, Any], client: httpx.AsyncClient, query: str, most: int
) -> None:
    await ingest_inline(ctx, SEEDS)
    small, small_payload = await _count(client, query, n=5)
    large, large_payload = await _count(client, query, n=100)
    assert len(small_payload["data"]["articles"]["edges"]) == 5
    assert len(large_payload["data"]["articles"]["edges"]) == 15
    roles = [
        r for e in large_payload["data"]["articles"]["edges"] for p in e["node"]["people"] for r in p["roles"]
    ]
    assert roles
    assert all(r["article"]["title"] for r in roles)
    assert small == large
    assert large <= most


async def test_statement_count_entity_connections(ctx: dict[str, Any], client: httpx.AsyncClient) -> None:
    await ingest_inline(ctx, SEEDS)
    query = """query($n: Int) { people(first: $n) { edges { node { name roles { title }
        articles(first: 3) { totalCount edges { node { title places { name } } } } } } } }"""
    small, _ = await _count(client, query, n=5)
    large, payload = await _count(client, query, n=100)
    assert len(payload["data"]["people"]["edges"]) > 5
    assert small == large


def _is_count(statement: str) -> bool:
    return statement.lstrip().lower().startswith("select count(")


async def test_total_count_is_one_count_and_only_when_asked(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, SEEDS)
    for connection in (
        'articles(first: 3, filter: {search: "domestic violence"})',
        "articles(first: 3)",
        'people(first: 3, search: "Tokayev")',
        "rates(first: 3)",
        "articles(last: 3)",
        "people(last: 3, orderBy: {field: ARTICLE_COUNT, direction: DESC})",
        "sources(first: 3)",
        "documents(last: 3)",
        "ingestionRuns(first: 3)",
    ):
        counted, payload = await _statements(client, "{ %s { totalCount edges { cursor } } }" % connection)
        uncounted, _ = await _statements(client, "{ %s { edges { cursor } } }" % connection)
        name = connection.partition("(")[0]
        assert payload["data"][name]["totalCount"] > 0, connection
        assert sum(_is_count(s) for s in counted) == 1, (connection, counted)
        assert not any(_is_count(s) for s in uncounted), (connection, uncounted)
        assert len(counted) == len(uncounted) + 1, connection


async def test_statement_count_timelines_and_co_mentions(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    """One statement per timeline interval and one for co-mentions (plus one for their shared
    articles), however many people, organizations and places a page lists. One root list per query:
    lists side by side finish at different moments, so whether two of them share a loader batch
    depends on timing, not on page size."""
    await ingest_inline(ctx, SEEDS)
    queries = [
        """query($n: Int) { people(first: $n) { edges { node { name
            timeline { start mentionCount articleCount } weeks: timeline(interval: WEEK) { start }
            coMentioned(first: 3) { articleCount entity { __typename }
              sharedArticles { title source { name } } } } } } }""",
        """query($n: Int) { organizations(first: $n) { edges { node {
            timeline(interval: WEEK) { start articleCount } } } } }""",
        "query($n: Int) { places(first: $n) { edges { node { timeline { start mentionCount } } } } }",
    ]
    for query in queries:
        small, _ = await _count(client, query, n=2)
        large, payload = await _count(client, query, n=100)
        assert small == large, query
        if "people" in query:
            people = payload["data"]["people"]["edges"]
            assert len(people) > 2
            assert any(p["node"]["coMentioned"] for p in people)
            assert any(p["node"]["timeline"] for p in people)


@pytest.mark.parametrize(
    "query",
    [
        """query($n: Int) { articles(last: $n, orderBy: {field: TITLE, direction: ASC}) {
            edges { node { title source { name } people { name } } } } }""",
        """query($n: Int) { places(last: $n, orderBy: {field: NAME, direction: DESC}) { edges { node {
            name articles(last: 2, orderBy: {field: LISTED_ON, direction: ASC}) {
            edges { node { title } } } } } } }""",
        "query($n: Int) { sources(first: $n) { edges { node { id name } } } }",
        "query($n: Int) { documents(last: $n) { edges { node { sha256 source { name } } } } }",
        """query($n: Int) { ingestionRuns(first: $n, states: [SUCCEEDED]) {
            edges { node { state errors } } } }""",
    ],
)
async def test_statement_count_new_connections_constant_in_page_size(
    ctx: dict[str, Any], client: httpx.AsyncClient, query: str
) -> None:
    await ingest_inline(ctx, SEEDS)
    await ingest_inline(ctx, SEEDS)
    small, _ = await _count(client, query, n=1)
    large, payload = await _count(client, query, n=100)
    assert sum(len(v["edges"]) for v in payload["data"].values()) > 1
    assert small == large

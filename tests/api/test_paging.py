"""Every connection pages both ways (Relay cursor connections): the pages read with first/after, and
those read with last/before, join into the whole list with no gap or repeat, under every order
(issue 17, point 2)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api import paging
from tests.helpers import SEEDS, gql, ingest_inline

pytestmark = pytest.mark.db


def order(field: str, direction: str) -> str:
    return f"orderBy: {{field: {field}, direction: {direction}}}"


ARTICLE_ORDERS = [order(f, d) for f in ("PUBLISHED_ON", "LISTED_ON", "TITLE") for d in ("ASC", "DESC")]
ENTITY_ORDERS = [order(f, d) for f in ("NAME", "ARTICLE_COUNT") for d in ("ASC", "DESC")]
SEARCH = 'filter: {search: "Kazakhstan"}'

CASES: list[tuple[str, str, int]] = [
    ("articles", "", 4),
    *(("articles", o, 4) for o in ARTICLE_ORDERS),
    ("articles", SEARCH, 3),
    *(("articles", f"{SEARCH}, {order('RELEVANCE', d)}", 3) for d in ("ASC", "DESC")),
    ("articles", f"{SEARCH}, {order('TITLE', 'ASC')}", 3),
    ("articles", 'filter: {source: "cabar.asia"}', 2),
    *((kind, o, 4) for kind in ("people", "organizations", "places") for o in ["", *ENTITY_ORDERS]),
    ("people", 'search: "ov"', 2),
    ("people", f'search: "ov", {order("RELEVANCE", "ASC")}', 2),
    ("places", f'search: "stan", {order("NAME", "DESC")}', 2),
    ("rates", "", 2),
    ("rates", 'from: "2025-11-14", quote: "usd"', 2),
    ("sources", "", 1),
    ("documents", "", 1),
    ("ingestionRuns", "", 1),
    ("ingestionRuns", "states: [SUCCEEDED]", 1),
    *(('people(first: 1, search: "Nukenova").articles', o, 1) for o in ["", *ARTICLE_ORDERS]),
    *(('places(first: 1, search: "Kazakhstan").articles', o, 3) for o in ["", order("TITLE", "DESC")]),
    ('organizations(first: 1, search: "NeMolchi").articles', "", 1),
]


@pytest.fixture
async def seeded_twice(ctx: dict[str, Any], client: httpx.AsyncClient) -> httpx.AsyncClient:
    # two runs, so ingestionRuns has pages to walk
    await ingest_inline(ctx, SEEDS)
    await ingest_inline(ctx, SEEDS)
    return client


@pytest.mark.parametrize(("path", "args", "size"), CASES, ids=[f"{p}({a})/{s}" for p, a, s in CASES])
async def test_paging_both_ways_joins_into_the_whole_list(
    seeded_twice: httpx.AsyncClient, path: str, args: str, size: int
) -> None:
    client = seeded_twice
    whole = await paging.everything(client, path, args)
    assert len(whole) > size, (path, args, whole)  # more than one page, or the walk proves nothing
    ahead = await paging.forward(client, path, args, size)
    behind = await paging.backward(client, path, args, size)
    assert [i for p in ahead for i in p] == whole
    assert [i for p in behind for i in p] == whole
    assert len(ahead) == len(behind) == -(-len(whole) // size)


async def test_paging_after_and_before_together_bound_both_sides(seeded_twice: httpx.AsyncClient) -> None:
    whole = await paging.everything(seeded_twice, "articles", "")
    cursors = await paging.page(seeded_twice, "articles", "", "first: 100")
    start, end = cursors["edges"][2]["cursor"], cursors["edges"][9]["cursor"]
    query = """query($a: String, $b: String, $n: Int, $l: Int) {
        articles(after: $a, before: $b, first: $n, last: $l) {
        pageInfo { hasNextPage hasPreviousPage } edges { node { id } } } }"""
    ahead = (await gql(seeded_twice, query, a=start, b=end, n=100))["data"]["articles"]
    assert [e["node"]["id"] for e in ahead["edges"]] == whole[3:9]
    # nothing after the slice is read when paging forward: before's row is beyond, so there is more
    assert ahead["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True}
    behind = (await gql(seeded_twice, query, a=start, b=end, l=2))["data"]["articles"]
    assert [e["node"]["id"] for e in behind["edges"]] == whole[7:9]
    assert behind["pageInfo"] == {"hasNextPage": True, "hasPreviousPage": True}


@pytest.mark.parametrize(
    ("arguments", "argument", "words"),
    [
        ("first: 2, last: 2", "last", ["`first` and `last` together"]),
        ("last: 0", "last", ["`last` must be between 1 and 100, got 0"]),
        ("last: 101", "last", ["`last` must be between 1 and 100, got 101"]),
        ('before: "bm90IGEgY3Vyc29y"', "before", ["not a cursor"]),
    ],
)
@pytest.mark.parametrize(
    "connection", ["articles", "people", "rates", "sources", "documents", "ingestionRuns"]
)
async def test_paging_bad_arguments_are_named(
    client: httpx.AsyncClient, connection: str, arguments: str, argument: str, words: list[str]
) -> None:
    payload = await gql(client, "{ %s(%s) { totalCount } }" % (connection, arguments))
    error = payload["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}, error
    for word in words:
        assert word in error["message"], error

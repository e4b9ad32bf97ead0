"""orderBy: articles by the day they ran, listing day, title or relevance; people, organizations and
places by name or number of articles; cursors bound to their order; an index behind each order
(issue 17, point 1)."""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text

from store import keyset, queries
from store.keyset import Bounds
from tests.helpers import SEEDS, gql, ingest_inline

pytestmark = pytest.mark.db

UNDATED = "0001-01-01"


@pytest.fixture
async def seeded(ctx: dict[str, Any], client: httpx.AsyncClient) -> httpx.AsyncClient:
    await ingest_inline(ctx, SEEDS)
    return client


def row(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().partition(":")[2])


ARTICLES = """query($o: ArticleOrder) { articles(first: 100, orderBy: $o) { edges { node {
    id title publishedOn listedOn } } } }"""


def ran(node: dict[str, Any]) -> str:
    return node["publishedOn"] or node["listedOn"] or UNDATED


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("PUBLISHED_ON", lambda n: (ran(n), row(n["id"]))),
        ("LISTED_ON", lambda n: (n["listedOn"] or UNDATED, row(n["id"]))),
    ],
)
async def test_ordering_articles_by_date_nulls_as_oldest(
    seeded: httpx.AsyncClient, field: str, key: Any, direction: str
) -> None:
    data = (await gql(seeded, ARTICLES, o={"field": field, "direction": direction}))["data"]
    nodes = [e["node"] for e in data["articles"]["edges"]]
    assert len(nodes) == 15
    assert nodes == sorted(nodes, key=key, reverse=direction == "DESC")
    undated = [n for n in nodes if key(n)[0] == UNDATED]
    assert undated, "the seeds hold articles without that date"
    # undated articles come last newest-first, first oldest-first
    ends = nodes[-len(undated) :] if direction == "DESC" else nodes[: len(undated)]
    assert ends == undated


async def test_ordering_articles_default_is_newest_first(seeded: httpx.AsyncClient) -> None:
    default = (await gql(seeded, ARTICLES))["data"]["articles"]["edges"]
    newest = (await gql(seeded, ARTICLES, o={"field": "PUBLISHED_ON", "direction": "DESC"}))["data"]
    assert default == newest["articles"]["edges"]
    assert ran(default[0]["node"]) == "2025-11-14" and ran(default[-1]["node"]) == UNDATED


async def test_ordering_articles_by_title_ignores_case_and_reverses(
    seeded: httpx.AsyncClient, ctx: dict[str, Any]
) -> None:
    up = (await gql(seeded, ARTICLES, o={"field": "TITLE", "direction": "ASC"}))["data"]["articles"]["edges"]
    down = (await gql(seeded, ARTICLES, o={"field": "TITLE", "direction": "DESC"}))["data"]["articles"][
        "edges"
    ]
    titles = [e["node"]["title"] for e in up]
    assert titles == [e["node"]["title"] for e in reversed(down)]
    # letters in alphabet order, not the database's byte order, where every capital precedes "a"
    async with ctx["sessionmaker"]() as session:
        icu = (
            await session.execute(text('SELECT title FROM articles ORDER BY title COLLATE "und-x-icu", id'))
        ).scalars()
        assert titles == list(icu)
        assert (await session.scalar(text("SELECT 'a' < 'B' COLLATE \"und-x-icu\""))) is True


async def test_ordering_articles_relevance_needs_a_search(seeded: httpx.AsyncClient) -> None:
    payload = await gql(seeded, ARTICLES, o={"field": "RELEVANCE", "direction": "DESC"})
    error = payload["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "orderBy"}
    assert "filter.search" in error["message"]
    nested = await gql(
        seeded,
        "{ people(first: 1) { edges { node { "
        "articles(orderBy: {field: RELEVANCE, direction: DESC}) { totalCount } } } } }",
    )
    assert nested["errors"][0]["extensions"]["argument"] == "orderBy"


async def test_ordering_search_by_date_and_by_relevance(seeded: httpx.AsyncClient) -> None:
    query = """query($o: ArticleOrder) {
        articles(first: 100, filter: {search: "domestic violence"}, orderBy: $o) {
        totalCount edges { node { id title publishedOn listedOn } } } }"""
    ranked = (await gql(seeded, query))["data"]["articles"]
    relevance = (await gql(seeded, query, o={"field": "RELEVANCE", "direction": "DESC"}))["data"]["articles"]
    least = (await gql(seeded, query, o={"field": "RELEVANCE", "direction": "ASC"}))["data"]["articles"]
    dated = (await gql(seeded, query, o={"field": "PUBLISHED_ON", "direction": "DESC"}))["data"]["articles"]
    assert ranked == relevance
    assert least["edges"] == list(reversed(relevance["edges"]))
    assert "Domestic Violence" in relevance["edges"][0]["node"]["title"]
    nodes = [e["node"] for e in dated["edges"]]
    assert {n["id"] for n in nodes} == {e["node"]["id"] for e in relevance["edges"]}
    assert nodes == sorted(nodes, key=lambda n: (ran(n), row(n["id"])), reverse=True)


ENTITIES = """query($o: EntityOrder) { %s(first: 100, orderBy: $o) { edges { node {
    id name articles(first: 1) { totalCount } } } } }"""


@pytest.mark.parametrize("kind", ["people", "organizations", "places"])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_ordering_entities_by_article_count_and_name(
    seeded: httpx.AsyncClient, ctx: dict[str, Any], kind: str, direction: str
) -> None:
    o = {"field": "ARTICLE_COUNT", "direction": direction}
    nodes = [e["node"] for e in (await gql(seeded, ENTITIES % kind, o=o))["data"][kind]["edges"]]
    keys = [(n["articles"]["totalCount"], row(n["id"])) for n in nodes]
    assert keys == sorted(keys, reverse=direction == "DESC")
    assert keys[0][0] != keys[-1][0]
    o = {"field": "NAME", "direction": direction}
    names = [e["node"]["name"] for e in (await gql(seeded, ENTITIES % kind, o=o))["data"][kind]["edges"]]
    async with ctx["sessionmaker"]() as session:
        icu = await session.execute(
            text('SELECT name FROM entities WHERE kind = :k ORDER BY name COLLATE "und-x-icu", id'),
            {"k": {"people": "person", "organizations": "organization", "places": "place"}[kind]},
        )
        expected = list(icu.scalars())
    assert names == (expected if direction == "ASC" else list(reversed(expected)))
    back = {"field": "NAME", "direction": "ASC" if direction == "DESC" else "DESC"}
    other = [e["node"]["name"] for e in (await gql(seeded, ENTITIES % kind, o=back))["data"][kind]["edges"]]
    assert other == list(reversed(names))


async def test_ordering_most_mentioned_place(seeded: httpx.AsyncClient) -> None:
    query = """{ places(first: 1, orderBy: {field: ARTICLE_COUNT, direction: DESC}) {
        edges { node { name articles { totalCount } } } } }"""
    node = (await gql(seeded, query))["data"]["places"]["edges"][0]["node"]
    assert node == {"name": "Kazakhstan", "articles": {"totalCount": 15}}


async def test_ordering_article_count_follows_reingest(
    ctx: dict[str, Any], seeded: httpx.AsyncClient
) -> None:
    # the stored counts equal what the mentions say, after a run that changes nothing as after the first
    await ingest_inline(ctx, SEEDS)
    async with ctx["sessionmaker"]() as session:
        stale = await session.scalar(
            text(
                "SELECT count(*) FROM entities e WHERE e.article_count <>"
                " (SELECT count(DISTINCT m.article_id) FROM doc_entities d"
                " JOIN mentions m ON m.doc_entity_id = d.id WHERE d.entity_id = e.id)"
            )
        )
    assert stale == 0


@pytest.mark.parametrize(
    ("first", "second", "argument"),
    [
        ("articles(first: 2)", 'articles(after: "%s", orderBy: {field: TITLE, direction: ASC})', "after"),
        (
            "articles(first: 2, orderBy: {field: TITLE, direction: ASC})",
            'articles(before: "%s", orderBy: {field: TITLE, direction: DESC})',
            "before",
        ),
        ("people(first: 2)", 'people(after: "%s", orderBy: {field: NAME, direction: ASC})', "after"),
        (
            'people(first: 2, search: "ov")',
            'people(after: "%s", search: "ov", orderBy: {field: ARTICLE_COUNT, direction: DESC})',
            "after",
        ),
        ("people(first: 2)", 'organizations(after: "%s")', "after"),
    ],
)
async def test_ordering_cursor_of_another_order_is_refused(
    seeded: httpx.AsyncClient, first: str, second: str, argument: str
) -> None:
    name = first.partition("(")[0]
    cursor = (await gql(seeded, "{ %s { edges { cursor } } }" % first))["data"][name]["edges"][1]["cursor"]
    payload = await gql(seeded, "{ %s { totalCount } }" % (second % cursor))
    error = payload["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}, error
    assert "another list" in error["message"] or "ordered by" in error["message"], error


@pytest.mark.parametrize(
    "raw",
    [
        'Article:["PUBLISHED_ON DESC","2025-11-14",1]',  # not the exact form written: no spaces
        'Article:["PUBLISHED_ON DESC", "2025-11-14", 1]',
        'Article:["PUBLISHED_ON DESC","2025-13-14",1]',
        'Article:["PUBLISHED_ON DESC","2025-11-14",0]',
        'Article:["PUBLISHED_ON DESC","2025-11-14"]',
        'Article:["PUBLISHED_ON DESC","2025-11-14",true]',
        'Article:["PUBLISHED_ON DESC",null,1]',
        "Article:" + "[" * 100_000,
    ],
)
async def test_ordering_cursor_only_in_the_form_given_out(seeded: httpx.AsyncClient, raw: str) -> None:
    good = base64.urlsafe_b64encode(b'Article:["PUBLISHED_ON DESC","2025-11-14",1]').decode()
    assert "errors" not in await gql(seeded, '{ articles(after: "%s") { totalCount } }' % good)
    cursor = base64.urlsafe_b64encode(raw.encode()).decode()
    if raw == 'Article:["PUBLISHED_ON DESC","2025-11-14",1]':
        cursor = cursor.rstrip("=") + "=="  # another spelling of the same bytes
    payload = await gql(seeded, "query($c: String) { articles(after: $c) { totalCount } }", c=cursor)
    error = payload["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}, error
    assert "not a cursor this API gave out" in error["message"]


def _plan(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(p for child in node.get("Plans", []) for p in _plan(child))]


ARTICLE_INDEXES = {
    "PUBLISHED_ON": "ix_articles_day_id",
    "LISTED_ON": "ix_articles_listed_id",
    "TITLE": "ix_articles_title_id",
}
ENTITY_INDEXES = {
    "NAME": "ix_entities_kind_name_id",
    "ARTICLE_COUNT": "ix_entities_kind_articles_id",
    "ID": "ix_entities_kind_id",
}


async def _explain(seeded: httpx.AsyncClient, stmt: Any, params: dict[str, Any]) -> list[dict[str, Any]]:
    engine = seeded._transport.app.state.engine  # type: ignore[attr-defined]

    def explain(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> tuple[str, Any]:
        return "EXPLAIN (FORMAT JSON) " + statement, parameters

    async with engine.connect() as conn:
        # 15 rows fit one page: a scan and a sort cost less, so only a plan that can walk an index in
        # order is allowed, and it must find one that matches the sort key
        await conn.execute(text("SET enable_seqscan = off"))
        await conn.execute(text("SET enable_sort = off"))
        await conn.execute(text("SET enable_bitmapscan = off"))
        event.listen(engine.sync_engine, "before_cursor_execute", explain, retval=True)
        try:
            found = (await conn.execute(stmt, params)).scalar_one()
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", explain)
    plan = json.loads(found) if isinstance(found, str) else found
    return _plan(plan[0]["Plan"])


@pytest.mark.parametrize("backward", [False, True])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("field", sorted(ARTICLE_INDEXES))
async def test_ordering_each_article_order_walks_its_index(
    seeded: httpx.AsyncClient, field: str, descending: bool, backward: bool
) -> None:
    key = {"TITLE": ("M", 5)}.get(field, (date(2025, 1, 1), 5))
    bounds = (
        Bounds(20, after=key, backward=backward) if not backward else Bounds(20, before=key, backward=True)
    )
    stmt = queries.article_statement(queries.ArticleFilter(), field, descending, bounds)
    nodes = await _explain(seeded, stmt, keyset.params(bounds))
    assert any(n.get("Index Name") == ARTICLE_INDEXES[field] for n in nodes), nodes
    assert not any(n["Node Type"] in ("Sort", "Seq Scan") for n in nodes), nodes


@pytest.mark.parametrize("backward", [False, True])
@pytest.mark.parametrize("field", sorted(ENTITY_INDEXES))
async def test_ordering_each_entity_order_walks_its_index(
    seeded: httpx.AsyncClient, field: str, backward: bool
) -> None:
    key: tuple[Any, ...] = {"NAME": ("M", 5), "ARTICLE_COUNT": (2, 5), "ID": (5,)}[field]
    bounds = Bounds(20, before=key, backward=True) if backward else Bounds(20, after=key)
    stmt = queries.entity_statement("person", None, field, True, bounds)
    nodes = await _explain(seeded, stmt, keyset.params(bounds))
    assert any(n.get("Index Name") == ENTITY_INDEXES[field] for n in nodes), nodes
    assert not any(n["Node Type"] in ("Sort", "Seq Scan") for n in nodes), nodes

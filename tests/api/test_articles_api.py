"""The API over the ingested seeds: connections, filters, nodes, rates of an article's day."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from store import queries
from store.keyset import Bounds
from tests.helpers import SEEDS, gql, ingest_inline


def _row_number(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().partition(":")[2])


@pytest.fixture
async def seeded(ctx: dict[str, Any], client: httpx.AsyncClient) -> httpx.AsyncClient:
    await ingest_inline(ctx, SEEDS)
    return client


async def test_articles_connection_pages_with_opaque_cursors(seeded: httpx.AsyncClient) -> None:
    query = """query($after: String) { articles(first: 4, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { title } } } }"""
    titles: list[str] = []
    after = None
    pages = 0
    while True:
        data = (await gql(seeded, query, after=after))["data"]["articles"]
        assert data["totalCount"] == 15
        titles += [e["node"]["title"] for e in data["edges"]]
        pages += 1
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
        assert after == data["edges"][-1]["cursor"]
    assert pages == 4
    assert len(titles) == len(set(titles)) == 15


@pytest.mark.parametrize("first", [0, -1, 101])
async def test_articles_first_out_of_range_is_an_error(seeded: httpx.AsyncClient, first: int) -> None:
    payload = await gql(seeded, "query($n: Int) { articles(first: $n) { totalCount } }", n=first)
    assert payload["data"] is None
    assert "`first` must be between 1 and 100" in payload["errors"][0]["message"]
    assert payload["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_articles_bad_cursor_is_an_error(seeded: httpx.AsyncClient) -> None:
    payload = await gql(seeded, 'query { articles(after: "not-a-cursor") { totalCount } }')
    assert "not a cursor" in payload["errors"][0]["message"]


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"source": "CABAR.asia"}, 9),
        ({"source": "The Times of Central Asia"}, 6),
        ({"search": "hotline"}, 1),
        ({"search": "Montenegro"}, 1),
        ({"publishedFrom": "2020-07-20", "publishedTo": "2020-07-31"}, 3),
        ({"publishedFrom": "2025-11-14"}, 6),  # TCA articles run on their listing's day
        ({"search": "domestic violence", "source": "CABAR.asia"}, 1),
    ],
)
async def test_articles_filter(seeded: httpx.AsyncClient, filter_: dict[str, str], expected: int) -> None:
    query = (
        "query($f: ArticleFilter) { articles(first: 100, filter: $f) { totalCount edges { node { id } } } }"
    )
    data = (await gql(seeded, query, f=filter_))["data"]["articles"]
    assert data["totalCount"] == expected
    assert len(data["edges"]) == expected


async def test_article_fields_dates_author_document_and_rates(seeded: httpx.AsyncClient) -> None:
    query = """{ articles(first: 100) { edges { node {
        id title truncated publishedOn listedOn source { name } author { name }
        document { id sha256 path ingestedAt } rates { base quote rate rateText changePct asOf } } } } }"""
    nodes = {e["node"]["title"]: e["node"] for e in (await gql(seeded, query))["data"]["articles"]["edges"]}
    tca = nodes["Tajikistan Launches Domestic Violence Hotline"]
    assert tca["publishedOn"] is None
    assert tca["listedOn"] == "2025-11-14"
    assert tca["source"]["name"] == "The Times of Central Asia"
    assert tca["author"] is None
    assert tca["truncated"] is False
    assert len(tca["document"]["sha256"]) == 64
    rates = {(r["base"], r["quote"]): r for r in tca["rates"]}
    assert rates[("KGS", "USD")]["rate"] == 0.01144
    assert rates[("TJS", "USD")]["rateText"] == "0.10840"
    assert rates[("TJS", "USD")]["changePct"] == 0.37
    assert rates[("KZT", "USD")]["changePct"] == 0.0
    assert {r["asOf"] for r in tca["rates"]} == {"2025-11-14"}

    cabar = nodes[
        "What Prevents the Domestic Violence Criminalization in Kazakhstan and Why Is It Necessary?"
    ]
    assert cabar["publishedOn"] == "2020-08-06"
    assert cabar["listedOn"] is None
    assert cabar["author"] == {"name": "Assem Zhapisheva"}
    assert cabar["rates"] == []  # no ticker gave a rate for that day
    house = nodes["Rural Community Centres in Kazakhstan: No One Wants to be Responsible for Culture"]
    assert house["author"] is None  # the outlet's own byline is not a person


async def test_node_resolves_every_type_by_global_id(seeded: httpx.AsyncClient) -> None:
    query = """{ articles(first: 1) { edges { node { id document { id } rates { id } } } } }"""
    node = (await gql(seeded, query))["data"]["articles"]["edges"][0]["node"]
    ids = {"Article": node["id"], "Document": node["document"]["id"], "Rate": node["rates"][0]["id"]}
    for typename, gid in ids.items():
        data = (await gql(seeded, "query($id: ID!) { node(id: $id) { __typename id } }", id=gid))["data"]
        assert data["node"] == {"__typename": typename, "id": gid}


async def test_rates_filters_and_exact_values(seeded: httpx.AsyncClient) -> None:
    query = """query($b: String, $from: Date, $to: Date) { rates(base: $b, from: $from, to: $to) {
        totalCount edges { node { base quote rate asOf source { name } } } } }"""
    data = (await gql(seeded, query))["data"]["rates"]
    assert data["totalCount"] == 5
    assert {e["node"]["base"] for e in data["edges"]} == {"KGS", "KZT", "TJS", "UZS", "TMT"}
    one = (await gql(seeded, query, b="UZS"))["data"]["rates"]
    assert one["totalCount"] == 1
    assert one["edges"][0]["node"]["rate"] == 0.00008
    assert one["edges"][0]["node"]["source"]["name"] == "The Times of Central Asia"
    none = (await gql(seeded, query, **{"from": "2025-11-15"}))["data"]["rates"]
    assert none["totalCount"] == 0


async def test_graphiql_is_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_healthz_and_readyz(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "database": "ok", "redis": "ok"}


async def test_articles_search_ranked_and_paged_by_keyset(seeded: httpx.AsyncClient) -> None:
    query = """query($after: String) {
        articles(first: 2, after: $after, filter: {search: "domestic violence"}) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { title } } } }"""
    titles: list[str] = []
    after = None
    while True:
        data = (await gql(seeded, query, after=after))["data"]["articles"]
        titles += [e["node"]["title"] for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert len(titles) == len(set(titles)) == data["totalCount"] >= 5
    # pages follow rank, not ingestion order: an article about domestic violence leads, one that
    # names it in passing comes last
    assert "Domestic Violence" in titles[0]
    assert titles[-1] == "Montenegro Will Not Extradite NeMolchi Founder to Kazakhstan"

    # past the last match the page is empty and the count still counts every match
    beyond = (await gql(seeded, query, after=data["pageInfo"]["endCursor"]))["data"]["articles"]
    assert beyond["edges"] == [] and not beyond["pageInfo"]["hasNextPage"]
    assert beyond["totalCount"] == len(titles)


# a search looks among the newest `window` articles first, then (too few matches there) through the
# whole archive: the newest matches are the same either way; 50 is more than the seeds hold
@pytest.mark.parametrize("window", [1, 2, 5, 50])
async def test_broad_search_ranks_only_the_newest_matches_and_counts_all(
    seeded: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    query = """{ all: articles(first: 50) { edges { node { id } } }
        matches: articles(first: 50, filter: {search: "domestic violence"}) {
        totalCount edges { node { id } } } }"""
    data = (await gql(seeded, query))["data"]
    # ingestion order is id order (the list itself runs newest first by date)
    everything = sorted((e["node"]["id"] for e in data["all"]["edges"]), key=_row_number)
    matching = {e["node"]["id"] for e in data["matches"]["edges"]}
    newest_three = [i for i in reversed(everything) if i in matching][:3]

    monkeypatch.setattr(queries, "SEARCH_RANKED", 3)
    monkeypatch.setattr(queries, "SEARCH_WINDOW", window)
    bounded = (await gql(seeded, query))["data"]["matches"]
    assert bounded["totalCount"] == len(matching) >= 5
    assert sorted(e["node"]["id"] for e in bounded["edges"]) == sorted(newest_three)


def _never_run(plan: dict[str, Any], gate: str) -> bool:
    """Whether the plan holds a branch behind a one-time filter starting with `gate`, and it never ran."""
    if plan.get("One-Time Filter", "").startswith(gate):
        gated = [p for p in plan.get("Plans", []) if p.get("Parent Relationship") != "InitPlan"]
        return bool(gated) and all(p["Actual Loops"] == 0 for p in gated)
    return any(_never_run(p, gate) for p in plan.get("Plans", []))


# the whole archive is searched only when the window holds too few matches, and the window's matches
# are not used then: each branch is skipped by PostgreSQL itself, not merely filtered afterwards
@pytest.mark.parametrize(("window", "skipped"), [(50, "(NOT"), (1, "$")])
async def test_search_runs_only_the_branch_it_needs(
    seeded: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, window: int, skipped: str
) -> None:
    monkeypatch.setattr(queries, "SEARCH_RANKED", 3)
    monkeypatch.setattr(queries, "SEARCH_WINDOW", window)
    f = queries.ArticleFilter(search="domestic violence")
    stmt = queries._search_page("domestic violence", queries._article_conditions(f), True, Bounds(20))
    engine = seeded._transport.app.state.engine  # type: ignore[attr-defined]
    plans: list[Any] = []

    def explain(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> tuple[str, Any]:
        return "EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters

    async with engine.connect() as conn:
        event.listen(engine.sync_engine, "before_cursor_execute", explain, retval=True)
        try:
            plans.extend((await conn.execute(stmt)).all())
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", explain)
    plan = plans[0][0]
    plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    assert _never_run(plan, skipped), json.dumps(plan)[:2000]
    other = "$" if skipped == "(NOT" else "(NOT"
    assert not _never_run(plan, other)


@pytest.mark.parametrize(
    ("kind", "search", "expected"),
    [
        ("people", "Tokaev", "Kassym-Jomart Tokayev"),  # another transliteration
        ("people", "Токаев", "Kassym-Jomart Tokayev"),  # Cyrillic
        ("people", "smailova", "Dina Smailova"),  # case
        ("organizations", "Prosecutor", "General Prosecutor’s Office"),  # a word inside the name
        ("places", "Kyzylorda", "Kyzylorda region"),
    ],
)
async def test_entity_search_trigram_ranked(
    seeded: httpx.AsyncClient, kind: str, search: str, expected: str
) -> None:
    query = "query($s: String) { %s(first: 5, search: $s) { totalCount edges { node { name } } } }" % kind
    data = (await gql(seeded, query, s=search))["data"][kind]
    names = [e["node"]["name"] for e in data["edges"]]
    assert names and names[0] == expected, names

"""What was ingested, listed in GraphQL: sources, documents and ingestion runs newest first, runs by
state; closed values as enums; the source filter by id or by name in any case; publishedFrom/To
(issue 17, point 3)."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from store.models import IngestionRun
from tests.helpers import CABAR_SEED, SEEDS, TCA_SEED, gql, ingest_inline

pytestmark = pytest.mark.db


async def test_ingested_lists_sources_by_name_with_ids(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, SEEDS)
    query = "{ sources { totalCount edges { node { id name } } } }"
    data = (await gql(client, query))["data"]["sources"]
    names = [e["node"]["name"] for e in data["edges"]]
    assert names == ["CABAR.asia", "The Times of Central Asia"] and data["totalCount"] == 2
    # a source id is a node id, and filters articles
    cabar = data["edges"][0]["node"]["id"]
    node = await gql(client, "query($id: ID!) { node(id: $id) { ... on Source { name } } }", id=cabar)
    assert node["data"]["node"] == {"name": "CABAR.asia"}
    by_id = """query($id: ID) { articles(filter: {sourceId: $id}) { totalCount } }"""
    assert (await gql(client, by_id, id=cabar))["data"]["articles"]["totalCount"] == 9


@pytest.mark.parametrize("name", ["CABAR.asia", "cabar.asia", "CABAR.ASIA"])
async def test_ingested_lists_source_filter_ignores_case(
    ctx: dict[str, Any], client: httpx.AsyncClient, name: str
) -> None:
    await ingest_inline(ctx, SEEDS)
    query = "query($s: String) { articles(filter: {source: $s}) { totalCount } }"
    assert (await gql(client, query, s=name))["data"]["articles"]["totalCount"] == 9


async def test_ingested_lists_source_id_must_be_a_source(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, SEEDS)
    person = (await gql(client, "{ people(first: 1) { edges { node { id } } } }"))["data"]["people"]
    payload = await gql(
        client,
        "query($id: ID) { articles(filter: {sourceId: $id}) { totalCount } }",
        id=person["edges"][0]["node"]["id"],
    )
    error = payload["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "sourceId"}
    assert "must be the id of a Source, got one of a Person" in error["message"]


async def test_ingested_lists_published_from_to_match_listed_on_without_a_date(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, SEEDS)
    query = """{ articles(first: 100, filter: {publishedFrom: "2025-11-14", publishedTo: "2025-11-14"}) {
        edges { node { publishedOn listedOn } } } }"""
    nodes = [e["node"] for e in (await gql(client, query))["data"]["articles"]["edges"]]
    # the Times of Central Asia listing gives no article dates: its day is the listing's
    assert nodes and all(n == {"publishedOn": None, "listedOn": "2025-11-14"} for n in nodes)
    sdl = (await gql(client, '{ __type(name: "ArticleFilter") { inputFields { name description } } }'))[
        "data"
    ]
    described = {f["name"]: f["description"] for f in sdl["__type"]["inputFields"]}
    for name in ("publishedFrom", "publishedTo"):
        assert "compares publishedOn, or listedOn when the article has no publishedOn" in described[name]


async def test_ingested_lists_documents_newest_first(ctx: dict[str, Any], client: httpx.AsyncClient) -> None:
    await ingest_inline(ctx, CABAR_SEED)
    await ingest_inline(ctx, TCA_SEED)
    query = "{ documents { totalCount edges { node { path ingestedAt layout source { name } } } } }"
    data = (await gql(client, query))["data"]["documents"]
    assert data["totalCount"] == 2
    nodes = [e["node"] for e in data["edges"]]
    assert [n["path"] for n in nodes] == [TCA_SEED.name, CABAR_SEED.name]
    assert nodes[0]["ingestedAt"] >= nodes[1]["ingestedAt"]
    assert [n["source"]["name"] for n in nodes] == ["The Times of Central Asia", "CABAR.asia"]


RUNS = """query($s: [RunStatus!]) { ingestionRuns(states: $s) { totalCount edges { node {
    id status state documents } } } }"""


async def test_ingested_lists_runs_newest_first_filtered_by_state(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    first = await ingest_inline(ctx, CABAR_SEED)
    second = await ingest_inline(ctx, SEEDS)
    async with ctx["sessionmaker"].begin() as session:
        await session.execute(update(IngestionRun).where(IngestionRun.id == first.id).values(status="failed"))
    every = (await gql(client, RUNS))["data"]["ingestionRuns"]
    ids = [base64.b64decode(e["node"]["id"]).decode() for e in every["edges"]]
    assert ids == [f"IngestionRun:{second.id}", f"IngestionRun:{first.id}"]
    assert [(e["node"]["status"], e["node"]["state"]) for e in every["edges"]] == [
        ("succeeded", "SUCCEEDED"),
        ("failed", "FAILED"),
    ]
    failed = (await gql(client, RUNS, s=["FAILED"]))["data"]["ingestionRuns"]
    assert failed["totalCount"] == 1 and failed["edges"][0]["node"]["documents"] == 1
    both = (await gql(client, RUNS, s=["FAILED", "SUCCEEDED"]))["data"]["ingestionRuns"]
    assert both["totalCount"] == 2
    none = (await gql(client, RUNS, s=["QUEUED", "RUNNING"]))["data"]["ingestionRuns"]
    assert none == {"totalCount": 0, "edges": []}
    wrong = await gql(client, RUNS, s=["queued"])
    assert "RunStatus" in wrong["errors"][0]["message"]


async def test_ingested_lists_mention_via_is_an_enum(ctx: dict[str, Any], client: httpx.AsyncClient) -> None:
    await ingest_inline(ctx, SEEDS)
    query = "{ articles(first: 100) { edges { node { mentions { via } } } } }"
    edges = (await gql(client, query))["data"]["articles"]["edges"]
    seen = {m["via"] for e in edges for m in e["node"]["mentions"]}
    assert "NAME" in seen and seen <= {"NAME", "DEMONYM"}
    values = await gql(client, '{ __type(name: "MentionVia") { enumValues { name } } }')
    assert {v["name"] for v in values["data"]["__type"]["enumValues"]} == {"NAME", "DEMONYM"}

"""Entities through the API on the seeds: provenance of every mention, roles, filters, related."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import SEEDS, gql, ingest_inline


@pytest.fixture
async def seeded(ctx: dict[str, Any], client: httpx.AsyncClient) -> httpx.AsyncClient:
    await ingest_inline(ctx, SEEDS)
    return client


async def _find(client: httpx.AsyncClient, kind: str, name: str) -> dict[str, Any]:
    query = "query($s: String) { %s(first: 100, search: $s) { edges { node { id name } } } }" % kind
    nodes = [e["node"] for e in (await gql(client, query, s=name))["data"][kind]["edges"]]
    return next(n for n in nodes if n["name"] == name)


async def test_every_mention_slices_back_from_its_document(seeded: httpx.AsyncClient) -> None:
    query = """{ articles(first: 100) { edges { node { title
        document { text } mentions { text start end entity { __typename } } } } } }"""
    edges = (await gql(seeded, query))["data"]["articles"]["edges"]
    total = 0
    for edge in edges:
        text = edge["node"]["document"]["text"]
        for m in edge["node"]["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"], (edge["node"]["title"], m)
            total += 1
    assert total > 100


async def test_person_canonical_name_aliases_and_both_roles(seeded: httpx.AsyncClient) -> None:
    karin = await _find(seeded, "people", "Yerlan Karin")
    query = """query($id: ID!) { node(id: $id) { ... on Person { name aliases
        roles { title former article { title } } articles(first: 10) { totalCount } } } }"""
    node = (await gql(seeded, query, id=karin["id"]))["data"]["node"]
    assert "Karin" in node["aliases"]
    titles = {r["title"] for r in node["roles"]}
    assert {"State Councilor", "State Secretary"} <= titles  # both kept, each with its article
    assert len({r["article"]["title"] for r in node["roles"]}) == 2
    assert node["articles"]["totalCount"] == 2


async def test_former_role_flag(seeded: httpx.AsyncClient) -> None:
    person = await _find(seeded, "people", "Kuandyk Bishimbayev")
    query = "query($id: ID!) { node(id: $id) { ... on Person { roles { title former } } } }"
    roles = (await gql(seeded, query, id=person["id"]))["data"]["node"]["roles"]
    assert roles and all(r["former"] for r in roles)


async def test_article_links_exclude_byline_author(seeded: httpx.AsyncClient) -> None:
    query = """{ articles(first: 100, filter: {source: "CABAR.asia"}) { edges { node {
        title author { name } people { name } } } } }"""
    for edge in (await gql(seeded, query))["data"]["articles"]["edges"]:
        node = edge["node"]
        if node["author"]:
            assert node["author"]["name"] not in {p["name"] for p in node["people"]}


@pytest.mark.parametrize(
    ("kind", "name", "argument", "expected"),
    [
        ("people", "Saltanat Nukenova", "personId", 4),
        ("organizations", "NeMolchi.kz", "organizationId", 2),
        ("places", "Almaty", "placeId", 3),
    ],
)
async def test_articles_filtered_by_entity(
    seeded: httpx.AsyncClient, kind: str, name: str, argument: str, expected: int
) -> None:
    entity = await _find(seeded, kind, name)
    query = "query($f: ArticleFilter) { articles(filter: $f) { totalCount } }"
    data = (await gql(seeded, query, f={argument: entity["id"]}))["data"]["articles"]
    assert data["totalCount"] == expected


async def test_entity_filter_rejects_an_id_of_another_type(seeded: httpx.AsyncClient) -> None:
    place = await _find(seeded, "places", "Almaty")
    query = "query($f: ArticleFilter) { articles(filter: $f) { totalCount } }"
    payload = await gql(seeded, query, f={"personId": place["id"]})
    assert "must be the id of a Person" in payload["errors"][0]["message"]


async def test_place_kinds_and_organization_people(seeded: httpx.AsyncClient) -> None:
    query = "{ places(first: 100) { edges { node { name kind } } } }"
    kinds = {
        e["node"]["name"]: e["node"]["kind"] for e in (await gql(seeded, query))["data"]["places"]["edges"]
    }
    assert kinds["Kazakhstan"] == "country"
    assert kinds["Almaty"] == "city"
    assert kinds["East Kazakhstan Province"] == "region"
    assert "Kazakh" not in kinds  # a demonym is never a place


async def test_related_prefers_rare_shared_entities(seeded: httpx.AsyncClient) -> None:
    query = """{ articles(first: 100) { edges { node { title
        people { name } organizations { name } places { name } related(first: 3) { title } } } } }"""
    nodes = {e["node"]["title"]: e["node"] for e in (await gql(seeded, query))["data"]["articles"]["edges"]}

    def names(node: dict[str, Any]) -> set[str]:
        return {e["name"] for key in ("people", "organizations", "places") for e in node[key]}

    everywhere = set.intersection(*(names(n) for n in nodes.values()))
    assert everywhere == {"Kazakhstan"}
    for title, node in nodes.items():
        assert title not in [r["title"] for r in node["related"]]
        if node["related"]:
            top = nodes[node["related"][0]["title"]]
            # the best match shares something rarer than the country every article names
            assert names(node) & names(top) - everywhere, (title, top["title"])
    montenegro = nodes["Montenegro Will Not Extradite NeMolchi Founder to Kazakhstan"]
    assert montenegro["related"]


async def test_reingest_keeps_node_ids(ctx: dict[str, Any], seeded: httpx.AsyncClient) -> None:
    query = "{ people(first: 100) { edges { node { id name } } } }"
    before = (await gql(seeded, query))["data"]
    await ingest_inline(ctx, SEEDS)
    assert (await gql(seeded, query))["data"] == before


_EVIDENCE_OF_ARTICLES = """{ articles(first: 100) { edges { node {
    author { name %(f)s } people { name %(f)s } organizations { name %(f)s } places { name %(f)s } } } } }"""


async def test_entities_evidence_is_served_for_every_kind(seeded: httpx.AsyncClient) -> None:
    edges = (await gql(seeded, _EVIDENCE_OF_ARTICLES % {"f": "evidence"}))["data"]["articles"]["edges"]
    authors = [e["node"]["author"] for e in edges if e["node"]["author"]]
    assert authors and all("byline" in a["evidence"] for a in authors)
    for kind in ("people", "organizations", "places"):
        served = [entity for e in edges for entity in e["node"][kind]]
        assert served, kind
        # every entity a page named says what found it, and says each thing once
        assert all(x["evidence"] and len(set(x["evidence"])) == len(x["evidence"]) for x in served), kind
    almaty = await _find(seeded, "places", "Almaty")
    query = "query($id: ID!) { node(id: $id) { ... on Place { evidence } } }"
    assert (await gql(seeded, query, id=almaty["id"]))["data"]["node"]["evidence"]


async def test_entities_evidence_costs_no_statement(seeded: httpx.AsyncClient) -> None:
    from tests.api.test_statement_count import _count

    # evidence is a column of the entity rows the loaders already read
    without, _ = await _count(seeded, _EVIDENCE_OF_ARTICLES % {"f": ""})
    with_evidence, _ = await _count(seeded, _EVIDENCE_OF_ARTICLES % {"f": "evidence"})
    assert with_evidence == without

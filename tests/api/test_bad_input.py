"""Bad arguments, ids and cursors get BAD_USER_INPUT naming the argument and the problem, never an
internal error (issue 14, point 3)."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from tests.helpers import SEEDS, gql, ingest_inline

pytestmark = pytest.mark.db


def gid(raw: str) -> str:
    return base64.b64encode(raw.encode()).decode()


def cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode()


async def post_raw(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    # json.dumps escapes a lone surrogate as \ud800, as a client's JSON encoder would send it
    body = json.dumps({"query": query, "variables": variables})
    response = await client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    return payload


def refused(payload: dict[str, Any], argument: str, *words: str) -> None:
    error = payload["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["extensions"].get("argument") == argument, error
    for word in words:
        assert word in error["message"], error


@pytest.mark.parametrize(
    ("query", "variables", "argument", "words"),
    [
        ('{ articles(filter: {search: "a\\u0000b"}) { totalCount } }', {}, "filter.search", ["NUL"]),
        ('{ articles(filter: {source: "x\\u0000"}) { totalCount } }', {}, "filter.source", ["NUL"]),
        ('{ rates(base: "K\\u0000") { totalCount } }', {}, "base", ["NUL"]),
        ('{ people(search: "x\\u0000") { totalCount } }', {}, "search", ["NUL"]),
        (
            "query($s: String) { articles(filter: {search: $s}) { totalCount } }",
            {"s": "a\ud800b"},
            "filter.search",
            ["lone surrogate", "U+D800"],
        ),
        (
            "query($f: ArticleFilter) { articles(filter: $f) { totalCount } }",
            {"f": {"source": "x\udfff"}},
            "filter.source",
            ["lone surrogate"],
        ),
        (
            'mutation { ingestDocument(text: "Title\\n\\nBody \\u0000 text") { id } }',
            {},
            "text",
            ["NUL"],
        ),
    ],
)
async def test_bad_input_text_no_column_can_hold(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], argument: str, words: list[str]
) -> None:
    payload = await post_raw(client, query, variables)
    assert payload["data"] is None
    refused(payload, argument, *words)


NODE = "query($id: ID!) { node(id: $id) { id } }"
FILTER = '{ articles(filter: {%s: "%s"}) { totalCount } }'


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("Foo:1", ["'Foo'", "Article, Document"]),
        ("Role:1", ["'Role'"]),
        ("article:1", ["'article'"]),
        ("Article:99999999999999999999999", ["not a row number"]),
        ("Article:01", ["'01'"]),
        ("Article: 1", ["' 1'"]),
        ("Article:-1", ["'-1'"]),
        ("Person:1.0", ["'1.0'"]),
    ],
)
async def test_bad_input_node_ids(client: httpx.AsyncClient, raw: str, words: list[str]) -> None:
    payload = await gql(client, NODE, id=gid(raw))
    assert payload["data"] == {"node": None}
    refused(payload, "id", *words)


async def test_bad_input_canonical_node_id_still_reads(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, SEEDS)
    payload = await gql(
        client, "query($id: ID!) { node(id: $id) { ... on Article { title } } }", id=gid("Article:1")
    )
    assert payload["data"]["node"]["title"]


@pytest.mark.parametrize(
    ("query", "argument"),
    [
        (
            '{ articles(filter: {personId: "%s"}) { totalCount } }' % gid("Person:99999999999999999999999"),
            "personId",
        ),
        (FILTER % ("placeId", gid("Place:007")), "placeId"),
        ('{ articles(after: "%s") { totalCount } }' % cursor("Article:99999999999999999999999"), "after"),
        ('{ articles(after: "%s") { totalCount } }' % cursor("Article:NaN:3"), "after"),
        ('{ rates(after: "%s") { totalCount } }' % cursor("Rate:99999999999999999999999"), "after"),
        ('{ people(after: "%s") { totalCount } }' % cursor("Person:1e400:1"), "after"),
        ('{ ingestionRun(id: "{12345678-1234-5678-1234-567812345678}") { id } }', "id"),
    ],
)
async def test_bad_input_ids_and_cursors_out_of_range(
    client: httpx.AsyncClient, query: str, argument: str
) -> None:
    payload = await gql(client, query)
    refused(payload, argument)


async def test_bad_input_organization_id_where_person_expected(client: httpx.AsyncClient) -> None:
    payload = await gql(
        client, '{ articles(filter: {personId: "%s"}) { totalCount } }' % gid("Organization:1")
    )
    refused(payload, "personId", "must be the id of a Person, got one of an Organization")


async def test_bad_input_non_ascii_bearer_token_is_forbidden_not_a_fault(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"admin_token": SecretStr("s3cret")}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            for header in (
                "Bearer ü".encode(),
                "Bearer \xff\xfe".encode("latin-1"),
                b"Bearer s3cret\xc3\xbc",
            ):
                response = await client.post(
                    "/graphql",
                    json={"query": "mutation { reingest { id } }"},
                    headers={"authorization": header},  # type: ignore[dict-item]
                )
                assert response.status_code == 200
                error = response.json()["errors"][0]
                assert error["extensions"]["code"] == "FORBIDDEN", error

"""deleteDocument's answers to ids it cannot delete, and to callers who may not."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from tests.helpers import TCA_SEED, gql, ingest_inline

DELETE = "mutation($id: ID!) { deleteDocument(id: $id) { deleted documentId articlesDeleted run { id } } }"


def _gid(type_name: str, node_id: str) -> str:
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (_gid("Article", "1"), "`id` must be the id of a Document, got one of an Article"),
        (_gid("Person", "1"), "`id` must be the id of a Document, got one of a Person"),
        (_gid("Document", "01"), "`id` is not an id of this API"),
        (_gid("Document", "x"), "`id` is not an id of this API"),
    ],
)
async def test_delete_document_refuses_what_is_not_a_document_id(
    client: httpx.AsyncClient, given: str, says: str
) -> None:
    payload = await gql(client, DELETE, id=given)
    assert payload["data"] is None
    (error,) = payload["errors"]
    assert error["message"].startswith(says), error
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_delete_document_of_an_unknown_id_deletes_nothing(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, TCA_SEED)
    count = "{ articles { totalCount } }"
    before = (await gql(client, count))["data"]["articles"]["totalCount"]
    gid = _gid("Document", "999999")
    payload = await gql(client, DELETE, id=gid)
    assert payload["data"]["deleteDocument"] == {
        "deleted": False,
        "documentId": gid,
        "articlesDeleted": 0,
        "run": None,
    }
    assert (await gql(client, count))["data"]["articles"]["totalCount"] == before


async def test_delete_document_needs_the_admin_token(ctx: dict[str, Any], settings: Settings) -> None:
    await ingest_inline(ctx, TCA_SEED)
    guarded = settings.model_copy(update={"admin_token": SecretStr("s3cret")})
    app = create_app(guarded)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            documents = await gql(http, "{ articles(first: 1) { edges { node { document { id } } } } }")
            gid = documents["data"]["articles"]["edges"][0]["node"]["document"]["id"]
            refused = await gql(http, DELETE, id=gid)
            assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
            assert (await gql(http, "{ articles { totalCount } }"))["data"]["articles"]["totalCount"] == 6

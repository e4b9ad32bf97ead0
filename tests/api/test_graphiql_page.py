"""The GraphiQL page: served from this app's own assets, with example tabs that work on the seeds."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import httpx
import pytest

from api import graphiql
from api.app import create_app
from api.settings import Settings
from tests.helpers import SEEDS, gql, ingest_inline


@pytest.mark.parametrize(("name", "integrity"), sorted(graphiql.ASSETS.items()))
def test_graphiql_vendored_assets_match_their_integrity(name: str, integrity: str) -> None:
    # the browser refuses a file whose hash differs: a re-vendored file needs its new hash in ASSETS
    digest = hashlib.sha384((graphiql.STATIC_DIR / name).read_bytes()).digest()
    assert integrity == "sha384-" + base64.b64encode(digest).decode()


def test_graphiql_page_loads_nothing_from_other_hosts() -> None:
    html = graphiql.page("/graphiql-static")
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    assert all(u.startswith("/graphiql-static/") or u.startswith("data:") for u in urls), urls
    assert "unpkg.com" not in html
    assert "jsdelivr" not in html


def test_graphiql_page_escapes_script_end_in_queries() -> None:
    assert "</script>" not in graphiql._json_for_script({"q": "</script><b>"})


@pytest.mark.db
async def test_graphiql_page_and_assets_are_served(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "query LatestArticles" in page.text
    for name in graphiql.ASSETS:
        asset = await client.get(f"/graphiql-static/{name}")
        assert asset.status_code == 200, name
        assert asset.content == (graphiql.STATIC_DIR / name).read_bytes()


@pytest.mark.db
async def test_graphiql_assets_are_not_served_when_graphiql_is_off(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"graphiql": False}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            assert (await http.get("/graphiql-static/graphiql.min.js")).status_code == 404


@pytest.mark.db
async def test_graphiql_page_opens_a_shared_query_link(client: httpx.AsyncClient) -> None:
    # a browser following /graphql?query=... gets the page (which opens the query in a tab of its own);
    # an API client's GET with the same link gets the answer
    link = "/graphql?query=%7B%20articles%20%7B%20totalCount%20%7D%20%7D"
    page = await client.get(link, headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "GraphiQL" in page.text
    for accept in ("application/json", "*/*", "application/graphql-response+json"):
        answer = await client.get(link, headers={"accept": accept})
        assert answer.json()["data"] == {"articles": {"totalCount": 0}}, accept


@pytest.mark.db
async def test_graphiql_example_tabs_answer_on_the_seeds(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, SEEDS)
    for query in (graphiql.DEFAULT_QUERY, *graphiql.EXAMPLE_QUERIES):
        payload = await gql(client, query)
        assert "errors" not in payload, (query, payload["errors"])
        # each example finds something on the seeds: a tab that shows an empty list teaches nothing
        first_list = next(iter(payload["data"].values()))
        assert first_list["edges"], query

"""Walking a connection page by page, forward and backward, as a Relay client does."""

from __future__ import annotations

from typing import Any

import httpx

from tests.helpers import gql

PAGE = (
    "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }"
)


def query(path: str, args: str, paging: str) -> str:
    """A query whose innermost connection is `path`'s last field: "people(...).articles" nests it."""
    *outer, inner = path.split(".")
    args = ", ".join(a for a in (args, paging) if a)
    body = f"{inner}({args}) {{ {PAGE} }}"
    for field in reversed(outer):
        body = f"{field} {{ edges {{ node {{ {body} }} }} }}"
    declared = [d for d in ("$n: Int", "$c: String") if d.split(":")[0] in paging]
    return f"query{'(' + ', '.join(declared) + ')' if declared else ''} {{ {body} }}"


def dig(data: Any, path: str) -> dict[str, Any]:
    for field in path.split("."):
        name = field.partition("(")[0]
        data = data[name]
        if field != path.split(".")[-1]:
            data = data["edges"][0]["node"]
    return data  # type: ignore[no-any-return]


async def page(client: httpx.AsyncClient, path: str, args: str, paging: str, **variables: Any) -> Any:
    payload = await gql(client, query(path, args, paging), **variables)
    assert "errors" not in payload, payload["errors"]
    return dig(payload["data"], path)


async def everything(client: httpx.AsyncClient, path: str, args: str) -> list[str]:
    whole = await page(client, path, args, "first: 100")
    assert not whole["pageInfo"]["hasNextPage"] and not whole["pageInfo"]["hasPreviousPage"]
    assert whole["totalCount"] == len(whole["edges"])
    return [e["node"]["id"] for e in whole["edges"]]


async def forward(client: httpx.AsyncClient, path: str, args: str, size: int) -> list[list[str]]:
    """Pages read with first/after until hasNextPage is false, each page's flags checked."""
    pages: list[list[str]] = []
    cursor = None
    while True:
        got = await page(client, path, args, "first: $n, after: $c", n=size, c=cursor)
        info = got["pageInfo"]
        ids = [e["node"]["id"] for e in got["edges"]]
        assert info["hasPreviousPage"] is (cursor is not None), (path, args, len(pages))
        if got["edges"]:
            assert (info["startCursor"], info["endCursor"]) == (
                got["edges"][0]["cursor"],
                got["edges"][-1]["cursor"],
            )
        pages.append(ids)
        if not info["hasNextPage"]:
            return pages
        assert len(ids) == size
        cursor = info["endCursor"]


async def backward(client: httpx.AsyncClient, path: str, args: str, size: int) -> list[list[str]]:
    """Pages read with last/before until hasPreviousPage is false, first page of the list first."""
    pages: list[list[str]] = []
    cursor = None
    while True:
        got = await page(client, path, args, "last: $n, before: $c", n=size, c=cursor)
        info = got["pageInfo"]
        ids = [e["node"]["id"] for e in got["edges"]]
        assert info["hasNextPage"] is (cursor is not None), (path, args, len(pages))
        pages.insert(0, ids)
        if not info["hasPreviousPage"]:
            return pages
        assert len(ids) == size
        cursor = info["startCursor"]

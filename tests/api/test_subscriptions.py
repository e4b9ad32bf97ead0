"""Subscriptions over graphql-transport-ws, driven by a real websocket client against `newsgraph serve`:
a run's counters pushed as its documents finish, and an alert on a person (issue 17, point 5)."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from api.settings import Settings
from store import runs
from tests.api.conftest import serving
from tests.helpers import CABAR_SEED, SEEDS, TCA_SEED, ingest_inline
from workers.jobs import finish_run, ingest_file

pytestmark = pytest.mark.db

WAIT_S = 15.0
FOLLOW = "subscription($id: ID!) { ingestionRun(id: $id) { status documents documentsDone errors } }"
ALERT = """subscription($id: ID!) { articleAdded(filter: {personId: $id}) {
    title source { name } people { name } } }"""

# a page of our own in the byline-listing layout: one story names the person followed, one does not
NEW_PAGE = "\n\n".join(
    [
        "Kazakhstan: Shelters for Survivors Open in Three Regions",
        "Aigerim Sadykova 14.09.25",
        "State Councilor Yerlan Karin said new crisis centres would open in Karaganda, Pavlodar and "
        "Kostanay by December, each with a lawyer and a psychologist on staff. (more…)",
        "Kyrgyzstan: Apricot Growers Count Their Losses",
        "Nurlan Toktomushev 12.09.25",
        "Late frost destroyed half of the apricot harvest in Batken, farmers say, and the regional "
        "administration has promised compensation. (more…)",
    ]
)


async def _connect(base: str) -> ClientConnection:
    ws = await websockets.connect(
        base.replace("http://", "ws://") + "/graphql",
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
    )
    await ws.send(json.dumps({"type": "connection_init"}))
    ack = json.loads(await asyncio.wait_for(ws.recv(), WAIT_S))
    assert ack["type"] == "connection_ack", ack
    return ws


async def _subscribe(ws: ClientConnection, sid: str, query: str, **variables: Any) -> None:
    await ws.send(
        json.dumps({"id": sid, "type": "subscribe", "payload": {"query": query, "variables": variables}})
    )


async def _next(ws: ClientConnection, wait: float = WAIT_S) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), wait))
    return message


@pytest.fixture
async def ws_server(settings: Settings, tmp_path: Path) -> AsyncIterator[str]:
    with serving(settings, tmp_path / "serve.log", NEWSGRAPH_SUBSCRIPTION_POLL="0.1") as base:
        yield base


def _run_gid(run_id: Any) -> str:
    return base64.b64encode(f"IngestionRun:{run_id}".encode()).decode()


async def test_subscriptions_ingestion_run_pushes_counters_until_done(
    ctx: dict[str, Any], ws_server: str
) -> None:
    files = [str(TCA_SEED), str(CABAR_SEED)]
    async with ctx["sessionmaker"].begin() as session:
        run_id = await runs.create_run(session, "ingest", files)
    ws = await _connect(ws_server)
    try:
        await _subscribe(ws, "1", FOLLOW, id=_run_gid(run_id))
        first = await _next(ws)
        assert first["type"] == "next", first
        assert first["payload"]["data"]["ingestionRun"] == {
            "status": "queued",
            "documents": 2,
            "documentsDone": 0,
            "errors": [],
        }
        seen = [first["payload"]["data"]["ingestionRun"]]
        for path in files:
            await ingest_file(ctx, str(run_id), path)
            # each document's outcome is pushed before the next one is stored
            while seen[-1]["documentsDone"] < files.index(path) + 1:
                message = await _next(ws)
                assert message["type"] == "next", message
                seen.append(message["payload"]["data"]["ingestionRun"])
        await finish_run(ctx, str(run_id))
        while True:
            message = await _next(ws)
            if message["type"] == "complete":
                break
            seen.append(message["payload"]["data"]["ingestionRun"])
    finally:
        await ws.close()
    done = [s["documentsDone"] for s in seen]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 2
    assert seen[-1]["status"] == "succeeded"
    assert any(s["status"] == "running" for s in seen)


async def test_subscriptions_article_added_alerts_on_a_person(
    ctx: dict[str, Any], ws_server: str, tmp_path: Path
) -> None:
    await ingest_inline(ctx, SEEDS)
    async with httpx.AsyncClient() as http:
        found = await http.post(
            f"{ws_server}/graphql",
            json={"query": '{ people(first: 1, search: "Karin") { edges { node { id name } } } }'},
        )
    person = found.json()["data"]["people"]["edges"][0]["node"]
    assert person["name"] == "Yerlan Karin"
    ws = await _connect(ws_server)
    try:
        await _subscribe(ws, "a", ALERT, id=person["id"])
        # what is already stored is not news: nothing comes while nothing is ingested
        with pytest.raises(TimeoutError):
            await _next(ws, wait=1.0)
        page = tmp_path / "new_listing.txt"
        page.write_text(NEW_PAGE, encoding="utf-8")
        await ingest_inline(ctx, page)
        message = await _next(ws)
        assert message["type"] == "next", message
        article = message["payload"]["data"]["articleAdded"]
        assert article["title"] == "Kazakhstan: Shelters for Survivors Open in Three Regions"
        assert "Yerlan Karin" in [p["name"] for p in article["people"]]
        # the story that does not name him, and the same story again, are never pushed
        await ingest_inline(ctx, page)
        with pytest.raises(TimeoutError):
            await _next(ws, wait=1.5)
        await ws.send(json.dumps({"id": "a", "type": "complete"}))
    finally:
        await ws.close()


@pytest.mark.parametrize(
    ("query", "variables", "words"),
    [
        (FOLLOW, {"id": _run_gid("12345678-1234-5678-1234-567812345678")}, "no ingestion run"),
        (FOLLOW, {"id": "not-a-run"}, "not an ingestion run id"),
        (ALERT, {"id": base64.b64encode(b"Person:999999").decode()}, "no entity has the id 999999"),
        (ALERT, {"id": base64.b64encode(b"Place:1").decode()}, "must be the id of a Person"),
        ("subscription { articleAdded(filter: {}) { title } }", {}, "names no entity"),
    ],
)
async def test_subscriptions_bad_arguments_are_errors(
    ws_server: str, query: str, variables: dict[str, Any], words: str
) -> None:
    ws = await _connect(ws_server)
    try:
        await _subscribe(ws, "x", query, **variables)
        message = await _next(ws)
    finally:
        await ws.close()
    assert message["type"] in ("error", "next"), message
    payload = message["payload"]
    errors = payload if isinstance(payload, list) else payload["errors"]
    assert words in errors[0]["message"], errors
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", errors


async def test_subscriptions_capped_per_process(
    ctx: dict[str, Any], settings: Settings, tmp_path: Path
) -> None:
    async with ctx["sessionmaker"].begin() as session:
        run_id = await runs.create_run(session, "ingest", [str(TCA_SEED)])
    with serving(settings, tmp_path / "serve.log", NEWSGRAPH_MAX_SUBSCRIPTIONS="1") as base:
        first, second = await _connect(base), await _connect(base)
        try:
            await _subscribe(first, "1", FOLLOW, id=_run_gid(run_id))
            assert (await _next(first))["type"] == "next"
            await _subscribe(second, "2", FOLLOW, id=_run_gid(run_id))
            refused = await _next(second)
        finally:
            await first.close()
            await second.close()
    errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "holds 1 subscriptions already" in errors[0]["message"]


async def test_subscriptions_mutations_are_refused_over_the_websocket(ws_server: str) -> None:
    ws = await _connect(ws_server)
    try:
        await _subscribe(ws, "m", "mutation { reingest { id } }")
        message = await _next(ws)
    finally:
        await ws.close()
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN", errors


async def test_subscriptions_over_http_are_refused_with_a_clear_error(ws_server: str) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{ws_server}/graphql", json={"query": FOLLOW, "variables": {"id": "x"}})
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "runs over a websocket" in error["message"]

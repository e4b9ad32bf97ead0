"""Structured logging: a request id on every line of a request, JSON lines that parse, slow SQL without
parameters, and secrets never written."""

from __future__ import annotations

import base64
import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import make_url

from api import logging as api_logging
from api.app import create_app
from api.settings import Settings

pytestmark = pytest.mark.db

TOKEN = "tok-3f9a1c-not-for-logs"
PASSWORD = "pw-77e2b0-not-for-logs"
SEARCH = "needle-7c1d-parameter"


@pytest.fixture
def logged_settings(settings: Settings) -> Settings:
    # trust auth ignores the password, so the app still connects; it is there to be kept out of the log
    url = make_url(settings.database_url).set(password=PASSWORD).render_as_string(hide_password=False)
    return settings.model_copy(
        update={
            "database_url": url,
            "admin_token": SecretStr(TOKEN),
            "log_format": "json",
            "slow_query_ms": 0,  # every statement counts as slow: each request writes SQL lines
        }
    )


@pytest.fixture
def log_stream(logged_settings: Settings) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = api_logging.configure(logged_settings, stream=stream)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture
async def http(logged_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(logged_settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


async def test_logging_lines_of_a_request_share_its_id(
    log_stream: io.StringIO, http: httpx.AsyncClient
) -> None:
    query = {"query": "{ articles(first: 1) { totalCount edges { node { title } } } }"}
    given = await http.post("/graphql", json=query, headers={"X-Request-ID": "client-id-42"})
    made = await http.post("/graphql", json=query)
    assert given.headers["x-request-id"] == "client-id-42"
    generated = made.headers["x-request-id"]
    assert generated
    assert generated != "client-id-42"

    lines = _lines(log_stream)
    for rid in ("client-id-42", generated):
        mine = [line for line in lines if line["request_id"] == rid]
        loggers = {line["logger"] for line in mine}
        assert {"newsgraph.sql", "newsgraph.request"} <= loggers, mine
        finished = next(line for line in mine if line["logger"] == "newsgraph.request")
        assert (finished["method"], finished["path"], finished["status"]) == ("POST", "/graphql", 200)
        assert all(line["duration_ms"] >= 0 for line in mine if line["logger"] == "newsgraph.sql")


async def test_logging_refuses_an_unsafe_request_id(log_stream: io.StringIO, http: httpx.AsyncClient) -> None:
    # a header that could forge log lines (newlines, quotes) is replaced, not echoed
    response = await http.get("/healthz", headers={"X-Request-ID": 'x" level=ERROR\tfake'})
    assert response.headers["x-request-id"] != 'x" level=ERROR\tfake'
    assert len(response.headers["x-request-id"]) == 32


async def test_logging_json_lines_parse(log_stream: io.StringIO, http: httpx.AsyncClient) -> None:
    await http.get("/healthz")
    logging.getLogger("newsgraph.test").warning('quote " and newline\n inside', extra={"n": 1})
    lines = _lines(log_stream)  # json.loads on every line: a line that is not JSON fails here
    assert lines
    assert all({"ts", "level", "logger", "message", "request_id"} <= set(line) for line in lines)
    mine = next(line for line in lines if line["logger"] == "newsgraph.test")
    assert mine["message"] == 'quote " and newline\n inside'
    assert (mine["n"], mine["request_id"]) == (1, "-")


async def test_logging_never_writes_secrets_or_sql_parameters(
    log_stream: io.StringIO, http: httpx.AsyncClient, logged_settings: Settings
) -> None:
    search = {"query": "query($s: String) { people(search: $s) { totalCount } }", "variables": {"s": SEARCH}}
    await http.post("/graphql", json=search)
    await http.post(
        "/graphql",
        json={"query": "mutation { reingest { id } }"},
        headers={"Authorization": f"Bearer {TOKEN}-wrong"},
    )
    # even a careless line that prints them verbatim is redacted by the handler
    logging.getLogger("newsgraph.test").error("settings: %s token=%s", logged_settings.database_url, TOKEN)
    try:
        raise RuntimeError(f"boom {TOKEN}")
    except RuntimeError:
        logging.getLogger("newsgraph.test").exception("failed")

    written = log_stream.getvalue()
    assert "newsgraph.sql" in written  # statements were logged ...
    assert SEARCH not in written  # ... without their parameters
    assert TOKEN not in written
    assert PASSWORD not in written
    assert "***" in written


def test_logging_text_format_carries_the_request_id(settings: Settings) -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = api_logging.configure(settings, stream=stream)
    token = api_logging.request_id.set("rid-text-1")
    try:
        logging.getLogger("newsgraph.test").warning("hello")
    finally:
        api_logging.request_id.reset(token)
        root.removeHandler(handler)
        root.setLevel(level)
    assert "WARNING newsgraph.test [rid-text-1] hello" in stream.getvalue()


def test_logging_unknown_format_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="text or json"):
        api_logging.configure(settings.model_copy(update={"log_format": "xml"}))


async def test_logging_user_errors_at_info_without_traceback(
    log_stream: io.StringIO, http: httpx.AsyncClient
) -> None:
    bad = base64.b64encode(b"Foo:1").decode()
    await http.post(
        "/graphql", json={"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": bad}}
    )
    await http.post("/graphql", json={"query": "{ articles(first: 0) { totalCount } }"})
    refusals = [line for line in _lines(log_stream) if line["logger"] == "strawberry.execution"]
    assert len(refusals) == 2, refusals
    for line in refusals:
        assert line["level"] == "INFO"
        assert "exc_info" not in line
        assert line["message"].startswith("refused (BAD_USER_INPUT): ")


async def test_logging_faults_at_error_with_traceback(
    log_stream: io.StringIO, http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import queries

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in the page query")

    monkeypatch.setattr(queries, "article_page", broken)
    response = await http.post("/graphql", json={"query": "{ articles { totalCount } }"})
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    faults = [line for line in _lines(log_stream) if line["logger"] == "strawberry.execution"]
    assert [line["level"] for line in faults] == ["ERROR"]
    assert "a bug in the page query" in faults[0]["exc_info"]


async def test_logging_echoed_values_are_cut(log_stream: io.StringIO, http: httpx.AsyncClient) -> None:
    huge = "A" * 1_000_000
    long_cursor = base64.urlsafe_b64encode(b"Article:" + b"9" * 1_000_000).decode()
    page = "query($c: String) { articles(after: $c) { totalCount } }"
    cursor = await http.post("/graphql", json={"query": page, "variables": {"c": long_cursor}})
    variable = await http.post(
        "/graphql", json={"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": huge}}
    )
    for response in (cursor, variable):
        message = response.json()["errors"][0]["message"]
        assert len(response.content) < 2_000, len(response.content)
        assert "QXJ0aWNsZTo5" in message or "AAAA" in message
        assert "…" in message
    assert len(log_stream.getvalue()) < 20_000


async def test_logging_database_errors_name_no_parameters(
    log_stream: io.StringIO, logged_settings: Settings
) -> None:
    from sqlalchemy import text

    from store.db import make_engine

    engine = make_engine(logged_settings.database_url)
    try:
        for sql in ("SELECT CAST(:v AS integer)", "SELECT CAST(CAST(:v AS text) AS integer)"):
            async with engine.connect() as conn:
                try:
                    await conn.execute(text(sql), {"v": SEARCH})
                except Exception:
                    logging.getLogger("newsgraph.test").exception("statement failed")
    finally:
        await engine.dispose()
    failures = [line for line in _lines(log_stream) if line["logger"] == "newsgraph.test"]
    assert len(failures) == 2
    written = log_stream.getvalue()
    assert "SELECT CAST" in written  # the statement is named ...
    assert "value hidden" in written
    assert SEARCH not in written  # ... its value is not

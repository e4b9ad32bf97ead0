"""What /graphql does with malformed, oversized and differently accepted requests (api/graphql_http.py):
each refusal a 4xx with a GraphQL-style error naming the problem, and answers in the media type the
client asked for, as the GraphQL-over-HTTP spec says."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.graphql_http import GRAPHQL_RESPONSE, JSON, negotiate
from api.settings import Settings
from tests.conftest import REDIS_URL, fresh_database

POST_JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
async def base(template_url: str) -> AsyncIterator[Settings]:
    # one database for the module: nothing here writes, and most cases are refused before any query
    async with fresh_database(template_url) as url:
        yield Settings(DATABASE_URL=url, REDIS_URL=REDIS_URL)


@pytest.fixture(scope="module")
async def client(base: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with _app(base) as http:
        yield http


@contextlib.asynccontextmanager
async def _app(settings: Settings, **update: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings.model_copy(update=update))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            yield http


def _error(response: httpx.Response) -> dict[str, Any]:
    payload = response.json()
    assert "data" not in payload, payload
    [error] = payload["errors"]
    assert set(error) == {"message", "extensions"}
    result: dict[str, Any] = error
    return result


@pytest.mark.parametrize(
    ("body", "words"),
    [
        pytest.param(b'"hello"', "must be a JSON object (one operation) or a list of objects", id="string"),
        pytest.param(b"12", "or a list of objects (a batch), not a number", id="number"),
        pytest.param(b"null", "not null", id="null"),
        pytest.param(b"true", "not a boolean", id="boolean"),
        pytest.param(b"[1,2]", "batch item 0: an operation must be a JSON object, not a number", id="list"),
        pytest.param(
            b'[{"query":"{ __typename }"},"x"]', "batch item 1: an operation must be", id="mixed-list"
        ),
        pytest.param(b"[]", "the batch is empty", id="empty-batch"),
        pytest.param(b"\xff\xfe{}", "not valid UTF-8 (byte 0xff at offset 0)", id="not-utf8"),
        pytest.param(b'{"query":"\xc3("}', "not valid UTF-8 (byte 0xc3 at offset 10)", id="bad-utf8-inside"),
        pytest.param(b"[" * 100_000, "nests JSON arrays or objects too deeply", id="deep-nesting"),
        pytest.param(b'{"query": "{ x', "is not valid JSON: Unterminated string", id="truncated"),
        pytest.param(b"", "is not valid JSON", id="empty"),
        pytest.param(b'{"query":"{ __typename }","variables":{"n":NaN}}', "NaN is not JSON", id="nan"),
        pytest.param(
            b'{"query":"{ __typename }","variables":{"n":' + b"9" * 5000 + b"}}", "digits", id="huge-int"
        ),
        pytest.param(b"{}", 'no GraphQL document: send it as "query"', id="no-query"),
        pytest.param(b'{"query": 5}', "`query` must be a string, not a number", id="query-number"),
        pytest.param(
            b'{"query":"{ __typename }","variables":"x"}',
            "`variables` must be an object or null, not a string",
            id="variables-string",
        ),
        pytest.param(
            b'{"query":"{ __typename }","variables":[1]}',
            "`variables` must be an object or null, not a list",
            id="variables-list",
        ),
        pytest.param(
            b'{"query":"{ __typename }","extensions":5}',
            "`extensions` must be an object or null, not a number",
            id="extensions-number",
        ),
        pytest.param(
            b'{"query":"{ __typename }","operationName":{"a":1}}',
            "`operationName` must be a string or null, not an object",
            id="operation-name-object",
        ),
        pytest.param(
            b'[{"query":"{ __typename }"},{"query":"{ __typename }","variables":7}]',
            "batch item 1: `variables` must be an object or null, not a number",
            id="batch-item-variables",
        ),
    ],
)
async def test_http_malformed_body_is_a_400_naming_the_problem(
    client: httpx.AsyncClient, body: bytes, words: str
) -> None:
    response = await client.post("/graphql", content=body, headers=POST_JSON)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == JSON
    error = _error(response)
    assert words in error["message"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}


@pytest.mark.parametrize(
    ("params", "words"),
    [
        pytest.param(
            {"query": "{ __typename }", "variables": "{bad"}, "the `variables` parameter is not valid JSON"
        ),
        pytest.param(
            {"query": "{ __typename }", "variables": "[1]"}, "`variables` must be an object or null"
        ),
        pytest.param({"query": "{ __typename }", "extensions": "[" * 20_000}, "`extensions` parameter nests"),
        pytest.param({"variables": "{}"}, "no GraphQL document"),
    ],
)
async def test_http_malformed_get_parameters_are_a_400(
    client: httpx.AsyncClient, params: dict[str, str], words: str
) -> None:
    response = await client.get("/graphql", params=params, headers={"accept": JSON})
    assert response.status_code == 400, response.text
    assert words in _error(response)["message"]


async def test_http_post_without_json_content_type_is_a_415(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", content=b'{"query":"{ __typename }"}')
    assert response.status_code == 415
    assert "Content-Type: application/json" in _error(response)["message"]


async def test_http_mutation_by_get_is_a_405(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "mutation { reingest { id } }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert _error(response)["extensions"] == {"code": "METHOD_NOT_ALLOWED"}


class _Upload:
    """A streamed body of `total` bytes that counts how much of it the server pulled."""

    def __init__(self, total: int, chunk: int = 64 * 1024) -> None:
        self.total, self.chunk, self.sent = total, chunk, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.sent < self.total:
            self.sent += self.chunk
            yield b" " * self.chunk


async def test_http_body_over_the_cap_is_refused_while_streaming(base: Settings) -> None:
    cap = 1_000_000
    async with _app(base, max_body_bytes=cap) as http:
        upload = _Upload(50_000_000)
        started = time.perf_counter()
        response = await http.post("/graphql", content=upload, headers=POST_JSON)
        elapsed = time.perf_counter() - started
    assert response.status_code == 413
    assert response.headers["connection"] == "close"
    error = _error(response)
    assert (
        error["message"] == "the request body is over the limit of 1,000,000 bytes (NEWSGRAPH_MAX_BODY_BYTES)"
    )
    assert error["extensions"] == {"code": "REQUEST_TOO_LARGE", "limit": "body"}
    # read no further than the cap: memory stays bounded whatever the client sends
    assert upload.sent <= cap + upload.chunk
    assert elapsed < 1.0


async def test_http_body_announced_too_large_is_refused_before_reading(client: httpx.AsyncClient) -> None:
    upload = _Upload(50_000_000)
    headers = {**POST_JSON, "content-length": "50000000"}
    response = await client.post("/graphql", content=upload, headers=headers)
    assert response.status_code == 413
    assert _error(response)["message"] == (
        "the request body is 50,000,000 bytes, over the limit of 16,777,216 bytes (NEWSGRAPH_MAX_BODY_BYTES)"
    )
    assert upload.sent == 0


def test_http_caps_defaults_fit_a_page_at_the_document_cap() -> None:
    settings = Settings()
    assert settings.max_query_length == 100_000
    page = "Ж" * (settings.max_document_bytes // 2)  # 2 bytes in UTF-8, 6 as an escaped \u0416
    body = json.dumps(
        {"query": "mutation($t: String!) { ingestDocument(text: $t) { id } }", "variables": {"t": page}}
    )
    assert settings.max_document_bytes < len(body) < settings.body_limit
    assert Settings(NEWSGRAPH_MAX_BODY_BYTES="2000").body_limit == 2000


async def test_http_body_cap_leaves_the_document_cap_to_ingest_document(client: httpx.AsyncClient) -> None:
    # just over the document cap, escaped as Python's json does: the body cap lets it through, and
    # ingestDocument refuses it with its own message
    page = "Ж" * (5 * 1024 * 1024 // 2 + 1)
    query = "mutation($t: String!) { ingestDocument(text: $t) { id } }"
    body = json.dumps({"query": query, "variables": {"t": page}})
    response = await client.post("/graphql", content=body, headers=POST_JSON)
    assert response.status_code == 200, response.text[:300]
    [error] = response.json()["errors"]
    assert error["message"] == "text is 5,242,882 bytes, over the 5,242,880-byte limit"


@pytest.mark.parametrize("method", ["POST", "GET"])
async def test_http_document_over_the_length_cap_is_refused_before_parsing(
    base: Settings, method: str
) -> None:
    cap = 1_000
    query = "#" + "x" * cap + "\n{ __typename }"
    fits = "#" + "x" * (cap - len("{ __typename }") - 2) + "\n{ __typename }"
    assert len(fits) == cap
    async with _app(base, max_query_length=cap) as http:
        answers = []
        for document in (query, fits):
            if method == "POST":
                answers.append(await http.post("/graphql", json={"query": document}))
            else:
                answers.append(
                    await http.get("/graphql", params={"query": document}, headers={"accept": JSON})
                )
    refused, ok = answers
    assert refused.status_code == 413
    error = _error(refused)
    assert error["message"] == (
        f"the GraphQL document is {len(query):,} characters long, over the limit of 1,000; "
        "pass long values as variables"
    )
    assert error["extensions"] == {"code": "REQUEST_TOO_LARGE", "limit": "document"}
    assert ok.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        ("application/json", JSON),
        ("text/html", JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", JSON),
        (f"{GRAPHQL_RESPONSE};q=0", JSON),
        (f"{GRAPHQL_RESPONSE};q=oops, */*", JSON),
        (f"text/html, {GRAPHQL_RESPONSE.upper()}", GRAPHQL_RESPONSE),
    ],
)
def test_http_negotiate_media_type(accept: str | None, media_type: str) -> None:
    assert negotiate(accept) == media_type


REQUEST_ERRORS = [
    pytest.param({"query": "{"}, "Syntax Error", id="parse"),
    pytest.param({"query": "{ noSuchField }"}, "Cannot query field 'noSuchField'", id="validation"),
    pytest.param(
        {"query": "query($name: String!) { __type(name: $name) { name } }", "variables": {"name": None}},
        "Variable '$name' has invalid value",
        id="variable-coercion",
    ),
    pytest.param(
        {"query": "{ " + " ".join(f"a{i}: rates(first: 1) {{ totalCount }}" for i in range(25)) + " }"},
        "25 aliases, over the limit of 20",
        id="query-limit",
    ),
]


@pytest.mark.parametrize(("payload", "words"), REQUEST_ERRORS)
async def test_http_request_errors_under_graphql_response_json_are_400_without_data(
    client: httpx.AsyncClient, payload: dict[str, Any], words: str
) -> None:
    response = await client.post("/graphql", json=payload, headers={"accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    body = response.json()
    assert "data" not in body
    assert words in body["errors"][0]["message"]


@pytest.mark.parametrize(("payload", "words"), REQUEST_ERRORS)
async def test_http_request_errors_under_json_stay_200_with_data_null(
    client: httpx.AsyncClient, payload: dict[str, Any], words: str
) -> None:
    response = await client.post("/graphql", json=payload, headers={"accept": JSON})
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    body = response.json()
    assert body["data"] is None
    assert words in body["errors"][0]["message"]


async def test_http_graphql_response_json_answers_data_and_field_errors_with_200(
    client: httpx.AsyncClient,
) -> None:
    accept = {"accept": GRAPHQL_RESPONSE}
    ok = await client.post("/graphql", json={"query": "{ __typename }"}, headers=accept)
    assert (ok.status_code, ok.json()["data"]) == (200, {"__typename": "Query"})
    assert ok.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    # a field error (an argument refused by its resolver) is a partial response, not a request error
    query = "query($s: String) { people(search: $s) { totalCount } }"
    field = await client.post(
        "/graphql", json={"query": query, "variables": {"s": "x" * 201}}, headers=accept
    )
    assert field.status_code == 200
    body = field.json()
    assert "data" in body and body["errors"][0]["path"] == ["people"]
    get = await client.get("/graphql", params={"query": "{ __typename }"}, headers=accept)
    assert (get.status_code, get.headers["content-type"]) == (200, f"{GRAPHQL_RESPONSE}; charset=utf-8")
    # a batch keeps 200 (its operations may fare differently); each request error has no data
    batch = await client.post("/graphql", json=[{"query": "{ __typename }"}, {"query": "{"}], headers=accept)
    assert batch.status_code == 200
    first, second = batch.json()
    assert first["data"] == {"__typename": "Query"} and "data" not in second

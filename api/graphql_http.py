"""GraphQL over HTTP: reading a request (body cap, strict JSON, the shape of each operation, document
length) and choosing how to answer it (media type and status), as the GraphQL-over-HTTP spec asks.

strawberry reads the whole body before looking at it, lets `json.loads` fail on non-UTF-8 bytes,
deep nesting and over-long integers (HTTP 500), and takes any JSON value as a request (`"hello"`,
`null`, `[1, 2]`: HTTP 500). Every such request is refused here with a 4xx and a GraphQL-style error
naming the problem, before any GraphQL work is done.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, Mapping, Sequence
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.responses import Response
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
# the spec asks for utf-8; starlette adds a charset only to text/* types
GRAPHQL_RESPONSE_CONTENT_TYPE = f"{GRAPHQL_RESPONSE}; charset=utf-8"


class RequestRefused(HTTPException):
    """A request refused before any GraphQL work, answered as `{"errors": [...]}` with this status."""

    def __init__(self, status_code: int, message: str, code: str = "BAD_REQUEST", **extensions: Any) -> None:
        super().__init__(status_code, message)
        self.code = code
        self.extensions = extensions


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def decode_json(data: str | bytes, what: str) -> object:
    """Strict JSON: UTF-8 only (json.loads would guess UTF-16 from a BOM), no NaN or Infinity; every
    failure a 400 naming `what` (the body, or a GET parameter)."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise RequestRefused(
            400, f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise RequestRefused(400, f"{what} nests JSON arrays or objects too deeply") from None
    except json.JSONDecodeError as exc:
        raise RequestRefused(
            400, f"{what} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except ValueError as exc:  # an integer of over 4,300 digits, NaN, Infinity
        raise RequestRefused(400, f"{what} is not valid JSON: {exc}") from None


def decode_get_parameters(params: Mapping[str, str]) -> dict[str, object]:
    """A GET request's `query`, `operationName`, and `variables` and `extensions` as JSON text."""
    data: dict[str, object] = {key: params[key] for key in ("query", "operationName") if key in params}
    for key in ("variables", "extensions"):
        if params.get(key):
            data[key] = decode_json(params[key], f"the `{key}` parameter")
    return data


def operations(
    data: object, *, max_batch: int, max_query_length: int
) -> GraphQLRequestData | list[GraphQLRequestData]:
    """One operation (a JSON object) or a batch (a list of objects), each checked for the types the
    spec gives its members and for the length of its document."""
    if isinstance(data, dict):
        return _operation(data, "", max_query_length)
    if isinstance(data, list):
        if not data:
            raise RequestRefused(400, "the batch is empty: send at least one operation")
        if len(data) > max_batch:
            raise RequestRefused(
                400,
                f"Too many operations: the batch holds {len(data)}, over the limit of {max_batch}",
                limit="batch",
            )
        return [_operation(item, f"batch item {i}: ", max_query_length) for i, item in enumerate(data)]
    raise RequestRefused(
        400,
        "the request body must be a JSON object (one operation) or a list of objects (a batch), "
        f"not {_json_type(data)}",
    )


def _operation(data: object, where: str, max_query_length: int) -> GraphQLRequestData:
    """`where` prefixes each message: empty for a lone operation, "batch item 2: " in a batch."""
    if not isinstance(data, dict):
        raise RequestRefused(400, f"{where}an operation must be a JSON object, not {_json_type(data)}")
    query = data.get("query")
    if query is None:
        raise RequestRefused(400, f'{where}no GraphQL document: send it as "query"')
    if not isinstance(query, str):
        raise RequestRefused(400, f"{where}`query` must be a string, not {_json_type(query)}")
    if len(query) > max_query_length:
        # before parsing: comments, whitespace and string literals escape the token cap
        raise RequestRefused(
            413,
            f"{where}the GraphQL document is {len(query):,} characters long, over the limit of "
            f"{max_query_length:,}; pass long values as variables",
            code="REQUEST_TOO_LARGE",
            limit="document",
        )
    for key, kind in (("operationName", str), ("variables", dict), ("extensions", dict)):
        value = data.get(key)
        if value is not None and not isinstance(value, kind):
            wanted = "a string" if kind is str else "an object"
            raise RequestRefused(400, f"{where}`{key}` must be {wanted} or null, not {_json_type(value)}")
    return GraphQLRequestData(
        query=query,
        variables=data.get("variables"),
        operation_name=data.get("operationName"),
        extensions=data.get("extensions"),
    )


def check_content_length(headers: Mapping[str, str], limit: int) -> None:
    """Refuses a body announced as too large before a byte of it is read."""
    declared = headers.get("content-length")
    if declared is None:
        return
    try:
        size = int(declared)
    except ValueError:
        raise RequestRefused(400, f"Content-Length {declared[:40]!r} is not a number") from None
    if size > limit:
        raise _too_large(f"the request body is {size:,} bytes,", limit)


async def read_capped(chunks: AsyncIterable[bytes], limit: int) -> bytes:
    """The body, read as it arrives and refused as soon as it passes `limit` (a chunked body has no
    Content-Length to check up front): memory stays within the limit whatever the client sends."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise _too_large("the request body is", limit)
    return bytes(body)


def _too_large(what: str, limit: int) -> RequestRefused:
    return RequestRefused(
        413,
        f"{what} over the limit of {limit:,} bytes (NEWSGRAPH_MAX_BODY_BYTES)",
        code="REQUEST_TOO_LARGE",
        limit="body",
    )


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    return ranges


def _quality(media: str, ranges: Sequence[tuple[str, float]]) -> tuple[float, int]:
    """The q the client gives `media`, from its most specific matching range, and that specificity
    (2 exact, 1 `type/*`, 0 `*/*`)."""
    kind = media.split("/")[0]
    best: tuple[int, float] | None = None
    for pattern, q in ranges:
        specificity = {media: 2, f"{kind}/*": 1, "*/*": 0}.get(pattern, -1)
        if specificity >= 0 and (best is None or specificity > best[0]):
            best = (specificity, q)
    return (best[1], best[0]) if best else (0.0, -1)


def negotiate(accept: str | None) -> str:
    """The media type to answer in. application/graphql-response+json when the client names it and
    likes it at least as much as application/json; application/json otherwise, for a missing Accept,
    `*/*` and `application/*` too (what clients written before the spec expect), and when the client
    names neither (answering in a type it can read beats a 406)."""
    if not accept:
        return JSON
    ranges = _accept_ranges(accept)
    graphql_q, graphql_specificity = _quality(GRAPHQL_RESPONSE, ranges)
    json_q, _ = _quality(JSON, ranges)
    if graphql_specificity == 2 and graphql_q > 0 and graphql_q >= json_q:
        return GRAPHQL_RESPONSE
    return JSON


def is_request_error(result: ExecutionResult) -> bool:
    """Parse, validation and variable-coercion errors, and the query limits: no data and no error at
    a field's path (a field error that nulls the whole result still has its path)."""
    errors: list[GraphQLError] = result.errors or []
    return result.data is None and bool(errors) and all(not error.path for error in errors)


def error_response(
    error: HTTPException, media_type: str, headers: Mapping[str, str] | None = None
) -> Response:
    """A refusal as a GraphQL response: `errors` only (no `data`: nothing was executed)."""
    code = error.code if isinstance(error, RequestRefused) else _code(error.status_code)
    extensions = {"code": code, **(error.extensions if isinstance(error, RequestRefused) else {})}
    body = {"errors": [{"message": error.reason, "extensions": extensions}]}
    content_type = GRAPHQL_RESPONSE_CONTENT_TYPE if media_type == GRAPHQL_RESPONSE else JSON
    response_headers = {"content-type": content_type, **(headers or {})}
    if error.status_code == 413:
        # the rest of the body is still on its way: close rather than read and discard it
        response_headers["connection"] = "close"
    content = json.dumps(body, separators=(",", ":"))
    return Response(content, status_code=error.status_code, headers=response_headers)


def _code(status: int) -> str:
    return {405: "METHOD_NOT_ALLOWED", 404: "NOT_FOUND", 413: "REQUEST_TOO_LARGE"}.get(status, "BAD_REQUEST")

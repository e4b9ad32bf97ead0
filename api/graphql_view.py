"""The /graphql view: strawberry's ASGI view, reading and answering requests as api/graphql_http.py
says (body and document caps, strict JSON, request shapes, media type and status).

Where it departs from strawberry 0.341's AsyncBaseHTTPView: `parse_http_body` is replaced (strawberry
reads the whole body, then takes any JSON value for a request); refusals are GraphQL-style JSON in the
negotiated media type instead of plain text; a mutation sent by GET is a 405, as the spec asks; and
under application/graphql-response+json a request error (parse, validation, variable coercion, query
limits) is a 400 with no `data` key. application/json answers are as before: 200 with `errors`.
"""

from __future__ import annotations

import json
from datetime import timedelta

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException, StarletteRequestAdapter
from starlette import status
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from api import graphiql
from api.graphql_http import (
    GRAPHQL_RESPONSE,
    GRAPHQL_RESPONSE_CONTENT_TYPE,
    RequestRefused,
    check_content_length,
    decode_get_parameters,
    decode_json,
    error_response,
    is_request_error,
    negotiate,
    operations,
    read_capped,
)
from schema import Schema
from schema.context import Context
from settings import Settings


def _capped_body(limit: int) -> type[StarletteRequestAdapter]:
    """strawberry's request adapter, reading the body with a cap as it arrives."""

    class CappedBody(StarletteRequestAdapter):
        def __init__(self, request: Request) -> None:
            super().__init__(request)
            self._stream_of = request

        async def get_body(self) -> bytes:
            return await read_capped(self._stream_of.stream(), limit)

    return CappedBody


class GraphQLView(GraphQL[Context, None]):
    def __init__(self, schema: Schema, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            # the protocol GraphiQL and graphql-ws speak; the older subscriptions-transport-ws is not offered
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
        )
        self.settings = settings
        self.request_adapter_class = _capped_body(settings.body_limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive=receive)
        try:
            if request.method == "POST":
                check_content_length(request.headers, self.settings.body_limit)
            response = await self.run(request)
        except HTTPException as exc:
            response = self._refusal(request, exc)
        await response(scope, receive, send)

    def _refusal(self, request: Request, exc: HTTPException) -> Response:
        media_type = negotiate(request.headers.get("accept"))
        cause = exc.__cause__
        if (
            isinstance(cause, InvalidOperationTypeError)
            and cause.operation_type == OperationType.MUTATION
            and request.method == "GET"
        ):
            refused = RequestRefused(
                405, "mutations need POST: GET may only run queries", "METHOD_NOT_ALLOWED"
            )
            return error_response(refused, media_type, {"allow": "POST"})
        return error_response(exc, media_type)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        data: object
        if request.method == "GET":
            params = {key: value for key, value in request.query_params.items() if isinstance(value, str)}
            data = decode_get_parameters(params)
        else:
            content_type, _ = parse_content_type(request.content_type or "")
            if content_type != "application/json":
                raise RequestRefused(
                    415,
                    "a POST body must be JSON, sent with Content-Type: application/json "
                    f"(got {content_type[:60] or 'none'})",
                )
            data = decode_json(await request.get_body(), "the request body")
        batching = self.schema.config.batching_config
        return operations(
            data,
            max_batch=batching["max_operations"] if batching else 1,
            max_query_length=self.settings.max_query_length,
        )

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = negotiate(request.headers.get("accept"))
        return sub_response

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        answer = await super().process_result(request, result)
        if is_request_error(result) and negotiate(request.headers.get("accept")) == GRAPHQL_RESPONSE:
            # the spec: a request error has no `data` entry (nothing was executed)
            answer.pop("data", None)
        return answer

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        # strawberry's, but encoded by orjson: json.dumps took a few ms of a page of 100 articles with
        # their entities. Websocket messages keep strawberry's encode_json (text frames)
        response = Response(
            _encode(response_data), status_code=status.HTTP_200_OK, media_type="application/json"
        )
        response.headers.raw.extend(sub_response.headers.raw)
        if sub_response.background:
            response.background = sub_response.background
        if sub_response.status_code:
            response.status_code = sub_response.status_code
        if sub_response.media_type == GRAPHQL_RESPONSE:
            response.headers["content-type"] = GRAPHQL_RESPONSE_CONTENT_TYPE
            # a batch stays 200: its operations may have fared differently
            request_error = isinstance(response_data, dict) and "data" not in response_data
            if request_error and not sub_response.status_code:
                response.status_code = 400
        return response

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        # strawberry serves the page only without a `query` parameter, so a query shared as a link
        # (/graphql?query=...), which the page opens in a tab of its own, answered JSON to the browser:
        # a browser's navigation asks for text/html; API clients ask for JSON (or anything, */*)
        if request.method != "GET":
            return False
        accept = request.headers.get("accept", "")
        return "text/html" in accept or (request.query_params.get("query") is None and "*/*" in accept)

    async def render_graphql_ide(self, request: Request) -> Response:
        # our page: local GraphiQL assets (no CDN) and example tabs
        return graphiql.render(request)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        state = request.app.state
        return Context(
            settings=self.settings,
            sessionmaker=state.sessionmaker,
            reader=state.reader,
            request=request if isinstance(request, Request) else None,
            get_queue=state.queue.get,
            subscriptions=state.subscriptions,
        )


def _encode(data: object) -> bytes:
    try:
        return orjson.dumps(data)
    except TypeError:
        # orjson refuses integers past 64 bits, which a refused query's cost figures can reach
        return json.dumps(data, separators=(",", ":")).encode()

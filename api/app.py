"""The ASGI app: GraphQL and GraphiQL at /graphql, /healthz and /readyz."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator, Iterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import graphiql
from api.graphql_view import GraphQLView
from api.logging import RequestIdMiddleware, instrument_engine
from schema import build_schema
from schema.context import SubscriptionSlots
from settings import Settings, get_settings
from store.db import make_engine, make_reader, make_sessionmaker, ping
from workers import queue

READY_TIMEOUT_S = 2.0
# A page of articles holds up to four connections at once (the page and its count, then its
# entities, authors and sources side by side): eight such requests in flight may want 32, and 10 + 10
# left some of them waiting for a connection. Opened only when needed, so an idle process holds few;
# the overflow is closed again once returned.
POOL_SIZE = 16
POOL_OVERFLOW = 16


class _Queue:
    """The arq pool, connected on first use and again after a failure."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pool: Any = None
        self.lock = asyncio.Lock()

    async def get(self) -> queue.RunQueue:
        async with self.lock:
            if self.pool is None:
                self.pool = await asyncio.wait_for(queue.connect(self.url), READY_TIMEOUT_S)
            try:
                await asyncio.wait_for(self.pool.ping(), READY_TIMEOUT_S)
            except Exception:
                pool, self.pool = self.pool, None
                with contextlib.suppress(Exception):
                    await pool.aclose()
                raise
            return queue.RunQueue(self.pool)

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.aclose()


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        await asyncio.wait_for(ping(request.app.state.engine), READY_TIMEOUT_S)
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "unreachable"
    try:
        await request.app.state.queue.get()
        checks["redis"] = "ok"
    except Exception:
        checks["redis"] = "unreachable"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not ready", **checks}, status_code=200 if ready else 503
    )


# A GraphQL response is built from thousands of short-lived objects (a page of 100 articles resolves
# ~2,500 fields), so with CPython's default threshold (700) the collector ran many times per request,
# walking every long-lived object of the process (the schema, SQLAlchemy's caches) each time. Freezing
# what start-up made and collecting less often cut the CPU per such request by about a fifth.
GC_THRESHOLD = (50_000, 20, 100)


@contextlib.contextmanager
def _serving_gc() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
        instrument_engine(engine, settings.slow_query_ms)
        app.state.settings = settings
        app.state.engine = engine
        app.state.sessionmaker = make_sessionmaker(engine)
        app.state.reader = make_reader(engine)
        app.state.queue = _Queue(settings.redis_url)
        app.state.subscriptions = SubscriptionSlots(settings.max_subscriptions)
        try:
            with _serving_gc():
                yield
        finally:
            await app.state.queue.close()
            await engine.dispose()

    # outermost, so every line a request causes (a timeout included) carries its id
    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(RequestTimeout, seconds=settings.request_timeout_s),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type"],
            )
        )
    # built from these settings, so an app's token cap and batch size are its own
    schema = build_schema(settings)
    view = GraphQLView(schema, settings)
    app = Starlette(
        routes=[
            Route("/graphql", view, methods=["GET", "POST"]),
            # subscriptions: graphql-transport-ws on the same path
            WebSocketRoute("/graphql", view),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            *([graphiql.static_route()] if settings.graphiql else []),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.schema = schema
    return app


class RequestTimeout:
    """Ends a request that runs longer than the limit with a 503 and a coded GraphQL-style error."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), self.seconds)
        except TimeoutError:
            if started:
                raise
            body = {
                "data": None,
                "errors": [
                    {
                        "message": f"request took longer than the {self.seconds:g} s limit",
                        "extensions": {"code": "TIMEOUT", "limit": "time"},
                    }
                ],
            }
            await JSONResponse(body, status_code=503)(scope, receive, send)

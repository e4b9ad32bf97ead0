"""Logging: one stdlib setup for the server and the worker, text or JSON lines (NEWSGRAPH_LOG_FORMAT),
a request id on every line a request causes, slow SQL statements with their duration, and secrets kept
out of every line.

- The request id comes from the client's X-Request-ID header when it is a sane token, else it is made
  here; it is echoed in the response's X-Request-ID, so a user's report can be matched to the log.
- Slow statements are logged as SQL text only: parameters may hold search terms or posted pages.
- The admin token and the database password are replaced by *** in every line the handler writes,
  whichever library wrote it.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any

from sqlalchemy import event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from settings import Settings

REQUEST_ID_HEADER = "x-request-id"
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

log = logging.getLogger("newsgraph")
request_log = logging.getLogger("newsgraph.request")
sql_log = logging.getLogger("newsgraph.sql")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_STATEMENT_MAX = 1000
# attributes every LogRecord has; anything else on a record came from `extra=` and goes into JSON
# (uvicorn's color_message is its message again with terminal colour codes: noise in a JSON line)
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",
}


def _install_record_factory() -> None:
    """Every record, from any logger, gets `request_id` (or "-"): formatters and test handlers can
    rely on it without a filter on each handler. Installed once per process."""
    current = logging.getLogRecordFactory()
    if getattr(current, "newsgraph", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = current(*args, **kwargs)
        record.request_id = request_id.get() or "-"
        return record

    factory.newsgraph = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, request_id, then any `extra=` fields."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key != "request_id" and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


# Driver messages that quote a statement's parameter back (the engine's hide_parameters drops
# SQLAlchemy's own "[parameters: ...]", not these): asyncpg's encoding error, which quotes up to 43
# characters of the value, and PostgreSQL's cast error, which quotes it whole.
_DRIVER_ECHOES = (
    re.compile(r"(invalid input for query argument \$\d+: ).{0,43}?(?= \()"),
    # the quotes are \" once a JSON line has encoded them
    re.compile(r"(invalid input syntax for type [\w ]+: )\\?\"[^\"\\]*\\?\""),
)


class RedactingFormatter(logging.Formatter):
    """Wraps the real formatter and replaces secret values in its output: the last point before a line
    leaves the process, so nothing that reached the formatted line (message, args, extras, a
    traceback) can carry a secret out."""

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str]) -> None:
        super().__init__()
        self.inner = inner
        # longest first, so a secret that contains another is replaced whole
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        line = self.inner.format(record)
        for secret in self.secrets:
            line = line.replace(secret, "***")
        for echo in _DRIVER_ECHOES:
            line = echo.sub(r"\1<value hidden>", line)
        return line


def secrets_of(settings: Settings) -> list[str]:
    found: list[str] = []
    if settings.admin_token is not None:
        found.append(settings.admin_token.get_secret_value())
    for url in (settings.database_url, settings.redis_url):
        try:
            password = make_url(url).password
        except ArgumentError:
            password = None
        if password:
            found.append(str(password))
    return found


def make_handler(settings: Settings, stream: IO[str] | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    inner = JsonFormatter() if settings.log_format == "json" else logging.Formatter(TEXT_FORMAT)
    handler.setFormatter(RedactingFormatter(inner, secrets_of(settings)))
    handler.newsgraph = True  # type: ignore[attr-defined]
    return handler


def configure(
    settings: Settings, stream: IO[str] | None = None, level: int = logging.INFO
) -> logging.Handler:
    """Sets up the root logger for a server or worker process. Replaces a handler an earlier call added,
    and leaves others alone (pytest's capture handlers, say). Returns the handler it installed."""
    if settings.log_format not in ("text", "json"):
        raise ValueError(f"NEWSGRAPH_LOG_FORMAT must be text or json, got {settings.log_format!r}")
    _install_record_factory()
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "newsgraph", False)]:
        root.removeHandler(old)
        old.close()
    handler = make_handler(settings, stream)
    root.addHandler(handler)
    root.setLevel(level)
    return handler


class RequestIdMiddleware:
    """Gives each HTTP request an id (the client's X-Request-ID when sane), visible to every log line the
    request causes, echoed in the response header, and logs one line when the request ends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        _install_record_factory()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), "")
        rid = given if _SANE_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_log.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            request_id.reset(token)


def instrument_engine(engine: AsyncEngine, slow_ms: int) -> None:
    """Logs statements that take slow_ms or longer (0 logs every statement), SQL text only."""
    sync_engine = engine.sync_engine

    def before(conn: Connection, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        conn.info.setdefault("newsgraph_started", []).append(time.perf_counter())

    def after(conn: Connection, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        started = conn.info.get("newsgraph_started")
        if not started:
            return
        elapsed_ms = (time.perf_counter() - started.pop()) * 1000
        if elapsed_ms >= slow_ms:
            text = " ".join(statement.split())
            sql_log.warning(
                "slow SQL statement (%.1f ms): %s",
                elapsed_ms,
                text[:_STATEMENT_MAX],
                extra={"duration_ms": round(elapsed_ms, 1)},
            )

    event.listen(sync_engine, "before_cursor_execute", before)
    event.listen(sync_engine, "after_cursor_execute", after)

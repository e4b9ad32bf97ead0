"""Slow clients: uvicorn's HTTP protocol with the timeouts it lacks, and the server options every way of
serving uses (`newsgraph serve`, one process or several).

uvicorn 0.55 has an idle keep-alive timeout (`timeout_keep_alive`) and a cap on open connections per
process (`limit_concurrency`, over which new requests get a 503), but no header-read timeout, and its
idle timer only starts after a response: a connection that never sends a byte, or sends its headers a
byte at a time, stays open forever and counts toward the cap, so a few hundred such sockets starve real
users. Neither timer can be set from outside the protocol, so the protocol class is extended here, at the
asyncio level where uvicorn keeps its own timer: the idle timer also runs from the moment a connection
opens, and a request's headers must be complete within the header timeout of the connection opening or
the previous response ending, else the connection gets a 408 and is closed. The request's body and its
work are bounded by the request timeout (api/app.py), which wraps the app.

Nor does uvicorn bound the size of a request's headers with httptools (llhttp keeps whatever arrives;
40 MB of one header in 5 s took 65 MB of memory): over the header cap, a 431 and the connection closed.
"""

from __future__ import annotations

import asyncio
from asyncio import TimerHandle
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from settings import Settings, get_settings

PROTOCOL = "api.connections:GuardedHttpProtocol"  # an import path: uvicorn's own workers import it anew


def _closing_response(status: bytes, text: bytes) -> bytes:
    return (
        b"HTTP/1.1 %s\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
        b"content-length: %d\r\n\r\n%s" % (status, len(text), text)
    )


_TOO_SLOW = _closing_response(b"408 Request Timeout", b"the request's headers took too long to arrive\n")
_TOO_LARGE = _closing_response(
    b"431 Request Header Fields Too Large", b"the request's headers are over the size limit\n"
)


WS_MAX_BYTES = 1024 * 1024


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """What uvicorn.run and uvicorn.Config are given in every serving path."""
    return {
        "http": PROTOCOL,
        "timeout_keep_alive": settings.keep_alive_timeout_s,
        "limit_concurrency": settings.max_connections,
        # a subscription's messages are a query and its variables: no need for uvicorn's 16 MiB
        "ws_max_size": WS_MAX_BYTES,
    }


class GuardedHttpProtocol(HttpToolsProtocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        # the protocol is built by uvicorn from its config alone: the settings are this process's own
        settings = get_settings()
        self.header_timeout = settings.header_timeout_s
        self.max_header_bytes = settings.max_header_bytes
        self.header_timer: TimerHandle | None = None
        self.header_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        # the header timer runs exactly while a request's headers are awaited
        awaiting_headers = self.header_timer is not None
        self.header_bytes += len(data) if awaiting_headers else 0
        super().data_received(data)
        if awaiting_headers and self.header_timer is not None and self.header_bytes > self.max_header_bytes:
            self._refuse(_TOO_LARGE)

    def on_headers_complete(self) -> None:
        self._cancel_header_timer()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # uvicorn arms its idle timer only when no pipelined request is waiting to start
        if self.timeout_keep_alive_task is not None:
            self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self.header_bytes = 0
        self.header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _cancel_header_timer(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _headers_too_slow(self) -> None:
        self.header_timer = None
        self._refuse(_TOO_SLOW)

    def _refuse(self, response: bytes) -> None:
        self._cancel_header_timer()
        if not self.transport.is_closing():
            self.transport.write(response)
            self.transport.close()

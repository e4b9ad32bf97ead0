"""Slow clients against `newsgraph serve` (api/connections.py): idle connections and connections that
never finish their headers are closed within their timeouts, real requests are answered meanwhile, and
open connections and the bytes of a request's headers are capped per process; with one server
process and with several."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from api.settings import Settings
from tests.cli.serving import serving

HEADER_TIMEOUT = 1.5
KEEP_ALIVE = 1
SLOW_ENV = {"NEWSGRAPH_HEADER_TIMEOUT": str(HEADER_TIMEOUT), "NEWSGRAPH_KEEP_ALIVE_TIMEOUT": str(KEEP_ALIVE)}
REQUEST = b"POST /graphql HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def _drip(sockets: list[socket.socket], stop: threading.Event) -> None:
    """A header line every 0.2 s on each socket, never the blank line that ends the headers: the
    connection is never idle, so only a header timeout can end it."""
    live = list(sockets)
    n = 0
    while live and not stop.is_set():
        for sock in list(live):
            try:
                sock.sendall(f"X-Drip-{n}: {n}\r\n".encode())
            except OSError:
                live.remove(sock)
        n += 1
        stop.wait(0.2)


def _closed_after(sock: socket.socket, started: float, limit: float) -> tuple[float, bytes]:
    """Seconds from `started` until the server closed `sock`, and what it sent before closing."""
    sock.settimeout(max(0.1, limit - (time.monotonic() - started)))
    received = b""
    try:
        while chunk := sock.recv(4096):
            received += chunk
    except TimeoutError:
        return float("inf"), received
    except ConnectionResetError:
        pass
    return time.monotonic() - started, received


def _graphql(url: str) -> httpx.Response:
    return httpx.post(f"{url}/graphql", json={"query": "{ __typename }"}, timeout=5)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_closes_idle_and_slow_header_connections(
    settings: Settings, tmp_path: Path, workers: str
) -> None:
    with serving(settings, tmp_path / "serve.log", "--workers", workers, env=SLOW_ENV) as (url, port, _):
        started = time.monotonic()
        silent = [_connect(port) for _ in range(30)]
        slow = [_connect(port) for _ in range(30)]
        for sock in slow:
            sock.sendall(REQUEST)
        stop = threading.Event()
        dripper = threading.Thread(target=_drip, args=(slow, stop), daemon=True)
        dripper.start()
        # one request answered, then the connection left idle
        kept = _connect(port)
        kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        assert kept.recv(4096).startswith(b"HTTP/1.1 200")
        kept_at = time.monotonic()
        try:
            # with 61 connections held open, a real user is still served at once
            answered = time.monotonic()
            response = _graphql(url)
            assert response.status_code == 200 and response.json()["data"] == {"__typename": "Query"}
            assert time.monotonic() - answered < 1.0
            margin = 1.5
            idle_closes = [_closed_after(s, started, KEEP_ALIVE + margin) for s in silent]
            slow_closes = [_closed_after(s, started, HEADER_TIMEOUT + margin) for s in slow]
            kept_close, _ = _closed_after(kept, kept_at, KEEP_ALIVE + margin)
        finally:
            stop.set()
            dripper.join()
            for sock in [*silent, *slow, kept]:
                sock.close()
        # a connection that never sends a byte is idle from the start
        assert max(t for t, _ in idle_closes) <= KEEP_ALIVE + margin, idle_closes
        assert min(t for t, _ in idle_closes) >= KEEP_ALIVE * 0.8, idle_closes
        # headers a line at a time: a 408, then closed, once the header timeout has passed
        assert max(t for t, _ in slow_closes) <= HEADER_TIMEOUT + margin, slow_closes
        assert min(t for t, _ in slow_closes) >= HEADER_TIMEOUT * 0.8, slow_closes
        assert all(data.startswith(b"HTTP/1.1 408 Request Timeout") for _, data in slow_closes)
        assert KEEP_ALIVE * 0.8 <= kept_close <= KEEP_ALIVE + margin


def test_serve_caps_connections_and_header_bytes_per_process(settings: Settings, tmp_path: Path) -> None:
    env = {**SLOW_ENV, "NEWSGRAPH_MAX_CONNECTIONS": "20", "NEWSGRAPH_MAX_HEADER_BYTES": "8192"}
    with serving(settings, tmp_path / "serve.log", env=env) as (url, port, _):
        held = [_connect(port) for _ in range(20)]
        try:
            time.sleep(0.2)  # accepted by the server, not only by the kernel
            # over the cap, a request is refused at once rather than queued behind idle sockets
            assert _graphql(url).status_code == 503
            started = time.monotonic()
            closes = [_closed_after(s, started, KEEP_ALIVE + 1.5) for s in held]
        finally:
            for sock in held:
                sock.close()
        assert all(t != float("inf") for t, _ in closes), closes
        assert _graphql(url).status_code == 200
        # headers are read up to their cap, then refused: memory stays bounded whatever arrives
        with _connect(port) as big:
            # one write, read whole by the server: closing with unread bytes would reset the connection
            big.sendall(REQUEST + b"X-Big: " + b"a" * 16_384)
            _, answer = _closed_after(big, time.monotonic(), 2.0)
        assert answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large"), answer
        # under the cap, a long GET is served
        query = "{ __typename }" + " " * 6000
        response = httpx.get(
            f"{url}/graphql", params={"query": query}, headers={"accept": "application/json"}
        )
        assert response.json()["data"] == {"__typename": "Query"}

"""`newsgraph serve` in a subprocess, as a user runs it, for tests that need a real HTTP server."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import httpx

from api.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server(NamedTuple):
    url: str
    port: int
    proc: subprocess.Popen[bytes]


@contextlib.contextmanager
def serving(
    settings: Settings, log: Path, *args: str, env: Mapping[str, str] | None = None
) -> Iterator[Server]:
    """Starts `newsgraph serve ARGS` on a free port of 127.0.0.1, waits for /healthz, yields it, and
    stops it with SIGINT (SIGKILL if it does not stop)."""
    port = free_port()
    environ = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        **(env or {}),
    }
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api", "serve", "--port", str(port), *args],
            env=environ,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        with httpx.Client(base_url=url, timeout=5) as client:
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        yield Server(url, port, proc)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

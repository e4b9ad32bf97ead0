"""A real `newsgraph serve` process for tests that need the event loop of a server of its own."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.settings import Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(settings: Settings, log: Path, **extra: str) -> Iterator[str]:
    """A `newsgraph serve` process on the test's database, with extra environment variables; yields
    its base URL and stops it afterwards."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        **extra,
    }
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api", "serve", "--port", str(port)], env=env, stdout=sink, stderr=sink
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError(log.read_text()) from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def served(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """The base URL of a server on the test's database, stopped after the test."""
    with serving(settings, tmp_path / "serve.log") as base:
        yield base

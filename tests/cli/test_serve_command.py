"""`newsgraph serve` as a user runs it, with several server processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import Settings
from tests.helpers import CABAR_SEED, ingest_inline


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.fixture
async def seeded(ctx: dict[str, Any]) -> None:
    await ingest_inline(ctx, CABAR_SEED)


@pytest.mark.usefixtures("seeded")
def test_serve_with_two_workers_answers_graphql_from_two_processes(
    settings: Settings, tmp_path: Path
) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url}
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "api", "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
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
            answer = client.post("/graphql", json={"query": "{ articles(first: 3) { totalCount } }"})
        assert answer.json() == {"data": {"articles": {"totalCount": 9}}}
        # uvicorn's supervisor plus its two server processes
        assert len(_children(proc.pid)) >= 2
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

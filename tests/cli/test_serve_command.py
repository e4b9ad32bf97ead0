"""`newsgraph serve` as a user runs it, with several server processes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import Settings
from tests.cli.serving import serving
from tests.helpers import CABAR_SEED, ingest_inline


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


QUERY = "{ articles(first: 9) { edges { node { title people { name } places { name } } } } }"


def _listening(port: int) -> int:
    """Listening TCP sockets on 127.0.0.1:port, from /proc/net/tcp (state 0A is LISTEN)."""
    local = f"0100007F:{port:04X}"
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1] == local and row.split()[3] == "0A")


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


@pytest.fixture
async def seeded(ctx: dict[str, Any]) -> None:
    await ingest_inline(ctx, CABAR_SEED)


@pytest.mark.usefixtures("seeded")
def test_serve_with_two_workers_answers_graphql_from_two_processes(
    settings: Settings, tmp_path: Path
) -> None:
    with serving(settings, tmp_path / "serve.log", "--workers", "2") as (url, port, proc):
        deadline = time.monotonic() + 60
        with httpx.Client(base_url=url, timeout=5) as client:
            answer = client.post("/graphql", json={"query": "{ articles(first: 3) { totalCount } }"})
        assert answer.json()["data"] == {"articles": {"totalCount": 9}}
        # the server processes (multiprocessing also starts its resource tracker)
        servers = [c for c in _children(proc.pid) if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        assert len(servers) == 2, _children(proc.pid)
        # each process listens on a socket of its own (one socket shared by both let the first
        # process to wake accept a whole burst of connections); the second may still be starting
        while _listening(port) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _listening(port) == 2
        # a burst of connections opened at once is served by both
        before = {pid: _cpu_ticks(pid) for pid in servers}
        clients = [httpx.Client(base_url=url, timeout=10) for _ in range(24)]
        try:
            for _ in range(3):
                for c in clients:
                    assert c.post("/graphql", json={"query": QUERY}).status_code == 200
        finally:
            for c in clients:
                c.close()
        used = {pid: _cpu_ticks(pid) - before[pid] for pid in servers}
        assert all(ticks > 0 for ticks in used.values()), used

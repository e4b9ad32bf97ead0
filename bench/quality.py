"""Extraction quality report: ingest the seeds into a scratch database, serve it, score it.

    python bench/quality.py [--gold ../shared/gold/seeds.json] [--score ../shared/tools/score.py]
                            [--seeds seeds] [--min people.f1=0.95 ...]

Runs the real path (CLI ingest, uvicorn, GraphQL) and the project's scorer, prints its figures, and
drops the scratch database afterwards. Exits non-zero when a --min floor is not met.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.settings import Settings  # noqa: E402
from store.db import drop_database  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {url} within {timeout:.0f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold" / "seeds.json"))
    ap.add_argument("--score", default=str(ROOT.parent / "shared" / "tools" / "score.py"))
    ap.add_argument("--seeds", default=str(ROOT / "seeds"))
    ap.add_argument("--min", action="append", default=[], metavar="KEY=F1")
    args = ap.parse_args()
    for path in (args.gold, args.score):
        if not Path(path).is_file():
            raise SystemExit(f"{path}: not found (pass --gold/--score)")

    base = make_url(Settings().database_url)
    url = base.set(database=f"newsgraph_quality_{uuid.uuid4().hex[:8]}").render_as_string(hide_password=False)
    env = {**os.environ, "DATABASE_URL": url}
    newsgraph = [sys.executable, "-m", "api"]
    server: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run([*newsgraph, "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([*newsgraph, "ingest", "--inline", args.seeds], env=env, check=True)
        port = _free_port()
        server = subprocess.Popen(
            [*newsgraph, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(f"http://127.0.0.1:{port}/healthz")
        floors = [f"--min={m}" for m in args.min]
        score = subprocess.run(
            [
                sys.executable,
                args.score,
                "--endpoint",
                f"http://127.0.0.1:{port}/graphql",
                "--gold",
                args.gold,
                *floors,
            ],
            check=False,
        )
        return score.returncode
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        asyncio.run(drop_database(url))


if __name__ == "__main__":
    sys.exit(main())

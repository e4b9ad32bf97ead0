"""Extraction quality report: ingest each gold set's pages into a scratch database, serve it, score it.

    python bench/quality.py [--set NAME=PAGES:GOLD ...] [--score ../shared/tools/score.py]
                            [--min people.f1=0.95 ...]

By default these sets are scored, each in a database of its own: the seeds (seeds/ against
../shared/gold/seeds.json), dev2 (../shared/gold/dev2/pages against its gold.json), and the hand-written
generalisation sets bench/blind … bench/blind7 (every bench/blind*/ folder with a gold.json; each one's README
says whether it is still blind: blind5, blind6 and blind7 were measured blind once, docs/extraction.md has
their figures). Runs the real
path (CLI ingest, uvicorn, GraphQL) and the project's scorer, prints its figures, and drops the scratch
databases afterwards. Exits non-zero when a --min floor is not met on any set.
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


SHARED = ROOT.parent / "shared"
DEFAULT_SETS = [
    f"seeds={ROOT / 'seeds'}:{SHARED / 'gold' / 'seeds.json'}",
    f"dev2={SHARED / 'gold' / 'dev2' / 'pages'}:{SHARED / 'gold' / 'dev2' / 'gold.json'}",
    *(
        f"{d.name}={d / 'pages'}:{d / 'gold.json'}"
        for d in sorted((ROOT / "bench").glob("blind*"))
        if (d / "gold.json").is_file()
    ),
]


def _score_set(name: str, pages: str, gold: str, score: str, floors: list[str]) -> int:
    base = make_url(Settings().database_url)
    url = base.set(database=f"newsgraph_quality_{uuid.uuid4().hex[:8]}").render_as_string(hide_password=False)
    env = {**os.environ, "DATABASE_URL": url}
    newsgraph = [sys.executable, "-m", "api"]
    server: subprocess.Popen[bytes] | None = None
    print(f"== {name}: {pages} against {gold}", flush=True)
    try:
        subprocess.run([*newsgraph, "migrate"], env=env, check=True, capture_output=True)
        # a page that fails to ingest is a finding, not a reason to stop scoring the rest
        # a folder's pages are its .txt files (dev2 keeps its SOURCES.md beside them)
        files = sorted(str(f) for f in Path(pages).glob("*.txt")) if Path(pages).is_dir() else [pages]
        subprocess.run([*newsgraph, "ingest", "--inline", *files], env=env, check=False)
        port = _free_port()
        server = subprocess.Popen(
            [*newsgraph, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(f"http://127.0.0.1:{port}/healthz")
        result = subprocess.run(
            [
                sys.executable,
                score,
                "--endpoint",
                f"http://127.0.0.1:{port}/graphql",
                "--gold",
                gold,
                *(f"--min={m}" for m in floors),
            ],
            check=False,
        )
        return result.returncode
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        asyncio.run(drop_database(url))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=PAGES:GOLD", dest="sets")
    ap.add_argument("--score", default=str(SHARED / "tools" / "score.py"))
    ap.add_argument("--min", action="append", default=[], metavar="KEY=F1")
    args = ap.parse_args()
    sets = []
    for spec in args.sets or DEFAULT_SETS:
        name, sep, rest = spec.partition("=")
        pages, sep2, gold = rest.rpartition(":")
        if not (sep and sep2 and name and pages):
            raise SystemExit(f"--set {spec!r}: expected NAME=PAGES:GOLD")
        sets.append((name, pages, gold))
    for path in [args.score, *(p for _, p, _ in sets), *(g for _, _, g in sets)]:
        if not Path(path).exists():
            raise SystemExit(f"{path}: not found (pass --set/--score)")
    worst = 0
    for name, pages, gold in sets:
        worst = max(worst, _score_set(name, pages, gold, args.score, args.min))
    return worst


if __name__ == "__main__":
    sys.exit(main())

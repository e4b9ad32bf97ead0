"""Shared by the benchmark scripts: scratch databases (always named `newsgraph_bench_*`), the generated
corpus (cached under /tmp), subprocess environments and percentiles. Loopback services only."""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NEWSGRAPH = str(BIN / "newsgraph")
PREFIX = "newsgraph_bench_"
PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "postgres"
# a Redis database of its own, so a benchmark's jobs never reach another engineer's workers (tests use 15)
BENCH_REDIS_URL = os.environ.get("NEWSGRAPH_BENCH_REDIS", "redis://127.0.0.1:6379/13")
CORPUS_CACHE = Path(os.environ.get("NEWSGRAPH_BENCH_CORPUS", "/tmp/newsgraph_bench_corpus"))
# which generated corpus: "archive" (articles on many listings, three layouts, a long tail of names:
# bench/corpus_archive.py), the default since issue 16, or "flat" (every article on one page), which
# gave the figures before it
CORPORA = ("archive", "flat")


def corpus_suffix(kind: str) -> str:
    """What a database name ends with for this corpus: the flat corpus's databases keep the names they
    had, so one kept from before is never taken for the archive corpus's."""
    if kind not in CORPORA:
        raise SystemExit(f"unknown corpus {kind!r}: {' or '.join(CORPORA)}")
    return "" if kind == "flat" else "_archive"


def check_name(db: str) -> str:
    if not db.startswith(PREFIX) or not db.replace("_", "").isalnum():
        raise SystemExit(f"refusing to touch database {db!r}: benchmark databases are named {PREFIX}*")
    return db


def sqlalchemy_url(db: str) -> str:
    return f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{check_name(db)}"


def dsn(db: str) -> str:
    return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{db}"


async def _admin(sql: str, *args: object) -> object:
    conn = await asyncpg.connect(dsn("postgres"))
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


def db_exists(db: str) -> bool:
    return bool(asyncio.run(_admin("SELECT 1 FROM pg_database WHERE datname = $1", check_name(db))))


def drop_db(db: str) -> None:
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{check_name(db)}" WITH (FORCE)'))


def copy_db(source: str, target: str) -> None:
    """A fast file-level copy (CREATE DATABASE … TEMPLATE): the source must have no open connections."""
    drop_db(target)
    asyncio.run(_admin(f'CREATE DATABASE "{check_name(target)}" TEMPLATE "{check_name(source)}"'))


def fresh_db(db: str) -> None:
    """Drops and recreates db, migrated to head with `newsgraph migrate`."""
    drop_db(db)
    run([NEWSGRAPH, "migrate"], env=env_for(db), quiet=True)


async def _fetch(db: str, sql: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn(check_name(db)))
    try:
        return list(await conn.fetch(sql))
    finally:
        await conn.close()


def fetch(db: str, sql: str) -> list[asyncpg.Record]:
    return asyncio.run(_fetch(db, sql))


def env_for(db: str, redis_url: str = BENCH_REDIS_URL) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = sqlalchemy_url(db)
    env["REDIS_URL"] = redis_url
    env["PYTHONUNBUFFERED"] = "1"
    return env


def migrate(db: str) -> None:
    """Brings a kept database (made by an earlier version) to the current schema; nothing if it is."""
    run([NEWSGRAPH, "migrate"], env=env_for(db), quiet=True)


def run(cmd: Sequence[str], env: dict[str, str], quiet: bool = False, timeout: float = 3600) -> str:
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return "" if quiet else proc.stdout


def corpus(pages: int, seed: int = 0, kind: str = "archive") -> Path:
    """The generated corpus of `pages` pages, made once by bench/corpus.py and reused."""
    out = CORPUS_CACHE / f"pages{pages}_seed{seed}{corpus_suffix(kind)}"
    marker = out / ".complete"  # hidden: `newsgraph ingest` skips dot files
    if marker.exists():
        return out
    generator = ROOT / "bench" / "corpus.py"
    if not generator.exists():
        raise SystemExit(f"{generator} is missing: the corpus generator is needed")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.perf_counter()
    cmd = [sys.executable, str(generator), str(out), "--pages", str(pages), "--seed", str(seed)]
    cmd += ["--archive"] if kind == "archive" else []
    run(cmd, env=dict(os.environ), quiet=True)
    files = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    marker.write_text(f"{len(files)} files\n")
    print(f"generated {len(files)} pages in {out} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {timeout:g} s")


def stop(proc: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    """Ends a process this script started: SIGINT (graceful for uvicorn and arq), then SIGKILL."""
    if proc.poll() is not None:
        return
    proc.send_signal(2)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan

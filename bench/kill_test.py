"""Crash test: an ingestion whose worker is SIGKILLed mid-run ends with the rows of an undisturbed one.

    python bench/kill_test.py [--pages 200] [--kills 3] [--seed 0] [--redis-db 13] [--corpus archive|flat]

Generates a corpus (bench/corpus.py: the archive corpus, whose articles recur on about nine pages each, one
of them with the full text, unless `--corpus flat`), makes two scratch databases (newsgraph_kill_*) and uses
one scratch Redis database. Into the first it runs `newsgraph ingest` with a `newsgraph worker` subprocess,
undisturbed; into the second the same, SIGKILLing the worker while jobs run (at random points, --kills
times) and starting a new one each time. Then it compares the content of documents, articles, rates,
entities, doc_entities, mentions, roles and related_articles (ids and timestamps left out), checks for
duplicate rows, and prints enqueue→start latency, kill→resume time and the total times. Drops the databases
and deletes its Redis keys at the end. Exits 1 on a mismatch, 2 when the test itself could not run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import make_url, text

ROOT = Path(__file__).resolve().parent.parent
# the project's packages, and bench/'s own modules, which import each other as scripts do
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from arq.connections import ArqRedis  # noqa: E402
from arq.constants import in_progress_key_prefix, result_key_prefix, retry_key_prefix  # noqa: E402
from arq.jobs import deserialize_result  # noqa: E402
from corpus import generate  # noqa: E402

from store.db import drop_database, ensure_database, make_engine  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from workers import lease, queue  # noqa: E402
from workers.queue import QUEUE  # noqa: E402

SERVER_URL = os.environ.get("NEWSGRAPH_KILL_SERVER", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
REDIS_BASE = os.environ.get("NEWSGRAPH_KILL_REDIS", "redis://127.0.0.1:6379")
OUR_KEYS = (QUEUE, f"{QUEUE}:health-check", "arq:*:newsgraph:*")
INGEST_TIMEOUT_S = 240.0  # one ingestion, killed or not; the whole test stays well under 6 minutes
WAIT_S = 60.0  # any single wait inside the test (worker up, a job started, a job resumed)

# Content columns only: ids and timestamps differ between two databases by design. Foreign keys are
# replaced by what they point at (a document by its identity, an article by its source and title).
SNAPSHOT_SQL: dict[str, str] = {
    "documents": """
        SELECT d.identity, d.sha256, d.layout, d.page_date, d.pipeline_version, s.name, d.text
        FROM documents d JOIN sources s ON s.id = d.source_id""",
    "articles": """
        SELECT s.name, a.norm_title, a.title, a.body, a.truncated, a.published_on, a.listed_on,
               d.identity, a.position, a.title_start, a.title_end, a.body_start, a.body_end,
               a.byline, a.byline_start, a.byline_end, a.author_name
        FROM articles a JOIN sources s ON s.id = a.source_id JOIN documents d ON d.id = a.document_id""",
    "rates": """
        SELECT s.name, r.base, r.quote, r.as_of, r.rate, r.change_pct, d.identity, r.span_start, r.span_end
        FROM rates r JOIN sources s ON s.id = r.source_id JOIN documents d ON d.id = r.document_id""",
    "entities": """
        SELECT e.key, e.kind, e.name, e.aliases, e.subtype, e.reasons, e.search_text FROM entities e""",
    "doc_entities": """
        SELECT d.identity, de.idx, de.kind, de.name, de.aliases, de.subtype, de.qualifier, de.ref,
               de.first_name_only, aa.norm_title, e.key
        FROM doc_entities de JOIN documents d ON d.id = de.document_id
        LEFT JOIN articles aa ON aa.id = de.authored_article_id
        LEFT JOIN entities e ON e.id = de.entity_id""",
    "mentions": """
        SELECT d.identity, de.idx, a.norm_title, m.start, m."end", m.text, m.via
        FROM mentions m JOIN documents d ON d.id = m.document_id
        JOIN doc_entities de ON de.id = m.doc_entity_id JOIN articles a ON a.id = m.article_id""",
    "roles": """
        SELECT d.identity, de.idx, org.idx, a.norm_title, r.title, r.former, r.start, r."end"
        FROM roles r JOIN doc_entities de ON de.id = r.doc_entity_id
        JOIN documents d ON d.id = de.document_id JOIN articles a ON a.id = r.article_id
        LEFT JOIN doc_entities org ON org.id = r.organization_doc_entity_id""",
    "related_articles": """
        SELECT s.name, a.norm_title, ra.rank, o.norm_title, ra.score
        FROM related_articles ra JOIN articles a ON a.id = ra.article_id
        JOIN articles o ON o.id = ra.other_id JOIN sources s ON s.id = a.source_id""",
}


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


async def snapshot(url: str) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every row ingestion writes, by content, as a multiset per table (so duplicates show)."""
    engine = make_engine(url)
    try:
        out: dict[str, Counter[tuple[Any, ...]]] = {}
        async with engine.connect() as conn:
            for table, sql in SNAPSHOT_SQL.items():
                rows = (await conn.execute(text(sql))).all()
                out[table] = Counter(tuple(_hashable(v) for v in row) for row in rows)
        return out
    finally:
        await engine.dispose()


def compare(
    expected: dict[str, Counter[tuple[Any, ...]]],
    got: dict[str, Counter[tuple[Any, ...]]],
    names: tuple[str, str] = ("undisturbed", "killed"),
) -> list[str]:
    """Differences, one line per table that differs, plus any duplicated row on either side."""
    problems: list[str] = []
    for table in SNAPSHOT_SQL:
        want, have = expected[table], got[table]
        for side, rows in zip(names, (want, have), strict=True):
            dupes = sum(n - 1 for n in rows.values() if n > 1)
            if dupes:
                problems.append(f"{table}: {dupes} duplicate row(s) in the {side} database")
        missing, extra = want - have, have - want
        if missing or extra:
            sample = next(iter(missing or extra))
            problems.append(
                f"{table}: {sum(missing.values())} row(s) only {names[0]}, {sum(extra.values())} only "
                f"{names[1]}; e.g. {str(sample)[:200]}"
            )
    return problems


@dataclass
class Figures:
    total_s: float = 0.0
    latencies_s: list[float] = field(default_factory=list)  # enqueue → start of each job's last try
    first_pickup_s: float | None = None  # enqueue → start of the first job: the queue's own latency
    resumes_s: list[float] = field(default_factory=list)  # SIGKILL → the killed job started again
    kills: int = 0
    summary: dict[str, Any] = field(default_factory=dict)


class Scratch:
    """Names and clean-up of everything the test creates."""

    def __init__(self, redis_db: int) -> None:
        tag = f"newsgraph_kill_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        server = make_url(SERVER_URL)
        self.db_urls = {
            kind: server.set(database=f"{tag}_{kind}").render_as_string(hide_password=False)
            for kind in ("undisturbed", "killed")
        }
        self.redis_url = f"{REDIS_BASE}/{redis_db}"

    async def create(self) -> None:
        for url in self.db_urls.values():
            await ensure_database(url)
            await asyncio.to_thread(upgrade, url)

    async def drop(self) -> None:
        for url in self.db_urls.values():
            await drop_database(url)


async def clear_keys(pool: ArqRedis) -> None:
    for pattern in OUR_KEYS:
        keys = [key async for key in pool.scan_iter(match=pattern, count=500)]
        if keys:
            await pool.delete(*keys)


class Worker:
    """A `newsgraph worker` subprocess, with its log kept for when something goes wrong."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "api", "worker", env=self.env, cwd=ROOT, stdout=out, stderr=out
            )

    async def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGKILL)
            await asyncio.wait_for(self.proc.wait(), 10)

    async def stop(self) -> None:
        """SIGTERM, as an operator stops it; SIGKILL if it has not stopped after 20 s."""
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 20)
            except TimeoutError:
                await self.kill()


def _env(db_url: str, redis_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": redis_url, "COLUMNS": "200"}


async def _until(check: Any, what: str, limit: float = WAIT_S, every: float = 0.05) -> Any:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = await check()
        if found:
            return found
        await asyncio.sleep(every)
    raise TimeoutError(f"gave up after {limit:.0f} s waiting for {what}")


async def _live_jobs(pool: ArqRedis) -> list[str]:
    """Jobs a live worker is running now. A killed worker's in-progress key outlives it until its lease
    lapses; a live one is renewed every RENEW_S, so its time to live stays near LEASE_S."""
    live: list[str] = []
    async for key in pool.scan_iter(match=f"{in_progress_key_prefix}newsgraph:*"):
        job = key.decode().removeprefix(in_progress_key_prefix)
        ttl_ms = await pool.pttl(key)
        fresh = ttl_ms > (lease.LEASE_S - lease.RENEW_S - 1.0) * 1000
        if fresh and not await pool.exists(result_key_prefix + job):
            live.append(job)
    return live


async def _tries(pool: ArqRedis, job_id: str) -> int:
    value = await pool.get(retry_key_prefix + job_id)
    return int(value) if value else 0


async def _job_results(pool: ArqRedis) -> list[Any]:
    keys = [k async for k in pool.scan_iter(match=f"{result_key_prefix}newsgraph:*")]
    results = []
    for key in keys:
        raw = await pool.get(key)
        if raw:
            results.append(deserialize_result(raw))
    return results


async def run_ingestion(
    corpus: Path, db_url: str, redis_url: str, log: Path, kills: int, rng: random.Random
) -> Figures:
    """One `newsgraph ingest` with a worker subprocess; SIGKILLs and restarts the worker `kills` times."""
    figures = Figures()
    pool = await queue.connect(redis_url)
    worker = Worker(_env(db_url, redis_url), log)
    ingest: asyncio.subprocess.Process | None = None
    try:
        await clear_keys(pool)
        await worker.start()
        # the CLI runs the jobs itself when no worker is up: make sure it sees this one
        await _until(lambda: queue.worker_alive(pool), "the worker's health check")
        started = time.monotonic()
        with (log.parent / f"{log.stem}-ingest.log").open("wb") as out:
            ingest = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "api",
                "ingest",
                str(corpus),
                env=_env(db_url, redis_url),
                cwd=ROOT,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )
        deadline = time.monotonic() + INGEST_TIMEOUT_S
        while figures.kills < kills and ingest.returncode is None and time.monotonic() < deadline:
            try:
                await _until(lambda: _live_jobs(pool), "a job to be running", every=0.02)
            except TimeoutError:
                continue  # nothing ran for a while: the loop ends when the ingest does
            # somewhere inside the job, not at its start: a batch now takes about a second
            await asyncio.sleep(rng.uniform(0.05, 0.3))
            live = await _live_jobs(pool)
            if not live:
                continue  # it finished meanwhile: wait for the next one
            tries = {job: await _tries(pool, job) for job in live}
            await worker.kill()
            killed_at = time.time()
            figures.kills += 1
            await worker.start()

            # resumed = the new worker started a killed job again (arq counts every start of a job)
            limit = time.monotonic() + WAIT_S
            while ingest.returncode is None:
                if any([await _tries(pool, job) > n for job, n in tries.items()]):
                    figures.resumes_s.append(time.time() - killed_at)
                    break
                if time.monotonic() > limit:
                    raise TimeoutError(f"no killed job started again within {WAIT_S:.0f} s")
                await asyncio.sleep(0.02)
        try:
            await asyncio.wait_for(ingest.wait(), INGEST_TIMEOUT_S)
        except TimeoutError:
            raise TimeoutError(f"`newsgraph ingest` still running after {INGEST_TIMEOUT_S:.0f} s") from None
        figures.total_s = time.monotonic() - started
        if ingest.returncode != 0:
            tail = (log.parent / f"{log.stem}-ingest.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"`newsgraph ingest` exited {ingest.returncode}:\n{tail}")
        results = await _job_results(pool)
        figures.latencies_s = [(r.start_time - r.enqueue_time).total_seconds() for r in results]
        if results:
            first = min(results, key=lambda r: r.enqueue_time)
            figures.first_pickup_s = (first.start_time - first.enqueue_time).total_seconds()
        figures.summary = await _run_summary(db_url)
        return figures
    finally:
        if ingest is not None and ingest.returncode is None:
            ingest.kill()
            await asyncio.wait_for(ingest.wait(), 10)
        await worker.stop()
        await clear_keys(pool)
        await pool.aclose()


async def _run_summary(db_url: str) -> dict[str, Any]:
    from store import runs

    engine = make_engine(db_url)
    try:
        async with engine.connect() as conn:
            run_id = await conn.scalar(text("SELECT id FROM ingestion_runs ORDER BY created_at DESC LIMIT 1"))
        from store.db import make_sessionmaker

        async with make_sessionmaker(engine)() as session:
            found = await runs.summary(session, run_id)
        assert found is not None
        return {
            "status": found.status,
            "documents_done": found.documents_done,
            "errors": found.errors,
            "created": {k: found.count(k, "created") for k in runs.COUNTED},
        }
    finally:
        await engine.dispose()


def _fmt(values: list[float]) -> str:
    if not values:
        return "n/a"
    return (
        f"min {min(values):.2f} s, median {statistics.median(values):.2f} s, max {max(values):.2f} s "
        f"(n={len(values)})"
    )


def _keep_logs(work: Path, log_dir: Path) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    for path in work.glob("*.log"):
        shutil.copy(path, log_dir / path.name)


@contextlib.contextmanager
def _workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="newsgraph_kill_") as tmp:
        yield Path(tmp)


async def kill_test(
    pages: int, kills: int, seed: int, redis_db: int, log_dir: Path | None = None, kind: str = "archive"
) -> int:
    scratch = Scratch(redis_db)
    rng = random.Random(seed)
    with _workdir() as work:
        corpus = work / "corpus"
        generate(corpus, pages, seed, archive=kind == "archive")
        try:
            await scratch.create()
            print(f"corpus: {pages} pages, {kind} (seed {seed}); Redis {scratch.redis_url}")
            calm = await run_ingestion(
                corpus, scratch.db_urls["undisturbed"], scratch.redis_url, work / "undisturbed.log", 0, rng
            )
            print(f"undisturbed: {calm.total_s:.1f} s, run {calm.summary['status']}")
            rough = await run_ingestion(
                corpus, scratch.db_urls["killed"], scratch.redis_url, work / "killed.log", kills, rng
            )
            print(f"killed {rough.kills}x: {rough.total_s:.1f} s, run {rough.summary['status']}")
            expected = await snapshot(scratch.db_urls["undisturbed"])
            got = await snapshot(scratch.db_urls["killed"])
        except (TimeoutError, RuntimeError) as exc:
            print(f"kill test could not finish: {exc}", file=sys.stderr)
            for name in ("undisturbed.log", "killed.log"):
                path = work / name
                if path.exists():
                    print(f"--- {name} (tail)\n{path.read_text(errors='replace')[-3000:]}", file=sys.stderr)
            return 2
        finally:
            await scratch.drop()
            if log_dir is not None:
                await asyncio.to_thread(_keep_logs, work, log_dir)

    print(f"enqueue→start, first job (pickup):   {calm.first_pickup_s or 0:.3f} s undisturbed")
    print(f"enqueue→start, all jobs undisturbed: {_fmt(calm.latencies_s)}")
    print(f"enqueue→start, all jobs killed run:  {_fmt(rough.latencies_s)}")
    print(f"kill→resume:                         {_fmt(rough.resumes_s)}")
    print(f"total: undisturbed {calm.total_s:.1f} s, killed {rough.total_s:.1f} s")
    rows = {table: sum(c.values()) for table, c in expected.items()}
    print("rows: " + ", ".join(f"{t} {n}" for t, n in rows.items()))

    problems = compare(expected, got)
    for run, figures in (("undisturbed", calm), ("killed", rough)):
        if figures.summary["status"] != "succeeded" or figures.summary["documents_done"] != pages:
            problems.append(f"{run} run: {figures.summary}")
    if calm.summary.get("created") != rough.summary.get("created"):
        problems.append(f"created counts differ: {calm.summary['created']} vs {rough.summary['created']}")
    if rough.kills < kills:
        problems.append(f"only {rough.kills} of {kills} kills happened before the run ended (use more pages)")
    if problems:
        print("MISMATCH:\n  " + "\n  ".join(problems))
        return 1
    print(f"equal: the killed database holds exactly the undisturbed one's rows ({rough.kills} kills)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--redis-db", type=int, default=13, help="scratch Redis database number")
    parser.add_argument("--log-dir", type=Path, help="keep the worker and ingest logs here")
    parser.add_argument(
        "--corpus",
        choices=("archive", "flat"),
        default="archive",
        help="which generated corpus (bench/corpus.py)",
    )
    parser.add_argument(
        "--timeout", type=float, help="seconds one ingestion may take (default: 240, or 0.6 s a page if more)"
    )
    args = parser.parse_args(argv)
    global INGEST_TIMEOUT_S
    INGEST_TIMEOUT_S = args.timeout or max(INGEST_TIMEOUT_S, 0.6 * args.pages)
    return asyncio.run(kill_test(args.pages, args.kills, args.seed, args.redis_db, args.log_dir, args.corpus))


if __name__ == "__main__":
    sys.exit(main())

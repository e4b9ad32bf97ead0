"""Real arq workers on the real Redis and PostgreSQL: runs go queued → running → succeeded or failed, and
duplicate or concurrent delivery never duplicates a row or a count."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix
from sqlalchemy import func, select

from api.app import create_app
from api.settings import Settings
from bench.corpus import generate
from bench.kill_test import compare, snapshot
from store import runs
from store.models import Article, Document, IngestionRun, Rate
from tests.helpers import CABAR_SEED, SEEDS, TCA_SEED, gql, ingest_inline
from tests.workers.conftest import make_worker, run_burst
from workers import lease, queue
from workers.context import close_context, open_context
from workers.files import expand
from workers.queue import QUEUE

RUN_QUERY = """query($id: ID!) { ingestionRun(id: $id) {
    status documents documentsDone articlesCreated articlesUnchanged ratesCreated errors } }"""
REINGEST = "mutation { reingest { id status documents } }"
INGEST_DOCUMENT = (
    "mutation($text: String!, $url: String) { ingestDocument(text: $text, sourceUrl: $url) { id } }"
)


async def _new_run(ctx: dict[str, Any], files: list[str], kind: str = "ingest") -> uuid.UUID:
    async with ctx["sessionmaker"].begin() as session:
        return await runs.create_run(session, kind, files)


async def _summary(ctx: dict[str, Any], run_id: uuid.UUID) -> runs.RunSummary:
    async with ctx["sessionmaker"]() as session:
        found = await runs.summary(session, run_id)
    assert found is not None
    return found


async def _status(ctx: dict[str, Any], run_id: uuid.UUID) -> str:
    return (await _summary(ctx, run_id)).status


async def _rows(ctx: dict[str, Any]) -> tuple[int, int, int]:
    async with ctx["sessionmaker"]() as session:
        return (
            await session.scalar(select(func.count()).select_from(Document)) or 0,
            await session.scalar(select(func.count()).select_from(Article)) or 0,
            await session.scalar(select(func.count()).select_from(Rate)) or 0,
        )


async def _newsgraph(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it, off the event loop."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "api", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _seed_files() -> list[str]:
    return [str(p) for p in expand([str(SEEDS)])]


async def test_worker_ingest_goes_queued_running_succeeded_then_unchanged(
    settings: Settings, ctx: dict[str, Any], pool: ArqRedis
) -> None:
    files = _seed_files()
    run_id = await _new_run(ctx, files)
    assert await queue.enqueue_files(pool, run_id, files, batch=1) == 2
    assert await _status(ctx, run_id) == "queued"

    seen: list[tuple[str, str]] = []

    async def observe(job_ctx: dict[str, Any]) -> None:
        # the run as a client would see it between jobs
        seen.append((job_ctx["job_id"].split(":")[1], await _status(ctx, run_id)))

    worker = await run_burst(make_worker(settings, on_job_end=observe, max_jobs=1))
    assert worker.jobs_complete == 3
    assert worker.jobs_failed == 0
    assert seen == [("batch", "running"), ("batch", "running"), ("finish", "succeeded")]
    first = await _summary(ctx, run_id)
    assert first.documents_done == 2
    assert first.count("documents", "created") == 2
    assert first.count("articles", "created") == 15
    assert first.count("rates", "created") == 5
    assert first.started_at is not None
    assert first.finished_at is not None
    assert first.started_at <= first.finished_at
    assert await _rows(ctx) == (2, 15, 5)

    second_id = await _new_run(ctx, files)
    await queue.enqueue_files(pool, second_id, files)
    await run_burst(make_worker(settings))
    second = await _summary(ctx, second_id)
    assert second.status == "succeeded"
    for kind in ("documents", "articles", "rates", "people", "organizations", "places"):
        assert second.count(kind, "created") == 0, kind
        assert second.count(kind, "updated") == 0, kind
    assert second.count("documents", "unchanged") == 2
    assert second.count("articles", "unchanged") == 15
    assert second.count("rates", "unchanged") == 5
    assert await _rows(ctx) == (2, 15, 5)
    assert await pool.zcard(QUEUE) == 0


async def test_worker_running_job_holds_a_short_lease(
    settings: Settings, ctx: dict[str, Any], pool: ArqRedis, tmp_path: Path
) -> None:
    """A running job's in-progress key lives LEASE_S, renewed, rather than arq's 190 s: so a job whose
    worker dies is started again by another within seconds (bench/kill_test.py measures it)."""
    files = [str(p) for p in generate(tmp_path / "corpus", 30, seed=2)]
    run_id = await _new_run(ctx, files)
    await queue.enqueue_files(pool, run_id, files)
    worker = asyncio.create_task(run_burst(make_worker(settings, max_jobs=1)))
    last_ttl: dict[str, int] = {}
    while not worker.done():
        async for key in pool.scan_iter(match=f"{in_progress_key_prefix}newsgraph:*"):
            ttl = await pool.pttl(key)
            if ttl > 0:
                last_ttl[key.decode()] = ttl
        await asyncio.sleep(0.01)
    await worker
    assert await _status(ctx, run_id) == "succeeded"
    assert len(last_ttl) == 3  # two batches and the finishing step were each seen running
    assert all(0 < ttl <= lease.LEASE_S * 1000 for ttl in last_ttl.values()), last_ttl
    assert [k async for k in pool.scan_iter(match=f"{in_progress_key_prefix}*")] == []


async def test_worker_same_batch_delivered_twice_counts_once(
    settings: Settings, ctx: dict[str, Any], pool: ArqRedis
) -> None:
    files = _seed_files()
    run_id = await _new_run(ctx, files)
    # at-least-once delivery: the same work under two job ids, which the worker runs at the same time
    for copy in ("a", "b"):
        await pool.enqueue_job("ingest_batch", str(run_id), files, _job_id=f"newsgraph:dup:{run_id}:{copy}")
    worker = await run_burst(make_worker(settings))
    assert worker.jobs_failed == 0
    summary = await _summary(ctx, run_id)
    assert summary.status == "succeeded"
    assert summary.documents_done == 2
    # the copy that came second found the files recorded and left the first one's outcome alone
    assert summary.count("documents", "created") == 2
    assert summary.count("documents", "unchanged") == 0
    assert summary.count("articles", "created") == 15
    assert summary.count("articles", "unchanged") == 0
    assert summary.count("rates", "created") == 5
    assert await _rows(ctx) == (2, 15, 5)


async def test_worker_two_runs_at_once_equal_one_worker(
    settings: Settings, ctx: dict[str, Any], pool: ArqRedis, other_db_url: str, tmp_path: Path
) -> None:
    pages = [str(p) for p in generate(tmp_path / "corpus", 12, seed=5)]
    first = await _new_run(ctx, pages, "reingest")
    second = await _new_run(ctx, list(reversed(pages)), "reingest")
    # batches of different sizes, so the two runs' batches overlap differently and race on every page
    await queue.enqueue_files(pool, first, pages, batch=3)
    await queue.enqueue_files(pool, second, list(reversed(pages)), batch=5)
    workers = [make_worker(settings, max_jobs=2), make_worker(settings, max_jobs=2)]
    await asyncio.gather(*(run_burst(w) for w in workers))
    assert sum(w.jobs_failed for w in workers) == 0
    summaries = [await _summary(ctx, r) for r in (first, second)]
    assert [s.status for s in summaries] == ["succeeded", "succeeded"]
    assert [s.documents_done for s in summaries] == [12, 12]
    # each page was created by exactly one of the two runs and found unchanged by the other
    assert sum(s.count("documents", "created") for s in summaries) == 12
    assert sum(s.count("documents", "unchanged") for s in summaries) == 12

    # the same pages ingested by one process, one page after another
    alone = Settings(DATABASE_URL=other_db_url, REDIS_URL=settings.redis_url, SEEDS_DIR=settings.seeds_dir)
    reference: dict[str, Any] = {}
    await open_context(reference, alone)
    try:
        assert (await ingest_inline(reference, *map(Path, pages))).status == "succeeded"
    finally:
        await close_context(reference)
    # Row by row, ids aside. Entity keys and reasons and the related-article ranking must not depend on
    # the order pages were inserted in (their database ids): store/entities.py has to pass content
    # identities (documents.identity, source + title) to the resolver and the ranker for this to hold.
    expected, got = await snapshot(other_db_url), await snapshot(settings.database_url)
    problems = compare(expected, got, ("one worker", "two runs at once"))
    assert problems == [], "\n".join(problems)


async def test_worker_file_errors_recorded_and_run_fails_naming_them(
    settings: Settings, ctx: dict[str, Any], pool: ArqRedis, tmp_path: Path
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    good = folder / TCA_SEED.name
    good.write_bytes(TCA_SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    gone = folder / "gone.txt"
    gone.write_bytes(CABAR_SEED.read_bytes())
    files = [str(p) for p in expand([str(folder)])]
    run_id = await _new_run(ctx, files)
    await queue.enqueue_files(pool, run_id, files, batch=2)
    gone.unlink()  # deleted between queueing and the worker reading it

    worker = await run_burst(make_worker(settings))
    assert worker.jobs_failed == 0  # a bad file is an outcome, not a failed job
    summary = await _summary(ctx, run_id)
    assert summary.status == "failed"
    assert summary.documents_done == 4
    errors = "\n".join(summary.errors)
    assert f"{folder / 'empty.txt'}: empty file" in errors
    assert f"{folder / 'image.txt'}: binary content" in errors
    assert f"{gone}: No such file or directory" in errors
    assert str(good) not in errors
    assert len(summary.errors) == 3
    assert summary.count("documents", "created") == 1
    assert await _rows(ctx) == (1, 6, 5)


async def test_worker_reingest_mutation_runs_on_the_worker(
    settings: Settings, client: httpx.AsyncClient, pool: ArqRedis
) -> None:
    started = await gql(client, REINGEST)
    assert "errors" not in started, started
    run = started["data"]["reingest"]
    assert run["status"] == "queued"
    assert run["documents"] == 2
    # while the first run is queued, a second reingest is that run, not a new one
    again = await gql(client, REINGEST)
    assert again["data"]["reingest"]["id"] == run["id"]
    assert await pool.zcard(QUEUE) == 1

    await run_burst(make_worker(settings))
    done = (await gql(client, RUN_QUERY, id=run["id"]))["data"]["ingestionRun"]
    assert done["status"] == "succeeded"
    assert done["documentsDone"] == 2
    assert done["articlesCreated"] == 15
    assert done["ratesCreated"] == 5
    assert done["errors"] == []


async def test_worker_ingest_document_mutation_ingests_on_the_worker(
    settings: Settings, client: httpx.AsyncClient, pool: ArqRedis
) -> None:
    text = CABAR_SEED.read_text(encoding="utf-8")
    result = await gql(client, INGEST_DOCUMENT, text=text, url="https://example.org/listing")
    assert "errors" not in result, result
    run_id = result["data"]["ingestDocument"]["id"]
    assert await pool.zcard(QUEUE) == 1
    await run_burst(make_worker(settings))
    done = (await gql(client, RUN_QUERY, id=run_id))["data"]["ingestionRun"]
    assert done["status"] == "succeeded"
    assert done["documentsDone"] == 1
    assert done["articlesCreated"] == 9


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty page"),
        ("   \n\n", "empty page"),
        ("Title\n\nA body with a NUL \x00 in it.", "NUL character (U+0000)"),
        ("Viewing results 1 - 6 of 34", "no article found"),
    ],
)
async def test_worker_ingest_document_bad_text_queues_nothing(
    client: httpx.AsyncClient, pool: ArqRedis, text: str, message: str
) -> None:
    result = await gql(client, INGEST_DOCUMENT, text=text)
    assert result["data"] is None
    [error] = result["errors"]
    assert message in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == "text"
    assert await pool.zcard(QUEUE) == 0


async def _post(
    settings: Settings, query: str, *, host: str = "127.0.0.1", token: str | None = None, **variables: Any
) -> dict[str, Any]:
    """One GraphQL request to an app built on `settings`, from `host`."""
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, client=(host, 1234))
    headers = {"authorization": f"Bearer {token}"} if token else {}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
    ):
        response = await http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    return payload


async def test_worker_ingest_document_over_size_cap_queues_nothing(
    settings: Settings, pool: ArqRedis
) -> None:
    capped = settings.model_copy(update={"max_document_bytes": 2_000})
    text = CABAR_SEED.read_text(encoding="utf-8")
    result = await _post(capped, INGEST_DOCUMENT, text=text)
    [error] = result["errors"]
    size = len(text.encode("utf-8"))
    assert error["message"] == f"text is {size:,} bytes, over the 2,000-byte limit"
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert await pool.zcard(QUEUE) == 0


async def test_worker_admin_token_required_when_set(settings: Settings, pool: ArqRedis) -> None:
    guarded = Settings(
        DATABASE_URL=settings.database_url,
        REDIS_URL=settings.redis_url,
        SEEDS_DIR=settings.seeds_dir,
        NEWSGRAPH_ADMIN_TOKEN="s3cret-token",
    )
    for token in (None, "wrong-token"):
        refused = await _post(guarded, REINGEST, token=token)
        assert refused["data"] is None
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "Bearer" in refused["errors"][0]["message"]
    assert await pool.zcard(QUEUE) == 0
    # with the token, from anywhere (not only loopback)
    accepted = await _post(guarded, REINGEST, host="203.0.113.5", token="s3cret-token")
    assert "errors" not in accepted, accepted
    assert accepted["data"]["reingest"]["status"] == "queued"
    assert await pool.zcard(QUEUE) == 1


async def test_worker_non_loopback_client_refused_without_token(settings: Settings, pool: ArqRedis) -> None:
    for query, variables in (
        (REINGEST, {}),
        (INGEST_DOCUMENT, {"text": TCA_SEED.read_text(encoding="utf-8")}),
    ):
        result = await _post(settings, query, host="203.0.113.5", **variables)
        assert result["data"] is None
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await pool.zcard(QUEUE) == 0


async def test_worker_redis_down_mutation_unavailable_inline_still_works(
    settings: Settings, ctx: dict[str, Any]
) -> None:
    down = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    for query, variables in (
        (REINGEST, {}),
        (INGEST_DOCUMENT, {"text": TCA_SEED.read_text(encoding="utf-8")}),
    ):
        result = await _post(down, query, **variables)
        assert result["data"] is None
        [error] = result["errors"]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert "Redis" in error["message"]
    # nothing was started: no run waits for a queue that never got it
    async with ctx["sessionmaker"]() as session:
        assert await session.scalar(select(func.count()).select_from(IngestionRun)) == 0

    env = {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": down.redis_url, "COLUMNS": "200"}
    inline = await _newsgraph(env, "ingest", "--inline", str(SEEDS))
    assert inline.returncode == 0, inline.stderr
    assert "succeeded" in inline.stdout
    assert await _rows(ctx) == (2, 15, 5)
    queued = await _newsgraph(env, "ingest", str(SEEDS))
    assert queued.returncode == 2
    assert "cannot reach Redis at REDIS_URL" in queued.stderr
    assert "--inline" in queued.stderr


async def test_worker_unstick_cuts_arq_marks_no_lease_renews(pool: ArqRedis) -> None:
    """A worker killed between arq's in-progress mark (its long timeout) and the lease leaves a mark no
    lease renews: recovery cuts ours to a lease, leaves a leased one and arq's cron marks alone."""
    from workers.lease import LEASE_S
    from workers.recovery import unstick

    stuck = in_progress_key_prefix + "newsgraph:batch:00000000-0000-0000-0000-000000000000:1"
    leased = in_progress_key_prefix + "newsgraph:batch:00000000-0000-0000-0000-000000000000:2"
    cron = in_progress_key_prefix + "recover_lost_runs:123"
    await pool.psetex(stuck, 1_500_000, b"1")
    await pool.psetex(leased, int(LEASE_S * 1000), b"1")
    await pool.psetex(cron, 1_500_000, b"1")
    try:
        assert await unstick(pool) == 1
        assert 0 < await pool.pttl(stuck) <= LEASE_S * 1000
        assert await pool.pttl(leased) <= LEASE_S * 1000
        assert await pool.pttl(cron) > 1_000_000
    finally:
        await pool.delete(stuck, leased, cron)


async def test_worker_recovery_statuses_are_arqs_in_one_round_trip(pool: ArqRedis) -> None:
    """Recovery reads the status of every unfinished batch at once: the same answers as arq's
    Job.status, job by job, for each state a job can be in."""
    from arq.constants import result_key_prefix
    from arq.jobs import Job, JobStatus

    from workers.recovery import statuses

    prefix = "newsgraph:batch:00000000-0000-0000-0000-00000000abcd"
    ids = [f"{prefix}:{n}" for n in range(5)]
    await pool.enqueue_job("ingest_batch", "x", [], _job_id=ids[0])
    await pool.enqueue_job("ingest_batch", "x", [], _job_id=ids[1], _defer_by=600)
    await pool.psetex(in_progress_key_prefix + ids[2], 60_000, b"1")
    await pool.psetex(result_key_prefix + ids[3], 60_000, b"1")
    # ids[4] was never queued
    expected = [
        JobStatus.queued,
        JobStatus.deferred,
        JobStatus.in_progress,
        JobStatus.complete,
        JobStatus.not_found,
    ]
    assert [await Job(i, pool, _queue_name=QUEUE).status() for i in ids] == expected
    assert await statuses(pool, QUEUE, ids) == expected
    assert await statuses(pool, QUEUE, []) == []


async def test_worker_recovery_pass_for_a_slot_long_past_does_nothing(
    ctx: dict[str, Any], pool: ArqRedis
) -> None:
    """A cron pass that waited behind a long run's batches leaves the work to the passes queued after
    it; one on time re-queues a lost run's batch."""
    from datetime import timedelta

    from arq.utils import timestamp_ms
    from sqlalchemy import update

    from workers.recovery import STALE_PASS_MS, recover_lost_runs

    run_id = await _new_run(ctx, _seed_files())  # queued, and no job for it: lost
    async with ctx["sessionmaker"].begin() as session:  # older than recovery's grace
        await session.execute(
            update(IngestionRun)
            .where(IngestionRun.id == run_id)
            .values(created_at=func.now() - timedelta(minutes=1))
        )
    recovery_ctx = {**ctx, "redis": pool}
    assert await recover_lost_runs({**recovery_ctx, "score": timestamp_ms() - STALE_PASS_MS - 1_000}) == 0
    assert await pool.zcard(QUEUE) == 0
    assert await recover_lost_runs({**recovery_ctx, "score": timestamp_ms()}) == 1
    assert await pool.zcard(QUEUE) == 1

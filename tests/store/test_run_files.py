"""What a batch asks about its run: which of its files are done, and whether the run has every file,
answered from the batch's rows and counts (not by reading the run's whole file list), on the real
PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

from store import runs


async def _run(ctx: dict[str, Any], files: list[str]) -> uuid.UUID:
    async with ctx["sessionmaker"].begin() as session:
        return await runs.create_run(session, "ingest", files)


async def _record(ctx: dict[str, Any], run_id: uuid.UUID, name: str, *, ok: bool = True) -> None:
    async with ctx["sessionmaker"].begin() as session:
        await runs.record_file(session, run_id, name, ok=ok, error=None if ok else "bad page")


async def test_done_among_names_only_the_given_files_the_run_recorded(ctx: dict[str, Any]) -> None:
    files = [f"/pages/{n:03}.txt" for n in range(6)]
    run_id = await _run(ctx, files)
    other = await _run(ctx, files)
    await _record(ctx, run_id, files[0])
    await _record(ctx, run_id, files[3], ok=False)  # a failed file has its outcome too
    await _record(ctx, other, files[1])  # another run's outcome is not this run's
    async with ctx["sessionmaker"]() as session:
        assert await runs.done_among(session, run_id, files[:3]) == {files[0]}
        assert await runs.done_among(session, run_id, files[3:]) == {files[3]}
        assert await runs.done_among(session, run_id, []) == set()
        assert await runs.done_among(session, other, files) == {files[1]}


async def test_all_recorded_once_every_file_has_an_outcome(ctx: dict[str, Any]) -> None:
    files = [f"/pages/{n:03}.txt" for n in range(4)]
    run_id = await _run(ctx, files)
    for name in files[:-1]:
        await _record(ctx, run_id, name)
        async with ctx["sessionmaker"]() as session:
            assert not await runs.all_recorded(session, run_id)
    await _record(ctx, run_id, files[-1], ok=False)
    async with ctx["sessionmaker"]() as session:
        assert await runs.all_recorded(session, run_id)
        assert not await runs.all_recorded(session, uuid.uuid4())  # no such run


async def test_a_file_named_twice_is_one_file_of_the_run(ctx: dict[str, Any]) -> None:
    run_id = await _run(ctx, ["/pages/a.txt", "/pages/b.txt", "/pages/a.txt"])
    async with ctx["sessionmaker"]() as session:
        summary = await runs.summary(session, run_id)
    assert summary is not None and summary.documents == 2
    await _record(ctx, run_id, "/pages/a.txt")
    await _record(ctx, run_id, "/pages/b.txt")
    async with ctx["sessionmaker"]() as session:
        assert await runs.all_recorded(session, run_id)


async def test_status_is_the_runs_status(ctx: dict[str, Any]) -> None:
    run_id = await _run(ctx, ["/pages/a.txt"])
    async with ctx["sessionmaker"].begin() as session:
        assert await runs.status(session, run_id) == "queued"
        await runs.mark_running(session, run_id)
        assert await runs.status(session, run_id) == "running"
        await runs.finish_run(session, run_id)
        assert await runs.status(session, run_id) == "succeeded"
        assert await runs.status(session, uuid.uuid4()) is None

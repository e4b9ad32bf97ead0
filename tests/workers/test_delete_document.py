"""deleteDocument through HTTP, with its cross-linking run on a real worker: after ingest(A, B, C) and
deleting B, the database holds what ingest(A, C) alone gives, row for row (ids aside), and deleting
again changes nothing."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis
from sqlalchemy import text

from api.settings import Settings
from bench.kill_test import compare, snapshot
from store.db import make_engine
from tests.conftest import SEEDS
from tests.helpers import gql, ingest_inline
from tests.workers.conftest import WORKER_REDIS_URL, make_worker, run_burst
from workers.context import close_context, open_context

PAGES = Path(__file__).resolve().parent.parent / "pages"
DELETE = """mutation($id: ID!) { deleteDocument(id: $id) {
    deleted documentId articlesDeleted ratesDeleted entitiesDeleted sourceDeleted documentsRestored
    run { id kind status documents documentsDone } } }"""
RUN = "query($id: ID!) { ingestionRun(id: $id) { status errors } }"
DOCUMENTS = "{ articles(first: 100) { edges { node { document { id path } } } } }"
# what the kill test compares, and the outlets and entity evidence besides
EXTRA_SQL = {
    "sources": "SELECT name FROM sources",
    "entity_evidence": "SELECT key, evidence FROM entities",
}


def _header(page: str) -> str:
    """A ticker listing's furniture: the ticker, its date and the result counter."""
    return page.split("\n\n")[0] + "\n\nViewing results 1 - 2 of 18\n\n"


def _entries(page: str) -> list[str]:
    """A ticker listing's entries: title and body, after the ticker and the result counter."""
    blocks = page.strip().split("\n\n")[2:]
    return [f"{title}\n\n{body}" for title, body in zip(blocks[::2], blocks[1::2], strict=True)]


def _shared_pages(folder: Path) -> tuple[Path, Path, Path]:
    """B holds the rates of A's day (so it takes them over from A), one article A lists (A keeps
    it) and one C lists too (B, ingested first, holds it): deleting B must give them back to A and C."""
    banks = (PAGES / "tca_banks.txt").read_text(encoding="utf-8")
    railways = (PAGES / "tca_railways.txt").read_text(encoding="utf-8")
    b = _header(banks) + _entries(banks)[1] + "\n\n" + _entries(railways)[0] + "\n"
    paths = folder / "a_banks.txt", folder / "b_mixed.txt", folder / "c_railways.txt"
    paths[0].write_text(banks, encoding="utf-8")
    paths[1].write_text(b, encoding="utf-8")
    paths[2].write_text(railways, encoding="utf-8")
    return paths


def _separate_pages(folder: Path) -> tuple[Path, Path, Path]:
    """Three pages that share people, places and an outlet but no article or rate; B's outlet stays."""
    names = ("cabar_migration.txt", "cabar_schools.txt", "tca_banks.txt")
    paths = tuple(folder / f"{n}_{name}" for n, name in zip("abc", names, strict=True))
    for name, path in zip(names, paths, strict=True):
        shutil.copy(PAGES / name, path)
    return paths  # type: ignore[return-value]


def _only_page(folder: Path) -> tuple[Path, Path, Path]:
    """B is a posted junk page of its own outlet: deleting it deletes the outlet too."""
    paths = folder / "a_banks.txt", folder / "b_hello.txt", folder / "c_railways.txt"
    shutil.copy(PAGES / "tca_banks.txt", paths[0])
    paths[1].write_text("Hello world\n\nA test page about Kazakhstan and Tokayev.\n", encoding="utf-8")
    shutil.copy(PAGES / "tca_railways.txt", paths[2])
    return paths


async def _state(url: str) -> dict[str, Counter[tuple[Any, ...]]]:
    state = await snapshot(url)
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            for table, sql in EXTRA_SQL.items():
                rows = (await conn.execute(text(sql))).all()
                state[table] = Counter(tuple(tuple(v) if isinstance(v, list) else v for v in r) for r in rows)
    finally:
        await engine.dispose()
    return state


def _differences(
    want: dict[str, Counter[tuple[Any, ...]]], got: dict[str, Counter[tuple[Any, ...]]]
) -> list[str]:
    problems = compare(want, got, ("ingest(A, C)", "ingest(A, B, C) - B"))
    problems += [
        f"{t} differs: {sorted(want[t] - got[t])[:3]} / {sorted(got[t] - want[t])[:3]}"
        for t in EXTRA_SQL
        if want[t] != got[t]
    ]
    return problems


async def _document_id(client: httpx.AsyncClient, name: str) -> str:
    payload = await gql(client, DOCUMENTS)
    ids = {
        e["node"]["document"]["path"]: e["node"]["document"]["id"]
        for e in payload["data"]["articles"]["edges"]
    }
    return ids[name]


@pytest.mark.parametrize("pages", [_shared_pages, _separate_pages, _only_page])
async def test_delete_document_leaves_what_never_ingesting_it_gives(
    pages: Any,
    settings: Settings,
    ctx: dict[str, Any],
    client: httpx.AsyncClient,
    pool: ArqRedis,
    other_db_url: str,
    tmp_path: Path,
) -> None:
    a, b, c = pages(tmp_path)
    for path in (a, b, c):
        await ingest_inline(ctx, path)
    other: dict[str, Any] = {}
    await open_context(
        other, Settings(DATABASE_URL=other_db_url, REDIS_URL=WORKER_REDIS_URL, SEEDS_DIR=str(SEEDS))
    )
    try:
        for path in (a, c):
            await ingest_inline(other, path)
    finally:
        await close_context(other)
    want = await _state(other_db_url)
    before = await _state(settings.database_url)
    assert _differences(want, before), "B left no trace to delete"

    document_id = await _document_id(client, b.name)
    first = await gql(client, DELETE, id=document_id)
    assert "errors" not in first, first
    done = first["data"]["deleteDocument"]
    assert done["deleted"] is True
    assert done["documentId"] == document_id
    assert done["articlesDeleted"] >= 1
    assert done["run"]["kind"] == "delete"
    assert done["run"]["status"] == "queued"
    worker = await run_burst(make_worker(settings))
    assert worker.jobs_complete == 1 and worker.jobs_failed == 0
    run = await gql(client, RUN, id=done["run"]["id"])
    assert run["data"]["ingestionRun"] == {"status": "succeeded", "errors": []}

    after = await _state(settings.database_url)
    assert _differences(want, after) == []
    if pages is _shared_pages:
        # A's rates and C's article came back from their own pages
        assert sorted(done["documentsRestored"]) == ["file:a_banks.txt", "file:c_railways.txt"]
        assert done["ratesDeleted"] == 5
    assert done["sourceDeleted"] is (pages is _only_page)

    second = await gql(client, DELETE, id=document_id)
    assert second["data"]["deleteDocument"] == {
        "deleted": False,
        "documentId": document_id,
        "articlesDeleted": 0,
        "ratesDeleted": 0,
        "entitiesDeleted": 0,
        "sourceDeleted": False,
        "documentsRestored": [],
        "run": None,
    }
    assert await _state(settings.database_url) == after
    assert (await run_burst(make_worker(settings))).jobs_complete == 0  # nothing was queued

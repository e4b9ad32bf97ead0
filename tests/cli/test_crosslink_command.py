"""`newsgraph crosslink [--full]` as a user runs it: nothing pending is nothing to do; --full resolves and
ranks everything again, reports every entity unchanged and writes nothing; after rows were broken by
hand, --full puts them back as they were."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from api.settings import Settings
from tests.helpers import ingest_inline, newsgraph

pytestmark = pytest.mark.db

PAGES = Path(__file__).resolve().parent.parent / "pages"
STATE = {
    "entities": "SELECT id, key, name, aliases, reasons, evidence, article_count FROM entities ORDER BY id",
    "members": "SELECT id, entity_id FROM doc_entities ORDER BY id",
    "related": "SELECT article_id, rank, other_id, score FROM related_articles ORDER BY 1, 2",
    "sets": "SELECT article_id, entity_ids FROM article_entity_sets ORDER BY 1",
}


def _crosslink(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return newsgraph("crosslink", *args, database_url=settings.database_url, redis_url=settings.redis_url)


async def _state(ctx: dict[str, Any]) -> dict[str, list[Any]]:
    async with ctx["sessionmaker"]() as session:
        return {name: list((await session.execute(text(sql))).all()) for name, sql in STATE.items()}


def _count(stdout: str, kind: str, outcome: int) -> int:
    found = re.search(rf"│ {kind}\s+│\s+([\d,]+) │\s+([\d,]+) │\s+([\d,]+) │", stdout)
    assert found, stdout
    return int(found.group(outcome).replace(",", ""))


async def test_cli_crosslink_and_full_rebuild(settings: Settings, ctx: dict[str, Any]) -> None:
    await ingest_inline(ctx, PAGES / "tca_banks.txt", PAGES / "tca_railways.txt", PAGES / "cabar_schools.txt")
    before = await _state(ctx)
    assert before["related"] and before["sets"]

    nothing = _crosslink(settings)
    assert nothing.returncode == 0, nothing.stderr
    assert _count(nothing.stdout, "people", 3) > 0 and _count(nothing.stdout, "people", 1) == 0
    assert await _state(ctx) == before

    full = _crosslink(settings, "--full")
    assert full.returncode == 0, full.stderr
    assert "cross-linking (full)" in full.stdout
    for kind in ("people", "organizations", "places"):
        assert _count(full.stdout, kind, 1) == _count(full.stdout, kind, 2) == 0, full.stdout
        assert _count(full.stdout, kind, 3) > 0
    assert await _state(ctx) == before  # ids included

    # rows broken by hand: a node renamed, a ranking dropped, an article's entities and counts wrong
    async with ctx["sessionmaker"].begin() as session:
        await session.execute(
            text(
                "UPDATE entities SET name = 'wrong', article_count = 99"
                " WHERE id = (SELECT min(id) FROM entities)"
            )
        )
        await session.execute(text("DELETE FROM related_articles WHERE rank = 0"))
        await session.execute(text("UPDATE article_entity_sets SET entity_ids = '{}'"))
    repaired = _crosslink(settings, "--full")
    assert repaired.returncode == 0, repaired.stderr
    assert (
        _count(repaired.stdout, "people", 2)
        + _count(repaired.stdout, "organizations", 2)
        + _count(repaired.stdout, "places", 2)
        == 1
    )  # the renamed node
    assert await _state(ctx) == before

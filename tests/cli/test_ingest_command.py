"""`newsgraph ingest` as a user runs it: exit status, named failures, nothing stored lost."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from api.settings import Settings
from store.models import Article, Document, Rate
from store.runs import COUNTED, OUTCOMES
from tests.helpers import CABAR_SEED, SEEDS, TCA_SEED, ingest_inline, newsgraph


def _newsgraph(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return newsgraph(*args, database_url=settings.database_url, redis_url=settings.redis_url, columns=200)


async def _counts(ctx: dict[str, Any]) -> tuple[int, int, int]:
    async with ctx["sessionmaker"]() as session:
        return (
            await session.scalar(select(func.count()).select_from(Document)) or 0,
            await session.scalar(select(func.count()).select_from(Article)) or 0,
            await session.scalar(select(func.count()).select_from(Rate)) or 0,
        )


async def test_cli_ingest_folder_with_bad_files_names_each_and_keeps_the_good(
    settings: Settings, ctx: dict[str, Any], tmp_path: Path
) -> None:
    first = _newsgraph(settings, "ingest", "--inline", str(CABAR_SEED))
    assert first.returncode == 0, first.stderr
    assert await _counts(ctx) == (1, 9, 0)

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.txt").write_text(TCA_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "latin1.txt").write_bytes("Título\n\nNoticias de Almatý con acentos.".encode("latin-1"))
    (folder / "furniture.txt").write_text("Viewing results 1 - 6 of 34\n", encoding="utf-8")
    result = _newsgraph(settings, "ingest", "--inline", str(folder))

    assert result.returncode == 1
    report = result.stderr
    assert "4 failed" in report
    assert "empty.txt: empty file" in report
    assert "image.txt: binary content" in report
    assert "latin1.txt: not valid UTF-8" in report
    assert "furniture.txt: no article found" in report
    assert "good.txt" not in report
    # the good page went in, and what was stored before is all still there
    assert await _counts(ctx) == (2, 15, 5)


def test_cli_ingest_missing_path_is_named(settings: Settings) -> None:
    result = _newsgraph(settings, "ingest", "--inline", "/nonexistent/page.txt")
    assert result.returncode == 2
    assert "/nonexistent/page.txt: no such file or folder" in result.stderr


async def test_cli_ingest_summary_table_and_second_run_unchanged(settings: Settings) -> None:
    first = _newsgraph(settings, "ingest", "--inline", str(TCA_SEED), str(CABAR_SEED))
    assert first.returncode == 0, first.stderr
    assert "succeeded" in first.stdout
    second = _newsgraph(settings, "ingest", "--inline", str(TCA_SEED), str(CABAR_SEED))
    rows = {
        line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:5]]
        for line in second.stdout.splitlines()
        if line.count("│") >= 5
    }
    assert rows["articles"] == ["0", "0", "15"]
    assert rows["rates"] == ["0", "0", "5"]
    assert rows["documents"] == ["0", "0", "2"]


def test_cli_ingest_shows_the_cross_linking_step_on_a_terminal(settings: Settings) -> None:
    # the step after the last file moves no file counter: on a terminal the bar names it while it runs
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "FORCE_COLOR": "1",  # rich draws its progress bar as on a terminal
        "COLUMNS": "160",
    }
    result = subprocess.run(
        [sys.executable, "-m", "api", "ingest", "--inline", str(CABAR_SEED)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    frames = [re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", f) for f in re.split(r"[\r\n]", result.stderr)]
    stages = [f.split("━")[0].strip() for f in frames if "━" in f]
    assert "cross-linking entities and related articles" in stages
    assert stages[-1] == "ingested"
    # and nothing of the bar reaches stdout, which holds the summary alone
    assert "cross-linking" not in result.stdout and "ingesting" not in result.stdout


async def test_ingest_failed_run_reports_no_entities_as_its_own(ctx: dict[str, Any], tmp_path: Path) -> None:
    first = await ingest_inline(ctx, SEEDS)
    assert first.count("people", "created") > 0
    bad = tmp_path / "furniture.txt"
    bad.write_text("Viewing results 1 - 6 of 34\n", encoding="utf-8")
    failed = await ingest_inline(ctx, bad)
    assert failed.status == "failed"
    # the archive's entities were not this run's to create, update or leave unchanged
    assert {(k, o): failed.count(k, o) for k in COUNTED for o in OUTCOMES} == {
        (k, o): 0 for k in COUNTED for o in OUTCOMES
    }

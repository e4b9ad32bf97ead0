"""`newsgraph ingest --inline` preparing pages in a process pool: the same rows as one process, in the
same order, bad files named, and nothing lost when a pool process dies."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from api.settings import Settings
from tests.conftest import fresh_database
from tests.helpers import CABAR_SEED, TCA_SEED, newsgraph
from workers.jobs import prepare_file
from workers.prepare import FILES_PER_PROCESS, prepared_in_order, processes_for

MAX_BYTES = 2_000_000


def _folder(tmp_path: Path) -> Path:
    """Enough pages to start two processes, each seed under many names, with a bad file among them."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(FILES_PER_PROCESS + 2):
        shutil.copy(TCA_SEED, folder / f"{i:03d}_tca.txt")
        shutil.copy(CABAR_SEED, folder / f"{i:03d}_cabar.txt")
    (folder / "010_empty.txt").write_bytes(b"")
    return folder


def test_processes_for_starts_none_for_few_files_or_one_job() -> None:
    assert processes_for(FILES_PER_PROCESS - 1, 4) == 0
    assert processes_for(100, 1) == 0
    assert processes_for(FILES_PER_PROCESS * 2, 4) == 2
    assert processes_for(10_000, 2) == 2


async def test_pool_and_single_process_store_the_same(
    settings: Settings, template_url: str, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    outputs = []
    for jobs in ("2", "1"):
        async with fresh_database(template_url) as url:
            result = newsgraph(
                "ingest",
                "--inline",
                "--jobs",
                jobs,
                str(folder),
                database_url=url,
                redis_url=settings.redis_url,
            )
            assert result.returncode == 1, result.stderr
            assert "1 failed" in result.stderr
            assert "010_empty.txt: empty file" in result.stderr
            exported = newsgraph(
                "export", "--format", "jsonl", database_url=url, redis_url=settings.redis_url
            )
            assert exported.returncode == 0, exported.stderr
            outputs.append(exported.stdout)
    pooled, single = outputs
    assert pooled.count("\n") > 100
    # ids included: the pool hands pages back in file order, so rows are stored in the same order
    assert pooled == single


async def test_a_killed_pool_process_loses_no_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = _folder(tmp_path)
    files = sorted(str(p) for p in folder.iterdir())
    got = []
    async for prepared in prepared_in_order(files, MAX_BYTES, jobs=2):
        if not got:
            children = multiprocessing.active_children()
            assert children, "the pool should be running"
            for child in children:
                child.kill()
        got.append(prepared)
    assert "a preparing process stopped" in caplog.text
    assert [p.path for p in got] == files
    assert got == [prepare_file(f, MAX_BYTES) for f in files]

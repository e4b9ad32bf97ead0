"""`newsgraph stats` and `newsgraph export` as a user runs them, on the ingested seeds."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from api.settings import Settings
from store.models import Document, Mention
from tests.helpers import SEEDS, ingest_inline, newsgraph

pytestmark = pytest.mark.db


def _newsgraph(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return newsgraph(*args, database_url=settings.database_url, redis_url=settings.redis_url, columns=250)


async def _documents(ctx: dict[str, Any]) -> dict[str, str]:
    async with ctx["sessionmaker"]() as session:
        return dict((await session.execute(select(Document.sha256, Document.text))).all())


async def _mention_count(ctx: dict[str, Any]) -> int:
    async with ctx["sessionmaker"]() as session:
        return int(await session.scalar(select(func.count()).select_from(Mention)) or 0)


async def test_cli_stats_counts_every_kind_and_shows_the_last_run(
    settings: Settings, ctx: dict[str, Any]
) -> None:
    summary = await ingest_inline(ctx, SEEDS)
    result = _newsgraph(settings, "stats")
    assert result.returncode == 0, result.stderr

    def count(kind: str) -> int:
        found = re.search(rf"│ {kind}\s+│\s+([\d,]+) │", result.stdout)
        assert found, f"no {kind} row in:\n{result.stdout}"
        return int(found.group(1).replace(",", ""))

    assert (count("documents"), count("articles"), count("sources"), count("rates")) == (2, 15, 2, 5)
    assert count("mentions") == await _mention_count(ctx)
    for kind in ("people", "organizations", "places", "roles"):
        assert count(kind) > 0, kind
    run_row = next(line for line in result.stdout.splitlines() if f"│ {str(summary.id)[:8]} " in line)
    assert "succeeded" in run_row
    assert f"newest run {summary.id}" in result.stdout
    assert re.search(r"│ articles\s+│\s+15 │\s+0 │\s+0 │", result.stdout), result.stdout


async def test_cli_stats_fits_80_columns(settings: Settings, ctx: dict[str, Any]) -> None:
    await ingest_inline(ctx, SEEDS)
    result = newsgraph("stats", database_url=settings.database_url, redis_url=settings.redis_url, columns=80)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, result.stdout
    # nothing cut short to fit: every status and count is whole
    assert "succeeded" in result.stdout
    assert "…" not in result.stdout


async def test_cli_export_jsonl_spans_slice_the_document_text(
    settings: Settings, ctx: dict[str, Any], tmp_path: Path
) -> None:
    await ingest_inline(ctx, SEEDS)
    out = tmp_path / "graph.jsonl"
    result = _newsgraph(settings, "export", "--format", "jsonl", "--out", str(out))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_table: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_table.setdefault(r["table"], []).append(r)
    documents = await _documents(ctx)

    assert len(by_table["articles"]) == 15
    for article in by_table["articles"]:
        text = documents[article["document_sha256"]]
        assert text[article["title_start"] : article["title_end"]] == article["title"]
    assert len(by_table["mentions"]) == await _mention_count(ctx)
    for mention in by_table["mentions"]:
        text = documents[mention["document_sha256"]]
        assert text[mention["start"] : mention["end"]] == mention["text"], mention
    smailova = [r for r in by_table["roles"] if r["person_name"] == "Dina Smailova"]
    assert smailova
    assert smailova[0]["organization_name"] == "NeMolchi.kz"
    assert smailova[0]["document_path"].endswith(".txt")
    assert any(a["author"] == "Assem Zhapisheva" for a in by_table["articles"])


async def test_cli_export_csv_writes_one_file_per_table(
    settings: Settings, ctx: dict[str, Any], tmp_path: Path
) -> None:
    await ingest_inline(ctx, SEEDS)
    folder = tmp_path / "csv"
    result = _newsgraph(settings, "export", "--format", "csv", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "articles.csv",
        "entities.csv",
        "mentions.csv",
        "roles.csv",
    ]
    with (folder / "entities.csv").open(encoding="utf-8", newline="") as fp:
        entities = {row["name"]: row for row in csv.DictReader(fp)}
    assert json.loads(entities["Kassym-Jomart Tokayev"]["aliases"]) == ["Tokayev"]
    documents = await _documents(ctx)
    with (folder / "mentions.csv").open(encoding="utf-8", newline="") as fp:
        mentions = list(csv.DictReader(fp))
    assert len(mentions) == await _mention_count(ctx)
    for m in mentions:
        assert documents[m["document_sha256"]][int(m["start"]) : int(m["end"])] == m["text"]


@pytest.mark.parametrize("out", [None, "graph.csv"])
async def test_cli_export_csv_needs_a_folder(settings: Settings, tmp_path: Path, out: str | None) -> None:
    args = ["export", "--format", "csv"] + (["--out", str(tmp_path / out)] if out else [])
    result = _newsgraph(settings, *args)
    assert result.returncode == 2
    assert "folder" in result.stderr


@pytest.mark.parametrize("command", [["stats"], ["export", "--format", "jsonl"]])
def test_cli_stats_and_export_name_an_unreachable_database(settings: Settings, command: list[str]) -> None:
    # port 1 on loopback: nothing listens there
    unreachable = settings.model_copy(
        update={"database_url": "postgresql+asyncpg://postgres@127.0.0.1:1/newsgraph"}
    )
    result = _newsgraph(unreachable, *command)
    assert result.returncode == 2
    assert "cannot use the database" in result.stderr
    assert "Traceback" not in result.stderr

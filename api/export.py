"""`newsgraph export`: the graph as JSON Lines or CSV, with the provenance of every link.

Tables (store/export.py): articles, entities, mentions (entity ↔ article, with the words and their
[start, end) span in the document), roles (person, title, organization, article, span). JSON Lines go
to one file (each record carries its `table`) or one file per table in a folder; CSV is always one file
per table, since the tables have different columns.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store import export

FORMATS = ("jsonl", "csv")


class ExportError(ValueError):
    """An export the user asked for in a way that cannot work (csv to one file)."""


@dataclass(frozen=True)
class Target:
    """Where an export goes: one stream (stdout or a file), or a folder with a file per table."""

    folder: Path | None
    file: Path | None  # None with no folder: stdout


def target(fmt: str, out: str | None) -> Target:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if out is None:
        if fmt == "csv":
            raise ExportError("csv writes one file per table: give a folder with --out")
        return Target(None, None)
    path = Path(out)
    if fmt == "jsonl" and path.suffix == ".jsonl" and not path.is_dir():
        return Target(None, path)
    if path.suffix and not path.is_dir():
        raise ExportError(f"--out {out}: csv writes one file per table; give a folder, not a file")
    return Target(path, None)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _cell(value: Any) -> Any:
    # lists (aliases) as JSON, so a name holding a separator survives the round trip
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    return _plain(value)


async def _records(session: AsyncSession, table: str) -> AsyncIterator[dict[str, Any]]:
    async for row in export.rows(session, table):
        yield {k: _plain(v) for k, v in row.items()}


async def write(sessionmaker: async_sessionmaker[AsyncSession], fmt: str, to: Target) -> dict[str, int]:
    """Writes every table; returns how many records each had. One read-only transaction, so the
    tables are one consistent snapshot even while an ingestion runs."""
    written: dict[str, int] = {}
    async with sessionmaker() as session, session.begin():
        await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        if to.folder is None:
            stream: IO[str] = to.file.open("w", encoding="utf-8") if to.file else sys.stdout
            try:
                for table in export.TABLES:
                    written[table] = 0
                    async for record in _records(session, table):
                        stream.write(json.dumps({"table": table, **record}, ensure_ascii=False) + "\n")
                        written[table] += 1
            finally:
                if stream is not sys.stdout:
                    stream.close()
            return written
        to.folder.mkdir(parents=True, exist_ok=True)
        for table in export.TABLES:
            written[table] = 0
            with (to.folder / f"{table}.{fmt}").open("w", encoding="utf-8", newline="") as fp:
                if fmt == "csv":
                    writer = csv.DictWriter(fp, fieldnames=export.columns(table))
                    writer.writeheader()
                async for record in _records(session, table):
                    if fmt == "csv":
                        writer.writerow({k: _cell(v) for k, v in record.items()})
                    else:
                        fp.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written[table] += 1
    return written

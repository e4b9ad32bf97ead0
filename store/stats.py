"""Read-only figures for `newsgraph stats`: how much of each kind the graph holds, and recent runs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store import runs
from store.models import Article, Document, Entity, IngestionRun, Mention, Rate, RoleFact, Source

KINDS = (
    "documents",
    "articles",
    "sources",
    "rates",
    "people",
    "organizations",
    "places",
    "mentions",
    "roles",
)


async def counts(session: AsyncSession) -> dict[str, int]:
    """Rows per kind, in one statement (scalar subqueries)."""

    def count(model: Any, *where: ColumnElement[bool]) -> ScalarSelect[int]:
        return select(func.count()).select_from(model).where(*where).scalar_subquery()

    stmt = select(
        count(Document).label("documents"),
        count(Article).label("articles"),
        count(Source).label("sources"),
        count(Rate).label("rates"),
        count(Entity, Entity.kind == "person").label("people"),
        count(Entity, Entity.kind == "organization").label("organizations"),
        count(Entity, Entity.kind == "place").label("places"),
        count(Mention).label("mentions"),
        count(RoleFact).label("roles"),
    )
    row = (await session.execute(stmt)).mappings().one()
    return {k: int(row[k]) for k in KINDS}


async def recent_runs(session: AsyncSession, limit: int = 5) -> list[runs.RunSummary]:
    """The last `limit` ingestion runs, newest first, with their totals (three statements)."""
    ids = list(
        (
            await session.execute(
                select(IngestionRun.id).order_by(IngestionRun.created_at.desc(), IngestionRun.id).limit(limit)
            )
        ).scalars()
    )
    found = await runs.summaries(session, ids) if ids else {}
    return [found[i] for i in ids if i in found]

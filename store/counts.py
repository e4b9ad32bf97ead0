"""Stored counts the read side orders by: how many articles mention each entity.

`entities.article_count` backs the ARTICLE_COUNT order of people, organizations and places with an
index (a count worked out per request would read every mention of every entity of the kind). Which
articles mention an entity changes only when cross-linking reassigns doc entities or a document's
mentions are replaced, so cross-linking refreshes the counts as its last write; rows whose count did
not change are not written.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_REFRESH = text(
    "UPDATE entities AS e SET article_count = coalesce(c.n, 0)"
    " FROM entities AS x LEFT JOIN ("
    "   SELECT d.entity_id AS id, count(DISTINCT m.article_id) AS n"
    "   FROM doc_entities AS d JOIN mentions AS m ON m.doc_entity_id = d.id"
    "   WHERE d.entity_id IS NOT NULL GROUP BY d.entity_id"
    " ) AS c ON c.id = x.id"
    " WHERE e.id = x.id AND e.article_count IS DISTINCT FROM coalesce(c.n, 0)"
)


async def refresh_article_counts(session: AsyncSession) -> int:
    """Sets every entity's article_count from its mentions; returns how many rows changed."""
    result = await session.execute(_REFRESH)
    return int(result.rowcount)  # type: ignore[attr-defined]

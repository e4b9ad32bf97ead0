"""An entity's activity over time and its network: batched reads for the timeline and coMentioned
loaders, one statement per batch (per distinct interval, per distinct page size), whatever the number
of entities a request lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from store.rows import EntityRow

Interval = Literal["week", "month"]
# the newest articles two entities share that a co-mention lists; its count counts them all
SHARED_ARTICLES = 5


@dataclass(frozen=True, slots=True)
class Period:
    start: date  # the Monday of an ISO week, or the first of a month
    mentions: int
    articles: int


# An article's day is the day it ran (published_on), else the day of the listing it was found on
# (listed_on); an article with neither has no place on a timeline. date_trunc on a timestamp without
# time zone: on a date it would go through timestamptz and depend on the session's time zone.
_TIMELINE = text(
    "SELECT p.entity_id, p.period, count(*) AS mentions, count(DISTINCT p.article_id) AS articles"
    " FROM (SELECT de.entity_id, m.article_id,"
    "   CAST(date_trunc(:unit, CAST(coalesce(a.published_on, a.listed_on) AS timestamp)) AS date) AS period"
    "   FROM mentions m JOIN doc_entities de ON de.id = m.doc_entity_id"
    "   JOIN articles a ON a.id = m.article_id"
    "   WHERE de.entity_id = ANY(CAST(:ids AS bigint[]))"
    "   AND coalesce(a.published_on, a.listed_on) IS NOT NULL) AS p"
    " GROUP BY p.entity_id, p.period ORDER BY p.entity_id, p.period"
)


async def timelines(session: AsyncSession, keys: Sequence[tuple[int, Interval]]) -> list[list[Period]]:
    """Mentions and articles per period, oldest first, for many (entity, interval) at once; periods
    with no dated article are not listed."""
    out: dict[tuple[int, Interval], list[Period]] = defaultdict(list)
    groups: dict[Interval, list[int]] = defaultdict(list)
    for entity_id, interval in keys:
        groups[interval].append(entity_id)
    for interval, entity_ids in groups.items():
        rows = await session.execute(_TIMELINE, {"unit": interval, "ids": entity_ids})
        for entity_id, start, mentions, articles in rows:
            out[(entity_id, interval)].append(Period(start, int(mentions), int(articles)))
    return [out.get(k, []) for k in keys]


@dataclass(frozen=True, slots=True)
class CoMention:
    entity: EntityRow
    articles: int  # how many articles name both
    shared: list[int]  # ids of the newest SHARED_ARTICLES of them, newest first


@cache
def _co_mentions() -> Executable:
    # pairs: each (entity, other person or organization, article) once, however many mentions;
    # ranked: most shared articles first, then by name, so ties come out the same every time
    return text(
        "WITH mine AS (SELECT DISTINCT de.entity_id AS subject, m.article_id"
        "   FROM mentions m JOIN doc_entities de ON de.id = m.doc_entity_id"
        "   WHERE de.entity_id = ANY(CAST(:ids AS bigint[]))),"
        " pairs AS (SELECT DISTINCT mine.subject, de.entity_id AS other, mine.article_id"
        "   FROM mine JOIN mentions m ON m.article_id = mine.article_id"
        "   JOIN doc_entities de ON de.id = m.doc_entity_id"
        "   WHERE de.entity_id IS NOT NULL AND de.entity_id <> mine.subject),"
        " counted AS (SELECT p.subject, p.other, count(*) AS n,"
        "   (array_agg(p.article_id ORDER BY coalesce(a.published_on, a.listed_on) DESC NULLS LAST,"
        "     p.article_id DESC))[1:CAST(:shared AS integer)] AS shared"
        "   FROM pairs p JOIN articles a ON a.id = p.article_id"
        "   JOIN entities e ON e.id = p.other AND e.kind IN ('person', 'organization')"
        "   GROUP BY p.subject, p.other),"
        " ranked AS (SELECT c.*, row_number() OVER (PARTITION BY c.subject"
        "   ORDER BY c.n DESC, e.name, e.id) AS r FROM counted c JOIN entities e ON e.id = c.other)"
        " SELECT r.subject, r.n, r.shared, e.id, e.kind, e.name, e.aliases, e.subtype, e.reasons,"
        "   e.evidence"
        " FROM ranked r JOIN entities e ON e.id = r.other"
        " WHERE r.r <= :first ORDER BY r.subject, r.r"
    )


async def co_mentions(session: AsyncSession, keys: Sequence[tuple[int, int]]) -> list[list[CoMention]]:
    """For many (entity, first) at once: the people and organizations most often named in the same
    articles as the entity, with how many articles and the newest of them."""
    out: dict[tuple[int, int], list[CoMention]] = defaultdict(list)
    groups: dict[int, list[int]] = defaultdict(list)
    for entity_id, first in keys:
        groups[first].append(entity_id)
    for first, entity_ids in groups.items():
        params = {"ids": entity_ids, "first": first, "shared": SHARED_ARTICLES}
        for subject, n, shared, *entity in await session.execute(_co_mentions(), params):
            out[(subject, first)].append(CoMention(EntityRow(*entity), int(n), list(shared)))
    return [out.get(k, []) for k in keys]

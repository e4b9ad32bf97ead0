"""Timelines: how often an entity is named, period by period."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import Enum
from typing import Annotated, Protocol

import strawberry

from schema.context import Info
from store.activity import Interval, Period


@strawberry.enum(description="The length of a timeline's periods.")
class TimelineInterval(Enum):
    WEEK = strawberry.enum_value("week", description="ISO weeks, Monday to Sunday.")
    MONTH = strawberry.enum_value("month", description="Calendar months.")


@strawberry.type(
    description="One period of an entity's timeline: how often the articles of that period name it. "
    "An article's day is its publishedOn, else its listedOn."
)
class TimelinePeriod:
    start: date = strawberry.field(description="The first day of the period (a Monday, or the 1st).")
    end: date = strawberry.field(description="The last day of the period (a Sunday, or the month's last).")
    # not `articles` and `mentions`: the cost model (schema/cost.py) reads fields of those names as
    # lists of objects
    mention_count: int = strawberry.field(description="Mentions of the entity in the period's articles.")
    article_count: int = strawberry.field(description="Articles of the period that mention the entity.")

    @classmethod
    def from_row(cls, row: Period, interval: TimelineInterval) -> TimelinePeriod:
        if interval is TimelineInterval.WEEK:
            end = row.start + timedelta(days=6)
        else:
            end = row.start.replace(day=calendar.monthrange(row.start.year, row.start.month)[1])
        return cls(start=row.start, end=end, mention_count=row.mentions, article_count=row.articles)


TIMELINE_DESCRIPTION = (
    "Mentions and articles per week or month, oldest first, by each article's publishedOn, else its "
    "listedOn. Only periods with at least one such article are listed; articles with neither date are "
    "left out (they still count in `articles.totalCount`). Byline authorship is not a mention."
)


_UNITS: dict[TimelineInterval, Interval] = {TimelineInterval.WEEK: "week", TimelineInterval.MONTH: "month"}


class _HasId(Protocol):
    id: int


async def entity_timeline(
    root: _HasId,
    info: Info,
    interval: Annotated[
        TimelineInterval,
        strawberry.argument(description="The length of each period: WEEK or MONTH (the default)."),
    ] = TimelineInterval.MONTH,
) -> list[TimelinePeriod]:
    rows = await info.context.loaders.timeline.load((root.id, _UNITS[interval]))
    return [TimelinePeriod.from_row(r, interval) for r in rows]

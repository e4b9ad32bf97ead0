"""`orderBy` inputs (GitHub style: a field and a direction) and the orders they stand for."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.errors import UserError
from schema.pagination import Order
from store.queries import ARTICLE_CODECS, ENTITY_CODECS


@strawberry.enum(description="Which way a list runs.")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest, earliest or A first.")
    DESC = strawberry.enum_value("DESC", description="Largest, latest or Z first.")


@strawberry.enum(description="What articles can be sorted by. Ties are broken by id, in the same direction.")
class ArticleOrderField(Enum):
    PUBLISHED_ON = strawberry.enum_value(
        "PUBLISHED_ON",
        description="The day the article ran: publishedOn, else listedOn (the date publishedFrom/To "
        "filter on). Articles with neither sort as the oldest: last when DESC, first when ASC.",
    )
    LISTED_ON = strawberry.enum_value(
        "LISTED_ON",
        description="The date of the listing page it was found on; articles without one sort as the oldest.",
    )
    TITLE = strawberry.enum_value(
        "TITLE",
        description="The title, in alphabet order whatever the case (Unicode root collation: "
        "punctuation such as an opening quote sorts before letters).",
    )
    RELEVANCE = strawberry.enum_value(
        "RELEVANCE",
        description="How well it matches `filter.search` (ts_rank_cd among the newest 1,000 matches); "
        "refused without a search.",
    )


@strawberry.input(description="How to sort articles.")
class ArticleOrder:
    field: ArticleOrderField = strawberry.field(description="The article value rows are sorted on.")
    direction: OrderDirection = strawberry.field(
        description="ASC (oldest, A or least relevant first) or DESC (newest, Z or best match first)."
    )


@strawberry.enum(
    description="What people, organizations and places can be sorted by. Ties are broken by id, in "
    "the same direction."
)
class EntityOrderField(Enum):
    NAME = strawberry.enum_value(
        "NAME", description="The name, in alphabet order whatever the case (Unicode root collation)."
    )
    ARTICLE_COUNT = strawberry.enum_value(
        "ARTICLE_COUNT", description="How many articles mention it (as its `articles { totalCount }`)."
    )
    RELEVANCE = strawberry.enum_value(
        "RELEVANCE",
        description="How close its names are to `search` (trigram word similarity); refused without one.",
    )


@strawberry.input(description="How to sort people, organizations or places.")
class EntityOrder:
    field: EntityOrderField = strawberry.field(description="The value rows are sorted on.")
    direction: OrderDirection = strawberry.field(
        description="ASC (A, fewest articles or least close first) or DESC (Z, most articles or closest "
        "first)."
    )


ARTICLE_ORDER_DOC = (
    "How to sort. Default: by relevance (DESC) with `filter.search`, else newest first "
    "({field: PUBLISHED_ON, direction: DESC}: publishedOn, else listedOn, then id; undated last)."
)
NESTED_ARTICLE_ORDER_DOC = (
    "How to sort (RELEVANCE is refused: there is no search here). Default: newest first "
    "({field: PUBLISHED_ON, direction: DESC}: publishedOn, else listedOn, then id; undated last)."
)
ENTITY_ORDER_DOC = (
    "How to sort. Default: by relevance (DESC) with `search`, else in the order they were first "
    "cross-linked (by id)."
)


def article_order(order: ArticleOrder | None, searching: bool, argument: str = "orderBy") -> Order:
    if order is None:
        field, descending = ("RELEVANCE" if searching else "PUBLISHED_ON"), True
    else:
        field, descending = order.field.name, order.direction is OrderDirection.DESC
    if field == "RELEVANCE" and not searching:
        raise UserError(
            f"`{argument}: RELEVANCE` ranks the matches of a search: give `filter.search`, or sort by "
            "PUBLISHED_ON, LISTED_ON or TITLE",
            argument=argument,
        )
    return Order("Article", field, descending, ARTICLE_CODECS[field])


def entity_order(type_name: str, order: EntityOrder | None, searching: bool) -> Order:
    if order is None:
        field, descending = ("RELEVANCE", True) if searching else ("ID", False)
    else:
        field, descending = order.field.name, order.direction is OrderDirection.DESC
    if field == "RELEVANCE" and not searching:
        raise UserError(
            "`orderBy: RELEVANCE` ranks the matches of a search: give `search`, or sort by NAME or "
            "ARTICLE_COUNT",
            argument="orderBy",
        )
    return Order(type_name, field, descending, ENTITY_CODECS[field])

"""Plain read-side records for the API: what a GraphQL type is built from, without ORM instances.

A page of 100 articles names over a thousand entities; building an ORM object (identity map, instance
state, attribute instrumentation) for each was half the CPU of such a request. These are rows with
the columns the API shows, made straight from the driver's tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import type_coerce
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import NullType

from store.models import Article, Entity


def raw(column: Any, name: str) -> ColumnElement[Any]:
    """A column whose value is taken as the driver returns it: asyncpg already decodes text[] into a
    list, and SQLAlchemy's ARRAY result processor would copy every list again."""
    return type_coerce(column, NullType()).label(name)


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    kind: str
    name: str
    aliases: list[str]
    subtype: str | None
    reasons: list[str]
    evidence: list[str]


def entity_columns(entity: Any = Entity) -> tuple[ColumnElement[Any], ...]:
    """The columns of an EntityRow, of Entity or an alias of it; `entity_row(row, start)` reads them
    back from where they start in a result row."""
    return (
        entity.id,
        entity.kind,
        entity.name,
        raw(entity.aliases, "aliases"),
        entity.subtype,
        raw(entity.reasons, "reasons"),
        raw(entity.evidence, "evidence"),
    )


_WIDTH = len(entity_columns())


def entity_row(row: Any, start: int = 0) -> EntityRow:
    return EntityRow(*row[start : start + _WIDTH])


def entity_row_or_none(row: Any, start: int = 0) -> EntityRow | None:
    return None if row[start] is None else entity_row(row, start)


class ArticleRow(NamedTuple):
    """The columns of an article the API shows: not its tsvector, nor what only ingestion reads."""

    id: int
    source_id: int
    document_id: int
    title: str
    body: str
    truncated: bool
    published_on: date | None
    listed_on: date | None
    byline: str | None
    title_start: int
    title_end: int
    body_start: int
    body_end: int


def article_columns() -> tuple[ColumnElement[Any], ...]:
    """The columns of an ArticleRow; `article_row(row, start)` reads them back from where they start."""
    return tuple(getattr(Article, name) for name in ArticleRow._fields)


_ARTICLE_WIDTH = len(ArticleRow._fields)


def article_row(row: Any, start: int = 0) -> ArticleRow:
    return ArticleRow(*row[start : start + _ARTICLE_WIDTH])


def article_keys_of(row: Any, start: int = 0) -> tuple[Any, ...]:
    """What follows an ArticleRow's columns (read from start) in a result row: its sort key."""
    return tuple(row[start + _ARTICLE_WIDTH :])

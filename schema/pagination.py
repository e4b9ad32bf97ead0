"""Relay connections with keyset cursors: a cursor names the last row seen, never an offset."""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from typing import Any, Generic, TypeVar

import strawberry

from schema.errors import UserError
from schema.ids import echo, row_id
from schema.loaders import selected_fields
from store.queries import After

NodeT = TypeVar("NodeT")
DEFAULT_FIRST = 20
MAX_FIRST = 100


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(
        description="Rows matching the arguments, all pages together (one COUNT, run only when asked)."
    )
    async def total_count(self) -> int:
        return await self._count()


def count_alongside(info: Any, count: Callable[[], Awaitable[int]]) -> Callable[[], Awaitable[int]]:
    """What totalCount awaits. When the query selects totalCount, its COUNT starts now, on a connection
    of its own, and runs while the page is read: an exact count of a broad search visits a heap page
    per match (GIN answers nothing from the index alone), 8 ms for 13k matches at 10k pages, which is
    as long as finding and ranking the page."""
    if "totalCount" not in selected_fields(info):
        return count
    task = asyncio.ensure_future(count())
    # a request that fails before totalCount is read must not leave an unretrieved error behind
    task.add_done_callback(lambda t: t.cancelled() or t.exception())
    return lambda: task


def check_first(first: int | None) -> int:
    if first is None:
        return DEFAULT_FIRST
    if not 1 <= first <= MAX_FIRST:
        raise UserError(f"`first` must be between 1 and {MAX_FIRST}, got {first}", argument="first")
    return first


def encode_cursor(kind: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode()


def _not_ours(cursor: str) -> UserError:
    return UserError(f"`after` is not a cursor this API gave out: {echo(cursor)}", argument="after")


def decode_cursor(kind: str, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        raise _not_ours(cursor) from None
    prefix, _, key = raw.partition(":")
    if prefix != kind or not key:
        raise UserError(f"`after` is a cursor of another list, not of {kind}", argument="after")
    return key


def _row(cursor: str, raw: str) -> int:
    try:
        return row_id(raw, "after")
    except UserError:
        raise _not_ours(cursor) from None


def decode_int_cursor(kind: str, cursor: str | None) -> int | None:
    key = decode_cursor(kind, cursor)
    return None if key is None or cursor is None else _row(cursor, key)


def decode_after(kind: str, cursor: str | None) -> After | None:
    key = decode_cursor(kind, cursor)
    if key is None or cursor is None:
        return None
    score_text, _, raw_id = key.rpartition(":")
    score = None
    if score_text:
        try:
            score = Decimal(score_text)
        except ArithmeticError:
            raise _not_ours(cursor) from None
        # a rank this API writes is a finite NUMERIC rounded to 6 places
        if not score.is_finite() or abs(score) >= 10**12:
            raise _not_ours(cursor)
    return After(_row(cursor, raw_id), score)


def connection(
    kind: str,
    rows: Sequence[tuple[int | str | After, NodeT]],
    first: int,
    count: Callable[[], Awaitable[int]],
    after: bool,
) -> Connection[NodeT]:
    """rows: up to first + 1 (key, node) pairs in order; the extra one only says there is a next page."""
    page = rows[:first]
    edges = [
        Edge(cursor=encode_cursor(kind, key.key() if isinstance(key, After) else str(key)), node=node)
        for key, node in page
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > first,
            has_previous_page=after,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )

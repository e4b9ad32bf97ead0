"""Relay connections with keyset cursors, paged forward (`first`/`after`) or backward (`last`/`before`).

A cursor names a row by its place in one order: the list, the order (field and direction) and the row's
sort key, id last (store/keyset.py), as base64 of `Kind:["FIELD DIR", value..., id]`. Only the exact
form this API writes is read back, and a cursor of one order is refused under another: its key would
say nothing about where the row stands there.

`first` and `last` together are refused (the Relay spec discourages them and its algorithm would
return a slice of a slice); `after` and `before` together bound a page on both sides. `hasNextPage`
is exact when paging forward (one row more is read), `hasPreviousPage` when paging backward; the other
one is true when a cursor on that side was given, since that cursor's row lies beyond it.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from schema.errors import UserError
from schema.ids import echo
from schema.loaders import selected_fields
from store import keyset
from store.keyset import Bounds, Codec

NodeT = TypeVar("NodeT")
DEFAULT_FIRST = 20
MAX_FIRST = 100


FIRST_DOC = (
    f"Returns the first n rows after `after` (or from the start): 1 to {MAX_FIRST}, default {DEFAULT_FIRST}."
)
LAST_DOC = (
    f"Returns the last n rows before `before` (or up to the end): 1 to {MAX_FIRST}. "
    "Not together with `first`."
)
AFTER_DOC = "A cursor from this list, in the same order: rows after it."
BEFORE_DOC = "A cursor from this list, in the same order: rows before it."


@strawberry.type(description="Where a page stands in its list (Relay cursor connections).")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="More rows follow this page. Exact when paging forward; when paging backward, "
        "true when `before` was given."
    )
    has_previous_page: bool = strawberry.field(
        description="More rows come before this page. Exact when paging backward; when paging "
        "forward, true when `after` was given."
    )
    start_cursor: str | None = strawberry.field(description="The cursor of the page's first edge.")
    end_cursor: str | None = strawberry.field(description="The cursor of the page's last edge.")


@strawberry.type(description="One row of a page, with the cursor that names its place in the list.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Pass as `after` or `before`, with the same orderBy.")
    node: NodeT = strawberry.field(description="The object itself (an article, a person...).")


@strawberry.type(description="A page of a list, paged with first/after or last/before.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="The page's rows, in the list's order.")
    page_info: PageInfo = strawberry.field(description="Cursors of the page's ends, and what lies beyond.")
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


def check_first(first: int | None, argument: str = "first") -> int:
    if first is None:
        return DEFAULT_FIRST
    if not 1 <= first <= MAX_FIRST:
        raise UserError(f"`{argument}` must be between 1 and {MAX_FIRST}, got {first}", argument=argument)
    return first


@dataclass(frozen=True)
class Order:
    """One order of one list: what a cursor is valid under."""

    kind: str  # the list's node type, "Article"
    field: str  # "PUBLISHED_ON"
    descending: bool
    codecs: tuple[Codec, ...]

    @property
    def tag(self) -> str:
        return f"{self.field} {'DESC' if self.descending else 'ASC'}"


@dataclass(frozen=True)
class Page:
    order: Order
    bounds: Bounds


def encode_cursor(order: Order, key: Sequence[Any]) -> str:
    body = json.dumps(
        [order.tag, *keyset.encode(key, order.codecs)], separators=(",", ":"), ensure_ascii=False
    )
    return base64.urlsafe_b64encode(f"{order.kind}:{body}".encode()).decode()


def _not_ours(cursor: str, argument: str) -> UserError:
    return UserError(f"`{argument}` is not a cursor this API gave out: {echo(cursor)}", argument=argument)


def decode_cursor(order: Order, cursor: str | None, argument: str) -> tuple[Any, ...] | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        raise _not_ours(cursor, argument) from None
    kind, colon, body = raw.partition(":")
    if not colon:
        raise _not_ours(cursor, argument)
    if kind != order.kind:
        raise UserError(
            f"`{argument}` is a cursor of another list, not of {order.kind} rows", argument=argument
        )
    try:
        values = json.loads(body)
    except (ValueError, RecursionError):
        raise _not_ours(cursor, argument) from None
    if not isinstance(values, list) or not values or not isinstance(values[0], str):
        raise _not_ours(cursor, argument)
    if values[0] != order.tag:
        raise UserError(
            f"`{argument}` is a cursor of {order.kind} rows ordered by {echo(values[0])}, not by "
            f"{order.tag!r}: pass the orderBy it was given under, or start again without `{argument}`",
            argument=argument,
        )
    try:
        key = keyset.decode(values[1:], order.codecs)
    except (ValueError, TypeError, ArithmeticError):
        raise _not_ours(cursor, argument) from None
    # only the exact form written here: no second spelling of the same place
    if encode_cursor(order, key) != cursor:
        raise _not_ours(cursor, argument)
    return key


def page_of(order: Order, first: int | None, last: int | None, after: str | None, before: str | None) -> Page:
    """The page the arguments ask for, each checked and named in the error when wrong."""
    if first is not None and last is not None:
        raise UserError(
            "`first` and `last` together are not supported: page forward with `first`/`after` or "
            "backward with `last`/`before`",
            argument="last",
        )
    backward = last is not None
    limit = check_first(last, "last") if backward else check_first(first)
    bounds = Bounds(
        limit=limit,
        after=decode_cursor(order, after, "after"),
        before=decode_cursor(order, before, "before"),
        backward=backward,
    )
    return Page(order, bounds)


def connection(
    page: Page, rows: Sequence[tuple[Sequence[Any], NodeT]], count: Callable[[], Awaitable[int]]
) -> Connection[NodeT]:
    """rows: up to limit + 1 (sort key, node) pairs in the order read (store/keyset.scan: reversed when
    paging backward); the extra one only says there is more on the side read towards."""
    bounds = page.bounds
    more = len(rows) > bounds.limit
    kept = list(rows[: bounds.limit])
    if bounds.backward:
        kept.reverse()
    edges = [Edge(cursor=encode_cursor(page.order, key), node=node) for key, node in kept]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=bounds.before is not None if bounds.backward else more,
            has_previous_page=more if bounds.backward else bounds.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )


# the paging arguments as resolvers declare them, described once
First = Annotated[int | None, strawberry.argument(description=FIRST_DOC)]
Last = Annotated[int | None, strawberry.argument(description=LAST_DOC)]
After = Annotated[str | None, strawberry.argument(description=AFTER_DOC)]
Before = Annotated[str | None, strawberry.argument(description=BEFORE_DOC)]

"""Keyset paging in both directions over any sort key that ends with the row id.

A page is the rows just past one cursor (`first`/`after`) or just before one (`last`/`before`), found by
a row comparison on the sort key, `(key, id) < (:key, :id)`, which a btree index on `(key, id)` answers
by walking it from the cursor in either direction: no OFFSET, the same cost on the last page as on the
first. The id is the last element of every key, so the order is total and a cursor names one place.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnClause, bindparam, literal_column, tuple_

# how a key's values travel in a cursor (JSON) and come back as what the driver binds
Codec = Literal["date", "text", "int", "count", "decimal", "datetime", "uuid"]

# what "no date" sorts as: older than any real day, so undated rows come last when newest come first.
# A literal, not a bound value: an expression index matches only the same expression, constant included.
# -infinity, not a far-off day: asyncpg reads it back as date.min and binds date.min as -infinity, so a
# cursor on an undated row compares equal to it (date.min bound as '0001-01-01' would not)
NO_DATE: ColumnClause[Any] = literal_column("DATE '-infinity'")


@dataclass(frozen=True)
class Bounds:
    """Where a page starts and ends: keys (sort values then id) of the cursors, how many rows, and
    whether to take the rows nearest `before` (paging backward, `last`) rather than nearest `after`."""

    limit: int
    after: tuple[Any, ...] | None = None
    before: tuple[Any, ...] | None = None
    backward: bool = False


def conditions(keys: Sequence[Any], descending: bool, after: bool, before: bool) -> list[Any]:
    """The row comparisons that keep a page between its cursors, bound as after_N / before_N (see
    `params`): a statement built once serves every cursor."""
    row = tuple_(*keys)
    out: list[Any] = []
    if after:
        mark = tuple_(*(bindparam(f"after_{i}", type_=k.type) for i, k in enumerate(keys)))
        out.append(row < mark if descending else row > mark)
    if before:
        mark = tuple_(*(bindparam(f"before_{i}", type_=k.type) for i, k in enumerate(keys)))
        out.append(row > mark if descending else row < mark)
    return out


def where(keys: Sequence[Any], descending: bool, bounds: Bounds) -> list[Any]:
    return conditions(keys, descending, bounds.after is not None, bounds.before is not None)


def params(bounds: Bounds) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, key in (("after", bounds.after), ("before", bounds.before)):
        for i, value in enumerate(key or ()):
            out[f"{name}_{i}"] = value
    return out


def scan(keys: Sequence[Any], descending: bool, backward: bool) -> list[Any]:
    """ORDER BY for reading a page: the list's own order, or its reverse when paging backward (the rows
    nearest `before` first; the caller turns them round)."""
    down = descending != backward
    return [k.desc() if down else k.asc() for k in keys]


def encode(values: Sequence[Any], codecs: Sequence[Codec]) -> list[Any]:
    """A key as JSON values: dates and times in ISO form, decimals and uuids as strings."""
    out: list[Any] = []
    for value, codec in zip(values, codecs, strict=True):
        if codec in ("date", "datetime"):
            out.append(value.isoformat())
        elif codec in ("decimal", "uuid"):
            out.append(str(value))
        else:
            out.append(value)
    return out


def decode(raw: Sequence[Any], codecs: Sequence[Codec]) -> tuple[Any, ...]:
    """A key from its JSON values; ValueError when a value is not of its codec's type."""
    if len(raw) != len(codecs):
        raise ValueError("wrong length")
    out: list[Any] = []
    for value, codec in zip(raw, codecs, strict=True):
        if codec in ("int", "count"):
            # a row id (bigint identity, from 1) or a count (from 0)
            low = 1 if codec == "int" else 0
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value < 2**63:
                raise ValueError("not a row id or a count")
            out.append(value)
            continue
        if not isinstance(value, str):
            raise ValueError("not a string")
        if codec == "text":
            out.append(value)
        elif codec == "date":
            out.append(date.fromisoformat(value))
        elif codec == "datetime":
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError("a time without its zone")
            out.append(moment)
        elif codec == "uuid":
            out.append(uuid.UUID(value))
        else:
            number = Decimal(value)
            # a rank this API writes is a finite NUMERIC rounded to 6 places
            if not number.is_finite() or abs(number) >= 10**12:
                raise ValueError("not a rank")
            out.append(number)
    return tuple(out)


def paged(stmt: Any, keys: Sequence[Any], descending: bool, bounds: Bounds) -> Any:
    """stmt limited to one page: between the cursors, read in scan order, one row more than asked."""
    return (
        stmt.where(*where(keys, descending, bounds))
        .order_by(*scan(keys, descending, bounds.backward))
        .limit(bounds.limit + 1)
    )

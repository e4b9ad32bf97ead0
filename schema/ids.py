"""Ids and cursors as the API reads them back: only the exact form it gave out is accepted.

`Article:01` or `Article: 1` would read as row 1 through int(), and a number past the bigint range
would reach PostgreSQL and fail there, so a row id must be written as the API writes it: digits, no
leading zero, within the column's range.
"""

from __future__ import annotations

import re

import strawberry
from strawberry import relay

from schema.errors import ECHO_CHARS, UserError

# the primary keys are bigint identities, which start at 1
MAX_ROW_ID = 2**63 - 1
_ROW_ID = re.compile(r"[1-9][0-9]{0,18}")


def echo(value: object) -> str:
    """A value as an error message quotes it: repr'd, and cut to about ECHO_CHARS characters."""
    text = repr(value)
    return text if len(text) <= ECHO_CHARS else f"{text[: ECHO_CHARS - 1]}…"


_TYPE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def type_name(raw: str) -> str:
    """A global id's type part as a message names it: bare when it is a plain name, else quoted."""
    return raw if _TYPE_NAME.fullmatch(raw) else echo(raw)


def row_id(raw: str, argument: str) -> int:
    if _ROW_ID.fullmatch(raw) is None or int(raw) > MAX_ROW_ID:
        raise UserError(
            f"`{argument}` is not an id of this API: its number part {echo(raw)} is not a row number "
            f"(digits without a leading zero, at most {MAX_ROW_ID})",
            argument=argument,
        )
    return int(raw)


def a(noun: str) -> str:
    """The noun with its indefinite article: "an Organization", "a Person"."""
    return f"{'an' if noun.lstrip(chr(39)).startswith(tuple('AEIOUaeiou')) else 'a'} {noun}"


def source_id_of(gid: relay.GlobalID | None) -> int | None:
    return entity_id_of(gid, "Source", "sourceId")


def entity_id_of(gid: relay.GlobalID | None, expected: str, argument: str) -> int | None:
    if gid is None or gid is strawberry.UNSET:
        return None
    if gid.type_name != expected:
        raise UserError(
            f"`{argument}` must be the id of {a(expected)}, got one of {a(type_name(gid.type_name))}",
            argument=argument,
        )
    return row_id(gid.node_id, argument)

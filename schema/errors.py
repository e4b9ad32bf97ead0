"""Errors clients see. Each carries a code in `extensions`; nothing from the driver leaks through."""

from __future__ import annotations

import re
from typing import Any

from graphql import GraphQLError

# how much of a client's value a message quotes back, and how long a message may be in all: a 1 MB
# cursor or variable echoed whole made a 1 MB error
ECHO_CHARS = 100
MESSAGE_CHARS = 1000
_QUOTED = re.compile(f"\"[^\"]{{{ECHO_CHARS},}}\"|'[^']{{{ECHO_CHARS},}}'")


def _cut_quote(match: re.Match[str]) -> str:
    quoted = match.group()
    return f"{quoted[:ECHO_CHARS]}…{quoted[-1]}"


def cut_echoes(message: str) -> str:
    """The message with every quoted value over ECHO_CHARS cut, and the whole cut to MESSAGE_CHARS."""
    if len(message) <= ECHO_CHARS:
        return message
    message = _QUOTED.sub(_cut_quote, message)
    return message if len(message) <= MESSAGE_CHARS else f"{message[: MESSAGE_CHARS - 1]}…"


class UserError(GraphQLError):
    """A request the client can fix: bad argument, bad cursor, not allowed."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": self.code, **extensions})


class Forbidden(UserError):
    code = "FORBIDDEN"


class Unavailable(UserError):
    code = "SERVICE_UNAVAILABLE"

"""Errors clients see. Each carries a code in `extensions`; nothing from the driver leaks through."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError


class UserError(GraphQLError):
    """A request the client can fix: bad argument, bad cursor, not allowed."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": self.code, **extensions})


class Forbidden(UserError):
    code = "FORBIDDEN"


class Unavailable(UserError):
    code = "SERVICE_UNAVAILABLE"

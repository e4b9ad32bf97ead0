"""Abuse limits and error masking for a public read API.

Tokens are capped by strawberry's parser limit (and the document's length by the HTTP layer, before
it is parsed). Depth, aliases, introspection, the node budget and the cost budget are checked by
QueryLimits below, from one walk over the parsed document (schema/cost.py) that runs before the
document is validated or executed, so a refused query costs nothing but that walk. The node budget is
GitHub's: each connection may return up to `first` nodes for every node of its parent. The cost
budget bounds the field resolutions. Every answer carries its figures in `extensions.cost`, as
GitHub's rateLimit does. Errors that are not ours to show (driver, SQL, bugs) reach the client as
"Internal server error" with a code; the server log keeps them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import asyncpg
from graphql import GraphQLError
from sqlalchemy.exc import DBAPIError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.types.graphql import OperationType

from schema.cost import MAX_STEPS, AnalysisTooLong, Summary, analyse
from schema.errors import UserError, cut_echoes


class LimitError(GraphQLError):
    def __init__(self, message: str, limit: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": "QUERY_TOO_COMPLEX", "limit": limit, **extensions})


class QueryLimits(SchemaExtension):
    """Reads the limits from the request's settings so each deployment (and each test app) can set
    its own."""

    summary: Summary | None = None

    def on_parse(self) -> Iterator[None]:
        # the HTTP view checks this before parsing a body; a subscription's message over a websocket
        # reaches the schema without it
        query = self.execution_context.query or ""
        cap = self.execution_context.context.settings.max_query_length
        if len(query) > cap:
            raise LimitError(
                f"the GraphQL document is {len(query):,} characters long, over the limit of {cap:,}",
                "document",
            )
        yield

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.context.request is not None and _subscribes(ctx):
            raise UserError(
                "a subscription runs over a websocket at this address (protocol graphql-transport-ws), "
                "not over HTTP"
            )
        document = ctx.graphql_document
        if document is not None:
            try:
                self.summary = analyse(document, ctx.operation_name, ctx.variables)
            except AnalysisTooLong:
                raise LimitError(
                    f"query has more than {MAX_STEPS:,} selections once its fragments are spread, "
                    "over what this server analyses; use fewer fragment spreads",
                    "analysis",
                ) from None
            _check(self.summary, ctx.context.settings)
        yield

    def get_results(self) -> dict[str, Any]:
        if self.summary is None:
            return {}
        settings = self.execution_context.context.settings
        return {"cost": _figures(self.summary, settings)}


def _subscribes(ctx: Any) -> bool:
    try:
        return bool(ctx.operation_type == OperationType.SUBSCRIPTION)
    except RuntimeError:
        # no single operation to run: the executor says so in its own words
        return False


def _figures(summary: Summary, settings: Any) -> dict[str, int]:
    return {
        "requested": summary.cost,
        "limit": settings.max_cost,
        "nodes": summary.nodes,
        "nodeLimit": settings.max_nodes,
    }


def _check(summary: Summary, settings: Any) -> None:
    if summary.introspection and not settings.introspection:
        raise LimitError("introspection is switched off on this server", "introspection")
    if summary.depth > settings.max_depth:
        raise LimitError(
            f"query is {summary.depth} levels deep, over the limit of {settings.max_depth}", "depth"
        )
    if summary.aliases > settings.max_aliases:
        raise LimitError(
            f"query uses {summary.aliases} aliases, over the limit of {settings.max_aliases}", "aliases"
        )
    if summary.nodes > settings.max_nodes:
        raise LimitError(
            f"query may return up to {_big(summary.nodes)} nodes, over the budget of "
            f"{settings.max_nodes:,}; ask for smaller pages (`first`) or fewer nested connections",
            "nodes",
            cost=_figures(summary, settings),
        )
    if summary.cost > settings.max_cost:
        raise LimitError(
            f"query costs up to {_big(summary.cost)} field resolutions, over the budget of "
            f"{settings.max_cost:,}; ask for smaller pages (`first`), fewer nested lists or fewer fields",
            "cost",
            cost=_figures(summary, settings),
        )


def _big(n: int) -> str:
    # a query built to overflow can reach 2^60 and more: a figure that size says nothing more
    return f"{n:,}" if n < 10**15 else "more than 10^15"


def is_fault(error: GraphQLError) -> bool:
    """A fault of the server's (driver, SQL, a bug), not a request the client can fix: ours
    (UserError, LimitError, validation and syntax errors) carry no foreign original error."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def _unavailable(error: BaseException | None) -> bool:
    """A database that cannot be reached (down, restarting, refusing connections), as opposed to a bug."""
    while error is not None:
        if isinstance(error, (ConnectionError, TimeoutError, OSError, asyncpg.CannotConnectNowError)):
            return True
        if isinstance(error, (asyncpg.ConnectionDoesNotExistError, asyncpg.AdminShutdownError)):
            return True
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        error = error.__cause__ or error.__context__
    return False


class MaskInternalErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=is_fault, error_message="Internal server error")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        if _unavailable(error.original_error):
            masked.message = "the database is unavailable right now; try again shortly"
            masked.extensions = {"code": "SERVICE_UNAVAILABLE"}
        else:
            masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
        return masked

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            error.message = cut_echoes(error.message)
            if not error.extensions or "code" not in error.extensions:
                # no path: the document itself was refused; with a path: an argument was
                code = "BAD_USER_INPUT" if error.path else "GRAPHQL_VALIDATION_FAILED"
                error.extensions = {**(error.extensions or {}), "code": code}
        return processed

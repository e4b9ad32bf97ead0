"""Abuse limits and error masking for a public read API.

Tokens are capped by strawberry's parser limit; depth, aliases and introspection by QueryLimits below.
The node budget is GitHub's: each connection
field may return up to `first` nodes (its default when not given) for every node of its parent
connection, and the sum over the query must stay under the budget. Errors that are not ours to show
(driver, SQL, bugs) reach the client as "Internal server error" with a code; the server log keeps them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import asyncpg
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from sqlalchemy.exc import DBAPIError
from strawberry.extensions import MaskErrors, SchemaExtension

from schema.pagination import DEFAULT_FIRST

# fields that page with `first`, and their default page size: the root connections, and the nested
# ones (an entity's articles, an article's related). Plain nested lists (Article.people) are not paged.
ROOT_PAGED: Mapping[str, int] = {
    "articles": DEFAULT_FIRST,
    "people": DEFAULT_FIRST,
    "organizations": DEFAULT_FIRST,
    "places": DEFAULT_FIRST,
    "rates": DEFAULT_FIRST,
}
NESTED_PAGED: Mapping[str, int] = {"articles": DEFAULT_FIRST, "related": 10}


class LimitError(GraphQLError):
    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message, extensions={"code": "QUERY_TOO_COMPLEX", "limit": limit})


class QueryLimits(SchemaExtension):
    """Depth, aliases, the node budget and introspection, read from the request's settings so each
    deployment (and each test app) can set its own."""

    def on_execute(self) -> Iterator[None]:
        document = self.execution_context.graphql_document
        settings = self.execution_context.context.settings
        if document is not None:
            fragments = {
                d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
            }
            name = self.execution_context.operation_name
            for op in document.definitions:
                if isinstance(op, OperationDefinitionNode) and (
                    name is None or (op.name and op.name.value == name)
                ):
                    walk = _Walk(fragments, self.execution_context.variables or {})
                    walk.visit(op.selection_set, 1, 0, frozenset())
                    _check(walk, settings)
        yield


def _check(walk: _Walk, settings: Any) -> None:
    if walk.introspection and not settings.introspection:
        raise LimitError("introspection is switched off on this server", "introspection")
    if walk.depth > settings.max_depth:
        raise LimitError(
            f"query is {walk.depth} levels deep, over the limit of {settings.max_depth}", "depth"
        )
    if walk.aliases > settings.max_aliases:
        raise LimitError(
            f"query uses {walk.aliases} aliases, over the limit of {settings.max_aliases}", "aliases"
        )
    if walk.nodes > settings.max_nodes:
        raise LimitError(
            f"query may return up to {walk.nodes:,} nodes, over the budget of {settings.max_nodes:,}; "
            "ask for smaller pages (`first`) or fewer nested connections",
            "nodes",
        )


class _Walk:
    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode], variables: Mapping[str, Any]) -> None:
        self.fragments = fragments
        self.variables = variables
        self.nodes = 0
        self.depth = 0
        self.aliases = 0
        self.introspection = False

    def visit(
        self, selection: SelectionSetNode | None, multiplier: int, depth: int, seen: frozenset[str]
    ) -> None:
        if selection is None:
            return
        for node in selection.selections:
            if isinstance(node, FieldNode):
                name = node.name.value
                if name.startswith("__"):
                    # GraphiQL's own introspection query is deep by nature: it is not counted
                    self.introspection |= name in ("__schema", "__type")
                    continue
                self.aliases += node.alias is not None
                self.depth = max(self.depth, depth + 1)
                inner = multiplier
                paged = ROOT_PAGED if depth == 0 else NESTED_PAGED
                if name in paged:
                    inner = multiplier * (_first(node, self.variables) or paged[name])
                    self.nodes += inner
                self.visit(node.selection_set, inner, depth + 1, seen)
            elif isinstance(node, InlineFragmentNode):
                self.visit(node.selection_set, multiplier, depth, seen)
            elif isinstance(node, FragmentSpreadNode):
                fragment = self.fragments.get(node.name.value)
                if fragment is not None and node.name.value not in seen:
                    self.visit(fragment.selection_set, multiplier, depth, seen | {node.name.value})


def _first(node: FieldNode, variables: Mapping[str, Any]) -> int | None:
    for arg in node.arguments or ():
        if arg.name.value != "first":
            continue
        if isinstance(arg.value, IntValueNode):
            return max(int(arg.value.value), 0)
        if isinstance(arg.value, VariableNode):
            value = variables.get(arg.value.name.value)
            return max(int(value), 0) if isinstance(value, int) else None
    return None


def _should_mask(error: GraphQLError) -> bool:
    # ours (UserError, LimitError, validation and syntax errors) carry no foreign original error
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
        super().__init__(should_mask_error=_should_mask, error_message="Internal server error")

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
            if not error.extensions or "code" not in error.extensions:
                # no path: the document itself was refused; with a path: an argument was
                code = "BAD_USER_INPUT" if error.path else "GRAPHQL_VALIDATION_FAILED"
                error.extensions = {**(error.extensions or {}), "code": code}
        return processed

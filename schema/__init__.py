"""The GraphQL schema: one module per family (articles, entities, rates, runs), loaders, context.

build_schema(settings) makes the schema of one app (create_app builds one): the token cap (it protects
the parser itself) and the batch size are the settings given; the other limits are read from each
request's settings (schema/limits.py). The types are defined once and shared by every schema built.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from schema.errors import cut_echoes
from schema.execution import FastExecutionContext, lean_resolvers
from schema.inputs import TextArguments
from schema.limits import MaskInternalErrors, QueryLimits, is_fault
from schema.mutations import Mutation
from schema.query import Query
from schema.subscriptions import Subscription
from settings import Settings

log = logging.getLogger("strawberry.execution")


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Faults are logged at ERROR with their traceback; a client's own mistakes (a bad id, an
        argument out of range, a refused query) at INFO, one line each, their echoes cut."""
        for error in errors:
            if is_fault(error):
                log.error(error, exc_info=error.original_error)
            else:
                code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION_FAILED")
                log.info("refused (%s): %s", code, cut_echoes(error.message))


def build_schema(settings: Settings) -> Schema:
    schema = Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        # classes and factories, not instances: each request gets fresh extensions
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
            # explorers send the same few documents again and again: parse and validate each once
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            TextArguments,
            QueryLimits,
            MaskInternalErrors,
        ],
        config=StrawberryConfig(batching_config={"max_operations": settings.max_batch}),
        # plain fields and objects made of them completed without graphql-core's per-field work
        execution_context_class=FastExecutionContext,
    )
    lean_resolvers(schema)
    return schema

"""The GraphQL schema: one module per family (articles, entities, rates, runs), loaders, context.

Built once: strawberry types can back only one schema. Limits that differ per deployment are read
from each request's settings (schema/limits.py); the token cap protects the parser itself.
"""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig

from api.settings import get_settings
from schema.limits import MaskInternalErrors, QueryLimits
from schema.mutations import Mutation
from schema.query import Query

_settings = get_settings()

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    # classes and factories, not instances: each request gets fresh extensions
    extensions=[
        lambda: MaxTokensLimiter(max_token_count=_settings.max_tokens),
        # explorers send the same few documents again and again: parse and validate each once
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        QueryLimits,
        MaskInternalErrors,
    ],
    config=StrawberryConfig(batching_config={"max_operations": _settings.max_batch}),
)

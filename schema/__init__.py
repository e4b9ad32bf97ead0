"""The GraphQL schema: one module per family (articles, entities, rates, runs), loaders, context."""

from __future__ import annotations

import strawberry

from schema.mutations import Mutation
from schema.query import Query

schema = strawberry.Schema(query=Query, mutation=Mutation)

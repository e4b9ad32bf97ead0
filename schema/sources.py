"""The outlets whose pages are ingested (articles and rates both belong to one)."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay

from schema.context import Info
from schema.ids import row_id
from store import models


@strawberry.type(description="An outlet whose pages are ingested.")
class Source(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="The outlet's name as its pages give it.")

    @classmethod
    def from_model(cls, row: models.Source) -> Source:
        return cls(id=row.id, name=row.name)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Source | None]:
        rows = await info.context.loaders.source.load_many([row_id(i, "id") for i in node_ids])
        return [cls.from_model(r) if r else None for r in rows]

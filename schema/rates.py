"""Exchange rates from listing-page tickers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import strawberry
from strawberry import relay

from schema.context import Info
from schema.ids import row_id
from schema.pagination import Connection, Order, connection, count_alongside, page_of
from schema.sources import Source
from store import models, queries


@strawberry.type(description="1 base = rate quote on asOf, as the page wrote it (KGS/USD = 0.01144).")
class Rate(relay.Node):
    id: relay.NodeID[int]
    base: str = strawberry.field(description="The currency priced, as its ISO 4217 code (KGS).")
    quote: str = strawberry.field(description="The currency it is priced in (USD).")
    rate: float = strawberry.field(
        description="What 1 base is worth in quote, as a float (0.01144); rateText has the exact decimal."
    )
    rate_text: str = strawberry.field(
        description="The value exactly as stored (NUMERIC), trailing zeros kept."
    )
    change_pct: float | None = strawberry.field(description="Change in percent: 0.37 means 0.37%.")
    as_of: date = strawberry.field(
        description="The day the rate was given for: the date of its ticker's page."
    )
    _source_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Rate) -> Rate:
        return cls(
            id=row.id,
            base=row.base,
            quote=row.quote,
            rate=float(row.rate),
            rate_text=str(row.rate),
            change_pct=float(row.change_pct) if row.change_pct is not None else None,
            as_of=row.as_of,
            _source_id=row.source_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Rate | None]:
        rows = await info.context.loaders.rate.load_many([row_id(i, "id") for i in node_ids])
        return [cls.from_model(r) if r else None for r in rows]

    @strawberry.field(description="The outlet whose ticker gave it.")
    async def source(self, info: Info) -> Source:
        row = await info.context.loaders.source.load(self._source_id)
        assert row is not None
        return Source.from_model(row)


RATE_ORDER = Order("Rate", "ID", False, ("int",))


async def rate_connection(
    info: Info,
    f: queries.RateFilter,
    first: int | None,
    last: int | None,
    after: str | None,
    before: str | None,
) -> Connection[Rate]:
    page = page_of(RATE_ORDER, first, last, after, before)

    async def count() -> int:
        async with info.context.reader() as session:
            return await queries.rate_count(session, f)

    total = count_alongside(info, count)
    async with info.context.reader() as session:
        rows = await queries.rate_page(session, f, page.bounds)

    return connection(page, [(k, Rate.from_model(r)) for k, r in rows], total)

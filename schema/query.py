"""The Query root: Relay `node` plus one connection per public concept."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from schema.articles import Article, ArticleFilter, Document, prefetch
from schema.context import Info
from schema.entities import Organization, Person, Place, entity_connection
from schema.errors import UserError
from schema.ids import echo, entity_id_of, source_id_of
from schema.ordering import ARTICLE_ORDER_DOC, ENTITY_ORDER_DOC, ArticleOrder, EntityOrder, article_order
from schema.pagination import (
    After,
    Before,
    Connection,
    First,
    Last,
    Order,
    Page,
    connection,
    count_alongside,
    page_of,
)
from schema.rates import Rate, rate_connection
from schema.runs import RUN_ID_DOC, IngestionRun, RunStatus, run_connection, run_id_of
from schema.sources import Source
from store import queries
from store.keyset import Bounds


def given(value: Any) -> Any:
    return None if value is strawberry.UNSET else value


def check_search(info: Info, search: str | None, argument: str = "search") -> str | None:
    if search is None:
        return None
    cap = info.context.settings.max_search_length
    if len(search) > cap:
        raise UserError(
            f"`{argument}` is {len(search)} characters, over the limit of {cap}", argument=argument
        )
    return search.strip() or None


def _article_filter(info: Info, f: ArticleFilter | None) -> queries.ArticleFilter:
    if f is None:
        return queries.ArticleFilter()
    published_from, published_to = given(f.published_from), given(f.published_to)
    if published_from and published_to and published_from > published_to:
        raise UserError("`publishedFrom` is after `publishedTo`", argument="filter")

    return queries.ArticleFilter(
        search=check_search(info, given(f.search), "filter.search"),
        published_from=published_from,
        published_to=published_to,
        source=given(f.source) or None,
        source_id=source_id_of(given(f.source_id)),
        person_id=entity_id_of(given(f.person_id), "Person", "personId"),
        organization_id=entity_id_of(given(f.organization_id), "Organization", "organizationId"),
        place_id=entity_id_of(given(f.place_id), "Place", "placeId"),
    )


# the types a global id may name: those that implement Node
NODE_TYPES: dict[str, Any] = {
    cls.__name__: cls for cls in (Article, Document, Source, Person, Organization, Place, Rate, IngestionRun)
}

SEARCH_DOC = "Part of a name, or a close spelling of one (Latin or Cyrillic); best match first by default."
ArticleOrderArg = Annotated[ArticleOrder | None, strawberry.argument(description=ARTICLE_ORDER_DOC)]
EntityOrderArg = Annotated[EntityOrder | None, strawberry.argument(description=ENTITY_ORDER_DOC)]
Search = Annotated[str | None, strawberry.argument(description=SEARCH_DOC)]
SOURCE_ORDER = Order("Source", "NAME", False, ("text", "int"))
DOCUMENT_ORDER = Order("Document", "INGESTED_AT", True, ("datetime", "int"))


Row = TypeVar("Row")
Node = TypeVar("Node")


async def _listed(
    info: Info,
    page: Page,
    read: Callable[[AsyncSession, Bounds], Awaitable[Sequence[tuple[tuple[Any, ...], Row]]]],
    count: Callable[[AsyncSession], Awaitable[int]],
    convert: Callable[[Row], Node],
) -> Connection[Node]:
    """A page of a plain list (no filter), with its count when asked."""

    async def counted() -> int:
        async with info.context.reader() as session:
            return await count(session)

    total = count_alongside(info, counted)
    async with info.context.reader() as session:
        rows = await read(session, page.bounds)
    return connection(page, [(k, convert(r)) for k, r in rows], total)


@strawberry.type(
    description="Reading the graph: articles, the people, organizations and places they name, exchange "
    "rates, and what was ingested. Lists are Relay connections: page with first/after or last/before, "
    "ask for totalCount to count."
)
class Query:
    @strawberry.field(description="Fetches an object given its ID.")
    async def node(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The ID of the object.")],
    ) -> relay.Node | None:
        cls = NODE_TYPES.get(id.type_name)
        if cls is None:
            raise UserError(
                f"`id` names the type {echo(id.type_name)}, which has no ids here; an id names one of "
                + ", ".join(sorted(NODE_TYPES)),
                argument="id",
            )
        found = await cls.resolve_nodes(info=info, node_ids=[id.node_id])
        return found[0]  # type: ignore[no-any-return]

    @strawberry.field(
        description="Articles: newest first (publishedOn, else listedOn, then id), or best match first "
        "with `filter.search`, unless `orderBy` says otherwise."
    )
    async def articles(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        filter: Annotated[
            ArticleFilter | None,
            strawberry.argument(description="Which articles; every part given must hold."),
        ] = None,
        last: Last = None,
        before: Before = None,
        order_by: ArticleOrderArg = None,
    ) -> Connection[Article]:
        f = _article_filter(info, filter)
        page = page_of(article_order(order_by, bool(f.search)), first, last, after, before)

        async def count() -> int:
            async with info.context.reader() as session:
                return await queries.article_count(session, f)

        total = count_alongside(info, count)
        order = page.order
        async with info.context.reader() as session:
            rows = await queries.article_page(session, f, order.field, order.descending, page.bounds)
        articles = [(k, Article.from_model(r)) for k, r in rows]
        await prefetch(info, [a for _, a in articles[: page.bounds.limit]])
        return connection(page, articles, total)

    @strawberry.field(description="People, one node each however many spellings the sources use.")
    async def people(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        search: Search = None,
        last: Last = None,
        before: Before = None,
        order_by: EntityOrderArg = None,
    ) -> Connection[Person]:
        return await entity_connection(  # type: ignore[return-value]
            info, "person", check_search(info, search), order_by, first, last, after, before
        )

    @strawberry.field(description="Organizations: government bodies, courts, media, NGOs, companies...")
    async def organizations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        search: Search = None,
        last: Last = None,
        before: Before = None,
        order_by: EntityOrderArg = None,
    ) -> Connection[Organization]:
        return await entity_connection(  # type: ignore[return-value]
            info, "organization", check_search(info, search), order_by, first, last, after, before
        )

    @strawberry.field(description="Countries, regions, cities and other places.")
    async def places(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        search: Search = None,
        last: Last = None,
        before: Before = None,
        order_by: EntityOrderArg = None,
    ) -> Connection[Place]:
        return await entity_connection(  # type: ignore[return-value]
            info, "place", check_search(info, search), order_by, first, last, after, before
        )

    @strawberry.field(description="Ticker exchange rates, in the order they were stored.")
    async def rates(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        base: Annotated[
            str | None,
            strawberry.argument(description="Only rates of this currency (the one priced), any case: KZT."),
        ] = None,
        quote: Annotated[
            str | None, strawberry.argument(description="Only rates priced in this currency, any case: USD.")
        ] = None,
        from_: Annotated[
            date | None,
            strawberry.argument(name="from", description="Only rates with asOf on this day or later."),
        ] = None,
        to: Annotated[
            date | None, strawberry.argument(description="Only rates with asOf on this day or earlier.")
        ] = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Rate]:
        return await rate_connection(
            info, queries.RateFilter(base, quote, from_, to), first, last, after, before
        )

    @strawberry.field(description="The outlets whose pages were ingested, by name.")
    async def sources(
        self, info: Info, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Source]:
        page = page_of(SOURCE_ORDER, first, last, after, before)
        return await _listed(info, page, queries.source_page, queries.source_count, Source.from_model)

    @strawberry.field(
        description="The pages ingested, newest first (by ingestedAt, when each was first stored, then id)."
    )
    async def documents(
        self, info: Info, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Document]:
        page = page_of(DOCUMENT_ORDER, first, last, after, before)
        return await _listed(info, page, queries.document_page, queries.document_count, Document.from_model)

    @strawberry.field(description="Ingestion runs, newest first (by createdAt, then id).")
    async def ingestion_runs(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        states: Annotated[
            list[RunStatus] | None,
            strawberry.argument(description="Only runs in one of these states (all when not given)."),
        ] = None,
    ) -> Connection[IngestionRun]:
        return await run_connection(info, states, first, last, after, before)

    @strawberry.field(description="One ingestion run, by the id `newsgraph ingest` or a mutation gave.")
    async def ingestion_run(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description=RUN_ID_DOC)],
    ) -> IngestionRun | None:
        found = await IngestionRun.resolve_nodes(info=info, node_ids=[str(run_id_of(str(id)))])
        return found[0]

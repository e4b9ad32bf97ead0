"""The Query root: Relay `node` plus one connection per public concept."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry import relay

from schema.articles import Article, ArticleFilter, Document, entity_id_of, prefetch
from schema.context import Info
from schema.entities import Organization, Person, Place, entity_connection
from schema.errors import UserError
from schema.ids import echo
from schema.pagination import Connection, check_first, connection, count_alongside, decode_after
from schema.rates import Rate, rate_connection
from schema.runs import IngestionRun, run_id_of
from store import queries


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
        person_id=entity_id_of(given(f.person_id), "Person", "personId"),
        organization_id=entity_id_of(given(f.organization_id), "Organization", "organizationId"),
        place_id=entity_id_of(given(f.place_id), "Place", "placeId"),
    )


# the types a global id may name: those that implement Node
NODE_TYPES: dict[str, Any] = {
    cls.__name__: cls for cls in (Article, Document, Person, Organization, Place, Rate, IngestionRun)
}


@strawberry.type
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

    @strawberry.field(description="Articles in the order they were first ingested.")
    async def articles(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: ArticleFilter | None = None,
    ) -> Connection[Article]:
        limit = check_first(first)
        after_key = decode_after("Article", after)
        f = _article_filter(info, filter)

        async def count() -> int:
            async with info.context.reader() as session:
                return await queries.article_count(session, f)

        total = count_alongside(info, count)
        async with info.context.reader() as session:
            rows = await queries.article_page(session, f, limit, after_key)
        articles = [(k, Article.from_model(r)) for k, r in rows]
        await prefetch(info, [a for _, a in articles[:limit]])
        return connection("Article", articles, limit, total, after_key is not None)

    @strawberry.field
    async def people(
        self, info: Info, first: int | None = None, after: str | None = None, search: str | None = None
    ) -> Connection[Person]:
        return await entity_connection(info, "person", first, after, check_search(info, search))  # type: ignore[return-value]

    @strawberry.field
    async def organizations(
        self, info: Info, first: int | None = None, after: str | None = None, search: str | None = None
    ) -> Connection[Organization]:
        return await entity_connection(info, "organization", first, after, check_search(info, search))  # type: ignore[return-value]

    @strawberry.field
    async def places(
        self, info: Info, first: int | None = None, after: str | None = None, search: str | None = None
    ) -> Connection[Place]:
        return await entity_connection(info, "place", first, after, check_search(info, search))  # type: ignore[return-value]

    @strawberry.field
    async def rates(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        base: str | None = None,
        quote: str | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> Connection[Rate]:
        return await rate_connection(info, first, after, queries.RateFilter(base, quote, from_, to))

    @strawberry.field
    async def ingestion_run(self, info: Info, id: strawberry.ID) -> IngestionRun | None:
        found = await IngestionRun.resolve_nodes(info=info, node_ids=[str(run_id_of(str(id)))])
        return found[0]

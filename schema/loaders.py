"""DataLoaders, built per request. Each batch opens its own session: strawberry resolves sibling
fields concurrently, and one AsyncSession must never be used by two coroutines at once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.dataloader import DataLoader
from strawberry.types.nodes import SelectedField, Selection

from store import activity, queries
from store.models import Document, Mention, Rate, Source
from store.rows import ArticleRow, EntityRow

K = TypeVar("K")
V = TypeVar("V")


def _loader(
    sessionmaker: async_sessionmaker[AsyncSession],
    fetch: Callable[[AsyncSession, Sequence[K]], Awaitable[Sequence[V]]],
) -> DataLoader[K, V]:
    async def batch(keys: list[K]) -> list[V]:
        async with sessionmaker() as session:
            return list(await fetch(session, keys))

    return DataLoader(load_fn=batch)


def _by_id(sessionmaker: async_sessionmaker[AsyncSession], model: Any) -> DataLoader[Any, Any]:
    async def fetch(session: AsyncSession, ids: Sequence[Any]) -> list[Any]:
        return await queries.by_ids(session, model, ids)

    return _loader(sessionmaker, fetch)


def _all_sources(sessionmaker: async_sessionmaker[AsyncSession]) -> DataLoader[int, Source | None]:
    """Outlets are few: the first batch loads them all and primes the cache, so a later field asking
    for another outlet (a related article's source) costs no second statement."""
    loader: DataLoader[int, Source | None]

    async def batch(keys: list[int]) -> list[Source | None]:
        async with sessionmaker() as session:
            rows = {s.id: s for s in await queries.all_sources(session)}
        for key, row in rows.items():
            if key not in keys:
                loader.prime(key, row)
        return [rows.get(k) for k in keys]

    loader = DataLoader(load_fn=batch)
    return loader


T = TypeVar("T")


def now_or_later(loader: DataLoader[K, V], key: K, convert: Callable[[V], T]) -> T | Awaitable[T]:
    """The converted value at once when the loader already holds it (a prefetch loaded it), else an
    awaitable of it: a resolver that returns this is synchronous whenever it can be, and graphql awaits
    the rest. Errors are the same either way: a failed load raises when its value is read."""
    future = loader.cache_map.get(key)
    if future is not None and future.done():
        return convert(future.result())

    async def later() -> T:
        return convert(await loader.load(key))

    return later()


def _fields(selections: Sequence[Selection]) -> Iterator[SelectedField]:
    """The fields of a selection, looking through fragments."""
    for s in selections:
        if isinstance(s, SelectedField):
            yield s
        else:
            yield from _fields(s.selections)


def selected_fields(info: Any) -> set[str]:
    """Names of the fields selected on the value being resolved (a connection: edges, totalCount…)."""
    return {field.name for root in _fields(info.selected_fields) for field in _fields(root.selections)}


def selected_node_fields(info: Any) -> set[str]:
    """Names of the fields selected on `edges { node { … } }` of the connection being resolved."""
    return {
        field.name
        for root in _fields(info.selected_fields)
        for edges in _fields(root.selections)
        if edges.name == "edges"
        for node in _fields(edges.selections)
        if node.name == "node"
        for field in _fields(node.selections)
    }


@dataclass(frozen=True)
class Loaders:
    article: DataLoader[int, ArticleRow | None]
    source: DataLoader[int, Source | None]
    document: DataLoader[int, Document | None]
    entity: DataLoader[int, EntityRow | None]
    rate: DataLoader[int, Rate | None]
    rates_on_day: DataLoader[date, list[Rate]]
    article_entities: DataLoader[int, list[EntityRow]]
    article_mentions: DataLoader[int, list[tuple[Mention, EntityRow]]]
    article_author: DataLoader[int, EntityRow | None]
    related: DataLoader[int, list[ArticleRow]]
    person_roles: DataLoader[int, list[queries.RoleRow]]
    organization_people: DataLoader[int, list[EntityRow]]
    entity_articles: DataLoader[queries.EntityArticles, list[tuple[tuple[Any, ...], ArticleRow]]]
    entity_article_count: DataLoader[int, int]
    timeline: DataLoader[tuple[int, activity.Interval], list[activity.Period]]
    co_mentioned: DataLoader[tuple[int, int], list[activity.CoMention]]

    @classmethod
    def build(cls, sm: async_sessionmaker[AsyncSession]) -> Loaders:
        return cls(
            article=_loader(sm, queries.articles_by_ids),
            source=_all_sources(sm),
            document=_by_id(sm, Document),
            entity=_loader(sm, queries.entities_by_ids),
            rate=_by_id(sm, Rate),
            rates_on_day=_loader(sm, queries.rates_on_days),
            article_entities=_loader(sm, queries.article_entities),
            article_mentions=_loader(sm, queries.article_mentions),
            article_author=_loader(sm, queries.article_authors),
            related=_loader(sm, queries.related_articles),
            person_roles=_loader(sm, queries.person_roles),
            organization_people=_loader(sm, queries.organization_people),
            entity_articles=_loader(sm, queries.entity_article_pages),
            entity_article_count=_loader(sm, queries.entity_article_counts),
            timeline=_loader(sm, activity.timelines),
            co_mentioned=_loader(sm, activity.co_mentions),
        )

"""Articles, their sources and the documents they were found in."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any, ForwardRef

import strawberry
from strawberry import relay

from schema.auth import bears_token
from schema.context import Info
from schema.cost import MENTIONS_FIRST, MENTIONS_MAX
from schema.errors import UserError
from schema.ids import row_id
from schema.loaders import now_or_later, selected_node_fields
from schema.pagination import check_first
from schema.rates import Rate
from schema.sources import Source
from store import models
from store.rows import ArticleRow, EntityRow

if TYPE_CHECKING:
    from schema.entities import Mention, Organization, Person, Place

# schema.entities imports this module (a Person's articles are Articles): the entity types are named
# here only lazily, by module and name, in the annotations and, through the same reference, where
# an article's fields build them
_entities = strawberry.lazy("schema.entities")


@functools.cache
def _entity_type(name: str) -> Any:
    return _entities.resolve_forward_ref(ForwardRef(name)).resolve_type()


@strawberry.type(description="A scraped page as ingested: the text every span points into.")
class Document(relay.Node):
    id: relay.NodeID[int]
    _path: strawberry.Private[str | None]
    source_url: str | None = strawberry.field(
        description="The address the page was posted with (ingestDocument's sourceUrl); null for pages "
        "read from files."
    )
    sha256: str = strawberry.field(
        description="SHA-256 of the page text, in hex: the same text ingested again is recognised and "
        "left unchanged."
    )
    ingested_at: datetime = strawberry.field(description="When the page was first stored.")
    updated_at: datetime = strawberry.field(
        description="When it was last stored again, because its text or the code that reads pages "
        "changed; ingestedAt until then."
    )
    layout: str = strawberry.field(
        description="The page shape the parser recognised: ticker-listing (a listing under a currency "
        "ticker), byline-listing (entries with a byline and a date) or generic (titled entries)."
    )
    _text: strawberry.Private[str]
    _source_id: strawberry.Private[int]

    @strawberry.field(description="The outlet the page belongs to.")
    def source(self, info: Info) -> Source:
        return now_or_later(info.context.loaders.source, self._source_id, _source)  # type: ignore[return-value]

    @strawberry.field(
        description="The file the page was read from: its name, or the full path on the server for a "
        "request that carries the admin token. Null for posted pages."
    )
    def path(self, info: Info) -> str | None:
        if self._path is None or bears_token(info):
            return self._path
        # where the server keeps its files is not for every reader to know
        return PurePath(self._path).name

    @strawberry.field(description="The whole page text; mention and article spans index into it.")
    def text(self) -> str:
        return self._text

    @classmethod
    def from_model(cls, row: models.Document) -> Document:
        return cls(
            id=row.id,
            _path=row.path,
            source_url=row.source_url,
            sha256=row.sha256,
            ingested_at=row.ingested_at,
            updated_at=row.updated_at,
            layout=row.layout,
            _text=row.text,
            _source_id=row.source_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Document | None]:
        rows = await info.context.loaders.document.load_many([row_id(i, "id") for i in node_ids])
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(description="[start, end) code points into the article's document.")
class TextSpan:
    start: int = strawberry.field(
        description="Offset of the first character, in code points from the start of the document's text."
    )
    end: int = strawberry.field(description="Offset just past the last character (exclusive).")


@strawberry.type(description="A news article as listed on a page.")
class Article(relay.Node):
    id: relay.NodeID[int]
    title: str = strawberry.field(description="The headline as the page gives it.")
    body: str = strawberry.field(
        description="The article's text as the page gives it: on a listing page often only its start "
        "(see truncated)."
    )
    truncated: bool = strawberry.field(description="The page shows only the start of the article.")
    published_on: date | None = strawberry.field(
        description="The article's own date, when the page gives one."
    )
    listed_on: date | None = strawberry.field(description="The date of the listing page it was found on.")
    byline: str | None = strawberry.field(description="The byline as written, house bylines included.")
    title_span: TextSpan = strawberry.field(
        description="Where the title stands in `document { text }`, for quoting it with its context."
    )
    body_span: TextSpan = strawberry.field(description="Where the body stands in `document { text }`.")
    _source_id: strawberry.Private[int]
    _document_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: ArticleRow) -> Article:
        return cls(
            id=row.id,
            title=row.title,
            body=row.body,
            truncated=row.truncated,
            published_on=row.published_on,
            listed_on=row.listed_on,
            byline=row.byline,
            title_span=TextSpan(start=row.title_start, end=row.title_end),
            body_span=TextSpan(start=row.body_start, end=row.body_end),
            _source_id=row.source_id,
            _document_id=row.document_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Article | None]:
        rows = await info.context.loaders.article.load_many([row_id(i, "id") for i in node_ids])
        return [cls.from_model(r) if r else None for r in rows]

    @strawberry.field(description="The outlet that published it.")
    def source(self, info: Info) -> Source:
        return now_or_later(info.context.loaders.source, self._source_id, _source)  # type: ignore[return-value]

    @strawberry.field(
        description="The ingested page it was found on: its text holds every span of this article and of "
        "its mentions."
    )
    async def document(self, info: Info) -> Document:
        row = await info.context.loaders.document.load(self._document_id)
        assert row is not None
        return Document.from_model(row)

    @strawberry.field(description="Exchange rates in force on the day it ran (publishedOn, else listedOn).")
    async def rates(self, info: Info) -> list[Rate]:
        day = self.published_on or self.listed_on
        if day is None:
            return []
        return [Rate.from_model(r) for r in await info.context.loaders.rates_on_day.load(day)]

    @strawberry.field(description="The byline author, when the byline names a person.")
    def author(self, info: Info) -> Annotated[Person, _entities] | None:
        return now_or_later(info.context.loaders.article_author, self.id, _author)  # type: ignore[return-value]

    def _entities(self, info: Info, kind: str) -> Any:
        return now_or_later(info.context.loaders.article_entities, self.id, _OF_KIND[kind])

    @strawberry.field(description="People the title or body names (not the byline author).")
    def people(self, info: Info) -> list[Annotated[Person, _entities]]:
        return self._entities(info, "person")  # type: ignore[no-any-return]

    @strawberry.field(description="Organizations the title or body names.")
    def organizations(self, info: Info) -> list[Annotated[Organization, _entities]]:
        return self._entities(info, "organization")  # type: ignore[no-any-return]

    @strawberry.field(
        description='Places the title or body names, or ties the article to by an adjective ("Kazakh").'
    )
    def places(self, info: Info) -> list[Annotated[Place, _entities]]:
        return self._entities(info, "place")  # type: ignore[no-any-return]

    @strawberry.field(
        description="Entity mentions with their spans, in text order: the provenance of "
        "people/organizations/places. `first` (1 to 1000, default 100) caps how many."
    )
    async def mentions(
        self,
        info: Info,
        first: Annotated[
            int | None,
            strawberry.argument(
                description=f"How many mentions at most, from the start of the text: 1 to {MENTIONS_MAX}, "
                f"default {MENTIONS_FIRST}."
            ),
        ] = MENTIONS_FIRST,
    ) -> list[Annotated[Mention, _entities]]:
        mention = _entity_type("Mention")
        if first is None or not 1 <= first <= MENTIONS_MAX:
            raise UserError(f"`first` must be between 1 and {MENTIONS_MAX}, got {first}", argument="first")
        pairs = (await info.context.loaders.article_mentions.load(self.id))[:first]
        return [mention.from_model(m, entity) for m, entity in pairs]

    @strawberry.field(description="Other articles ranked by shared entities, rare ones weighing more.")
    async def related(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="How many, best first: 1 to 100, default 10.")
        ] = 10,
    ) -> list[Article]:
        limit = check_first(first)
        rows = (await info.context.loaders.related.load(self.id))[:limit]
        return [Article.from_model(r) for r in rows]


def _source(row: models.Source | None) -> Source:
    assert row is not None  # a foreign key guarantees it
    return Source.from_model(row)


def _author(row: EntityRow | None) -> Any:
    return _entity_type("Person").from_model(row) if row else None


def _of_kind(kind: str) -> Callable[[list[EntityRow]], list[Any]]:
    type_name = {"person": "Person", "organization": "Organization", "place": "Place"}[kind]

    def convert(rows: list[EntityRow]) -> list[Any]:
        entity = _entity_type(type_name)
        return [entity.from_model(r) for r in rows if r.kind == kind]

    return convert


_OF_KIND = {kind: _of_kind(kind) for kind in ("person", "organization", "place")}


async def prefetch(info: Info, articles: Sequence[Article]) -> None:
    """Loads, in one batch each and at once, what the query selects on a page of articles, before
    graphql resolves the page: each article's fields then find their rows already loaded and resolve
    synchronously (an awaited resolver per field per article was most of a page's cost). The same
    statements the loaders would run anyway; a failed batch is left for its fields to report."""
    if not articles:
        return
    fields = selected_node_fields(info)
    loaders = info.context.loaders
    ids = [a.id for a in articles]
    waits: list[Awaitable[Any]] = []
    if fields & {"people", "organizations", "places"}:
        waits.append(loaders.article_entities.load_many(ids))
    if "author" in fields:
        waits.append(loaders.article_author.load_many(ids))
    if "source" in fields:
        waits.append(loaders.source.load_many(sorted({a._source_id for a in articles})))
    if waits:
        await asyncio.gather(*waits, return_exceptions=True)


@strawberry.input(description="Which articles: every part given must hold.")
class ArticleFilter:
    search: str | None = strawberry.field(
        default=strawberry.UNSET,
        description='Words, "phrases", or, -excluded (websearch syntax). Ranks by relevance the '
        "newest 1,000 matching articles; totalCount counts them all.",
    )
    published_from: date | None = strawberry.field(
        default=strawberry.UNSET,
        description="Articles that ran on this day or later: compares publishedOn, or listedOn when the "
        "article has no publishedOn (articles with neither never match).",
    )
    published_to: date | None = strawberry.field(
        default=strawberry.UNSET,
        description="Articles that ran on this day or earlier: compares publishedOn, or listedOn when "
        "the article has no publishedOn (articles with neither never match).",
    )
    source: str | None = strawberry.field(
        default=strawberry.UNSET,
        description='The outlet\'s whole name, in any case ("cabar.asia"); see `sources` for the names.',
    )
    source_id: relay.GlobalID | None = strawberry.field(
        default=strawberry.UNSET, description="The outlet's id (`sources { edges { node { id } } }`)."
    )
    person_id: relay.GlobalID | None = strawberry.field(
        default=strawberry.UNSET, description="Articles that mention this person (any spelling)."
    )
    organization_id: relay.GlobalID | None = strawberry.field(
        default=strawberry.UNSET, description="Articles that mention this organization (any spelling)."
    )
    place_id: relay.GlobalID | None = strawberry.field(
        default=strawberry.UNSET, description="Articles that mention this place (any spelling)."
    )

"""People, organizations and places, with the mentions and roles that tie them to articles."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from enum import Enum
from typing import Annotated, Any, Union

import strawberry
from strawberry import relay

from schema.activity import TIMELINE_DESCRIPTION, TimelinePeriod, entity_timeline
from schema.articles import Article
from schema.context import Info
from schema.cost import CO_MENTIONED_FIRST
from schema.ids import row_id
from schema.loaders import now_or_later, selected_fields
from schema.ordering import (
    NESTED_ARTICLE_ORDER_DOC,
    ArticleOrder,
    EntityOrder,
    article_order,
    entity_order,
)
from schema.pagination import (
    MAX_FIRST,
    After,
    Before,
    Connection,
    First,
    Last,
    check_first,
    connection,
    count_alongside,
    page_of,
)
from store import models
from store.activity import SHARED_ARTICLES
from store.activity import CoMention as CoMentionRow
from store.queries import EntityArticles
from store.rows import ArticleRow, EntityRow

_ALIASES = (
    "The other forms the sources use for it (surname alone, acronym, another spelling), each of which "
    "finds it in `search`."
)
_EVIDENCE = (
    "The recognisers and cues that found this entity in the text (a gazetteer entry, an organization's"
    " head word, a title before a name, a byline...), the one behind most of its mentions first."
)


async def _entity_rows(info: Info, node_ids: Iterable[str], kind: str) -> list[EntityRow | None]:
    rows = await info.context.loaders.entity.load_many([row_id(i, "id") for i in node_ids])
    return [r if r is not None and r.kind == kind else None for r in rows]


NestedArticleOrder = Annotated[ArticleOrder | None, strawberry.argument(description=NESTED_ARTICLE_ORDER_DOC)]
ARTICLES_DOC = "Articles that mention it, newest first unless `orderBy` says otherwise."


async def _articles_connection(
    info: Info,
    entity_id: int,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
    order_by: ArticleOrder | None = None,
) -> Connection[Article]:
    page = page_of(article_order(order_by, searching=False), first, last, after, before)
    key = EntityArticles(entity_id, page.order.field, page.order.descending, page.bounds)
    rows = await info.context.loaders.entity_articles.load(key)

    async def count() -> int:
        return await info.context.loaders.entity_article_count.load(entity_id)

    return connection(page, [(k, Article.from_model(r)) for k, r in rows], count)


async def _entity_articles(
    root: Any,
    info: Info,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
    order_by: NestedArticleOrder = None,
) -> Connection[Article]:
    return await _articles_connection(info, root.id, first, after, last, before, order_by)


async def _co_mentioned(
    root: Person,
    info: Info,
    first: Annotated[
        int | None,
        strawberry.argument(
            description=f"How many, most shared articles first: 1 to {MAX_FIRST}, "
            f"default {CO_MENTIONED_FIRST}."
        ),
    ] = CO_MENTIONED_FIRST,
) -> list[CoMention]:
    limit = check_first(CO_MENTIONED_FIRST if first is None else first)
    rows = await info.context.loaders.co_mentioned.load((root.id, limit))
    return [CoMention.from_row(r) for r in rows]


def _article(row: ArticleRow | None) -> Article:
    assert row is not None  # a foreign key guarantees it
    return Article.from_model(row)


@strawberry.type(description="A role the text gives a person, with the article that states it.")
class Role:
    title: str = strawberry.field(description='The role as the text words it ("State Councilor").')
    former: bool = strawberry.field(
        description='True when the text says the person no longer holds it ("former minister").'
    )
    organization: Organization | None = strawberry.field(
        description="The body the role is in, when the text names one."
    )
    _article_id: strawberry.Private[int]

    @strawberry.field(description="The article that states this role.")
    def article(self, info: Info) -> Article:
        return now_or_later(info.context.loaders.article, self._article_id, _article)  # type: ignore[return-value]


@strawberry.type(description="A real-world person, one node however many spellings the sources use.")
class Person(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="The fullest form the sources use.")
    aliases: list[str] = strawberry.field(description=_ALIASES)
    match_reasons: list[str] = strawberry.field(
        description="Why the linker merged these names into one person."
    )
    evidence: list[str] = strawberry.field(description=_EVIDENCE)
    timeline: list[TimelinePeriod] = strawberry.field(
        resolver=entity_timeline, description=TIMELINE_DESCRIPTION
    )
    co_mentioned: list[CoMention] = strawberry.field(
        resolver=_co_mentioned,
        description="The people and organizations most often named in the same articles as this person, "
        "most shared articles first (then by name).",
    )

    @classmethod
    def from_model(cls, row: EntityRow) -> Person:
        return cls(
            id=row.id, name=row.name, aliases=row.aliases, match_reasons=row.reasons, evidence=row.evidence
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Person | None]:
        return [cls.from_model(r) if r else None for r in await _entity_rows(info, node_ids, "person")]

    @strawberry.field(
        description="Titles the sources give this person (minister, spokesperson...), each with the "
        "article that says so."
    )
    async def roles(self, info: Info) -> list[Role]:
        rows = await info.context.loaders.person_roles.load(self.id)
        if "article" in selected_fields(info):
            # in one batch before the roles are resolved, so each role's article is there at once
            # (a person named in 200 articles has as many roles, each an awaited field otherwise); a
            # failed batch is left for those fields to report
            ids = sorted({r.article_id for r in rows})
            await asyncio.gather(info.context.loaders.article.load_many(ids), return_exceptions=True)
        return [
            Role(
                title=r.title,
                former=r.former,
                organization=Organization.from_model(r.organization) if r.organization else None,
                _article_id=r.article_id,
            )
            for r in rows
        ]

    articles: Connection[Article] = strawberry.field(resolver=_entity_articles, description=ARTICLES_DOC)


@strawberry.type(description="A body: government, court, media outlet, NGO, company, international body…")
class Organization(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(
        description="The fullest form the sources use (the name spelled out, not its acronym)."
    )
    aliases: list[str] = strawberry.field(description=_ALIASES)
    kind: str | None = strawberry.field(
        description="What kind of body its name or the text around it says it is: government, court, "
        "media, ngo, company, party, international..., or other; null when nothing says."
    )
    match_reasons: list[str] = strawberry.field(
        description="Why the linker merged these names into one organization (an acronym spelled out, "
        "the same normalized name...)."
    )
    evidence: list[str] = strawberry.field(description=_EVIDENCE)
    timeline: list[TimelinePeriod] = strawberry.field(
        resolver=entity_timeline, description=TIMELINE_DESCRIPTION
    )

    @classmethod
    def from_model(cls, row: EntityRow) -> Organization:
        return cls(
            id=row.id,
            name=row.name,
            aliases=row.aliases,
            kind=row.subtype,
            match_reasons=row.reasons,
            evidence=row.evidence,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Organization | None]:
        return [cls.from_model(r) if r else None for r in await _entity_rows(info, node_ids, "organization")]

    @strawberry.field(description="People the sources give a role in this organization.")
    async def people(self, info: Info) -> list[Person]:
        rows = await info.context.loaders.organization_people.load(self.id)
        return [Person.from_model(r) for r in rows]

    articles: Connection[Article] = strawberry.field(resolver=_entity_articles, description=ARTICLES_DOC)


@strawberry.type(description="A country, region, city or other place.")
class Place(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(
        description='The fullest form the sources use; an abbreviation ("UK") is named by what it stands for.'
    )
    aliases: list[str] = strawberry.field(description=_ALIASES)
    kind: str = strawberry.field(
        description="country, region, city, district, village, feature (a river, a mountain...) or place; "
        "a String, not an enum: the recognisers may add kinds."
    )
    evidence: list[str] = strawberry.field(description=_EVIDENCE)
    timeline: list[TimelinePeriod] = strawberry.field(
        resolver=entity_timeline, description=TIMELINE_DESCRIPTION
    )

    @classmethod
    def from_model(cls, row: EntityRow) -> Place:
        return cls(
            id=row.id, name=row.name, aliases=row.aliases, kind=row.subtype or "place", evidence=row.evidence
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Place | None]:
        return [cls.from_model(r) if r else None for r in await _entity_rows(info, node_ids, "place")]

    articles: Connection[Article] = strawberry.field(resolver=_entity_articles, description=ARTICLES_DOC)


Entity = Annotated[
    Union[Person, Organization, Place],  # noqa: UP007
    strawberry.union(
        "Entity",
        description="A person, an organization or a place: `__typename` says which; select fields "
        "with `... on Person { name }`.",
    ),
]


def entity_from_model(row: EntityRow) -> Person | Organization | Place:
    if row.kind == "person":
        return Person.from_model(row)
    if row.kind == "organization":
        return Organization.from_model(row)
    return Place.from_model(row)


@strawberry.enum(description="What in the text ties a mention to its entity.")
class MentionVia(Enum):
    NAME = strawberry.enum_value(
        "name", description="A name or another form of it (alias, acronym, surname)."
    )
    DEMONYM = strawberry.enum_value(
        "demonym", description='An adjective of a place or its people ("Kazakh" for Kazakhstan).'
    )


@strawberry.type(
    description="One occurrence of an entity's name: [start, end) code points into the document."
)
class Mention:
    text: str = strawberry.field(description="The words as written at that place in the text.")
    start: int = strawberry.field(
        description="Offset of the first character, in code points from the start of the document's text."
    )
    end: int = strawberry.field(description="Offset just past the last character (exclusive).")
    via: MentionVia = strawberry.field(
        description="NAME, or DEMONYM when an adjective ties an article to a place."
    )
    entity: Entity = strawberry.field(description="The person, organization or place named there.")
    _document_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Mention, entity: EntityRow) -> Mention:
        return cls(
            text=row.text,
            start=row.start,
            end=row.end,
            via=MentionVia(row.via),
            entity=entity_from_model(entity),
            _document_id=row.document_id,
        )


async def entity_connection(
    info: Info,
    kind: str,
    search: str | None,
    order_by: EntityOrder | None,
    first: int | None,
    last: int | None,
    after: str | None,
    before: str | None,
) -> Connection[Person | Organization | Place]:
    from store import queries

    type_name = {"person": "Person", "organization": "Organization", "place": "Place"}[kind]
    page = page_of(entity_order(type_name, order_by, bool(search)), first, last, after, before)
    order = page.order

    async def count() -> int:
        async with info.context.reader() as session:
            return await queries.entity_count(session, kind, search)

    total = count_alongside(info, count)
    async with info.context.reader() as session:
        rows = await queries.entity_page(session, kind, search, order.field, order.descending, page.bounds)

    return connection(page, [(k, entity_from_model(r)) for k, r in rows], total)


@strawberry.type(description="A person or organization named in the same articles as the person asked about.")
class CoMention:
    entity: Entity = strawberry.field(description="The person or organization named alongside.")
    article_count: int = strawberry.field(description="How many articles name both.")
    _shared: strawberry.Private[list[int]]

    @classmethod
    def from_row(cls, row: CoMentionRow) -> CoMention:
        return cls(entity=entity_from_model(row.entity), article_count=row.articles, _shared=row.shared)

    @strawberry.field(
        description=f"The newest of the articles that name both (by publishedOn, else listedOn), at most "
        f"{SHARED_ARTICLES}; `articleCount` counts them all."
    )
    async def shared_articles(self, info: Info) -> list[Article]:
        rows = await info.context.loaders.article.load_many(self._shared)
        return [Article.from_model(r) for r in rows if r is not None]

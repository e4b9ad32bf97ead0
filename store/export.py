"""Read-only queries for `newsgraph export`: articles, entities and the facts that link them, each with
its provenance (document path and sha256, article, [start, end) span). One statement per table, read
in batches from a server-side cursor, so an export costs the same few statements at any size."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any, TypeAlias

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from store.models import Article, DocEntity, Document, Entity, Mention, RoleFact, Source

BATCH = 1000
# a SELECT of any columns (SQLAlchemy 2.1 types a Select by its column types)
Query: TypeAlias = Select[*tuple[Any, ...]]


def _articles() -> Query:
    author = aliased(Entity)
    author_doc = aliased(DocEntity)
    return (
        select(
            Article.id.label("article_id"),
            Article.title,
            Source.name.label("source"),
            Article.published_on,
            Article.listed_on,
            Article.truncated,
            Article.byline,
            author.name.label("author"),
            Document.path.label("document_path"),
            Document.source_url.label("document_url"),
            Document.sha256.label("document_sha256"),
            Article.title_start,
            Article.title_end,
            Article.body_start,
            Article.body_end,
        )
        .join(Source, Source.id == Article.source_id)
        .join(Document, Document.id == Article.document_id)
        .outerjoin(author_doc, author_doc.authored_article_id == Article.id)
        .outerjoin(author, author.id == author_doc.entity_id)
        .order_by(Article.id)
    )


def _entities() -> Query:
    return select(
        Entity.id.label("entity_id"),
        Entity.kind,
        Entity.name,
        Entity.aliases,
        Entity.subtype,
    ).order_by(Entity.id)


def _mentions() -> Query:
    return (
        select(
            Entity.id.label("entity_id"),
            Entity.kind.label("entity_kind"),
            Entity.name.label("entity_name"),
            Article.id.label("article_id"),
            Article.title.label("article_title"),
            Document.path.label("document_path"),
            Document.source_url.label("document_url"),
            Document.sha256.label("document_sha256"),
            Mention.text,
            Mention.start,
            Mention.end,
            Mention.via,
        )
        .join(DocEntity, DocEntity.id == Mention.doc_entity_id)
        .join(Entity, Entity.id == DocEntity.entity_id)
        .join(Article, Article.id == Mention.article_id)
        .join(Document, Document.id == Mention.document_id)
        .order_by(Mention.document_id, Mention.start, Mention.id)
    )


def _roles() -> Query:
    person_doc = aliased(DocEntity)
    org_doc = aliased(DocEntity)
    person = aliased(Entity)
    org = aliased(Entity)
    return (
        select(
            person.id.label("person_id"),
            person.name.label("person_name"),
            RoleFact.title,
            RoleFact.former,
            org.id.label("organization_id"),
            org.name.label("organization_name"),
            Article.id.label("article_id"),
            Article.title.label("article_title"),
            Document.path.label("document_path"),
            Document.source_url.label("document_url"),
            Document.sha256.label("document_sha256"),
            RoleFact.start,
            RoleFact.end,
        )
        .join(person_doc, person_doc.id == RoleFact.doc_entity_id)
        .join(person, person.id == person_doc.entity_id)
        .outerjoin(org_doc, org_doc.id == RoleFact.organization_doc_entity_id)
        .outerjoin(org, org.id == org_doc.entity_id)
        .join(Article, Article.id == RoleFact.article_id)
        .join(Document, Document.id == person_doc.document_id)
        .order_by(person_doc.document_id, RoleFact.start, RoleFact.id)
    )


QUERIES: Mapping[str, Query] = {
    "articles": _articles(),
    "entities": _entities(),
    "mentions": _mentions(),
    "roles": _roles(),
}
TABLES = tuple(QUERIES)


def columns(table: str) -> list[str]:
    return [str(c.key) for c in QUERIES[table].selected_columns]


async def rows(session: AsyncSession, table: str, batch: int = BATCH) -> AsyncIterator[dict[str, Any]]:
    """The table's records in a stable order, fetched `batch` at a time from a server-side cursor."""
    result = await session.stream(QUERIES[table].execution_options(yield_per=batch))
    async for partition in result.mappings().partitions():
        for row in partition:
            yield dict(row)

"""Tables. Relationships are not mapped on purpose: reads go through loaders (schema/loaders.py),
so no resolver can trigger a lazy load per row."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_ingested_id", "ingested_at", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # what makes a page the same page on the next run: its path, its URL, or (posted text) its hash
    identity: Mapped[str] = mapped_column(Text, unique=True)
    path: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    layout: Mapped[str] = mapped_column(String(40))
    pipeline_version: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    page_date: Mapped[date | None] = mapped_column(Date)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # one more each time the page is stored again with a change; cross-linking records which version
    # (and which cross-linking code) it has seen, so a run that changed nothing skips it
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    crosslinked: Mapped[str | None] = mapped_column(Text)


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("source_id", "norm_title", name="uq_articles_source_title"),
        Index("ix_articles_published_on", "published_on"),
        Index("ix_articles_listed_on", "listed_on"),
        Index("ix_articles_document_id", "document_id"),
        Index("ix_articles_search", "search", postgresql_using="gin"),
        # one per order of the articles connection (store/queries.article_keys), alembic 0006
        Index("ix_articles_day_id", text("coalesce(published_on, listed_on, DATE '-infinity')"), "id"),
        Index("ix_articles_listed_id", text("coalesce(listed_on, DATE '-infinity')"), "id"),
        Index("ix_articles_title_id", text('title COLLATE "und-x-icu"'), "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    norm_title: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    truncated: Mapped[bool] = mapped_column(Boolean)
    published_on: Mapped[date | None] = mapped_column(Date)
    listed_on: Mapped[date | None] = mapped_column(Date)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    position: Mapped[int] = mapped_column(Integer)
    title_start: Mapped[int] = mapped_column(Integer)
    title_end: Mapped[int] = mapped_column(Integer)
    body_start: Mapped[int] = mapped_column(Integer)
    body_end: Mapped[int] = mapped_column(Integer)
    byline: Mapped[str | None] = mapped_column(Text)
    byline_start: Mapped[int | None] = mapped_column(Integer)
    byline_end: Mapped[int | None] = mapped_column(Integer)
    author_name: Mapped[str | None] = mapped_column(Text)
    # kept by PostgreSQL itself, so no write path can forget it
    # never loaded with an article (it is several times the size of the text); raise if read
    search: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed("to_tsvector('english', title || ' ' || body)", persisted=True),
        deferred=True,
        deferred_raiseload=True,
    )


class Rate(Base):
    __tablename__ = "rates"
    __table_args__ = (
        UniqueConstraint("source_id", "base", "quote", "as_of", name="uq_rates_source_pair_day"),
        Index("ix_rates_as_of", "as_of"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    base: Mapped[str] = mapped_column(String(3))
    quote: Mapped[str] = mapped_column(String(3))
    as_of: Mapped[date] = mapped_column(Date)
    # NUMERIC with no scale keeps the digits exactly as the page wrote them
    rate: Mapped[Decimal] = mapped_column(Numeric)
    change_pct: Mapped[Decimal | None] = mapped_column(Numeric)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)


class IngestionRun(Base):
    __tablename__ = "ingestion_runs"
    __table_args__ = (Index("ix_ingestion_runs_created_id", "created_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(20))  # reingest | ingest | document
    status: Mapped[str] = mapped_column(String(20), default="queued")
    documents: Mapped[int] = mapped_column(Integer, default=0)
    files: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    # outcomes of the cross-linking step (people, organizations, places), which no single file owns
    counts: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RunFile(Base):
    """One file's outcome in a run. Keyed by (run, name) so a job delivered twice counts once."""

    __tablename__ = "run_files"

    run_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ingestion_runs.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(Text, primary_key=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    counts: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Entity(Base):
    """One real-world person, organization or place: a node of the API."""

    __tablename__ = "entities"
    __table_args__ = (
        Index("ix_entities_kind_name", "kind", "name"),
        Index("ix_entities_kind_id", "kind", "id"),
        # the NAME and ARTICLE_COUNT orders of people, organizations and places (alembic 0006)
        Index("ix_entities_kind_name_id", "kind", text('name COLLATE "und-x-icu"'), "id"),
        Index("ix_entities_kind_articles_id", "kind", "article_count", "id"),
        Index(
            "ix_entities_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)  # content-derived identity; keeps ids across runs
    kind: Mapped[str] = mapped_column(String(20))  # person | organization | place
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    subtype: Mapped[str | None] = mapped_column(String(40))
    reasons: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    # the recognisers and cues behind its mentions ("heads", "gazetteer"), most used first
    evidence: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    # name, aliases and their Latin transliterations, one per line: what search matches (pg_trgm)
    search_text: Mapped[str] = mapped_column(Text, server_default="")
    # articles that mention it, kept by store/counts.py after each cross-linking: the ARTICLE_COUNT order
    article_count: Mapped[int] = mapped_column(Integer, server_default="0")


class DocEntity(Base):
    """An entity as one document names it: the linker's output, kept so resolution can be redone."""

    __tablename__ = "doc_entities"
    __table_args__ = (
        UniqueConstraint("document_id", "idx", name="uq_doc_entities_document_idx"),
        Index("ix_doc_entities_entity_id", "entity_id"),
        Index("ix_doc_entities_authored_article_id", "authored_article_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    subtype: Mapped[str | None] = mapped_column(String(40))
    qualifier: Mapped[str | None] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(Text)  # a place's gazetteer id ("country:KZ")
    first_name_only: Mapped[bool] = mapped_column(Boolean, default=False)
    # the recognisers and cues behind this document's mentions of it, first seen first
    evidence: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    # set for a byline author: the article they wrote (bylines are not mentions)
    authored_article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))


class DocEntityKeys(Base):
    """The blocking keys a doc entity emits (pipeline/resolve/blocking.py): what cross-linking finds the
    doc entities a change reaches by. Apart from doc_entities, whose entity_id cross-linking rewrites."""

    __tablename__ = "doc_entity_keys"
    __table_args__ = (Index("ix_doc_entity_keys_keys", "keys", postgresql_using="gin"),)

    doc_entity_id: Mapped[int] = mapped_column(
        ForeignKey("doc_entities.id", ondelete="CASCADE"), primary_key=True
    )
    keys: Mapped[list[str]] = mapped_column(ARRAY(Text))


class CrosslinkLeftover(Base):
    """What a re-stored page's replaced doc entities leave for the next cross-linking to re-resolve and
    re-rank: the nodes they belonged to, their blocking keys, the articles their mentions named."""

    __tablename__ = "crosslink_leftovers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    entity_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger), server_default="{}")
    blocking: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    article_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger), server_default="{}")


class ArticleEntitySet(Base):
    """An article's entities as cross-linking last ranked related articles by them."""

    __tablename__ = "article_entity_sets"
    __table_args__ = (Index("ix_article_entity_sets_entity_ids", "entity_ids", postgresql_using="gin"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    entity_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_article_id", "article_id"),
        Index("ix_mentions_doc_entity_id", "doc_entity_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    doc_entity_id: Mapped[int] = mapped_column(ForeignKey("doc_entities.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    via: Mapped[str] = mapped_column(String(20), default="name")


class RoleFact(Base):
    __tablename__ = "roles"
    __table_args__ = (
        Index("ix_roles_doc_entity_id", "doc_entity_id"),
        Index("ix_roles_organization_doc_entity_id", "organization_doc_entity_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    doc_entity_id: Mapped[int] = mapped_column(ForeignKey("doc_entities.id", ondelete="CASCADE"))
    organization_doc_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("doc_entities.id", ondelete="SET NULL")
    )
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text)
    former: Mapped[bool] = mapped_column(Boolean, default=False)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class RelatedArticle(Base):
    """Computed by the cross-linking step: other articles ranked by shared, rarity-weighted entities."""

    __tablename__ = "related_articles"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Numeric)

"""Read-side queries the API's loaders and connections batch through. Each takes many keys at once."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from anyascii import anyascii
from sqlalchemy import (
    ARRAY,
    BigInteger,
    ColumnElement,
    Date,
    Numeric,
    Select,
    Text,
    any_,
    bindparam,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Executable
from sqlalchemy.sql.elements import BindParameter

from store import keyset
from store.keyset import NO_DATE, Bounds, Codec
from store.models import (
    Article,
    DocEntity,
    Document,
    Entity,
    IngestionRun,
    Mention,
    Rate,
    RelatedArticle,
    RoleFact,
    Source,
)
from store.rows import (
    ArticleRow,
    EntityRow,
    article_columns,
    article_keys_of,
    article_row,
    entity_columns,
    entity_row,
    entity_row_or_none,
)

# The loaders' statements are built once, with the keys as one array parameter: building one (aliases,
# subqueries, column collections) cost up to 0.9 ms of Python per request, more than running it; the
# same statement object each time also lets SQLAlchemy find its compiled form at once. One array, not
# an expanding IN list: a prepared statement of `IN ($1, …, $100)` ran two to three times slower than
# `= ANY($1)` with the same ids (an article page's entities: 25-50 ms against 11-18 ms at 1k pages,
# from asyncpg directly), and a list of another length is another statement to prepare.
_IDS: BindParameter[Any] = bindparam("ids", type_=ARRAY(BigInteger))
_DAYS: BindParameter[Any] = bindparam("days", type_=ARRAY(Date))


@cache
def _entities_by_ids() -> Executable:
    return select(*entity_columns()).where(Entity.id == any_(_IDS))


async def by_ids(session: AsyncSession, model: Any, ids: Sequence[Any]) -> list[Any]:
    """Rows of model in the order of ids (None where missing): what a DataLoader wants back."""
    stmt = select(model).where(model.id == any_(_IDS))
    rows = {r.id: r for r in (await session.execute(stmt, {"ids": list(ids)})).scalars()}
    return [rows.get(i) for i in ids]


@cache
def _articles_by_ids() -> Executable:
    return select(*article_columns()).where(Article.id == any_(_IDS))


async def articles_by_ids(session: AsyncSession, ids: Sequence[int]) -> list[ArticleRow | None]:
    """Articles as plain rows (an ORM instance per article cost more than the row itself)."""
    rows = {r.id: r for r in map(article_row, await session.execute(_articles_by_ids(), {"ids": list(ids)}))}
    return [rows.get(i) for i in ids]


async def entities_by_ids(session: AsyncSession, ids: Sequence[int]) -> list[EntityRow | None]:
    rows = {r.id: r for r in map(entity_row, await session.execute(_entities_by_ids(), {"ids": list(ids)}))}
    return [rows.get(i) for i in ids]


async def all_sources(session: AsyncSession) -> list[Source]:
    return list((await session.execute(select(Source).order_by(Source.id))).scalars())


# --- articles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFilter:
    search: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    source: str | None = None
    source_id: int | None = None
    person_id: int | None = None
    organization_id: int | None = None
    place_id: int | None = None


def _rank(expr: ColumnElement[Any]) -> ColumnElement[Decimal]:
    # rounded NUMERIC, so a cursor carries the exact value the next page compares against
    return func.round(cast(expr, Numeric), 6)


def _tsquery(search: str) -> ColumnElement[Any]:
    return func.websearch_to_tsquery("english", search)


def _article_conditions(f: ArticleFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.search:
        conditions.append(Article.search.bool_op("@@")(_tsquery(f.search)))
    day = func.coalesce(Article.published_on, Article.listed_on)
    if f.published_from:
        conditions.append(day >= f.published_from)
    if f.published_to:
        conditions.append(day <= f.published_to)
    if f.source:
        conditions.append(
            Article.source_id.in_(select(Source.id).where(func.lower(Source.name) == f.source.lower()))
        )
    if f.source_id is not None:
        conditions.append(Article.source_id == f.source_id)
    for entity_id in (f.person_id, f.organization_id, f.place_id):
        if entity_id is not None:
            conditions.append(Article.id.in_(_articles_of_entity(entity_id)))
    return conditions


# Article orders: the sort key (ending with the id), and how its values travel in a cursor. Each has an
# index on exactly these expressions (alembic 0006): the day an article ran (publishedOn, else
# listedOn, undated as oldest), the listing day, and the title in the ICU root collation (letters in
# alphabet order whatever their case, where the database's C collation puts "Z" before "a").
TITLE_COLLATION = "und-x-icu"
ARTICLE_CODECS: dict[str, tuple[Codec, ...]] = {
    "PUBLISHED_ON": ("date", "int"),
    "LISTED_ON": ("date", "int"),
    "TITLE": ("text", "int"),
    "RELEVANCE": ("decimal", "int"),
}


def article_keys(field: str) -> list[Any]:
    if field == "PUBLISHED_ON":
        return [func.coalesce(Article.published_on, Article.listed_on, NO_DATE), Article.id]
    if field == "LISTED_ON":
        return [func.coalesce(Article.listed_on, NO_DATE), Article.id]
    if field == "TITLE":
        return [Article.title.collate(TITLE_COLLATION), Article.id]
    raise ValueError(f"no sort key for articles by {field}")


def _articles_of_entity(entity_id: int) -> Select[int]:
    return (
        select(Mention.article_id)
        .join(DocEntity, DocEntity.id == Mention.doc_entity_id)
        .where(DocEntity.entity_id == entity_id)
    )


# Ranking scores every match it ranks (ts_rank_cd reads each match's tsvector), so a broad search
# ("drought" in a fifth of the archive) would cost time in proportion to the archive. Ranked are the
# newest this many matches (by ingestion): a search costs the same at 10k pages as at 1k, and
# totalCount still counts every match.
SEARCH_RANKED = 1000
# Finding the newest SEARCH_RANKED matches must not read every match either: a heap page is visited
# for each match found (GIN cannot answer from the index alone), 8.5k pages for a term in 13k
# articles at 10k pages. So a search looks among the newest SEARCH_WINDOW articles first (a bitmap AND
# of the text index with a primary-key range): when they hold SEARCH_RANKED matches, those are the
# newest matches of the whole archive. Only when they do not (a rarer term) is the whole archive
# searched, in the same statement: its branch sits behind a one-time filter on that outcome, so
# PostgreSQL runs it only then, and a rarer term costs little more than its own matches.
SEARCH_WINDOW = 8 * SEARCH_RANKED


def _search_page(
    search: str, conditions: Sequence[ColumnElement[bool]], descending: bool, bounds: Bounds
) -> Select[Any]:
    """Rows of (article, score, id): a page of the newest SEARCH_RANKED matches, by rank then id, in
    the order the page is read (reversed when paging backward)."""

    def newest(*where: ColumnElement[bool]) -> Select[int, str]:
        return (
            select(Article.id.label("id"), Article.search.label("search"))
            .where(*conditions, *where)
            .order_by(Article.id.desc())
            .limit(SEARCH_RANKED)
        )

    # the window's lower bound, by walking at most SEARCH_WINDOW keys of the primary key's index
    keys = select(Article.id.label("id")).order_by(Article.id.desc())
    floor = keys.offset(SEARCH_WINDOW - 1).limit(1).cte("floor")
    in_window = Article.id >= func.coalesce(select(floor.c.id).scalar_subquery(), 0)
    recent = newest(in_window).cte("recent").prefix_with("MATERIALIZED")
    # enough: the window holds SEARCH_RANKED matches, or it is the whole archive
    held = select(func.count()).select_from(recent).scalar_subquery() >= SEARCH_RANKED
    enough = select(or_(held, ~select(floor.c.id).exists()).label("ok")).cte("enough")
    ok = select(enough.c.ok).scalar_subquery()
    older = newest(~ok).subquery("everywhere")
    matches = union_all(select(recent.c.id, recent.c.search).where(ok), select(older.c.id, older.c.search))
    picked = matches.cte("matches").prefix_with("MATERIALIZED")
    # scored once the newest are picked (not every match in the window), and only the page's articles
    # are read in full
    score = _rank(func.ts_rank_cd(picked.c.search, _tsquery(search)))
    sort = [score, picked.c.id]
    page = select(picked.c.id, score.label("score")).where(*keyset.where(sort, descending, bounds))
    read = keyset.scan(sort, descending, bounds.backward)
    top = page.order_by(*read).limit(bounds.limit + 1).subquery("top")
    return (
        select(*article_columns(), top.c.score, top.c.id)
        .join(top, top.c.id == Article.id)
        .order_by(*keyset.scan([top.c.score, top.c.id], descending, bounds.backward))
    )


async def article_page(
    session: AsyncSession, f: ArticleFilter, field: str, descending: bool, bounds: Bounds
) -> list[tuple[tuple[Any, ...], ArticleRow]]:
    """Up to bounds.limit + 1 articles with their sort keys, in the order read (reversed when paging
    backward). RELEVANCE (needs a search) ranks by ts_rank_cd among the newest SEARCH_RANKED matches;
    the other orders walk their index over every match."""
    stmt = article_statement(f, field, descending, bounds)
    # RELEVANCE's rows end with (score, id), the others' with the order's keys: the cursor either way
    return [(article_keys_of(r), article_row(r)) for r in await session.execute(stmt, keyset.params(bounds))]


def article_statement(f: ArticleFilter, field: str, descending: bool, bounds: Bounds) -> Select[Any]:
    """The statement of article_page (rows of an ArticleRow's columns then the sort key), to run with
    keyset.params."""
    conditions = _article_conditions(f)
    if field == "RELEVANCE":
        assert f.search, "RELEVANCE needs a search"
        return _search_page(f.search, conditions, descending, bounds)
    keys = article_keys(field)
    stmt = select(*article_columns(), *keys).where(*conditions)
    page: Select[Any] = keyset.paged(stmt, keys, descending, bounds)
    return page


async def article_count(session: AsyncSession, f: ArticleFilter) -> int:
    stmt = select(func.count()).select_from(Article).where(*_article_conditions(f))
    return int((await session.execute(stmt)).scalar_one())


@cache
def _entity_article_pages(
    field: str, descending: bool, backward: bool, after: bool, before: bool
) -> Executable:
    pairs = (
        select(DocEntity.entity_id.label("entity_id"), Mention.article_id.label("article_id"))
        .join(DocEntity, DocEntity.id == Mention.doc_entity_id)
        .where(DocEntity.entity_id == any_(_IDS))
        .distinct()
        .subquery()
    )
    keys = article_keys(field)
    ranked = (
        select(
            pairs.c.entity_id,
            pairs.c.article_id,
            func.row_number()
            .over(partition_by=pairs.c.entity_id, order_by=keyset.scan(keys, descending, backward))
            .label("n"),
        )
        .join(Article, Article.id == pairs.c.article_id)
        .where(*keyset.conditions(keys, descending, after, before))
        .subquery()
    )
    return (
        select(ranked.c.entity_id, *article_columns(), *keys)
        .join(Article, Article.id == ranked.c.article_id)
        .where(ranked.c.n <= bindparam("limit"))
        .order_by(ranked.c.entity_id, ranked.c.n)
    )


@dataclass(frozen=True)
class EntityArticles:
    """What one entity's `articles` connection asks for: a DataLoader key."""

    entity_id: int
    field: str
    descending: bool
    bounds: Bounds


async def entity_article_pages(
    session: AsyncSession, keys: Sequence[EntityArticles]
) -> list[list[tuple[tuple[Any, ...], ArticleRow]]]:
    """Pages of articles naming each entity (with their sort keys, in the order read), for many
    entities at once: one statement per distinct (order, bounds), however many entities a request
    lists."""
    out: dict[EntityArticles, list[tuple[tuple[Any, ...], ArticleRow]]] = {}
    groups: dict[tuple[str, bool, Bounds], list[int]] = defaultdict(list)
    for k in keys:
        groups[(k.field, k.descending, k.bounds)].append(k.entity_id)
    for (field, descending, bounds), entity_ids in groups.items():
        stmt = _entity_article_pages(
            field, descending, bounds.backward, bounds.after is not None, bounds.before is not None
        )
        params = {"ids": entity_ids, "limit": bounds.limit + 1, **keyset.params(bounds)}
        found: dict[int, list[tuple[tuple[Any, ...], ArticleRow]]] = defaultdict(list)
        for row in await session.execute(stmt, params):
            found[row[0]].append((article_keys_of(row, 1), article_row(row, 1)))
        for entity_id in entity_ids:
            out[EntityArticles(entity_id, field, descending, bounds)] = found.get(entity_id, [])
    return [out[k] for k in keys]


@cache
def _entity_article_counts() -> Executable:
    return (
        select(DocEntity.entity_id, func.count(func.distinct(Mention.article_id)))
        .join(DocEntity, DocEntity.id == Mention.doc_entity_id)
        .where(DocEntity.entity_id == any_(_IDS))
        .group_by(DocEntity.entity_id)
    )


async def entity_article_counts(session: AsyncSession, entity_ids: Sequence[int]) -> list[int]:
    rows = await session.execute(_entity_article_counts(), {"ids": list(entity_ids)})
    counts = {e: int(n) for e, n in rows}
    return [counts.get(i, 0) for i in entity_ids]


# --- rates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateFilter:
    base: str | None = None
    quote: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def _rate_conditions(f: RateFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.base:
        conditions.append(Rate.base == f.base.upper())
    if f.quote:
        conditions.append(Rate.quote == f.quote.upper())
    if f.date_from:
        conditions.append(Rate.as_of >= f.date_from)
    if f.date_to:
        conditions.append(Rate.as_of <= f.date_to)
    return conditions


async def rate_page(
    session: AsyncSession, f: RateFilter, bounds: Bounds
) -> list[tuple[tuple[Any, ...], Rate]]:
    """Rates in the order they were stored (by id), read as keyset.scan says."""
    keys = [Rate.id]
    stmt = keyset.paged(select(Rate).where(*_rate_conditions(f)), keys, False, bounds)
    return [((r.id,), r) for r in (await session.execute(stmt, keyset.params(bounds))).scalars()]


async def rate_count(session: AsyncSession, f: RateFilter) -> int:
    stmt = select(func.count()).select_from(Rate).where(*_rate_conditions(f))
    return int((await session.execute(stmt)).scalar_one())


async def rates_on_days(session: AsyncSession, days: Sequence[date]) -> list[list[Rate]]:
    rows = (
        await session.execute(
            select(Rate).where(Rate.as_of == any_(_DAYS)).order_by(Rate.base, Rate.quote, Rate.id),
            {"days": list(days)},
        )
    ).scalars()
    by_day: dict[date, list[Rate]] = defaultdict(list)
    for r in rows:
        by_day[r.as_of].append(r)
    return [by_day.get(d, []) for d in days]


# --- entities ------------------------------------------------------------------------------------


ENTITY_CODECS: dict[str, tuple[Codec, ...]] = {
    "ID": ("int",),
    "NAME": ("text", "int"),
    "ARTICLE_COUNT": ("count", "int"),
    "RELEVANCE": ("decimal", "int"),
}


def _entity_keys(field: str, search: str | None) -> list[Any]:
    if field == "NAME":
        return [Entity.name.collate(TITLE_COLLATION), Entity.id]
    if field == "ARTICLE_COUNT":
        return [Entity.article_count, Entity.id]
    if field == "RELEVANCE":
        assert search, "RELEVANCE needs a search"
        return [_rank(func.word_similarity(_latin(search), Entity.search_text)), Entity.id]
    return [Entity.id]


async def entity_page(
    session: AsyncSession, kind: str, search: str | None, field: str, descending: bool, bounds: Bounds
) -> list[tuple[tuple[Any, ...], EntityRow]]:
    """A page of one kind of entity with its sort keys, in the order read: by trigram similarity
    (RELEVANCE), NAME, ARTICLE_COUNT (stored on the entity, store/counts.py), or id."""
    stmt = entity_statement(kind, search, field, descending, bounds)
    width = len(entity_columns())
    return [(tuple(r[width:]), entity_row(r)) for r in await session.execute(stmt, keyset.params(bounds))]


def entity_statement(
    kind: str, search: str | None, field: str, descending: bool, bounds: Bounds
) -> Select[Any]:
    """The statement of entity_page (entity columns then sort key), to run with keyset.params."""
    keys = _entity_keys(field, search)
    stmt = select(*entity_columns(), *keys).where(*_entity_conditions(kind, search))
    page: Select[Any] = keyset.paged(stmt, keys, descending, bounds)
    return page


def _latin(search: str) -> str:
    # search_text holds Latin forms too, so a Cyrillic query meets a Latin name and the other way round
    return anyascii(search)


def _entity_conditions(kind: str, search: str | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Entity.kind == kind]
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        # a substring anywhere, or a close spelling of a word (pg_trgm's <% uses word similarity)
        conditions.append(
            or_(
                Entity.search_text.ilike(f"%{escaped}%"),
                literal(search).op("<%")(Entity.search_text),
                literal(_latin(search)).op("<%")(Entity.search_text),
            )
        )
    return conditions


async def entity_count(session: AsyncSession, kind: str, search: str | None) -> int:
    stmt = select(func.count()).select_from(Entity).where(*_entity_conditions(kind, search))
    return int((await session.execute(stmt)).scalar_one())


@cache
def _article_entities() -> Executable:
    first_seen = func.min(Mention.start).label("first_seen")
    pairs = (
        select(Mention.article_id, DocEntity.entity_id, first_seen)
        .join(DocEntity, DocEntity.id == Mention.doc_entity_id)
        .where(Mention.article_id == any_(_IDS), DocEntity.entity_id.is_not(None))
        .group_by(Mention.article_id, DocEntity.entity_id)
        .subquery()
    )
    return (
        select(pairs.c.article_id, *entity_columns())
        .join(Entity, Entity.id == pairs.c.entity_id)
        .order_by(pairs.c.article_id, pairs.c.first_seen)
    )


async def article_entities(session: AsyncSession, article_ids: Sequence[int]) -> list[list[EntityRow]]:
    """Entities each article names (title or body), in order of first mention."""
    out: dict[int, list[EntityRow]] = defaultdict(list)
    for row in await session.execute(_article_entities(), {"ids": list(article_ids)}):
        out[row[0]].append(entity_row(row, 1))
    return [out.get(i, []) for i in article_ids]


async def article_mentions(
    session: AsyncSession, article_ids: Sequence[int]
) -> list[list[tuple[Mention, EntityRow]]]:
    stmt = (
        select(Mention, *entity_columns())
        .join(DocEntity, DocEntity.id == Mention.doc_entity_id)
        .join(Entity, Entity.id == DocEntity.entity_id)
        .where(Mention.article_id == any_(_IDS))
        .order_by(Mention.article_id, Mention.document_id, Mention.start)
    )
    out: dict[int, list[tuple[Mention, EntityRow]]] = defaultdict(list)
    for row in await session.execute(stmt, {"ids": list(article_ids)}):
        out[row[0].article_id].append((row[0], entity_row(row, 1)))
    return [out.get(i, []) for i in article_ids]


@cache
def _article_authors() -> Executable:
    return (
        select(DocEntity.authored_article_id, *entity_columns())
        .join(Entity, Entity.id == DocEntity.entity_id)
        .where(DocEntity.authored_article_id == any_(_IDS))
        .order_by(DocEntity.authored_article_id, DocEntity.idx)
    )


async def article_authors(session: AsyncSession, article_ids: Sequence[int]) -> list[EntityRow | None]:
    """The first author of each article (a byline's co-authors are stored after it)."""
    rows = await session.execute(_article_authors(), {"ids": list(article_ids)})
    authors: dict[int, EntityRow] = {}
    for row in rows:
        authors.setdefault(row[0], entity_row(row, 1))
    return [authors.get(i) for i in article_ids]


async def related_articles(session: AsyncSession, article_ids: Sequence[int]) -> list[list[ArticleRow]]:
    stmt = (
        select(RelatedArticle.article_id, *article_columns())
        .join(Article, Article.id == RelatedArticle.other_id)
        .where(RelatedArticle.article_id == any_(_IDS))
        .order_by(RelatedArticle.article_id, RelatedArticle.rank)
    )
    out: dict[int, list[ArticleRow]] = defaultdict(list)
    for row in await session.execute(stmt, {"ids": list(article_ids)}):
        out[row[0]].append(article_row(row, 1))
    return [out.get(i, []) for i in article_ids]


@dataclass(frozen=True)
class RoleRow:
    title: str
    organization: EntityRow | None
    former: bool
    article_id: int


@cache
def _person_roles() -> Executable:
    org = aliased(DocEntity)
    org_entity = aliased(Entity)
    return (
        select(
            DocEntity.entity_id,
            RoleFact.title,
            RoleFact.former,
            RoleFact.article_id,
            *entity_columns(org_entity),
        )
        .join(DocEntity, DocEntity.id == RoleFact.doc_entity_id)
        .outerjoin(org, org.id == RoleFact.organization_doc_entity_id)
        .outerjoin(org_entity, org_entity.id == org.entity_id)
        .where(DocEntity.entity_id == any_(_IDS))
        .order_by(DocEntity.entity_id, RoleFact.article_id, RoleFact.start)
    )


async def person_roles(session: AsyncSession, person_ids: Sequence[int]) -> list[list[RoleRow]]:
    out: dict[int, list[RoleRow]] = defaultdict(list)
    seen: set[tuple[Any, ...]] = set()
    for row in await session.execute(_person_roles(), {"ids": list(person_ids)}):
        person_id, title, former, article_id = row[:4]
        organization = entity_row_or_none(row, 4)
        key = (person_id, title, organization.id if organization else None, former, article_id)
        if person_id is not None and key not in seen:  # one role stated twice in one article is one fact
            seen.add(key)
            out[person_id].append(RoleRow(title, organization, former, article_id))
    return [out.get(i, []) for i in person_ids]


@cache
def _organization_people() -> Executable:
    person = aliased(DocEntity)
    org = aliased(DocEntity)
    pairs = (
        select(org.entity_id.label("org_id"), person.entity_id.label("person_id"))
        .select_from(RoleFact)
        .join(person, person.id == RoleFact.doc_entity_id)
        .join(org, org.id == RoleFact.organization_doc_entity_id)
        .where(org.entity_id == any_(_IDS))
        .distinct()
        .subquery()
    )
    return (
        select(pairs.c.org_id, *entity_columns())
        .join(Entity, Entity.id == pairs.c.person_id)
        .order_by(pairs.c.org_id, Entity.id)
    )


async def organization_people(session: AsyncSession, org_ids: Sequence[int]) -> list[list[EntityRow]]:
    """People the sources give a role in each organization."""
    out: dict[int, list[EntityRow]] = defaultdict(list)
    for row in await session.execute(_organization_people(), {"ids": list(org_ids)}):
        out[row[0]].append(entity_row(row, 1))
    return [out.get(i, []) for i in org_ids]


# --- what was ingested ----------------------------------------------------------------------------


async def source_page(session: AsyncSession, bounds: Bounds) -> list[tuple[tuple[Any, ...], Source]]:
    """Outlets by name (its unique index), then id."""
    keys = [Source.name, Source.id]
    stmt = keyset.paged(select(Source), keys, False, bounds)
    return [((s.name, s.id), s) for s in (await session.execute(stmt, keyset.params(bounds))).scalars()]


async def source_count(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Source))).scalar_one())


async def document_page(session: AsyncSession, bounds: Bounds) -> list[tuple[tuple[Any, ...], Document]]:
    """Documents newest first: by when they were first ingested, then id (index ix_documents_ingested)."""
    keys = [Document.ingested_at, Document.id]
    stmt = keyset.paged(select(Document), keys, True, bounds)
    rows = (await session.execute(stmt, keyset.params(bounds))).scalars()
    return [((d.ingested_at, d.id), d) for d in rows]


async def document_count(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Document))).scalar_one())


# --- runs ----------------------------------------------------------------------------------------


async def run_exists(session: AsyncSession, run_id: uuid.UUID) -> bool:
    return (await session.get(IngestionRun, run_id)) is not None


async def missing_entities(session: AsyncSession, entity_ids: Sequence[int]) -> list[int]:
    """The ids among entity_ids that name no entity."""
    found = set((await session.execute(select(Entity.id).where(Entity.id.in_(entity_ids)))).scalars())
    return [i for i in entity_ids if i not in found]


async def article_watermark(session: AsyncSession) -> tuple[int, bool]:
    """The newest article's id, and whether every stored page has been cross-linked since it was last
    stored (until then, its articles' mentions may not name their entities yet)."""
    newest = select(func.coalesce(func.max(Article.id), 0)).scalar_subquery()
    # documents.crosslinked is "<version>@<cross-linking code>" once cross-linking has seen a version
    pending = (
        select(Document.id)
        .where(
            or_(
                Document.crosslinked.is_(None),
                func.split_part(Document.crosslinked, "@", 1) != cast(Document.version, Text),
            )
        )
        .exists()
    )
    row = (await session.execute(select(newest, ~pending))).one()
    return int(row[0]), bool(row[1])


async def articles_naming(
    session: AsyncSession, entity_ids: Sequence[int], after_id: int, skip: Sequence[int], limit: int
) -> list[ArticleRow]:
    """Articles after after_id (oldest first, skip left out) naming every one of entity_ids."""
    stmt = select(*article_columns()).where(Article.id > after_id)
    for entity_id in entity_ids:
        stmt = stmt.where(Article.id.in_(_articles_of_entity(entity_id)))
    if skip:
        stmt = stmt.where(Article.id.not_in(skip))
    return [article_row(r) for r in await session.execute(stmt.order_by(Article.id).limit(limit))]

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
    ColumnElement,
    Numeric,
    Select,
    Text,
    and_,
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
from store.rows import EntityRow, entity_columns, entity_row, entity_row_or_none

# The loaders' statements are built once, with the keys as an expanding bound parameter: building one
# (aliases, subqueries, column collections) cost up to 0.9 ms of Python per request, more than running
# it; the same statement object each time also lets SQLAlchemy find its compiled form at once.
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)


@cache
def _entities_by_ids() -> Executable:
    return select(*entity_columns()).where(Entity.id.in_(_IDS))


async def by_ids(session: AsyncSession, model: Any, ids: Sequence[Any]) -> list[Any]:
    """Rows of model in the order of ids (None where missing): what a DataLoader wants back."""
    rows = {r.id: r for r in (await session.execute(select(model).where(model.id.in_(ids)))).scalars()}
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
    person_id: int | None = None
    organization_id: int | None = None
    place_id: int | None = None


@dataclass(frozen=True)
class After:
    """A keyset cursor's content: the last row's id, and its rank when the list is ranked."""

    id: int
    score: Decimal | None = None

    def key(self) -> str:
        return str(self.id) if self.score is None else f"{self.score}:{self.id}"

    @classmethod
    def parse(cls, key: str) -> After:
        """Raises ValueError for a key this module did not make."""
        score, _, row_id = key.rpartition(":")
        return cls(int(row_id), Decimal(score) if score else None)


def _keyset(stmt: Any, model: Any, score: ColumnElement[Any] | None, after: After | None, first: int) -> Any:
    """Orders by rank (when ranked) then id, and starts after the cursor: no OFFSET, an index walk."""
    if after is not None:
        if score is None or after.score is None:
            stmt = stmt.where(model.id > after.id)
        else:
            stmt = stmt.where(or_(score < after.score, and_(score == after.score, model.id > after.id)))
    order = [model.id] if score is None else [score.desc(), model.id]
    return stmt.order_by(*order).limit(first + 1)


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
    for entity_id in (f.person_id, f.organization_id, f.place_id):
        if entity_id is not None:
            conditions.append(Article.id.in_(_articles_of_entity(entity_id)))
    return conditions


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
    search: str, conditions: Sequence[ColumnElement[bool]], after: After | None, first: int
) -> Select[Any]:
    """Rows of (article, score): a page of the newest SEARCH_RANKED matches, by rank."""

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
    page = select(picked.c.id, score.label("score"))
    if after is not None and after.score is None:
        page = page.where(picked.c.id > after.id)
    elif after is not None:
        page = page.where(or_(score < after.score, and_(score == after.score, picked.c.id > after.id)))
    top = page.order_by(score.desc(), picked.c.id).limit(first + 1).subquery("top")
    return (
        select(Article, top.c.score).join(top, top.c.id == Article.id).order_by(top.c.score.desc(), top.c.id)
    )


async def article_page(
    session: AsyncSession, f: ArticleFilter, first: int, after: After | None
) -> list[tuple[After, Article]]:
    """A page of articles: by relevance (ts_rank_cd) among the newest SEARCH_RANKED matches when
    searching, else in ingestion order."""
    conditions = _article_conditions(f)
    if not f.search:
        stmt = _keyset(select(Article).where(*conditions), Article, None, after, first)
        rows = (await session.execute(stmt)).scalars().all()
        return [(After(r.id), r) for r in rows]
    found = (await session.execute(_search_page(f.search, conditions, after, first))).all()
    return [(After(r[0].id, r[1]), r[0]) for r in found]


async def article_count(session: AsyncSession, f: ArticleFilter) -> int:
    stmt = select(func.count()).select_from(Article).where(*_article_conditions(f))
    return int((await session.execute(stmt)).scalar_one())


@cache
def _entity_article_pages(after: bool) -> Executable:
    pairs = (
        select(DocEntity.entity_id.label("entity_id"), Mention.article_id.label("article_id"))
        .join(DocEntity, DocEntity.id == Mention.doc_entity_id)
        .where(DocEntity.entity_id.in_(_IDS))
        .distinct()
    )
    if after:
        pairs = pairs.where(Mention.article_id > bindparam("after"))
    sub = pairs.subquery()
    ranked = select(
        sub.c.entity_id,
        sub.c.article_id,
        func.row_number().over(partition_by=sub.c.entity_id, order_by=sub.c.article_id).label("n"),
    ).subquery()
    return (
        select(ranked.c.entity_id, Article)
        .join(Article, Article.id == ranked.c.article_id)
        .where(ranked.c.n <= bindparam("limit"))
        .order_by(ranked.c.entity_id, Article.id)
    )


async def entity_article_pages(
    session: AsyncSession, keys: Sequence[tuple[int, int, int | None]]
) -> list[list[Article]]:
    """Pages of articles naming each entity, for many (entity, first, after) at once: one statement
    per distinct (first, after), however many entities a request lists."""
    out: dict[tuple[int, int, int | None], list[Article]] = {}
    groups: dict[tuple[int, int | None], list[int]] = defaultdict(list)
    for entity_id, first, after in keys:
        groups[(first, after)].append(entity_id)
    for (first, after), entity_ids in groups.items():
        stmt = _entity_article_pages(after is not None)
        params = {"ids": entity_ids, "limit": first + 1, "after": after}
        found: dict[int, list[Article]] = defaultdict(list)
        for entity_id, article in await session.execute(stmt, params):
            found[entity_id].append(article)
        for entity_id in entity_ids:
            out[(entity_id, first, after)] = found.get(entity_id, [])
    return [out[k] for k in keys]


@cache
def _entity_article_counts() -> Executable:
    return (
        select(DocEntity.entity_id, func.count(func.distinct(Mention.article_id)))
        .join(DocEntity, DocEntity.id == Mention.doc_entity_id)
        .where(DocEntity.entity_id.in_(_IDS))
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


async def rate_page(session: AsyncSession, f: RateFilter, first: int, after: int | None) -> list[Rate]:
    stmt = select(Rate).where(*_rate_conditions(f))
    if after is not None:
        stmt = stmt.where(Rate.id > after)
    return list((await session.execute(stmt.order_by(Rate.id).limit(first + 1))).scalars())


async def rate_count(session: AsyncSession, f: RateFilter) -> int:
    stmt = select(func.count()).select_from(Rate).where(*_rate_conditions(f))
    return int((await session.execute(stmt)).scalar_one())


async def rates_on_days(session: AsyncSession, days: Sequence[date]) -> list[list[Rate]]:
    rows = (
        await session.execute(
            select(Rate).where(Rate.as_of.in_(days)).order_by(Rate.base, Rate.quote, Rate.id)
        )
    ).scalars()
    by_day: dict[date, list[Rate]] = defaultdict(list)
    for r in rows:
        by_day[r.as_of].append(r)
    return [by_day.get(d, []) for d in days]


# --- entities ------------------------------------------------------------------------------------


async def entity_page(
    session: AsyncSession, kind: str, search: str | None, first: int, after: After | None
) -> list[tuple[After, EntityRow]]:
    """A page of one kind of entity: by trigram similarity when searching, else by id."""
    score = _rank(func.word_similarity(_latin(search), Entity.search_text)) if search else None
    columns = [*entity_columns()] if score is None else [*entity_columns(), score.label("score")]
    stmt = _keyset(select(*columns).where(*_entity_conditions(kind, search)), Entity, score, after, first)
    rows = [(entity_row(r), r) for r in await session.execute(stmt)]
    return [(After(e.id, r[-1] if score is not None else None), e) for e, r in rows]


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
        .where(Mention.article_id.in_(_IDS), DocEntity.entity_id.is_not(None))
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
        .where(Mention.article_id.in_(article_ids))
        .order_by(Mention.article_id, Mention.document_id, Mention.start)
    )
    out: dict[int, list[tuple[Mention, EntityRow]]] = defaultdict(list)
    for row in await session.execute(stmt):
        out[row[0].article_id].append((row[0], entity_row(row, 1)))
    return [out.get(i, []) for i in article_ids]


@cache
def _article_authors() -> Executable:
    return (
        select(DocEntity.authored_article_id, *entity_columns())
        .join(Entity, Entity.id == DocEntity.entity_id)
        .where(DocEntity.authored_article_id.in_(_IDS))
    )


async def article_authors(session: AsyncSession, article_ids: Sequence[int]) -> list[EntityRow | None]:
    rows = await session.execute(_article_authors(), {"ids": list(article_ids)})
    authors = {row[0]: entity_row(row, 1) for row in rows}
    return [authors.get(i) for i in article_ids]


async def related_articles(session: AsyncSession, article_ids: Sequence[int]) -> list[list[Article]]:
    stmt = (
        select(RelatedArticle.article_id, Article)
        .join(Article, Article.id == RelatedArticle.other_id)
        .where(RelatedArticle.article_id.in_(article_ids))
        .order_by(RelatedArticle.article_id, RelatedArticle.rank)
    )
    out: dict[int, list[Article]] = defaultdict(list)
    for article_id, other in await session.execute(stmt):
        out[article_id].append(other)
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
        .where(DocEntity.entity_id.in_(_IDS))
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
        .where(org.entity_id.in_(_IDS))
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
) -> list[Article]:
    """Articles after after_id (oldest first, skip left out) naming every one of entity_ids."""
    stmt = select(Article).where(Article.id > after_id)
    for entity_id in entity_ids:
        stmt = stmt.where(Article.id.in_(_articles_of_entity(entity_id)))
    if skip:
        stmt = stmt.where(Article.id.not_in(skip))
    return list((await session.execute(stmt.order_by(Article.id).limit(limit))).scalars())

"""Saving one processed page: upserts that report what they created, updated or left unchanged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import ARRAY, bindparam, func, literal_column, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline.page import PIPELINE_VERSION, ProcessedPage
from pipeline.text import normalize_title
from store.entities import CROSSLINK_LOCK, Author, replace_document_entities
from store.models import Article, Document, Rate, Source

KINDS = ("documents", "articles", "rates")


@dataclass
class PageCounts:
    """created / updated / unchanged per kind of record, as the ingest summary shows them."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    notes: list[str] = field(default_factory=list)

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += n

    def as_json(self) -> dict[str, Any]:
        return {kind: dict(c) for kind, c in self.counts.items()}


@dataclass(frozen=True)
class PageRef:
    identity: str
    path: str | None
    source_url: str | None


async def _source_id(session: AsyncSession, name: str) -> int:
    # outlets are few (and removed only with their last page): one read for every page but each
    # outlet's first
    found = (await session.execute(select(Source.id).where(Source.name == name))).scalar_one_or_none()
    if found is not None:
        return found
    await session.execute(insert(Source).values(name=name).on_conflict_do_nothing(index_elements=["name"]))
    return (await session.execute(select(Source.id).where(Source.name == name))).scalar_one()


async def lock_page(session: AsyncSession, ref: PageRef) -> None:
    """Until the transaction ends: the same page in two jobs at once (at-least-once delivery) waits
    here instead of racing. Cross-linking's lock comes first, shared: a page is not stored while
    cross-linking runs (it keeps what it did not read as it was), and always in this order, so no two
    transactions wait for each other's lock."""
    await session.execute(_LOCK_PAGE, {"crosslinking": CROSSLINK_LOCK, "k": ref.identity})


# one round trip for both locks; a select list is evaluated left to right
_LOCK_PAGE = text("SELECT pg_advisory_xact_lock_shared(:crosslinking), pg_advisory_xact_lock(hashtext(:k))")


async def save_page(
    session: AsyncSession,
    ref: PageRef,
    text_: str,
    processed: ProcessedPage,
    *,
    locked: bool = False,
    force: bool = False,
) -> PageCounts:
    """Stores a page and what it yields. The caller owns the transaction: one per document, in which
    it may already hold the page's lock (`lock_page`, `locked=True`). `force`: store it again even when
    its text and pipeline are those stored (a deletion restores what another page held)."""
    counts = PageCounts()
    page = processed.page
    if not locked:
        await lock_page(session, ref)
    existing = (
        await session.execute(select(Document).where(Document.identity == ref.identity))
    ).scalar_one_or_none()
    if (
        not force
        and existing is not None
        and existing.sha256 == processed.sha256
        and existing.pipeline_version == PIPELINE_VERSION
    ):
        counts.add("documents", "unchanged")
        counts.add("articles", "unchanged", len(page.articles))
        counts.add("rates", "unchanged", len(page.rates))
        return counts

    source_id = await _source_id(session, processed.publisher)
    values = {
        "identity": ref.identity,
        "path": ref.path,
        "source_url": ref.source_url,
        "sha256": processed.sha256,
        "text": text_,
        "layout": page.layout,
        "pipeline_version": PIPELINE_VERSION,
        "source_id": source_id,
        "page_date": page.page_date,
    }
    if existing is None:
        document_id = (
            await session.execute(insert(Document).values(**values).returning(Document.id))
        ).scalar_one()
        counts.add("documents", "created")
    else:
        document_id = existing.id
        for key, value in values.items():
            setattr(existing, key, value)
        existing.updated_at = func.now()
        existing.version = existing.version + 1  # under the page's lock: no two saves race here
        counts.add("documents", "updated")
        await session.flush()

    article_ids = await _save_articles(session, counts, source_id, document_id, processed)
    await _save_rates(session, counts, source_id, document_id, processed)
    authors = [
        Author(article_id, name)
        for a in page.articles
        if a.byline is not None
        and not a.byline.is_house
        and (article_id := article_ids[a.position]) is not None  # None: a repeat, not stored
        for name in (a.byline.name, *a.byline.others)  # co-authors are people too, after the first
    ]
    await replace_document_entities(
        session,
        document_id,
        ref.identity,
        article_ids,
        processed.entities,
        authors,
        replacing=existing is not None,
    )
    if page.undated_rates:
        counts.notes.append(f"ticker of {page.undated_rates} pairs not stored: the page gives no date")
    return counts


async def _save_articles(
    session: AsyncSession, counts: PageCounts, source_id: int, document_id: int, processed: ProcessedPage
) -> list[int | None]:
    """Upserts the page's articles; returns their ids in page order, None for a repeat.

    A page that lists an article twice stores it once, as its full text if one listing has it, else as
    first listed; the facts (mentions, roles, byline) of the other listing are not stored, since the
    spans they point into are not the article's."""
    page = processed.page
    kept: dict[str, int] = {}
    for i, article in enumerate(page.articles):
        title = normalize_title(article.title)
        j = kept.get(title)
        if j is None or (page.articles[j].truncated and not article.truncated):
            kept[title] = i
    rows = []
    for i in sorted(kept.values()):
        article = page.articles[i]
        byline = article.byline
        rows.append(
            {
                "source_id": source_id,
                "norm_title": normalize_title(article.title),
                "title": article.title,
                "body": article.body,
                "truncated": article.truncated,
                "published_on": article.published_on,
                "listed_on": page.page_date,
                "document_id": document_id,
                "position": article.position,
                "title_start": article.title_span.start,
                "title_end": article.title_span.end,
                "body_start": article.body_span.start,
                "body_end": article.body_span.end,
                "byline": byline.text if byline else None,
                "byline_start": byline.span.start if byline else None,
                "byline_end": byline.span.end if byline else None,
                "author_name": byline.name if byline and not byline.is_house else None,
            }
        )
    written = await _upsert_rows(
        session, counts, "articles", Article, rows, ["source_id", "norm_title"], owner_guard=True
    )
    found = {key[1]: id_ for key, id_ in written.items()}
    titles = list(kept)
    # only the rows the upsert left as they were are read back: on a new page, none. (A SELECT of every
    # title ran as a plan the connection had cached while the table was small, a scan that grew with
    # the archive: 0.7 → 3.7 ms per page over the first 3,000 pages.)
    unchanged = [t for t in titles if t not in found]
    if unchanged:
        found.update(
            (
                await session.execute(
                    select(Article.norm_title, Article.id).where(
                        Article.source_id == source_id, Article.norm_title.in_(unchanged)
                    )
                )
            ).all()
        )
    ids: list[int | None] = [None] * len(page.articles)
    for title, i in kept.items():
        ids[i] = found[title]
    return ids


async def _save_rates(
    session: AsyncSession, counts: PageCounts, source_id: int, document_id: int, processed: ProcessedPage
) -> None:
    rows = []
    for rate in processed.page.rates:
        rows.append(
            {
                "source_id": source_id,
                "base": rate.base,
                "quote": rate.quote,
                "as_of": rate.as_of,
                "rate": rate.rate,
                "change_pct": rate.change_pct,
                "document_id": document_id,
                "span_start": rate.span.start,
                "span_end": rate.span.end,
            }
        )
    await _upsert_rows(
        session, counts, "rates", Rate, rows, ["source_id", "base", "quote", "as_of"], owner_guard=False
    )


async def _upsert_rows(
    session: AsyncSession,
    counts: PageCounts,
    kind: str,
    model: type[Article] | type[Rate],
    rows: list[dict[str, Any]],
    keys: list[str],
    *,
    owner_guard: bool,
) -> dict[tuple[Any, ...], int]:
    """A page's rows in one statement (one round trip, not one per article), with the outcome of each.
    Returns the ids of the rows it created or updated, by key; unchanged rows are not returned."""
    if not rows:
        return {}
    if len({tuple(r[k] for k in keys) for r in rows}) < len(rows):
        # the same key twice on one page: one statement may not touch a row twice, so in order, one by one
        ids: dict[tuple[Any, ...], int] = {}
        for row in rows:
            ids.update(await _upsert(session, counts, kind, model, row, keys, owner_guard=owner_guard))
        return ids
    columns = tuple(rows[0])
    stmt = _upsert_statement(model, columns, tuple(keys), owner_guard, many=True)
    written = (await session.execute(stmt, {c: [r[c] for r in rows] for c in columns})).all()
    created = sum(r.inserted for r in written)
    for outcome, n in (
        ("created", created),
        ("updated", len(written) - created),
        ("unchanged", len(rows) - len(written)),
    ):
        if n:
            counts.add(kind, outcome, n)
    return {tuple(r[2:]): r[1] for r in written}


async def _upsert(
    session: AsyncSession,
    counts: PageCounts,
    kind: str,
    model: type[Article] | type[Rate],
    row: dict[str, Any],
    keys: list[str],
    *,
    owner_guard: bool,
) -> dict[tuple[Any, ...], int]:
    """INSERT … ON CONFLICT DO UPDATE only where something differs, so unchanged rows are not written."""
    stmt = _upsert_statement(model, tuple(row), tuple(keys), owner_guard)
    written = (await session.execute(stmt, row)).one_or_none()
    counts.add(kind, "unchanged" if written is None else "created" if written.inserted else "updated")
    return {} if written is None else {tuple(written[2:]): written[1]}


@cache
def _upsert_statement(
    model: type[Article] | type[Rate],
    columns: tuple[str, ...],
    keys: tuple[str, ...],
    owner_guard: bool,
    many: bool = False,
) -> Any:
    """Built once per shape, on the table with bound parameters: the statement object is reused, so
    SQLAlchemy finds its compiled form without walking every value (an ORM insert with literal
    values cost a cache-key walk and an ORM bulk-insert pass per row). `many`: one array parameter
    per column, rows from unnest() in order, so any number of rows is the same statement."""
    table: Any = model.__table__
    if many:
        arrays = func.unnest(*(bindparam(c, type_=ARRAY(table.c[c].type)) for c in columns))
        source = arrays.table_valued(*columns).render_derived()
        stmt = insert(table).from_select(list(columns), select(*(source.c[c] for c in columns)))
    else:
        stmt = insert(table).values({c: bindparam(c, type_=table.c[c].type) for c in columns})
    changing = [c for c in columns if c not in keys]
    differs = tuple_(*(table.c[c] for c in changing)).is_distinct_from(
        tuple_(*(stmt.excluded[c] for c in changing))
    )
    where = differs
    if owner_guard:
        # an article listed on two pages keeps the page it was first found on, unless this page gives
        # the full text of an article stored truncated: otherwise the two pages would flip it forever
        where = differs & (
            (table.c.document_id == stmt.excluded.document_id)
            | (table.c.truncated & ~stmt.excluded.truncated)
        )
    return stmt.on_conflict_do_update(
        index_elements=list(keys), set_={c: stmt.excluded[c] for c in changing}, where=where
    ).returning(literal_column("xmax = 0").label("inserted"), table.c.id, *(table.c[k] for k in keys))

"""Entities in storage: each document's linker output, and the cross-linking step that resolves
them into one node per real-world entity and ranks related articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anyascii import anyascii
from sqlalchemy import (
    ARRAY,
    BigInteger,
    Integer,
    Text,
    all_,
    any_,
    bindparam,
    delete,
    func,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline import entities as pe
from pipeline.related import related
from pipeline.resolve import resolve
from store.models import Article, DocEntity, Document, Entity, Mention, RelatedArticle, RoleFact, Source

RELATED_LIMIT = 10
_CROSSLINK_LOCK = 0x6E6772  # one cross-linking at a time, whatever the number of workers


_DOC_ENTITIES: Any = DocEntity.__table__
_INSERT_DOC_ENTITIES = insert(_DOC_ENTITIES).returning(_DOC_ENTITIES.c.id, sort_by_parameter_order=True)
_MENTIONS: Any = Mention.__table__
_ROLES: Any = RoleFact.__table__
_INSERT_MENTIONS = insert(_MENTIONS)
_INSERT_ROLES = insert(_ROLES)
_SET_ENTITY = (
    update(_DOC_ENTITIES)
    .where(_DOC_ENTITIES.c.id == bindparam("b_id"))
    .values(entity_id=bindparam("b_entity_id"))
)


@dataclass(frozen=True)
class Author:
    article_id: int
    name: str


async def replace_document_entities(
    session: AsyncSession,
    document_id: int,
    article_ids: Sequence[int],
    linked: pe.DocumentEntities | None,
    authors: Sequence[Author],
) -> None:
    """Replaces what one document names. Node ids survive: they belong to entities, keyed by content."""
    await session.execute(delete(DocEntity).where(DocEntity.document_id == document_id))
    entities = linked.entities if linked else ()
    rows = [
        {
            "document_id": document_id,
            "idx": i,
            "kind": e.kind,
            "name": e.name,
            "aliases": list(e.aliases),
            "subtype": e.subtype,
            "qualifier": e.qualifier,
            "ref": e.ref,
            "first_name_only": e.first_name_only,
            "authored_article_id": None,
        }
        for i, e in enumerate(entities)
    ]
    rows += [
        {
            "document_id": document_id,
            "idx": len(entities) + n,
            "kind": "person",
            "name": a.name,
            "aliases": [],
            "subtype": None,
            "qualifier": None,
            "ref": None,
            "first_name_only": False,
            "authored_article_id": a.article_id,
        }
        for n, a in enumerate(authors)
    ]
    if not rows:
        return
    # Core inserts on the tables (not ORM bulk inserts): no per-row ORM bookkeeping, one statement
    # object reused for every document
    ids = list((await session.execute(_INSERT_DOC_ENTITIES, rows)).scalars())
    org_ids = {e.name: ids[i] for i, e in enumerate(entities) if e.kind == "organization"}
    mentions = [
        {
            "document_id": document_id,
            "doc_entity_id": ids[i],
            "article_id": article_ids[m.article_index],
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "via": m.via,
        }
        for i, e in enumerate(entities)
        for m in e.mentions
    ]
    roles = [
        {
            "doc_entity_id": ids[i],
            "organization_doc_entity_id": org_ids.get(r.organization or ""),
            "article_id": article_ids[r.article_index],
            "title": r.title,
            "former": r.former,
            "start": r.start,
            "end": r.end,
        }
        for i, e in enumerate(entities)
        for r in e.roles
    ]
    if mentions:
        await session.execute(_INSERT_MENTIONS, mentions)
    if roles:
        await session.execute(_INSERT_ROLES, roles)


async def crosslink(session: AsyncSession) -> dict[str, dict[str, int]]:
    """Resolves every document's entities into nodes and re-ranks related articles. Idempotent: a second
    run with nothing new writes nothing. Returns created/updated/unchanged per entity kind."""
    await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CROSSLINK_LOCK})
    # plain rows of the columns resolution reads, not ORM objects: no identity map for every doc entity
    rows = (
        await session.execute(
            select(
                DocEntity.id,
                DocEntity.document_id,
                Document.identity,
                DocEntity.idx,
                DocEntity.kind,
                DocEntity.name,
                DocEntity.aliases,
                DocEntity.subtype,
                DocEntity.qualifier,
                DocEntity.ref,
                DocEntity.first_name_only,
                DocEntity.entity_id,
            )
            .join(Document, Document.id == DocEntity.document_id)
            .order_by(Document.identity, DocEntity.idx)
        )
    ).all()
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_doc[row.identity].append(row)
    documents = [
        pe.DocumentEntities(
            document=doc_id,
            entities=tuple(
                pe.DocEntity(
                    kind=r.kind,
                    name=r.name,
                    aliases=tuple(r.aliases),
                    subtype=r.subtype,
                    mentions=(),
                    first_name_only=r.first_name_only,
                    qualifier=r.qualifier,
                    ref=r.ref,
                )
                for r in doc_rows
            ),
        )
        for doc_id, doc_rows in by_doc.items()
    ]
    resolved = resolve(documents)
    counts = await _upsert_entities(session, resolved)

    keys = [e.key for e in resolved]
    entity_ids = (
        dict(
            (
                await session.execute(select(Entity.key, Entity.id).where(Entity.key == any_(_texts(keys))))
            ).all()
        )
        if keys
        else {}
    )
    doc_index = {(r.identity, r.idx): r for r in rows}
    wanted: dict[int, int] = {}
    for entity in resolved:
        for ref in entity.members:
            wanted[doc_index[(ref.document, ref.index)].id] = entity_ids[entity.key]
    changes = [
        {"b_id": r.id, "b_entity_id": wanted.get(r.id)} for r in rows if r.entity_id != wanted.get(r.id)
    ]
    if changes:
        await session.execute(_SET_ENTITY, changes)
    await session.execute(
        (
            delete(Entity).where(Entity.key != all_(_texts(keys))) if keys else delete(Entity)
        ).execution_options(synchronize_session=False)
    )
    await _rerank(session, wanted)
    return counts


def _texts(values: Sequence[str]) -> Any:
    # one array parameter, not one parameter per value: IN (…) over every entity key of a 10k-page corpus
    # (100k+) passes asyncpg's limit of 32,767 parameters per statement
    return bindparam("texts", list(values), type_=ARRAY(Text))


def search_text(name: str, aliases: Sequence[str]) -> str:
    """Every form a reader may type: the names as written and in Latin letters (Токаев → Tokaev)."""
    forms = [name, *aliases]
    return "\n".join(dict.fromkeys([*forms, *(anyascii(f) for f in forms)]))


async def _upsert_entities(
    session: AsyncSession, resolved: Sequence[pe.ResolvedEntity]
) -> dict[str, dict[str, int]]:
    kinds = {"person": "people", "organization": "organizations", "place": "places"}
    counts: dict[str, Counter[str]] = {k: Counter() for k in kinds.values()}
    existing = {e.key: e for e in (await session.execute(select(Entity))).scalars()}
    new_rows = []
    for e in resolved:
        values = {
            "name": e.name,
            "aliases": list(e.aliases),
            "subtype": e.subtype,
            "reasons": list(e.reasons),
            "search_text": search_text(e.name, e.aliases),
        }
        old = existing.get(e.key)
        if old is None:
            new_rows.append({"key": e.key, "kind": e.kind, **values})
            counts[kinds[e.kind]]["created"] += 1
        elif (old.name, old.aliases, old.subtype, old.reasons, old.search_text) != tuple(values.values()):
            for k, v in values.items():
                setattr(old, k, v)
            counts[kinds[e.kind]]["updated"] += 1
        else:
            counts[kinds[e.kind]]["unchanged"] += 1
    if new_rows:
        await session.execute(insert(Entity).on_conflict_do_nothing(index_elements=["key"]), new_rows)
    await session.flush()
    return {k: dict(c) for k, c in counts.items()}


async def _rerank(session: AsyncSession, entity_of: dict[int, int]) -> None:
    # mentions alone, mapped to entities in memory: joining doc_entities right after the bulk UPDATE of
    # their entity ids gave the planner stale statistics and a plan that ran for minutes at 10k pages
    mentioned = await session.execute(select(Mention.article_id, Mention.doc_entity_id).distinct())
    pairs = [
        (article_id, entity_of[doc_entity_id])
        for article_id, doc_entity_id in mentioned
        if doc_entity_id in entity_of
    ]
    labels = {
        r.id: f"{r.name}\x1f{r.norm_title}"
        for r in await session.execute(
            select(Article.id, Source.name, Article.norm_title).join(Source, Source.id == Article.source_id)
        )
    }
    ids = {label: article_id for article_id, label in labels.items()}
    article_entities: dict[str, set[str]] = defaultdict(set)
    for article_id, entity_id in pairs:
        article_entities[labels[article_id]].add(str(entity_id))
    ranked = related(article_entities, RELATED_LIMIT)
    want = {
        (ids[a], rank): (ids[other], round(score, 6))
        for a, others in ranked.items()
        for rank, (other, score) in enumerate(others)
    }
    have = {
        (r.article_id, r.rank): (r.other_id, round(float(r.score), 6))
        for r in await session.execute(
            select(
                RelatedArticle.article_id, RelatedArticle.rank, RelatedArticle.other_id, RelatedArticle.score
            )
        )
    }
    stale = [k for k, v in have.items() if want.get(k) != v]
    if stale:
        await session.execute(
            delete(RelatedArticle)
            .where(
                tuple_(RelatedArticle.article_id, RelatedArticle.rank).in_(
                    select(
                        func.unnest(bindparam("stale_ids", [a for a, _ in stale], type_=ARRAY(BigInteger))),
                        func.unnest(bindparam("stale_ranks", [r for _, r in stale], type_=ARRAY(Integer))),
                    )
                )
            )
            .execution_options(synchronize_session=False)
        )
    fresh = [
        {"article_id": a, "rank": rank, "other_id": other, "score": Decimal(str(score))}
        for (a, rank), (other, score) in want.items()
        if have.get((a, rank)) != (other, score)
    ]
    if fresh:
        await session.execute(insert(RelatedArticle), fresh)

"""Entities in storage: each document's linker output, and the cross-linking step. What cross-linking
decides (identity, names, keys, merge reasons, evidence, search text, related ranking) is worked out by
pure functions in pipeline/resolve and pipeline/crosslink; this module reads their inputs and writes
their answers."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    ARRAY,
    Double,
    Numeric,
    Text,
    any_,
    bindparam,
    delete,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline import entities as pe
from pipeline.crosslink import (
    ENTITY_COLUMNS,
    KIND_PLURALS,
    RELATED_LIMIT,
    EntityValues,
    article_label,
    entity_plan,
    membership_changes,
    placement,
    rank_related,
    related_changes,
)
from pipeline.page import PIPELINE_VERSION
from pipeline.resolve import DATA_FILES, resolve
from store.counts import refresh_article_counts
from store.models import Article, DocEntity, Document, Entity, Mention, RelatedArticle, RoleFact, Source

_CROSSLINK_LOCK = 0x6E6772  # one cross-linking at a time, whatever the number of workers
# What cross-linking's outcome follows from besides the stored pages: resolution and ranking (in
# pipeline/, with the data files resolution reads) and this module. A page records the version of
# itself and this, once cross-linked.
CROSSLINK_VERSION = hashlib.sha256(
    "".join(
        [PIPELINE_VERSION, *(p.read_text(encoding="utf-8") for p in (Path(__file__), *DATA_FILES))]
    ).encode()
).hexdigest()[:16]


_DOC_ENTITIES: Any = DocEntity.__table__
_INSERT_DOC_ENTITIES = insert(_DOC_ENTITIES).returning(_DOC_ENTITIES.c.id, sort_by_parameter_order=True)
_MENTIONS: Any = Mention.__table__
_ROLES: Any = RoleFact.__table__
_INSERT_MENTIONS = insert(_MENTIONS)
_INSERT_ROLES = insert(_ROLES)


BYLINE_EVIDENCE = "byline"  # an author is known from the byline, not from a recogniser


@dataclass(frozen=True)
class Author:
    article_id: int
    name: str


async def replace_document_entities(
    session: AsyncSession,
    document_id: int,
    article_ids: Sequence[int | None],
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
            "evidence": list(e.evidence),
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
            "evidence": [BYLINE_EVIDENCE],
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
        if article_ids[m.article_index] is not None  # a repeat of an article listed earlier on the page
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
        if article_ids[r.article_index] is not None
    ]
    if mentions:
        await session.execute(_INSERT_MENTIONS, mentions)
    if roles:
        await session.execute(_INSERT_ROLES, roles)


async def crosslink(session: AsyncSession) -> dict[str, dict[str, int]]:
    """Resolves every document's entities into nodes and re-ranks related articles. Idempotent: a second
    run with nothing new writes nothing, and when no page has been stored since the last run (by the
    same code) it reads nothing either. Returns created/updated/unchanged per entity kind."""
    await lock_crosslinking(session)
    # Read before the corpus: every version listed here is committed, so the corpus read below holds
    # it (or a later one, which stays pending since it is not the version marked at the end).
    pending = (await session.execute(_PENDING, {"v": CROSSLINK_VERSION})).all()
    if not pending:
        # every page is as last cross-linked, by this code: a run would read the whole archive (20 s
        # at 10k pages) to write nothing. A job delivered twice, or a run of unchanged pages, ends here.
        return await _unchanged(session)
    with _collector_paused():
        corpus = await _read_corpus(session)
        resolved = resolve(corpus.documents)
        placed = placement(resolved, corpus.start, len(corpus.ids))
        # Ranking needs only which doc entities were merged, not the ids their nodes get: it runs in a
        # thread (pure Python, no session) while PostgreSQL writes the nodes, which on a first run at
        # 10k pages is most of the step's time.
        ranking = asyncio.get_running_loop().run_in_executor(None, _rank, corpus, placed)
        try:
            counts, entity_ids, gone = await _upsert_entities(session, resolved)
            del resolved
            ids, entity_of = membership_changes(corpus.ids, corpus.current, placed, entity_ids)
            if ids:
                await session.execute(_SET_ENTITIES, {"ids": ids, "entity_ids": entity_of})
            del ids, entity_of
            if gone:
                await session.execute(_DELETE_ENTITIES, {"ids": gone})
        except BaseException:
            # a thread cannot be stopped: its answer is dropped (and retrieved, so nothing is logged)
            ranking.add_done_callback(_drop)
            raise
        await _write_related(session, await ranking)
        await refresh_article_counts(session)
    await session.execute(
        _MARK_CROSSLINKED,
        {"ids": [p.id for p in pending], "versions": [p.version for p in pending], "v": CROSSLINK_VERSION},
    )
    return counts


async def lock_crosslinking(session: AsyncSession) -> None:
    """Until the transaction ends: one cross-linking at a time, and no deletion while one reads the
    corpus (it reads it in several statements, each of which would see the rows of that moment)."""
    await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CROSSLINK_LOCK})


_PENDING = text(
    "SELECT id, version FROM documents WHERE crosslinked IS DISTINCT FROM version || '@' || :v ORDER BY id"
)
# only the versions read as pending: a page stored again meanwhile keeps its new version pending
_MARK_CROSSLINKED = text(
    "UPDATE documents AS d SET crosslinked = d.version || '@' || :v"
    " FROM unnest(CAST(:ids AS bigint[]), CAST(:versions AS integer[])) AS u(id, version)"
    " WHERE d.id = u.id AND d.version = u.version"
)


async def _unchanged(session: AsyncSession) -> dict[str, dict[str, int]]:
    """The counts a run that writes nothing reports: every stored entity unchanged."""
    found = dict((await session.execute(select(Entity.kind, func.count()).group_by(Entity.kind))).all())
    return {
        plural: {"unchanged": found[kind]} if found.get(kind) else {} for kind, plural in KIND_PLURALS.items()
    }


def _drop(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


@dataclass(frozen=True)
class _Corpus:
    """What cross-linking reads. Doc entities are numbered by position: the rows in (document, idx)
    order, so a document's entities are consecutive and its entity `index` is position - start."""

    documents: list[pe.DocumentEntities]
    ids: list[int]  # doc entity id, by position
    current: list[int | None]  # its entity id as stored, by position
    start: dict[str, int]  # position of each document's first entity, by document identity
    mentioned: list[tuple[int, Sequence[int]]]  # (article id, ids of the doc entities its mentions name)
    labels: dict[int, str]  # what related() orders articles by, by article id


async def _read_corpus(session: AsyncSession) -> _Corpus:
    identities = dict((await session.execute(select(Document.id, Document.identity))).all())
    # plain rows of the columns resolution reads, not ORM objects: no identity map for every doc entity
    rows = await session.execute(
        select(
            DocEntity.id,
            DocEntity.document_id,
            DocEntity.kind,
            DocEntity.name,
            DocEntity.aliases,
            DocEntity.subtype,
            DocEntity.qualifier,
            DocEntity.ref,
            DocEntity.first_name_only,
            DocEntity.evidence,
            DocEntity.entity_id,
        ).order_by(DocEntity.document_id, DocEntity.idx)
    )
    documents: list[pe.DocumentEntities] = []
    ids: list[int] = []
    current: list[int | None] = []
    start: dict[str, int] = {}
    # the same entity recurs across documents (a country, a minister): one frozen record for each
    # distinct value, which resolution compares by value anyway
    records: dict[tuple[Any, ...], pe.DocEntity] = {}
    entities: list[pe.DocEntity] = []
    document, identity = -1, ""
    for (
        id_,
        document_id,
        kind,
        name,
        aliases,
        subtype,
        qualifier,
        ref,
        first_name_only,
        evidence,
        entity_id,
    ) in rows:
        if document_id != document:
            if entities:
                documents.append(pe.DocumentEntities(identity, tuple(entities)))
            document, identity, entities = document_id, identities[document_id], []
            start[identity] = len(ids)
        value = (kind, name, tuple(aliases), subtype, qualifier, ref, first_name_only, tuple(evidence))
        record = records.get(value)
        if record is None:
            record = records[value] = pe.DocEntity(
                kind=cast(pe.EntityKind, kind),
                name=name,
                aliases=value[2],
                subtype=subtype,
                mentions=(),
                first_name_only=first_name_only,
                qualifier=qualifier,
                ref=ref,
                evidence=value[7],
            )
        entities.append(record)
        ids.append(id_)
        current.append(entity_id)
    if entities:
        documents.append(pe.DocumentEntities(identity, tuple(entities)))
    # mentions alone, mapped to entities in memory: joining doc_entities right after the bulk UPDATE
    # of their entity ids gave the planner stale statistics and a plan that ran for minutes at 10k
    # pages. One row per article, not one per (article, doc entity) pair.
    mentioned = [
        (article_id, doc_entity_ids)
        for article_id, doc_entity_ids in await session.execute(
            select(Mention.article_id, func.array_agg(Mention.doc_entity_id.distinct())).group_by(
                Mention.article_id
            )
        )
    ]
    labels = {
        article_id: article_label(source, norm_title)
        for article_id, source, norm_title in await session.execute(
            select(Article.id, Source.name, Article.norm_title).join(Source, Source.id == Article.source_id)
        )
    }
    return _Corpus(documents, ids, current, start, mentioned, labels)


def _rank(corpus: _Corpus, placed: list[int]) -> dict[int, list[tuple[int, float]]]:
    return rank_related(corpus.ids, placed, corpus.mentioned, corpus.labels, RELATED_LIMIT)


# One statement for all rows, not one execution per row: at 10k pages the first run sets ~800k rows.
_SET_ENTITIES = text(
    "UPDATE doc_entities AS d SET entity_id = u.entity_id"
    " FROM unnest(CAST(:ids AS bigint[]), CAST(:entity_ids AS bigint[])) AS u(id, entity_id)"
    " WHERE d.id = u.id"
)
_DELETE_ENTITIES = text("DELETE FROM entities WHERE id = ANY(CAST(:ids AS bigint[]))")
# Rows travel as one JSON array (text[] columns included, which unnest cannot take as arrays of arrays);
# WITH ORDINALITY keeps their order, so ids are given in key order as one insert per row would.
_INSERT_ENTITIES = text(
    "INSERT INTO entities (key, kind, name, aliases, subtype, reasons, evidence, search_text)"
    " SELECT r.key, r.kind, r.name, r.aliases, r.subtype, r.reasons, r.evidence, r.search_text"
    " FROM ROWS FROM (json_to_recordset(CAST(:rows AS json)) AS (key text, kind text, name text,"
    " aliases text[], subtype text, reasons text[], evidence text[], search_text text)) WITH ORDINALITY"
    " AS r(key, kind, name, aliases, subtype, reasons, evidence, search_text, n)"
    " ORDER BY r.n"
    " ON CONFLICT (key) DO NOTHING"
    " RETURNING key, id"
)
_UPDATE_ENTITIES = text(
    "UPDATE entities AS e SET name = r.name, aliases = r.aliases, subtype = r.subtype,"
    " reasons = r.reasons, evidence = r.evidence, search_text = r.search_text"
    " FROM json_to_recordset(CAST(:rows AS json)) AS r(id bigint, name text, aliases text[], subtype text,"
    " reasons text[], evidence text[], search_text text)"
    " WHERE e.id = r.id"
)
_DELETE_RELATED = text(
    "DELETE FROM related_articles AS r"
    " USING unnest(CAST(:article_ids AS bigint[]), CAST(:ranks AS integer[])) AS u(article_id, rank)"
    " WHERE r.article_id = u.article_id AND r.rank = u.rank"
)
_INSERT_RELATED = text(
    "INSERT INTO related_articles (article_id, rank, other_id, score)"
    " SELECT * FROM unnest(CAST(:article_ids AS bigint[]), CAST(:ranks AS integer[]),"
    " CAST(:other_ids AS bigint[]), CAST(:scores AS numeric[]))"
).bindparams(bindparam("scores", type_=ARRAY(Numeric(asdecimal=True))))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Cross-linking holds a million small objects at once (a row and a record per doc entity), and
    the cyclic garbage collector would walk all of them again and again as they pile up: at 10k
    pages that was more than half of the step's time. They form no cycles worth collecting before
    the step ends, so collection waits until then. The switch is process-wide: other coroutines of a
    worker have their cycles collected late too (memory is freed by reference counting meanwhile)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


async def _upsert_entities(
    session: AsyncSession, resolved: Sequence[pe.ResolvedEntity]
) -> tuple[dict[str, dict[str, int]], list[int], list[int]]:
    """Writes the resolved entities by key as pipeline/crosslink.entity_plan decides: inserts the new,
    updates the changed, leaves the rest. Returns the counts per kind, the id of each resolved entity
    (in `resolved` order), and the ids of stored entities no document names any more (deleted by the
    caller once no doc entity points at them)."""
    stored: dict[str, tuple[int, EntityValues]] = {
        key: (id_, (name, aliases, subtype, reasons, evidence, search))
        for key, id_, name, aliases, subtype, reasons, evidence, search in await session.execute(
            select(
                Entity.key,
                Entity.id,
                Entity.name,
                Entity.aliases,
                Entity.subtype,
                Entity.reasons,
                Entity.evidence,
                Entity.search_text,
            )
        )
    }
    plan = entity_plan(resolved, stored)
    del stored
    entity_ids = plan.ids
    if plan.new:
        rows = [
            {"key": e.key, "kind": e.kind, **dict(zip(ENTITY_COLUMNS, values, strict=True))}
            for e, values in plan.new
        ]
        inserted = await session.execute(_INSERT_ENTITIES, {"rows": _json(rows)})
        entity_ids.update((key, id_) for key, id_ in inserted)
        missing = [r["key"] for r in rows if r["key"] not in entity_ids]
        if missing:  # keys that appeared meanwhile (not under the lock): take their rows as they are
            entity_ids.update(
                (key, id_)
                for key, id_ in await session.execute(
                    select(Entity.key, Entity.id).where(
                        Entity.key == any_(bindparam("keys", missing, type_=ARRAY(Text)))
                    )
                )
            )
    if plan.changed:
        changed = [
            {"id": id_, **dict(zip(ENTITY_COLUMNS, values, strict=True))} for id_, values in plan.changed
        ]
        await session.execute(_UPDATE_ENTITIES, {"rows": _json(changed)})
    return plan.report(), [entity_ids[e.key] for e in resolved], plan.gone


def _json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


async def _write_related(session: AsyncSession, want: dict[int, list[tuple[int, float]]]) -> None:
    """Rewrites only the related_articles rows whose target or score changed."""
    have: dict[int, dict[int, tuple[int, float]]] = defaultdict(dict)
    for article_id, rank, other_id, score in await session.execute(
        select(
            RelatedArticle.article_id,
            RelatedArticle.rank,
            RelatedArticle.other_id,
            RelatedArticle.score.cast(Double),
        )
    ):
        have[article_id][rank] = (other_id, round(score, 6))
    stale, fresh = related_changes(have, want)
    if stale:
        await session.execute(
            _DELETE_RELATED, {"article_ids": [a for a, _ in stale], "ranks": [r for _, r in stale]}
        )
    if fresh:
        await session.execute(
            _INSERT_RELATED,
            {
                "article_ids": [r[0] for r in fresh],
                "ranks": [r[1] for r in fresh],
                "other_ids": [r[2] for r in fresh],
                "scores": [Decimal(str(r[3])) for r in fresh],
            },
        )

"""Entities in storage: each document's linker output, and the cross-linking step. What cross-linking
decides (identity, names, keys, merge reasons, evidence, search text, related ranking) is worked out by
pure functions in pipeline/resolve and pipeline/crosslink; store/resolution.py and store/ranking.py
read their inputs and write their answers, for the whole corpus or for the part a run touched, and
this module decides which."""

from __future__ import annotations

import asyncio
import gc
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline import entities as pe
from pipeline.crosslink import KIND_PLURALS, RELATED_LIMIT, carried_over, rank_related
from pipeline.page import PIPELINE_VERSION
from pipeline.resolve import DATA_FILES
from pipeline.resolve.blocking import Blocking
from store import counts, ranking, resolution
from store.counts import refresh_article_counts
from store.models import DocEntity, Entity, Mention, RoleFact
from store.resolution import json_rows as _json

CROSSLINK_LOCK = 0x6E6772  # one cross-linking at a time, whatever the number of workers
_WORK_MEM = "64MB"
# What cross-linking's outcome follows from besides the stored pages: resolution and ranking (in
# pipeline/, with the data files resolution reads) and the store modules that run them. A page records
# the version of itself and this, once cross-linked.
CROSSLINK_VERSION = hashlib.sha256(
    "".join(
        [
            PIPELINE_VERSION,
            *(
                p.read_text(encoding="utf-8")
                for p in (
                    Path(__file__),
                    Path(resolution.__file__),
                    Path(ranking.__file__),
                    Path(counts.__file__),
                    *DATA_FILES,
                )
            ),
        ]
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
    identity: str,
    article_ids: Sequence[int | None],
    linked: pe.DocumentEntities | None,
    authors: Sequence[Author],
    *,
    replacing: bool = True,
) -> None:
    """Replaces what one document names. Node ids survive: they belong to entities, keyed by content.

    A doc entity the page named before, in the same order among those kept (`carried_over`), keeps the
    node cross-linking gave it, so the next cross-linking need not look at it; what the replaced ones
    leave (their nodes and blocking keys, the articles the old mentions named) goes to
    `crosslink_leftovers` for it. `replacing`: the document may have rows already (it was stored before)."""
    old: list[Any] = []
    old_articles: list[int] = []
    if replacing:
        old_articles = list((await session.execute(_OLD_ARTICLES, {"id": document_id})).scalar() or ())
        old = sorted((await session.execute(_DELETE_ROWS, {"id": document_id})).all(), key=lambda r: r.idx)
    entities = linked.entities if linked else ()
    # as cross-linking reads them back (no mentions): only a first-name-only person's keys depend on them
    stored = [replace(e, mentions=(), roles=()) if e.first_name_only else e for e in entities]
    stored += [pe.DocEntity("person", a.name, (), None, (), evidence=(BYLINE_EVIDENCE,)) for a in authors]
    authored: list[int | None] = [None] * len(entities) + [a.article_id for a in authors]
    blocking = _blocking()
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
            "authored_article_id": authored[i],
            "entity_id": None,
        }
        for i, e in enumerate(stored)
    ]
    keys = [list(blocking.keys(identity, i, e)) for i, e in enumerate(stored)]
    if old:
        leftover = _carry_over(old, rows, old_articles)
        if leftover is not None:
            await session.execute(_INSERT_LEFTOVER, leftover)
    if not rows:
        return
    # Core inserts on the tables (not ORM bulk inserts): no per-row ORM bookkeeping, one statement
    # object reused for every document
    ids = list((await session.execute(_INSERT_DOC_ENTITIES, rows)).scalars())
    await session.execute(
        _INSERT_KEYS, {"rows": _json([{"id": i, "keys": k} for i, k in zip(ids, keys, strict=True)])}
    )
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


_BLOCKING: list[Blocking] = []  # one per process, its memos renewed now and then
_BLOCKING_PAGES = 2_000


def _blocking() -> Blocking:
    """The keys of the same names recur from page to page: one Blocking (and its memos) for a while."""
    if not _BLOCKING or _BLOCKING[0].uses >= _BLOCKING_PAGES:
        _BLOCKING[:] = [Blocking()]
    _BLOCKING[0].uses += 1
    return _BLOCKING[0]


_OLD_ARTICLES = text(
    "SELECT array_agg(DISTINCT m.article_id) FROM mentions AS m JOIN doc_entities AS d"
    " ON d.id = m.doc_entity_id WHERE d.document_id = :id AND d.entity_id IS NOT NULL"
)
# its mentions, roles and keys go with it (ON DELETE CASCADE); the keys are read as they were before
_DELETE_ROWS = text(
    "WITH gone AS (DELETE FROM doc_entities WHERE document_id = :id RETURNING id, idx, kind, name,"
    " aliases, subtype, qualifier, ref, first_name_only, evidence, authored_article_id, entity_id)"
    " SELECT gone.*, k.keys AS blocking FROM gone LEFT JOIN doc_entity_keys AS k ON k.doc_entity_id = gone.id"
)
_INSERT_KEYS = text(
    "INSERT INTO doc_entity_keys (doc_entity_id, keys)"
    " SELECT r.id, r.keys FROM json_to_recordset(CAST(:rows AS json)) AS r(id bigint, keys text[])"
)
_INSERT_LEFTOVER = text(
    "INSERT INTO crosslink_leftovers (entity_ids, blocking, article_ids)"
    " VALUES (CAST(:entity_ids AS bigint[]), CAST(:blocking AS text[]), CAST(:article_ids AS bigint[]))"
)


def _value(row: Any) -> tuple[Any, ...]:
    """What a doc entity must keep to keep its node: its value, and a first-name-only person's index
    (its node's key names it)."""
    return (
        row["kind"],
        row["name"],
        tuple(row["aliases"]),
        row["subtype"],
        row["qualifier"],
        row["ref"],
        row["first_name_only"],
        tuple(row["evidence"]),
        row["authored_article_id"],
        row["idx"] if row["first_name_only"] else None,
    )


def _carry_over(
    old: Sequence[Any], rows: list[dict[str, Any]], old_articles: list[int]
) -> dict[str, Any] | None:
    """Gives each new row the node of the old row it continues (pipeline/crosslink.carried_over), and
    returns what the others leave for cross-linking: their nodes and keys, and the articles the old
    mentions named (all mentions are new). None when the page was never cross-linked."""
    matched = carried_over([_value(r._mapping) for r in old], [_value(r) for r in rows])
    for row, k in zip(rows, matched, strict=True):
        if k is not None:
            row["entity_id"] = old[k].entity_id
    if all(r.entity_id is None for r in old):
        return None
    kept = {k for k in matched if k is not None}
    replaced = [r for k, r in enumerate(old) if k not in kept and r.entity_id is not None]
    return {
        "entity_ids": sorted({r.entity_id for r in replaced}),
        "blocking": sorted({key for r in replaced for key in r.blocking or ()}),
        "article_ids": old_articles,
    }


async def crosslink(session: AsyncSession, *, full: bool = False) -> dict[str, dict[str, int]]:
    """Resolves the documents' entities into nodes and re-ranks related articles: only the part of the
    corpus the pages stored since the last run touched, or, with `full` (and whenever that is not
    known to be equal: other code cross-linked last, most pages are new), the whole corpus. Idempotent:
    a second run with nothing new writes nothing, and when no page has been stored since the last run
    (by the same code) it reads nothing either. Returns created/updated/unchanged per entity kind,
    counting every entity of the archive."""
    await lock_crosslinking(session)
    # every save waits for the lock (store/pages.py lock_page), so what is read below stays as read
    pending = (await session.execute(_PENDING, {"v": CROSSLINK_VERSION})).all()
    leftovers = (await session.execute(_TAKE_LEFTOVERS)).all()
    if not pending and not leftovers and not full:
        # every page is as last cross-linked, by this code: a run would read the whole archive (20 s
        # at 10k pages) to write nothing. A job delivered twice, or a run of unchanged pages, ends here.
        return await _unchanged(session)
    # the part a run touched is read grouped by value, thousands of rows at a time: in memory, not
    # sorted on disk in 4 MB runs (PostgreSQL's default work_mem); for this transaction only
    await session.execute(text(f"SET LOCAL work_mem = '{_WORK_MEM}'"))
    with _collector_paused():
        counts = None
        if not full and await _incremental(session, pending):
            counts = await _crosslink_touched(session, pending, leftovers)
        if counts is None:
            counts = await _crosslink_all(session)
    await session.execute(
        _MARK_CROSSLINKED,
        {"ids": [p.id for p in pending], "versions": [p.version for p in pending], "v": CROSSLINK_VERSION},
    )
    return counts


async def lock_crosslinking(session: AsyncSession, *, shared: bool = False) -> None:
    """Until the transaction ends: one cross-linking at a time, and, since every page store and
    deletion takes this lock shared (`shared=True`), none of them while one runs (it reads the corpus
    in several statements, each of which would see the rows of that moment, and keeps what it did not
    read as it was)."""
    lock = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    await session.execute(text(f"SELECT {lock}(:k)"), {"k": CROSSLINK_LOCK})


_PENDING = text(
    "SELECT id, version, crosslinked FROM documents"
    " WHERE crosslinked IS DISTINCT FROM version || '@' || :v ORDER BY id"
)
# only the versions read as pending: a page stored again meanwhile keeps its new version pending
_MARK_CROSSLINKED = text(
    "UPDATE documents AS d SET crosslinked = d.version || '@' || :v"
    " FROM unnest(CAST(:ids AS bigint[]), CAST(:versions AS integer[])) AS u(id, version)"
    " WHERE d.id = u.id AND d.version = u.version"
)
_TAKE_LEFTOVERS = text("DELETE FROM crosslink_leftovers RETURNING entity_ids, blocking, article_ids")
_COUNT_DOCUMENTS = text("SELECT count(*) FROM documents")
# the articles whose mentions are the pending pages', or name doc entities that moved to another node
_ARTICLES_OF_DOCUMENTS = text(
    "SELECT DISTINCT m.article_id FROM mentions AS m JOIN doc_entities AS d ON d.id = m.doc_entity_id"
    " WHERE d.document_id = ANY(CAST(:ids AS bigint[]))"
)
_ARTICLES_OF_MOVED = text(
    "SELECT DISTINCT article_id FROM mentions WHERE doc_entity_id = ANY(CAST(:ids AS bigint[]))"
)


async def _incremental(session: AsyncSession, pending: Sequence[Any]) -> bool:
    """Whether cross-linking only what the pending pages touched gives what cross-linking everything
    would: every other page was last cross-linked by this code (so its nodes, keys and rankings are
    this code's answer), and it is the cheaper way (most pages are not new)."""
    suffix = "@" + CROSSLINK_VERSION
    if any(p.crosslinked is not None and not p.crosslinked.endswith(suffix) for p in pending):
        return False
    return 2 * len(pending) <= int((await session.execute(_COUNT_DOCUMENTS)).scalar() or 0)


async def _crosslink_touched(
    session: AsyncSession, pending: Sequence[Any], leftovers: Sequence[Any]
) -> dict[str, dict[str, int]] | None:
    """Re-resolves the part of the corpus the pending pages and the leftovers reach and re-ranks the
    articles that may rank otherwise; None (nothing written but blocking keys) when the part is too
    large to be worth it or not closed as it should be."""
    documents = [p.id for p in pending]
    part = await resolution.read_touched(
        session, documents, {k for lo in leftovers for k in lo.blocking}, Blocking()
    )
    if part is None:
        return None
    outcome = await resolution.write_part(session, part, {e for lo in leftovers for e in lo.entity_ids})
    if outcome is None:
        return None
    articles = {a for lo in leftovers for a in lo.article_ids}
    articles.update((await session.execute(_ARTICLES_OF_DOCUMENTS, {"ids": documents})).scalars())
    if outcome.moved:
        articles.update((await session.execute(_ARTICLES_OF_MOVED, {"ids": outcome.moved})).scalars())
    await ranking.rank_touched(session, articles)
    return outcome.counts


async def _crosslink_all(session: AsyncSession) -> dict[str, dict[str, int]]:
    """Resolves the whole corpus and ranks every article again, writing only what changed."""
    corpus = await resolution.read_corpus(session)
    await resolution.write_keys(session, corpus.rows, Blocking())
    resolved, placed = resolution.resolve_rows(corpus.rows)
    labels = await ranking.labels(session)
    # Ranking needs only which doc entities were merged, not the ids their nodes get: it runs in a
    # thread (pure Python, no session) while PostgreSQL writes the nodes, which on a first run at 10k
    # pages is most of the step's time.
    ranked = asyncio.get_running_loop().run_in_executor(
        None, rank_related, corpus.rows.ids, placed, corpus.mentioned, labels, RELATED_LIMIT
    )
    try:
        outcome = await resolution.write_all(session, corpus.rows, resolved, placed)
        del resolved
        node = dict(zip(corpus.rows.ids, outcome.entity_ids, strict=True))
        sets: dict[int, frozenset[int]] = {}
        for article_id, ids in corpus.mentioned:
            found = frozenset(k for k in map(node.get, ids) if k is not None and k >= 0)
            if found:
                sets[article_id] = found
        await ranking.write_all_sets(session, sets)
    except BaseException:
        # a thread cannot be stopped: its answer is dropped (and retrieved, so nothing is logged)
        ranked.add_done_callback(_drop)
        raise
    await ranking.write_related(session, await ranked, None)
    await refresh_article_counts(session)
    return outcome.counts


async def _unchanged(session: AsyncSession) -> dict[str, dict[str, int]]:
    """The counts a run that writes nothing reports: every stored entity unchanged."""
    found = dict((await session.execute(select(Entity.kind, func.count()).group_by(Entity.kind))).all())
    return {
        plural: {"unchanged": found[kind]} if found.get(kind) else {} for kind, plural in KIND_PLURALS.items()
    }


def _drop(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


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

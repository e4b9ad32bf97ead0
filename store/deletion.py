"""Deleting one document and everything only it supports, so the archive is as if the page had never
been ingested.

What a page supports: the articles and rates it holds (their `document_id`), its doc entities, mentions
and roles, the entities no other page names, and its source when no other page is from it. What other
pages also support stays. Two kinds of row are shared by key, not by owner: an article (source,
normalized title) listed on two pages belongs to one of them, and so does a rate (source, pair, day).
When the deleted page held such a row, the other pages that list it are stored again from their own
text, in the order they were first ingested: the row comes back as ingesting them alone would have
made it, and their mentions of it with it.

Cross-linking (resolution, related ranking) is not redone here: every page is marked pending (a
deleted article changes the rarity weight of every entity, so every ranking may change), and the
next cross-linking run, which the caller queues, redoes it whole.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline.errors import PipelineError
from pipeline.page import ProcessedPage, process
from pipeline.text import normalize_title
from store.entities import lock_crosslinking
from store.pages import PageRef, lock_page, save_page


@dataclass(frozen=True)
class Deletion:
    """What one delete removed. `restored`: identities of the other pages stored again because they
    list an article or rate the deleted page held."""

    document_id: int
    identity: str
    articles: int
    rates: int
    entities: int
    source_deleted: bool
    restored: tuple[str, ...]


_DOCUMENT = text(
    "SELECT d.identity, d.source_id, s.name FROM documents d JOIN sources s ON s.id = d.source_id"
    " WHERE d.id = :id"
)
_OWNED_ARTICLES = text("SELECT id, title FROM articles WHERE document_id = :id ORDER BY id")
_OWNED_RATES = text("SELECT base, quote, as_of FROM rates WHERE document_id = :id ORDER BY id")
# other pages whose facts (mentions, roles, bylines) sit in an article the page holds: they list it
_FACTS_IN = text(
    "SELECT document_id FROM mentions WHERE article_id = ANY(CAST(:ids AS bigint[]))"
    " UNION SELECT de.document_id FROM roles r JOIN doc_entities de ON de.id = r.doc_entity_id"
    " WHERE r.article_id = ANY(CAST(:ids AS bigint[]))"
    " UNION SELECT document_id FROM doc_entities WHERE authored_article_id = ANY(CAST(:ids AS bigint[]))"
)
# other pages of the same outlet that may list one of those articles (the headline is in their text,
# compared as normalize_title does, near enough: case, quotes, runs of spaces) or a rate of the same
# day (a ticker's day is its page's date). Processing confirms each one.
_MAY_LIST = text(
    "SELECT id FROM documents WHERE source_id = :source AND id <> :id AND ("
    " page_date = ANY(CAST(:days AS date[]))"
    " OR EXISTS (SELECT 1 FROM unnest(CAST(:titles AS text[])) AS t(title) WHERE strpos("
    "   lower(regexp_replace(translate(text, '\u2019\u2018\u201c\u201d\u00ab\u00bb', '''''\"\"\"\"'),"
    "   '\\s+', ' ', 'g')), t.title) > 0))"
)
_PAGES = text(
    "SELECT id, identity, path, source_url, text FROM documents"
    " WHERE id = ANY(CAST(:ids AS bigint[])) ORDER BY id"
)
# entities whose every doc entity is the page's: no other page names them
_ONLY_HERE = text(
    "DELETE FROM entities AS e WHERE e.id IN (SELECT entity_id FROM doc_entities WHERE document_id = :id)"
    " AND NOT EXISTS (SELECT 1 FROM doc_entities o WHERE o.entity_id = e.id AND o.document_id <> :id)"
    " RETURNING e.id"
)
# mentions, roles, bylines and related rows of these articles go with them (ON DELETE CASCADE)
_DELETE_ARTICLES = text("DELETE FROM articles WHERE document_id = :id")
_DELETE_RATES = text("DELETE FROM rates WHERE document_id = :id")
# doc entities and mentions go with the document (ON DELETE CASCADE)
_DELETE_DOCUMENT = text("DELETE FROM documents WHERE id = :id")
_DELETE_SOURCE = text(
    "DELETE FROM sources AS s WHERE s.id = :source"
    " AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.source_id = s.id)"
    " RETURNING s.id"
)
_ALL_PENDING = text("UPDATE documents SET crosslinked = NULL WHERE crosslinked IS NOT NULL")


async def delete_document(session: AsyncSession, document_id: int) -> Deletion | None:
    """Deletes the document in the caller's transaction; None when there is no such document (already
    deleted: deleting again changes nothing). Takes cross-linking's lock, so a cross-linking run never
    reads the corpus half deleted, and the page's own lock, so an ingest of the same page waits."""
    await lock_crosslinking(session, shared=True)
    found = (await session.execute(_DOCUMENT, {"id": document_id})).one_or_none()
    if found is None:
        return None
    identity, source_id, source_name = found
    await lock_page(session, PageRef(identity, None, None))
    articles = (await session.execute(_OWNED_ARTICLES, {"id": document_id})).all()
    rates = (await session.execute(_OWNED_RATES, {"id": document_id})).all()
    keys = _Keys(
        source_name,
        {normalize_title(title) for _, title in articles},
        {(base, quote, as_of) for base, quote, as_of in rates},
    )
    candidates = await _candidates(session, document_id, source_id, [i for i, _ in articles], keys)

    entities = len((await session.execute(_ONLY_HERE, {"id": document_id})).all())
    await session.execute(_DELETE_ARTICLES, {"id": document_id})
    await session.execute(_DELETE_RATES, {"id": document_id})
    await session.execute(_DELETE_DOCUMENT, {"id": document_id})
    source_deleted = bool((await session.execute(_DELETE_SOURCE, {"source": source_id})).all())
    restored = await _restore(session, candidates, keys)
    await session.execute(_ALL_PENDING)
    return Deletion(
        document_id, identity, len(articles), len(rates), entities, source_deleted, tuple(restored)
    )


@dataclass(frozen=True)
class _Keys:
    """The shared-by-key rows the page held: its outlet, its articles' titles, its rates' keys."""

    source: str
    titles: set[str]
    rates: set[tuple[str, str, date]]

    def listed_by(self, processed: ProcessedPage) -> bool:
        if processed.publisher != self.source:
            return False
        page = processed.page
        return any(normalize_title(a.title) in self.titles for a in page.articles) or any(
            (r.base, r.quote, r.as_of) in self.rates for r in page.rates
        )


async def _candidates(
    session: AsyncSession, document_id: int, source_id: int, article_ids: Sequence[int], keys: _Keys
) -> list[int]:
    if not article_ids and not keys.rates:
        return []
    found = set((await session.execute(_FACTS_IN, {"ids": list(article_ids)})).scalars())
    found |= set(
        (
            await session.execute(
                _MAY_LIST,
                {
                    "source": source_id,
                    "id": document_id,
                    "days": sorted({day for _, _, day in keys.rates}),
                    "titles": sorted(keys.titles),
                },
            )
        ).scalars()
    )
    found.discard(document_id)
    return sorted(found)


async def _restore(session: AsyncSession, candidates: Sequence[int], keys: _Keys) -> list[str]:
    """Stores again, oldest first, the candidates whose page lists one of the keys."""
    restored: list[str] = []
    if not candidates:
        return restored
    for _id, identity, path, source_url, page_text in await session.execute(
        _PAGES, {"ids": list(candidates)}
    ):
        try:
            # pure and CPU-bound: off the event loop, as ingestDocument parses
            processed = await asyncio.to_thread(process, page_text, source_url)
        except PipelineError:
            continue  # no longer a page the pipeline reads: it lists nothing
        if not keys.listed_by(processed):
            continue
        ref = PageRef(identity, path, source_url)
        await lock_page(session, ref)
        await save_page(session, ref, page_text, processed, locked=True, force=True)
        restored.append(identity)
    return restored

"""Related articles in storage, and the article counts they weigh entities by.

`article_entity_sets` keeps each article's entities as cross-linking last ranked them, and
`entities.article_count` how many articles name each (the df of pipeline/related.py's weight,
log(min(N, COMMON_CAP) / df), 0 past the cap). After a run that touched some articles, `rank_touched`
works out which rankings can have changed and ranks only those:

- the articles whose entities changed, and the entities they gained or lost (whose df changed);
- an article's ranking can change only if its own entities changed, or it names an entity whose
  weight or whose power to make candidates changed: one named in at most COMMON_CAP articles before
  or after (a score sums the weights of shared entities; a candidate shares one such entity). Each
  such entity is named by at most COMMON_CAP + 1 articles, so the work is bounded by the change, not
  by the corpus. Those articles are re-ranked, each against every article naming one of its rarer
  entities, read through the GIN index on the sets;
- weights depend on N only while it is below COMMON_CAP (a small corpus, where they are IDF): if
  min(N, COMMON_CAP) changed, every article is ranked again, from the stored sets.

Either way the rows written are what ranking the whole corpus gives.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ARRAY, BigInteger, Double, Numeric, any_, bindparam, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline.crosslink import RELATED_LIMIT, article_label, related_changes, set_changes
from pipeline.related import COMMON_CAP, rank
from store.models import Article, RelatedArticle, Source

Sets = dict[int, frozenset[int]]  # article id → ids of the entities its mentions name
_IDS = ARRAY(BigInteger)


@dataclass(frozen=True)
class Ranked:
    """What a ranking did: how many articles it re-ranked, and whether that was every article."""

    articles: int
    all: bool


async def labels(session: AsyncSession, article_ids: Iterable[int] | None = None) -> dict[int, str]:
    """What ranking breaks ties by, by article id: every article's, or those given."""
    query = select(Article.id, Source.name, Article.norm_title).join(Source, Source.id == Article.source_id)
    if article_ids is not None:
        query = query.where(Article.id == any_(bindparam("ids", sorted(set(article_ids)), type_=_IDS)))
    return {
        article_id: article_label(source, title) for article_id, source, title in await session.execute(query)
    }


async def write_all_sets(session: AsyncSession, sets: Sets) -> None:
    """Stores every article's entities (after resolving the whole corpus) where they changed."""
    stored = await _sets(session, None)
    changed, _ = set_changes(stored, {**dict.fromkeys(stored, frozenset()), **sets})
    # an empty set is never stored (it is no row): one there is dropped, as a change to empty would be
    changed.update((a, frozenset()) for a, s in stored.items() if not s and a not in sets)
    await _write_sets(session, changed)


async def rank_touched(session: AsyncSession, touched: Collection[int]) -> Ranked:
    """Re-derives the entities of the `touched` articles (those whose mentions, or the nodes their
    mentions name, may have changed), stores those that changed with their entities' counts, and
    re-ranks the articles whose related list may have changed as a result."""
    if not touched:
        return Ranked(0, False)
    now = {a: frozenset() for a in touched} | {
        article_id: frozenset(ids)
        for article_id, ids in await session.execute(_ENTITIES_OF, {"ids": sorted(touched)})
    }
    before = await _sets(session, touched)
    changed, entities = set_changes(before, now)
    if not changed:
        return Ranked(0, False)
    n_before = int((await session.execute(_COUNT_SETS)).scalar() or 0)
    n = n_before + sum(bool(s) for s in changed.values()) - sum(bool(before.get(a)) for a in changed)
    df_before = await _counts(session, entities)
    await _write_sets(session, changed)
    df_after = await _shift_counts(session, before, changed, df_before)
    if min(n, COMMON_CAP) != min(n_before, COMMON_CAP):
        # a small corpus grew or shrank: every weight moved; rank everything again, from the sets
        return await rank_all(session, await _sets(session, None))
    # an entity named in more than COMMON_CAP articles before and after weighs 0 and makes no
    # candidates either way: the articles naming it rank as they did (unless their own entities changed)
    rarer = [e for e in entities if min(df_before.get(e, 0), df_after.get(e, 0)) <= COMMON_CAP]
    subjects = set(changed)
    await session.execute(_CLEAN_SETS)  # see store/resolution.py _CLEAN_KEYS
    if rarer:
        subjects |= {a for (a,) in await session.execute(_NAMING, {"ids": sorted(rarer)})}
    sets = await _sets(session, subjects)
    df = await _counts(session, {e for a in subjects for e in sets.get(a, ())})
    rare = sorted(e for e, d in df.items() if d <= COMMON_CAP)
    sets.update(
        (article_id, frozenset(ids)) for article_id, ids in await session.execute(_NAMING_SETS, {"ids": rare})
    )
    want = _rank(subjects, sets, df, n, await labels(session, sets))
    await write_related(session, want, subjects)
    return Ranked(len(subjects), False)


async def rank_all(session: AsyncSession, sets: Sets) -> Ranked:
    """Ranks every article from every article's entities (`sets`: those with any) and writes the rows
    that changed."""
    df: Counter[int] = Counter()
    for entities in sets.values():
        df.update(entities)
    want = _rank(sets, sets, df, len(sets), await labels(session, sets))
    await write_related(session, want, None)
    return Ranked(len(sets), True)


def _rank(
    subjects: Iterable[int],
    sets: Mapping[int, Collection[int]],
    df: Mapping[int, int],
    n: int,
    label: dict[int, str],
) -> dict[int, list[tuple[int, float]]]:
    present = [a for a in subjects if a in sets]  # an article that names nothing relates to nothing
    return rank(present, sets, df, n, label.__getitem__, RELATED_LIMIT, COMMON_CAP)


async def write_related(
    session: AsyncSession, want: Mapping[int, Sequence[tuple[int, float]]], articles: Collection[int] | None
) -> None:
    """Rewrites only the related_articles rows whose target or score changed, of the given `articles`
    (an article missing from `want` has none), or of every article when None."""
    query = select(
        RelatedArticle.article_id,
        RelatedArticle.rank,
        RelatedArticle.other_id,
        RelatedArticle.score.cast(Double),
    )
    if articles is not None:
        query = query.where(RelatedArticle.article_id == any_(bindparam("ids", sorted(articles), type_=_IDS)))
    have: dict[int, dict[int, tuple[int, float]]] = {a: {} for a in articles or ()}
    for article_id, rank_, other_id, score in await session.execute(query):
        have.setdefault(article_id, {})[rank_] = (other_id, round(score, 6))
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


async def _sets(session: AsyncSession, articles: Iterable[int] | None) -> Sets:
    if articles is None:
        found = await session.execute(_ALL_SETS)
    else:
        found = await session.execute(_SETS_OF, {"ids": sorted(set(articles))})
    return {article_id: frozenset(ids) for article_id, ids in found}


async def _write_sets(session: AsyncSession, changed: Mapping[int, frozenset[int]]) -> None:
    emptied = sorted(a for a, s in changed.items() if not s)
    if emptied:
        await session.execute(_DELETE_SETS, {"ids": emptied})
    rows = [{"article_id": a, "entity_ids": sorted(s)} for a, s in sorted(changed.items()) if s]
    for start in range(0, len(rows), _CHUNK):
        await session.execute(_UPSERT_SETS, {"rows": json.dumps(rows[start : start + _CHUNK])})


_CHUNK = 20_000


async def _counts(session: AsyncSession, entities: Iterable[int]) -> dict[int, int]:
    found = await session.execute(_ARTICLE_COUNTS, {"ids": sorted(set(entities))})
    return dict(found.all())


async def _shift_counts(
    session: AsyncSession, before: Sets, changed: Sets, counts: Mapping[int, int]
) -> dict[int, int]:
    """Moves entities.article_count by the articles that gained or lost each entity: the count is the
    number of stored sets naming it (what a full refresh from the mentions also gives). Returns the
    new counts of the entities in `counts` (their counts before)."""
    delta: Counter[int] = Counter()
    for article, now in changed.items():
        old = before.get(article, frozenset())
        delta.update(now - old)
        delta.subtract(old - now)
    moved = sorted(e for e, d in delta.items() if d)
    if moved:
        await session.execute(_SHIFT_COUNTS, {"ids": moved, "by": [delta[e] for e in moved]})
    return {e: c + delta[e] for e, c in counts.items()}


# the entities an article's mentions name now (a doc entity without a node yet names none)
_ENTITIES_OF = text(
    "SELECT m.article_id, array_agg(DISTINCT d.entity_id) FROM mentions AS m"
    " JOIN doc_entities AS d ON d.id = m.doc_entity_id"
    " WHERE m.article_id = ANY(CAST(:ids AS bigint[])) AND d.entity_id IS NOT NULL GROUP BY m.article_id"
)
_CLEAN_SETS = text("SELECT gin_clean_pending_list('ix_article_entity_sets_entity_ids'::regclass)")
_ALL_SETS = text("SELECT article_id, entity_ids FROM article_entity_sets")
_SETS_OF = text(
    "SELECT article_id, entity_ids FROM article_entity_sets WHERE article_id = ANY(CAST(:ids AS bigint[]))"
)
_COUNT_SETS = text("SELECT count(*) FROM article_entity_sets")
_NAMING = text("SELECT article_id FROM article_entity_sets WHERE entity_ids && CAST(:ids AS bigint[])")
_NAMING_SETS = text(
    "SELECT article_id, entity_ids FROM article_entity_sets WHERE entity_ids && CAST(:ids AS bigint[])"
)
_DELETE_SETS = text("DELETE FROM article_entity_sets WHERE article_id = ANY(CAST(:ids AS bigint[]))")
_UPSERT_SETS = text(
    "INSERT INTO article_entity_sets (article_id, entity_ids)"
    " SELECT r.article_id, r.entity_ids FROM json_to_recordset(CAST(:rows AS json))"
    " AS r(article_id bigint, entity_ids bigint[])"
    " ON CONFLICT (article_id) DO UPDATE SET entity_ids = excluded.entity_ids"
)
_ARTICLE_COUNTS = text("SELECT id, article_count FROM entities WHERE id = ANY(CAST(:ids AS bigint[]))")
_SHIFT_COUNTS = text(
    "UPDATE entities AS e SET article_count = e.article_count + u.by"
    " FROM unnest(CAST(:ids AS bigint[]), CAST(:by AS integer[])) AS u(id, by) WHERE e.id = u.id"
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

"""What cross-linking decides, as pure functions: storage reads rows, calls these, writes what they return.

- `placement`: which resolved entity each stored doc entity went to (by position);
- `entity_plan`: the rows of `entities` resolution wants, diffed against the stored ones (new, changed,
  unchanged, gone), with the counts a run reports;
- `membership_changes`: the doc entities whose node changed;
- `rank_related` and `related_changes`: articles ranked by the entities they share, and the rows of
  `related_articles` to delete and insert to get there;
- `carried_over`: which doc entities of a page stored again are those it named before (they keep
  their node, so cross-linking need not look at them);
- `set_changes`: the articles whose entities changed, and the entities whose articles did.

Kept apart from `pipeline/resolve` (which decides identity) so an incremental cross-linking can reuse
each piece on part of the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from anyascii import anyascii

from pipeline.entities import ResolvedEntity
from pipeline.related import related

RELATED_LIMIT = 10
KIND_PLURALS = {"person": "people", "organization": "organizations", "place": "places"}

# name, aliases, subtype, reasons, evidence, search_text: the stored columns of an entity besides its
# key, kind and id, in the form the driver returns them (text[] as lists)
EntityValues = tuple[str, list[str], str | None, list[str], list[str], str]
ENTITY_COLUMNS = ("name", "aliases", "subtype", "reasons", "evidence", "search_text")


def search_text(name: str, aliases: Sequence[str]) -> str:
    """Every form a reader may type: the names as written and in Latin letters (Токаев → Tokaev)."""
    forms = [name, *aliases]
    # anyascii leaves ASCII as it is, and most names are ASCII already
    return "\n".join(dict.fromkeys([*forms, *(f if f.isascii() else anyascii(f) for f in forms)]))


def entity_values(e: ResolvedEntity) -> EntityValues:
    return (
        e.name,
        list(e.aliases),
        e.subtype,
        list(e.reasons),
        list(e.evidence),
        search_text(e.name, e.aliases),
    )


def article_label(source: str, norm_title: str) -> str:
    """What related() orders articles by (its ties are broken by this): the outlet, then the title."""
    return f"{source}\x1f{norm_title}"


def placement(resolved: Sequence[ResolvedEntity], start: Mapping[str, int], count: int) -> list[int]:
    """The index in `resolved` of the entity each doc entity went to, by position (-1: none). Doc
    entities are numbered in (document, index) order; `start` is each document's first position."""
    placed = [-1] * count
    for k, entity in enumerate(resolved):
        for ref in entity.members:
            placed[start[ref.document] + ref.index] = k
    return placed


@dataclass
class EntityPlan:
    """The writes that make `entities` hold what resolution decided."""

    new: list[tuple[ResolvedEntity, EntityValues]] = field(default_factory=list)
    changed: list[tuple[int, EntityValues]] = field(default_factory=list)  # stored id, new values
    ids: dict[str, int] = field(default_factory=dict)  # stored id by key, for the entities kept
    gone: list[int] = field(default_factory=list)  # stored ids no resolved entity has any more
    counts: dict[str, Counter[str]] = field(
        default_factory=lambda: {k: Counter() for k in KIND_PLURALS.values()}
    )

    def report(self) -> dict[str, dict[str, int]]:
        return {k: dict(c) for k, c in self.counts.items()}


def entity_plan(
    resolved: Iterable[ResolvedEntity], stored: Mapping[str, tuple[int, EntityValues]]
) -> EntityPlan:
    """Diffs the resolved entities against the stored ones (id and values by key): new keys are
    created, keys whose values differ are updated, the rest are left as they are."""
    plan = EntityPlan()
    left = dict(stored)
    for e in resolved:
        values = entity_values(e)
        old = left.pop(e.key, None)
        counts = plan.counts[KIND_PLURALS[e.kind]]
        if old is None:
            plan.new.append((e, values))
            counts["created"] += 1
            continue
        plan.ids[e.key] = old[0]
        if old[1] != values:
            plan.changed.append((old[0], values))
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    plan.gone = [id_ for id_, _ in left.values()]
    return plan


def membership_changes(
    doc_entity_ids: Sequence[int],
    current: Sequence[int | None],
    placed: Sequence[int],
    entity_ids: Sequence[int],
) -> tuple[list[int], list[int | None]]:
    """The doc entities whose entity id changes, and the id each gets (None: no node)."""
    ids: list[int] = []
    entity_of: list[int | None] = []
    for doc_entity_id, had, k in zip(doc_entity_ids, current, placed, strict=True):
        now = entity_ids[k] if k >= 0 else None
        if had != now:
            ids.append(doc_entity_id)
            entity_of.append(now)
    return ids, entity_of


def rank_related(
    doc_entity_ids: Sequence[int],
    placed: Sequence[int],
    mentioned: Iterable[tuple[int, Sequence[int]]],
    labels: Mapping[int, str],
    limit: int = RELATED_LIMIT,
) -> dict[int, list[tuple[int, float]]]:
    """Related articles by article id: (other article id, score) best first. `mentioned` gives each
    article's doc entities; entities are told apart by their index in the resolution, which is all
    related() needs of them."""
    entity_of = dict(zip(doc_entity_ids, placed, strict=True))
    article_entities: dict[str, set[int]] = {}
    for article_id, ids in mentioned:
        found = {k for k in map(entity_of.get, ids) if k is not None and k >= 0}
        if found:
            article_entities[labels[article_id]] = found
    ranked = related(article_entities, limit)
    by_label = {label: article_id for article_id, label in labels.items()}
    return {
        by_label[a]: [(by_label[other], round(score, 6)) for other, score in others]
        for a, others in ranked.items()
    }


RelatedTarget = tuple[int, float]  # other article id, score


def related_changes(
    have: Mapping[int, Mapping[int, RelatedTarget]], want: Mapping[int, Sequence[RelatedTarget]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int, int, float]]]:
    """The (article, rank) rows to delete and the (article, rank, other, score) rows to insert so the
    stored ranking (`have`, by article then rank) becomes `want`; both lists sorted."""
    stale: list[tuple[int, int]] = []
    fresh: list[tuple[int, int, int, float]] = []
    for a in have.keys() | want.keys():
        old = have.get(a, {})
        new = dict(enumerate(want.get(a, ())))
        if old == new:
            continue  # the common case on a re-run: one comparison per article
        stale.extend((a, rank) for rank, target in old.items() if new.get(rank) != target)
        fresh.extend((a, rank, *target) for rank, target in new.items() if old.get(rank) != target)
    stale.sort()
    fresh.sort()
    return stale, fresh


def carried_over(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[int | None]:
    """For each of a page's new doc entities (their values in index order), the position of the old
    one it continues, or None. Matches keep their order on both sides, so the doc entities carried over
    stand in the same order among themselves as before: what resolution decided for them holds as it
    was, but for what depends on an entity's index itself (the caller makes that part of the value)."""
    out: list[int | None] = [None] * len(new)
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[b + k] = a + k
    return out


def set_changes(
    old: Mapping[int, frozenset[int]], new: Mapping[int, frozenset[int]]
) -> tuple[dict[int, frozenset[int]], set[int]]:
    """Of the articles in `new` (each article's entities now; empty: none), those whose entities differ
    from `old` (as last ranked; absent: none), with their new sets, and every entity gained or lost by
    one of them: the entities whose article counts, and so whose weights, changed."""
    changed: dict[int, frozenset[int]] = {}
    entities: set[int] = set()
    for article, now in new.items():
        before = old.get(article, frozenset())
        if now != before:
            changed[article] = now
            entities |= now ^ before
    return changed, entities

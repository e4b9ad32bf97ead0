"""Resolution in storage: reads the doc entities cross-linking resolves (all of them, or the part of the
corpus a run touched), calls pipeline/resolve, and writes what pipeline/crosslink decides: entity rows,
each doc entity's node, its blocking keys.

The part a run touched (`read_touched`) is closed under pipeline/resolve/blocking.py's keys: it starts
from the doc entities the run stored (those carried over from the page's last version keep their
node and are no seeds) and from the keys of those it replaced (`crosslink_leftovers`), and takes in
every doc entity that emits a key one of them probes, until nothing new comes. Resolving that part
alone gives the nodes resolving the corpus would give them, so only its rows are written. Places are
the exception that keeps it small: a place meets only the places of its merge key, so the part holds
the touched keys, and their nodes are made from counts (`_place_nodes`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import ARRAY, Text, any_, bindparam, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from pipeline import entities as pe
from pipeline.crosslink import (
    ENTITY_COLUMNS,
    KIND_PLURALS,
    EntityPlan,
    EntityValues,
    entity_plan,
    membership_changes,
)
from pipeline.resolve import resolve_members
from pipeline.resolve.blocking import Blocking, probes
from pipeline.resolve.common import Forms
from pipeline.resolve.places import place_key, place_node
from store.models import Document, Entity

# Budget of a touched part, as a share of all doc entities: past it, reading the part key by key costs
# about what resolving everything does (at 10k pages, a new page's part is about 10 %). A part this
# small is read whatever the share.
PART_SHARE = 0.2
PART_MIN = 50_000


class Records(dict[tuple[Any, ...], pe.DocEntity]):
    """One frozen record per distinct stored value: the same entity recurs across documents (a country,
    a minister), and resolution compares records by value anyway."""

    def of(
        self,
        kind: str,
        name: str,
        aliases: Sequence[str],
        subtype: str | None,
        qualifier: str | None,
        ref: str | None,
        first_name_only: bool,
        evidence: Sequence[str],
    ) -> pe.DocEntity:
        value = (kind, name, tuple(aliases), subtype, qualifier, ref, first_name_only, tuple(evidence))
        record = self.get(value)
        if record is None:
            record = self[value] = pe.DocEntity(
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
        return record


@dataclass
class Rows:
    """Doc entities as cross-linking reads them, by position."""

    ids: list[int] = field(default_factory=list)
    refs: list[pe.EntityRef] = field(default_factory=list)  # document identity, idx
    entities: list[pe.DocEntity] = field(default_factory=list)
    current: list[int | None] = field(default_factory=list)  # node id as stored
    blocking: list[tuple[str, ...] | None] = field(default_factory=list)  # keys as stored

    def add(self, id_: int, ref: pe.EntityRef, entity: pe.DocEntity, current: int | None, keys: Any) -> None:
        self.ids.append(id_)
        self.refs.append(ref)
        self.entities.append(entity)
        self.current.append(current)
        self.blocking.append(None if keys is None else tuple(keys))

    def ordered(self) -> Rows:
        """The rows in (document, index) order, the order resolution takes them in."""
        order = sorted(range(len(self.ids)), key=lambda i: (self.refs[i].document, self.refs[i].index))
        out = Rows()
        for i in order:
            out.ids.append(self.ids[i])
            out.refs.append(self.refs[i])
            out.entities.append(self.entities[i])
            out.current.append(self.current[i])
            out.blocking.append(self.blocking[i])
        return out


@dataclass
class Outcome:
    """What a resolution wrote: the counts a run reports, the doc entities whose node changed, and, by
    position, the node each doc entity of the rows resolved now belongs to."""

    counts: dict[str, dict[str, int]]
    moved: list[int]
    rows: Rows
    entity_ids: list[int]  # by position in rows


@dataclass
class Touched:
    """The part of the corpus a run touched: people and organizations resolved in full, and the places
    of the merge keys touched, whose nodes are made from counts (pipeline/resolve/places.py
    `place_node`: a place joins only the places of its key, and a country is named by most pages)."""

    rows: Rows = field(default_factory=Rows)
    places: set[str] = field(default_factory=set)  # place blocking keys ("pl:<merge key>")
    new_places: dict[str, list[int]] = field(default_factory=dict)  # doc entities without a node, by key


_PLACE = "pl:"
_OF_DOCUMENTS = text(
    "SELECT de.id, d.identity, de.idx, de.kind, de.name, de.aliases, de.subtype, de.qualifier, de.ref,"
    " de.first_name_only, de.evidence, de.entity_id, k.keys, e.key"
    " FROM doc_entities AS de JOIN documents AS d ON d.id = de.document_id"
    " LEFT JOIN doc_entity_keys AS k ON k.doc_entity_id = de.id"
    " LEFT JOIN entities AS e ON e.id = de.entity_id"
    " WHERE de.document_id = ANY(CAST(:documents AS bigint[]))"
)
_IDS_BY_KEYS = text(
    "SELECT array_agg(doc_entity_id) FROM doc_entity_keys WHERE keys && CAST(:keys AS text[])"
)
# The planner estimates an overlap (&&) with many keys as a share of the table, not from the keys (and
# a table never analyzed, as after a first ingest, has no statistics at all): it would read every row
# and test each against every key (seconds at 10k pages). The GIN index is always the way here.
_INDEX_ONLY = text("SET LOCAL enable_seqscan = off")
_PLANNER_AGAIN = text("RESET enable_seqscan")
_VALUE = "d.kind, d.name, d.aliases, d.subtype, d.qualifier, d.ref, d.first_name_only, d.evidence, k.keys"
_OF_IDS = text(
    f"SELECT {_VALUE}, array_agg(d.id), array_agg(d.document_id), array_agg(d.idx), array_agg(d.entity_id)"
    " FROM doc_entities AS d JOIN doc_entity_keys AS k ON k.doc_entity_id = d.id"
    f" WHERE d.id = ANY(CAST(:ids AS bigint[])) GROUP BY {_VALUE}"
)


# A GIN index keeps new entries in a pending list until it is cleaned (by a vacuum, or when the list
# passes 4 MB), and every search reads that whole list, once per key it looks for: with a few thousand
# keys, seconds at 10k pages. Cross-linking moves the entries of the pages stored since the last run
# into the index itself first (in bulk: cheaper than inserting without the list), then searches.
_CLEAN_KEYS = text("SELECT gin_clean_pending_list('ix_doc_entity_keys_keys'::regclass)")


async def _ids_by_keys(session: AsyncSession, keys: Iterable[str]) -> list[int]:
    """The doc entities that emit one of `keys`, through the GIN index."""
    await session.execute(_INDEX_ONLY)
    try:
        return list((await session.execute(_IDS_BY_KEYS, {"keys": sorted(keys)})).scalar() or ())
    finally:
        await session.execute(_PLANNER_AGAIN)


_IDENTITIES = text("SELECT id, identity FROM documents WHERE id = ANY(CAST(:ids AS bigint[]))")
_ESTIMATED_ROWS = text("SELECT reltuples::bigint FROM pg_class WHERE oid = 'doc_entities'::regclass")
_COUNT_ROWS = text("SELECT count(*) FROM doc_entities")
_SET_BLOCKING = text(
    "INSERT INTO doc_entity_keys (doc_entity_id, keys)"
    " SELECT r.id, r.blocking FROM json_to_recordset(CAST(:rows AS json)) AS r(id bigint, blocking text[])"
    " ON CONFLICT (doc_entity_id) DO UPDATE SET keys = excluded.keys"
)


async def read_touched(
    session: AsyncSession, documents: Sequence[int], leftover_keys: Iterable[str], blocking: Blocking
) -> Touched | None:
    """The part of the corpus the pending `documents` and the leftovers' keys reach, closed under
    blocking keys; None past the budget (resolve everything instead). Refreshes the stored keys of the
    pending documents' doc entities first (they may have been stored by other code), so the closure
    finds them."""
    touched = Touched()
    rows = touched.rows
    records = Records()
    left = set(leftover_keys)
    touched.places = {k for k in left if k.startswith(_PLACE)}
    seeds: set[str] = probes(left - touched.places)
    fresh: list[dict[str, Any]] = []
    for (
        id_,
        identity,
        idx,
        kind,
        name,
        aliases,
        subtype,
        qualifier,
        ref,
        first_name_only,
        evidence,
        entity_id,
        stored,
        key,
    ) in await session.execute(_OF_DOCUMENTS, {"documents": list(documents)}):
        entity = records.of(kind, name, aliases, subtype, qualifier, ref, first_name_only, evidence)
        keys = blocking.keys(identity, idx, entity)
        if stored is None or tuple(stored) != keys:
            fresh.append({"id": id_, "blocking": list(keys)})
        # a doc entity carried over from the page's last version keeps its node, unless its node's key
        # names members by index (a first-name-only person's, a key told apart by its members' digest)
        if entity_id is None or first_name_only or key is None or "~" in key:
            if kind == "place":
                (place,) = keys  # a place emits its merge key only
                touched.places.add(place)
                if entity_id is None:
                    touched.new_places.setdefault(place, []).append(id_)
            else:
                seeds |= probes(keys)
                rows.add(id_, pe.EntityRef(identity, idx), entity, entity_id, keys)
    if fresh:
        await session.execute(_SET_BLOCKING, {"rows": json_rows(fresh)})
    if seeds or touched.places:
        await session.execute(_CLEAN_KEYS)
    if not seeds:
        return touched
    # the planner's estimate of the table's size is enough for a budget; counted if it has none (never
    # analyzed yet, as after a first ingest)
    total = int((await session.execute(_ESTIMATED_ROWS)).scalar() or 0)
    if total < 0:
        total = int((await session.execute(_COUNT_ROWS)).scalar() or 0)
    budget = max(PART_SHARE * total, PART_MIN)
    seen: set[int] = set(rows.ids)
    identities: dict[int, str] = {}
    asked: set[str] = set()
    wanted = seeds
    while wanted:
        asked |= wanted
        new = [i for i in await _ids_by_keys(session, wanted) if i not in seen]
        wanted = set()
        if not new:
            break
        # one row per distinct value and keys, with its doc entities: a minister is named by thousands of
        # pages in the same few ways
        found = (await session.execute(_OF_IDS, {"ids": new})).all()
        unknown = {d for *_, documents, _, _ in found for d in documents} - identities.keys()
        if unknown:
            identities.update((await session.execute(_IDENTITIES, {"ids": sorted(unknown)})).all())
        for (
            kind,
            name,
            aliases,
            subtype,
            qualifier,
            ref,
            first_name_only,
            evidence,
            stored,
            ids,
            documents,
            indexes,
            entity_ids,
        ) in found:
            entity = records.of(kind, name, aliases, subtype, qualifier, ref, first_name_only, evidence)
            keys = tuple(stored)
            added = False
            for id_, document_id, idx, entity_id in zip(ids, documents, indexes, entity_ids, strict=True):
                if id_ not in seen:
                    seen.add(id_)
                    rows.add(id_, pe.EntityRef(identities[document_id], idx), entity, entity_id, keys)
                    added = True
            if added:
                wanted |= probes(keys) - asked
        if len(seen) > budget:
            return None
    return touched


async def write_keys(session: AsyncSession, rows: Rows, blocking: Blocking) -> None:
    """Stores every doc entity's blocking keys where they differ from what is stored (after other code
    stored them, or before any was stored)."""
    fresh = []
    for id_, ref, entity, stored in zip(rows.ids, rows.refs, rows.entities, rows.blocking, strict=True):
        keys = blocking.keys(ref.document, ref.index, entity)
        if stored != keys:
            fresh.append({"id": id_, "blocking": list(keys)})
    for start in range(0, len(fresh), _CHUNK):
        await session.execute(_SET_BLOCKING, {"rows": json_rows(fresh[start : start + _CHUNK])})


_CHUNK = 50_000  # rows per statement of a large rewrite: one JSON value stays a few MB


def resolve_rows(rows: Rows) -> tuple[tuple[pe.ResolvedEntity, ...], list[int]]:
    """Resolution of ordered rows, and the index of the node each row went to (-1: none)."""
    resolved = resolve_members(list(zip(rows.refs, rows.entities, strict=True)))
    position = {ref: i for i, ref in enumerate(rows.refs)}
    placed = [-1] * len(rows.ids)
    for k, entity in enumerate(resolved):
        for ref in entity.members:
            placed[position[ref]] = k
    return resolved, placed


async def write_part(
    session: AsyncSession, touched: Touched, leftover_entities: Iterable[int]
) -> Outcome | None:
    """Resolves a touched part and writes it: its nodes (matched by key with the nodes its rows and the
    leftovers were in), its rows' nodes, the nodes no one is in any more. None when a node it makes
    has the key of a node outside the part, which a part closed under blocking keys never does: the
    caller then resolves everything."""
    rows = touched.rows.ordered()
    resolved, placed = resolve_rows(rows)
    places = await _place_nodes(session, touched.places)
    nodes = [*resolved, *(node for node, _ in places.values())]
    scope = {i for i in rows.current if i is not None} | set(leftover_entities)
    scope.update(i for _, ids in places.values() for i in ids)
    stored = await _stored(
        session,
        (Entity.id == any_(bindparam("ids", sorted(scope), type_=ARRAY(Entity.id.type))))
        | (Entity.key == any_(bindparam("keys", [e.key for e in nodes], type_=ARRAY(Text)))),
    )
    if any(id_ not in scope for id_, _ in stored.values()):
        return None
    plan = entity_plan(nodes, stored)
    entity_ids = await _write_entities(session, plan, nodes)
    ids, entity_of = membership_changes(rows.ids, rows.current, placed, entity_ids[: len(resolved)])
    moved = list(ids)
    for (place, (_, current)), node_id in zip(places.items(), entity_ids[len(resolved) :], strict=True):
        if current - {node_id}:
            # the node has another key now (its name changed): every member moves to it
            members = await _ids_by_keys(session, [place])
            found = await session.execute(_MOVE_PLACE, {"ids": members, "id": node_id})
            moved.extend(found.scalars())
        else:
            new = touched.new_places.get(place, ())
            ids.extend(new)
            entity_of.extend([node_id] * len(new))
            moved.extend(new)
    if ids:
        await session.execute(_SET_ENTITIES, {"ids": ids, "entity_ids": entity_of})
    if plan.gone:
        await session.execute(_DELETE_ENTITIES, {"ids": plan.gone})
    # nodes outside the part are as they were: unchanged
    totals = dict((await session.execute(select(Entity.kind, func.count()).group_by(Entity.kind))).all())
    counts = plan.report()
    for kind, plural in KIND_PLURALS.items():
        c = counts[plural]
        unchanged = totals.get(kind, 0) - c.get("created", 0) - c.get("updated", 0)
        if unchanged:
            c["unchanged"] = unchanged
        else:
            c.pop("unchanged", None)
    return Outcome(counts, moved, rows, _by_position(placed, entity_ids))


async def _place_nodes(
    session: AsyncSession, places: Iterable[str]
) -> dict[str, tuple[pe.ResolvedEntity, set[int]]]:
    """The node of each touched place key that still has members, made from how many of them have
    each value, with the nodes its members are in now (none, for a new place)."""
    if not places:
        return {}
    records = Records()
    classes: dict[str, list[tuple[pe.DocEntity, int]]] = {}
    current: dict[str, set[int]] = {}
    forms = Forms.new()
    found = await session.execute(_PLACE_CLASSES, {"ids": await _ids_by_keys(session, places)})
    for name, aliases, subtype, qualifier, ref, first_name_only, evidence, count, entity_ids in found:
        entity = records.of("place", name, aliases, subtype, qualifier, ref, first_name_only, evidence)
        place = _PLACE + place_key(entity, forms.norm)[0]
        classes.setdefault(place, []).append((entity, count))
        current.setdefault(place, set()).update(i for i in entity_ids if i is not None)
    out: dict[str, tuple[pe.ResolvedEntity, set[int]]] = {}
    for place in sorted(classes):
        values = classes[place]
        if len({place_key(e, forms.norm)[1] for e, _ in values}) > 1:
            # named by its first member's full name, and the members do not agree: order them
            first = await _first_members(session, place)
            values.sort(key=lambda v: first[v[0]])
        out[place] = (place_node(values, forms), current.get(place, set()))
    return out


async def _first_members(session: AsyncSession, place: str) -> dict[pe.DocEntity, tuple[str, int]]:
    """The first member, in (document, index) order, of each value among the places of one key."""
    records = Records()
    first: dict[pe.DocEntity, tuple[str, int]] = {}
    for (
        identity,
        idx,
        name,
        aliases,
        subtype,
        qualifier,
        ref,
        first_name_only,
        evidence,
    ) in await session.execute(_PLACE_MEMBERS, {"ids": await _ids_by_keys(session, [place])}):
        entity = records.of("place", name, aliases, subtype, qualifier, ref, first_name_only, evidence)
        at = (identity, idx)
        if entity not in first or at < first[entity]:
            first[entity] = at
    return first


_PLACE_VALUE = "d.name, d.aliases, d.subtype, d.qualifier, d.ref, d.first_name_only, d.evidence"
_PLACE_CLASSES = text(
    f"SELECT {_PLACE_VALUE}, count(*), array_agg(DISTINCT d.entity_id) FROM doc_entities AS d"
    f" WHERE d.id = ANY(CAST(:ids AS bigint[])) AND d.kind = 'place' GROUP BY {_PLACE_VALUE}"
)
_PLACE_MEMBERS = text(
    f"SELECT doc.identity, d.idx, {_PLACE_VALUE}"
    " FROM doc_entities AS d JOIN documents AS doc ON doc.id = d.document_id"
    " WHERE d.id = ANY(CAST(:ids AS bigint[])) AND d.kind = 'place'"
)
_MOVE_PLACE = text(
    "UPDATE doc_entities SET entity_id = :id"
    " WHERE id = ANY(CAST(:ids AS bigint[])) AND entity_id IS DISTINCT FROM :id RETURNING id"
)


async def write_all(
    session: AsyncSession, rows: Rows, resolved: Sequence[pe.ResolvedEntity], placed: list[int]
) -> Outcome:
    """Writes the resolution of the whole corpus: every node by key, every doc entity's node."""
    stored = await _stored(session, None)
    plan = entity_plan(resolved, stored)
    del stored
    entity_ids = await _write_entities(session, plan, resolved)
    moved = await _write_members(session, rows, placed, entity_ids, plan.gone)
    return Outcome(plan.report(), moved, rows, _by_position(placed, entity_ids))


def _by_position(placed: Sequence[int], entity_ids: Sequence[int]) -> list[int]:
    return [entity_ids[k] if k >= 0 else -1 for k in placed]


async def _stored(session: AsyncSession, where: Any) -> dict[str, tuple[int, EntityValues]]:
    query = select(
        Entity.key,
        Entity.id,
        Entity.name,
        Entity.aliases,
        Entity.subtype,
        Entity.reasons,
        Entity.evidence,
        Entity.search_text,
    )
    if where is not None:
        query = query.where(where)
    return {
        key: (id_, (name, aliases, subtype, reasons, evidence, search))
        for key, id_, name, aliases, subtype, reasons, evidence, search in await session.execute(query)
    }


async def _write_entities(
    session: AsyncSession, plan: EntityPlan, resolved: Sequence[pe.ResolvedEntity]
) -> list[int]:
    """Inserts the new nodes and updates the changed ones, as `plan` says; returns the id of each
    resolved node, in `resolved` order."""
    entity_ids = plan.ids
    if plan.new:
        rows = [
            {"key": e.key, "kind": e.kind, **dict(zip(ENTITY_COLUMNS, values, strict=True))}
            for e, values in plan.new
        ]
        inserted = await session.execute(_INSERT_ENTITIES, {"rows": json_rows(rows)})
        entity_ids.update((key, id_) for key, id_ in inserted)
        missing = [r["key"] for r in rows if r["key"] not in entity_ids]
        if missing:  # keys that appeared meanwhile: take their rows as they are
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
        await session.execute(_UPDATE_ENTITIES, {"rows": json_rows(changed)})
    return [entity_ids[e.key] for e in resolved]


async def _write_members(
    session: AsyncSession, rows: Rows, placed: list[int], entity_ids: list[int], gone: list[int]
) -> list[int]:
    """Points each doc entity at its node where that changed, then deletes the nodes no one is in;
    returns the doc entities that moved."""
    ids, entity_of = membership_changes(rows.ids, rows.current, placed, entity_ids)
    if ids:
        await session.execute(_SET_ENTITIES, {"ids": ids, "entity_ids": entity_of})
    if gone:
        await session.execute(_DELETE_ENTITIES, {"ids": gone})
    return ids


def json_rows(rows: list[dict[str, Any]]) -> str:
    """Rows as one JSON array, for json_to_recordset (text[] columns included, which unnest cannot take)."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Corpus:
    """Every doc entity, and which articles name which (for the related ranking)."""

    rows: Rows
    mentioned: list[tuple[int, Sequence[int]]]  # (article id, ids of the doc entities its mentions name)


async def read_corpus(session: AsyncSession) -> Corpus:
    identities = dict((await session.execute(select(Document.id, Document.identity))).all())
    rows = Rows()
    records = Records()
    # plain rows of the columns resolution reads, not ORM objects: no identity map for every doc entity
    for (
        id_,
        document_id,
        idx,
        kind,
        name,
        aliases,
        subtype,
        qualifier,
        ref,
        first_name_only,
        evidence,
        entity_id,
        stored,
    ) in await session.execute(_ALL_ROWS):
        entity = records.of(kind, name, aliases, subtype, qualifier, ref, first_name_only, evidence)
        rows.add(id_, pe.EntityRef(identities[document_id], idx), entity, entity_id, stored)
    # mentions alone, mapped to entities in memory: joining doc_entities right after the bulk UPDATE
    # of their entity ids gave the planner stale statistics and a plan that ran for minutes at 10k
    # pages. One row per article, not one per (article, doc entity) pair.
    mentioned = [(article_id, ids) for article_id, ids in await session.execute(_MENTIONED)]
    return Corpus(rows.ordered(), mentioned)


_ALL_ROWS = text(
    "SELECT d.id, d.document_id, d.idx, d.kind, d.name, d.aliases, d.subtype, d.qualifier, d.ref,"
    " d.first_name_only, d.evidence, d.entity_id, k.keys"
    " FROM doc_entities AS d LEFT JOIN doc_entity_keys AS k ON k.doc_entity_id = d.id"
)
_MENTIONED = text("SELECT article_id, array_agg(DISTINCT doc_entity_id) FROM mentions GROUP BY article_id")
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

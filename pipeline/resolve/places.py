"""Places across documents: the same gazetteer entry, else the same name. An abbreviation ("UK",
"USA", "USSR") is read as the place it stands for (pipeline/resolve/acronyms.py), and a node known only
by abbreviations is named by the full name.

A place joins exactly the places of its merge key (`place_key`), so a node is a function of how many
of its members have each value: `place_node` makes it from those counts, which storage can add up
without reading every member (a country is named by most pages)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from pipeline.entities import DocEntity, EntityRef, ResolvedEntity
from pipeline.resolve.acronyms import place_abbreviation
from pipeline.resolve.common import (
    Forms,
    Memo,
    OrderedEvidence,
    Reasons,
    UnionFind,
    build,
    node_key,
    node_values,
)


def place_key(e: DocEntity, norm: Memo) -> tuple[str, str | None, DocEntity]:
    """What a place merges on (its gazetteer entry, else its name), the full name an abbreviation stands
    for (or None), and the entity with the gazetteer entry an abbreviation gives it."""
    meant: str | None = None
    if e.name[:1].isupper() and e.name.replace(".", "").isupper():
        found = place_abbreviation(e.name)
        if isinstance(found, str):
            meant = found
        elif found is not None and e.ref in (None, found.id):
            meant = found.name
            e = replace(e, ref=found.id)
    return e.ref or "name:" + norm[e.name if meant is None else meant], meant, e


def resolve_places(ents: list[DocEntity], refs: list[EntityRef], forms: Forms) -> list[ResolvedEntity]:
    uf = UnionFind(len(ents))
    reasons: Reasons = defaultdict(list)
    norm = forms.norm
    first: dict[str, int] = {}
    full_name: dict[int, str] = {}  # by position: what an abbreviation stands for
    for i, e in enumerate(ents):
        key, meant, e = place_key(e, norm)
        if meant is not None:
            full_name[i] = meant
            ents[i] = e
        if key in first:
            if uf.union(first[key], i):
                reasons[i].append(
                    f"same gazetteer entry {key}" if e.ref else f"same normalized name '{key[5:]}'"
                )
        else:
            first[key] = i
    named: dict[int, str] = {}
    spelled: set[int] = set()
    for i in range(len(ents)):
        root = uf.find(i)
        if i in full_name:
            named.setdefault(root, full_name[i])
        else:
            spelled.add(root)
    return build(
        "place", ents, refs, uf, reasons, forms, {r: n for r, n in named.items() if r not in spelled}
    )


def place_node(
    classes: Sequence[tuple[DocEntity, int]], forms: Forms, ordered: OrderedEvidence | None = None
) -> ResolvedEntity:
    """The node `resolve_places` makes of the places of one merge key, from each distinct value and
    how many members have it, listed by their first member (which names a node known only by
    abbreviations); members are not listed (`members` is empty)."""
    norm = forms.norm
    replaced: list[tuple[DocEntity, int]] = []
    meant: list[str | None] = []
    keys = set()
    for e, n in classes:
        key, full, e = place_key(e, norm)
        keys.add(key)
        replaced.append((e, n))
        meant.append(full)
    if len(keys) != 1:
        raise ValueError(f"places of several merge keys: {sorted(keys)}")
    (key,) = keys
    given = meant[0] if all(m is not None for m in meant) else None
    reasons: tuple[str, ...] = ()
    if sum(n for _, n in replaced) > 1:
        first = replaced[0][0]
        reasons = (f"same gazetteer entry {key}" if first.ref else f"same normalized name '{key[5:]}'",)
    name, aliases, subtype, evidence = node_values(replaced, given, norm, {} if ordered is None else ordered)
    distinct = [e for e, _ in replaced]
    return ResolvedEntity(
        node_key("place", name, distinct, (), norm), "place", name, aliases, subtype, (), reasons, evidence
    )

"""Places across documents: the same gazetteer entry, else the same name."""

from __future__ import annotations

from collections import defaultdict

from pipeline.entities import DocEntity, EntityRef, ResolvedEntity
from pipeline.resolve.common import Forms, Reasons, UnionFind, build


def resolve_places(ents: list[DocEntity], refs: list[EntityRef], forms: Forms) -> list[ResolvedEntity]:
    uf = UnionFind(len(ents))
    reasons: Reasons = defaultdict(list)
    norm = forms.norm
    first: dict[str, int] = {}
    for i, e in enumerate(ents):
        key = e.ref or "name:" + norm[e.name]
        if key in first:
            if uf.union(first[key], i):
                reasons[i].append(
                    f"same gazetteer entry {key}" if e.ref else f"same normalized name '{key[5:]}'"
                )
        else:
            first[key] = i
    return build("place", ents, refs, uf, reasons, forms)

"""Related articles: rank other articles by the entities they share, rare entities weighing more."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping


def entity_weights(article_entities: Mapping[str, Collection[str]]) -> dict[str, float]:
    """IDF weight per entity: log(N / df). An entity every article names tells nothing about which
    articles belong together, so it weighs 0 and alone never makes two articles related."""
    n = len(article_entities)
    df: dict[str, int] = defaultdict(int)
    for entities in article_entities.values():
        for e in set(entities):
            df[e] += 1
    return {e: math.log(n / d) for e, d in df.items()}


def related(
    article_entities: Mapping[str, Collection[str]], limit: int = 10
) -> dict[str, list[tuple[str, float]]]:
    """For each article, up to `limit` other articles sharing entities, best first.

    Score = sum of the shared entities' weights. Ties are broken by article id, so the answer is
    deterministic and independent of input order. Articles sharing nothing, or only entities every
    article names, are not listed.

    Entities named in very many articles (the country of a national outlet) would make this
    quadratic; they are handled by grouping articles on which of those entities they name, which
    gives the same ranking: within a group every article scores the same, so only the `limit`
    smallest ids of a group can make the cut.
    """
    limit = max(limit, 0)
    weights = entity_weights(article_entities)
    ents = {a: frozenset(es) for a, es in article_entities.items()}
    df: dict[str, int] = defaultdict(int)
    for es in ents.values():
        for e in es:
            df[e] += 1
    cap = max(64, 4 * limit)
    common = {e for e, d in df.items() if d > cap}
    by_entity: dict[str, list[str]] = defaultdict(list)
    signature: dict[str, frozenset[str]] = {}
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for a in sorted(ents):
        for e in ents[a] - common:
            by_entity[e].append(a)
        signature[a] = ents[a] & common
        if signature[a]:
            groups[signature[a]].append(a)

    def shared(a: str, b: str) -> float:
        return sum(sorted(weights[e] for e in signature[a] & signature[b]))

    out: dict[str, list[tuple[str, float]]] = {}
    for a in sorted(ents):
        if limit == 0:
            out[a] = []
            continue
        rare: dict[str, list[float]] = defaultdict(list)
        for e in ents[a] - common:
            for b in by_entity[e]:
                if b != a:
                    rare[b].append(weights[e])
        scored = {b: sum(sorted(ws)) + shared(a, b) for b, ws in rare.items()}
        if signature[a]:
            for sig, members in groups.items():
                overlap = sig & signature[a]
                if not overlap:
                    continue
                value = sum(sorted(weights[e] for e in overlap))
                taken = 0
                for b in members:
                    if b == a or b in scored:
                        continue
                    scored[b] = value
                    taken += 1
                    if taken >= limit:
                        break
        ranked = sorted(
            ((b, score) for b, score in scored.items() if round(score, 9) > 0),
            key=lambda kv: (-round(kv[1], 9), kv[0]),
        )
        out[a] = [(b, round(score, 6)) for b, score in ranked[:limit]]
    return out

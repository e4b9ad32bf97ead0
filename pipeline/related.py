"""Related articles: rank other articles by the entities they share, rare entities weighing more."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping


def entity_weights(article_entities: Mapping[str, Collection[str]]) -> dict[str, float]:
    """IDF-like weight per entity: log(1 + N / df). An entity named in every article still counts a little."""
    n = len(article_entities)
    df: dict[str, int] = defaultdict(int)
    for entities in article_entities.values():
        for e in set(entities):
            df[e] += 1
    return {e: math.log(1 + n / d) for e, d in df.items()}


def related(
    article_entities: Mapping[str, Collection[str]], limit: int = 10
) -> dict[str, list[tuple[str, float]]]:
    """For each article, up to `limit` other articles sharing entities, best first.

    Score = sum of the shared entities' weights. Ties are broken by article id, so the answer is
    deterministic. Articles sharing nothing are not listed.
    """
    weights = entity_weights(article_entities)
    by_entity: dict[str, list[str]] = defaultdict(list)
    for article, entities in article_entities.items():
        for e in set(entities):
            by_entity[e].append(article)
    out: dict[str, list[tuple[str, float]]] = {}
    for article, entities in article_entities.items():
        scores: dict[str, float] = defaultdict(float)
        for e in set(entities):
            for other in by_entity[e]:
                if other != article:
                    scores[other] += weights[e]
        ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))
        out[article] = [(other, round(score, 6)) for other, score in ranked[: max(limit, 0)]]
    return out

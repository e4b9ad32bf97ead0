"""Related articles: rank other articles by the entities they share, rare entities weighing more."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Collection, Mapping

# An entity named in more articles than this says little about which articles belong together; it
# still adds its weight to a pair, but does not by itself make two articles candidates. Without this,
# a country every article names would pair every article with every other: quadratic in the corpus.
COMMON_CAP = 64


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
    article_entities: Mapping[str, Collection[str]], limit: int = 10, common_cap: int = COMMON_CAP
) -> dict[str, list[tuple[str, float]]]:
    """For each article, up to `limit` other articles sharing entities, best first.

    Score = sum of the shared entities' weights. Candidates are the articles sharing at least one
    entity named in at most `common_cap` articles; entities every article names weigh 0. Ties are
    broken by article id, so the answer is deterministic and independent of input order. Articles
    sharing nothing of weight are not listed. Cost is linear in the corpus: each article looks only at
    the few articles that share one of its specific entities.
    """
    limit = max(limit, 0)
    weights = entity_weights(article_entities)
    ents = {a: frozenset(es) for a, es in article_entities.items()}
    by_entity: dict[str, list[str]] = defaultdict(list)
    for a in sorted(ents):
        for e in ents[a]:
            by_entity[e].append(a)
    specific = {e for e, members in by_entity.items() if len(members) <= common_cap}
    out: dict[str, list[tuple[str, float]]] = {}
    for a in sorted(ents):
        candidates: set[str] = set()
        for e in ents[a] & specific:
            candidates.update(by_entity[e])
        candidates.discard(a)
        scored = ((b, sum(sorted(weights[e] for e in ents[a] & ents[b]))) for b in candidates)
        best = heapq.nsmallest(limit, ((-round(s, 9), b, s) for b, s in scored if round(s, 9) > 0))
        out[a] = [(b, round(s, 6)) for _, b, s in best]
    return out

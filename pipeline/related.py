"""Related articles: rank other articles by the entities they share, rare entities weighing more.

An entity's weight is its rarity: log(M / df), where df is the number of articles naming it and M the
number of articles, up to `COMMON_CAP` (M = min(N, COMMON_CAP)); an entity named in more than M
articles weighs 0. In a corpus of up to COMMON_CAP articles this is IDF, log(N / df). In a larger one
it no longer depends on N, and an entity named in more than COMMON_CAP articles weighs nothing: so a
new article changes the weights of its own rarer entities only, and another page naming a country
changes no weight at all. That is what lets cross-linking re-rank only the articles a run touched
(store/ranking.py) instead of every article after every run (an article more moved every IDF weight,
and an entity named in a thousand articles re-ranked those thousand whenever one more named it).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from typing import TypeVar

# an entity is anything hashable: labels in tests, plain ints from the cross-linking step
E = TypeVar("E", bound=Hashable)
A = TypeVar("A", bound=Hashable)  # an article: its label, or its id with a label to order by

# An entity named in more articles than this says little about which articles belong together: it
# weighs nothing and does not make two articles candidates. Without this, a country every article
# names would pair every article with every other: quadratic in the corpus.
COMMON_CAP = 64


def weight(df: int, n: int, common_cap: int = COMMON_CAP) -> float:
    """The weight of an entity named in `df` of `n` articles: log(min(n, cap) / df), 0 past that."""
    m = min(n, common_cap)
    return math.log(m / df) if df <= m else 0.0


def entity_weights(
    article_entities: Mapping[str, Collection[E]], common_cap: int = COMMON_CAP
) -> dict[E, float]:
    """Weight per entity (`weight`). An entity every article names tells nothing about which articles
    belong together, so it weighs 0 and alone never makes two articles related."""
    n = len(article_entities)
    df: dict[E, int] = defaultdict(int)
    for entities in article_entities.values():
        for e in set(entities):
            df[e] += 1
    return {e: weight(d, n, common_cap) for e, d in df.items()}


def related(
    article_entities: Mapping[str, Collection[E]], limit: int = 10, common_cap: int = COMMON_CAP
) -> dict[str, list[tuple[str, float]]]:
    """For each article, up to `limit` other articles sharing entities, best first.

    Score = sum of the shared entities' weights (`weight`). Candidates are the articles sharing at least
    one entity named in at most `common_cap` articles; entities every article names weigh 0. Ties are
    broken by article id, so the answer is deterministic and independent of input order. Articles
    sharing nothing of weight are not listed. Cost is linear in the corpus: each article looks only at
    the few articles that share one of its specific entities.
    """
    df: dict[E, int] = defaultdict(int)
    for entities in article_entities.values():
        for e in set(entities):
            df[e] += 1
    return rank(article_entities, article_entities, df, len(article_entities), str, limit, common_cap)


def rank(
    subjects: Iterable[A],
    article_entities: Mapping[A, Collection[E]],
    df: Mapping[E, int],
    n: int,
    order: Callable[[A], str],
    limit: int = 10,
    common_cap: int = COMMON_CAP,
) -> dict[A, list[tuple[A, float]]]:
    """`related` for some articles of a larger corpus, as the whole corpus would rank them: `n` is the
    corpus's article count (with an entity), `df` each entity's number of articles there (for every
    entity of a subject at least), `order` what ties are broken by (the label `related` orders by), and
    `article_entities` holds the subjects and every article naming an entity of a subject that is
    named in at most `common_cap` articles (the only candidates there can be)."""
    limit = max(limit, 0)
    # Articles and entities become dense ints (articles numbered in tie-break order, so comparing
    # numbers breaks ties as comparing labels does) and the inner loop runs on ints and lists: at 10k
    # pages it scores 1.7M candidate pairs.
    names = sorted(article_entities, key=order)
    number = {a: i for i, a in enumerate(names)}
    code: dict[E, int] = {}
    ents = [frozenset([code.setdefault(e, len(code)) for e in article_entities[a]]) for a in names]
    by_entity: list[list[int]] = [[] for _ in code]
    for a, es in enumerate(ents):
        for e in es:
            by_entity[e].append(a)
    entity = list(code)
    specific = frozenset([c for c, e in enumerate(entity) if e in df and df[e] <= common_cap])
    # only the weights of a subject's own entities are ever summed (what it shares is among them)
    weights = [weight(df[e], n, common_cap) if e in df else math.nan for e in entity]
    weight_of = weights.__getitem__
    out: dict[A, list[tuple[A, float]]] = {}
    for subject in subjects:
        a = number[subject]
        mine = ents[a]
        candidates: set[int] = set()
        for e in mine & specific:
            candidates.update(by_entity[e])
        candidates.discard(a)
        scored: list[tuple[float, int, float]] = []
        for b in candidates:
            # summed smallest first, as always: the same floats in the same order give the same score
            score = sum(sorted(map(weight_of, mine & ents[b])))
            rounded = round(score, 9)
            if rounded > 0:
                scored.append((-rounded, b, score))
        scored.sort()
        out[subject] = [(names[b], round(score, 6)) for _, b, score in scored[:limit]]
    return out

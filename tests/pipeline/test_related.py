"""Related-article ranking tests."""

from __future__ import annotations

import math

import pytest

from pipeline.related import COMMON_CAP, entity_weights, rank, related, weight


def test_related_rare_entity_outweighs_common_one() -> None:
    articles = {
        "a": {"place:kyrgyzstan", "person:bakyt toktogulov"},
        "b": {"place:kyrgyzstan", "person:bakyt toktogulov"},
        "c": {"place:kyrgyzstan", "org:kloop"},
        "d": {"place:kyrgyzstan", "org:kloop", "place:osh"},
        "e": {"place:osh"},
    }
    ranked = related(articles)
    assert [other for other, _ in ranked["a"]] == ["b", "c", "d"]
    assert ranked["a"][0][1] > ranked["a"][1][1]
    assert ranked["c"][0][0] == "d"


def test_related_weights_fall_with_document_frequency() -> None:
    weights = entity_weights({"a": {"x", "y"}, "b": {"x"}, "c": {"x"}, "d": {"z"}})
    assert weights["y"] > weights["x"] > 0


def test_related_entity_named_everywhere_relates_nothing() -> None:
    articles = {"a": {"place:kazakhstan"}, "b": {"place:kazakhstan"}, "c": {"place:kazakhstan", "org:x"}}
    assert entity_weights(articles)["place:kazakhstan"] == 0
    assert related(articles) == {"a": [], "b": [], "c": []}


@pytest.mark.parametrize("limit", [0, 1, 2])
def test_related_limit(limit: int) -> None:
    articles = {**{k: {"shared"} for k in "abcd"}, "e": {"other"}}
    ranked = related(articles, limit=limit)
    assert all(len(ranked[k]) == min(limit, 3) for k in "abcd")
    assert ranked["e"] == []


def test_related_ties_broken_by_article_id_and_no_self() -> None:
    articles = {"z": {"e"}, "m": {"e"}, "a": {"e"}, "q": {"e"}, "n": {"f"}}
    ranked = related(articles)
    assert [o for o, _ in ranked["m"]] == ["a", "q", "z"]
    assert all(article not in [o for o, _ in others] for article, others in ranked.items())


def test_related_nothing_shared_and_empty_inputs() -> None:
    assert related({"a": {"x"}, "b": {"y"}}) == {"a": [], "b": []}
    assert related({}) == {}
    assert related({"a": set()}) == {"a": []}


def test_related_is_order_independent() -> None:
    a = {"a": ["x", "y", "y"], "b": ["y", "x"], "c": ["x"]}
    b = dict(reversed(list(a.items())))
    assert related(a) == related(b)


def _brute_force(articles: dict[str, set[str]], limit: int) -> dict[str, list[tuple[str, float]]]:
    weights = entity_weights(articles)
    out: dict[str, list[tuple[str, float]]] = {}
    for a in articles:
        scores = {
            b: sum(sorted(weights[e] for e in articles[a] & articles[b]))
            for b in articles
            if b != a and articles[a] & articles[b]
        }
        ranked = sorted(
            ((b, s) for b, s in scores.items() if round(s, 9) > 0), key=lambda kv: (-round(kv[1], 9), kv[0])
        )
        out[a] = [(b, round(s, 6)) for b, s in ranked[:limit]]
    return out


@pytest.mark.parametrize("limit", [1, 5])
def test_related_ubiquitous_entities_rank_exactly_like_brute_force(limit: int) -> None:
    # 150 articles: "place:kazakhstan" is in 9 of 10, so it takes the grouped path
    articles = {
        f"art{i:03d}": {f"person:{i % 17}", f"org:{i % 23}"}
        | ({"place:kazakhstan"} if i % 10 else set())
        | ({"place:uzbekistan"} if i % 3 == 0 else set())
        for i in range(150)
    }
    assert related(articles, limit=limit) == _brute_force(articles, limit)


def test_related_common_entity_alone_makes_no_candidates() -> None:
    # "place:kz" is named in 4 articles, over a cap of 3: it weighs nothing, and pairs nobody
    articles = {
        "a": {"place:kz", "org:x"},
        "b": {"place:kz", "org:x"},
        "c": {"place:kz"},
        "d": {"place:kz"},
        "e": {"org:y"},
    }
    ranked = related(articles, common_cap=3)
    assert [b for b, _ in ranked["a"]] == ["b"]
    assert ranked["c"] == []
    weights = entity_weights(articles, common_cap=3)
    assert weights["place:kz"] == 0
    assert ranked["a"][0][1] == round(weights["org:x"], 6) == round(math.log(3 / 2), 6)


def test_related_weights_are_idf_up_to_the_cap_and_then_no_longer_depend_on_the_corpus_size() -> None:
    assert weight(3, 40) == math.log(40 / 3)  # a small corpus: IDF
    assert weight(3, COMMON_CAP) == weight(3, 10_000) == math.log(COMMON_CAP / 3)
    assert weight(COMMON_CAP, 10_000) == weight(COMMON_CAP + 1, 10_000) == weight(5_000, 10_000) == 0
    # a subset ranked as the whole corpus would rank it: what incremental cross-linking relies on
    articles = {f"a{i:02d}": {f"p{i % 7}", f"o{i % 5}", "everywhere"} for i in range(80)}
    df: dict[str, int] = {}
    for entities in articles.values():
        for e in entities:
            df[e] = df.get(e, 0) + 1
    subjects = ["a03", "a41"]
    rare = {e for a in subjects for e in articles[a] if df[e] <= COMMON_CAP}
    part = {a: s for a, s in articles.items() if a in subjects or s & rare}
    whole = related(articles)
    assert rank(subjects, part, df, len(articles), str) == {a: whole[a] for a in subjects}

"""Related-article ranking tests."""

from __future__ import annotations

import pytest

from pipeline.related import entity_weights, related


def test_related_rare_entity_outweighs_common_one() -> None:
    articles = {
        "a": {"place:kyrgyzstan", "person:bakyt toktogulov"},
        "b": {"place:kyrgyzstan", "person:bakyt toktogulov"},
        "c": {"place:kyrgyzstan", "org:kloop"},
        "d": {"place:kyrgyzstan", "org:kloop", "place:osh"},
    }
    ranked = related(articles)
    assert [other for other, _ in ranked["a"]] == ["b", "c", "d"]
    assert ranked["a"][0][1] > ranked["a"][1][1]
    assert ranked["c"][0][0] == "d"


def test_related_weights_fall_with_document_frequency() -> None:
    weights = entity_weights({"a": {"x", "y"}, "b": {"x"}, "c": {"x"}})
    assert weights["y"] > weights["x"] > 0


@pytest.mark.parametrize("limit", [0, 1, 2])
def test_related_limit(limit: int) -> None:
    articles = {k: {"shared"} for k in "abcd"}
    assert all(len(v) == min(limit, 3) for v in related(articles, limit=limit).values())


def test_related_ties_broken_by_article_id_and_no_self() -> None:
    articles = {"z": {"e"}, "m": {"e"}, "a": {"e"}, "q": {"e"}}
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

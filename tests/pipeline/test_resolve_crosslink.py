"""pipeline/crosslink: what cross-linking writes, decided without a database."""

from __future__ import annotations

from pipeline.crosslink import (
    carried_over,
    entity_plan,
    entity_values,
    membership_changes,
    placement,
    rank_related,
    related_changes,
    search_text,
    set_changes,
)
from pipeline.entities import EntityRef, ResolvedEntity


def node(key: str, name: str, *members: EntityRef, kind: str = "person") -> ResolvedEntity:
    return ResolvedEntity(key, kind, name, (), None, members)  # type: ignore[arg-type]


def test_crosslink_search_text_adds_latin_forms_once() -> None:
    assert search_text("Касым-Жомарт Токаев", ["Tokayev"]).split("\n") == [
        "Касым-Жомарт Токаев",
        "Tokayev",
        "Kasym-Zhomart Tokaev",
    ]
    assert search_text("Almaty", ["Almaty"]) == "Almaty"


def test_crosslink_plan_creates_updates_keeps_and_drops_by_key() -> None:
    kept = node("person:a", "A")
    renamed = node("person:b", "B Full")
    new = node("organization:c", "C", kind="organization")
    stored = {
        "person:a": (1, entity_values(kept)),
        "person:b": (2, entity_values(node("person:b", "B"))),
        "person:gone": (3, entity_values(node("person:gone", "Gone"))),
    }
    plan = entity_plan([kept, renamed, new], stored)
    assert [e.key for e, _ in plan.new] == ["organization:c"]
    assert plan.changed == [(2, entity_values(renamed))]
    assert plan.ids == {"person:a": 1, "person:b": 2}
    assert plan.gone == [3]
    assert plan.report() == {
        "people": {"unchanged": 1, "updated": 1},
        "organizations": {"created": 1},
        "places": {},
    }


def test_crosslink_placement_and_membership_changes() -> None:
    resolved = [node("person:x", "X", EntityRef("d2", 0), EntityRef("d1", 1)), node("person:y", "Y")]
    placed = placement(resolved, {"d1": 0, "d2": 2}, 4)
    assert placed == [-1, 0, 0, -1]
    ids, entity_of = membership_changes([10, 11, 12, 13], [None, 7, 5, 9], placed, [7, 8])
    # 11 already points at node 7; 12 moves to it; 13 loses its node; 10 stays without one
    assert (ids, entity_of) == ([12, 13], [7, None])


def test_crosslink_rank_related_and_the_rows_to_rewrite() -> None:
    # articles 1 and 2 share a rare entity; every article names entity 0
    ranked = rank_related(
        [100, 101, 102, 103],
        [0, 1, 0, 1],
        [(1, [100, 101]), (2, [102, 103]), (3, [100])],
        {1: "s\x1fa", 2: "s\x1fb", 3: "s\x1fc"},
    )
    assert [other for other, _ in ranked[1]] == [2]
    assert ranked[3] == []
    stale, fresh = related_changes({1: {0: (3, 0.5)}, 4: {0: (1, 0.1)}}, ranked)
    assert stale == [(1, 0), (4, 0)]
    assert fresh == [(1, 0, 2, ranked[1][0][1]), (2, 0, 1, ranked[2][0][1])]
    assert related_changes({a: dict(enumerate(r)) for a, r in ranked.items()}, ranked) == ([], [])


def test_crosslink_carried_over_keeps_order_among_the_kept() -> None:
    # a value dropped, one added, one moved: what stays matches in order, the moved one is new
    assert carried_over(["a", "b", "c", "d"], ["a", "x", "c", "d", "b"]) == [0, None, 2, 3, None]
    assert carried_over([], ["a"]) == [None]
    assert carried_over(["a", "a"], ["a"]) == [0]


def test_crosslink_set_changes_lists_articles_and_entities_that_moved() -> None:
    before = {1: frozenset({10, 11}), 2: frozenset({10}), 3: frozenset({12})}
    now = {1: frozenset({10, 11}), 2: frozenset({10, 13}), 3: frozenset(), 4: frozenset({10})}
    changed, entities = set_changes(before, now)
    assert changed == {2: frozenset({10, 13}), 3: frozenset(), 4: frozenset({10})}
    assert entities == {10, 12, 13}

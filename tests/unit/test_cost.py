"""schema/cost.py: a query's figures from its text, in time linear in the text, whatever its fragments."""

from __future__ import annotations

import pytest
from graphql import parse

from schema import cost
from schema.cost import AnalysisTooLong, analyse


def doubling(levels: int) -> str:
    """Issue 14's denial of service: each fragment spreads the one before it twice."""
    parts = ["fragment L0 on Article { title }"]
    parts += [f"fragment L{i} on Article {{ ...L{i - 1} ...L{i - 1} }}" for i in range(1, levels + 1)]
    return " ".join(parts) + " { articles(first: 1) { edges { node { ...L%d } } } }" % levels


@pytest.mark.parametrize("levels", [20, 30, 60])
def test_cost_doubling_fragments_walked_once_each(levels: int, monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[int] = []
    walk_class = cost._Walk
    original = walk_class.selection

    def counting(self: cost._Walk, node: object, root: bool) -> cost.Summary:
        steps.append(1)
        return original(self, node, root)  # type: ignore[arg-type]

    monkeypatch.setattr(walk_class, "selection", counting)
    summary = analyse(parse(doubling(levels)), None, None)
    # 2^levels title resolutions counted, from about two visits per fragment
    assert summary.cost == 2**levels + 3
    assert len(steps) <= 2 * levels + 10


def test_cost_connection_counts_edges_once_per_node() -> None:
    summary = analyse(
        parse("{ articles(first: 50) { totalCount pageInfo { hasNextPage } edges { node { title } } } }"),
        None,
        None,
    )
    # articles 1, totalCount 1, pageInfo 1 + hasNextPage 1, then 50 × (edges, node, title)
    assert summary.cost == 4 + 50 * 3
    assert summary.nodes == 50
    assert summary.depth == 4


def test_cost_first_from_variables_and_defaults() -> None:
    query = "query($n: Int) { people(first: $n) { edges { node { name } } } }"
    assert analyse(parse(query), None, {"n": 7}).nodes == 7
    assert analyse(parse(query), None, {}).nodes == 20  # the default page
    # out of range is the resolver's to refuse: counted as what it allows
    assert analyse(parse(query), None, {"n": 10**9}).nodes == 100


def test_cost_unpaged_lists_use_estimates_and_mentions_first() -> None:
    base = "{ articles(first: 10) { edges { node { %s } } } }"
    people = analyse(parse(base % "people { name }"), None, None)
    assert people.cost == 1 + 10 * (2 + 1 + cost.LIST_SIZES["people"])
    mentions = analyse(parse(base % "mentions(first: 3) { text }"), None, None)
    assert mentions.cost == 1 + 10 * (2 + 1 + 3)
    default = analyse(parse(base % "mentions { text }"), None, None)
    assert default.cost == 1 + 10 * (2 + 1 + cost.MENTIONS_FIRST)


def test_cost_nested_connection_multiplies_nodes() -> None:
    query = (
        "{ people(first: 10) { edges { node { articles(first: 5) { edges { node { "
        "related(first: 2) { title } } } } } } } }"
    )
    assert analyse(parse(query), None, None).nodes == 10 + 10 * 5 + 10 * 5 * 2


def test_cost_introspection_and_aliases() -> None:
    summary = analyse(
        parse("{ a: rates { totalCount } b: rates { totalCount } __schema { types { name } } }"), None, None
    )
    assert summary.introspection
    assert summary.aliases == 2


def test_cost_cyclic_and_unknown_fragments_add_nothing() -> None:
    query = (
        "fragment A on Article { ...B } fragment B on Article { ...A title } "
        "{ articles { edges { node { ...A ...Z } } } }"
    )
    summary = analyse(parse(query), None, None)
    assert summary.nodes == 20


def test_cost_walk_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cost, "MAX_STEPS", 10)
    with pytest.raises(AnalysisTooLong):
        analyse(
            parse("{ articles { edges { node { " + " ".join(f"f{i}: title" for i in range(20)) + " } } } }"),
            None,
            None,
        )


def test_cost_picks_the_named_operation() -> None:
    doc = parse("query A { rates(first: 3) { totalCount } } query B { rates(first: 9) { totalCount } }")
    assert analyse(doc, "B", None).nodes == 9


@pytest.mark.parametrize(
    ("selection", "per_person"),
    [
        # timeline: a list of periods of estimated size; its count fields are scalars, not lists
        ("timeline { start mentionCount articleCount }", 1 + 60 * 3),
        ("timeline(interval: WEEK) { start }", 1 + 60 * 1),
        # coMentioned: `first` of them (10 by default), each with at most 5 shared articles
        ("coMentioned { articleCount }", 1 + 10 * 1),
        ("coMentioned(first: 3) { sharedArticles { title } }", 1 + 3 * (1 + 5 * 1)),
        ("coMentioned(first: 1000) { articleCount }", 1 + 100 * 1),
    ],
)
def test_cost_timeline_and_co_mentioned_sizes(selection: str, per_person: int) -> None:
    summary = analyse(parse("{ people(first: 4) { edges { node { %s } } } }" % selection), None, None)
    # people 1, then 4 × (edges, node, the selection)
    assert summary.cost == 1 + 4 * (2 + per_person)
    assert summary.nodes == 4

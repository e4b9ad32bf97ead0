"""create_app(settings) serves with those settings' limits: the token cap and the batch size are built
into each app's schema, so two apps in one process keep limits of their own."""

from __future__ import annotations

from settings import Settings
from tests.helpers import gql, serving

RATES = {"query": "{ rates(first: 1) { totalCount } }"}


def _titles(count: int) -> str:
    # 11 tokens around the titles: { articles { edges { node { … } } } }
    return "{ articles { edges { node { " + " ".join(["title"] * count) + " } } } }"


async def test_app_token_cap_is_the_settings_own(settings: Settings) -> None:
    async with (
        serving(settings.model_copy(update={"max_tokens": 30})) as small,
        serving(settings) as default,
    ):
        refused = await gql(small, _titles(40))
        within = await gql(small, _titles(19))
        same_query_elsewhere = await gql(default, _titles(40))
    assert refused["data"] is None
    assert "30 tokens" in refused["errors"][0]["message"]
    assert "errors" not in within, within
    assert "errors" not in same_query_elsewhere, same_query_elsewhere


async def test_app_batch_size_is_the_settings_own(settings: Settings) -> None:
    async with (
        serving(settings.model_copy(update={"max_batch": 2})) as small,
        serving(settings.model_copy(update={"max_batch": 8})) as large,
        serving(settings) as default,  # 5
    ):
        small_three = await small.post("/graphql", json=[RATES] * 3)
        small_two = await small.post("/graphql", json=[RATES] * 2)
        large_eight = await large.post("/graphql", json=[RATES] * 8)
        default_eight = await default.post("/graphql", json=[RATES] * 8)
    assert small_three.status_code == 400
    assert "too many operations" in small_three.text.lower()
    assert small_two.status_code == 200 and len(small_two.json()) == 2
    assert large_eight.status_code == 200, large_eight.text
    assert [answer["data"] for answer in large_eight.json()] == [{"rates": {"totalCount": 0}}] * 8
    assert default_eight.status_code == 400

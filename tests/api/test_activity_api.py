"""Timelines and co-mentions through HTTP, against a page whose counts are worked out by hand below."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers import TCA_SEED, gql, ingest_inline

# Five CABAR-style entries: Daler Karimov is named twice on 3 March 2025 (full name, then surname),
# once each on 6 and 19 March and 2 April, and once in an entry with no date. Sherali Nazarov shares
# the 3 and 19 March entries with him, the World Bank the 3 and 6 March ones.
WATER = Path(__file__).resolve().parent.parent / "pages" / "activity" / "cabar_water.txt"
KARIMOV = """query($interval: TimelineInterval!, $first: Int) {
  people(first: 1, search: "Daler Karimov") { edges { node { name articles { totalCount }
    timeline(interval: $interval) { start end mentionCount articleCount }
    coMentioned(first: $first) { articleCount
      entity { __typename ... on Person { name } ... on Organization { name } }
      sharedArticles { publishedOn } } } } } }"""


async def _karimov(client: httpx.AsyncClient, **variables: Any) -> dict[str, Any]:
    payload = await gql(client, KARIMOV, **variables)
    assert "errors" not in payload, payload
    (edge,) = payload["data"]["people"]["edges"]
    node: dict[str, Any] = edge["node"]
    assert node["name"] == "Daler Karimov"
    return node


@pytest.mark.parametrize(
    ("interval", "periods"),
    [
        (
            "MONTH",
            [("2025-03-01", "2025-03-31", 4, 3), ("2025-04-01", "2025-04-30", 1, 1)],
        ),
        (
            "WEEK",
            [
                ("2025-03-03", "2025-03-09", 3, 2),
                ("2025-03-17", "2025-03-23", 1, 1),
                ("2025-03-31", "2025-04-06", 1, 1),
            ],
        ),
    ],
)
async def test_activity_timeline_counts_mentions_and_articles_per_period(
    ctx: dict[str, Any], client: httpx.AsyncClient, interval: str, periods: list[tuple[str, str, int, int]]
) -> None:
    await ingest_inline(ctx, WATER, TCA_SEED)
    node = await _karimov(client, interval=interval)
    got = [(p["start"], p["end"], p["mentionCount"], p["articleCount"]) for p in node["timeline"]]
    assert got == periods
    # the undated entry is on no period, and still one of his articles
    assert node["articles"]["totalCount"] == sum(p[3] for p in periods) + 1


@pytest.mark.parametrize(
    ("query", "periods"),
    [
        (
            '{ places(first: 1, search: "Tajikistan") { edges { node { name timeline { start mentionCount '
            "articleCount } } } } }",
            [("2025-03-01", 2, 2), ("2025-04-01", 1, 1)],
        ),
        (
            '{ organizations(first: 1, search: "World Bank") { edges { node { name timeline(interval: WEEK) '
            "{ start mentionCount articleCount } } } } }",
            [("2025-03-03", 2, 2)],
        ),
    ],
)
async def test_activity_timeline_of_places_and_organizations(
    ctx: dict[str, Any], client: httpx.AsyncClient, query: str, periods: list[tuple[str, int, int]]
) -> None:
    await ingest_inline(ctx, WATER)
    payload = await gql(client, query)
    (edge,) = next(iter(payload["data"].values()))["edges"]
    got = [(p["start"], p["mentionCount"], p["articleCount"]) for p in edge["node"]["timeline"]]
    assert got == periods


async def test_activity_co_mentioned_ranks_people_and_organizations_by_shared_articles(
    ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, WATER, TCA_SEED)
    node = await _karimov(client, interval="MONTH")
    got = [
        (
            c["entity"]["__typename"],
            c["entity"]["name"],
            c["articleCount"],
            [a["publishedOn"] for a in c["sharedArticles"]],
        )
        for c in node["coMentioned"]
    ]
    # places are not part of the network; the byline authors are not mentions; ties go by name
    assert got == [
        ("Person", "Sherali Nazarov", 2, ["2025-03-19", "2025-03-03"]),
        ("Organization", "World Bank", 2, ["2025-03-06", "2025-03-03"]),
    ]
    assert [
        c["entity"]["name"] for c in (await _karimov(client, interval="MONTH", first=1))["coMentioned"]
    ] == ["Sherali Nazarov"]


@pytest.mark.parametrize("first", [0, -1, 101])
async def test_activity_co_mentioned_refuses_first_out_of_range(
    ctx: dict[str, Any], client: httpx.AsyncClient, first: int
) -> None:
    await ingest_inline(ctx, WATER)
    payload = await gql(client, KARIMOV, interval="MONTH", first=first)
    (error,) = payload["errors"]
    assert error["message"] == f"`first` must be between 1 and 100, got {first}"
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_activity_timeline_refuses_an_unknown_interval(client: httpx.AsyncClient) -> None:
    payload = await gql(client, KARIMOV, interval="DAY")
    (error,) = payload["errors"]
    assert "DAY" in error["message"] and "TimelineInterval" in error["message"], error

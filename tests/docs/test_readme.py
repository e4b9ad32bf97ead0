"""README.md's example answers stay true: each ```graphql block followed by a ```json block runs on the
seeds and must give exactly that answer."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from tests.helpers import ROOT, SEEDS, gql, ingest_inline

_PAIR = re.compile(r"```graphql\n(?P<query>(?:(?!```).)*)```\n```json\n(?P<answer>(?:(?!```).)*)```", re.S)
PAIRS = [(m["query"], m["answer"]) for m in _PAIR.finditer((ROOT / "README.md").read_text(encoding="utf-8"))]


def test_readme_has_checked_examples() -> None:
    assert len(PAIRS) >= 4


@pytest.mark.parametrize(("query", "answer"), PAIRS, ids=[f"example-{i + 1}" for i in range(len(PAIRS))])
async def test_readme_example_answers_match_the_api(
    query: str, answer: str, ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    await ingest_inline(ctx, SEEDS)
    payload = await gql(client, query)
    assert "errors" not in payload, payload
    assert payload["data"] == json.loads(answer), "README.md example no longer matches the API"

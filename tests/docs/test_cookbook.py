"""docs/cookbook.md stays true: every query runs on the seeds and gives exactly the answer the doc shows.

Regenerate the answers after a deliberate change with `.venv/bin/python scripts/cookbook.py --regen`.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from graphql import parse, validate

from schema import build_schema
from settings import Settings
from tests.docs import cookbook
from tests.helpers import SEEDS, ingest_inline

RECIPES = cookbook.load()
QUERIES = [r for r in RECIPES if r.steps]
MUTATIONS = [(r, b) for r in RECIPES for b in r.mutations]
REGEN = "regenerate with `.venv/bin/python scripts/cookbook.py --regen` and review the diff"


def test_cookbook_has_the_recipes_the_issue_asks_for() -> None:
    assert len(QUERIES) >= 12
    # every block is either checked against the API or explicitly marked as a mutation
    assert all(step.answer is not None for r in QUERIES for step in r.steps)


@pytest.mark.db
@pytest.mark.parametrize("recipe", QUERIES, ids=[r.slug for r in QUERIES])
async def test_cookbook_recipe_answers_match_the_api(
    recipe: cookbook.Recipe, ctx: dict[str, Any], client: httpx.AsyncClient
) -> None:
    summary = await ingest_inline(ctx, SEEDS)

    async def run(query: str, variables: dict[str, Any]) -> Any:
        if cookbook.is_subscription(query):
            return await cookbook.subscribe(client._transport.app, query, variables)  # type: ignore[attr-defined]
        response = await client.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, response.text
        return response.json()

    responses = await cookbook.run_recipe(recipe, run, str(summary.id))
    for step, response in zip(recipe.steps, responses, strict=True):
        assert "errors" not in response, f"{recipe.heading}: {response['errors']}"
        assert step.answer is not None
        claimed = json.loads(step.answer.text)
        assert response["data"] == claimed, (
            f"docs/cookbook.md line {step.answer.start + 1} ({recipe.heading}) no longer matches the API; "
            + REGEN
        )


@pytest.mark.parametrize(
    ("recipe", "block"), MUTATIONS, ids=[f"{r.slug}-{b.start + 1}" for r, b in MUTATIONS]
)
def test_cookbook_mutation_blocks_are_valid_against_the_schema(
    recipe: cookbook.Recipe, block: cookbook.Block
) -> None:
    document = parse(block.text)
    errors = validate(build_schema(Settings())._schema, document)
    assert not errors, f"{recipe.heading}: {[e.message for e in errors]}"
    kind = "subscription" if block.language == cookbook.SUBSCRIPTION else "mutation"
    assert all(d.operation.value == kind for d in document.definitions)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## Q\n\n```graphql\n{ a }\n```\n", "no ```json answer"),
        ("## Q\n\n```json\n{}\n```\n", "no ```graphql query right before it"),
        ("## Q\n\n```sql\nselect 1\n```\n", "unknown block"),
        ("```graphql\n{ a }\n```\n```json\n{}\n```\n", "before any recipe heading"),
    ],
)
def test_cookbook_parse_refuses_unchecked_blocks(text: str, message: str) -> None:
    # a block the test would silently skip is a doc that can drift: the parser refuses it
    with pytest.raises(cookbook.CookbookError, match=message):
        cookbook.parse(text)


def test_cookbook_variables_come_from_the_answer_above() -> None:
    query = "# use $placeId = places.edges.0.node.id from the answer above\nquery ($placeId: ID!) { x }"
    previous = {"places": {"edges": [{"node": {"id": "UGxhY2U6MQ=="}}]}}
    assert cookbook.variables(query, previous, "run") == {"placeId": "UGxhY2U6MQ=="}
    seed = f"# use $id = {cookbook.SEED_RUN}\nquery ($id: ID!) {{ x }}"
    assert cookbook.variables(seed, None, "abc") == {"id": "abc"}

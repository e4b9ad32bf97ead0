"""Reading docs/cookbook.md: its recipes, their GraphQL blocks and the answers the doc claims.

Used by tests/docs/test_cookbook.py (which checks every answer against the app) and by
scripts/cookbook.py --regen (which writes the answers by running the queries, never by hand).

A recipe is a `##`/`###` heading followed by fenced blocks:
- ```graphql then ```json: a query and its answer (the response's `data`);
- ```graphql-mutation: shown, validated against the schema, never run (it would change the data);
- ```graphql-subscription: shown, validated, never run (it waits for pages ingested later);
A ```graphql block may hold a subscription that ends by itself: its answer is the list of `data` it
pushes until it completes.
A query may take a variable from an earlier step, said in a comment the reader can follow too:
    # use $placeId = places.edges.0.node.id from the answer above
    # use $id = the id of the run that ingested the seeds
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COOKBOOK = ROOT / "docs" / "cookbook.md"

QUERY = "graphql"
ANSWER = "json"
MUTATION = "graphql-mutation"
SUBSCRIPTION = "graphql-subscription"
LANGUAGES = (QUERY, ANSWER, MUTATION, SUBSCRIPTION)
SEED_RUN = "the id of the run that ingested the seeds"

_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*$")
_FENCE = re.compile(r"^```(\S*)\s*$")
_USE = re.compile(r"^\s*#\s*use\s+\$(\w+)\s*=\s*(.+?)\s*$", re.M)
_FROM_ABOVE = re.compile(r"^(\S+)\s+from the answer above$")


class CookbookError(ValueError):
    """The doc breaks its own format (a query without an answer, an unknown block)."""


@dataclass
class Block:
    language: str
    text: str
    start: int  # line index of the opening fence
    end: int  # line index of the closing fence


@dataclass
class Step:
    query: Block
    answer: Block | None


@dataclass
class Recipe:
    heading: str
    steps: list[Step] = field(default_factory=list)
    mutations: list[Block] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.heading.lower()).strip("-")


def blocks(lines: list[str]) -> Iterator[tuple[str | None, Block]]:
    """(heading in force, block) for every fenced block, in order."""
    heading: str | None = None
    i = 0
    while i < len(lines):
        h = _HEADING.match(lines[i])
        if h:
            heading = h.group(2)
        fence = _FENCE.match(lines[i])
        if fence:
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            if j == len(lines):
                raise CookbookError(f"line {i + 1}: a ``` block is never closed")
            yield heading, Block(fence.group(1), "\n".join(lines[i + 1 : j]), i, j)
            i = j
        i += 1


def parse(text: str, *, allow_missing_answers: bool = False) -> list[Recipe]:
    recipes: dict[str, Recipe] = {}
    pending: Step | None = None
    for heading, block in blocks(text.split("\n")):
        where = f"line {block.start + 1}"
        if block.language not in LANGUAGES:
            raise CookbookError(f"{where}: unknown block ```{block.language}; use one of {LANGUAGES}")
        if heading is None:
            raise CookbookError(f"{where}: a block before any recipe heading")
        recipe = recipes.setdefault(heading, Recipe(heading))
        if block.language == ANSWER:
            if pending is None or pending is not (recipe.steps[-1] if recipe.steps else None):
                raise CookbookError(f"{where}: an answer with no ```graphql query right before it")
            pending.answer = block
            pending = None
            continue
        if pending is not None and not allow_missing_answers:
            raise CookbookError(f"line {pending.query.start + 1}: a ```graphql query with no ```json answer")
        pending = None
        if block.language in (MUTATION, SUBSCRIPTION):
            recipe.mutations.append(block)
        else:
            pending = Step(block, None)
            recipe.steps.append(pending)
    if pending is not None and not allow_missing_answers:
        raise CookbookError(f"line {pending.query.start + 1}: a ```graphql query with no ```json answer")
    return list(recipes.values())


def load(path: Path = COOKBOOK) -> list[Recipe]:
    return parse(path.read_text(encoding="utf-8"))


def variables(query: str, previous: Any, seed_run_id: str) -> dict[str, Any]:
    """The variables a query's `# use $x = ...` comments name, taken from the step before it."""
    out: dict[str, Any] = {}
    for name, source in _USE.findall(query):
        if source == SEED_RUN:
            out[name] = seed_run_id
            continue
        above = _FROM_ABOVE.match(source)
        if above is None:
            raise CookbookError(
                f"`# use ${name} = {source}`: say `<path> from the answer above` or {SEED_RUN!r}"
            )
        if previous is None:
            raise CookbookError(f"`# use ${name}`: there is no answer above in this recipe")
        value = previous
        for part in above.group(1).split("."):
            value = value[int(part)] if isinstance(value, list) else value[part]
        out[name] = value
    return out


Runner = Callable[[str, dict[str, Any]], Any]


def is_subscription(query: str) -> bool:
    from graphql import OperationDefinitionNode, OperationType, parse

    return any(
        isinstance(d, OperationDefinitionNode) and d.operation == OperationType.SUBSCRIPTION
        for d in parse(query).definitions
    )


async def subscribe(app: Any, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """Runs a subscription in-process on the app's schema and state until it completes: {"data": [each
    pushed data]}, or {"errors": [...]} when it is refused or fails."""
    from schema.context import Context

    state = app.state
    context = Context(
        settings=state.settings,
        sessionmaker=state.sessionmaker,
        reader=state.reader,
        request=None,
        get_queue=state.queue.get,
    )
    pushed: list[Any] = []
    stream = await state.schema.subscribe(query, variable_values=variables, context_value=context)
    if not hasattr(stream, "__aiter__"):
        return {"errors": [e.formatted for e in stream.errors or []]}
    async for result in stream:
        if result.errors:
            return {"errors": [e.formatted for e in result.errors]}
        pushed.append(result.data)
    return {"data": pushed}


async def run_recipe(
    recipe: Recipe, run: Callable[[str, dict[str, Any]], Any], seed_run_id: str
) -> list[Any]:
    """Runs each step in order (a step may use the answer before it); returns each response."""
    responses: list[Any] = []
    previous: Any = None
    for step in recipe.steps:
        response = await run(step.query.text, variables(step.query.text, previous, seed_run_id))
        responses.append(response)
        previous = response.get("data")
    return responses


WIDTH = 110


def render(data: Any, indent: int = 0) -> str:
    """JSON, a value on one line where it fits in WIDTH columns, else one member per line: answers stay
    short enough to read next to their query."""
    flat = json.dumps(data, ensure_ascii=False)
    if indent + len(flat) <= WIDTH or not isinstance(data, dict | list) or not data:
        return flat
    pad = " " * (indent + 2)
    if isinstance(data, dict):
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {render(v, indent + 2)}" for k, v in data.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + render(v, indent + 2) for v in data]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"

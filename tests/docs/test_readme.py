"""README.md's examples stay true. Every ```graphql block has its answer in the ```json block right after
it: the full response, `data` and all, as GraphiQL shows it. They run in order on the seeds, as a reader
of the README runs them after `make up`: a query or mutation over HTTP (with a worker that takes up what a
mutation queued), a subscription until it completes, its answer then being the list of payloads it pushed.

An answer without `extensions` leaves the response's out (every response carries its cost there; the
README shows it once). `"…"` in an answer stands for a value that differs from run to run (a new run's
id). A query takes a variable from an answer above with a `# use $id = reingest.id from the answer above`
comment, as in docs/cookbook.md.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from graphql import OperationDefinitionNode, OperationType, parse

from tests.docs import cookbook
from tests.helpers import ROOT, SEEDS, ingest_inline

# the worker tests' Redis database and fixtures: mutations queue jobs there, on a queue cleared around each
# test, and a worker in this process takes them up
from tests.workers.conftest import make_worker, pool, run_burst, settings  # noqa: F401

README = ROOT / "README.md"
ELIDED = "…"
_BLOCK = re.compile(r"^```(\S*)\n(.*?)^```$", re.S | re.M)


def examples(text: str) -> list[tuple[int, str, str | None]]:
    """(line, query, answer or None) for every ```graphql block, in order."""
    blocks = [(text.count("\n", 0, m.start()) + 1, m[1], m[2]) for m in _BLOCK.finditer(text)]
    out: list[tuple[int, str, str | None]] = []
    for i, (line, language, body) in enumerate(blocks):
        if language == "graphql":
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            out.append((line, body, after[2] if after and after[1] == "json" else None))
    return out


EXAMPLES = examples(README.read_text(encoding="utf-8"))


def matches(claimed: Any, got: Any) -> bool:
    if claimed == ELIDED:
        return isinstance(got, str) and got != ""
    if isinstance(claimed, dict):
        return (
            isinstance(got, dict)
            and claimed.keys() == got.keys()
            and all(matches(v, got[k]) for k, v in claimed.items())
        )
    if isinstance(claimed, list):
        return isinstance(got, list) and len(claimed) == len(got) and all(map(matches, claimed, got))
    return type(claimed) is type(got) and claimed == got


def _operation(query: str) -> OperationType:
    return next(d.operation for d in parse(query).definitions if isinstance(d, OperationDefinitionNode))


def _variables(query: str, answers: list[Any]) -> dict[str, Any]:
    """The variables a query's `# use` comments name, from the nearest answer above that has them."""
    for previous in reversed(answers):
        try:
            return cookbook.variables(query, previous, seed_run_id="")
        except (KeyError, IndexError, TypeError):
            continue
    return cookbook.variables(query, None, seed_run_id="")


def test_readme_every_example_has_its_answer() -> None:
    assert len(EXAMPLES) >= 8
    unanswered = [line for line, _, answer in EXAMPLES if answer is None]
    assert unanswered == [], f"README.md: a ```graphql block with no ```json answer at lines {unanswered}"
    for line, _, answer in EXAMPLES:
        assert answer is not None
        claimed = json.loads(answer)
        payloads = claimed if isinstance(claimed, list) else [claimed]
        assert payloads and all("data" in p for p in payloads), f"README.md line {line}: show the response"


def test_readme_matches_compares_whole_answers() -> None:
    got = {"data": {"run": {"id": "SW5n", "status": "queued", "documents": 2}}}
    assert matches({"data": {"run": {"id": ELIDED, "status": "queued", "documents": 2}}}, got)
    assert not matches({"data": {"run": {"id": ELIDED, "status": "queued"}}}, got)
    assert not matches({"data": {"run": {"id": ELIDED, "status": "queued", "documents": 2.0}}}, got)
    assert not matches({"data": {"run": {"id": "SW5m", "status": "queued", "documents": 2}}}, got)
    assert not matches({"data": {"run": {"id": ELIDED, "status": "queued", "documents": 2}}}, {"data": None})


@pytest.mark.usefixtures("pool")
async def test_readme_examples_give_their_answers(ctx: dict[str, Any], client: httpx.AsyncClient) -> None:
    await ingest_inline(ctx, SEEDS)
    answers: list[Any] = []
    wrong: list[str] = []
    for line, query, answer in EXAMPLES:
        variables = _variables(query, answers)
        operation = _operation(query)
        got: Any
        if operation is OperationType.SUBSCRIPTION:
            pushed = await cookbook.subscribe(client._transport.app, query, variables)  # type: ignore[attr-defined]
            assert "errors" not in pushed, f"README.md line {line}: {pushed}"
            got = [{"data": data} for data in pushed["data"]]
            answers.append(pushed["data"][-1] if pushed["data"] else None)
        else:
            response = await client.post("/graphql", json={"query": query, "variables": variables})
            assert response.status_code == 200, response.text
            got = response.json()
            assert "errors" not in got, f"README.md line {line}: {got['errors']}"
            answers.append(got["data"])
            if operation is OperationType.MUTATION:
                # what `make up`'s worker does with what the mutation queued
                await run_burst(make_worker(ctx["settings"]))
        claimed = json.loads(answer or "null")
        if isinstance(got, dict) and "extensions" not in claimed:
            got.pop("extensions", None)
        if not matches(claimed, got):
            wrong.append(f"line {line}: the API answers\n{cookbook.render(got)}")
    assert wrong == [], "README.md examples no longer match the API:\n" + "\n".join(wrong)

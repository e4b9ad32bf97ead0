"""Checks or rewrites the answers in docs/cookbook.md by running its queries on the seeds.

    .venv/bin/python scripts/cookbook.py           # exit 1 and list the recipes whose answer is stale
    .venv/bin/python scripts/cookbook.py --regen   # write every answer from the API's responses

Works on a scratch database (created, migrated, seeded and dropped here) on the server of
NEWSGRAPH_TEST_SERVER, as the test suite does, so no real data is read or touched.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import make_url  # noqa: E402

from api.settings import Settings  # noqa: E402
from tests.docs import cookbook  # noqa: E402

SERVER_URL = os.environ.get("NEWSGRAPH_TEST_SERVER", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")


async def answers(text: str) -> list[tuple[cookbook.Step, Any]]:
    from api.app import create_app
    from store.db import drop_database, ensure_database
    from store.migrate import upgrade
    from tests.helpers import SEEDS, ingest_inline
    from workers.context import close_context, open_context

    url = make_url(SERVER_URL).set(database=f"newsgraph_cookbook_{uuid.uuid4().hex[:8]}")
    db_url = url.render_as_string(hide_password=False)
    await ensure_database(db_url)
    try:
        await asyncio.to_thread(upgrade, db_url)
        settings = Settings(DATABASE_URL=db_url, SEEDS_DIR=str(SEEDS))
        ctx: dict[str, Any] = {}
        await open_context(ctx, settings)
        try:
            summary = await ingest_inline(ctx, SEEDS)
        finally:
            await close_context(ctx)
        app = create_app(settings)
        out: list[tuple[cookbook.Step, Any]] = []
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
            async with httpx.AsyncClient(transport=transport, base_url="http://cookbook") as http:

                async def run(query: str, variables: dict[str, Any]) -> Any:
                    if cookbook.is_subscription(query):
                        return await cookbook.subscribe(app, query, variables)
                    response = await http.post("/graphql", json={"query": query, "variables": variables})
                    return response.json()

                for recipe in cookbook.parse(text, allow_missing_answers=True):
                    responses = await cookbook.run_recipe(recipe, run, str(summary.id))
                    for step, response in zip(recipe.steps, responses, strict=True):
                        if response.get("errors"):
                            raise SystemExit(f"{recipe.heading}: the query fails: {response['errors']}")
                        out.append((step, response["data"]))
        return out
    finally:
        await drop_database(db_url)


def rewrite(text: str, results: list[tuple[cookbook.Step, Any]]) -> str:
    lines = text.split("\n")
    # bottom up, so earlier line numbers stay valid while later blocks change length
    for step, data in sorted(results, key=lambda r: r[0].query.start, reverse=True):
        block = ["```json", *cookbook.render(data).split("\n"), "```"]
        if step.answer is not None:
            lines[step.answer.start : step.answer.end + 1] = block
        else:
            lines[step.query.end + 1 : step.query.end + 1] = block
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--regen", action="store_true", help="write the answers into docs/cookbook.md")
    args = parser.parse_args()
    text = cookbook.COOKBOOK.read_text(encoding="utf-8")
    new = rewrite(text, asyncio.run(answers(text)))
    if args.regen:
        cookbook.COOKBOOK.write_text(new, encoding="utf-8")
        print(f"wrote {cookbook.COOKBOOK.relative_to(ROOT)}")
        return 0
    if new != text:
        print("docs/cookbook.md has stale answers; run scripts/cookbook.py --regen and review the diff")
        return 1
    print("docs/cookbook.md answers are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

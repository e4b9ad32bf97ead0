"""The engine every process of ours uses: planner settings on each connection."""

from __future__ import annotations

from sqlalchemy import text

from store.db import make_engine


async def test_connections_plan_for_index_lookups_without_jit(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        async with engine.connect() as conn:
            assert await conn.scalar(text("SHOW random_page_cost")) == "1.1"
            assert await conn.scalar(text("SHOW jit")) == "off"
    finally:
        await engine.dispose()

"""The engine every process of ours uses: planner settings on each connection, reads without a transaction."""

from __future__ import annotations

from sqlalchemy import text

from store.db import make_engine, make_reader, make_sessionmaker


async def test_connections_plan_for_index_lookups_without_jit(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        async with engine.connect() as conn:
            assert await conn.scalar(text("SHOW random_page_cost")) == "1.1"
            assert await conn.scalar(text("SHOW jit")) == "off"
    finally:
        await engine.dispose()


async def test_reader_runs_each_statement_on_its_own_and_writer_in_one_transaction(db_url: str) -> None:
    engine = make_engine(db_url)
    xid = text("SELECT pg_current_xact_id()::text")
    try:
        async with make_reader(engine)() as session:
            # no BEGIN: each statement is its own transaction, so each gets its own transaction id
            assert await session.scalar(xid) != await session.scalar(xid)
        async with make_sessionmaker(engine)() as session:
            assert await session.scalar(xid) == await session.scalar(xid)
        async with make_sessionmaker(engine).begin() as session:
            assert await session.scalar(xid) == await session.scalar(xid)
    finally:
        await engine.dispose()

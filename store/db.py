"""Engine and session factory, and creating the database itself when it is missing."""

from __future__ import annotations

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

# Planner settings for every connection of ours. random_page_cost: PostgreSQL's default (4) prices a
# random read as on a spinning disk, so on a small archive it hash-joined whole tables where the API's
# batched lookups want index scans (50 ms against 8 ms for an article page's entities at 1k pages).
# jit: compiling a plan costs tens of milliseconds, more than any of our statements gains from it.
SERVER_SETTINGS = {"random_page_cost": "1.1", "jit": "off"}


def make_engine(url: str, **kwargs: object) -> AsyncEngine:
    # hide_parameters: a statement's error names its SQL, never its values (search terms, posted pages)
    return create_async_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,
        connect_args={"server_settings": SERVER_SETTINGS},
        **kwargs,
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def make_reader(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for the API's reads: each statement on its own (autocommit), so a session that runs one
    SELECT costs one round trip, not three (BEGIN, SELECT, ROLLBACK). A page of 100 articles opens four
    such sessions. The engine's pool is shared; writes keep using make_sessionmaker's transactions."""
    return async_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    """Raises unless the database answers a statement (what /readyz asks)."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


async def ensure_database(url: str) -> bool:
    """Creates the database named in url if it does not exist. Returns True when it created it."""
    target = make_url(url)
    name = target.database
    if not name:
        raise ValueError(f"DATABASE_URL names no database: {target.render_as_string(hide_password=True)}")
    admin = create_async_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            exists = await conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if exists:
                return False
            quoted = conn.dialect.identifier_preparer.quote(name)
            await conn.execute(text(f"CREATE DATABASE {quoted}"))
            return True
    finally:
        await admin.dispose()


async def drop_database(url: str) -> None:
    target = make_url(url)
    admin = create_async_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            quoted = conn.dialect.identifier_preparer.quote(target.database or "")
            await conn.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
    finally:
        await admin.dispose()

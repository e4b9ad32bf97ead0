"""Engine and session factory, and creating the database itself when it is missing."""

from __future__ import annotations

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def make_engine(url: str, **kwargs: object) -> AsyncEngine:
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


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

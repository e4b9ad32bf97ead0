"""Test services: a PostgreSQL database per test session (a migrated template) and a fresh copy of it
per test that asks for one, so no test sees another's rows and no user data is ever touched."""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

from api.settings import Settings
from store.db import drop_database, ensure_database
from store.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SERVER_URL = os.environ.get("NEWSGRAPH_TEST_SERVER", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("NEWSGRAPH_TEST_REDIS", "redis://127.0.0.1:6379/15")
PREFIX = f"newsgraph_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"


def _url(name: str) -> str:
    return make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = _url(f"{PREFIX}_template")
    asyncio.run(ensure_database(url))
    upgrade(url)  # migrations, not create_all: the migration itself is under test
    yield url
    asyncio.run(_drop_all())


async def _drop_all() -> None:
    engine = create_async_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        names = (
            (
                await conn.execute(
                    text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": f"{PREFIX}%"}
                )
            )
            .scalars()
            .all()
        )
    await engine.dispose()
    for name in names:
        await drop_database(_url(name))


@contextlib.asynccontextmanager
async def fresh_database(template_url: str) -> AsyncIterator[str]:
    """A new database copied from the migrated template, dropped when the block ends."""
    name = f"{PREFIX}_{uuid.uuid4().hex[:10]}"
    engine = create_async_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template_url).database}"'))
    await engine.dispose()
    try:
        yield _url(name)
    finally:
        await drop_database(_url(name))


@pytest.fixture
async def db_url(template_url: str) -> AsyncIterator[str]:
    async with fresh_database(template_url) as url:
        yield url


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(DATABASE_URL=db_url, REDIS_URL=REDIS_URL, SEEDS_DIR=str(SEEDS))


@pytest.fixture
async def ctx(settings: Settings) -> AsyncIterator[dict[str, Any]]:
    from workers.context import close_context, open_context

    context: dict[str, Any] = {}
    await open_context(context, settings)
    yield context
    await close_context(context)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    from tests.helpers import serving

    async with serving(settings) as http:
        yield http

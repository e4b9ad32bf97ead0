"""Alembic environment: async engine on the URL given by store/migrate.py or the settings."""

from __future__ import annotations

import asyncio

from sqlalchemy.engine import Connection

from alembic import context
from store.db import make_engine
from store.models import Base

target_metadata = Base.metadata


def _url() -> str:
    url = context.config.attributes.get("database_url")
    if url:
        return str(url)
    from api.settings import Settings

    return Settings().database_url


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = make_engine(_url())
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_async())

"""What every job needs, built once per worker (arq on_startup) or once per inline run."""

from __future__ import annotations

from typing import Any, TypedDict

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from pipeline import gazetteer
from settings import Settings
from store.db import make_engine, make_sessionmaker


class JobContext(TypedDict, total=False):
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    job_try: int
    redis: Any


async def open_context(ctx: dict[str, Any], settings: Settings) -> None:
    gazetteer.warm()  # once per process, not inside the first job's timing
    engine = make_engine(settings.database_url)
    ctx["settings"] = settings
    ctx["engine"] = engine
    ctx["sessionmaker"] = make_sessionmaker(engine)


async def close_context(ctx: dict[str, Any]) -> None:
    engine = ctx.get("engine")
    if engine is not None:
        await engine.dispose()

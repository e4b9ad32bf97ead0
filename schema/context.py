"""Per-request context: settings, the session factory, the job queue and fresh DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request

from api.settings import Settings
from schema.loaders import Loaders


@dataclass
class Context:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]  # transactions: writes, and reads that must agree
    reader: async_sessionmaker[AsyncSession]  # single-statement reads, no transaction (store.db.make_reader)
    request: Request | None
    # the arq pool, connected on first use so the API serves reads while Redis is down
    get_queue: Callable[[], Awaitable[Any]]
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        # built here, per request: a loader's cache must never outlive the request that filled it
        self.loaders = Loaders.build(self.reader)


Info = strawberry.Info[Context, None]

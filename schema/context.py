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
from store.db import make_reader


@dataclass
class Context:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]  # transactions: writes, and reads that must agree
    request: Request | None
    # the arq pool, connected on first use so the API serves reads while Redis is down
    get_queue: Callable[[], Awaitable[Any]]
    # single-statement reads without a transaction (store.db.make_reader); made from sessionmaker's
    # engine when not given
    reader: async_sessionmaker[AsyncSession] | None = None
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        if self.reader is None:
            self.reader = make_reader(self.sessionmaker.kw["bind"])
        # built here, per request: a loader's cache must never outlive the request that filled it
        self.loaders = Loaders.build(self.reader)

    @property
    def read(self) -> async_sessionmaker[AsyncSession]:
        assert self.reader is not None  # set in __post_init__
        return self.reader


Info = strawberry.Info[Context, None]

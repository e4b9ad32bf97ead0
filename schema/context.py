"""Per-request context: settings, the session factory, the job queue and fresh DataLoaders."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request

from api.settings import Settings
from schema.errors import Unavailable
from schema.loaders import Loaders


@dataclass
class Context:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]  # transactions: writes, and reads that must agree
    reader: async_sessionmaker[AsyncSession]  # single-statement reads, no transaction (store.db.make_reader)
    request: Request | None
    # the arq pool, connected on first use so the API serves reads while Redis is down
    get_queue: Callable[[], Awaitable[Any]]
    # how many subscriptions this process may hold at once (shared by every connection)
    subscriptions: SubscriptionSlots | None = None
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        # built here, per request: a loader's cache must never outlive the request that filled it
        self.loaders = Loaders.build(self.reader)

    def fresh_loaders(self) -> None:
        """New loaders for the next event of a subscription, whose context lives as long as its
        connection: each event reads what is stored now."""
        self.loaders = Loaders.build(self.reader)

    def subscription_slot(self) -> contextlib.AbstractAsyncContextManager[None]:
        if self.subscriptions is None:
            return contextlib.nullcontext()
        return self.subscriptions.hold()


class SubscriptionSlots:
    """A count of the subscriptions a process holds, refusing one over its limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held = 0

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        if self.held >= self.limit:
            raise Unavailable(
                f"this server holds {self.limit} subscriptions already, its limit; try again later"
            )
        self.held += 1
        try:
            yield
        finally:
            self.held -= 1


Info = strawberry.Info[Context, None]

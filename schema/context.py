"""Per-request context: settings, the session factory, the job queue and fresh DataLoaders."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request

from schema.errors import Unavailable
from schema.loaders import Loaders
from settings import Settings


class JobQueue(Protocol):
    """What the mutations ask of the write side. workers/queue.py's RunQueue is the one there is;
    api/ hands it in, so schema/ imports nothing of workers/."""

    def files_in(self, folder: str) -> list[str]:
        """The files a run of this folder ingests; a ValueError naming the problem when it cannot."""
        ...

    async def enqueue_files(self, run_id: uuid.UUID, files: list[str]) -> None: ...

    async def enqueue_text(self, run_id: uuid.UUID, text: str, source_url: str | None) -> None: ...

    async def enqueue_finish(self, run_id: uuid.UUID) -> None:
        """Queues the job that cross-links and ends the run."""
        ...


@dataclass
class Context:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]  # transactions: writes, and reads that must agree
    reader: async_sessionmaker[AsyncSession]  # single-statement reads, no transaction (store.db.make_reader)
    request: Request | None
    # the job queue, connected on first use so the API serves reads while Redis is down
    get_queue: Callable[[], Awaitable[JobQueue]]
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

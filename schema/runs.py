"""Ingestion runs and the mutations that start them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from enum import Enum

import strawberry
from strawberry import relay

from schema.context import Info
from schema.errors import UserError
from schema.ids import echo
from schema.pagination import Connection, Order, connection, count_alongside, page_of
from store import runs


@strawberry.enum(description="Where an ingestion run stands.")
class RunStatus(Enum):
    QUEUED = strawberry.enum_value("queued", description="Created; no file is done yet.")
    RUNNING = strawberry.enum_value("running", description="Files are being ingested or cross-linked.")
    SUCCEEDED = strawberry.enum_value("succeeded", description="Done, every file ingested.")
    FAILED = strawberry.enum_value(
        "failed", description="Done, and a file or the run itself failed: see errors."
    )


@strawberry.type(description="One ingestion: its status and what it created, updated or left unchanged.")
class IngestionRun(relay.Node):
    id: relay.NodeID[str]
    kind: str
    status: str = strawberry.field(
        description="queued | running | succeeded | failed, in lower case as the contract has it; "
        "`state` is the same as an enum."
    )
    state: RunStatus = strawberry.field(
        description="Where the run stands (the value of `status`, as an enum)."
    )
    documents: int
    documents_done: int
    articles_created: int
    articles_updated: int
    articles_unchanged: int
    rates_created: int
    rates_updated: int
    rates_unchanged: int
    people_created: int
    organizations_created: int
    places_created: int
    errors: list[str]
    notes: list[str]
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def from_summary(cls, s: runs.RunSummary) -> IngestionRun:
        return cls(
            id=str(s.id),
            kind=s.kind,
            status=s.status,
            state=RunStatus(s.status),
            documents=s.documents,
            documents_done=s.documents_done,
            articles_created=s.count("articles", "created"),
            articles_updated=s.count("articles", "updated"),
            articles_unchanged=s.count("articles", "unchanged"),
            rates_created=s.count("rates", "created"),
            rates_updated=s.count("rates", "updated"),
            rates_unchanged=s.count("rates", "unchanged"),
            people_created=s.count("people", "created"),
            organizations_created=s.count("organizations", "created"),
            places_created=s.count("places", "created"),
            errors=s.errors,
            notes=s.notes,
            created_at=s.created_at,
            started_at=s.started_at,
            finished_at=s.finished_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[IngestionRun | None]:
        ids = [parse_run_id(i) for i in node_ids]
        async with info.context.sessionmaker() as session:
            found = await runs.summaries(session, ids)
        return [cls.from_summary(found[i]) if i in found else None for i in ids]


def run_id_of(raw: str) -> uuid.UUID:
    """A run's id as clients give it: its global id, or the bare UUID."""
    try:
        gid = relay.GlobalID.from_id(raw)
    except Exception:
        return parse_run_id(raw)
    return parse_run_id(gid.node_id if gid.type_name == "IngestionRun" else raw)


def parse_run_id(raw: str) -> uuid.UUID:
    try:
        run_id = uuid.UUID(raw)
    except ValueError:
        run_id = None
    # uuid.UUID also reads braces, URNs and bare hex: only the form this API gives out is an id
    if run_id is None or str(run_id) != raw.lower():
        raise UserError(f"`id` is not an ingestion run id: {echo(raw)}", argument="id")
    return run_id


RUN_ORDER = Order("IngestionRun", "CREATED_AT", True, ("datetime", "uuid"))


async def run_connection(
    info: Info,
    states: list[RunStatus] | None,
    first: int | None,
    last: int | None,
    after: str | None,
    before: str | None,
) -> Connection[IngestionRun]:
    page = page_of(RUN_ORDER, first, last, after, before)
    wanted = None if states is None else [s.name.lower() for s in states]

    async def count() -> int:
        async with info.context.reader() as session:
            return await runs.run_count(session, wanted)

    total = count_alongside(info, count)
    async with info.context.reader() as session:
        rows = await runs.run_page(session, wanted, page.bounds)
    return connection(page, [(k, IngestionRun.from_summary(r)) for k, r in rows], total)

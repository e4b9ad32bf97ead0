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
    kind: str = strawberry.field(
        description="What started it: ingest (`newsgraph ingest`), reingest (the reingest mutation), "
        "document (ingestDocument) or delete (the cross-linking after deleteDocument)."
    )
    status: str = strawberry.field(
        description="queued | running | succeeded | failed, in lower case as the contract has it; "
        "`state` is the same as an enum."
    )
    state: RunStatus = strawberry.field(
        description="Where the run stands (the value of `status`, as an enum)."
    )
    documents: int = strawberry.field(description="How many files or posted pages the run covers.")
    documents_done: int = strawberry.field(
        description="How many of them are done, stored or failed: equals documents once the last one is "
        "(the run then cross-links them before it ends)."
    )
    articles_created: int = strawberry.field(description="Articles stored for the first time.")
    articles_updated: int = strawberry.field(
        description="Articles stored before that this run rewrote, because what their page says of them "
        "changed (text, date, byline...)."
    )
    articles_unchanged: int = strawberry.field(
        description="Articles this run found as they were stored: nothing was written for them."
    )
    rates_created: int = strawberry.field(description="Exchange rates stored for the first time.")
    rates_updated: int = strawberry.field(
        description="Exchange rates stored before that this run rewrote (a new value or change)."
    )
    rates_unchanged: int = strawberry.field(description="Exchange rates this run found as they were stored.")
    people_created: int = strawberry.field(
        description="People new to the graph after cross-linking (a new spelling of someone known is "
        "not one)."
    )
    organizations_created: int = strawberry.field(
        description="Organizations new to the graph after cross-linking."
    )
    places_created: int = strawberry.field(description="Places new to the graph after cross-linking.")
    errors: list[str] = strawberry.field(
        description="What failed, one line each: a file's name and why it was not ingested, or why the "
        "run itself failed. Empty when all went well."
    )
    notes: list[str] = strawberry.field(
        description="What was ingested but not all kept, one line per file (a ticker on a page with no "
        "date is not stored, for instance)."
    )
    created_at: datetime | None = strawberry.field(description="When the run was queued.")
    started_at: datetime | None = strawberry.field(
        description="When its first document was taken up; null while it is queued."
    )
    finished_at: datetime | None = strawberry.field(
        description="When it succeeded or failed; null until then."
    )

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


RUN_ID_DOC = (
    "The run's id as the mutations and `ingestionRuns` give it, or the bare UUID `newsgraph ingest` prints."
)
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

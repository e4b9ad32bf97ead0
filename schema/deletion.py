"""deleteDocument: removes a page and what only it supports, then queues the cross-linking run."""

from __future__ import annotations

import logging

import strawberry
from strawberry import relay

from schema.context import Info, JobQueue
from schema.ids import entity_id_of
from schema.runs import IngestionRun
from store import runs
from store.deletion import delete_document

log = logging.getLogger(__name__)

DELETE_RUN_KIND = "delete"
NOT_QUEUED = (
    "the document was deleted, but the cross-linking run could not be queued (the job queue is "
    "unreachable); every page stays pending, so the next ingestion's run cross-links them"
)


@strawberry.type(description="What deleteDocument removed, and the run that redoes the cross-links.")
class DeleteDocumentPayload:
    deleted: bool = strawberry.field(
        description="True when this call deleted the document; false when there was none with this id "
        "(never ingested, or already deleted: deleting twice changes nothing the second time)."
    )
    document_id: relay.GlobalID = strawberry.field(description="The id this call was given, echoed.")
    articles_deleted: int = strawberry.field(
        description="Articles the document held (those other documents also list are stored again "
        "from them, see documentsRestored)."
    )
    rates_deleted: int = strawberry.field(description="Exchange rates the document held.")
    entities_deleted: int = strawberry.field(
        description="People, organizations and places no other document names."
    )
    source_deleted: bool = strawberry.field(
        description="Whether the document's source went too: no other document is from it."
    )
    documents_restored: list[str] = strawberry.field(
        description="Identities of the other documents stored again from their own text because they "
        "list an article or a rate the deleted document held."
    )
    run: IngestionRun | None = strawberry.field(
        description="The queued run (kind `delete`) that cross-links the remaining documents (entity "
        "resolution, related articles): follow it with `ingestionRun(id:)`. Null when nothing was deleted."
    )


async def delete_document_field(info: Info, id: relay.GlobalID, pool: JobQueue) -> DeleteDocumentPayload:
    document_id = entity_id_of(id, "Document", "id")
    assert document_id is not None
    async with info.context.sessionmaker.begin() as session:
        done = await delete_document(session, document_id)
        if done is None:
            return DeleteDocumentPayload(
                deleted=False,
                document_id=id,
                articles_deleted=0,
                rates_deleted=0,
                entities_deleted=0,
                source_deleted=False,
                documents_restored=[],
                run=None,
            )
        run_id = await runs.create_run(session, DELETE_RUN_KIND, [done.identity])
        await runs.record_file(
            session,
            run_id,
            done.identity,
            ok=True,
            counts={
                "documents": {"deleted": 1, "updated": len(done.restored)},
                "articles": {"deleted": done.articles},
                "rates": {"deleted": done.rates},
            },
        )
    try:
        # the finish job of ingestion runs: cross-links (under its lock) and ends the run
        await pool.enqueue_finish(run_id)
    except Exception:
        log.warning("deleteDocument: could not queue the cross-linking run %s", run_id)
        async with info.context.sessionmaker.begin() as session:
            await runs.finish_run(session, run_id, error=NOT_QUEUED)
    async with info.context.sessionmaker() as session:
        summary = await runs.summary(session, run_id)
    return DeleteDocumentPayload(
        deleted=True,
        document_id=id,
        articles_deleted=done.articles,
        rates_deleted=done.rates,
        entities_deleted=done.entities,
        source_deleted=done.source_deleted,
        documents_restored=list(done.restored),
        run=IngestionRun.from_summary(summary) if summary else None,
    )

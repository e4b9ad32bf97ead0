"""Mutations: start ingestion runs on the arq queue and return at once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable
from typing import Annotated

import strawberry
from strawberry import relay

from pipeline.decode import check_text
from pipeline.errors import PipelineError
from pipeline.parse import parse_page
from schema.auth import require_admin
from schema.context import Info, JobQueue
from schema.deletion import DeleteDocumentPayload, delete_document_field
from schema.errors import Unavailable, UserError
from schema.runs import IngestionRun
from store import runs


async def _queue(info: Info) -> JobQueue:
    try:
        return await info.context.get_queue()
    except Exception:
        raise Unavailable(
            "the job queue (Redis) is unreachable; nothing was queued, try again later"
        ) from None


async def _summary(info: Info, run_id: uuid.UUID) -> IngestionRun:
    async with info.context.sessionmaker() as session:
        found = await runs.summary(session, run_id)
    assert found is not None
    return IngestionRun.from_summary(found)


@strawberry.type(
    description="Changing the data: ingest pages, re-ingest the seed folder, delete a document. When "
    "NEWSGRAPH_ADMIN_TOKEN is set each needs the header `Authorization: Bearer <token>`; when it is not, "
    "only clients on the server's own machine (loopback) may call them."
)
class Mutation:
    @strawberry.mutation(
        description="Queues re-ingestion of SEEDS_DIR and returns the run at once. While a reingest run is "
        "queued or running, returns that run instead of starting a second one."
    )
    async def reingest(self, info: Info) -> IngestionRun:
        require_admin(info)
        pool = await _queue(info)
        try:
            files = pool.files_in(info.context.settings.seeds_dir)
        except ValueError as exc:
            raise UserError(f"SEEDS_DIR: {exc}") from None
        if not files:
            raise UserError(f"SEEDS_DIR {info.context.settings.seeds_dir!r} holds no files")
        async with info.context.sessionmaker.begin() as session:
            # two calls at once: the second waits here, then sees the first one's run
            active = await runs.active_reingest(session)
            run_id = active or await runs.create_run(session, "reingest", files)
        if active is None:
            await _enqueue_or_fail(info, run_id, pool.enqueue_files(run_id, files))
        return await _summary(info, run_id)

    @strawberry.mutation(description="Queues one posted page for ingestion and returns the run at once.")
    async def ingest_document(
        self,
        info: Info,
        text: Annotated[
            str,
            strawberry.argument(
                description="The page as plain text, as a scraper saves it, up to "
                "NEWSGRAPH_MAX_DOCUMENT_BYTES (5 MiB by default). It is parsed before it is queued: text "
                "in which no article is found is refused at once."
            ),
        ],
        source_url: Annotated[
            str | None,
            strawberry.argument(
                description="Where the page came from (http or https). Posting the same URL again updates "
                "that document rather than adding one; without it the text itself names the document. "
                "When the page does not say which outlet it is from, the URL's host names its source."
            ),
        ] = None,
    ) -> IngestionRun:
        require_admin(info)
        cap = info.context.settings.max_document_bytes
        size = len(text.encode("utf-8", errors="surrogatepass"))
        if size > cap:
            raise UserError(f"text is {size:,} bytes, over the {cap:,}-byte limit", argument="text")
        try:
            # a page at the cap parses in seconds: in a thread, so the server goes on answering
            page_text = await asyncio.to_thread(_parsed, text)
        except PipelineError as exc:
            raise UserError(f"text: {exc}", argument="text") from None
        if source_url is not None and not source_url.startswith(("http://", "https://")):
            raise UserError("sourceUrl must be an http(s) URL", argument="sourceUrl")
        pool = await _queue(info)
        async with info.context.sessionmaker.begin() as session:
            run_id = await runs.create_run(session, "document", [source_url or "posted document"])
        await _enqueue_or_fail(info, run_id, pool.enqueue_text(run_id, page_text, source_url))
        return await _summary(info, run_id)

    @strawberry.mutation(
        description="Deletes a document and everything only it supports: its articles, rates, mentions, "
        "roles, the people, organizations and places no other document names, and its source when no "
        "other document is from it. What other documents also support stays (an article or rate another "
        "page lists too is stored again from that page). Runs in one transaction in the request, then "
        "queues the cross-linking of the rest (resolution, related articles) as a run, returned in the "
        "payload. Deleting an id that is already gone is no error: `deleted` is false."
    )
    async def delete_document(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The id of a Document.")],
    ) -> DeleteDocumentPayload:
        require_admin(info)
        pool = await _queue(info)
        return await delete_document_field(info, id, pool)


def _parsed(text: str) -> str:
    """The posted text as the worker will read it, once it is known to parse."""
    page_text = check_text(text)
    parse_page(page_text)
    return page_text


async def _enqueue_or_fail(info: Info, run_id: uuid.UUID, enqueue: Awaitable[None]) -> None:
    try:
        await enqueue
    except Exception:
        async with info.context.sessionmaker.begin() as session:
            await runs.finish_run(
                session, run_id, error="could not queue the run: the job queue is unreachable"
            )
        raise Unavailable("the job queue (Redis) is unreachable; the run was recorded as failed") from None

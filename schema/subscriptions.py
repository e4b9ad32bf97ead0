"""The Subscription root, over the graphql-transport-ws protocol at /graphql: a run's counters as its
documents finish, and new articles that name an entity.

Both poll PostgreSQL (every NEWSGRAPH_SUBSCRIPTION_POLL seconds, one short statement each) rather than
listen for events: the workers that store pages and the server that pushes may be on different
machines, and the database is what they share. Each poll reads at most a page of rows, and a process
holds at most NEWSGRAPH_MAX_SUBSCRIPTIONS subscriptions at once, so the work is bounded however long a
client stays subscribed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry import relay

from schema.articles import Article
from schema.context import Info
from schema.errors import UserError
from schema.ids import echo, entity_id_of
from schema.runs import RUN_ID_DOC, IngestionRun, run_id_of
from store import queries, runs

# new articles pushed per poll at most; more wait for the next poll
ARTICLES_PER_POLL = 100
FINISHED = frozenset({"succeeded", "failed"})


@strawberry.input(description="Which new articles to push: those naming every entity given (by id).")
class ArticleAddedFilter:
    person_id: relay.GlobalID | None = strawberry.field(
        default=None, description="A person's id (from `people`, or an article's `people`)."
    )
    organization_id: relay.GlobalID | None = strawberry.field(
        default=None, description="An organization's id (from `organizations`)."
    )
    place_id: relay.GlobalID | None = strawberry.field(
        default=None, description="A place's id (from `places`)."
    )


@strawberry.type(
    description="Live updates, over a websocket at /graphql (the graphql-transport-ws protocol, as "
    "GraphiQL speaks it): a run's progress, and new articles that name an entity."
)
class Subscription:
    @strawberry.subscription(
        description="The run's counters now, then again each time they change, until the run has "
        "succeeded or failed; then the subscription completes."
    )
    async def ingestion_run(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description=RUN_ID_DOC)]
    ) -> AsyncGenerator[IngestionRun, None]:
        run_id = run_id_of(str(id))
        async with info.context.subscription_slot():
            last: IngestionRun | None = None
            while True:
                async with info.context.sessionmaker() as session:
                    found = await runs.summary(session, run_id)
                if found is None:
                    raise UserError(f"no ingestion run has the id {echo(str(id))}", argument="id")
                state = IngestionRun.from_summary(found)
                if state != last:
                    yield state
                    last = state
                if state.status in FINISHED:
                    return
                await asyncio.sleep(info.context.settings.subscription_poll_s)

    @strawberry.subscription(
        description="Articles stored after the subscription started that name every entity in "
        "`filter` (by id, so every spelling of a name counts), each pushed once, as soon as "
        "ingestion has stored and cross-linked it: an alert on a person, organization or place."
    )
    async def article_added(
        self,
        info: Info,
        filter: Annotated[
            ArticleAddedFilter,
            strawberry.argument(description="The entities to watch for: at least one id."),
        ],
    ) -> AsyncGenerator[Article, None]:
        wanted = [
            e
            for e in (
                entity_id_of(filter.person_id, "Person", "filter.personId"),
                entity_id_of(filter.organization_id, "Organization", "filter.organizationId"),
                entity_id_of(filter.place_id, "Place", "filter.placeId"),
            )
            if e is not None
        ]
        if not wanted:
            raise UserError("`filter` names no entity: give personId, organizationId or placeId")
        async with info.context.subscription_slot():
            async with info.context.reader() as session:
                missing = await queries.missing_entities(session, wanted)
                newest, _ = await queries.article_watermark(session)
            if missing:
                raise UserError(f"no entity has the id {missing[0]}", argument="filter")
            # articles above the watermark are new; those pushed since it last moved are not again
            watermark, pushed = newest, set[int]()
            while True:
                async with info.context.reader() as session:
                    # read before the articles: what was settled then is among what they return
                    newest, settled = await queries.article_watermark(session)
                    rows = await queries.articles_naming(
                        session, wanted, watermark, sorted(pushed), ARTICLES_PER_POLL
                    )
                for row in rows:
                    info.context.fresh_loaders()
                    yield Article.from_model(row)
                    pushed.add(row.id)
                # while a stored page waits for cross-linking, its articles may yet come to name
                # the entities: the watermark stays below them until it has run
                if settled and len(rows) < ARTICLES_PER_POLL:
                    watermark = max(watermark, newest)
                    pushed = {i for i in pushed if i > watermark}
                await asyncio.sleep(info.context.settings.subscription_poll_s)

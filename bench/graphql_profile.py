"""Where one GraphQL request's time goes, in-process: the app (create_app) served through httpx's ASGI
transport, so no network, uvicorn or client sits in the figure, only our code and what it calls.

    python bench/graphql_profile.py --db newsgraph_bench_graphql_1000_archive [--query Q4]
                                    [--requests 50] [--profile]

Prints the p50 and mean wall time of --requests sequential requests (after a few to warm caches and
pools) and, with --profile, the CPU time of one more such batch under cProfile, split by where the time
is spent: graphql-core (execution, completion), strawberry (resolver wrappers, Info), our schema/,
store/ and api/ code, SQLAlchemy, asyncpg, JSON encoding, starlette/httpx, asyncio and the rest. The
query texts are bench/graphql_load.py's. Run it with PYTHONPATH set to the checkout to measure.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import pstats
import statistics
import time
from collections import defaultdict
from typing import Any

import httpx
from common import check_name, sqlalchemy_url
from graphql_load import OURS, top_person

from api.app import create_app
from settings import Settings

# (label, substrings of a code path), the first that matches wins
CATEGORIES: list[tuple[str, tuple[str, ...]]] = [
    ("idle: waiting (epoll)", ("select.epoll",)),
    ("graphql-core", ("/graphql/",)),
    ("strawberry", ("/strawberry/",)),
    ("ours: schema/execution.py", ("/schema/execution.py",)),
    ("ours: schema/ (resolvers)", ("/schema/",)),
    ("ours: store/", ("/store/",)),
    ("ours: api/", ("/api/",)),
    ("sqlalchemy", ("/sqlalchemy/",)),
    ("asyncpg", ("/asyncpg/", "asyncpg.")),
    ("json", ("/json/", "orjson", "_json")),
    ("starlette, httpx", ("/starlette/", "/httpx/", "/httpcore/", "/anyio/", "/cross_web/")),
    ("asyncio", ("/asyncio/",)),
]


def category(filename: str, name: str) -> str:
    where = f"{filename}:{name}"
    for label, needles in CATEGORIES:
        if any(n in where for n in needles):
            return label
    return "other (builtins, gc)"


async def main_async(args: argparse.Namespace, variables: dict[str, Any]) -> None:
    body = {"query": OURS[args.query], "variables": variables}
    settings = Settings(DATABASE_URL=sqlalchemy_url(args.db), NEWSGRAPH_REQUEST_TIMEOUT=60)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        spent: dict[str, list[float]] = defaultdict(list)
        if args.statements:
            watch(app.state.engine, spent)
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:

            async def one() -> float:
                started = time.perf_counter()
                r = await http.post("/graphql", json=body)
                elapsed = (time.perf_counter() - started) * 1000
                # no decoding: the client's JSON parsing would count in the profile's json row
                if r.status_code != 200 or b'"errors"' in r.content:
                    raise SystemExit(f"{args.query} failed ({r.status_code}): {r.text[:500]}")
                return elapsed

            for _ in range(5):
                await one()
            spent.clear()
            cpu = time.process_time()
            times = [await one() for _ in range(args.requests)]
            cpu = (time.process_time() - cpu) * 1000 / args.requests
            print(
                f"{args.query} on {args.db}: p50 {statistics.median(times):.1f} ms, "
                f"mean {statistics.fmean(times):.1f} ms, min {min(times):.1f} ms, {args.requests} requests; "
                f"{cpu:.1f} ms of this process's CPU each (app and client)"
            )
            for statement, took in sorted(spent.items(), key=lambda kv: -sum(kv[1])):
                print(
                    f"  {sum(took) / args.requests:6.2f} ms/request, {len(took) / args.requests:.0f} "
                    f"per request: {statement}"
                )
            if not args.profile:
                return
            profiler = cProfile.Profile()
            profiler.enable()
            started = time.perf_counter()
            for _ in range(args.requests):
                await one()
            wall = (time.perf_counter() - started) * 1000 / args.requests
            profiler.disable()
    stats = pstats.Stats(profiler)
    by: dict[str, float] = defaultdict(float)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _, name), (_, _, tottime, _, _) in raw.items():
        by[category(filename, name)] += tottime
    total = sum(by.values())
    print(f"\ncProfile, {args.requests} requests: {wall:.1f} ms wall each under the profiler")
    print(f"{'where':24} {'ms/request':>10} {'share':>6}")
    for label, seconds in sorted(by.items(), key=lambda kv: -kv[1]):
        print(f"{label:24} {seconds * 1000 / args.requests:>10.1f} {seconds / total:>6.0%}")
    print(f"{'total profiled':24} {total * 1000 / args.requests:>10.1f}")
    if args.top:
        print()
        stats.sort_stats("tottime").print_stats(args.top)


def watch(engine: Any, spent: dict[str, list[float]]) -> None:
    """Records each statement's time from the driver's call to its return (under load, that includes
    waiting for the event loop to read the answer), by the statement's first words."""
    from sqlalchemy import event

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        took = (time.perf_counter() - conn.info.pop("bench_started")) * 1000
        spent[" ".join(statement.split())[:90]].append(took)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--db", required=True, help="a newsgraph_bench_* database (graphql_load.py --keep-db)"
    )
    parser.add_argument("--query", default="Q4", choices=sorted(OURS))
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--search", default="drought relief", help="Q3's search text")
    parser.add_argument("--profile", action="store_true", help="also a cProfile breakdown")
    parser.add_argument("--statements", action="store_true", help="also the time of each statement")
    parser.add_argument("--top", type=int, default=0, help="also the N functions of most own time")
    args = parser.parse_args()
    check_name(args.db)
    variables: dict[str, Any] = {}
    if args.query == "Q2":
        person_id, _, _ = top_person(args.db)
        variables = {"id": base64.b64encode(f"Person:{person_id}".encode()).decode()}
    elif args.query == "Q3":
        variables = {"q": args.search}
    asyncio.run(main_async(args, variables))


if __name__ == "__main__":
    main()

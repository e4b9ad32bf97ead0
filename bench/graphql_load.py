"""GraphQL latency and throughput at 1k and 10k pages (any --sizes), ours and PostGraphile's, on one database.

    python bench/graphql_load.py [--sizes 1000,10000] [--requests 200] [--concurrency 4,8,16]
                                 [--duration 20] [--repeat 3] [--no-postgraphile] [--keep-db]
                                 [--rebuild] [--search "drought relief"] [--workers 1,2]
                                 [--corpus archive|flat] [--queries Q1,Q2,Q3,Q4]
                                 [--baseline DIR] [--interleave]
                                 [--source newsgraph_bench_ingest_workers_{size}_archive] [--db-suffix _me]

Per size, the database `newsgraph_bench_graphql_<size>_archive` is reused when present (--rebuild makes
it again), else copied from `newsgraph_bench_ingest_inline_<size>_archive` (left by `bench/ingest.py
--keep-db`; --source names another, `{size}` standing for the size, e.g. the two-worker runs'
`newsgraph_bench_ingest_workers_{size}_archive`, which is then copied afresh every run and never
changed), else made with `newsgraph ingest --inline` on the generated archive corpus (articles on
about nine listings each, three layouts); `--corpus flat` uses the corpus of the figures before issue
16 (every article on one page) and the databases without the `_archive` suffix. It is dropped at the
end unless --keep-db. Then, in the same run:

- ours:        `newsgraph serve --port P --workers N` for each N of --workers (default 1, the shipped
               default; 2 is one process per core here), its output to /dev/null;
- with --baseline DIR, also "before": the same command with DIR's code first on PYTHONPATH (another
               checkout, e.g. `git archive <commit> | tar -x -C DIR`), so before and after are
               measured in one run, on one database, under the same load;
- PostGraphile v4 (bench/postgraphile, `npm ci` there first) on the same database, one node process.

With --interleave every server is started first and each query is measured on each server in turn
(before, ours, PostGraphile, then the next query), so a change in the machine's load (other work on
a shared machine) falls on all of them alike; without it one server runs at a time.

Four queries (the GraphQL texts are below, with PostGraphile's nearest equivalents):
Q1 `articles(first: 100)` with author, source, people, organizations, places;
Q2 the person named in the most articles, with roles and `articles(first: 20) { totalCount … }`;
Q3 full-text search `articles(first: 20, filter: {search: …}) { totalCount … }`;
Q4 the object-heavy page: `articles(first: 100)` with only people, organizations and places by name
   (about 1,500 objects at 1k pages), what the per-object cost shows in.

For each: single client, --requests sequential requests on one keep-alive connection (httpx), p50/p95/p99;
then, for each --concurrency level, that many connections for --duration seconds with wrk (C, two
threads: it costs the 2-core machine far less CPU than a Python load generator would take from the
server), giving requests/s and
p50/p95/p99; when wrk is missing, an httpx.AsyncClient load loop does the same, slower. Each measurement
is repeated --repeat times and the median is printed. Every response is checked once before timing
(HTTP 200, no GraphQL errors, data present). Everything runs on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from common import (
    CORPORA,
    NEWSGRAPH,
    ROOT,
    copy_db,
    corpus,
    corpus_suffix,
    db_exists,
    drop_db,
    dsn,
    env_for,
    fetch,
    free_port,
    fresh_db,
    median,
    migrate,
    percentile,
    run,
    stop,
    wait_for_port,
)

PG_DIR = ROOT / "bench" / "postgraphile"
QUERIES = ("Q1", "Q2", "Q3", "Q4")
SEARCH_FN = "pg_bench_search_articles"

OURS: dict[str, str] = {
    "Q1": """{ articles(first: 100) { edges { node { id title publishedOn author { name } source { name }
  people { name } organizations { name } places { name } } } } }""",
    "Q2": """query($id: ID!) { node(id: $id) { ... on Person { name aliases
  roles { title former organization { name } article { title } }
  articles(first: 20) { totalCount edges { node { title publishedOn source { name } } } } } } }""",
    "Q3": """query($q: String!) { articles(first: 20, filter: {search: $q}) { totalCount
  edges { node { title publishedOn source { name } } } } }""",
    "Q4": """{ articles(first: 100) { edges { node { id title
  people { name } organizations { name } places { name } } } } }""",
}

# PostGraphile's schema is the tables' own: an article's people/organizations/places are its mentions'
# doc entities' entities (every mention, not one per entity, kinds mixed: the client would dedupe and
# split them); a person's articles are its doc entities' first mention's article (one per document
# naming the person, which is one article per document only on one-article pages); search is a SQL
# function this script adds to the benchmark database, since PostGraphile v4 has no full-text search.
POSTGRAPHILE: dict[str, str] = {
    "Q1": """{ articles(first: 100, orderBy: PRIMARY_KEY_ASC) { nodes { id title publishedOn
  docEntitiesByAuthoredArticleId { nodes { entity { name } } } source { name }
  mentions { nodes { docEntity { entity { name kind } } } } } } }""",
    "Q2": """query($id: BigInt!) { entity(id: $id) { name aliases
  roles: docEntities { nodes { roles { nodes { title former organizationDocEntity { entity { name } }
    article { title } } } } }
  articles: docEntities(first: 20, orderBy: PRIMARY_KEY_ASC) { totalCount nodes {
    mentions(first: 1) { nodes { article { title publishedOn source { name } } } } } } } }""",
    "Q3": """query($q: String!) { pgBenchSearchArticles(q: $q, first: 20) { totalCount
  nodes { title publishedOn source { name } } } }""",
    "Q4": """{ articles(first: 100, orderBy: PRIMARY_KEY_ASC) { nodes { id title
  mentions { nodes { docEntity { entity { name kind } } } } } } }""",
}

WRK_SCRIPT = """
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH {\\"requests\\": %d, \\"duration_us\\": %d, \\"errors\\": %d, \\"non2xx\\": %d, " ..
    "\\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d}\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


@dataclass
class Load:
    """Repeats of one concurrent-load measurement."""

    rps: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p95: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    errors: int = 0


@dataclass
class Figures:
    seq_p50: list[float] = field(default_factory=list)
    seq_p95: list[float] = field(default_factory=list)
    seq_p99: list[float] = field(default_factory=list)
    load: dict[int, Load] = field(default_factory=dict)  # by number of concurrent connections

    def top(self) -> Load:
        """The load with the most connections: what throughput comparisons use."""
        return self.load[max(self.load)]


@dataclass
class Server:
    name: str
    url: str
    proc: subprocess.Popen[bytes]
    queries: dict[str, str]
    variables: dict[str, dict[str, Any]]


# --- databases ------------------------------------------------------------------------------------


def prepare_db(
    size: int, seed: int, rebuild: bool, kind: str, source_pattern: str | None, db_suffix: str = ""
) -> str:
    db = f"newsgraph_bench_graphql_{size}{corpus_suffix(kind)}{db_suffix}"
    if source_pattern is None:
        source = f"newsgraph_bench_ingest_inline_{size}{corpus_suffix(kind)}"
    else:
        source = source_pattern.format(size=size)
        if not db_exists(source):
            raise SystemExit(f"--source: no database {source!r} (bench/ingest.py --keep-db makes it)")
        rebuild = True  # a copy kept from another source must not stand in for this one
    if rebuild or not db_exists(db):
        if db_exists(source):
            print(f"copying {source} to {db}", file=sys.stderr)
            copy_db(source, db)
        else:
            print(f"ingesting {size} pages into {db} (newsgraph ingest --inline)", file=sys.stderr)
            fresh_db(db)
            run([NEWSGRAPH, "ingest", "--inline", str(corpus(size, seed, kind))], env=env_for(db), quiet=True)
    migrate(db)
    # the nearest PostGraphile equivalent of Q3 needs a function; our app never sees it
    fetch(
        db,
        f"""CREATE OR REPLACE FUNCTION {SEARCH_FN}(q text) RETURNS SETOF articles
            LANGUAGE sql STABLE AS $$
              SELECT a.* FROM articles a WHERE a.search @@ websearch_to_tsquery('english', q)
              ORDER BY round(ts_rank_cd(a.search, websearch_to_tsquery('english', q))::numeric, 6) DESC, a.id
            $$""",
    )
    # as autovacuum leaves a live database (visibility map set, statistics fresh), whatever state the
    # ingest left behind
    fetch(db, "VACUUM ANALYZE")
    return db


def top_person(db: str) -> tuple[int, str, int]:
    row = fetch(
        db,
        """SELECT e.id, e.name, count(DISTINCT m.article_id) AS n
           FROM entities e JOIN doc_entities d ON d.entity_id = e.id JOIN mentions m ON m.doc_entity_id = d.id
           WHERE e.kind = 'person' GROUP BY e.id, e.name ORDER BY n DESC, e.id LIMIT 1""",
    )[0]
    return int(row["id"]), str(row["name"]), int(row["n"])


def search_matches(db: str, q: str) -> int:
    q = q.replace("'", "''")
    rows = fetch(
        db, f"SELECT count(*) AS n FROM articles WHERE search @@ websearch_to_tsquery('english', '{q}')"
    )
    return int(rows[0]["n"])


# --- servers --------------------------------------------------------------------------------------


def ours_name(workers: int, before: bool = False) -> str:
    name = "before" if before else "newsgraph"
    return name if workers == 1 else f"{name} x{workers}"


def start_ours(
    db: str, variables: dict[str, dict[str, Any]], workers: int, baseline: Path | None = None
) -> Server:
    """Our server on db; with baseline, the code of that checkout (first on PYTHONPATH)."""
    port = free_port()
    env = env_for(db)
    if baseline is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(baseline), *filter(None, [env.get("PYTHONPATH")])])
    proc = subprocess.Popen(
        [NEWSGRAPH, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env,
        cwd=baseline or ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port)
    name = ours_name(workers, before=baseline is not None)
    return Server(name, f"http://127.0.0.1:{port}/graphql", proc, OURS, variables)


def start_postgraphile(db: str, variables: dict[str, dict[str, Any]]) -> Server:
    binary = PG_DIR / "node_modules" / ".bin" / "postgraphile"
    if not binary.exists():
        raise SystemExit(f"{binary} is missing: run `npm ci` in {PG_DIR} (or pass --no-postgraphile)")
    port = free_port()
    cmd = [
        str(binary),
        *("--connection", dsn(db), "--schema", "public", "--host", "127.0.0.1", "--port", str(port)),
        *("--disable-default-mutations", "--dynamic-json", "--no-setof-functions-contain-nulls"),
        *("--simple-collections", "omit", "--append-plugins", "@graphile-contrib/pg-simplify-inflector"),
        "--disable-query-log",
    ]
    proc = subprocess.Popen(cmd, cwd=PG_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return Server("postgraphile", f"http://127.0.0.1:{port}/graphql", proc, POSTGRAPHILE, variables)


# --- measuring ------------------------------------------------------------------------------------


def body(server: Server, q: str) -> bytes:
    return json.dumps({"query": server.queries[q], "variables": server.variables.get(q, {})}).encode()


def check(client: httpx.Client, server: Server, q: str) -> int:
    """One request, which must succeed with data; returns the response size in bytes."""
    r = client.post(server.url, content=body(server, q), headers={"content-type": "application/json"})
    payload = r.json()
    if r.status_code != 200 or payload.get("errors") or not payload.get("data"):
        raise SystemExit(f"{server.name} {q} failed ({r.status_code}): {r.text[:500]}")
    return len(r.content)


def sequential(client: httpx.Client, server: Server, q: str, n: int) -> list[float]:
    content = body(server, q)
    times: list[float] = []
    for _ in range(n):
        started = time.perf_counter()
        r = client.post(server.url, content=content, headers={"content-type": "application/json"})
        r.raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return times


def load_wrk(server: Server, q: str, concurrency: int, duration: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="newsgraph_bench_") as tmp:
        script, payload = Path(tmp) / "post.lua", Path(tmp) / "body.json"
        script.write_text(WRK_SCRIPT)
        payload.write_bytes(body(server, q))
        proc = subprocess.run(
            [
                "wrk",
                *("-t", str(min(2, concurrency)), "-c", str(concurrency), "-d", f"{duration:g}s"),
                *("--timeout", "10s", "-s", str(script), server.url),
            ],
            env={**os.environ, "BENCH_BODY_FILE": str(payload)},
            capture_output=True,
            text=True,
            timeout=duration + 60,
        )
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no figures: {proc.stdout[-800:]} {proc.stderr[-800:]}")
    raw = json.loads(line[6:])
    return {
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50": raw["p50"] / 1000,
        "p95": raw["p95"] / 1000,
        "p99": raw["p99"] / 1000,
        "errors": raw["errors"] + raw["non2xx"],
    }


def load_httpx(server: Server, q: str, concurrency: int, duration: float) -> dict[str, float]:
    async def go() -> dict[str, float]:
        content = body(server, q)
        times: list[float] = []
        errors = 0
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(limits=limits, timeout=10.0) as client:
            end = time.perf_counter() + duration

            async def worker() -> None:
                nonlocal errors
                while time.perf_counter() < end:
                    started = time.perf_counter()
                    try:
                        r = await client.post(
                            server.url, content=content, headers={"content-type": "application/json"}
                        )
                        if r.status_code != 200:
                            errors += 1
                    except httpx.HTTPError:
                        errors += 1
                    times.append((time.perf_counter() - started) * 1000)

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            elapsed = time.perf_counter() - started
        return {
            "rps": len(times) / elapsed,
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "p99": percentile(times, 99),
            "errors": errors,
        }

    return asyncio.run(go())


def measure(server: Server, q: str, args: argparse.Namespace, figures: Figures) -> None:
    with httpx.Client(timeout=30.0) as client:
        check(client, server, q)
        sequential(client, server, q, max(5, args.requests // 10))  # warm: caches, pools, JIT
        for _ in range(args.repeat):
            times = sequential(client, server, q, args.requests)
            figures.seq_p50.append(percentile(times, 50))
            figures.seq_p95.append(percentile(times, 95))
            figures.seq_p99.append(percentile(times, 99))
    loader = load_wrk if shutil.which("wrk") and not args.httpx_load else load_httpx
    for concurrency in args.concurrency:
        load = figures.load.setdefault(concurrency, Load())
        for _ in range(args.repeat):
            result = loader(server, q, concurrency, args.duration)
            load.rps.append(result["rps"])
            load.p50.append(result["p50"])
            load.p95.append(result["p95"])
            load.p99.append(result["p99"])
            load.errors += int(result["errors"])


# --- report ---------------------------------------------------------------------------------------


def print_tables(
    results: dict[tuple[str, int, str], Figures], sizes: list[int], names: list[str], args: argparse.Namespace
) -> None:
    levels = ",".join(map(str, args.concurrency))
    print(
        f"\nGraphQL: single client ({args.requests} sequential requests), then {levels} concurrent "
        f"connections for {args.duration:g} s each; medians of {args.repeat} repeat(s); times in ms"
    )
    header = (
        f"{'server':13} {'pages':>6} {'query':5} {'p50':>7} {'p95':>7} {'p99':>7} | {'conns':>5} "
        f"{'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for name in names:
        for size in sizes:
            for q in QUERIES:
                f = results.get((name, size, q))
                if f is None:
                    continue
                single = f"{median(f.seq_p50):>7.1f} {median(f.seq_p95):>7.1f} {median(f.seq_p99):>7.1f}"
                for n, (conns, load) in enumerate(sorted(f.load.items())):
                    lead = f"{name:13} {size:>6} {q:5} {single}" if n == 0 else " " * 51
                    print(
                        f"{lead} | {conns:>5} {median(load.rps):>7.1f} {median(load.p50):>7.1f} "
                        f"{median(load.p95):>7.1f} {median(load.p99):>7.1f} {load.errors:>6}"
                    )
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        print(f"\ngrowth {large} vs {small} pages (loaded req/s ratio; single-client p50 ratio)")
        for name in names:
            for q in QUERIES:
                a, b = results.get((name, small, q)), results.get((name, large, q))
                if a and b:
                    print(f"  {name:13} {q}  {ratios(b, a)}")
    if "postgraphile" in names:
        print("\nours / PostGraphile (same database, same run): throughput and single-client p50")
        for ours in (n for n in names if n != "postgraphile"):
            print_ratios(results, sizes, ours, "postgraphile")
    befores = [n for n in names if n.startswith("before")]
    if befores:
        print("\nours / before (same database, same run): throughput and single-client p50")
        for before in befores:
            print_ratios(results, sizes, before.replace("before", "newsgraph", 1), before)


def print_ratios(
    results: dict[tuple[str, int, str], Figures], sizes: list[int], name: str, other: str
) -> None:
    for size in sizes:
        for q in QUERIES:
            a, b = results.get((name, size, q)), results.get((other, size, q))
            if a and b:
                print(f"  {name:13} {size:>6} {q}  {ratios(a, b)}")


def ratios(a: Figures, b: Figures) -> str:
    """a's loaded throughput and single-client p50 over b's."""
    rps = median(a.top().rps) / median(b.top().rps)
    return f"req/s x{rps:.2f}   p50 x{median(a.seq_p50) / median(b.seq_p50):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per measurement")
    parser.add_argument(
        "--concurrency",
        type=lambda v: sorted({int(c) for c in v.split(",") if c}),
        default=[16],
        help="concurrent connections, one load measurement each, e.g. 4,8,16",
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of concurrent load")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--search", default="drought relief", help="Q3's search text")
    parser.add_argument("--queries", default="Q1,Q2,Q3,Q4")
    parser.add_argument(
        "--workers", default="1", help="our server's process counts to measure, e.g. 1,2 (serve --workers)"
    )
    parser.add_argument(
        "--baseline", type=Path, help="also measure this checkout's code (before), in the same run"
    )
    parser.add_argument(
        "--interleave", action="store_true", help="all servers up at once, each query on each in turn"
    )
    parser.add_argument("--no-postgraphile", action="store_true")
    parser.add_argument("--httpx-load", action="store_true", help="use the Python load loop, not wrk")
    parser.add_argument("--keep-db", action="store_true", help="keep newsgraph_bench_graphql_* databases")
    parser.add_argument("--rebuild", action="store_true", help="make the databases again")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", choices=CORPORA, default="archive", help="which generated corpus")
    parser.add_argument(
        "--source",
        help="the database to copy, {size} standing for the size "
        "(default newsgraph_bench_ingest_inline_{size}_archive, when present)",
    )
    parser.add_argument(
        "--db-suffix",
        default="",
        help="appended to the databases' names (newsgraph_bench_graphql_<size>_archive<suffix>), so two "
        "people benchmarking on one machine do not drop each other's",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    queries = [q for q in args.queries.split(",") if q]
    worker_counts = [int(w) for w in args.workers.split(",") if w]
    names = [ours_name(w, before=True) for w in worker_counts] if args.baseline else []
    names += [ours_name(w) for w in worker_counts] + ([] if args.no_postgraphile else ["postgraphile"])
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    results: dict[tuple[str, int, str], Figures] = {}
    for size in sizes:
        db = prepare_db(size, args.seed, args.rebuild, args.corpus, args.source, args.db_suffix)
        person_id, person, person_articles = top_person(db)
        matches = search_matches(db, args.search)
        print(
            f"{size} pages: Q2 person {person!r} (id {person_id}) in {person_articles} articles; "
            f"Q3 {args.search!r} matches {matches} articles",
            file=sys.stderr,
        )
        gid = base64.b64encode(f"Person:{person_id}".encode()).decode()
        ours_variables = {"Q2": {"id": gid}, "Q3": {"q": args.search}}
        starts: list[Callable[[], Server]] = []
        if args.baseline:
            starts += [partial(start_ours, db, ours_variables, w, args.baseline) for w in worker_counts]
        starts += [partial(start_ours, db, ours_variables, w) for w in worker_counts]
        if not args.no_postgraphile:
            starts.append(
                partial(start_postgraphile, db, {"Q2": {"id": str(person_id)}, "Q3": {"q": args.search}})
            )
        servers: list[Server] = []

        def measured(server: Server, q: str, size: int = size) -> None:
            figures = results.setdefault((server.name, size, q), Figures())
            measure(server, q, args, figures)
            print(
                f"  {server.name:13} {size:>6} {q}: p50 {median(figures.seq_p50):.1f} ms, "
                f"{median(figures.top().rps):.1f} req/s at {max(figures.load)} connections "
                f"(load average {os.getloadavg()[0]:.2f})",
                file=sys.stderr,
                flush=True,
            )

        try:
            if args.interleave:
                servers = [start() for start in starts]
                for q in queries:
                    for server in servers:
                        measured(server, q)
            else:
                # one server at a time: a server waiting idle would still hold memory and connections
                for start in starts:
                    server = start()
                    servers.append(server)
                    for q in queries:
                        measured(server, q)
                    stop(server.proc)
        finally:
            for server in servers:
                stop(server.proc)
        if not args.keep_db:
            drop_db(db)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    print_tables(results, sizes, names, args)


if __name__ == "__main__":
    main()

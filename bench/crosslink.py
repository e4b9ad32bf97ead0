"""Cross-linking time on a kept ingest database: the first run and a re-run with nothing new.

    python bench/crosslink.py [--size 10000] [--source DB] [--work DB] [--repeat 1]
                              [--dump PATH] [--check PATH] [--keep-db] [--corpus archive|flat]

Copies `newsgraph_bench_ingest_inline_<size>_archive` (left by `bench/ingest.py --keep-db`, the archive
corpus; `--corpus flat`: `newsgraph_bench_ingest_inline_<size>`, the flat one; `--source` names another
`newsgraph_bench_*` database) to a scratch database (`newsgraph_bench_xl_<size>` unless `--work`),
resets it to the state an ingest leaves before its first cross-linking (every
doc_entities.entity_id NULL, no entities, related_articles, article_entity_sets or leftovers, the
entities id sequence restarted; then
VACUUM FULL ANALYZE, so the tables are as compact as freshly inserted ones and have statistics), and
times in this process:

- first run:  `crosslink()` in one transaction, commit included (creates every entity);
- re-run:     `crosslink()` again on the result, nothing new (must write nothing; since every page
              is marked cross-linked, it finds nothing pending and returns at once);
- forced re-run: the same with the marks cleared (`documents.crosslinked` NULL), so it reads and
              resolves the whole corpus again and must still write nothing.

Each run prints its wall seconds, this process's CPU seconds (less noisy on a shared machine), the
process's peak RSS so far (after `--dump`/`--check`, the re-run's figure includes the dump), its
created/updated/unchanged counts, and a breakdown: time inside each SQL statement (grouped by its
first words, from SQLAlchemy's cursor events, so rows transferred are included) and inside the pure
pipeline calls (`resolve_members`, `rank_related`); "python, rest" is what is left on the calling
thread (reading rows into records, diffs, building parameters, commit, waiting for a worker thread).
A pipeline call made in a worker thread runs while the SQL above it does: it is listed, marked, and
not subtracted.
Then cross-linking's own steps (store/resolution.py `read_corpus`, `write_keys`, `write_all`;
store/ranking.py `write_all_sets`, `write_related`), each timed whole. With `--repeat N` the pair is
timed N times, each on a fresh copy, and the medians are printed too.

`--dump PATH` writes what the first run produced (entities, doc_entities → entity key, related
articles, the counts) as JSON; `--check PATH` compares this run's first-run outcome with such a dump,
by content keys and by ids, and exits non-zero on any difference. Only `newsgraph_bench_*` databases
are touched; the source is only read (as a template, which needs it to have no other connection at
that moment: when others copy the same database, copy it once to a private `--source`), and the
scratch copy is dropped at the end unless --keep-db.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
from common import (
    CORPORA,
    check_name,
    copy_db,
    corpus_suffix,
    db_exists,
    drop_db,
    dsn,
    median,
    migrate,
    sqlalchemy_url,
)

THREADED = " (worker thread, overlaps the SQL)"
# cross-linking's steps (store/resolution.py, store/ranking.py), timed whole
STEPS = (
    ("store.resolution", "read_corpus"),
    ("store.resolution", "write_keys"),
    ("store.resolution", "write_all"),
    ("store.ranking", "write_all_sets"),
    ("store.ranking", "write_related"),
)
# the pure calls, timed apart from the SQL
CALLS = (("store.resolution", "resolve_members"), ("store.entities", "rank_related"))
RESET = [
    "UPDATE doc_entities SET entity_id = NULL WHERE entity_id IS NOT NULL",
    "UPDATE documents SET crosslinked = NULL",
    "DELETE FROM related_articles",
    "DELETE FROM article_entity_sets",
    "DELETE FROM crosslink_leftovers",
    "DELETE FROM entities",
    "SELECT setval(pg_get_serial_sequence('entities', 'id'), 1, false)",
]


class Phases:
    """Seconds per phase: SQL statements by their first words, and the wrapped pipeline calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._sql_started: list[float] = []
        self.cpu = 0.0  # this process's CPU seconds: less noisy than wall time on a shared machine
        self.steps: dict[str, float] = defaultdict(float)  # crosslink's own steps, SQL included

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds
        self.calls[name] += 1

    @staticmethod
    def label(statement: str) -> str:
        words = " ".join(statement.split())
        return "sql " + words[:70]

    def before(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self._sql_started.append(time.perf_counter())

    def after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.add(self.label(statement), time.perf_counter() - self._sql_started.pop())

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                in_thread = threading.current_thread() is not threading.main_thread()
                self.add(name + (THREADED if in_thread else ""), time.perf_counter() - started)

        return timed

    def wrap_step(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                self.steps[name] += time.perf_counter() - started

        return timed


@contextmanager
def instrumented(engine: Any, phases: Phases) -> Iterator[None]:
    import importlib

    from sqlalchemy import event

    sync = engine.sync_engine
    event.listen(sync, "before_cursor_execute", phases.before)
    event.listen(sync, "after_cursor_execute", phases.after)
    originals = [
        (module, name, getattr(module, name))
        for module, name in ((importlib.import_module(m), n) for m, n in (*STEPS, *CALLS))
        if hasattr(module, name)
    ]
    steps = {name for _, name in STEPS}
    for module, name, fn in originals:
        if name in steps:
            setattr(module, name, phases.wrap_step(f"{name}()", fn))
        else:
            setattr(module, name, phases.wrap(f"py  {name}()", fn))
    try:
        yield
    finally:
        for module, name, fn in originals:
            setattr(module, name, fn)
        event.remove(sync, "before_cursor_execute", phases.before)
        event.remove(sync, "after_cursor_execute", phases.after)


async def reset(db: str) -> None:
    conn = await asyncpg.connect(dsn(check_name(db)))
    try:
        async with conn.transaction():
            for sql in RESET:
                await conn.execute(sql)
        for table in ("doc_entities", "entities", "related_articles"):
            await conn.execute(f"VACUUM FULL ANALYZE {table}")
    finally:
        await conn.close()


def rerun(db: str, label: str, times: list[float]) -> bool:
    """Cross-links again over an unchanged corpus, which must write nothing. Returns whether it did."""
    seconds, counts, phases = asyncio.run(timed_crosslink(db))
    times.append(seconds)
    report(label, seconds, counts, phases)
    if any(c.get("created") or c.get("updated") for c in counts.values()):
        print(f"    {label} changed entities: cross-linking is not idempotent")
        return True
    return False


async def clear_marks(db: str) -> None:
    conn = await asyncpg.connect(dsn(check_name(db)))
    try:
        await conn.execute("UPDATE documents SET crosslinked = NULL")
    finally:
        await conn.close()


async def timed_crosslink(db: str) -> tuple[float, dict[str, dict[str, int]], Phases]:
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from store.entities import crosslink

    engine = create_async_engine(sqlalchemy_url(db))
    try:
        phases = Phases()
        sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
        async with engine.connect() as warm:  # the connection is not what is timed
            await warm.close()
        with instrumented(engine, phases):
            started, cpu = time.perf_counter(), time.process_time()
            async with sessionmaker.begin() as session:
                counts = await crosslink(session)
            seconds = time.perf_counter() - started
            phases.cpu = time.process_time() - cpu
        return seconds, counts, phases
    finally:
        await engine.dispose()


async def dump(db: str, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    conn = await asyncpg.connect(dsn(check_name(db)))
    try:
        entities = [
            dict(r)
            for r in await conn.fetch(
                "SELECT id, key, kind, name, aliases, subtype, reasons, search_text FROM entities"
                " ORDER BY key"
            )
        ]
        doc_entities = [
            [r["id"], r["entity_id"], r["key"]]
            for r in await conn.fetch(
                "SELECT d.id, d.entity_id, e.key FROM doc_entities d"
                " LEFT JOIN entities e ON e.id = d.entity_id ORDER BY d.id"
            )
        ]
        related = [
            [r["article_id"], r["rank"], r["other_id"], str(r["score"])]
            for r in await conn.fetch(
                "SELECT article_id, rank, other_id, score FROM related_articles ORDER BY article_id, rank"
            )
        ]
    finally:
        await conn.close()
    return {"counts": counts, "entities": entities, "doc_entities": doc_entities, "related": related}


def compare(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Differences by content (entity keys; article ids are untouched by cross-linking), then by id."""
    problems: list[str] = []
    if want["counts"] != got["counts"]:
        problems.append(f"counts differ: {want['counts']} != {got['counts']}")

    def by_key(d: dict[str, Any]) -> dict[str, Any]:
        return {e["key"]: {k: v for k, v in e.items() if k != "id"} for e in d["entities"]}

    wk, gk = by_key(want), by_key(got)
    if wk != gk:
        missing, extra = wk.keys() - gk.keys(), gk.keys() - wk.keys()
        changed = [k for k in wk.keys() & gk.keys() if wk[k] != gk[k]]
        problems.append(
            f"entities differ: {len(missing)} missing, {len(extra)} extra, {len(changed)} changed "
            f"(e.g. {sorted(missing)[:3]} {sorted(extra)[:3]} {sorted(changed)[:3]})"
        )
    wd = {r[0]: r[2] for r in want["doc_entities"]}
    gd = {r[0]: r[2] for r in got["doc_entities"]}
    if wd != gd:
        bad = [i for i in wd.keys() | gd.keys() if wd.get(i) != gd.get(i)]
        problems.append(f"doc_entities → entity key differ for {len(bad)} rows (e.g. {sorted(bad)[:5]})")
    if want["related"] != got["related"]:
        w = {(r[0], r[1]): r[2:] for r in want["related"]}
        g = {(r[0], r[1]): r[2:] for r in got["related"]}
        bad = [k for k in w.keys() | g.keys() if w.get(k) != g.get(k)]
        problems.append(f"related_articles differ in {len(bad)} rows (e.g. {sorted(bad)[:5]})")
    if not problems:
        wi = {e["key"]: e["id"] for e in want["entities"]}
        gi = {e["key"]: e["id"] for e in got["entities"]}
        if wi != gi or [r[:2] for r in want["doc_entities"]] != [r[:2] for r in got["doc_entities"]]:
            problems.append("same content, but entity ids differ")
    return problems


def report(title: str, seconds: float, counts: dict[str, dict[str, int]], phases: Phases) -> None:
    totals = {k: sum(c.get(k, 0) for c in counts.values()) for k in ("created", "updated", "unchanged")}
    by_kind = json.dumps(counts, sort_keys=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"{title}: {seconds:.2f} s (client CPU {phases.cpu:.2f} s, peak RSS so far {peak:.0f} MiB)"
        f"   {totals}   {by_kind}"
    )
    accounted = sum(v for k, v in phases.seconds.items() if not k.endswith(THREADED))
    rows = sorted(phases.seconds.items(), key=lambda kv: -kv[1])
    for name, s in rows:
        if s >= 0.01:
            print(f"    {s:8.2f} s  {phases.calls[name]:>4}×  {name}")
    print(f"    {seconds - accounted:8.2f} s         python, rest (records, diffs, parameters, commit)")
    for name, s in phases.steps.items():
        print(f"    step {name:20} {s:8.2f} s (its SQL and Python together)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10000, help="pages of the kept ingest database")
    parser.add_argument(
        "--source", help="database to copy (default newsgraph_bench_ingest_inline_<size>_archive)"
    )
    parser.add_argument("--corpus", choices=CORPORA, default="archive", help="the default source's corpus")
    parser.add_argument("--work", help="scratch copy (default newsgraph_bench_xl_<size>)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="first run + re-run pairs, each on a fresh copy"
    )
    parser.add_argument("--dump", type=Path, help="write the first run's outcome as JSON")
    parser.add_argument("--check", type=Path, help="compare the first run's outcome with a --dump file")
    parser.add_argument("--keep-db", action="store_true", help="keep the scratch copy")
    args = parser.parse_args()
    source = check_name(
        args.source or f"newsgraph_bench_ingest_inline_{args.size}{corpus_suffix(args.corpus)}"
    )
    work = check_name(args.work or f"newsgraph_bench_xl_{args.size}")
    if source == work:
        parser.error("--work must differ from the source database")
    if not db_exists(source):
        raise SystemExit(
            f"{source} is missing: run bench/ingest.py --sizes {args.size} --modes inline --keep-db "
            f"--corpus {args.corpus}"
        )
    firsts: list[float] = []
    reruns: list[float] = []
    forced: list[float] = []
    failed = False
    for n in range(args.repeat):
        copy_db(source, work)
        migrate(work)
        asyncio.run(reset(work))
        seconds, counts, phases = asyncio.run(timed_crosslink(work))
        firsts.append(seconds)
        if n == 0:
            import store.entities

            print(f"crosslink() from {store.entities.__file__}, on a copy of {source} in {work}")
        report(f"[{n + 1}/{args.repeat}] first run", seconds, counts, phases)
        if n == 0 and (args.dump or args.check):
            outcome = asyncio.run(dump(work, counts))
            if args.dump:
                args.dump.write_text(json.dumps(outcome, sort_keys=True, default=str))
                print(f"    outcome written to {args.dump}")
            if args.check:
                problems = compare(
                    json.loads(args.check.read_text()), json.loads(json.dumps(outcome, default=str))
                )
                print(
                    "    check: "
                    + ("identical to " + str(args.check) if not problems else "; ".join(problems))
                )
                failed = failed or bool(problems)
        failed = rerun(work, f"[{n + 1}/{args.repeat}] re-run, nothing new", reruns) or failed
        asyncio.run(clear_marks(work))
        failed = rerun(work, f"[{n + 1}/{args.repeat}] forced re-run, marks cleared", forced) or failed
    every = {
        name: ", ".join(f"{s:.2f}" for s in runs)
        for name, runs in (("first", firsts), ("re", reruns), ("forced", forced))
    }
    print(
        f"\n{source}: first run median {median(firsts):.2f} s (all: {every['first']}), "
        f"re-run median {median(reruns):.2f} s (all: {every['re']}), "
        f"forced re-run median {median(forced):.2f} s (all: {every['forced']})"
    )
    if not args.keep_db:
        drop_db(work)
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

"""Re-ingesting one page into a kept archive, end to end: what a run that changes one page costs.

    python bench/reingest.py [--size 10000] [--source DB] [--before PATH] [--repeat 1] [--keep-db]

Copies `newsgraph_bench_ingest_inline_<size>_archive` (left by `bench/ingest.py --keep-db`) to a
scratch database, migrates it, and brings it to this checkout's cross-linking with `newsgraph
crosslink` (timed: when the source was made by other code this is a full cross-linking, the one-off
cost of the upgrade). Then, each through the real command line (`newsgraph ingest --inline FILE`, a new
process, wall time from its start to its exit):

- changed:   one page of the corpus (the middle file) with one excerpt edited (the last sentence of
             its longest entry dropped), stored under the same file name, so it replaces that page;
- unchanged: the same file again (nothing is stored: the fixed cost of a run, start-up included);
- new:       a page the archive has not seen (page 0 of the archive corpus with another seed), with
             new articles: one more article with entities moves every IDF weight, so every ranking
             is redone (resolution stays incremental).

Each line gives the wall seconds, and the cross-linking part (from the run's `finished_at`, the start
of the finishing transaction, to the command's exit, as bench/ingest.py measures it). Then the result
is checked: a copy of it is cross-linked in full (`newsgraph crosslink --full`, timed) and must differ in
nothing, ids included (`--no-verify` skips this).

`--before PATH` runs the same steps, in the same order and on another copy of the same source, with
the code of another checkout (PYTHONPATH=PATH; e.g. an export of main), so both figures come from one
run on one machine; the two databases' resolution (entities with their article counts, each doc
entity's node, by content) is then compared. (Related articles are not: this branch changed their
weights.) Only
`newsgraph_bench_*` databases are touched; the copies are dropped unless --keep-db.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
from common import (
    NEWSGRAPH,
    ROOT,
    check_name,
    copy_db,
    corpus,
    db_exists,
    drop_db,
    dsn,
    env_for,
    fetch,
    median,
)

# what cross-linking decides, by content, whatever the ids: resolution (which both checkouts must agree
# on), then ranking (whose weights this branch changed: compared with a full cross-linking instead)
RESOLUTION_SQL = {
    "entities": "SELECT key, kind, name, aliases, subtype, reasons, evidence, search_text, article_count"
    " FROM entities",
    "doc_entities": "SELECT d.identity, de.idx, e.key FROM doc_entities de"
    " JOIN documents d ON d.id = de.document_id LEFT JOIN entities e ON e.id = de.entity_id",
}
OUTCOME_SQL = {
    **RESOLUTION_SQL,
    "related": "SELECT s.name, a.norm_title, r.rank, o.norm_title, r.score FROM related_articles r"
    " JOIN articles a ON a.id = r.article_id JOIN articles o ON o.id = r.other_id"
    " JOIN sources s ON s.id = a.source_id",
    "article_entity_sets": "SELECT article_id, entity_ids FROM article_entity_sets",
    "entity_ids": "SELECT id, key FROM entities",
    "doc_entity_ids": "SELECT id, entity_id FROM doc_entities",
    "keys": "SELECT doc_entity_id, keys FROM doc_entity_keys",
}


@dataclass
class Step:
    name: str
    wall_s: float
    crosslink_s: float
    status: str


def changed_page(page: Path) -> str:
    """The page with the last sentence of its longest entry dropped: an excerpt edited, as listings do."""
    text = page.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    longest = max(range(len(blocks)), key=lambda i: len(blocks[i]))
    body = blocks[longest].rstrip()
    cut = body.rstrip(".").rfind(". ")
    if cut < 0:
        raise SystemExit(f"{page}: no sentence to drop in its longest entry")
    blocks[longest] = body[: cut + 1]
    return "\n\n".join(blocks)


def new_page() -> tuple[str, str]:
    """A page of the archive corpus made with another seed: articles the archive has not seen."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import build

    page = build(20, seed=4242, archive=True)[0]
    return f"new_{page.name}", page.text


def newsgraph(args: list[str], db: str, pythonpath: str) -> tuple[float, str]:
    env = env_for(db)
    env["PYTHONPATH"] = pythonpath
    started = time.perf_counter()
    proc = subprocess.run(
        [NEWSGRAPH, *args], env=env, cwd=pythonpath, capture_output=True, text=True, timeout=3600
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-2000:])
        raise SystemExit(f"newsgraph {' '.join(args)} exited {proc.returncode}")
    return seconds, proc.stdout


def ingest(name: str, path: Path, db: str, pythonpath: str) -> Step:
    wall, _ = newsgraph(["ingest", "--inline", str(path)], db, pythonpath)
    ended = time.time()
    row = fetch(
        db,
        "SELECT status, extract(epoch FROM finished_at) AS finished FROM ingestion_runs"
        " ORDER BY created_at DESC LIMIT 1",
    )[0]
    return Step(name, wall, ended - float(row["finished"]), str(row["status"]))


async def _outcome(db: str, queries: dict[str, str]) -> dict[str, Counter[tuple[Any, ...]]]:
    conn = await asyncpg.connect(dsn(check_name(db)))
    try:
        out = {}
        for name, sql in queries.items():
            out[name] = Counter(
                tuple(tuple(v) if isinstance(v, list) else v for v in r.values())
                for r in await conn.fetch(sql)
            )
        return out
    finally:
        await conn.close()


def differences(a: str, b: str, queries: dict[str, str]) -> list[str]:
    want, got = asyncio.run(_outcome(a, queries)), asyncio.run(_outcome(b, queries))
    out = []
    for name in queries:
        if want[name] != got[name]:
            missing, extra = want[name] - got[name], got[name] - want[name]
            sample = next(iter(missing or extra))
            out.append(
                f"{name}: {sum(missing.values())} rows only before, {sum(extra.values())} only after; "
                f"e.g. {str(sample)[:160]}"
            )
    return out


def run_steps(label: str, db: str, pythonpath: str, files: dict[str, Path]) -> list[Step]:
    steps = [
        ingest("changed", files["changed"], db, pythonpath),
        ingest("unchanged", files["changed"], db, pythonpath),
        ingest("new", files["new"], db, pythonpath),
    ]
    for s in steps:
        print(
            f"  {label:6} {s.name:9} {s.wall_s:7.2f} s  (cross-linking {s.crosslink_s:6.2f} s)  {s.status}",
            file=sys.stderr,
            flush=True,
        )
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10000, help="pages of the kept ingest database")
    parser.add_argument(
        "--source", help="database to copy (default newsgraph_bench_ingest_inline_<size>_archive)"
    )
    parser.add_argument("--before", type=Path, help="another checkout to measure the same steps with")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the steps, each on fresh copies")
    parser.add_argument("--keep-db", action="store_true", help="keep the scratch copies")
    parser.add_argument(
        "--no-verify",
        dest="verify",
        action="store_false",
        help="skip comparing the result with a full cross-linking of a copy of it",
    )
    args = parser.parse_args()
    source = check_name(args.source or f"newsgraph_bench_ingest_inline_{args.size}_archive")
    if not db_exists(source):
        raise SystemExit(
            f"{source} is missing: run bench/ingest.py --sizes {args.size} --modes inline --keep-db"
        )
    pages = sorted(p for p in corpus(args.size).iterdir() if p.is_file() and not p.name.startswith("."))
    original = pages[len(pages) // 2]
    work = Path(tempfile.mkdtemp(prefix="newsgraph_reingest_"))
    try:
        files = {"changed": work / original.name}
        files["changed"].write_text(changed_page(original), encoding="utf-8")
        name, text = new_page()
        files["new"] = work / name
        files["new"].write_text(text, encoding="utf-8")
        sides = [("after", f"newsgraph_bench_reingest_{args.size}", str(ROOT))]
        if args.before:
            sides.insert(
                0, ("before", f"newsgraph_bench_reingest_{args.size}_before", str(args.before.resolve()))
            )
        print(f"source {source}; changed page {original.name}; new page {name}", file=sys.stderr)
        results: dict[str, list[list[Step]]] = {label: [] for label, _, _ in sides}
        for _ in range(args.repeat):
            for label, db, pythonpath in sides:
                copy_db(source, db)
                newsgraph(["migrate"], db, pythonpath)
                if label == "after":
                    seconds, _ = newsgraph(["crosslink"], db, pythonpath)
                    print(f"  after  crosslink once after the upgrade: {seconds:.1f} s", file=sys.stderr)
            # the steps alternate between the sides, so both see the same load
            for label, db, pythonpath in sides:
                results[label].append(run_steps(label, db, pythonpath, files))
            if args.before:
                problems = differences(sides[0][1], sides[1][1], RESOLUTION_SQL)
                print(
                    "  resolution, before and after: "
                    + ("the same" if not problems else "; ".join(problems)),
                    file=sys.stderr,
                )
            if args.verify:
                after = sides[-1][1]
                copy_db(after, after + "_full")
                seconds, _ = newsgraph(["crosslink", "--full"], after + "_full", str(ROOT))
                problems = differences(after, after + "_full", OUTCOME_SQL)
                print(
                    f"  after, then crosslink --full ({seconds:.1f} s): "
                    + ("nothing differs (ids included)" if not problems else "; ".join(problems)),
                    file=sys.stderr,
                )
                drop_db(after + "_full")
        load = os.getloadavg()
        print(
            f"\nre-ingest into {args.size} pages, median of {args.repeat} run(s); load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end"
        )
        print(f"{'side':8} {'step':10} {'wall s':>8} {'xlink s':>8}")
        for label, _, _ in sides:
            runs = results[label]
            for k, step in enumerate(runs[0]):
                wall = median([r[k].wall_s for r in runs])
                xlink = median([r[k].crosslink_s for r in runs])
                print(f"{label:8} {step.name:10} {wall:8.2f} {xlink:8.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep_db:
            for _, db, _ in (
                ("", f"newsgraph_bench_reingest_{args.size}", ""),
                ("", f"newsgraph_bench_reingest_{args.size}_before", ""),
            ):
                drop_db(db)


if __name__ == "__main__":
    main()

"""Ingest throughput on the generated corpus: pages/s and articles/s, inline and with two workers.

    python bench/ingest.py [--sizes 1000,10000] [--modes inline,workers] [--repeat 1] [--seed 0]
                           [--corpus archive|flat] [--keep-db] [--timeout 3600] [--progress 60]

For each size, the corpus is made once by bench/corpus.py (cached in /tmp/newsgraph_bench_corpus): the
archive corpus (articles on about nine listings each, three layouts) unless `--corpus flat` (every
article on one page, the corpus of the figures before issue 16). Each measurement ingests it into a
fresh, migrated database `newsgraph_bench_ingest_<mode>_<size>_archive` (`…_<size>` for the flat
corpus) through the real command line:

- inline:  `newsgraph ingest --inline DIR`
- workers: two `newsgraph worker` processes, then `newsgraph ingest DIR` (queues arq jobs and waits);
           Redis database 13 (NEWSGRAPH_BENCH_REDIS) so no other worker takes the jobs.

Figures are wall-clock times of the `newsgraph ingest` process, so they include the cross-linking step
(entity resolution across documents and related-article ranking) that ends every run. Cross-linking
is also reported on its own: from the run's `finished_at` (the start of the finishing transaction,
which runs crosslink first) to the command's exit; this includes at most one 0.2 s progress poll in
workers mode and the CLI's summary and exit (tens of ms). Each run also reports the database's size
after it (`pg_database_size`, tables and indexes) and the load average (1 minute) at its start and end.

Every --progress seconds a long run prints the files done so far, pages/s overall and over the last
interval (a per-page cost that grows with the archive shows as a falling interval rate) and the load
average. Databases are dropped afterwards unless --keep-db (graphql_load.py copies
`newsgraph_bench_ingest_inline_<size>[_archive]` when it is there, or the database `--db` names).
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import IO

from common import (
    BENCH_REDIS_URL,
    CORPORA,
    NEWSGRAPH,
    ROOT,
    corpus,
    corpus_suffix,
    drop_db,
    env_for,
    fetch,
    fresh_db,
    median,
    stop,
)

WORKERS = 2


@dataclass
class Result:
    mode: str
    size: int
    pages: int
    articles: int
    total_s: float
    crosslink_s: float
    files_s: float  # from the run's start to its last file recorded: the per-page work without cross-linking
    status: str
    db_bytes: int  # pg_database_size after the run
    load: tuple[float, float]  # 1-minute load average at the run's start and end

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.total_s

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.total_s


def db_name(mode: str, size: int, kind: str = "archive") -> str:
    return f"newsgraph_bench_ingest_{mode}_{size}{corpus_suffix(kind)}"


def _redis_keys(pattern: str) -> list[bytes]:
    import redis

    client = redis.Redis.from_url(BENCH_REDIS_URL)
    try:
        return list(client.scan_iter(match=pattern, count=1000))
    finally:
        client.close()


def _clear_queue() -> None:
    """Removes what an earlier benchmark left in its own Redis database (arq job keys, the queue)."""
    import redis

    client = redis.Redis.from_url(BENCH_REDIS_URL)
    try:
        keys = [k for pattern in ("arq:*", "newsgraph:*") for k in client.scan_iter(match=pattern)]
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def start_workers(db: str) -> list[subprocess.Popen[bytes]]:
    _clear_queue()
    procs = [
        subprocess.Popen(
            [NEWSGRAPH, "worker"],
            env=env_for(db),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(f"/tmp/newsgraph_bench_worker{n}.log", "wb"),  # noqa: SIM115
        )
        for n in range(WORKERS)
    ]
    # both processes import, warm the gazetteer and start polling; arq writes its health-check key on
    # the first poll. Both were started together, so a short grace after the key covers the second one:
    # `newsgraph ingest` must neither run the jobs itself nor time a worker's start-up
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            raise SystemExit("a `newsgraph worker` exited at start: see /tmp/newsgraph_bench_worker*.log")
        if _redis_keys("newsgraph:queue:health-check"):
            time.sleep(2.0)
            return procs
        time.sleep(0.2)
    for p in procs:
        stop(p)
    raise SystemExit("workers did not come up within 60 s")


def load1() -> float:
    return os.getloadavg()[0]


def files_done(db: str) -> int:
    """Files the newest run has recorded so far (the same count `newsgraph ingest`'s progress bar polls)."""
    rows = fetch(
        db,
        """SELECT count(*) AS n FROM run_files
           WHERE run_id = (SELECT id FROM ingestion_runs ORDER BY created_at DESC LIMIT 1)""",
    )
    return int(rows[0]["n"])


def ingest_with_progress(
    cmd: list[str], db: str, label: str, total_files: int, timeout: float, every: float
) -> bool:
    """Runs `newsgraph ingest`, printing progress every `every` seconds; False when it timed out (and was
    killed). Its output goes to a temporary file, not a pipe, so a long run never blocks on a full pipe."""
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, env=env_for(db), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        try:
            return _follow(proc, out, cmd, db, label, total_files, timeout, every)
        finally:
            if proc.poll() is None:  # interrupted: leave no `newsgraph ingest` behind
                proc.kill()
                proc.wait()


def _follow(
    proc: subprocess.Popen[bytes],
    out: IO[bytes],
    cmd: list[str],
    db: str,
    label: str,
    total_files: int,
    timeout: float,
    every: float,
) -> bool:
    started = time.perf_counter()
    last_t, last_n = started, 0
    while True:
        try:
            proc.wait(timeout=min(every, max(0.1, started + timeout - time.perf_counter())))
            break
        except subprocess.TimeoutExpired:
            now = time.perf_counter()
            if now - started >= timeout:
                proc.kill()
                proc.wait()
                return False
            n = files_done(db)
            stage = "cross-linking" if n >= total_files else "files"
            print(
                f"    {label}: {n:,}/{total_files:,} files in {now - started:,.0f} s "
                f"({n / (now - started):.1f} pages/s overall, "
                f"{(n - last_n) / (now - last_t):.1f} in the last {now - last_t:.0f} s; {stage}), "
                f"load {load1():.2f}",
                file=sys.stderr,
                flush=True,
            )
            last_t, last_n = now, n
    if proc.returncode != 0:
        out.seek(0)
        sys.stderr.write(out.read()[-3000:].decode(errors="replace"))
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return True


def measure(mode: str, size: int, seed: int, timeout: float, kind: str, every: float) -> Result:
    pages_dir = corpus(size, seed, kind)
    total_files = sum(1 for p in pages_dir.rglob("*") if p.is_file() and not p.name.startswith("."))
    db = db_name(mode, size, kind)
    fresh_db(db)
    workers = start_workers(db) if mode == "workers" else []
    try:
        cmd = [NEWSGRAPH, "ingest", str(pages_dir)] + (["--inline"] if mode == "inline" else [])
        load_start = load1()
        started = time.perf_counter()
        finished_in_time = ingest_with_progress(cmd, db, f"{mode} {size}", total_files, timeout, every)
        total = time.perf_counter() - started
        ended = time.time()
        load_end = load1()
    finally:
        for p in workers:
            stop(p)
    row = fetch(
        db,
        """SELECT r.status, extract(epoch FROM r.finished_at) AS finished,
                  extract(epoch FROM (SELECT max(f.finished_at) FROM run_files f WHERE f.run_id = r.id)
                                     - r.started_at) AS files_s,
                  (SELECT count(*) FROM run_files f WHERE f.run_id = r.id AND f.ok) AS pages,
                  (SELECT count(*) FROM articles) AS articles,
                  pg_database_size(current_database()) AS db_bytes
           FROM ingestion_runs r ORDER BY r.created_at DESC LIMIT 1""",
    )[0]
    finished = row["finished"]
    return Result(
        mode=mode,
        size=size,
        pages=int(row["pages"]),
        articles=int(row["articles"]),
        total_s=total,
        # a run that never finished: cross-linking took whatever the files left of the time limit
        crosslink_s=ended - float(finished) if finished is not None else math.nan,
        files_s=float(row["files_s"]),
        status=str(row["status"]) if finished_in_time else f"timed out after {timeout:g} s ({row['status']})",
        db_bytes=int(row["db_bytes"]),
        load=(load_start, load_end),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes in pages, comma-separated")
    parser.add_argument("--modes", default="inline,workers", help="inline, workers or both")
    parser.add_argument("--repeat", type=int, default=1, help="runs per (mode, size); medians are reported")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", choices=CORPORA, default="archive", help="which generated corpus")
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="seconds one `newsgraph ingest` may take before it is killed",
    )
    parser.add_argument(
        "--progress", type=float, default=60, help="seconds between progress lines during a run"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep newsgraph_bench_ingest_* databases")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    modes = [m for m in args.modes.split(",") if m]
    if any(m not in ("inline", "workers") for m in modes):
        parser.error("--modes takes inline and/or workers")
    results: dict[tuple[str, int], list[Result]] = {}
    for size in sizes:
        for mode in modes:
            for n in range(args.repeat):
                r = measure(mode, size, args.seed, args.timeout, args.corpus, args.progress)
                results.setdefault((mode, size), []).append(r)
                print(
                    f"  {mode:7} {size:>6} pages, run {n + 1}/{args.repeat}: {r.total_s:7.1f} s "
                    f"({r.pages_per_s:6.1f} pages/s), files {r.files_s:6.1f} s, cross-linking "
                    f"{r.crosslink_s:6.1f} s, database {r.db_bytes / 2**20:,.0f} MB, "
                    f"load {r.load[0]:.2f} -> {r.load[1]:.2f}, {r.status}",
                    file=sys.stderr,
                    flush=True,
                )
                if not args.keep_db:
                    drop_db(db_name(mode, size, args.corpus))
    print(f"corpus: {args.corpus} (seed {args.seed})")
    print_table(results, sizes, modes, args.repeat)


def print_table(
    results: dict[tuple[str, int], list[Result]], sizes: list[int], modes: list[str], repeat: int
) -> None:
    print(f"\ningest throughput (median of {repeat} run(s); times include cross-linking)")
    header = (
        f"{'mode':8} {'pages':>6} {'ok':>6} {'articles':>8} {'total s':>8} {'pages/s':>8} {'articles/s':>10} "
        f"{'xlink s':>8} {'xlink %':>7} {'files s':>8} {'files pages/s':>13} {'db MB':>7}  status"
    )
    print(header)
    print("-" * len(header))
    for mode in modes:
        for size in sizes:
            rs = results.get((mode, size), [])
            if not rs:
                continue
            total = median([r.total_s for r in rs])
            xlink = median([r.crosslink_s for r in rs])
            files = median([r.files_s for r in rs])
            status = ", ".join(sorted({r.status for r in rs}))
            pages = rs[0].pages
            articles = rs[0].articles
            db_mb = median([r.db_bytes / 2**20 for r in rs])
            print(
                f"{mode:8} {size:>6} {pages:>6} {articles:>8} {total:>8.1f} {pages / total:>8.1f} "
                f"{articles / total:>10.1f} {xlink:>8.1f} {100 * xlink / total:>6.1f}% "
                f"{files:>8.1f} {pages / max(files, 1e-9):>13.1f} {db_mb:>7,.0f}  {status}"
            )
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        print(f"\ngrowth {large} vs {small} pages (time ratio; {large / small:g} is linear)")
        for mode in modes:
            a, b = results.get((mode, small)), results.get((mode, large))
            if a and b:
                t = median([r.total_s for r in b]) / median([r.total_s for r in a])
                x = median([r.crosslink_s for r in b]) / max(median([r.crosslink_s for r in a]), 1e-9)
                f = median([r.files_s for r in b]) / median([r.files_s for r in a])
                print(f"  {mode:8} total x{t:.2f}   files x{f:.2f}   cross-linking x{x:.2f}")


if __name__ == "__main__":
    main()

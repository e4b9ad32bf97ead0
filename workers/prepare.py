"""Reading and processing files ahead of storing them, in other processes: `newsgraph ingest --inline`.

Parsing, extraction and linking are pure and take about as long per page as storing it, so on a
machine with several cores the pages are prepared in a process pool while the caller stores the ones
before. Results come back in the files' order, so a run stores the same rows in the same order
whatever the number of processes.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import AsyncGenerator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from workers.jobs import PreparedFile, prepare_file

log = logging.getLogger(__name__)

# below this many files per process, starting the processes (~0.7 s each, mostly imports) costs more
# than it saves
FILES_PER_PROCESS = 16
# files prepared ahead of the one being stored, per process: enough to keep every process busy while
# the caller stores, few enough that pages waiting in memory stay a handful
AHEAD_PER_PROCESS = 4


def processes_for(files: int, jobs: int) -> int:
    """How many pool processes to start for a run of `files` files, at most `jobs`; 0 means none."""
    wanted = min(jobs, files // FILES_PER_PROCESS)
    return wanted if jobs > 1 and wanted >= 1 else 0


async def prepared_in_order(
    files: list[str], max_bytes: int, jobs: int
) -> AsyncGenerator[PreparedFile, None]:
    """Yields each file prepared, in order, at most jobs × AHEAD_PER_PROCESS prepared ahead."""
    workers = processes_for(len(files), jobs)
    if workers == 0:
        for path in files:
            yield prepare_file(path, max_bytes)
        return
    # spawn, not fork: the parent holds open database connections and a running event loop
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    pending: deque[tuple[str, Future[PreparedFile] | None]] = deque()
    todo = iter(files)
    broken = False

    def submit(path: str) -> None:
        nonlocal broken
        future = None
        if not broken:
            try:
                future = pool.submit(prepare_file, path, max_bytes)
            except BrokenProcessPool:
                broken = True
        pending.append((path, future))

    try:
        for path in itertools.islice(todo, workers * AHEAD_PER_PROCESS):
            submit(path)
        while pending:
            path, future = pending.popleft()
            prepared = None
            if future is not None:
                try:
                    prepared = await asyncio.wrap_future(future)
                except BrokenProcessPool:
                    # a pool process died (out of memory, killed): nothing is lost, the rest is done here
                    if not broken:
                        log.warning("a preparing process stopped; preparing %s and the rest here", path)
                    broken = True
            if prepared is None:
                prepared = prepare_file(path, max_bytes)
            if (nxt := next(todo, None)) is not None:
                submit(nxt)
            yield prepared
    finally:
        pool.shutdown(wait=not broken, cancel_futures=True)

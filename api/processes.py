"""Several server processes, each with a listening socket of its own on the same port (SO_REUSEPORT).

uvicorn's own `workers=N` shares one socket among its processes: every process wakes when connections
arrive, and the first to run accepts all that are waiting (asyncio accepts up to its backlog per
wake-up). A client that opens its connections at once (wrk, a scraper's pool) can then land wholly on
one process: `serve --workers 2` measured 32.6 req/s on Q1 where both processes busy gave 57. With a
socket per process the kernel spreads new connections over the processes by their addresses.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import time
from multiprocessing.process import BaseProcess
from types import FrameType

# a process that exits this soon after it started failed to start (port taken, bad settings): starting
# it again would only fail again
STARTUP_GRACE_S = 10.0
STOP_TIMEOUT_S = 15.0


def supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _serve_one(host: str, port: int) -> None:
    import uvicorn

    from api.connections import uvicorn_options
    from api.logging import configure
    from settings import get_settings

    settings = get_settings()
    configure(settings)
    config = uvicorn.Config(
        "api.app:create_app",
        factory=True,
        log_level="info",
        log_config=None,
        **uvicorn_options(settings),
    )
    uvicorn.Server(config).run(sockets=[listening_socket(host, port)])


def serve(host: str, port: int, count: int) -> int:
    """Runs `count` server processes until SIGINT or SIGTERM; restarts one that dies after starting.
    Returns the exit status: 0 when stopped by a signal, 1 when a process failed to start."""
    # bound here first so a taken port is reported once, before any process starts
    listening_socket(host, port).close()
    context = multiprocessing.get_context("spawn")
    stopping: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.append(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    running: list[tuple[BaseProcess, float]] = []
    status = 0
    try:
        for _ in range(count):
            running.append(_start(context, host, port))
        while not stopping:
            time.sleep(0.2)
            for i, (process, started) in enumerate(running):
                if process.is_alive() or stopping:
                    continue
                if time.monotonic() - started < STARTUP_GRACE_S:
                    status = 1
                    stopping.append(0)
                    break
                running[i] = _start(context, host, port)
    finally:
        for process, _ in running:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests it holds, then exits
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for process, _ in running:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        for s, handler in previous.items():
            signal.signal(s, handler)
    return status


def _start(context: multiprocessing.context.SpawnContext, host: str, port: int) -> tuple[BaseProcess, float]:
    process = context.Process(target=_serve_one, args=(host, port), name="newsgraph-server")
    process.start()
    return process, time.monotonic()

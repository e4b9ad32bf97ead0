"""The crash test, small: SIGKILLing the worker mid-run changes nothing in what ends up stored.

100 pages: five batch jobs, so both kills land before the run ends (at 40 the run could end first).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# a Redis database of its own: the worker tests use 14, the rest of the suite 15, bench/kill_test.py 13
KILL_REDIS_DB = "12"


@pytest.mark.slow
def test_kill_worker_sigkilled_twice_stores_what_an_undisturbed_run_does() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "kill_test.py"),
            "--pages",
            "100",
            "--kills",
            "2",
            "--seed",
            "1",
            "--redis-db",
            KILL_REDIS_DB,
            # recovery is under test, not the corpus: the flat corpus keeps this run short
            "--corpus",
            "flat",
        ],
        capture_output=True,
        text=True,
        timeout=170,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "killed 2x" in result.stdout
    assert "run succeeded" in result.stdout
    assert "equal: the killed database holds exactly the undisturbed one's rows" in result.stdout

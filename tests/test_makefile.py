"""The Makefile's quick-start targets take the address to serve on."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("target", ["up", "serve"])
def test_makefile_serves_on_the_given_port(target: str) -> None:
    # -n: print the commands, run nothing (the recipe's prerequisites are printed too)
    dry = subprocess.run(
        ["make", "-n", "-B", target, "PORT=8123", "HOST=0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "newsgraph serve --host 0.0.0.0 --port 8123" in dry.stdout


def test_makefile_default_address_is_loopback_8000() -> None:
    dry = subprocess.run(["make", "-n", "-B", "serve"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "newsgraph serve --host 127.0.0.1 --port 8000" in dry.stdout

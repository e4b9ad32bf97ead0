"""The checked-in schema.graphql is what the API serves: a schema change shows up in review as a diff
of that file, and clients can generate code from it without running the server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_schema_snapshot_matches_export_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "api", "export-schema"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=SNAPSHOT.parent,
    )
    assert SNAPSHOT.read_text(encoding="utf-8") == result.stdout, (
        "schema.graphql differs from the served schema; if the change is intended, regenerate it with "
        "`newsgraph export-schema > schema.graphql` and commit the diff"
    )

"""The GraphQL-over-HTTP spec's reference audit (the npm package graphql-http's server audits) against
`newsgraph serve`: every MUST and every SHOULD passes.

Needs node and the packages of tests/http_audit (`npm ci` there; `make test` and `.ci/run` do it). It
fails rather than skips without them: a skipped audit would let the server drift from the spec unseen.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from api.settings import Settings
from tests.cli.serving import serving

AUDIT = Path(__file__).resolve().parent.parent / "http_audit"


def test_serve_passes_the_graphql_over_http_audit(settings: Settings, tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "node is not on PATH: the GraphQL-over-HTTP audit needs it (.ci/run installs it)"
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), f"run `npm ci` in {AUDIT} (make test does)"
    with serving(settings, tmp_path / "serve.log") as (url, _, _):
        run = subprocess.run(
            [node, "audit.mjs", f"{url}/graphql"],
            cwd=AUDIT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    assert len(results) >= 60, results  # graphql-http 1.23 has 61 server audits
    failed = [r for r in results if r["status"] != "ok"]
    report = "\n".join(
        f"{r['status']} {r['id']} {r['name']}: {r.get('reason')} "
        f"(got {r.get('responseStatus')} {r.get('responseBody', '')!r})"
        for r in failed
    )
    # error: a failed MUST; warn: a failed SHOULD; notice: a failed MAY (reported, not required)
    assert not [r for r in failed if r["status"] in ("error", "warn")], report

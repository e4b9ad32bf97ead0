"""Dependency audit for CI: fails on a known vulnerability that has a fixed release to move to.

Vulnerabilities with no fix yet are printed but do not fail the build: nothing can be done about
them by upgrading, and failing would only teach people to ignore the check.
"""

from __future__ import annotations

import json
import subprocess
import sys


def main() -> int:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--format",
            "json",
            "--progress-spinner",
            "off",
            "--skip-editable",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit gave no report (exit {run.returncode}):\n{run.stderr}", file=sys.stderr)
        return 2
    fixable = []
    for dep in report.get("dependencies", []):
        for vuln in dep.get("vulns", []):
            fixed_in = ", ".join(vuln["fix_versions"]) or "no release yet"
            line = f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed_in})"
            print(line)
            if vuln["fix_versions"]:
                fixable.append(line)
    audited = len(report.get("dependencies", []))
    print(f"audited {audited} packages: {len(fixable)} vulnerable with a fix available")
    return 1 if fixable else 0


if __name__ == "__main__":
    sys.exit(main())

"""PIPELINE_VERSION follows the pipeline's code and its word lists: a page stored by other code or other
lists is processed again on the next ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.page import _source_digest


@pytest.mark.parametrize("changed", ["code.py", "data/words.txt", "sub/data/table.json"])
def test_page_version_changes_with_code_and_data(tmp_path: Path, changed: str) -> None:
    for name in ("code.py", "data/words.txt", "sub/data/table.json", "notes.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{name}\n", encoding="utf-8")
    before = _source_digest(tmp_path)
    assert _source_digest(tmp_path) == before
    (tmp_path / changed).write_text("changed\n", encoding="utf-8")
    assert _source_digest(tmp_path) != before


def test_page_version_ignores_files_outside_code_and_data(tmp_path: Path) -> None:
    (tmp_path / "code.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("a\n", encoding="utf-8")
    before = _source_digest(tmp_path)
    (tmp_path / "notes.md").write_text("b\n", encoding="utf-8")
    assert _source_digest(tmp_path) == before

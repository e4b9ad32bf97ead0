"""Held-out pages (tests/pages): the whole entity pipeline, end to end through the project's parser,
scored with score.py's matching rules against a hand annotation (tests/pages/holdout_gold.json).

The pages are invented in the two listing layouts (ticker listing with glued headings; byline listing
with house bylines and "(more…)") with other names, states and topics than the seeds. The floors sit a
little under what the rules reach, so a change that generalises worse fails here even when the seeds
still score 1.0.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "pages"
GOLD = PAGES / "holdout_gold.json"
SHARED_SCORE = ROOT.parent / "shared" / "tools" / "score.py"

FLOORS = {
    "people": 0.95,
    "people_links": 0.95,
    "organizations": 0.93,
    "organizations_links": 0.93,
    "places": 0.93,
    "places_links": 0.95,
}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "bench" / "extract_eval.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench()


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def figures(bench: ModuleType, gold: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = bench.evaluate(gold, PAGES, bench.load_score(SHARED_SCORE))
    return result


def test_holdout_gold_covers_every_page(gold: dict[str, Any]) -> None:
    files = {a["source_file"] for a in gold["articles"]}
    assert files == {p.name for p in PAGES.glob("*.txt")}
    assert len(files) >= 10


def test_holdout_pages_parse_into_the_annotated_articles(gold: dict[str, Any]) -> None:
    from pipeline.parse import parse_page

    for name in sorted({a["source_file"] for a in gold["articles"]}):
        parsed = parse_page((PAGES / name).read_text(encoding="utf-8"))
        want = [a["title"] for a in gold["articles"] if a["source_file"] == name]
        assert [a.title for a in parsed.articles] == want


@pytest.mark.parametrize(("figure", "floor"), sorted(FLOORS.items()))
def test_holdout_f1_floor(figures: dict[str, Any], figure: str, floor: float) -> None:
    assert figures[figure]["f1"] >= floor, figures[figure]


def test_holdout_canonical_names(figures: dict[str, Any]) -> None:
    for section in ("people", "organizations", "places"):
        assert figures[section]["canonical_name_accuracy"] >= 0.9, (section, figures[section])


def test_holdout_floors_can_fail(bench: ModuleType, gold: dict[str, Any]) -> None:
    """The scoring under the floors is live: dropping a third of the gold's people from the prediction
    (by scoring against a gold with extra people nobody mentions) falls under the floor."""
    padded = dict(gold)
    padded["people"] = gold["people"] + [
        {"name": f"Nobody Nowhereov {i}", "aliases": [], "articles": []}
        for i in range(len(gold["people"]) // 2)
    ]
    result = bench.evaluate(padded, PAGES, bench.load_score(SHARED_SCORE))
    assert result["people"]["f1"] < FLOORS["people"]

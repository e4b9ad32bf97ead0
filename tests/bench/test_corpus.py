"""The synthetic corpus: deterministic, both layouts, and every page parses into what the generator wrote."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench.corpus import HOUSE, MAX_BYTES, MIN_BYTES, GeneratedPage, build, generate
from pipeline.parse import parse_page
from pipeline.text import normalize_title

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus() -> list[GeneratedPage]:
    return build(60, seed=7)


def test_corpus_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 12, seed=3)
    second = generate(tmp_path / "b", 12, seed=3)
    other = generate(tmp_path / "c", 12, seed=4)
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_corpus_cli_writes_the_pages(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), str(tmp_path), "--pages", "4", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote 4 pages" in result.stdout
    written = sorted(tmp_path.iterdir())
    expected = build(4, seed=3)
    assert [p.name for p in written] == [p.name for p in expected]
    assert [p.read_bytes() for p in written] == [p.data for p in expected]


def test_corpus_layout_mix_and_sizes(corpus: list[GeneratedPage]) -> None:
    layouts = Counter(p.layout for p in corpus)
    assert layouts == {"ticker-listing": 30, "byline-listing": 30}
    assert all(MIN_BYTES <= len(p.data) <= MAX_BYTES for p in corpus)
    for page in corpus:
        n = len(page.articles)
        assert (4 <= n <= 8) if page.layout == "ticker-listing" else (6 <= n <= 10), page.name
    articles = [a for p in corpus for a in p.articles]
    # the byline listing mixes person bylines, the house byline and none at all
    bylines = [p for p in corpus if p.layout == "byline-listing"]
    kinds = Counter(
        "house" if a.house else "person" if a.author else "none" for p in bylines for a in p.articles
    )
    assert min(kinds.values()) >= 10, kinds
    assert any(a.published_on is not None and a.published_on.day > 12 for a in articles)
    assert any("\u00a0\n" in p.text for p in corpus)  # some titles end in NBSP, as scraped ones do
    assert any("\n\n\n\n" in p.text for p in bylines)  # irregular blank lines


def test_corpus_titles_unique_and_names_varied(corpus: list[GeneratedPage]) -> None:
    titles = [normalize_title(a.title) for p in corpus for a in p.articles]
    assert len(titles) == len(set(titles))
    authors = {a.author for p in corpus for a in p.articles if a.author}
    surnames = {name.split()[-1] for name in authors}
    # generated from stems and endings, not drawn from a short list
    assert len(authors) >= 80
    assert len(surnames) >= 50
    endings = ("ov", "ova", "ev", "eva", "uulu", "kyzy", "zoda", "uly", "ow", "owa", "zod", "iyon")
    assert all(name.endswith(endings) for name in surnames), surnames - {
        s for s in surnames if s.endswith(endings)
    }


def test_corpus_every_page_parses_as_written(corpus: list[GeneratedPage]) -> None:
    for page in corpus:
        parsed = parse_page(page.text)
        assert parsed.layout == page.layout, page.name
        assert parsed.page_date == page.page_date, page.name
        assert parsed.publisher == page.publisher, page.name
        assert {(r.base, r.quote): r.rate for r in parsed.rates} == page.rates, page.name
        assert len(parsed.articles) == len(page.articles), page.name
        for got, want in zip(parsed.articles, page.articles, strict=True):
            author = got.byline.name if got.byline and not got.byline.is_house else None
            assert got.title == want.title
            assert got.body == want.body
            assert got.published_on == want.published_on, got.title
            assert author == want.author, got.title
            assert bool(got.byline and got.byline.is_house) == want.house, got.title
            assert got.truncated == want.truncated, got.title
    ticker_pages = [p for p in corpus if p.layout == "ticker-listing"]
    assert all(len(p.rates) == 5 for p in ticker_pages)
    # one date per ticker page: two pages never give one day's rate twice
    assert len({p.page_date for p in ticker_pages}) == len(ticker_pages)
    assert {p.publisher for p in corpus if p.layout == "byline-listing"} <= {HOUSE, None}

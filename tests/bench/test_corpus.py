"""The synthetic corpora: deterministic, and every page parses into what the generator wrote. The flat one
has two layouts and every article once; the archive one three layouts, articles listed on about nine
pages each (one full copy, the others excerpts) and a long tail of names."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench.corpus import HOUSE, MAX_BYTES, MIN_BYTES, GeneratedArticle, GeneratedPage, build, generate
from pipeline.page import process
from pipeline.parse import parse_page
from pipeline.records import ParsedPage
from pipeline.text import normalize_title

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus() -> list[GeneratedPage]:
    return build(60, seed=7)


@pytest.fixture(scope="module")
def archive() -> list[GeneratedPage]:
    return build(300, seed=5, archive=True)


@pytest.mark.parametrize("archive", [False, True], ids=["flat", "archive"])
def test_corpus_same_seed_same_bytes(tmp_path: Path, archive: bool) -> None:
    first = generate(tmp_path / "a", 12, seed=3, archive=archive)
    second = generate(tmp_path / "b", 12, seed=3, archive=archive)
    other = generate(tmp_path / "c", 12, seed=4, archive=archive)
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


@pytest.mark.parametrize("archive", [False, True], ids=["flat", "archive"])
def test_corpus_cli_writes_the_pages(tmp_path: Path, archive: bool) -> None:
    cmd = [sys.executable, str(ROOT / "bench" / "corpus.py"), str(tmp_path), "--pages", "4", "--seed", "3"]
    result = subprocess.run(
        cmd + (["--archive"] if archive else []), capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "wrote 4 pages" in result.stdout
    written = sorted(tmp_path.iterdir())
    expected = build(4, seed=3, archive=archive)
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


def _assert_parsed_as_written(parsed: ParsedPage, page: GeneratedPage) -> None:
    assert parsed.layout == page.layout, page.name
    assert parsed.page_date == page.page_date, page.name
    assert parsed.publisher == page.publisher, page.name
    assert {(r.base, r.quote): r.rate for r in parsed.rates} == page.rates, page.name
    assert len(parsed.articles) == len(page.articles), page.name
    for got, want in zip(parsed.articles, page.articles, strict=True):
        author = got.byline.name if got.byline and not got.byline.is_house else None
        assert (got.title, got.body) == (want.title, want.body), page.name
        assert got.published_on == want.published_on, got.title
        assert author == want.author, got.title
        assert bool(got.byline and got.byline.is_house) == want.house, got.title
        assert got.truncated == want.truncated, got.title


def test_corpus_every_page_parses_as_written(corpus: list[GeneratedPage]) -> None:
    for page in corpus:
        _assert_parsed_as_written(parse_page(page.text), page)
    ticker_pages = [p for p in corpus if p.layout == "ticker-listing"]
    assert all(len(p.rates) == 5 for p in ticker_pages)
    # one date per ticker page: two pages never give one day's rate twice
    assert len({p.page_date for p in ticker_pages}) == len(ticker_pages)
    assert {p.publisher for p in corpus if p.layout == "byline-listing"} <= {HOUSE, None}


def _by_title(corpus: list[GeneratedPage]) -> dict[str, list[GeneratedArticle]]:
    copies: dict[str, list[GeneratedArticle]] = {}
    for page in corpus:
        for article in page.articles:
            copies.setdefault(normalize_title(article.title), []).append(article)
    return copies


def test_corpus_archive_layouts_and_sizes(archive: list[GeneratedPage]) -> None:
    assert Counter(p.layout for p in archive) == {
        "ticker-listing": 100,
        "byline-listing": 100,
        "generic": 100,
    }
    assert all(MIN_BYTES <= len(p.data) <= MAX_BYTES for p in archive)
    assert len({p.page_date for p in archive if p.layout == "ticker-listing"}) == 100
    generic = "\n".join(p.text for p in archive if p.layout == "generic")
    # the generic layout's shapes: "By Name" bylines (some two authors), datelines, dates after summaries
    bylines = [line for line in generic.splitlines() if line.startswith("By ")]
    assert len(bylines) >= 100 and any(" and " in line for line in bylines)
    assert " – " in generic and "...\n" in generic
    assert all(a.published_on for p in archive if p.layout == "generic" for a in p.articles)


def test_corpus_archive_articles_recur_on_many_listings(archive: list[GeneratedPage]) -> None:
    copies = _by_title(archive)
    listings = [len(c) for c in copies.values()]
    assert 7.5 <= sum(listings) / len(listings) <= 10.5
    assert max(listings) >= 15 and min(listings) <= 4
    changed = 0
    for title, found in copies.items():
        # one article: the same title, outlet (layout family), byline and date on every page
        assert len({(a.title, a.author, a.published_on, a.copies) for a in found}) == 1, title
        assert found[0].copies == len(found)
        assert sum(a.full for a in found) == 1, title  # one full copy, the others excerpts
        assert all(a.truncated != a.full for a in found), title
        full = next(a for a in found if a.full)
        excerpts = {a.body for a in found if not a.full}
        assert all(len(b) < len(full.body) + 12 for b in excerpts), title
        changed += len(excerpts) > 1
    # some excerpts differ from the usual one: shorter, longer or with a sentence edited
    assert 0.2 <= changed / len(copies) <= 0.95
    layouts: dict[str, set[str]] = {}
    for page in archive:
        for article in page.articles:
            layouts.setdefault(normalize_title(article.title), set()).add(page.layout)
    assert all(len(found) == 1 for found in layouts.values())


@pytest.mark.parametrize(
    ("kind", "top_share", "once_share"),
    [("people", 0.08, 0.7), ("organizations", 0.08, 0.35), ("places", 0.08, 0.1)],
)
def test_corpus_archive_names_have_a_long_tail(
    archive: list[GeneratedPage], kind: str, top_share: float, once_share: float
) -> None:
    articles = [found[0] for found in _by_title(archive).values()]
    named = Counter(name for a in articles for name in getattr(a, kind))
    top = named.most_common(1)[0][1]
    # a few named in many articles, most in one or two
    assert top / len(articles) >= top_share, named.most_common(3)
    assert sum(n == 1 for n in named.values()) / len(named) >= once_share
    assert sum(n <= 2 for n in named.values()) / len(named) >= once_share + 0.1
    assert top >= 10 * sorted(named.values())[len(named) // 2]  # the head far above the median


@pytest.mark.parametrize("layout", ["ticker-listing", "byline-listing", "generic"])
def test_corpus_archive_pages_parse_as_written(layout: str) -> None:
    corpus = [p for p in build(36, seed=11, archive=True) if p.layout == layout]
    publishers: set[str] = set()
    for page in corpus:
        processed = process(page.text)  # the whole pure pipeline, as ingestion runs it
        _assert_parsed_as_written(processed.page, page)
        publishers.add(processed.publisher)
    # every page of an outlet names the same source, so an article's copies are one article
    assert len(publishers) == 1

"""Parser tests: the seeds, and small pages written here for each variant a real crawl contains."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.errors import ParseError
from pipeline.parse import parse_page
from pipeline.parse.dates import parse_page_date
from tests.helpers import CABAR_SEED, TCA_SEED

TICKER = "• KGS/USD = 0.01144 0%\n  • KZT/USD = 0.00191 -0%\n  • TJS/USD = 0.10840 0.37%\n"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_parse_ticker_seed_articles_spans_and_truncation() -> None:
    text = _read(TCA_SEED)
    page = parse_page(text)
    assert page.layout == "ticker-listing"
    assert page.page_date == date(2025, 11, 14)
    assert [a.truncated for a in page.articles] == [True, False, True, True, True, True]
    assert page.articles[0].title == "Montenegro Will Not Extradite NeMolchi Founder to Kazakhstan"
    assert (page.articles[0].title_span.start, page.articles[0].title_span.end) == (1077, 1137)
    assert (page.articles[0].body_span.start, page.articles[0].body_span.end) == (1139, 4374)
    for a in page.articles:
        assert text[a.title_span.start : a.title_span.end] == a.title
        assert text[a.body_span.start : a.body_span.end] == a.body
        assert a.published_on is None  # the page date is the listing's, not the articles'
        assert not a.title.startswith("Viewing results")


def test_parse_ticker_seed_rates_deduplicated_exactly_as_written() -> None:
    page = parse_page(_read(TCA_SEED))
    rates = {(r.base, r.quote): r for r in page.rates}
    assert len(page.rates) == 5
    assert rates[("TJS", "USD")].rate == Decimal("0.10840")
    assert str(rates[("TJS", "USD")].rate) == "0.10840"
    assert rates[("TJS", "USD")].change_pct == Decimal("0.37")
    kzt = rates[("KZT", "USD")].change_pct
    assert kzt == 0
    assert not kzt.is_signed()
    assert {r.as_of for r in page.rates} == {date(2025, 11, 14)}


def test_parse_byline_seed_authors_dates_and_house_bylines() -> None:
    text = _read(CABAR_SEED)
    page = parse_page(text)
    assert page.layout == "byline-listing"
    assert page.publisher == "CABAR.asia"
    assert len(page.articles) == 9
    authors = [a.byline.name if a.byline and not a.byline.is_house else None for a in page.articles]
    assert authors == [
        "Assem Zhapisheva",
        "Asel Sultan",
        None,
        "Gulnaz Mustafa",
        None,
        None,
        None,
        "Zulfiya Raissova",
        None,
    ]
    # day first: 06.08.20 is the 6th of August
    assert page.articles[0].published_on == date(2020, 8, 6)
    assert page.articles[1].published_on == date(2020, 8, 3)
    assert page.articles[2].published_on is None
    assert [a.truncated for a in page.articles] == [True, True, False, False, False, True, True, True, False]
    assert not page.articles[4].title.endswith("\xa0")
    for a in page.articles:
        assert text[a.title_span.start : a.title_span.end] == a.title
        if a.byline:
            assert text[a.byline.span.start : a.byline.span.end] == a.byline.text


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(
            TICKER + "\nViewing results 1 - 1 of 9\n\nOsh Hosts Regional Water Forum\n\n"
            "BISHKEK (TCA) — Delegations met in Osh on Monday. Talks went on for a day.",
            (None, False),
            id="no-date-line-and-dateline",
        ),
        pytest.param(
            TICKER + "3 March 2026\n\nTashkent Opens Metro Line\n\nThe first paragraph ends here.\n\n"
            "A second paragraph follows it.\n\nAnother paragraph, and the page stops mid",
            (date(2026, 3, 3), True),
            id="several-paragraphs-cut-mid-sentence",
        ),
    ],
)
def test_parse_ticker_variants(page: str, expected: tuple[date | None, bool]) -> None:
    parsed = parse_page(page)
    assert parsed.page_date == expected[0]
    assert len(parsed.articles) == 1
    article = parsed.articles[0]
    assert article.truncated is expected[1]
    assert article.body == page[article.body_span.start : article.body_span.end]
    if expected[0] is None:
        assert parsed.rates == ()
        assert parsed.undated_rates == 3  # not stored: a ticker needs its day
        assert article.body.startswith("BISHKEK (TCA) —")
    else:
        assert "second paragraph" in article.body
        assert len(parsed.rates) == 3


def test_parse_ticker_truncation_marker_glued_to_word() -> None:
    page = parse_page(
        TICKER + "1 May 2026\n\nDushanbe Budget Debated\n\nDeputies argued over the beating of..."
    )
    assert page.articles[0].truncated is True


def test_parse_byline_listing_irregular_blank_lines_and_missing_bylines() -> None:
    text = (
        "Bishkek: Who Pays for the Roads?\n\nAigerim Toktosunova 05.02.24\n\n"
        "Road money is short, and the city council argues. (more…)\n\n\n"
        "Nobody Signed This Title\n\nA summary with no byline above it.\n\n\n"
        "“Quoted” Start of a Title \xa0\n\nExample.kg 01.12.23\n\nThe outlet wrote this one."
    )
    page = parse_page(text)
    assert [a.title for a in page.articles] == [
        "Bishkek: Who Pays for the Roads?",
        "Nobody Signed This Title",
        "“Quoted” Start of a Title",
    ]
    first, second, third = page.articles
    assert first.byline is not None
    assert first.byline.name == "Aigerim Toktosunova"
    assert first.published_on == date(2024, 2, 5)
    assert first.truncated is True
    assert second.byline is None
    assert second.truncated is False
    assert third.byline is not None
    assert third.byline.is_house
    assert page.publisher == "Example.kg"


def test_parse_generic_titled_entries_fallback() -> None:
    text = (
        "Ashgabat Gas Deal Signed\n\nThe agreement runs ten years.\n\n"
        "New Bridge in Khujand\n\nIt opens in May."
    )
    page = parse_page(text)
    assert page.layout == "generic"
    assert [a.title for a in page.articles] == ["Ashgabat Gas Deal Signed", "New Bridge in Khujand"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("just one line of text with no title.", id="one-sentence"),
        pytest.param(TICKER + "14 November 2025\n\nViewing results 1 - 6 of 34\n", id="ticker-only"),
        pytest.param("A. B. C.\n\nD. E. F.\n", id="no-title-shapes"),
    ],
)
def test_parse_page_without_article_is_an_error(text: str) -> None:
    with pytest.raises(ParseError, match="no article"):
        parse_page(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("14 November 2025", date(2025, 11, 14)),
        ("  November\u00a014,   2025 ", date(2025, 11, 14)),
        ("14\tNov\n2025", date(2025, 11, 14)),
        ("2025-11-14", date(2025, 11, 14)),
        ("14 November 25", None),  # a year is four digits
        ("Elections in 2025", None),
        ("14 November 2025" + " " * 40 + "and more words after it", None),
    ],
)
def test_parse_page_date_line_shapes(line: str, expected: date | None) -> None:
    assert parse_page_date(line) == expected

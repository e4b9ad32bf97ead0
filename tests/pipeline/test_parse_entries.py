"""Entry rules on small invented pages: which line is the title, which lines are headings, kickers,
dates or the same entry twice, and how a date written without a year gets one."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.errors import ParseError
from pipeline.parse import parse_page

LONG = (
    "The committee met for three hours on Monday and agreed on a draft that now goes to the cabinet. "
    "Members said the text would be published for comment before the end of the month."
)


def _entries(text: str) -> list[tuple[str, str]]:
    return [(a.title, a.body) for a in parse_page(text).articles]


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        pytest.param(
            "Latest news\n\nSamarkand Council Approves a New Budget\n\n" + LONG,
            [("Samarkand Council Approves a New Budget", LONG)],
            id="section-heading-over-a-title",
        ),
        pytest.param(
            "Latest news\n\nThe Samarkand council approved a new budget for the coming year.\n\n" + LONG,
            [("The Samarkand council approved a new budget for the coming year.", LONG)],
            id="heading-over-a-headline-written-as-a-sentence",
        ),
        pytest.param(
            "Home > Regions > Khorezm\n\nKhiva Museum Reopens After Repairs\n\n" + LONG,
            [("Khiva Museum Reopens After Repairs", LONG)],
            id="breadcrumb",
        ),
        pytest.param(
            "Analysis and Opinion\n\nХивада музей қайта очилди\n\nKhiva Museum Reopens After Repairs\n\n"
            + LONG,
            [("Khiva Museum Reopens After Repairs", LONG)],
            id="kicker-and-other-language-line-before-the-title",
        ),
        pytest.param(
            "Khiva Museum Reopens After Repairs\n\nThe curators counted every object twice.\n\n" + LONG,
            [("Khiva Museum Reopens After Repairs", "The curators counted every object twice.\n\n" + LONG)],
            id="short-first-paragraph-stays-body",
        ),
        pytest.param(
            "Khiva Museum Reopens After Repairs\n\n" + LONG + "\n\nNew Roads Planned Around the Old Ci",
            [("Khiva Museum Reopens After Repairs", LONG)],
            id="last-line-a-cut-headline-is-no-article",
        ),
        pytest.param(
            "POLITICS\nKhiva Museum Reopens After Repairs\n"
            + LONG
            + "\nCULTURE\nA Concert in the Old City\n"
            + LONG,
            [("Khiva Museum Reopens After Repairs", LONG), ("A Concert in the Old City", LONG)],
            id="shouted-categories",
        ),
        pytest.param(
            "Khiva Museum Reopens After Repairs\nCulture\n"
            + LONG
            + "\n\nA Concert in the Old City\nCulture\n"
            + LONG,
            [("Khiva Museum Reopens After Repairs", LONG), ("A Concert in the Old City", LONG)],
            id="category-printed-under-each-title",
        ),
        pytest.param(
            "Khiva Museum Reopens After Repairs\n\nDana Kuatova\n\n" + LONG,
            [("Khiva Museum Reopens After Repairs", LONG)],
            id="author-or-category-line-under-the-title",
        ),
    ],
)
def test_parse_entries_title_and_body_are_found_by_shape(text: str, entries: list[tuple[str, str]]) -> None:
    assert _entries(text) == entries


def test_parse_entries_relative_times_and_read_more_links_end_entries() -> None:
    text = (
        "Top stories\n\nKhiva Museum Reopens After Repairs\n\n5 hours ago\n\n" + LONG + "\n\nRead more\n\n"
        "A Concert in the Old City\n\nYesterday, 18:20\n\n" + LONG + "\n\nRead more »"
    )
    page = parse_page(text)
    assert _entries(text) == [
        ("Khiva Museum Reopens After Repairs", LONG),
        ("A Concert in the Old City", LONG),
    ]
    assert page.layout == "generic"  # a "Read more" link is no listing counter of the ticker layout
    assert [a.published_on for a in page.articles] == [None, None]


def test_parse_entries_titles_with_glued_dates_are_title_only_entries() -> None:
    text = (
        "Khiva Museum Reopens After Repairs | 17.03.2026\n"
        "A Concert in the Old City 5 hours ago\n"
        "Osh Bazaar Gets a New Roof | 16 March 2026"
    )
    page = parse_page(text)
    assert [(a.title, a.body, a.published_on) for a in page.articles] == [
        ("Khiva Museum Reopens After Repairs", "", date(2026, 3, 17)),
        ("A Concert in the Old City", "", None),
        ("Osh Bazaar Gets a New Roof", "", date(2026, 3, 16)),
    ]


def test_parse_entries_house_byline_with_a_space_after_the_dot() -> None:
    page = parse_page("Khiva Museum Reopens After Repairs\n\nExample. kg 17.03.26\n\n" + LONG)
    byline = page.articles[0].byline
    assert byline is not None
    assert byline.is_house
    assert page.publisher == "Example. kg"


def test_parse_entries_cut_last_line_in_sentence_case_stays_body() -> None:
    text = "Khiva Museum Reopens After Repairs\n\n" + LONG + "\n\nAnother paragraph, and the page stops mid"
    article = parse_page(text).articles[0]
    assert article.body.endswith("stops mid")
    assert article.truncated is True


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Khiva Museum Reopens After Repairs\n\nThe museum reopened.\n\n"
            "Khiva Museum Reopens After Repairs\n\n" + LONG,
            id="short-and-full-copy",
        ),
        pytest.param(
            "Khiva Museum Reopens After...\n\nThe museum reopened.\n\nKhiva Museum Reopens After Repairs\n\n"
            + LONG,
            id="cut-and-full-title",
        ),
    ],
)
def test_parse_entries_entry_printed_twice_is_one_article_the_full_copy(text: str) -> None:
    (article,) = parse_page(text).articles
    assert article.title == "Khiva Museum Reopens After Repairs"
    assert article.body == LONG
    assert article.position == 0
    assert text[article.title_span.start : article.title_span.end] == article.title


def test_parse_entries_heading_alone_is_no_article() -> None:
    with pytest.raises(ParseError, match="no article"):
        parse_page("Latest news\n\n7 OCT\n\nEditor's Choice\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "5 January 2026\n\n4 JAN\n\nNew Year Fair Closes in Osh\n\nThe fair closed on Sunday.\n\n"
            "31 DEC\n\nFireworks Banned in Bishkek Parks\n\nThe city banned fireworks in its parks.",
            [date(2026, 1, 4), date(2025, 12, 31)],
            id="listing-date-across-new-year",
        ),
        pytest.param(
            "Latest\n\n2 March 2026\n\nNew Year Fair Closes in Osh\n\nThe fair closed on Sunday.\n\n"
            "28 FEB\n\nFireworks Banned in Bishkek Parks\n\nThe city banned fireworks in its parks.\n\n"
            "1 MAR\n\nWinter Market Ends\n\nThe stalls were taken down on Saturday.",
            [date(2026, 3, 2), date(2026, 2, 28), date(2025, 3, 1)],
            id="nearest-dated-entry-above",
        ),
        pytest.param(
            "Latest\n\n3 MAR\n\nNew Year Fair Closes in Osh\n\nThe fair closed on Sunday.\n\n"
            "2 March 2026\n\nFireworks Banned in Bishkek Parks\n\nThe city banned fireworks in its parks.",
            [date(2026, 3, 3), date(2026, 3, 2)],
            id="nearest-dated-entry-below",
        ),
    ],
)
def test_parse_entries_dates_without_year_take_it_from_the_page(text: str, expected: list[date]) -> None:
    assert [a.published_on for a in parse_page(text).articles] == expected


def test_parse_entries_date_under_title_and_meta_line_with_category() -> None:
    text = (
        "Khiva Museum Reopens After Repairs\nCULTURE · 14:20 · 17 March 2026\n" + LONG + "\n\n"
        "A Concert in the Old City\nCULTURE · 09:05 · 16 March 2026\nThe orchestra played outdoors."
    )
    page = parse_page(text)
    assert [a.published_on for a in page.articles] == [date(2026, 3, 17), date(2026, 3, 16)]
    assert page.articles[0].body == LONG

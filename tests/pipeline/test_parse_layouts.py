"""Listing layouts the parser had not been written for, each as an invented page (tests/pages/layouts/):
entries are found by the shape of their lines, with their bylines, dates and truncation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from pipeline.parse import parse_page
from pipeline.records import ParsedPage

LAYOUTS = Path(__file__).resolve().parent.parent / "pages" / "layouts"


@dataclass(frozen=True)
class Want:
    title: str
    author: str | None = None
    published: date | None = None
    truncated: bool = False


PAGES: dict[str, list[Want]] = {
    # title / "By Author" / one-sentence teaser, no dates; a two-author byline; the last title cut
    "author_bylines.txt": [
        Want("Snow Leopards Return to the Upper Valleys", "Marat Oskenov"),
        Want("Dushanbe’s New Tram Line Faces ‘Hard Winter’ Test", "Saida Rahimzoda"),
        Want("Can the Pamir Highway Carry More Freight?", "Jonathan Weller"),
        Want("Why Cotton Pickers Are Leaving the Farms", "Saida Rahimzoda"),
    ],
    # category / title (some written as sentences) / summary / date line AFTER the summary; the last
    # entry printed twice (a title-only copy, then the full one) and cut before its date
    "dates_after_summary.txt": [
        Want(
            "A bakery chain in Karakol was fined for selling bread below its declared weight.",
            published=date(2026, 3, 14),
            truncated=True,
        ),
        Want("Naryn region farmers get cheaper diesel for the spring sowing", published=date(2026, 3, 14)),
        Want("The new bus terminal in Talas will open after a two-year delay.", published=date(2026, 3, 13)),
        Want("Talas school gets gym", truncated=True),
    ],
    # "CITY –" datelines and summaries ending in "...", one title cut with "..." too; the last summary
    # cut by the page
    "dateline_ellipsis.txt": [
        Want("Kazakh Wheat Exports Reach New Markets in the Gulf", truncated=True),
        Want("Young Violinists Gather in Shymkent for a Week of...", truncated=True),
        Want("Steppe Eagles Fitted With Trackers", truncated=True),
        Want("Old Caravanserai Restored Outside Turkestan", truncated=True),
    ],
    # headlines the listing cut with "..." over complete summaries
    "cut_titles.txt": [
        Want("Tajikistan and Kyrgyzstan agree to reopen two more border..."),
        Want("Uzbek carmaker plans to export electric pickups to..."),
        Want("Turkmen gas output rises for the third year in a row…"),
    ],
    # another-language title line above each English title; category and date after the summary;
    # the last other-language title cut with nothing under it
    "bilingual_titles.txt": [
        Want("A new public library opens in Navoi", published=date(2026, 2, 12)),
        Want("Two bridges in Karshi to be repaired before summer", published=date(2026, 2, 3)),
        Want("Jizzakh builds a covered market for farmers", published=date(2026, 1, 29)),
    ],
    # CATEGORY / title / summary, then title-only entries "-" / title / "CATEGORY | HH:MM / DD.MM.YYYY"
    "title_only.txt": [
        Want("Samarkand hotels report record bookings for the spring holidays"),
        Want("Folk ensemble from Khiva to tour five European cities"),
        Want("Fergana valley apricot growers expect a good harvest", published=date(2026, 3, 21)),
        Want("Tashkent metro extends its evening hours on weekends", published=date(2026, 3, 21)),
        Want("Nukus opens a second maternity hospital", published=date(2026, 3, 20)),
    ],
    # a section heading, then day-and-month date blocks ("7 OCT", and "28" over "SEP") above each
    # title; no year anywhere on the page, so no date
    "day_month_blocks.txt": [
        Want("Osh Mayor Opens Ring Road Section"),
        Want("Jalal-Abad Walnut Forest Gets Protected Status"),
        Want("Batken Schools Receive New Textbooks"),
    ],
    # ticker and listing date, then a "Latest news" column of day-and-month dates each above its
    # headline (title-only entries, the year from the listing date), then an entry with a body
    "dated_column.txt": [
        Want("Osh Mayor Opens Ring Road Section", published=date(2025, 10, 7)),
        Want("Jalal-Abad Walnut Forest Gets Protected Status", published=date(2025, 10, 7)),
        Want("Batken Schools Receive New Textbooks", published=date(2025, 10, 6)),
        Want("Kazakhstan Expands Grain Corridor to the Caspian"),
    ],
    # a date or a byline glued to the end of the title line
    "glued_bylines.txt": [
        Want(
            "Kazakhstan Opens Its First Wind Farm in the North", published=date(2026, 5, 12), truncated=True
        ),
        Want(
            "Who Will Pay for Clean Water in Mangystau?",
            "Aliya Serikbayeva",
            date(2026, 5, 10),
            truncated=True,
        ),
        Want("Bishkek Tightens Rules for Street Vendors", published=date(2026, 5, 8)),
    ],
    # masthead, then title / "Name | DD.MM.YYYY" (one with two authors, one the masthead's own house
    # byline) / summary; a short Title Case headline with its date after a pipe is still a headline; a
    # pagination footer with "…" ends the last summary without cutting it
    "pipe_bylines.txt": [
        Want("Who Owns the Water of the Upper Naryn?", "Kanat Zhumabekov", date(2026, 4, 14)),
        Want("Tokayev Visits Beijing", published=date(2026, 4, 9)),
        Want("The Long Road to a Caspian Ferry Union", "Leyla Hasanova", date(2026, 4, 2)),
        Want("Cotton After Forced Labour: What the Audits Missed", published=date(2026, 3, 28)),
    ],
    # day headers ("Thursday, 5 March 2026") over entries dated by a clock time only ("17:20"): every
    # entry under a header ran that day; a "Show more news" link ends the listing
    "day_headers.txt": [
        Want("Karaganda miners end their strike after a pay deal", published=date(2026, 3, 5)),
        Want("New bus lanes open in central Astana", published=date(2026, 3, 5)),
        Want("Shymkent hosts a regional chess festival", published=date(2026, 3, 4)),
        Want("Aktobe plant doubles its output of rail cars", published=date(2026, 3, 4)),
    ],
    # a weather line, then "Updated <date>, <time> (GMT+5)"; relative dates with a section after each
    # summary ("3 hours ago · Business", "yesterday", "2 days ago"), counted back from the page's date
    "relative_dates.txt": [
        Want("Astana Airport Adds Night Flights to Seoul", published=date(2026, 3, 10)),
        Want("Karaganda Miners Win Pay Rise After Talks", published=date(2026, 3, 9)),
        Want("Shymkent Opens Its First Public Ice Rink", published=date(2026, 3, 8)),
    ],
    # a Russian page date, then Russian date lines above English titles ("Сегодня, 08:40", "Вчера,
    # 19:15", "14:05, 6 марта" without a year) and a "Tags:" line under each summary
    "russian_dates.txt": [
        Want("Pavlodar Chemical Plant Restarts After Repairs", published=date(2026, 3, 10)),
        Want("Kostanay Farmers Get Early Seed Loans", published=date(2026, 3, 9)),
        Want("Atyrau Refinery Signs Catalyst Deal", published=date(2026, 3, 6)),
    ],
    # title / author's name alone / the author's post / "date · N min read" / summary / "N comments";
    # the house's own "The Editorial Board" names no person
    "opinion_authors.txt": [
        Want("Why Kazakhstan Keeps Its Grain Reserve Secret", "Nurlan Abishev", date(2026, 3, 9)),
        Want("Editorial: The Aral Needs Money, Not Speeches", published=date(2026, 3, 8)),
    ],
    # numbered headlines in capitals, "By A and B — March 9, 2026", "Continue reading →" under a
    # teaser (so it is cut), a staff byline
    "numbered_caps.txt": [
        Want("ASTANA AND TASHKENT AGREE ON NEW BORDER CROSSING", "Gulnara Sadykova", date(2026, 3, 9), True),
        Want("KYZYLORDA RICE GROWERS FEAR A DRY SUMMER", published=date(2026, 3, 8), truncated=True),
    ],
    # CATEGORY / title / "Photo:" credit / summary / "Published: <date>" after the summary
    "notes_and_credits.txt": [
        Want("Tenge Holds Steady as Oil Prices Rise", published=date(2026, 3, 9)),
        Want("Almaty Libraries Extend Weekend Hours", published=date(2026, 3, 8)),
    ],
    # a ticker line of several quotes, a "TOP STORY" teaser printed again in the list (one article,
    # the longer copy), "2026-03-09 | Economy" above each title
    "ticker_quotes.txt": [
        Want("Kazakhstan Raises Fuel Duties to Fund Road Repairs", published=date(2026, 3, 9)),
        Want("Ekibastuz Power Plant Adds Filters to Cut Smog", published=date(2026, 3, 8)),
    ],
    # a live page: "16:20 | Title" (a time on the page's day) and "PINNED | 9 Mar, 21:30 | Title"
    "live_segments.txt": [
        Want("Senate Approves Water Code Amendments After Long Debate", published=date(2026, 3, 9)),
        Want("Almaty Metro Extends Line Two to the Airport", published=date(2026, 3, 10)),
        Want("Aktobe Court Fines Chrome Plant Over River Pollution", published=date(2026, 3, 10)),
    ],
    # section names, then "Title — summary" on one line, "Source: X · <ISO date and time>", "Views: N"
    "one_line_entries.txt": [
        Want("Senators Back Plan for Three New Districts in Astana", published=date(2026, 3, 10)),
        Want("Kazakh Carmaker Starts Exporting Pickups to Georgia", published=date(2026, 3, 9)),
    ],
    # "Home / News", a rates line with its own date, title / the entry's URL / a month-first slashed
    # date with a 12-hour time / summary, entries set apart by "* * *"
    "urls_and_slashes.txt": [
        Want("Semey Power Plant Switches to Gas Boilers", published=date(2026, 3, 10)),
        Want("Oskemen Zinc Smelter Fined for Dust Emissions", published=date(2026, 3, 6)),
    ],
    # "date | the same day in another calendar | Author" under each title; a desk byline
    "calendar_bylines.txt": [
        Want("Herat Traders Reopen Cross-Border Market", "Mariam Sadiqi", date(2026, 3, 9)),
        Want("Kabul Bakeries Cut Bread Prices", published=date(2026, 3, 7)),
    ],
    # a newsletter: "Issue 41 · Monday, <date>" dates the page, an "In this issue:" note, bullets
    # before titles, and "— Reported by Name in City, Mar 6" after each summary
    "reported_by.txt": [
        Want(
            "Kazakh Grain Trader Signs Five-Year Deal With Egyptian Buyer",
            "Aliya Nurlanova",
            date(2026, 3, 6),
        ),
        Want("Dostyk Rail Crossing Handles Record Freight in February", published=date(2026, 3, 5)),
    ],
    # another-language title line over each English title, "2 hours ago · <date>, <time>" (the
    # absolute date wins, "Yesterday · <date>" names no author); a "Most read" box of numbered
    # repeats, one cut; a copyright footer
    "native_relative_dates.txt": [
        Want("Navoi Opens a New Bus Station Near the Old Market", published=date(2026, 3, 11)),
        Want("Karshi Farmers Complain of Water Shortages Before Sowing", published=date(2026, 3, 10)),
        Want("Termez Starts Building a Second Bridge Over the Canal", published=date(2026, 3, 8)),
    ],
    # agency wire: "By Name" without a date (a professor's title and a correspondent's post are no
    # part of the name), "CITY (Agency) —" datelines, the date line after the summary, section
    # headings between entries, a date and time glued to a title, menus and a copyright footer
    "wire_datelines.txt": [
        Want("Karaganda Council Delays Vote on Bus Fares", "Aigerim Tulegenova", date(2026, 3, 10)),
        Want("Pavlodar Smelter Replaces Its Oldest Furnace", published=date(2026, 3, 9)),
        Want("What the Steppe Towns Lose When Their Schools Close", "Bakhyt Sarsenov", date(2026, 3, 8)),
        Want("Kostanay Grain Elevator Burns Down in the Night", published=date(2026, 3, 7)),
        Want("Ekibastuz Miners Get a New Canteen", "Marat Zhaksybekov", date(2026, 3, 6)),
    ],
    # a header naming the month ("News archive · March 2026") gives "09 MAR" blocks their year; a
    # Russian title line over each English one; a menu set apart by runs of spaces
    "month_header_blocks.txt": [
        Want("Karakol to Open a New Ice Rink by the Lake Road", published=date(2026, 3, 9)),
        Want("Naryn to Get a New Hospital on the Eastern Edge of Town", published=date(2026, 3, 5)),
        Want("Talas Repairs Its Village Roads Before the Spring", published=date(2026, 2, 27)),
    ],
    # a featured entry, then "News in brief — <date>" over "HH:MM | Title" lines dated by that
    # heading ("Yesterday 19:20 | Title" the day before); a menu of sections under the column
    "brief_column.txt": [
        Want("Ashgabat Airport Adds a Weekly Flight to Seoul", published=date(2026, 3, 11)),
        Want("Mary Cotton Growers Finish Spring Sowing Early", published=date(2026, 3, 11)),
        Want("Balkanabat Opens a New Sports Hall for Schools", published=date(2026, 3, 11)),
        Want("Turkmenbashi Port Starts Loading Grain for the Caucasus", published=date(2026, 3, 10)),
    ],
    # "Top stories" teasers (one title cut) printed again in full under "Latest news": one article
    # each, the full copy; the last title cut over a whole summary, then a copyright footer
    "teasers_footer.txt": [
        Want("Osh Bazaar Traders Move Into the New Covered Hall", published=date(2026, 3, 10)),
        Want(
            "Gulcha Villagers Build a Footbridge With Help From a Swiss Foundation",
            published=date(2026, 3, 9),
        ),
        Want("Uzgen Rice Farmers Say the Late Frost Ruined a Third of Their...", published=date(2026, 3, 8)),
    ],
}


def _got(page: ParsedPage) -> list[Want]:
    return [
        Want(
            a.title,
            a.byline.name if a.byline and not a.byline.is_house else None,
            a.published_on,
            a.truncated,
        )
        for a in page.articles
    ]


def _check_spans(text: str, page: ParsedPage) -> None:
    for n, a in enumerate(page.articles):
        assert a.position == n
        assert text[a.title_span.start : a.title_span.end] == a.title
        assert text[a.body_span.start : a.body_span.end] == a.body
        if a.byline:
            assert text[a.byline.span.start : a.byline.span.end] == a.byline.text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_parse_layout_page_splits_into_its_entries(name: str) -> None:
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    page = parse_page(text)
    assert _got(page) == PAGES[name]
    _check_spans(text, page)


def test_parse_layout_pages_are_all_listed() -> None:
    assert {p.name for p in LAYOUTS.glob("*.txt")} == set(PAGES)


def test_parse_layout_co_authors_kept_after_the_first() -> None:
    page = parse_page((LAYOUTS / "author_bylines.txt").read_text(encoding="utf-8"))
    byline = page.articles[2].byline
    assert byline is not None
    assert (byline.name, byline.others) == ("Jonathan Weller", ("Nigora Fayzieva",))
    assert byline.text == "By Jonathan Weller and Nigora Fayzieva"
    assert page.layout == "generic"  # "By Name" bylines are not the dotted-date byline listing


def test_parse_layout_pipe_bylines_keep_co_authors_and_the_house_byline() -> None:
    page = parse_page((LAYOUTS / "pipe_bylines.txt").read_text(encoding="utf-8"))
    two = page.articles[2].byline
    assert two is not None and (two.name, two.others) == ("Leyla Hasanova", ("Martin Olsen",))
    house = page.articles[3].byline
    assert house is not None and house.is_house and house.name == "Caravan Quarterly"
    assert page.publisher == "Caravan Quarterly"
    assert "Older" not in page.articles[3].body


def test_parse_layout_rates_lines_give_each_quote_its_own_span() -> None:
    for name, want in [
        (
            "ticker_quotes.txt",
            {("USD", "KZT"): "498.2000", ("EUR", "KZT"): "541.5000", ("RUB", "KZT"): "5.4100"},
        ),
        ("urls_and_slashes.txt", {("USD", "KZT"): "498.20", ("EUR", "KZT"): "541.50"}),
    ]:
        text = (LAYOUTS / name).read_text(encoding="utf-8")
        page = parse_page(text)
        assert {(r.base, r.quote): str(r.rate) for r in page.rates} == want
        assert {r.as_of for r in page.rates} == {date(2026, 3, 10)}
        for r in page.rates:
            assert text[r.span.start : r.span.end].replace("1 ", "", 1).startswith(r.base)
    minus = [
        r
        for r in parse_page((LAYOUTS / "ticker_quotes.txt").read_text(encoding="utf-8")).rates
        if r.base == "EUR"
    ]
    assert str(minus[0].change_pct) == "-0.20"  # a true minus sign (U+2212) reads as negative


def test_parse_layout_title_only_entries_have_an_empty_body_at_the_title_end() -> None:
    page = parse_page((LAYOUTS / "title_only.txt").read_text(encoding="utf-8"))
    title_only = page.articles[2]
    assert title_only.body == ""
    assert title_only.body_span.start == title_only.body_span.end == title_only.title_span.end
    assert not any(a.title.isupper() or a.title == "Top Stories" for a in page.articles)


_OCT_SEP = [(2025, 10, 7), (2025, 10, 6), (2025, 9, 28)]


@pytest.mark.parametrize(
    ("prefix", "url", "expected"),
    [
        pytest.param("", "https://news.example.org/2025/10/latest", _OCT_SEP, id="year-in-the-url-path"),
        pytest.param("", "https://news.example.org/latest?from=/2019/01/", None, id="query-year-ignored"),
        pytest.param("9 October 2025\n\n", None, _OCT_SEP, id="page-date-gives-the-year"),
        # the listing is dated before 7 October: the entries are from the year before
        pytest.param("3 October 2026\n\n", None, _OCT_SEP, id="page-date-earlier-in-the-year"),
    ],
)
def test_parse_layout_day_month_dates_take_the_year_from_the_page(
    prefix: str, url: str | None, expected: list[tuple[int, int, int]] | None
) -> None:
    text = prefix + (LAYOUTS / "day_month_blocks.txt").read_text(encoding="utf-8")
    page = parse_page(text, url)
    want = [date(*d) for d in expected] if expected else [None, None, None]
    assert [a.published_on for a in page.articles] == want
    assert [a.title for a in page.articles] == [w.title for w in PAGES["day_month_blocks.txt"]]
    _check_spans(text, page)


@pytest.mark.parametrize(
    "name", ["native_relative_dates.txt", "month_header_blocks.txt", "wire_datelines.txt"]
)
def test_parse_layout_bodies_hold_no_title_lines_dates_or_footers(name: str) -> None:
    # each summary on these pages is one finished line: a title line in another language, a date line
    # or a footer taken into a body would add a line to it
    page = parse_page((LAYOUTS / name).read_text(encoding="utf-8"))
    assert page.articles
    for a in page.articles:
        assert "\n" not in a.body and a.body.endswith(".") and not a.truncated


def test_parse_layout_short_headlines_with_their_dates_are_entries_not_headings() -> None:
    # three-word headlines with a date glued on, one under another: a column of title-only entries,
    # where "News in brief — <date>" over timed headlines would be the column's heading
    text = (
        "Rail freight grows — 9 March 2026\nTenge holds steady — 8 March 2026\n"
        "Wheat prices fall — 7 March 2026\n"
    )
    page = parse_page(text)
    assert [(a.title, a.published_on) for a in page.articles] == [
        ("Rail freight grows", date(2026, 3, 9)),
        ("Tenge holds steady", date(2026, 3, 8)),
        ("Wheat prices fall", date(2026, 3, 7)),
    ]

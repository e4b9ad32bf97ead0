"""Line shapes on their own: date lines and date blocks, "By" bylines, a date or byline glued to a title."""

from __future__ import annotations

import pytest

from pipeline.parse.bylines import byline, glued
from pipeline.parse.dates import date_line, month_line, month_year
from pipeline.parse.shapes import menu, separator


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("22.04.2026, 09:17", (22, 4, 2026)),
        ("ECONOMY | 11:05 / 14.03.2026", (14, 3, 2026)),
        ("World · Oct 7", (7, 10, None)),
        ("7 OCT", (7, 10, None)),
        ("Nov. 3, 2025", (3, 11, 2025)),
        ("14 November 2025", (14, 11, 2025)),
        ("2026-03-17 09:30", (17, 3, 2026)),
        ("Vote Set for 7 October", None),  # words and a date with no mark between: a headline
        ("April 11 to 15", None),
        ("45 lanterns", None),
        ("31 Feb", None),
        ("In 2031 prices rose", None),
        ("3 hours ago · 07.03.2026, 11:40", (7, 3, 2026)),  # the absolute date beside a relative one
        ("Yesterday · 06.03.2026, 18:02", (6, 3, 2026)),
        ("3 hours ago 07.03.2026", None),  # no mark between them
    ],
)
def test_parse_shapes_date_line(line: str, expected: tuple[int, int, int | None] | None) -> None:
    found = date_line(line)
    assert (None if found is None else (found.day, found.month, found.year)) == expected


@pytest.mark.parametrize(
    ("day", "month", "expected"),
    [
        ("7", "OCT", (7, 10, None)),
        ("28", "September 2025", (28, 9, 2025)),
        ("31", "FEB", None),
        ("7", "Oil", None),
    ],
)
def test_parse_shapes_two_line_date_block(
    day: str, month: str, expected: tuple[int, int, int | None] | None
) -> None:
    found = month_line(day, month)
    assert (None if found is None else (found.day, found.month, found.year)) == expected


@pytest.mark.parametrize(
    ("line", "name", "others"),
    [
        ("By Dana Kuatova", "Dana Kuatova", ()),
        ("By Ivan de la Cruz and Aru Sapar", "Ivan de la Cruz", ("Aru Sapar",)),
        ("By A. Temirova, B. Nurlanov & C. Ospan", "A. Temirova", ("B. Nurlanov", "C. Ospan")),
        ("BY DANA KUATOVA", "DANA KUATOVA", ()),
        ("By Dana Kuatova | 7 OCT 2025", "Dana Kuatova", ()),
        ("14 November 2025 by Dana Kuatova", "Dana Kuatova", ()),
        ("Posted by Dana Kuatova on May 3, 2026 at 10:15", "Dana Kuatova", ()),
        ("By Dana Kuatova 7 OCT", None, ()),  # no mark between the name and the date
        ("Killed by Floods on 3 May 2026", None, ()),
        ("Dana Kuatova 06.08.20", "Dana Kuatova", ()),
        ("By the Numbers: Dushanbe Traffic", None, ()),
        ("By 2030 the Lake May Be Gone", None, ()),
        ("Kazakhstan Opens Its First Wind Farm | 12.05.2026", None, ()),
        ("By Professor Dana Kuatova", "Dana Kuatova", ()),
        ("By Dr. Dana Kuatova", "Dana Kuatova", ()),
        ("By Dana Kuatova, Atyrau correspondent", "Dana Kuatova", ()),
        ("By Dana Kuatova, Aru Sapar", "Dana Kuatova", ("Aru Sapar",)),
        ("Yesterday · 06.03.2026, 18:02", None, ()),
    ],
)
def test_parse_shapes_byline(line: str, name: str | None, others: tuple[str, ...]) -> None:
    shape = byline(line)
    assert (shape.name if shape else None) == name
    if shape is not None:
        assert shape.others == others


@pytest.mark.parametrize(
    ("line", "title", "author"),
    [
        ("Wind Farm Opens in the North | 12.05.2026", "Wind Farm Opens in the North", None),
        ("Wind Farm Opens in the NorthMay 8, 2026", "Wind Farm Opens in the North", None),
        ("Wind Farm Opens in the North 12 May 2026, 10:15", "Wind Farm Opens in the North", None),
        ("Wind Farm Opens in the North 12.05.2026 | 10:15", "Wind Farm Opens in the North", None),
        ("Who Pays for Water?Dana Kuatova 10.05.2026", "Who Pays for Water?", "Dana Kuatova"),
        ("Who Pays for Water? Dana Kuatova 10.05.26", "Who Pays for Water?", "Dana Kuatova"),
        ("Remembering the Events of 5 January 2022", None, None),  # the date is part of the headline
        ("Wind Farm Opens", None, None),
    ],
)
def test_parse_shapes_date_or_byline_glued_to_a_title(
    line: str, title: str | None, author: str | None
) -> None:
    found = glued(line)
    assert (line[: found.title_end] if found else None) == title
    assert (found.byline.name if found and found.byline else None) == author


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Kyrgyzstan · News archive · March 2026", (2026, 3)),
        ("Архив · Март 2026", (2026, 3)),
        ("March 2026", (2026, 3)),
        ("Budget Talks Resume in March 2026", None),  # no mark before the month: a headline
        ("Archive · 7 March 2026", None),  # a day: a date line, not a month
        ("Issue 12 · March 2026", None),
    ],
)
def test_parse_shapes_month_header(line: str, expected: tuple[int, int] | None) -> None:
    assert month_year(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Home | Politics | Economy | Regions", True),
        ("Most read · Opinion · Photo", True),
        ("Home  Kazakhstan  Central Asia  World", True),
        ("Oil · Gas", False),  # two items: a category pair
        ("Tenge Falls · Banks Raise Rates · Oil Steady Again Today", False),  # long items
        ("USD | EUR | RUB 12", False),
        ("Tokayev  Meets  Putin", False),  # double spaces in a headline
        ("Senate · Passes · the Budget", False),  # an item in lower case
    ],
)
def test_parse_shapes_menu_line(line: str, expected: bool) -> None:
    assert menu(line) is expected


def test_parse_shapes_copyright_footer_ends_an_entry() -> None:
    assert separator("© 2026 Some Outlet. All rights reserved.")
    assert separator("Copyright 2026 Some Outlet")
    assert not separator("Copyright Fight Reaches the Supreme Court After Three Years of Hearings.")

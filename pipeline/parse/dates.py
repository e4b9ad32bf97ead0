"""Dates as listing pages write them. Formats are explicit: day-first pages must never be read month-first."""

from __future__ import annotations

import re
from datetime import date, datetime

# "14 November 2025", "November 14, 2025", "14 Nov 2025"
_PAGE_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y-%m-%d")
# Every format above has a four-digit %Y (strptime reads it as `\d\d\d\d`): a line without four
# digits in a row is no date, and most lines are not, so strptime's costly failures are skipped.
_YEAR = re.compile(r"\d\d\d\d")


def parse_page_date(text: str) -> date | None:
    """The date a whole line gives, or None when the line is not just a date."""
    # every whitespace run (NBSP included) as one space, none at the ends; split() is `\s+` and much
    # cheaper on the long body lines every page has
    cleaned = " ".join(text.split())
    if len(cleaned) > 30 or not _YEAR.search(cleaned):
        return None
    for fmt in _PAGE_DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def parse_dotted_date(day: str, month: str, year: str) -> date | None:
    """DD.MM.YY or DD.MM.YYYY, day first as CIS outlets write it."""
    fmt = "%d.%m.%y" if len(year) == 2 else "%d.%m.%Y"
    try:
        return datetime.strptime(f"{day}.{month}.{year}", fmt).date()
    except ValueError:
        return None

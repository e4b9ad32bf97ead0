"""Dates as listing pages write them. Formats are explicit: day-first pages must never be read month-first."""

from __future__ import annotations

import re
from datetime import date, datetime

# "14 November 2025", "November 14, 2025", "14 Nov 2025"
_PAGE_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y-%m-%d")
_SPACES = re.compile(r"\s+")


def parse_page_date(text: str) -> date | None:
    """The date a whole line gives, or None when the line is not just a date."""
    cleaned = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
    if len(cleaned) > 30:
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

"""What a line is, judged by its shape alone: ticker, date, furniture, byline, title or body text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from pipeline.parse.dates import parse_dotted_date, parse_page_date

# "• KZT/USD = 0.00191 -0%": bullet optional, change optional
_TICKER = re.compile(
    r"^(?:[•·*\-–]\s*)?(?P<base>[A-Z]{3})\s*/\s*(?P<quote>[A-Z]{3})\s*=\s*(?P<rate>\d+(?:\.\d+)?)"
    r"(?:\s+(?P<change>[+\-−]?\d+(?:\.\d+)?)\s*%)?$"
)
# "Name Surname 06.08.20": a name (no sentence punctuation) then a day-first dotted date
_BYLINE = re.compile(r"^(?P<name>[^.!?;:]{2,80}?|\S+\.\S+)\s+(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{2}|\d{4})$")
# the outlet's own byline is a domain-like name ("Example.asia"), not a person
_HOUSE = re.compile(r"^[\w\-]+(?:\.[A-Za-z]{2,})+$")
_FURNITURE = (
    re.compile(r"^Viewing results?\b.*\d", re.I),
    re.compile(r"^(?:Showing|Displaying)\s+\d+\s*[-–]\s*\d+\s+of\s+\d+", re.I),
    re.compile(r"^Page \d+ of \d+$", re.I),
    re.compile(r"^(?:Load more|Read more|Next|Previous|Older posts|Newer posts)\W*$", re.I),
)
# a line whose last visible character ends a sentence (closing quotes and brackets aside)
_SENTENCE_END = re.compile(r"(?:[.!…]|\.\.\.|\(more…\)|\(more\.\.\.\))[\"'”’»)\]]*$")
_BODY_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_TRUNCATION = re.compile(r"(?:\.\.\.|…|\(more…\)|\(more\.\.\.\))[\"'”’»)\]]*$")
_TITLE_MAX = 200


@dataclass(frozen=True)
class Ticker:
    base: str
    quote: str
    rate: Decimal
    change_pct: Decimal | None


@dataclass(frozen=True)
class BylineShape:
    name: str
    is_house: bool
    date: date


def ticker(line: str) -> Ticker | None:
    match = _TICKER.match(line)
    if not match:
        return None
    try:
        rate = Decimal(match["rate"])
        change = Decimal(match["change"].replace("−", "-")) if match["change"] else None
    except InvalidOperation:
        return None
    if change is not None and change == 0:
        change = Decimal(0)  # "-0%" is negative zero: store a plain 0
    return Ticker(match["base"], match["quote"], rate, change)


def page_date(line: str) -> date | None:
    return parse_page_date(line)


def byline(line: str) -> BylineShape | None:
    match = _BYLINE.match(line)
    if not match:
        return None
    when = parse_dotted_date(match["d"], match["m"], match["y"])
    if when is None:
        return None
    name = match["name"].strip()
    return BylineShape(name, bool(_HOUSE.match(name)), when)


def furniture(line: str) -> bool:
    return any(rule.match(line) for rule in _FURNITURE)


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def truncation_marker(line: str) -> bool:
    return bool(_TRUNCATION.search(line))


def body_complete(line: str) -> bool:
    """Ends on a finished sentence (a question counts), so the page did not cut it off."""
    return bool(_BODY_END.search(line))


def title_like(line: str) -> bool:
    """Short and not ending a sentence: how a headline looks (it may end in '?')."""
    return len(line) <= _TITLE_MAX and not ends_sentence(line)

"""Records the parser produces: one parsed page with its articles and rates.

Spans are [start, end) code points into the document text as decoded, never byte offsets, so a
client can slice the stored text with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

Layout = Literal["ticker-listing", "byline-listing", "generic"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Byline:
    text: str
    span: Span
    name: str
    # the outlet's own byline ("X.asia"): names the publisher, not a person
    is_house: bool
    date: date | None
    others: tuple[str, ...] = ()  # the further authors of "By A and B" (`name` is the first)


@dataclass(frozen=True)
class ParsedArticle:
    position: int  # 0-based order on the page
    title: str
    title_span: Span
    body: str  # empty for a title-only entry (a headline with its date or byline and no summary)
    body_span: Span  # empty, at the title's end, when there is no body
    truncated: bool
    published_on: date | None
    byline: Byline | None


@dataclass(frozen=True)
class ParsedRate:
    base: str
    quote: str
    rate: Decimal  # exactly as written: "0.10840" keeps its trailing zero
    change_pct: Decimal | None  # percent: "0.37%" is 0.37; "-0%" is 0
    as_of: date
    span: Span


@dataclass(frozen=True)
class ParsedPage:
    layout: Layout
    publisher: str | None  # the outlet the page's shape or house byline names, when it does
    page_date: date | None
    page_date_span: Span | None
    articles: tuple[ParsedArticle, ...]
    rates: tuple[ParsedRate, ...]
    # ticker lines seen on a page with no date: not stored, but reported
    undated_rates: int

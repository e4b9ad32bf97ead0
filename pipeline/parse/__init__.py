"""Page text → ParsedPage. Pure: the layout is recognised by the shape of the lines, never by names.

units.py sorts the lines by shape, entries.py finds the listing entries among them, articles.py turns
entries into articles (spans, bylines, dates, truncation)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from urllib.parse import urlsplit

from pipeline.errors import ParseError
from pipeline.parse import shapes
from pipeline.parse.articles import build
from pipeline.parse.entries import segment
from pipeline.parse.units import Scan, scan
from pipeline.records import Layout, ParsedArticle, ParsedPage, ParsedRate, Span

__all__ = ["parse_page"]

# a year as a path segment of the page's address ("/news/2026/01/"): the query is left out, since a
# redirect there may name another page
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)(?=/|$)")


def _url_year(source_url: str | None) -> int | None:
    if not source_url:
        return None
    match = _URL_YEAR.search(urlsplit(source_url).path)
    return int(match[1]) if match else None


def _year_ref(found: Scan, source_url: str | None) -> date | None:
    """The latest day a date printed without its year can be: the end of the month a header names
    ("News archive · December 2026"), else the end of the year in the page's address."""
    if found.page_month is not None:
        year, month = found.page_month
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    url_year = _url_year(source_url)
    return date(url_year, 12, 31) if url_year else None


def parse_page(text: str, source_url: str | None = None) -> ParsedPage:
    """Parses one scraped listing page. Raises ParseError when no article can be found. The source URL,
    when known, may give the year of dates the page writes without one."""
    found = scan(text)
    page_date = found.page_date
    articles = build(
        text,
        found.units,
        segment(found.units),
        page_date[0] if page_date else None,
        _year_ref(found, source_url),
    )
    if not articles:
        raise ParseError("no article found (expected entries of a title line followed by body text)")

    articles = _house_bylines(text, articles)
    tickers = list(found.tickers)
    rates = _rates(tickers, page_date[0]) if page_date else ()
    bylines = [a.byline for a in articles if a.byline is not None]
    # the byline listing is the one with "Name 06.08.20" bylines; "By Name" alone is a generic page
    dotted = any(u.byline is not None and u.byline.dotted for u in found.units)
    layout: Layout = (
        "ticker-listing" if tickers or found.furniture else "byline-listing" if dotted else "generic"
    )
    house = next((b.name for b in bylines if b.is_house), None)
    return ParsedPage(
        layout=layout,
        publisher=house,
        page_date=page_date[0] if page_date else None,
        page_date_span=page_date[1] if page_date else None,
        articles=articles,
        rates=rates,
        undated_rates=0 if page_date else len({(t.base, t.quote) for t, _ in tickers}),
    )


def _house_bylines(text: str, articles: tuple[ParsedArticle, ...]) -> tuple[ParsedArticle, ...]:
    """A byline naming the page's masthead (its first line: "Steppe Review" over the listing, then
    "Steppe Review | 11.01.2026") is the outlet's own, not a person's."""
    masthead = next((line.strip() for line in text.splitlines() if line.strip()), "").casefold()
    out: list[ParsedArticle] = []
    for article in articles:
        by = article.byline
        if by is not None and not by.is_house and not by.others and by.name.casefold() == masthead:
            article = replace(article, byline=replace(by, is_house=True))
        out.append(article)
    return tuple(out)


def _rates(tickers: list[tuple[shapes.Ticker, Span]], as_of: date) -> tuple[ParsedRate, ...]:
    # the ticker repeats itself across the page: one rate per (base, quote, day), the first one seen
    seen: dict[tuple[str, str], ParsedRate] = {}
    for tick, span in tickers:
        seen.setdefault(
            (tick.base, tick.quote),
            ParsedRate(tick.base, tick.quote, tick.rate, tick.change_pct, as_of, span),
        )
    return tuple(seen.values())

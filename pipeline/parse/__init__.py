"""Page text → ParsedPage. Pure: the layout is recognised by the shape of the lines, never by names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline.errors import ParseError
from pipeline.parse import shapes
from pipeline.parse.lines import Line, lines
from pipeline.records import Byline, Layout, ParsedArticle, ParsedPage, ParsedRate, Span

__all__ = ["parse_page"]


@dataclass(frozen=True)
class _Unit:
    """A content line, after tickers, page dates and furniture are taken out."""

    line: Line
    byline: shapes.BylineShape | None
    date: date | None  # a line that is only a date


def parse_page(text: str) -> ParsedPage:
    """Parses one scraped listing page. Raises ParseError when no article can be found."""
    tickers: list[tuple[shapes.Ticker, Span]] = []
    units: list[_Unit] = []
    page_date: tuple[date, Span] | None = None
    furniture = False
    for line in lines(text):
        tick = shapes.ticker(line.text)
        if tick is not None:
            tickers.append((tick, line.span))
            continue
        if shapes.furniture(line.text):
            furniture = True
            continue
        when = shapes.page_date(line.text)
        if when is not None and page_date is None and not units:
            page_date = (when, line.span)  # a date line before any entry dates the page (and its ticker)
            continue
        units.append(_Unit(line, shapes.byline(line.text), when))

    articles = _articles(text, units, page_date[0] if page_date else None)
    if not articles:
        raise ParseError("no article found (expected entries of a title line followed by body text)")

    rates = _rates(tickers, page_date[0]) if page_date else ()
    bylines = [a.byline for a in articles if a.byline is not None]
    layout: Layout = "ticker-listing" if tickers or furniture else "byline-listing" if bylines else "generic"
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


def _rates(tickers: list[tuple[shapes.Ticker, Span]], as_of: date) -> tuple[ParsedRate, ...]:
    # the ticker repeats itself across the page: one rate per (base, quote, day), the first one seen
    seen: dict[tuple[str, str], ParsedRate] = {}
    for tick, span in tickers:
        seen.setdefault(
            (tick.base, tick.quote),
            ParsedRate(tick.base, tick.quote, tick.rate, tick.change_pct, as_of, span),
        )
    return tuple(seen.values())


def _titles(units: list[_Unit]) -> list[bool]:
    """Which units start an entry: a title-like line followed by a byline, a date or a non-title."""
    is_title = [False] * len(units)
    for i in range(len(units) - 2, -1, -1):
        unit, after = units[i], units[i + 1]
        if unit.byline is not None or unit.date is not None or not shapes.title_like(unit.line.text):
            continue
        is_title[i] = after.byline is not None or after.date is not None or not is_title[i + 1]
    return is_title


def _articles(text: str, units: list[_Unit], listed_on: date | None) -> tuple[ParsedArticle, ...]:
    is_title = _titles(units)
    starts = [i for i, flag in enumerate(is_title) if flag]
    articles: list[ParsedArticle] = []
    for n, first in enumerate(starts):
        last = starts[n + 1] if n + 1 < len(starts) else len(units)
        head, rest = units[first], units[first + 1 : last]
        byline: Byline | None = None
        published: date | None = None
        if rest and rest[0].byline is not None:
            shape = rest[0].byline
            byline = Byline(rest[0].line.text, rest[0].line.span, shape.name, shape.is_house, shape.date)
            published, rest = shape.date, rest[1:]
        elif rest and rest[0].date is not None:
            published, rest = rest[0].date, rest[1:]
        if not rest:
            continue  # a heading with nothing under it is not an article
        body_span = Span(rest[0].line.span.start, rest[-1].line.span.end)
        tail = rest[-1].line.text
        articles.append(
            ParsedArticle(
                position=len(articles),
                title=head.line.text,
                title_span=head.line.span,
                body=text[body_span.start : body_span.end],
                body_span=body_span,
                # a marker, or a body the page cut off mid-sentence
                truncated=shapes.truncation_marker(tail) or not shapes.body_complete(tail),
                published_on=published,
                byline=byline,
            )
        )
    del listed_on  # the page date is the listing's, never an article's publication date
    return tuple(articles)

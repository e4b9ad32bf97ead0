"""A page's lines sorted by shape: tickers, furniture and the page date aside, every other line a unit of
one kind (meta, separator, label, title, sentence, prose) that the entry rules in entries.py work on."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from pipeline import gazetteer
from pipeline.parse import shapes
from pipeline.parse.bylines import BylineShape, Glued, bare_name, byline, glued, leading
from pipeline.parse.dates import (
    LooseDate,
    date_line,
    days_back,
    find_date,
    month_line,
    month_year,
    relative_time,
)
from pipeline.parse.lines import Line, lines
from pipeline.records import Span

# a line printed more than once with at most this many words is a category or section label
_REPEATED_LABEL_WORDS = 5


class Kind(Enum):
    META = "meta"  # a byline or a date line: belongs to an entry, never its title or body
    SEPARATOR = "separator"  # punctuation only: the gap between entries
    LABEL = "label"  # a section heading or category: never a title, never body text
    TITLE = "title"  # headline-shaped: short, not ending a sentence (or cut with "...")
    SENTENCE = "sentence"  # one short finished sentence: body text, or a headline written as a sentence
    PROSE = "prose"  # body text


@dataclass(frozen=True)
class Unit:
    line: Line
    kind: Kind
    byline: BylineShape | None = None
    when: LooseDate | None = None  # the date a meta line gives
    glued: Glued | None = None  # a title line's glued date or byline


@dataclass(frozen=True)
class Scan:
    units: tuple[Unit, ...]
    tickers: tuple[tuple[shapes.Ticker, Span], ...]
    furniture: bool
    page_date: tuple[date, Span] | None
    page_month: tuple[int, int] | None = None  # (year, month) of a header "News archive · December 2026"


def _kind(text: str) -> Kind:
    if shapes.separator(text):
        return Kind.SEPARATOR
    if shapes.title_like(text) or shapes.cut_title(text):
        if len(text.split()) <= _REPEATED_LABEL_WORDS and shapes.shouted(text):
            return Kind.LABEL
        return Kind.TITLE
    if shapes.sentence_title(text):
        return Kind.SENTENCE
    return Kind.PROSE


# what an entry is made of: once one of these was seen, a date line is no longer the page's
_TEXT_KINDS = (Kind.META, Kind.PROSE, Kind.SENTENCE)


# "Title — summary" on one line: the headline part is at least this many words ("ASTANA — ..." is a
# dateline, not a title)
_ONE_LINE_TITLE_WORDS = 4
LABEL_LINE_WORDS = 2
_ONE_LINE_SUMMARY_WORDS = 6
_DASH = re.compile(r"\s[—–]\s")


def _title_and_summary(line: Line) -> tuple[Line, Line] | None:
    """An entry printed on one line, "Title Words Here — The summary sentence ...": two lines."""
    m = _DASH.search(line.text)
    if m is None:
        return None
    head, tail = line.text[: m.start()], line.text[m.end() :]
    if (
        len(head.split()) < _ONE_LINE_TITLE_WORDS
        or len(tail.split()) < _ONE_LINE_SUMMARY_WORDS
        or shapes.shouted(head)
        or not shapes.title_like(head)
        or not shapes.title_case(head)
    ):
        return None
    start = line.span.start
    tail_start = start + m.end()
    return (
        Line(head, Span(start, start + len(head)), line.blank_before),
        Line(tail, Span(tail_start, tail_start + len(tail)), 0),
    )


_HEADING_MARKS = ("—", "–", "-", "|", "·", "•", ":")


def _dated_heading(text: str, extra: Glued | None, below: str | None) -> bool:
    """A section heading with the day's date glued on ("News in brief — 7 December 2026"), standing
    over headlines rather than over body text."""
    if extra is None or extra.byline is not None or extra.when is None or extra.when.full is None:
        return False
    head = text[extra.title_start : extra.title_end]
    marked = text[extra.title_end : extra.when.start].strip()[:1] in _HEADING_MARKS
    return (
        marked
        and shapes.label_like(head)
        and below is not None
        and (shapes.title_like(below) or shapes.cut_title(below))
        and len(below) < _BODY_LIKE_MIN
        and glued(below) is None  # a column of headlines with dates of their own: each is an entry
    )


def scan(text: str) -> Scan:
    all_lines = list(lines(text))
    tickers: list[tuple[shapes.Ticker, Span]] = []
    units: list[Unit] = []
    page_date: tuple[date, Span] | None = None
    furniture = False
    skip = False
    heading: date | None = None
    page_month: tuple[int, int] | None = None
    for n, line in enumerate(all_lines):
        if skip:
            skip = False
            continue
        quotes = shapes.tickers(line.text)
        if quotes:
            start = line.span.start
            tickers.extend((tick, Span(start + lo, start + hi)) for tick, lo, hi in quotes)
            own = find_date(line.text[: quotes[0][1]])
            if page_date is None and own is not None and own.full is not None:
                page_date = (own.full, line.span)  # "Official rates, 12/07/2026: 1 USD = ..."
            continue
        if shapes.furniture(line.text):
            furniture = True
            continue
        when = shapes.page_date(line.text)
        if when is not None and page_date is None and not any(u.kind in _TEXT_KINDS for u in units):
            # a date line before any entry dates the page (and its ticker); under masthead lines it may
            # also be the first entry's date above its title, so it stays a date line too
            page_date = (when, line.span)
            if not units or date_line(line.text) is None:
                continue  # a header ("Saturday, 5 December 2026 | 14 Qaws 1405") is no entry's date
        if page_date is None and page_month is None and not any(u.kind in _TEXT_KINDS for u in units):
            page_month = month_year(line.text)
            if page_month is not None:
                units.append(Unit(line, Kind.LABEL))
                continue
        shape = byline(line.text)
        if shape is not None:
            units.append(Unit(line, Kind.META, byline=shape, when=shape.when))
            continue
        loose = date_line(line.text)
        if loose is None and n + 1 < len(all_lines):
            # "7" over "OCT": a date block of two lines
            loose = month_line(line.text, all_lines[n + 1].text)
            skip = loose is not None
        if loose is None and page_date is not None:
            back = days_back(line.text)
            if back is not None:
                # "5 hours ago", "yesterday · Society", "Вчера, 18:05": counted back from the page's date
                day = page_date[0] - timedelta(days=back)
                loose = LooseDate(day.day, day.month, day.year, 0, len(line.text))
        if shapes.entry_note(line.text):
            # "Source: Agency · 2026-12-05T13:20": a note may carry the entry's date
            own = find_date(line.text)
            units.append(Unit(line, Kind.META, when=loose or (own if own is not None and own.full else None)))
            continue
        if loose is not None or relative_time(line.text):
            units.append(Unit(line, Kind.META, when=loose))
            continue
        if shapes.day_header(line.text):
            units.append(Unit(line, Kind.LABEL))
            continue
        split = _title_and_summary(line)
        if split is not None and (
            not units
            or units[-1].kind not in _HEADLINE_KINDS
            or len(units[-1].line.text.split()) <= LABEL_LINE_WORDS  # a section name above it
        ):
            units.extend((Unit(split[0], Kind.TITLE), Unit(split[1], Kind.PROSE)))
            continue
        kind = _kind(line.text)
        extra = None
        if kind is Kind.TITLE:
            extra = glued(line.text) or leading(line.text)
            nxt = all_lines[n + 1].text if n + 1 < len(all_lines) else None
            if _dated_heading(line.text, extra, nxt):
                # "News in brief — 7 December 2026" over a column of headlines: the day of the times below
                assert extra is not None and extra.when is not None
                heading = extra.when.full
                units.append(Unit(line, Kind.LABEL))
                continue
            ref = heading or (page_date[0] if page_date else None)
            if extra is not None and extra.clock_only and ref is not None:
                # "21:40 | Title" on a live page: a time on the page's (or the heading's) day
                day = ref - timedelta(days=extra.days_back)
                extra = replace(extra, when=LooseDate(day.day, day.month, day.year, 0, 0))
        units.append(Unit(line, kind, glued=extra))
    return Scan(_in_context(units), tuple(tickers), furniture, page_date, page_month)


_HEADLINE_KINDS = (Kind.TITLE, Kind.SENTENCE)
_AFFILIATION_WORDS = 12
# a headline-shaped line this long under a headline is its summary (no stop at the end), not a kicker
_BODY_LIKE_MIN = 100


def body_like(units: Sequence[Unit], j: int) -> bool:
    """Unit j reads as body text under a headline: prose, or a headline-shaped line that is the page's
    last (cut off), cut with a marker, or long."""
    unit = units[j]
    if unit.kind is Kind.PROSE:
        return True
    text = unit.line.text
    return unit.kind is Kind.TITLE and (
        j == len(units) - 1 or shapes.truncation_marker(text) or len(text) >= _BODY_LIKE_MIN
    )


def _meta_follows(units: Sequence[Unit], i: int) -> bool:
    """A date or other meta line comes right after unit i, or after one more short line (the author's
    post): what sets an author's name line apart from a subheading."""
    nxt = units[i + 1] if i + 1 < len(units) else None
    if nxt is None:
        return False
    if nxt.kind is Kind.META:
        return True
    after = units[i + 2] if i + 2 < len(units) else None
    return (
        nxt.kind in _HEADLINE_KINDS
        and len(nxt.line.text.split()) <= _AFFILIATION_WORDS
        and after is not None
        and after.kind is Kind.META
        and after.when is not None
    )


def _in_context(units: list[Unit]) -> tuple[Unit, ...]:
    """Kinds that depend on the rest of the page:

    - a short line printed more than once is a category or section label, unless one of its copies
      has body text right under it (then it is a headline the page prints twice);
    - a "By Name" line, or "Name Surname | date", is a byline only under a headline; elsewhere it is a
      headline of its own (or a date line with a label).
    """
    followed: dict[str, bool] = {}
    for i, unit in enumerate(units):
        if unit.kind is Kind.TITLE and len(unit.line.text.split()) <= _REPEATED_LABEL_WORDS:
            under = i + 1 < len(units) and body_like(units, i + 1)
            followed[unit.line.text] = followed.get(unit.line.text, False) or under
    counts = Counter(u.line.text for u in units if u.line.text in followed)
    out: list[Unit] = []
    for i, unit in enumerate(units):
        text = unit.line.text
        if counts[text] > 1 and not followed[text] and unit.glued is None:
            unit = Unit(unit.line, Kind.LABEL)
        if (
            unit.kind in _HEADLINE_KINDS
            and i > 0
            and units[i - 1].kind in _HEADLINE_KINDS
            and not shapes.truncation_marker(units[i - 1].line.text)
            and _meta_follows(units, i)
        ):
            name = bare_name(text)
            if name is not None and (name.is_house or gazetteer.lookup(text) is None):
                # title / "Elena Sokolova" / affiliation / date / summary: the author's line
                out.append(Unit(unit.line, Kind.META, byline=name))
                continue
        if (
            unit.kind in _HEADLINE_KINDS
            and out
            and out[-1].byline is not None
            and out[-1].byline.headline_shaped
            and out[-1].when is None
            and i + 1 < len(units)
            and units[i + 1].kind is Kind.META
            and len(text.split()) <= _AFFILIATION_WORDS
        ):
            # "Elena Sokolova" / "Senior fellow, Higher School of Economics" / date: the author's post
            out.append(Unit(unit.line, Kind.META))
            continue
        shape = unit.byline
        loose = shape is not None and (shape.when is None or shape.headline_shaped)
        if loose and (i == 0 or units[i - 1].kind not in _HEADLINE_KINDS):
            when = date_line(text)
            kind = Kind.META if when is not None else _kind(text)
            unit = Unit(unit.line, kind, when=when, glued=glued(text) if kind is Kind.TITLE else None)
        out.append(unit)
    return tuple(out)

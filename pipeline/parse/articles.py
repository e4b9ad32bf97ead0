"""Entries → ParsedArticle: title and body spans, byline, publication date (a date line after a body
belongs to the entry above when the page prints dates after summaries), the year of a date written
without one, truncation, and one article for an entry the page prints twice."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from pipeline.parse import dates, shapes
from pipeline.parse.bylines import BylineShape
from pipeline.parse.dates import LooseDate
from pipeline.parse.entries import Entry, Segmented
from pipeline.parse.units import Unit
from pipeline.records import Byline, ParsedArticle, Span

# "1. TITLE", "■ Title": the listing's numbering or bullet is no part of the headline
_NUMBERED = re.compile(r"(?:\d{1,3}[.)]|[■□▪▫●○◆◇►▶•·*\-–—])\s+(?=\S)")


@dataclass(frozen=True)
class _Draft:
    title: Span
    body: Span | None
    byline: Byline | None
    when: LooseDate | None
    continued: bool = False  # a "Continue reading" link follows the body: the listing shows a teaser


def _byline(shape: BylineShape, text: str, span: Span) -> Byline:
    return Byline(
        text, span, shape.name, shape.is_house, shape.when.full if shape.when else None, shape.others
    )


def _dates_after_bodies(entries: tuple[Entry, ...], units: tuple[Unit, ...], lead_dated: bool) -> bool:
    """Whether the date lines between entries belong to the entry above (printed after its summary)."""
    # a column of title-only entries dated from above has no say in how the listing's dates stand
    dated = [any(units[i].when is not None for i in e.gap) for e in entries if not e.above]
    # a date after the last body, or dates between entries but none above the first title
    return bool(dated) and (dated[-1] or (any(dated) and not lead_dated))


def _draft(
    text: str, units: tuple[Unit, ...], entry: Entry, inherited: LooseDate | None, after: bool = False
) -> _Draft | None:
    line = units[entry.head].line
    title = line.span
    byline: Byline | None = None
    when: LooseDate | None = None
    extra = units[entry.head].glued
    if extra is not None:
        title = Span(line.span.start + extra.title_start, line.span.start + extra.title_end)
        when = extra.when
        if extra.byline is not None:
            span = Span(line.span.start + extra.byline_span[0], line.span.start + extra.byline_span[1])
            byline = _byline(extra.byline, text[span.start : span.end], span)
    number = _NUMBERED.match(text, title.start, title.end)
    if number is not None and title.end > number.end():
        # "1. UZBEKISTAN, CHINA AND ...": the listing's numbering is no part of the headline
        title = Span(number.end(), title.end)
    # on a page that prints dates after summaries, a byline there is the entry's too ("— Reported by")
    for i in [*entry.meta, *(entry.gap if after else ())]:
        unit = units[i]
        if unit.byline is not None and byline is None:
            byline = _byline(unit.byline, unit.line.text, unit.line.span)
        if unit.when is not None and when is None:
            when = unit.when
    dated = any(units[i].when is not None or units[i].byline is not None for i in entry.meta)
    if not entry.body and not dated and not entry.above and extra is None:
        return None  # a heading with nothing under it (a note at most) is not an article
    body = (
        Span(units[entry.body[0]].line.span.start, units[entry.body[-1]].line.span.end)
        if entry.body
        else None
    )
    below = entry.body[-1] + 1 if entry.body else None
    continued = below is not None and below < len(units) and shapes.more_link(units[below].line.text)
    return _Draft(title, body, byline, when or inherited, continued)


def _gap_date(units: tuple[Unit, ...], gap: list[int], first: bool) -> LooseDate | None:
    dates = [units[i].when for i in gap if units[i].when is not None]
    return (dates[0] if first else dates[-1]) if dates else None


def _drafts(text: str, units: tuple[Unit, ...], seg: Segmented, page_date: date | None) -> list[_Draft]:
    entries = seg.entries
    lead = _gap_date(units, list(seg.lead), first=False)
    after = _dates_after_bodies(entries, units, lead is not None or page_date is not None)
    drafts: list[_Draft] = []
    day: LooseDate | None = lead
    for n, entry in enumerate(entries):
        inherited: LooseDate | None
        if entry.above:
            inherited = _gap_date(units, entry.above, first=False)
        elif after:
            inherited = _gap_date(units, entry.gap, first=True)
        elif n > 0:
            inherited = _gap_date(units, entries[n - 1].gap, first=False)
            if inherited is None and _clock_only(units, entries[n - 1].gap):
                # "16:40" over the title: a time on the day of the last day header above
                inherited = day
        elif any(_gap_date(units, e.gap, first=True) for e in entries):
            # dates stand above their entries: the first one's is above the first title (or the page's)
            inherited = lead or (
                LooseDate(page_date.day, page_date.month, page_date.year, 0, 0) if page_date else None
            )
        else:
            inherited = lead
        draft = _draft(text, units, entry, inherited, after)
        if draft is not None:
            drafts.append(draft)
        if not after:
            day = _gap_date(units, entry.gap, first=False) or (draft.when if draft else None) or day
    return drafts


def _clock_only(units: tuple[Unit, ...], gap: list[int]) -> bool:
    """The gap holds a time of day and no date ("14:15"): the entry under it ran on the day above."""
    return any(units[i].when is None and dates.clock_time(units[i].line.text) for i in gap)


def _year(when: LooseDate, ref: date, later: bool) -> date | None:
    """when in the year that puts it on the right side of ref: listings run newest first, so an entry
    below a dated one (later on the page) is not newer than it, and one above it is not older."""
    found = when.on(ref.year)
    if found is None:
        return None
    if later and found > ref:
        return when.on(ref.year - 1)
    if not later and found < ref:
        return when.on(ref.year + 1)
    return found


def _published(drafts: list[_Draft], page_date: date | None, year_ref: date | None) -> list[date | None]:
    """Publication dates; one written without its year ("7 OCT") takes it from the listing date, else
    the month of the page's header or the year in its address, else the nearest entry above (or below)
    with a full date."""
    whens = [d.when for d in drafts]
    out = [w.full if w else None for w in whens]
    start = page_date or year_ref
    anchor = next((n for n, full in enumerate(out) if full is not None), None)
    if start is None and anchor is None:
        return out
    ref = start
    for n in range(0 if start else anchor or 0, len(out)):
        when = whens[n]
        if out[n] is None and when is not None and ref is not None:
            out[n] = _year(when, ref, later=True)
        ref = out[n] or ref
    if start is None and anchor is not None:
        ref = out[anchor]
        for n in range(anchor - 1, -1, -1):
            when = whens[n]
            if out[n] is None and when is not None and ref is not None:
                out[n] = _year(when, ref, later=False)
            ref = out[n] or ref
    return out


def _norm(title: str) -> str:
    return " ".join(title.casefold().split()).rstrip(".…").rstrip()


def _twin(kept: list[tuple[str, bool]], key: str, cut: bool) -> int | None:
    """The kept article with the same headline, perhaps one copy cut short with "..."."""
    for k, (other, other_cut) in enumerate(kept):
        if other == key or (cut and other.startswith(key)) or (other_cut and key.startswith(other)):
            return k
    return None


def _unique(articles: list[ParsedArticle]) -> list[ParsedArticle]:
    """An entry printed twice (a short and a full copy) is one article: the copy with the longer body."""
    kept: list[ParsedArticle] = []
    keys: list[tuple[str, bool]] = []
    for article in articles:
        key, cut = _norm(article.title), shapes.truncation_marker(article.title)
        twin = _twin(keys, key, cut)
        if twin is None:
            kept.append(article)
            keys.append((key, cut))
            continue
        other = kept[twin]
        best, rest = (article, other) if len(article.body) > len(other.body) else (other, article)
        kept[twin] = replace(
            best,
            published_on=best.published_on or rest.published_on,
            byline=best.byline or rest.byline,
        )
        if best is article:
            keys[twin] = (key, cut)
    return [a if a.position == n else replace(a, position=n) for n, a in enumerate(kept)]


def build(
    text: str, units: tuple[Unit, ...], seg: Segmented, page_date: date | None, year_ref: date | None
) -> tuple[ParsedArticle, ...]:
    drafts = _drafts(text, units, seg, page_date)
    published = _published(drafts, page_date, year_ref)
    articles: list[ParsedArticle] = []
    for draft, when in zip(drafts, published, strict=True):
        body = draft.body
        tail = text[body.start : body.end].rstrip() if body else ""
        articles.append(
            ParsedArticle(
                position=len(articles),
                title=text[draft.title.start : draft.title.end],
                title_span=draft.title,
                body=text[body.start : body.end] if body else "",
                body_span=body or Span(draft.title.end, draft.title.end),
                # a marker, or a body the page cut off mid-sentence; a title-only entry has no body to cut
                truncated=bool(tail)
                and (draft.continued or shapes.truncation_marker(tail) or not shapes.body_complete(tail)),
                published_on=when,
                byline=draft.byline,
            )
        )
    return tuple(_unique(articles))

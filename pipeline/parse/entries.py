"""Listing entries found by shape: a title, the meta lines under it, its body, and the meta lines
after the body. Which line is a title depends on its neighbours, never on names:

- a headline-shaped line is a title when a byline or date follows it, or body text does;
- of two headline-shaped lines in a row, the one nearer the body is the title (the first is a kicker,
  a breadcrumb or the same headline in another language);
- a one-sentence line is a title only between entries (after a label, a date or a separator) and
  above a longer body, so a short first paragraph stays body text;
- labels and separators end an entry and are never its title or body; a label, or a line of a few
  words, between a title and its body is the entry's category or author line;
- a headline-shaped last line after a finished body is an entry the page cut off: no article;
- in a column of dates and headlines that starts with a date, each date is the headline's below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from pipeline.parse import shapes
from pipeline.parse.units import Kind, Unit, body_like


@dataclass
class Entry:
    head: int  # the title unit
    meta: list[int] = field(default_factory=list)  # bylines and dates right under the title
    body: list[int] = field(default_factory=list)
    gap: list[int] = field(default_factory=list)  # bylines and dates after the body
    above: list[int] = field(default_factory=list)  # the dates of a title-only entry listed above it


@dataclass(frozen=True)
class Segmented:
    entries: tuple[Entry, ...]
    lead: tuple[int, ...]  # meta units before the first entry


class _State(Enum):
    OUT = 0  # between entries
    HEAD = 1  # under a title (its meta lines)
    BODY = 2


def _dates_next_title(units: tuple[Unit, ...], j: int) -> bool:
    """The date lines from j on stand above the next entry's title (a headline with body text right
    under it), not under the headline before them."""
    while j < len(units) and units[j].kind is Kind.META:
        j += 1
    return (
        j + 1 < len(units)
        and units[j].kind in (Kind.TITLE, Kind.SENTENCE)
        and (body_like(units, j + 1) or units[j + 1].kind is Kind.SENTENCE)
    )


def _short_under(units: tuple[Unit, ...], i: int) -> bool:
    """A headline with a short line under it and body text under that: "Title" / "Society" / body.
    The short line is the entry's category or author, not a title with the headline as its kicker."""
    return (
        i + 2 < len(units)
        and len(units[i].line.text.split()) > shapes.LABEL_WORDS
        and shapes.label_like(units[i + 1].line.text)
        and units[i + 2].kind in (Kind.PROSE, Kind.SENTENCE)
    )


def _heads(units: tuple[Unit, ...]) -> tuple[list[bool], set[int]]:
    """Which units can open an entry, judged from what follows them (last unit first), and the short
    lines between a title and its body that belong to neither."""
    n = len(units)
    head = [False] * n
    between: set[int] = set()
    if n and units[-1].kind is Kind.TITLE and units[-1].glued is not None:
        head[-1] = True  # a dated last headline is a title-only entry, not a headline cut short
    for i in range(n - 2, -1, -1):
        kind, after = units[i].kind, units[i + 1]
        if kind is Kind.TITLE:
            if units[i].glued is not None:
                head[i] = True  # a title line with its own date or byline glued on: an entry of its own
            elif after.kind is Kind.LABEL:
                # a category under the title: the entry goes on below it, unless another title does
                j = i + 1
                while j < n and units[j].kind is Kind.LABEL:
                    j += 1
                head[i] = j < n and not head[j] and (units[j].kind is Kind.SENTENCE or body_like(units, j))
            elif after.kind is Kind.TITLE and head[i + 1] and _short_under(units, i):
                head[i], head[i + 1] = True, False
                between.add(i + 1)
            elif after.kind is Kind.SENTENCE and head[i + 1]:
                # "Latest news" over a headline written as a sentence: the sentence is the title
                head[i] = not shapes.label_like(units[i].line.text)
            elif after.kind is Kind.META:
                # a date under a heading ("Latest news" / "7 OCT") is the next entry's, or the page's
                head[i] = after.byline is not None or not (
                    shapes.label_like(units[i].line.text) or _dates_next_title(units, i + 1)
                )
            elif after.kind in (Kind.PROSE, Kind.SENTENCE):
                head[i] = True
            elif after.kind is Kind.TITLE:
                head[i] = not head[i + 1] and body_like(units, i + 1)
        elif kind is Kind.SENTENCE:
            j = i + 1
            while j < n and units[j].kind is Kind.META:
                j += 1
            body = units[j] if j < n else None
            head[i] = (
                body is not None and body.kind is Kind.PROSE and len(body.line.text) > len(units[i].line.text)
            )
    return head, between


def _dangling(units: tuple[Unit, ...], i: int) -> bool:
    """The page's last line is a headline the excerpt cut, not the end of the body above it."""
    unit = units[i]
    return (
        i == len(units) - 1
        and unit.kind is Kind.TITLE
        and shapes.body_complete(units[i - 1].line.text)
        and shapes.title_case(unit.line.text)
    )


def _headline_with_date_above(units: tuple[Unit, ...], i: int) -> bool:
    """Unit i is a title with its date line right above it, no body, and more such titles after it."""
    return (
        i > 0
        and units[i].kind is Kind.TITLE
        and units[i - 1].kind is Kind.META
        and units[i - 1].byline is None
        and not (i + 1 < len(units) and (body_like(units, i + 1) or units[i + 1].kind is Kind.SENTENCE))
    )


def _dated_from_above(units: tuple[Unit, ...]) -> set[int]:
    """Title-only entries listed as date, title, date, title ("7 OCT" / headline, as a "Latest news"
    column prints them): a run of dates and single headlines that starts with a date. A run that
    starts with a headline ("headline / date / headline / date") keeps each date under its title."""
    dated: set[int] = set()
    n = len(units)
    i = 0
    while i < n:
        before = units[i - 1] if i > 0 else None
        # a date under a headline (not a heading such as "Latest news") is that headline's
        if units[i].kind is not Kind.META or (
            before is not None and before.kind is Kind.TITLE and not shapes.label_like(before.line.text)
        ):
            i += 1
            continue
        run: list[int] = []
        j = i
        while j < n:
            while j < n and units[j].kind is Kind.META:
                j += 1
            if j < n and _headline_with_date_above(units, j) and j + 1 < n:
                run.append(j)
                j += 1
            else:
                break
        # one headline under a date is an ordinary entry below its date line; a column has several
        if len(run) >= 2:
            dated.update(run)
        i = max(j, i + 1)
    return dated


def _kicker(units: tuple[Unit, ...], head: list[bool], i: int) -> bool:
    """A headline set off by a blank line after a body, right above the next entry's title: a kicker
    or the title in another language, not the end of the body above."""
    return (
        units[i].kind is Kind.TITLE
        and units[i].line.blank_before > 0
        and i + 1 < len(units)
        and units[i + 1].kind is Kind.TITLE
        and head[i + 1]
    )


def segment(units: tuple[Unit, ...]) -> Segmented:
    head, between = _heads(units)
    dated_above = _dated_from_above(units)
    entries: list[Entry] = []
    lead: list[int] = []
    state = _State.OUT
    for i, unit in enumerate(units):
        kind = unit.kind
        if i in between or (kind is Kind.LABEL and state is _State.HEAD):
            continue  # a category or author line between a title and its body
        if kind is Kind.META:
            if state is _State.HEAD:
                entries[-1].meta.append(i)
            elif entries:
                entries[-1].gap.append(i)
                state = _State.OUT
            else:
                lead.append(i)
        elif kind in (Kind.SEPARATOR, Kind.LABEL):
            state = _State.OUT
        elif i in dated_above:
            first = i
            while first > 0 and units[first - 1].kind is Kind.META:
                first -= 1
            entries.append(Entry(i, above=list(range(first, i))))
            state = _State.OUT  # the date lines under it are the next title's
        elif head[i] and (kind is Kind.TITLE or state is _State.OUT):
            entries.append(Entry(i))
            state = _State.HEAD
        elif state is _State.BODY and _kicker(units, head, i):
            state = _State.OUT  # the next entry's headline in another language, above its title
        elif state is not _State.OUT and not (state is _State.BODY and _dangling(units, i)):
            entries[-1].body.append(i)
            state = _State.BODY
        else:
            state = _State.OUT  # a kicker, a headline in another language, an orphan line
    return Segmented(tuple(entries), tuple(lead))

"""Bylines by shape: "Name 06.08.20", "By Name and Name[ | date]", and a byline glued to a title's end."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.parse.dates import (
    LooseDate,
    clock_time,
    days_back,
    find_date,
    glued_date,
    glued_relative,
    parse_dotted_date,
    relative_time,
)

# "Name Surname 06.08.20": a name (no sentence punctuation) then a day-first dotted date
_DOTTED = re.compile(
    r"^(?P<name>[^.!?;:]{2,80}?|\S+\.\s?\S+)\s+(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{2}|\d{4})$"
)
# the outlet's own byline is a domain-like name ("Example.asia", "Example. asia"), not a person
_HOUSE = re.compile(r"^[\w\-]+(?:\.\s?[A-Za-z]{2,})+$")
_BY = re.compile(
    r"^(?:[—–\-]\s*)?(?:(?:Posted|Written|Words|Reported|Filed|Story|Text|Compiled)\s+)?(?:By|BY|by)\s+(?P<rest>\S.*)$"
)
# "Kim Soo-jin in Seoul": where the author filed from is no part of the name
_FILED_FROM = re.compile(r"\s+(?:in|from)\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*$")
_BY_MAX = 100
# marks that set a date apart from the names beside it, and " on " as in "By Name on May 3, 2026"
_MARKS_AROUND = re.compile(r"^[\s|·•,—–\-]+|(?:\s+on)?[\s|·•,—–\-]*$")
_SET_OFF = re.compile(r"(?:[|·•,—–\-]|\son)\s*$")
_TIME_AFTER = re.compile(r"^[\s,|·•—–\-]*(?:at\s+)?\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?")
_AND = re.compile(r"\s*(?:,|\band\b|&)\s*")
_TRAILING_DATE_MARKS = re.compile(r"[\s|·•,—–\-]+$")
# lower-case words a personal name may hold between capitalised ones ("Ursula von der Leyen")
_PARTICLES = frozenset(
    ["al", "bin", "binti", "da", "de", "del", "der", "di", "dos", "du", "el", "ibn", "la", "le", "van", "von"]
)
_NAME_WORDS = 4
_BARE_NAME_WORDS = 3  # a name alone on its line: "Firstname Lastname" or with a middle name
_GLUED_TITLE_WORDS = 3
_SEPARATED = re.compile(r"[|·•—–]")
# a person's name glued after a title's closing punctuation: "…on the Border?Name Surname 14.09.21"
_GLUED_NAME = re.compile(r"(?P<end>[?!”\"»])\s*(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3})$")


@dataclass(frozen=True)
class BylineShape:
    name: str  # the first author, or the outlet for a house byline
    is_house: bool
    when: LooseDate | None
    others: tuple[str, ...] = ()  # further authors of a "By A and B" byline
    dotted: bool = False  # the "Name 06.08.20" shape of the byline listing layout
    headline_shaped: bool = False  # "Name Surname | date" is also how a short headline with its date reads


def _word_ok(word: str, first: bool) -> bool:
    if word[:1].isupper():
        return True
    return not first and word in _PARTICLES


def _person(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= _NAME_WORDS or any(not w[0].isalpha() or ":" in w for w in words):
        return False  # "Source: Agency" is a note's label, not a name
    return all(_word_ok(w, i in (0, len(words) - 1)) for i, w in enumerate(words))


# a byline of the outlet's own staff, not of a person: "Oxus Daily Staff", "The Editorial Board"
_HOUSE_WORDS = frozenset(
    [
        "staff",
        "desk",
        "team",
        "board",
        "editors",
        "editorial",
        "newsroom",
        "bureau",
        "reporters",
        "correspondents",
        "wire",
        "service",
    ]
)


def house_name(name: str) -> bool:
    words = name.split()
    return words[0] == "The" or any(w.lower() in _HOUSE_WORDS for w in words)


# an honorific or academic title before an author's name is no part of the name ("By Professor A B")
_HONORIFIC = re.compile(r"^(?:Professor|Prof\.|Dr\.?|Doctor|Academician)\s+(?=[A-Z])")
# "By Name, Atyrau correspondent": the author's post after a comma, written with a lower-case word
_POST = re.compile(r",\s*(?P<post>[^,]{2,60})$")
_POST_WORDS = 6


def _without_post(text: str) -> str:
    m = _POST.search(text)
    if m is None:
        return text
    words = m["post"].split()
    lower = [w for w in words if w[:1].islower() and w not in _PARTICLES and w not in ("and", "&")]
    return text[: m.start()] if lower and len(words) <= _POST_WORDS else text


def _names(text: str, when: LooseDate | None) -> BylineShape | None:
    text = _HONORIFIC.sub("", _without_post(_FILED_FROM.sub("", text)))
    words = text.split()
    if (
        2 <= len(words) <= _NAME_WORDS
        and words[-1].lower() in _HOUSE_WORDS
        and all(w[0].isupper() for w in words[:-1])
    ):
        return BylineShape(text, True, when)  # "Jade Route staff"
    names = [n for n in _AND.split(text) if n]
    if not names or not all(_person(n) for n in names):
        return None
    if len(names) == 1 and house_name(names[0]):
        return BylineShape(names[0], True, when)
    return BylineShape(names[0], False, when, tuple(names[1:]))


def bare_name(line: str) -> BylineShape | None:
    """A line that is only a person's name (two or three capitalised words, "Elena Sokolova") or a house
    name: an author line, when it stands under a headline (units.py decides)."""
    words = line.split()
    if not 2 <= len(words) <= _BARE_NAME_WORDS or line.isupper() or not _person(line):
        return None
    if any(not w.replace("-", "").replace("'", "").replace("’", "").isalpha() for w in words):
        return None
    return BylineShape(line, house_name(line), None, headline_shaped=True)


def _by(line: str) -> BylineShape | None:
    """ "By Name[ and Name]", with a date set off after it ("By Name | 7 OCT", "By Name on May 3, 2026")
    or before it ("14 November 2025 by Name")."""
    if len(line) > _BY_MAX or "by" not in line.lower():
        return None
    when = find_date(line)
    rest = line
    if when is not None:
        before = _MARKS_AROUND.sub("", line[: when.start])
        after = _MARKS_AROUND.sub("", _TIME_AFTER.sub("", line[when.end :]))
        if before and after:
            return None
        if before and not _SET_OFF.search(line[: when.start]):
            return None  # "By Name 7 OCT" with nothing between is too close to a headline
        rest = before or after
    match = _BY.match(rest)
    return _names(match["rest"], when) if match else None


def _names_dated(line: str) -> BylineShape | None:
    """ "Name[ and Name] | 03.02.2026": names set off from a date by a mark, with nothing after the date
    (but a time). A Title Case headline of a few words has the same shape: units.py reads this shape as
    a byline only under a headline."""
    if len(line) > _BY_MAX:
        return None
    when = find_date(line)
    if when is None or when.start == 0 or _MARKS_AROUND.sub("", _TIME_AFTER.sub("", line[when.end :])):
        return None
    before = line[: when.start]
    if not _SEPARATED.search(before[-3:]) or relative_time(_MARKS_AROUND.sub("", before)):
        return None  # "Yesterday · 06.12.2026" is a date line, no one's byline
    shape = _names(_MARKS_AROUND.sub("", before), when)
    return replace(shape, headline_shaped=True) if shape is not None else None


_OTHER_CALENDAR = re.compile(r"^\d{1,2}\s+[^\W\d_]{3,12}\s+\d{4}$")


def _segments(line: str) -> BylineShape | None:
    """ "4 December 2026 | 13 Qaws 1405 | Farida Noorzai": a date, the same day in another calendar, and
    the author, each set off by a bar."""
    if len(line) > _BY_MAX or "|" not in line:
        return None
    parts = [p.strip() for p in line.split("|")]
    when: LooseDate | None = None
    name: str | None = None
    for part in parts:
        found = find_date(part)
        if found is not None and found.full is not None and found.start == 0 and found.end == len(part):
            if when is not None:
                return None
            when = LooseDate(
                found.day, found.month, found.year, line.index(part), line.index(part) + len(part)
            )
        elif _OTHER_CALENDAR.match(part):
            continue
        elif name is None and _names(part, None) is not None:
            name = part
        else:
            return None
    if when is None or name is None:
        return None
    shape = _names(name, when)
    return replace(shape, headline_shaped=True) if shape is not None else None


def byline(line: str) -> BylineShape | None:
    """A line that is a byline and nothing else."""
    match = _DOTTED.match(line)
    # a name is a few words with no separator; "Long Headline | 12.05.2026" is a title with its date
    if match and len(match["name"].split()) <= _NAME_WORDS + 1 and not _SEPARATED.search(match["name"]):
        when = parse_dotted_date(match["d"], match["m"], match["y"])
        if when is None:
            return None
        name = match["name"].strip()
        loose = LooseDate(when.day, when.month, when.year, match.start("d"), match.end("y"))
        return BylineShape(name, bool(_HOUSE.match(name)), loose, dotted=True)
    return _by(line) or _names_dated(line) or _segments(line)


@dataclass(frozen=True)
class Glued:
    """What a title line holds after its title: a byline, a date, or both (or a relative time)."""

    title_end: int  # the title is line[title_start:title_end]
    byline: BylineShape | None
    byline_span: tuple[int, int]  # where the byline text stands in the line (meaningful with a byline)
    when: LooseDate | None
    title_start: int = 0
    clock_only: bool = False  # the line's own "21:40 | Title" gives a time on the page's day, no date
    days_back: int = 0  # "Yesterday 18:40 | Title": the time is on the day before the listing's


def _title_end(before: str) -> int | None:
    title = _TRAILING_DATE_MARKS.sub("", before)
    # too little left to be a headline: the line is a byline or date of its own
    return len(title) if len(title.split()) >= _GLUED_TITLE_WORDS else None


def glued(line: str) -> Glued | None:
    """A byline or date glued to the end of a title line; None when the line is a title alone."""
    when = glued_date(line)
    if when is None:
        ago = glued_relative(line)
        end = _title_end(line[:ago]) if ago is not None else None
        return Glued(end, None, (0, 0), None) if end is not None else None
    before = line[: when.start]
    shape: BylineShape | None = None
    start = when.start
    name = _GLUED_NAME.search(before.rstrip())
    if name is not None and _person(name["name"]):
        shape = BylineShape(name["name"], False, when)
        start = name.start("name")
        before = before[: name.end("end")]
    end = _title_end(before)
    return Glued(end, shape, (start, when.end), when) if end is not None else None


_SEGMENT = re.compile(r"\s+[|·•]\s+")
_LABEL_WORD = re.compile(r"^[A-ZА-Я][A-ZА-Я\-]{1,15}$")  # "PINNED", "LIVE", "UPDATE"
_LEADING_MAX = 3


def leading(line: str) -> Glued | None:
    """ "21:40 | Title", "PINNED | 3 Dec, 22:10 | Title": a time, a date or a label in capitals set
    off before the title on its own line; the title is what follows the last of them."""
    parts = list(_SEGMENT.finditer(line))
    if not parts or len(parts) > _LEADING_MAX:
        return None
    start = 0
    when: LooseDate | None = None
    clock = False
    back = 0
    for sep in parts:
        segment = line[start : sep.start()].strip()
        found = find_date(segment)
        if found is not None:
            when = LooseDate(found.day, found.month, found.year, start + found.start, start + found.end)
        elif clock_time(segment):
            clock = True
        elif relative_time(segment) and days_back(segment) is not None:
            clock, back = True, days_back(segment) or 0
        elif not all(_LABEL_WORD.match(w) for w in segment.split()) or len(segment.split()) > 2:
            return None
        start = sep.end()
    if len(line[start:].split()) < _GLUED_TITLE_WORDS:
        return None
    only = clock and when is None
    return Glued(
        len(line), None, (0, 0), when, title_start=start, clock_only=only, days_back=back if only else 0
    )

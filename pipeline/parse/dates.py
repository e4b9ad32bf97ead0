"""Dates as listing pages write them. Formats are explicit: day-first pages must never be read month-first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

# "14 November 2025", "November 14, 2025", "14 Nov 2025"
_PAGE_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y-%m-%d")
# Every format above has a four-digit %Y (strptime reads it as `\d\d\d\d`): a line without four
# digits in a row is no date, and most lines are not, so strptime's costly failures are skipped.
_YEAR = re.compile(r"\d\d\d\d")
_PAGE_DATE_MAX = 80
_PAGE_DATE_EXTRA_WORDS = 4
_OTHER_CALENDAR = re.compile(r"\b\d{1,2}\s+[^\W\d_]{3,12}\s+\d{4}\b")
_WEEKDAYS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "понедельник",
        "вторник",
        "среда",
        "четверг",
        "пятница",
        "суббота",
        "воскресенье",
    ]
)
# words a page's date line may hold beside the date
_PAGE_DATE_WORDS = frozenset(
    [
        "updated",
        "last",
        "published",
        "today",
        "on",
        "as",
        "of",
        "at",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "понедельник",
        "вторник",
        "среда",
        "четверг",
        "пятница",
        "суббота",
        "воскресенье",
        "обновлено",
        "сегодня",
    ]
)

_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Russian (genitive, as dates write them, and nominative) and Uzbek/Kazakh Latin month names: pages of
# the region print their date lines in these even above English text ("13:30, 4 декабря")
_MONTHS.update(
    {
        name: n
        for n, names in enumerate(
            (
                ("января", "январь", "янв", "yanvar", "qantar"),
                ("февраля", "февраль", "фев", "fevral", "aqpan"),
                ("марта", "март", "mart", "nauryz"),
                ("апреля", "апрель", "апр", "aprel", "sauir"),
                ("мая", "май", "may", "mamyr"),
                ("июня", "июнь", "iyun", "mausym"),
                ("июля", "июль", "iyul", "shilde"),
                ("августа", "август", "авг", "avgust", "tamyz"),
                ("сентября", "сентябрь", "сен", "сент", "sentabr", "sentyabr", "qyrkuiek"),
                ("октября", "октябрь", "окт", "oktabr", "oktyabr", "qazan"),
                ("ноября", "ноябрь", "ноя", "noyabr", "qarasha"),
                ("декабря", "декабрь", "дек", "dekabr", "jeltoqsan"),
            ),
            start=1,
        )
        for name in names
    }
)
_MONTH = r"(?:[^\W\d_]{3,9})\.?"
# a date inside a short line: dotted day-first, ISO, "7 OCT [2025]", "Oct 7[, 2025]"
_TOKEN = re.compile(
    r"(?<![\w.])(?:"
    r"(?P<dd>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:T\d{1,2}:\d{2}(?::\d{2})?)?"
    # slashed dates are month first as English-language pages write them, unless the first number
    # cannot be a month ("25/11/2026"); dotted ones (above) are day first as CIS pages write them
    r"|(?P<sa>\d{1,2})/(?P<sb>\d{1,2})/(?P<sy>\d{4})"
    rf"|(?P<nd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<nm>{_MONTH})(?:,?\s+(?P<ny>\d{{4}}))?"
    rf"|(?P<md>{_MONTH})\s+(?P<mdd>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<my>\d{{4}}))?"
    r")(?![\w])"
)
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?!\d)")
# what may stand around a date on a meta line ("ECONOMY | 11:05 / 14.03.2026", "22.04.2026, 09:17")
_SEPARATORS = re.compile(r"[|/·•,—–\-:]")
# what a date line may also say that is no label: reading time, a time zone
_NOISE = re.compile(
    r"\d+\s*(?:min|mins|minutes?)\.?\s+read\b|\(?\b(?:GMT|UTC)[+−-]?\d{0,2}(?::\d\d)?\)?", re.I
)
_META_MAX = 60
# a relative time printed beside the absolute date ("3 hours ago · 07.12.2026, 11:40"): the date wins
_AGO_BESIDE = re.compile(
    r"\b(?:\d+|an?)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b"
    r"|^(?:today|yesterday|сегодня|вчера)\b",
    re.I,
)
_DIGIT = re.compile(r"\d")
# when the entry ran, said without a date: "5 hours ago", "Yesterday, 18:20", "14:05"
_CLOCK = r"(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?"
_RELATIVE = re.compile(
    r"^(?:(?P<n>\d+|an?)\s+(?P<unit>seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago"
    r"|just now|(?P<day>today|yesterday|сегодня|вчера)"
    rf"|(?:(?P<day2>today|yesterday|сегодня|вчера)[\s,|·•—–-]*)?{_CLOCK})"
    rf"(?:[\s,|·•—–-]+{_CLOCK})?"
    # a section set off after it: "5 hours ago · Politics"
    r"(?:\s*[|·•—–]\s*[^\W\d_][\w &]{0,30})?$",
    re.I,
)
_DAYS_BACK = {"today": 0, "сегодня": 0, "yesterday": 1, "вчера": 1}


def parse_page_date(text: str) -> date | None:
    """The date a whole line gives, or None when the line is not just a date."""
    # every whitespace run (NBSP included) as one space, none at the ends; split() is `\s+` and much
    # cheaper on the long body lines every page has
    cleaned = " ".join(text.split())
    if len(cleaned) > _PAGE_DATE_MAX or not _YEAR.search(cleaned):
        return None
    if len(cleaned) <= 30:
        for fmt in _PAGE_DATE_FORMATS:
            try:
                return datetime.strptime(cleaned, fmt).date()
            except ValueError:
                continue
    # "Updated 7 December 2026, 16:30 (GMT+6)", "Понедельник, 7 декабря 2026": a weekday, a label
    # word, a time and a zone may stand around the date, nothing else
    when = _first_full_date(cleaned)
    if when is None or when.full is None:
        return None
    rest = _NOISE.sub(" ", _TIME.sub(" ", cleaned[: when.start] + " " + cleaned[when.end :]))
    # "| 14 Qaws 1405": the same day in another calendar
    rest = _OTHER_CALENDAR.sub(" ", rest)
    words = [w for w in _SEPARATORS.sub(" ", rest).split() if w.lower() not in _PAGE_DATE_WORDS]
    if not words:
        return when.full
    # "Issue 112 · Sunday, 6 December 2026", "Friday, 4 December 2026 · all times Bishkek": a weekday
    # with the date says "today" whatever short text stands beside it
    named_day = any(w.lower() in _WEEKDAYS for w in _SEPARATORS.sub(" ", rest).split())
    return when.full if named_day and len(words) <= _PAGE_DATE_EXTRA_WORDS else None


def _first_full_date(text: str) -> LooseDate | None:
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        loose = _loose(m)
        if loose is not None and loose.full is not None:
            return loose
        pos = m.start() + 1
    return None


def parse_dotted_date(day: str, month: str, year: str) -> date | None:
    """DD.MM.YY or DD.MM.YYYY, day first as CIS outlets write it."""
    fmt = "%d.%m.%y" if len(year) == 2 else "%d.%m.%Y"
    try:
        return datetime.strptime(f"{day}.{month}.{year}", fmt).date()
    except ValueError:
        return None


@dataclass(frozen=True)
class LooseDate:
    """A day and month, with the year when the page wrote one ("7 OCT" has none)."""

    day: int
    month: int
    year: int | None
    start: int  # where the date stands in the line it was read from
    end: int

    def on(self, year: int) -> date | None:
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None

    @property
    def full(self) -> date | None:
        return self.on(self.year) if self.year is not None else None


def _month(word: str) -> int | None:
    return _MONTHS.get(word.rstrip(".").lower())


def _loose(m: re.Match[str]) -> LooseDate | None:
    if m["dd"]:
        full = parse_dotted_date(m["dd"], m["dm"], m["dy"])
        return LooseDate(full.day, full.month, full.year, m.start(), m.end()) if full else None
    slashed: str | None = m.groupdict().get("sy")  # the glued-date pattern has no slashed form
    if m["iy"] or slashed:
        if slashed is None:
            ymd = (int(m["iy"]), int(m["im"]), int(m["id"]))
        else:
            a, b = int(m["sa"]), int(m["sb"])
            ymd = (int(slashed), a, b) if a <= 12 else (int(slashed), b, a)
        try:
            iso = date(*ymd)
        except ValueError:
            return None
        return LooseDate(iso.day, iso.month, iso.year, m.start(), m.end())
    day, month, year = (m["nd"], m["nm"], m["ny"]) if m["nd"] else (m["mdd"], m["md"], m["my"])
    number = _month(month)
    if number is None or not 1 <= int(day) <= 31:
        return None
    found = LooseDate(int(day), number, int(year) if year else None, m.start(), m.end())
    # "31 Feb" is no date; a yearless one is checked against a leap year so "29 Feb" stays possible
    return found if found.on(found.year or 2024) else None


def find_date(text: str) -> LooseDate | None:
    """The last date written in text, if any."""
    found: LooseDate | None = None
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        loose = _loose(m)
        found = loose or found
        # a word that is no month ("Updated 7 December") must not swallow the day of the real date
        pos = m.end() if loose is not None else m.start() + 1
    return found


def date_line(text: str) -> LooseDate | None:
    """A line that is a date, perhaps with a time and a short label ("Sport | 14:02 / 23.05.2026")."""
    if len(text) > _META_MAX or not _DIGIT.search(text):
        return None
    when = find_date(text)
    if when is None:
        return None
    rest = _NOISE.sub(" ", _TIME.sub(" ", text[: when.start] + " " + text[when.end :]))
    if _SEPARATORS.search(rest):
        rest = _AGO_BESIDE.sub(" ", rest.strip())
    label = _SEPARATORS.sub(" ", rest).split()
    if not label:
        return when
    # a label needs a separator from the date, or a title such as "Vote Set for 7 October" would pass
    return when if len(label) <= 2 and _SEPARATORS.search(rest) else None


_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
# a date at the very end of a title line; no word boundary before it, since the date may be glued
# to the title's last word ("HotlineNovember 14, 2025")
_GLUED = re.compile(
    r"(?:(?P<dd>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    rf"|(?P<nd>\d{{1,2}})\s+(?P<nm>(?i:{_MONTH_WORDS})\.?)(?:,?\s+(?P<ny>\d{{4}}))?"
    rf"|(?P<md>(?i:{_MONTH_WORDS})\.?)\s+(?P<mdd>\d{{1,2}})(?:,?\s+(?P<my>\d{{4}}))?"
    r")(?:\s*[,|·•]?\s*(?P<time>\d{1,2}:\d{2}))?\s*$"
)
_GLUE_MARKS = "|·•—–-,"


def glued_date(text: str) -> LooseDate | None:
    """A date ending a title line that is not part of the title: glued to its last word, set off by a
    separator, day-first dotted or followed by a time. "Events of 5 January 2022" keeps its date."""
    words = text.split()
    # most titles end in a word: the costly search is for those ending in a number or a month
    if not words or not (words[-1][-1].isdigit() or _month(words[-1]) is not None):
        return None
    m = _GLUED.search(text)
    if m is None or m.start() == 0:
        return None
    found = _loose(m)
    if found is None:
        return None
    before = text[: m.start()]
    glued = not before[-1].isspace() and not before[-1].isdigit()
    marked = before.rstrip()[-1:] in _GLUE_MARKS
    if glued or marked or m["dd"] or m["time"]:
        return found
    return None


# "… Title 7 hours ago": a relative time ending a title line
_AGO = re.compile(
    r"[\s|·•,—–\-]*(?:(?<!\d)\d+|\ban?)\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$", re.I
)


def glued_relative(text: str) -> int | None:
    """Where a relative time that ends a title line begins, if one does."""
    if not text.endswith(("ago", "AGO", "Ago")):
        return None
    m = _AGO.search(text)
    return m.start() if m else None


def clock_time(text: str) -> bool:
    """A line that is a time of day only ("16:40", "9:05 PM")."""
    return len(text) <= _META_MAX and bool(_TIME.fullmatch(text.strip()))


def relative_time(text: str) -> bool:
    """A line that says when without a date ("5 hours ago", "Yesterday, 18:20"): entry meta, no date."""
    return len(text) <= _META_MAX and bool(_RELATIVE.match(text))


def days_back(text: str) -> int | None:
    """How many days before the page's own date a relative time line puts its entry ("5 hours ago" 0,
    "yesterday" 1, "2 days ago" 2, "Вчера, 18:05" 1); None when it cannot say (months, minutes of a
    page with no date are the caller's problem)."""
    m = _RELATIVE.match(text) if len(text) <= _META_MAX else None
    if m is None:
        return None
    day = m["day"] or m["day2"]
    if day:
        return _DAYS_BACK[day.lower()]
    unit = (m["unit"] or "").lower()
    if not unit:
        # "just now" is the page's day; a clock time alone belongs to the day header above, if any
        return 0 if text.lower().startswith("just") else None
    n = 1 if m["n"].lower() in ("a", "an") else int(m["n"])
    if unit.startswith(("second", "minute", "min")):
        return 0
    if unit.startswith(("hour", "hr")):
        return n // 24
    if unit.startswith("day"):
        return n
    if unit.startswith("week"):
        return 7 * n
    return None


def month_line(day: str, text: str) -> LooseDate | None:
    """A date block over two lines: a day number alone, then the month ("7" / "OCT" or "October 2025")."""
    words = text.split()
    if not (day.isdigit() and len(day) <= 2 and 1 <= len(words) <= 2):
        return None
    if len(words) == 2 and not (words[1].isdigit() and len(words[1]) == 4):
        return None
    month = _month(words[0])
    if month is None:
        return None
    found = LooseDate(int(day), month, int(words[1]) if len(words) == 2 else None, 0, len(text))
    return found if found.on(found.year or 2024) else None


# "December 2026" in a page header ("Kyrgyzstan · News archive · December 2026"): the month the listing
# covers, which gives dates printed without a year ("07 DEC") theirs
_MONTH_YEAR = re.compile(rf"(?<![\w.])(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d\d)$")
_HEADER_PART = re.compile(r"\s+[|·•—–]\s+")


def month_year(text: str) -> tuple[int, int] | None:
    """(year, month) of a header line that ends in a month and a year, alone or set off from the words
    before it by a mark, with no day number anywhere on the line."""
    if len(text) > _PAGE_DATE_MAX:
        return None
    last = _HEADER_PART.split(text)[-1].strip()
    m = _MONTH_YEAR.fullmatch(last) if last else None
    month = _month(m["m"]) if m else None
    if m is None or month is None or len(_DIGIT.findall(text)) != len(m["y"]):
        return None
    return int(m["y"]), month

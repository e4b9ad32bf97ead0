"""The extraction passes, run in order of confidence over one document's tokens.

Each pass claims tokens; later passes skip claimed tokens, so a law name never becomes a person,
a region pattern never yields a bare country, and an organization's inner place ("of Central Asia")
is never a place. Mutable state lives only inside one `Extractor.run()` call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Literal

import pycountry

from pipeline import gazetteer
from pipeline.entities import EntityKind, TextRegion
from pipeline.extract.lexicon import (
    COMMON_ACRONYMS,
    COMMON_ENGLISH,
    COMPANY_ENDINGS,
    FACILITY_NOUNS,
    FORMER_WORDS,
    FUNCTION_WORDS,
    HEADING_WORDS,
    LAW_HEADS,
    MONTHS,
    ORDINARY_PROPER,
    ORG_HEADS,
    ORG_HEADS_KIND,
    ORG_TYPE_BEFORE,
    ORG_TYPE_NOUNS,
    OUTLET_SUFFIXES,
    SPEECH_VERBS,
    STANDALONE_HEADS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    WEEKDAYS,
    words,
)
from pipeline.extract.names import is_patronymic, looks_like_name_word, surname_strength
from pipeline.extract.tokens import OPEN_QUOTES, Token, tokenize

_LANDFORMS = words(
    "sea river lake mountains mountain valley desert gorge canal reservoir plateau steppe basin glacier peak"
    " darya daryo"
)
# Lowercase landform nouns that make the capitalised word before them a place ("the Panj river").
_LOWER_LANDFORMS = words("river lake reservoir valley gorge canal")
# Words in a sentence that say a bare region-or-city name means the region ("regional disparities").
_REGION_CUES = words("region regions regional oblast oblasts province provinces")
_CITY_CUES = words("city cities town towns capital")
_REPORT_VERBS = words("reported reports reporting")
# Lowercase nouns next to a name that make it a body's name, and the kind they give it.
_KIND_NOUNS = {
    **{k: v for k, v in ORG_TYPE_NOUNS.items() if k not in {"site", "platform", "fund"}},
    "operator": "company",
    "group": "ngo",
    "carrier": "company",
    "airline": "company",
    "producer": "company",
    "broadcaster": "media",
    "watchdog": "ngo",
}
_KIND_ADJECTIVES = words(
    "national private state-owned state-run civic independent online opposition mine gold oil gas power "
    "railway mobile news media rights investigative largest biggest main leading ruling"
)
_APPOSITION_CLOSERS = words("that which whose founded based owned run is was has had says said of")
_HEADING_PREPOSITIONS = words("under in at for from with without against after before beyond on")
_TYPE_NOUN_SET = frozenset(ORG_TYPE_NOUNS)
# Kind nouns after a name that make it a body's name ("the Amanat party", "the Tong Jahoni foundation").
_TYPED_NOUNS = frozenset(
    {"party", "foundation", "fund", "movement", "association", "initiative", "portal", "website", "outlet"}
    | {"newspaper", "agency", "channel", "magazine", "company", "bank", "concern", "corporation", "bloc"}
)
_TITLE_GLUE = frozenset({"of", "for", "and", "on"})
_ORG_CUES = frozenset({"told", "on", "via", "through", "the", "a", "an", "from"})
_PLACE_PREPOSITIONS = frozenset({"in", "from", "to", "of", "near", "across"})
_PARTICLES = frozenset({"uulu", "kyzy", "uly", "qyzy", "ogly", "oglu", "kizi", "gyzy"})
_HEADING_GLUE = frozenset(
    {"and", "of", "the", "from", "at", "in", "for", "to", "a", "an", "on", "with", "vs"}
)
CONNECTORS = frozenset({"of", "for", "on", "and", "de", "under"})
REGION_NOUNS = frozenset(
    {
        "region",
        "regions",
        "province",
        "provinces",
        "oblast",
        "oblasts",
        "district",
        "districts",
        "village",
        "villages",
    }
)
_REGION_LEVEL = {"district": "district", "village": "village"}
_LOCAL_BODY_NOUNS = frozenset(
    {"court", "courts", "police", "akimat", "administration", "hospital", "school", "council", "prosecutor"}
)
CLOSE_QUOTES = "\u201d\"'\u2019»"
# Words capitalised only by their position or naming a date: never a name on their own.
_COMMON_WORDS = FUNCTION_WORDS | MONTHS | WEEKDAYS
_CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies)


@dataclass
class FoundRole:
    title: str
    organization: str | None
    former: bool
    start: int
    end: int


@dataclass
class Found:
    kind: EntityKind
    lo: int  # token indices, inclusive
    hi: int
    start: int
    end: int
    article: int
    name: str | None = None
    subtype: str | None = None
    qualifier: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[FoundRole] = field(default_factory=list)
    first_name_only: bool = False
    via: Literal["name", "demonym"] = "name"
    place_id: str | None = None
    place_country: str | None = None
    anaphor: bool = False
    surname_only: bool = False


class Extractor:
    def __init__(self, text: str, regions: Sequence[TextRegion]) -> None:
        self.text = text
        self.toks = toks = tokenize(text, regions)
        self.n = len(toks)
        self.taken = [False] * self.n
        self.owner: list[Found | None] = [None] * self.n
        self.lower_words = {t.lower for t in toks if t.kind == "word" and t.text[:1].islower()}
        self.found: list[Found] = []
        # Facts about each token that the passes ask for thousands of times per page, worked out once.
        # region[i]: (article, in title), as `region_of` gives it.
        self.region = [(t.article, t.in_title) for t in toks]
        # glued[i]: token i + 1 follows token i in the same region with only spaces between.
        self.glued = [
            (a.article, a.in_title) == (b.article, b.in_title) and _spaces_only(text[a.pos_end : b.start])
            for a, b in pairwise(toks)
        ]
        self.glued.append(False)
        # shaped[i]: a capitalised word shaped like part of a name (`name_word` asks it is also free).
        self.shaped = [t.kind == "word" and t.cap and _name_shaped(t.text) for t in toks]
        # sent[i]: the number of token i's sentence.
        # titlecase_prefix[i]: every token from the sentence start through i is capitalised (or a
        # small connector). Section headings glued to the next sentence look like this.
        # heading_words[i]: how many content words (capitalised, not function words) lead up to it.
        self.sent: list[int] = []
        self.titlecase_prefix: list[bool] = []
        self.heading_words: list[int] = []
        sid = 0
        ok = False
        words = 0
        for i, t in enumerate(toks):
            if t.sent_start and i:
                sid += 1
            self.sent.append(sid)
            ok = (
                t.cap
                or (t.kind == "word" and t.lower in _HEADING_GLUE)
                or (t.kind == "punct" and t.text in ",:")
            ) and (t.sent_start or (i > 0 and ok))
            before = words if i > 0 and not t.sent_start else 0
            words = before + (1 if ok and t.cap and not self.common(t) else 0)
            self.titlecase_prefix.append(ok)
            self.heading_words.append(words)
        self._sentence_starts: list[int] | None = None

    # ---- helpers -------------------------------------------------------------------------

    def tok(self, i: int) -> Token | None:
        return self.toks[i] if 0 <= i < self.n else None

    def region_of(self, i: int) -> tuple[int, bool]:
        return self.region[i]

    def adjacent(self, i: int, j: int) -> bool:
        """Tokens i < j = i + 1 in one region with only spaces between (no punctuation)."""
        return j == i + 1 and 0 <= i < self.n - 1 and self.glued[i]

    def in_heading_run(self, i: int) -> bool:
        """Token i follows only capitalised words since its sentence began ("Public Outcry Saltanat")."""
        return (
            0 < i < self.n
            and not self.toks[i].sent_start
            and self.titlecase_prefix[i - 1]
            and self.heading_words[i - 1] >= 1
        )

    def free(self, i: int) -> bool:
        return 0 <= i < self.n and not self.taken[i]

    def is_word(self, i: int, lower: str | frozenset[str]) -> bool:
        t = self.tok(i)
        if t is None or t.kind != "word":
            return False
        return t.lower == lower if isinstance(lower, str) else t.lower in lower

    def punct(self, i: int, chars: str) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "punct" and t.text in chars

    def common(self, t: Token) -> bool:
        return t.lower in _COMMON_WORDS

    def known_lower(self, t: Token) -> bool:
        return t.lower in self.lower_words

    def span_text(self, lo: int, hi: int) -> str:
        return self.text[self.toks[lo].start : self.toks[hi].end]

    def add(self, f: Found) -> Found:
        self.found.append(f)
        for k in range(f.lo, f.hi + 1):
            self.taken[k] = True
            self.owner[k] = f
        return f

    def make(self, kind: EntityKind, lo: int, hi: int, **kw: object) -> Found:
        f = Found(kind, lo, hi, self.toks[lo].start, self.toks[hi].end, self.toks[lo].article)
        for key, value in kw.items():
            setattr(f, key, value)
        return f

    def block(self, lo: int, hi: int) -> None:
        for k in range(max(lo, 0), min(hi, self.n - 1) + 1):
            self.taken[k] = True

    def place_of(self, phrase: str) -> gazetteer.Place | None:
        return gazetteer.lookup(phrase)

    def quoted_end(self, i: int, limit: int = 16) -> int | None:
        """Index of the quote closing the quotation opened at i, within `limit` tokens."""
        for k in range(i + 1, min(i + limit, self.n)):
            if self.region_of(k) != self.region_of(i):
                return None
            if self.toks[k].kind == "punct" and self.toks[k].text in CLOSE_QUOTES:
                return k
            if self.toks[k].kind == "word" and self.toks[k].text.endswith(("\u2019", "'")):
                return k
        return None

    def paren_end(self, i: int, limit: int = 14) -> int | None:
        for k in range(i + 1, min(i + limit, self.n)):
            if self.region_of(k) != self.region_of(i):
                return None
            if self.punct(k, ")"):
                return k
            if self.punct(k, "("):
                return None
        return None

    def name_word(self, i: int) -> bool:
        """A capitalised word that can be part of a person's name here."""
        return 0 <= i < self.n and self.shaped[i] and not self.taken[i]

    def given_word(self, i: int) -> bool:
        t = self.tok(i)
        if t is None or t.poss or not self.name_word(i):
            return False
        # an ordinary word written in lower case elsewhere is not a given name ("Public Outcry Nukenova")
        return not self.known_lower(t) or "-" in t.text

    # ---- passes --------------------------------------------------------------------------

    def run(self) -> list[Found]:
        self.pass_laws()
        self.pass_dotted()
        self.pass_region_patterns()
        self.pass_landforms()
        self.pass_head_orgs()
        self.pass_title_orgs()
        self.pass_typed_names_after()
        self.pass_typed_names()
        self.pass_first_name_only()
        self.pass_titled_people()
        self.pass_particle_people()
        self.pass_morphology_people()
        self.pass_cued_people()
        self.pass_places()
        self.pass_region_readings()
        self.pass_known_forms()
        self.pass_acronyms_and_unknown()
        self.pass_qualifiers()
        self.pass_roles()
        return self.found

    def pass_laws(self) -> None:
        """Laws, codes and quoted law titles are claimed so nothing inside them becomes an entity."""
        for i, t in enumerate(self.toks):
            if t.kind != "word" or t.lower not in LAW_HEADS:
                continue
            if t.lower == "law" and self.is_word(i - 1, "of") and self.is_word(i - 2, "rule"):
                continue  # "the rule of law" names no law
            if t.cap and self.is_word(i - 1, CONNECTORS) and self._org_head_before(i - 2):
                continue  # "Agency for Regulation and Development ...": what a body does, not a law
            if t.cap and self._org_head_after(i):
                continue  # "Collective Security Treaty Organization": a body named after a treaty
            nxt = self.tok(i + 1)
            if not t.cap:
                # law “On the Prevention of Domestic Violence”
                if nxt is not None and nxt.kind == "punct" and nxt.text in OPEN_QUOTES:
                    end = self.quoted_end(i + 1)
                    if end is not None:
                        self.block(i + 1, end)
                continue
            lo = i
            while (
                lo - 1 >= 0
                and self.adjacent(lo - 1, lo)
                and self.toks[lo - 1].cap
                and not self.common(self.toks[lo - 1])
            ):
                prev = self.toks[lo - 1]
                if gazetteer.lookup(prev.text) is not None or gazetteer.demonym(prev.text) is not None:
                    break
                lo -= 1
                if prev.poss:
                    break
            hi = i
            while True:
                n1 = self.tok(hi + 1)
                if n1 is None or self.region_of(hi + 1) != self.region_of(i) or self.toks[hi].poss:
                    break
                if n1.kind == "punct" and n1.text in OPEN_QUOTES and n1.text != "(":
                    end = self.quoted_end(hi + 1)
                    if end is None:
                        break
                    hi = end
                    break
                if n1.kind == "num" and t.lower in {"article", "articles"}:
                    hi += 1
                    continue
                if n1.kind == "word" and n1.lower in CONNECTORS | {"the"}:
                    k = hi + 2
                    if self.is_word(k, "the"):
                        k += 1
                    nk = self.tok(k)
                    if (
                        nk is not None
                        and nk.cap
                        and not self.common(nk)
                        and gazetteer.lookup(nk.text) is None
                    ):
                        hi = k
                        continue
                    if nk is not None and nk.kind == "punct" and nk.text in OPEN_QUOTES:
                        hi = k - 1
                        continue
                    break
                if (
                    n1.cap
                    and self.adjacent(hi, hi + 1)
                    and not self.common(n1)
                    and gazetteer.lookup(n1.text) is None
                ):
                    hi += 1
                    continue
                break
            self.block(lo, hi)

    def pass_dotted(self) -> None:
        for i, t in enumerate(self.toks):
            if t.kind != "dot" or self.taken[i]:
                continue
            f = self.make("organization", i, i, name=t.text)
            k = i + 1
            while self.punct(k, CLOSE_QUOTES):
                k += 1
            if self.punct(k, "("):
                end = self.paren_end(k)
                if end is not None:
                    inner = self.text[self.toks[k].pos_end : self.toks[end].start]
                    alias = _clean_alias(inner)
                    if alias:
                        f.aliases.append(alias)
                    self.block(k, end)
                    k = end + 1
            nxt = self.tok(k)
            if nxt is not None and nxt.kind == "word" and nxt.lower in ORG_TYPE_NOUNS:
                f.subtype = ORG_TYPE_NOUNS[nxt.lower]
                self.block(k, k)
            else:
                j = i - 1
                while self.punct(j, OPEN_QUOTES):
                    j -= 1
                prev = self.tok(j)
                if prev is not None and prev.kind == "word" and prev.lower in ORG_TYPE_NOUNS:
                    f.subtype = ORG_TYPE_NOUNS[prev.lower]
            self.add(f)

    def pass_region_patterns(self) -> None:
        """ "X region", "X Province", "East Kazakhstan Province", and "the A and B regions"."""
        for i, t in enumerate(self.toks):
            if t.kind != "word" or t.lower not in REGION_NOUNS or self.taken[i]:
                continue
            if self.is_word(i + 1, _LOCAL_BODY_NOUNS):
                continue  # "the Almaty district court": a body's description, the place is found alone
            run = self._cap_run_left(i)
            if run is None:
                continue
            lo, hi = run
            if (
                (t.in_title or t.cap)
                and t.lower.endswith("s")
                and gazetteer.lookup(self.span_text(lo, hi)) is None
            ):
                continue  # "Why Young Doctors Leave Villages": Title Case, not a list of places
            plural = t.lower.endswith("s")
            if plural:
                groups = [(lo, hi)]
                k = lo - 1
                while k >= 0 and (self.is_word(k, "and") or self.punct(k, ",")):
                    prev = self._cap_run_left(k)
                    if prev is None:
                        break
                    groups.append(prev)
                    k = prev[0] - 1
                for glo, ghi in groups:
                    base = self.span_text(glo, ghi)
                    name = f"{base} {t.lower[:-1]}"
                    self._add_region(glo, ghi, name, t.lower[:-1])
                self.block(i, i)
            else:
                self._add_region(lo, i, self.span_text(lo, i), t.lower)

    def pass_landforms(self) -> None:
        """ "Aral Sea", "Vakhsh River", "Fann Mountains": a capitalised name before a landform head."""
        for i, t in enumerate(self.toks):
            if t.kind != "word" or not t.cap or t.lower not in _LANDFORMS or self.taken[i]:
                continue
            run = self._cap_run_left(i)
            if run is None:
                continue
            lo, _ = run
            self.add(self.make("place", lo, i, name=self.span_text(lo, i), subtype="feature"))
        for i, t in enumerate(self.toks):
            # "the Panj river", "the Toktogul reservoir": lower case after a name still makes a landform
            if t.kind != "word" or t.cap or t.lower not in _LOWER_LANDFORMS or self.taken[i]:
                continue
            run = self._cap_run_left(i)
            if run is None or not self.is_word(run[0] - 1, "the") or self.in_heading_run(run[0]):
                continue
            lo, hi = run
            if self.toks[hi].poss or any(self.toks[k].in_title for k in range(lo, hi + 1)):
                continue
            near = gazetteer.lookup(self.span_text(lo, hi))
            self.add(
                self.make(
                    "place",
                    lo,
                    hi,
                    name=self.text[self.toks[lo].start : t.end],
                    subtype="feature",
                    place_country=near.country if near is not None else None,
                )
            )
            self.block(i, i)

    def _cap_run_left(self, i: int) -> tuple[int, int] | None:
        """Capitalised name words ending right before token i (at most three)."""
        hi = i - 1
        lo = i
        while lo - 1 >= 0 and lo - 1 > i - 4 and self.free(lo - 1) and self.adjacent(lo - 1, lo):
            prev = self.toks[lo - 1]
            if not prev.cap or prev.kind != "word" or self.common(prev) or (prev.poss and lo - 1 != hi):
                break
            lo -= 1
        if lo > hi:
            return None
        return lo, hi

    def _add_region(self, lo: int, hi: int, name: str, noun: str) -> None:
        level = _REGION_LEVEL.get(noun.rstrip("s"), "region")
        # districts and villages are below the gazetteer: an id by name would point at the oblast
        place = gazetteer.region(name) if level == "region" else None
        self.add(
            self.make(
                "place",
                lo,
                hi,
                name=name,
                subtype=level,
                place_id=place.id if place is not None and place.kind == "region" else None,
                place_country=place.country if place is not None else None,
            )
        )

    def pass_head_orgs(self) -> None:
        for i, t in enumerate(self.toks):
            if t.in_title or t.kind != "word" or not t.cap or t.lower not in ORG_HEADS or self.taken[i]:
                continue
            qualifier: str | None = None
            possessor: int | None = None
            lo = i
            head_kind = ORG_HEADS_KIND[t.lower]
            if t.lower == "chamber" and self.is_word(i + 1, "of") and self.is_word(i + 2, "commerce"):
                head_kind = "other"
            used_and = False
            while lo - 1 >= 0 and self.free(lo - 1) and self.adjacent(lo - 1, lo):
                prev = self.toks[lo - 1]
                if (not prev.cap or self.common(prev)) and prev.lower != "and":
                    break
                if prev.lower == "and" and not (
                    not used_and
                    and lo - 2 >= 0
                    and self.free(lo - 2)
                    and self.adjacent(lo - 2, lo - 1)
                    and self.toks[lo - 2].cap
                    and not self.common(self.toks[lo - 2])
                    and not self.toks[lo - 2].poss
                    and gazetteer.lookup(self.toks[lo - 2].text) is None
                    and surname_strength(self.toks[lo - 2].text) < 2
                    and not self.in_heading_run(lo - 2)
                ):
                    break
                if prev.lower == "and":
                    # "China Road and Bridge Corporation"
                    used_and = True
                    lo -= 2
                    continue
                if prev.lower.endswith("-based"):
                    # "the Dushanbe-based Center for ...": the place is named, but is no part of the name
                    self._based_place(lo - 1)
                    break
                if self.in_heading_run(lo - 1) and self._heading_word(prev):
                    # "Press Freedom Under Pressure Human Rights Watch": a glued heading ends here
                    break
                dem = gazetteer.demonym(prev.text)
                if dem is not None:
                    qualifier = dem[0].name
                    if head_kind in {"government", "court"}:
                        break
                    # "Kyrgyz National University", "Al-Farabi Kazakh National University"
                    lo -= 1
                    continue
                if (
                    self.known_lower(prev)
                    and prev.lower not in _ORDINARY_ORG_WORDS
                    and prev.lower not in TITLE_MODIFIERS
                    and prev.lower not in ORG_HEADS
                ):
                    # a heading word glued before the name ("Stubborn Statistics Committee ...")
                    break
                place = gazetteer.lookup(prev.text)
                if prev.poss:
                    if place is not None:
                        qualifier = _country_name(place)
                        possessor = lo - 1
                        break
                    if surname_strength(prev.text) == 2:
                        break
                elif surname_strength(prev.text) == 2 and place is None:
                    break
                lo -= 1
            hi = i
            has_complement = False
            of_country: tuple[int, gazetteer.Place] | None = None
            while True:
                cur = self.toks[hi]
                n1 = self.tok(hi + 1)
                if n1 is None or not self.adjacent(hi, hi + 1) or self.taken[hi + 1]:
                    break
                if cur.poss and not (n1.cap and n1.lower in ORG_HEADS):
                    break
                if n1.kind == "word" and self._person_ahead(hi + 1):
                    break  # "Cabinet of Ministers Batyr Amanow": a person's name follows the body's
                if (
                    n1.cap
                    and n1.kind == "word"
                    and not self.common(n1)
                    and n1.lower not in TITLE_WORDS
                    and surname_strength(n1.text) < 2
                    and n1.lower not in LAW_HEADS
                    and not (self.titlecase_prefix[hi] and self._heading_word(n1))
                ):
                    hi += 1
                    continue
                if n1.kind == "punct" and n1.text == "," and has_complement:
                    # "Ministry of Culture, Information, Sport and Youth Policy"
                    end = self._listed_complement(hi + 1)
                    if end is not None:
                        hi = end
                        continue
                    break
                if n1.kind == "word" and n1.lower == "to" and not has_complement:
                    # "Committee to Protect Journalists"
                    if self._to_complement(hi + 2):
                        hi += 2
                        has_complement = True
                        head_kind = "ngo"  # a body "to protect", "to promote": a campaign, not a state's
                        continue
                    break
                if n1.kind == "word" and n1.lower == "in" and has_complement:
                    # "Organization for Security and Co-operation in Europe"
                    nk = self.tok(hi + 2)
                    if (
                        nk is not None
                        and nk.cap
                        and self.free(hi + 2)
                        and self.adjacent(hi + 1, hi + 2)
                        and gazetteer.macro_region(nk.text) is not None
                    ):
                        hi += 2
                        continue
                    break
                if (
                    self.is_word(hi + 1, "of")
                    and self.tok(hi + 2) is not None
                    and self.toks[hi + 2].kind == "num"
                    and self.adjacent(hi + 1, hi + 2)
                    and self.toks[hi + 2].text.isdigit()
                    and len(self.toks[hi + 2].text) <= 3
                ):
                    hi += 2  # "Commission of 44"
                    break
                if n1.kind == "word" and n1.lower in CONNECTORS and (n1.lower != "and" or has_complement):
                    k = hi + 2
                    if self.is_word(k, "the") and self.adjacent(hi + 1, k):
                        k += 1
                    nk = self.tok(k)
                    if (
                        nk is not None
                        and nk.cap
                        and nk.kind == "word"
                        and self.free(k)
                        and not self.common(nk)
                        and self.adjacent(k - 1, k)
                        # a law's name was claimed by pass_laws; one left free is what a body does
                        # ("Agency for Regulation", "Bureau for ... Rule of Law")
                        and not self._person_ahead(k)
                    ):
                        place = gazetteer.country(nk.text)
                        if place is not None and qualifier is None:
                            qualifier = place.name
                        if place is not None and n1.lower == "of":
                            of_country = (k, place)
                        has_complement = has_complement or n1.lower != "and"
                        hi = k
                        continue
                break
            if (
                lo < i
                and self.in_heading_run(lo)
                and self.is_word(lo - 1, _HEADING_PREPOSITIONS)
                and not self.toks[lo - 1].cap
                and lo >= 2
                and self.heading_words[lo - 2] >= 2
                and self.toks[lo - 2].cap
                and gazetteer.lookup(self.toks[lo].text) is None
            ):
                # "Media Freedom Under Threat Amnesty International": a heading's last phrase is a
                # preposition and its one-word object; the name starts after it
                lo += 1
            if (
                self.titlecase_prefix[hi]
                and self.tok(hi + 1) is not None
                and self.adjacent(hi, hi + 1)
                and self.toks[hi + 1].cap
                and self._heading_word(self.toks[hi + 1])
                and self.known_lower(t)
            ):
                # "Budget Commission Revived The commission will ...": a heading about a common noun
                self.block(lo, hi)
                continue
            before = self.tok(lo - 1)
            if (
                before is not None
                and before.text == "The"
                and self.adjacent(lo - 1, lo)
                and self.free(lo - 1)
                and ORG_HEADS_KIND.get(t.lower) == "media"
            ):
                lo -= 1
            if self.is_word(hi, FACILITY_NOUNS) and hi > i and not has_complement:
                # "Trans-Caspian International Transport Route": a route, not a body
                self.block(lo, hi)
                continue
            if lo == hi and t.lower not in STANDALONE_HEADS:
                if not t.text.endswith("s") or t.lower in {"press", "news", "times"}:
                    self.add(
                        self.make(
                            "organization", lo, hi, name=t.text, anaphor=True, subtype=ORG_HEADS_KIND[t.lower]
                        )
                    )
                continue
            f = self.make(
                "organization", lo, hi, name=self.span_text(lo, hi), subtype=head_kind, qualifier=qualifier
            )
            acronym = self.tok(hi + 2)
            if (
                self.punct(hi + 1, "(")
                and acronym is not None
                and acronym.upper
                and self.punct(hi + 3, ")")
                and self.free(hi + 2)
            ):
                # "State Committee for National Security (GKNB)": the acronym is a name of the body
                f.aliases.append(acronym.text)
            if possessor is not None and possessor == lo - 1:
                # "Kazakhstan’s Interior Ministry" is a name form of the body as the text writes it
                f.aliases.append(self.text[self.toks[possessor].start : self.toks[hi].end])
            first = self.toks[lo]
            place = gazetteer.lookup(first.text) if first.text != "The" else None
            self.add(f)
            if of_country is not None and of_country[0] <= hi:
                # "Prosecutor General’s Office of Tajikistan" names the state it belongs to
                k, state = of_country
                self.found.append(
                    self.make(
                        "place",
                        k,
                        k,
                        name=state.name,
                        subtype="country",
                        place_id=state.id,
                        place_country=state.country,
                    )
                )
            if place is not None and place.kind != "region" and head_kind in {"government", "court"}:
                # "Almaty police", "Kazakhstan Institute for ...": the leading place is a mention of it
                self.found.append(
                    self.make(
                        "place",
                        lo,
                        lo,
                        name=first.text,
                        subtype=place.kind,
                        place_id=place.id,
                        place_country=place.country,
                    )
                )
                if f.qualifier is None:
                    f.qualifier = _country_name(place)

    def pass_title_orgs(self) -> None:
        """ "... Seats in the Jogorku Kenesh?": in Title Case only a body closed off on both sides counts,
        "the" before it and punctuation (or the end) after its head word."""
        for i, t in enumerate(self.toks):
            if not t.in_title or t.kind != "word" or not t.cap or t.lower not in ORG_HEADS or self.taken[i]:
                continue
            nxt = self.tok(i + 1)
            if (
                nxt is not None
                and self.region_of(i + 1) == self.region_of(i)
                and (nxt.kind != "punct" or nxt.text == "(")
            ):
                continue
            lo = i
            while lo - 1 >= 0 and lo > i - 3 and self.free(lo - 1) and self.adjacent(lo - 1, lo):
                prev = self.toks[lo - 1]
                if not prev.cap or self.common(prev) or self._heading_word(prev) or prev.poss:
                    break
                lo -= 1
            if lo == i or not self.is_word(lo - 1, "the") or self.toks[lo - 1].cap:
                continue
            self.add(
                self.make("organization", lo, i, name=self.span_text(lo, i), subtype=ORG_HEADS_KIND[t.lower])
            )

    def _listed_after_person(self, k: int) -> bool:
        """ "Emomali Rahmon and Sadyr Japarov": the next name of a list that began with a person."""
        if not (self.is_word(k - 1, "and") or self.punct(k - 1, ",")):
            return False
        owner = self.owner[k - 2] if k >= 2 else None
        return owner is not None and owner.kind == "person"

    def _given_after_heading(self, k: int) -> bool:
        """ "Families Left Waiting Ogulsapar Muradowa, a mother of three": a glued heading's last word is
        an English word (or a verb form), and the name after it is introduced in apposition or speaks."""
        prev = self.tok(k - 1)
        t = self.toks[k]
        after = self.tok(k + 2)
        introduced = after is not None and (
            (after.kind == "word" and after.lower in SPEECH_VERBS)
            or (self.punct(k + 2, ",") and self.is_word(k + 3, frozenset({"a", "an", "the", "who"})))
        )
        return (
            introduced
            and prev is not None
            and prev.kind == "word"
            and self._heading_word(prev)
            and not self._heading_word(t)
            and t.lower not in ORG_HEADS
            and gazetteer.lookup(t.text) is None
        )

    def _org_head_before(self, k: int) -> bool:
        """Token k is a capitalised organization head word ("Agency", "Committee")."""
        t = self.tok(k)
        return t is not None and t.kind == "word" and t.cap and t.lower in ORG_HEADS

    def _org_head_after(self, i: int) -> bool:
        """The capitalised words right after token i end in an organization head word."""
        k = i + 1
        while k < self.n and k <= i + 3 and self.adjacent(k - 1, k) and self.toks[k].cap:
            if self.toks[k].lower in ORG_HEADS:
                return True
            k += 1
        return False

    def _heading_word(self, t: Token) -> bool:
        """An everyday English word or a verb form: in a glued heading, not part of a name."""
        low = t.lower
        if low in _ORDINARY_ORG_WORDS or low in TITLE_MODIFIERS or low in ORG_HEADS:
            return False
        if low in COMMON_ENGLISH:
            return True
        if t.kind == "word" and len(low) >= 6 and low.endswith("ing"):
            return True  # "Waiting", "Rising": a verb form
        return t.kind == "word" and len(low) >= 5 and low.endswith("ed") and low != "united"

    def _person_ahead(self, k: int) -> bool:
        """Tokens k, k+1 read as a given name and a marked surname ("Batyr Amanow")."""
        t = self.tok(k)
        return (
            t is not None
            and self.given_word(k)
            and surname_strength(t.text) < 2
            and gazetteer.lookup(t.text) is None
            and self.tok(k + 1) is not None
            and self.adjacent(k, k + 1)
            and surname_strength(self.toks[k + 1].text) == 2
        )

    def _cap_words(self, k: int) -> int | None:
        """Index of the last of the capitalised non-place words starting at k (None if none)."""
        end = None
        while (
            k < self.n
            and self.free(k)
            and self.toks[k].cap
            and self.toks[k].kind == "word"
            and not self.common(self.toks[k])
            and gazetteer.lookup(self.toks[k].text) is None
            and (end is None or self.adjacent(k - 1, k))
        ):
            end = k
            if self.toks[k].poss:
                break
            k += 1
        return end

    def _listed_complement(self, comma: int) -> int | None:
        """ ", Information, Sport and Youth Policy": the end of a list of name words closed by "and"."""
        k = comma
        while self.punct(k, ","):
            end = self._cap_words(k + 1)
            if end is None or self.toks[end].poss:
                return None
            k = end + 1
        if not (self.is_word(k, "and") and self.adjacent(k - 1, k)):
            return None
        end = self._cap_words(k + 1)
        if end is None:
            return None
        nxt = self.tok(end + 1)
        if nxt is not None and nxt.cap and self.adjacent(end, end + 1):
            return None
        return end

    def _to_complement(self, k: int) -> bool:
        """ "to Protect Journalists": at least two capitalised words, none a place or a name."""
        end = self._cap_words(k)
        if end is None or end == k or not self.adjacent(k - 1, k):
            return False
        return all(surname_strength(self.toks[j].text) == 0 for j in range(k, end + 1))

    def _based_place(self, k: int) -> None:
        """ "Dushanbe-based": the place before "-based" is a mention of it."""
        t = self.toks[k]
        name = t.text[: -len("-based")]
        place = gazetteer.lookup(name)
        if place is None:
            return
        self.taken[k] = True
        self.found.append(
            Found(
                "place",
                k,
                k,
                t.start,
                t.start + len(name),
                t.article,
                name=_place_name(name, place),
                subtype=place.kind,
                place_id=place.id,
                place_country=place.country,
            )
        )

    def pass_first_name_only(self) -> None:
        """ "Kamilla, 21, a barista in Almaty": a first name with an age in apposition."""
        for i, t in enumerate(self.toks):
            if t.in_title or not self.name_word(i) or t.poss:
                continue
            if not (
                self.punct(i + 1, ",")
                and self.tok(i + 2) is not None
                and self.toks[i + 2].kind == "num"
                and self.toks[i + 2].text.isdigit()
                and len(self.toks[i + 2].text) <= 3
                and self.punct(i + 3, ",")
            ):
                continue
            if self.name_word(i - 1) and self.adjacent(i - 1, i):
                self.add(self.make("person", i - 1, i, name=self.span_text(i - 1, i)))
            else:
                self.add(self.make("person", i, i, name=t.text, first_name_only=True))

    def pass_titled_people(self) -> None:
        """ "President X", "former diplomat X", "Minister of Energy X Y": a name right after a title."""
        for i, t in enumerate(self.toks):
            if t.in_title or t.kind != "word":
                continue
            if t.lower not in TITLE_WORDS and not (t.lower.endswith("s") and t.lower[:-1] in TITLE_WORDS):
                continue  # "Presidents Emomali Rahmon and Sadyr Japarov"
            k = i + 1
            complement = False
            if self.is_word(k, frozenset({"of", "for", "on"})):
                complement = True
                k += 1
                if self.is_word(k, "the"):
                    k += 1
            run: list[int] = []
            while (
                len(run) < 8
                and self.free(k)
                and self.toks[k].cap
                and self.toks[k].kind == "word"
                and not self.common(self.toks[k])
                and self.adjacent(k - 1, k)
            ):
                run.append(k)
                if self.toks[k].poss:
                    break
                k += 1
                # "Minister of Foreign Affairs of Uzbekistan Bakhtiyor Saidov": the complement goes on
                if complement and self.is_word(k, _TITLE_GLUE) and self.adjacent(k - 1, k):
                    k += 1
                    if self.is_word(k, "the") and self.adjacent(k - 1, k):
                        k += 1
            if not run:
                continue
            if complement:
                if len(run) < 3:
                    continue
                take = 3 if len(run) >= 4 and is_patronymic(self.toks[run[-2]].text) else 2
                run = run[-take:]
                if not all(self.name_word(x) for x in run):
                    continue
            else:
                names: list[int] = []
                # "Президент Казахстана Касым-Жомарт Токаев": a state in the genitive sits between
                while (
                    run
                    and (
                        gazetteer.country(self.toks[run[0]].text) is not None
                        or gazetteer.demonym(self.toks[run[0]].text) is not None
                    )
                    and not self.toks[run[0]].poss
                ):
                    run = run[1:]
                for x in run:
                    if not self.name_word(x):
                        break
                    names.append(x)
                run = names[:3]
                if not run:
                    continue
                if t.lower not in TITLE_WORDS and (
                    len(run) < 2 or any(self._heading_word(self.toks[x]) for x in run)
                ):
                    continue  # a plural title names people only by full names ("Diplomats Voice Concern")
                if len(run) == 1:
                    only = self.toks[run[0]]
                    if surname_strength(only.text) == 0 and self.known_lower(only):
                        continue
                    if gazetteer.lookup(only.text) is not None:
                        continue
            self._add_person(run[0], run[-1])

    def _add_person(self, lo: int, hi: int, **kw: object) -> Found:
        if self.is_word(hi + 1, _PARTICLES) and self.free(hi + 1) and self.adjacent(hi, hi + 1):
            hi += 1  # "Azamat Toktosun uulu": the patronymic particle belongs to the name
        f = self.make("person", lo, hi, name=self.span_text(lo, hi), **kw)
        # "Dina Smailova (Tansari)": a parenthetical name right after a person is an alias
        if self.punct(hi + 1, "("):
            end = self.paren_end(hi + 1, limit=6)
            if (
                end is not None
                and end > hi + 2
                and all(self.toks[k].cap and self.toks[k].kind == "word" for k in range(hi + 2, end))
            ):
                inner = self.span_text(hi + 2, end - 1)
                f.aliases.extend([inner, self.text[self.toks[lo].start : self.toks[end].end]])
                self.block(hi + 1, end)
        return self.add(f)

    def pass_particle_people(self) -> None:
        """Kyrgyz/Kazakh/Azerbaijani patronymic particles written apart: "Azamat Toktosun uulu"."""
        for i, t in enumerate(self.toks):
            if t.kind != "word" or t.lower not in _PARTICLES or t.in_title or not self.free(i):
                continue
            if not (self.name_word(i - 1) and self.adjacent(i - 1, i)):
                continue
            lo = i - 1
            if self.given_word(i - 2) and self.adjacent(i - 2, i - 1) and not self.in_heading_run(i - 2):
                lo = i - 2
            self._add_person(lo, i)

    def pass_morphology_people(self) -> None:
        for i, t in enumerate(self.toks):
            if not self.name_word(i):
                continue
            strength = surname_strength(t.text)
            if strength == 0:
                continue
            if (
                self.name_word(i + 1)
                and self.adjacent(i, i + 1)
                and surname_strength(self.toks[i + 1].text) == 2
                and self.toks[i + 1].lower not in _PARTICLES
            ):
                # "Sherzod Ibragimov", "Gurbanguly Berdimuhamedow", "Saule Kairatovna Mukhametova": a
                # given name or patronymic that only looks like a surname; the surname after it decides
                continue
            nxt = self.tok(i + 1)
            if (
                nxt is not None
                and nxt.kind == "word"
                and nxt.lower in OUTLET_SUFFIXES
                and nxt.cap
                and self.adjacent(i, i + 1)
                and self.free(i + 1)
            ):
                # "Temirov Live": an outlet named after its founder
                self.add(self.make("organization", i, i + 1, name=self.span_text(i, i + 1), subtype="media"))
                continue
            if t.in_title:
                # Title Case hides what is a name: only a given name plus a marked surname, after a
                # word that cannot be part of the name ("Interview With Akezhan Kazhegeldin")
                if (
                    strength == 2
                    and self.given_word(i - 1)
                    and self.adjacent(i - 1, i)
                    and self._name_boundary(i - 2)
                ):
                    self._add_person(i - 1, i)
                continue
            lo = i
            if (
                self.given_word(i - 1)
                and self.adjacent(i - 1, i)
                and (
                    not self.in_heading_run(i - 1)
                    or self._given_after_heading(i - 1)
                    or self._listed_after_person(i - 1)
                )
            ):
                lo = i - 1
                if (
                    is_patronymic(self.toks[i - 1].text)
                    and self.given_word(i - 2)
                    and self.adjacent(i - 2, i - 1)
                ):
                    lo = i - 2
            elif (
                strength == 2
                and self.given_word(i + 1)
                and self.adjacent(i, i + 1)
                and surname_strength(self.toks[i + 1].text) == 0
                and is_patronymic(self.toks[i + 2].text if self.tok(i + 2) else "")
            ):
                # "Tokayev Kassym-Jomart Kemelevich": surname first, with a patronymic
                self._add_person(i, i + 2)
                continue
            if lo == i and (strength < 2 or gazetteer.lookup(t.text) is not None):
                continue
            self._add_person(lo, i)

    def _name_boundary(self, k: int) -> bool:
        """Token k (left of a name) cannot belong to it: nothing, punctuation, a function word."""
        t = self.tok(k)
        if t is None or t.kind != "word" or (k + 1 < self.n and self.region_of(k) != self.region_of(k + 1)):
            return True
        # not title words: in Title Case "Public Outcry Nukenova" the modifier may be a heading word
        return t.poss or self.common(t)

    def pass_cued_people(self) -> None:
        """Two name words in apposition ("a bystander, Musa Abdraim,") or before a speech verb."""
        for i in range(self.n - 1):
            if self.toks[i].in_title or not (
                self.given_word(i) and self.name_word(i + 1) and self.adjacent(i, i + 1)
            ):
                continue
            second = self.toks[i + 1]
            if (
                self.known_lower(second)
                or gazetteer.lookup(second.text)
                or gazetteer.lookup(self.toks[i].text)
            ):
                continue
            after = self.tok(i + 2)
            before_comma = (
                self.punct(i - 1, ",")
                and self.tok(i - 2) is not None
                and self.toks[i - 2].kind == "word"
                and self.toks[i - 2].text[:1].islower()
            )
            speech = after is not None and after.kind == "word" and after.lower in SPEECH_VERBS
            apposed = (
                after is not None
                and after.text == ","
                and self.is_word(i + 3, frozenset({"a", "an", "the", "who", "former"}))
            )
            if (
                (before_comma and after is not None and after.kind == "punct" and after.text in ",.;")
                or speech
                or apposed
            ):
                self._add_person(i, i + 1)

    def pass_places(self) -> None:
        # "Uzbekistan Airways to Lease ..." in a title: a body the text names is not its country
        org_forms: dict[str, list[tuple[str, ...]]] = {}
        for f in self.found:
            if f.kind == "organization" and not f.anaphor and f.hi > f.lo:
                words = tuple(self.toks[k].text for k in range(f.lo, f.hi + 1))
                org_forms.setdefault(words[0], []).append(words)
        i = 0
        while i < self.n:
            t = self.toks[i]
            if self.taken[i] or not t.cap or t.kind != "word":
                i += 1
                continue
            if t.in_title and any(
                tuple(x.text for x in self.toks[i : i + len(form)]) == form
                for form in org_forms.get(t.text, ())
            ):
                i += 1
                continue
            hit = None
            # free capitalised words glued to i (a possessive ends the phrase), at most three
            longest = 1
            while (
                longest < 3
                and self.adjacent(i + longest - 1, i + longest)
                and not self.toks[i + longest - 1].poss
                and not self.taken[i + longest]
                and self.toks[i + longest].cap
            ):
                longest += 1
            for size in range(longest, 0, -1):
                hi = i + size - 1
                phrase = self.span_text(i, hi)
                place = gazetteer.lookup(phrase)
                if place is None:
                    continue
                if size == 1 and (not self._place_ok(i) or gazetteer.demonym(t.text) is not None):
                    continue
                hit = (hi, place, phrase)
                break
            if hit is None:
                dem = gazetteer.demonym(t.text)
                if dem is not None and dem[1] and not self.taken[i]:
                    country = dem[0]
                    self.add(
                        self.make(
                            "place",
                            i,
                            i,
                            name=country.name,
                            subtype="country",
                            via="demonym",
                            place_id=country.id,
                            place_country=country.country,
                        )
                    )
                i += 1
                continue
            hi, place, phrase = hit
            self.add(
                self.make(
                    "place",
                    i,
                    hi,
                    name=_place_name(phrase, place),
                    subtype=place.kind,
                    place_id=place.id,
                    place_country=place.country,
                )
            )
            i = hi + 1

    def pass_region_readings(self) -> None:
        """A bare name that is both a city and a region means the region when the text says so: the same
        article names "the X region", or its sentence speaks of regions ("regional disparities: in X")."""
        places = [f for f in self.found if f.kind == "place"]
        regions: dict[tuple[int, str], Found] = {}
        for f in places:
            if f.subtype == "region" and f.place_id and f.name:
                base = gazetteer.strip_region_words(f.name)
                regions.setdefault((f.article, base), f)
        cued: dict[str, list[bool]] = {}
        readings: list[tuple[Found, gazetteer.Place | None, Found | None]] = []
        for f in places:
            if f.subtype != "city" or f.lo != f.hi or f.place_id is None:
                continue
            text = self.toks[f.lo].text
            same = regions.get((f.article, gazetteer.strip_region_words(text)))
            if same is not None:
                readings.append((f, None, same))
                continue
            region = gazetteer.region(text)
            if region is None or region.kind != "region" or region.country not in gazetteer.CORE_COUNTRIES:
                continue
            sid = self.sent[f.lo]
            first, end = self._sentence_range(sid)
            # a colon ends a clause, not the thought: "The regional disparities are stark: in X, ..."
            if self.punct(first - 1, ":"):
                first = self._sentence_range(sid - 1)[0]
            words = {self.toks[k].lower for k in range(first, end)}
            cue = bool(words & _REGION_CUES) and not words & _CITY_CUES
            cued.setdefault(f.place_id, []).append(cue)
            readings.append((f, region, None))
        for f, region, same in readings:
            if same is not None:
                f.name, f.subtype, f.place_id = same.name, "region", same.place_id
                f.place_country = same.place_country
            elif region is not None and f.place_id is not None and all(cued[f.place_id]):
                # every mention of the name in the document is in a sentence about regions
                f.subtype, f.place_id, f.place_country = "region", region.id, region.country

    def _sentence_range(self, sid: int) -> tuple[int, int]:
        """The token indices [start, end) of sentence `sid`."""
        if self._sentence_starts is None:
            self._sentence_starts = [0] + [i for i, t in enumerate(self.toks) if i and t.sent_start]
        starts = self._sentence_starts
        return starts[sid], starts[sid + 1] if sid + 1 < len(starts) else self.n

    def _place_ok(self, i: int) -> bool:
        t = self.toks[i]
        if self.common(t):
            return False
        # a given name followed by a surname ("Abay Kunanbayev") is not a place
        if (
            self.tok(i + 1) is not None
            and self.adjacent(i, i + 1)
            and surname_strength(self.toks[i + 1].text) == 2
        ):
            return False
        return not self.known_lower(t) or self.is_word(i - 1, _PLACE_PREPOSITIONS)

    def pass_acronyms_and_unknown(self) -> None:
        for i, t in enumerate(self.toks):
            if self.taken[i] or t.in_title or t.kind != "word" or not t.cap:
                continue
            if t.upper:
                if (
                    t.text.isalpha()
                    and 2 <= len(t.text) <= 6
                    and t.lower not in COMMON_ACRONYMS
                    and t.text not in _CURRENCIES
                    and not self.is_word(i + 1, FACILITY_NOUNS)
                ):
                    # "BISHKEK (TCA) —": the credit in a dateline is the outlet's
                    dateline = (
                        self.punct(i - 1, "(") and self.tok(i - 2) is not None and self.toks[i - 2].upper
                    )
                    self.add(
                        self.make("organization", i, i, name=t.text, subtype="media" if dateline else None)
                    )
                continue
            if any(ch.isdigit() for ch in t.text):
                continue  # "Kambarata-1", "Line-2": designations of things
            if _company_shaped(t.text) and not self.known_lower(t):
                # "Kapitalbank", "Gazprom": a brand's own ending says what it is, even after a heading
                self.add(self.make("organization", i, i, name=t.text, subtype="company"))
                continue
            reported = self.is_word(i + 1, _REPORT_VERBS)
            if (t.sent_start and not reported) or self.common(t) or self.known_lower(t):
                continue
            if any(c in t.text for c in "'\u2019"):
                continue
            listed = self._listed_with_org(i)
            if (self.in_heading_run(i) and listed is None) or t.lower in ORDINARY_PROPER:
                continue
            low = t.lower
            if (
                low in TITLE_WORDS
                or low in TITLE_MODIFIERS
                or low in HEADING_WORDS
                or low in ORG_HEADS
                or low in LAW_HEADS
                or low in REGION_NOUNS
            ):
                continue
            if surname_strength(t.text) or gazetteer.demonym(t.text) is not None:
                continue
            left = self.tok(i - 1)
            right = self.tok(i + 1)
            if left is not None and left.cap and not self.common(left) and self.adjacent(i - 1, i):
                continue
            if right is not None and right.cap and self.adjacent(i, i + 1):
                continue
            if left is not None and left.kind == "tag":
                continue
            if any(self.is_word(k, FACILITY_NOUNS) for k in (i + 1, i + 2)):
                continue
            # quoted single words are titles of things ("the “trust” number"), not bodies
            if left is not None and left.kind == "punct" and left.text in OPEN_QUOTES and left.text != "(":
                continue
            if len(t.text) < 3:
                continue
            if self.is_word(i - 1, "the") and t.lower.endswith("s") and not t.lower.endswith("ss"):
                continue  # "the Pamirs", "the Balkans": a plural after "the" is a region or a people
            # A lone unknown word is a body only with a cue: a brand-like shape (Asia-Plus, WhatsApp) or
            # a cue word before it ("according to X", "told X", "on X", "an X warrant"). Without one
            # it is as likely a foreign surname ("met Erdogan"), so it is left out.
            shaped = "-" in t.text or any(ch.isupper() for ch in t.text[1:])
            if self.is_word(i - 1, frozenset({"in", "near", "across", "inside"})) and listed is None:
                # "In Gorno-Badakhshan, ...": where things happen is a place, not a body
                parts = t.text.split("-")
                if len(parts) > 1 and all(p[:1].isupper() for p in parts):
                    self.add(self.make("place", i, i, name=t.text, subtype="region"))
                continue
            cue = self.is_word(i - 1, _ORG_CUES) or (
                self.is_word(i - 1, "to") and self.is_word(i - 2, "according")
            )
            # "Kloop reported": outlets report; "Kaktus.media and Kloop": listed with a body
            if listed is None and self._listed_with_place(i):
                continue  # "to Europe and the Gulf": one of a list of places
            if shaped or cue or reported or listed is not None:
                subtype = self._org_kind_cue(i)
                if subtype is None and reported:
                    subtype = "media"
                if subtype is None and listed is not None:
                    subtype = listed.subtype or ("media" if "." in (listed.name or "") else None)
                self.add(self.make("organization", i, i, name=t.text, subtype=subtype or "other"))

    def _org_kind_cue(self, i: int) -> str | None:
        """What kind of body the words around a lone name say it is."""
        for k in (i - 1, i - 2, i - 3):
            t = self.tok(k)
            if t is None or t.kind != "word" or t.cap or self.region_of(k) != self.region_of(i):
                break
            if t.lower in ORG_TYPE_BEFORE:
                return ORG_TYPE_BEFORE[t.lower]  # "the independent outlet Asia-Plus"
            if t.lower in {"the", "a", "an", "its", "their", "his", "her"} or (
                k != i - 1 and t.lower in _ORG_CUES
            ):
                break
        if self.is_word(i + 1, _TYPE_NOUN_SET):
            return ORG_TYPE_NOUNS[self.toks[i + 1].lower]
        if self.is_word(i - 1, frozenset({"on", "via"})):
            return "company"  # "wrote on Facebook": a platform
        return None

    def _listed_with_org(self, i: int) -> Found | None:
        """A named body right before "and"/"," or right after it ("X and Kloop", "Kloop and X")."""
        for conj, other in ((i - 1, i - 2), (i + 1, i + 2)):
            if not (self.is_word(conj, frozenset({"and", "or"})) or self.punct(conj, ",")):
                continue
            owner = self.owner[other] if 0 <= other < self.n else None
            if owner is not None and owner.kind == "organization" and not owner.anaphor:
                return owner
        return None

    def _listed_with_place(self, i: int) -> bool:
        for conj, other in ((i - 1, i - 2), (i - 2, i - 3), (i + 1, i + 2)):
            if not (self.is_word(conj, frozenset({"and", "or"})) or self.punct(conj, ",")):
                continue
            owner = self.owner[other] if 0 <= other < self.n else None
            if owner is not None and owner.kind == "place":
                return True
        return False

    def _name_run_right(self, k: int, limit: int = 4) -> int | None:
        """Last index of capitalised name words starting at k (no titles, no function words)."""
        end = None
        j = k
        while (
            j < self.n
            and j - k < limit
            and self.free(j)
            and self.toks[j].cap
            and self.toks[j].kind in {"word", "dot"}
            and not self.common(self.toks[j])
            and self.toks[j].lower not in TITLE_WORDS
            and (j == k or self.adjacent(j - 1, j))
        ):
            end = j
            if self.toks[j].poss:
                break
            j += 1
        return end

    def _org_run_ok(self, lo: int, hi: int) -> bool:
        words = [self.toks[k] for k in range(lo, hi + 1)]
        if hi - lo >= 4 or any(w.in_title for w in words):
            return False
        if all(gazetteer.lookup(w.text) is not None or gazetteer.demonym(w.text) is not None for w in words):
            return False
        if len(words) >= 2 and surname_strength(words[-1].text) == 2:
            return False  # a person's name
        return not any(self.known_lower(w) for w in words)

    def _add_typed(self, lo: int, hi: int, noun: str) -> None:
        f = self.make("organization", lo, hi, name=self.span_text(lo, hi), subtype=_KIND_NOUNS[noun])
        acronym = self.tok(hi + 2)
        if self.punct(hi + 1, "(") and acronym is not None and acronym.upper and self.punct(hi + 3, ")"):
            f.aliases.append(acronym.text)  # "Kazakhstan Temir Zholy (KTZ)"
        self.add(f)

    def pass_typed_names(self) -> None:
        """A name next to a lowercase noun saying what kind of body it is: "the national railway
        company Kazakhstan Temir Zholy", "Barki Tojik, the state power company,", "the mine operator,
        Alliance Altyn,"."""
        for i, t in enumerate(self.toks):
            if t.kind != "word" or t.cap or t.lower not in _KIND_NOUNS or t.in_title:
                continue
            # noun before the name, directly or in apposition
            k = i + 1
            if self.punct(k, ","):
                k += 1
            end = self._name_run_right(k) if self.adjacent(i, k) or self.punct(i + 1, ",") else None
            if end is not None and self._org_run_ok(k, end):
                closed = self.tok(end + 1)
                if k == i + 1 or (closed is not None and closed.kind == "punct"):
                    self._add_typed(k, end, t.lower)
                    continue
            # name before the noun in apposition: "Barki Tojik, the state power company,"
            nxt = self.tok(i + 1)
            if nxt is not None and not (
                nxt.kind == "punct" or (nxt.kind == "word" and nxt.lower in _APPOSITION_CLOSERS)
            ):
                continue
            j = i - 1
            while j > i - 5 and self.is_word(j, TITLE_MODIFIERS | _KIND_ADJECTIVES):
                j -= 1
            if not self.is_word(j, frozenset({"the", "a", "an"})) or not self.punct(j - 1, ","):
                continue
            hi = j - 2
            lo = hi
            while lo - 1 >= 0 and hi - lo < 3 and self.free(lo - 1) and self.adjacent(lo - 1, lo):
                prev = self.toks[lo - 1]
                if not prev.cap or self.common(prev) or prev.poss:
                    break
                lo -= 1
            if (
                hi >= 0
                and self.free(hi)
                and self.toks[hi].cap
                and all(self.free(x) for x in range(lo, hi + 1))
                and self._org_run_ok(lo, hi)
            ):
                self._add_typed(lo, hi, t.lower)

    def pass_typed_names_after(self) -> None:
        """ "the Amanat party", "the Ata-Jurt Kyrgyzstan party": names before a lowercase kind noun."""
        for i, t in enumerate(self.toks):
            if t.kind != "word" or t.cap or t.lower not in _TYPED_NOUNS or not self.free(i):
                continue
            hi = i - 1
            lo = i
            while lo - 1 >= 0 and lo > i - 4 and self.free(lo - 1) and self.adjacent(lo - 1, lo):
                prev = self.toks[lo - 1]
                if prev.kind != "word" or not prev.cap or self.common(prev) or prev.lower in TITLE_WORDS:
                    break
                if self.in_heading_run(lo - 1) and self._heading_word(prev):
                    break
                if prev.poss and lo - 1 != hi:
                    break
                lo -= 1
            if lo > hi or self.toks[hi].poss or self.toks[lo].in_title:
                continue
            words = [self.toks[k] for k in range(lo, hi + 1)]
            if all(
                gazetteer.lookup(w.text) is not None or gazetteer.demonym(w.text) is not None for w in words
            ):
                continue  # "the Kazakh company": a state, not a name
            if surname_strength(words[-1].text) == 2 or any(self.known_lower(w) for w in words):
                continue
            f = self.make(
                "organization", lo, hi, name=self.span_text(lo, hi), subtype=ORG_TYPE_NOUNS[t.lower]
            )
            f.aliases.append(self.text[self.toks[lo].start : t.end])
            self.add(f)

    def pass_known_forms(self) -> None:
        """Later (and earlier) uses of a name already found: surnames, dotted-name stems, titles."""
        forms: dict[tuple[str, ...], tuple[EntityKind, str, bool]] = {}
        for f in self.found:
            if f.kind == "person" and not f.first_name_only and not f.surname_only:
                words = tuple(self.toks[k].text for k in range(f.lo, f.hi + 1))
                forms.setdefault(words, ("person", f.name or "", False))
                if len(words) > 1:
                    forms.setdefault((words[-1],), ("person", words[-1], True))
            elif f.kind == "organization" and not f.anaphor:
                name = f.name or ""
                if "." in name:
                    stem = name.split(".")[0]
                    if len(stem) >= 4:
                        forms.setdefault((stem,), ("organization", name, False))
                words = tuple(self.toks[k].text for k in range(f.lo, f.hi + 1))
                # one-word bodies were found with a cue ("told Kloop", "Parliament"); later uses need none
                forms.setdefault(words, ("organization", name, False))
        if not forms:
            return
        for f in self.found:
            if (
                f.kind == "person"
                and f.lo == f.hi
                and f.lo > 0
                and self.adjacent(f.lo - 1, f.lo)
                and self.free(f.lo - 1)
            ):
                key = (self.toks[f.lo - 1].text, self.toks[f.lo].text)
                if key in forms and forms[key][0] == "person":
                    self.taken[f.lo - 1] = True
                    self.owner[f.lo - 1] = f
                    f.lo -= 1
                    f.start = self.toks[f.lo].start
                    f.name = self.span_text(f.lo, f.hi)
        # the lengths of the forms each first word starts, longest first: most words start none
        sizes: dict[str, list[int]] = {}
        for form in forms:
            sizes.setdefault(form[0], []).append(len(form))
        for first in sizes:
            sizes[first] = sorted(set(sizes[first]), reverse=True)
        i = 0
        while i < self.n:
            if self.taken[i] or not self.toks[i].cap or self.toks[i].text not in sizes:
                i += 1
                continue
            for size in sizes[self.toks[i].text]:
                hi = i + size - 1
                if hi >= self.n or any(self.taken[k] for k in range(i, hi + 1)):
                    continue
                if any(not self.adjacent(k, k + 1) for k in range(i, hi)):
                    continue
                words = tuple(self.toks[k].text for k in range(i, hi + 1))
                if words in forms:
                    kind, name, surname = forms[words]
                    self.add(
                        self.make(
                            kind,
                            i,
                            hi,
                            name=name if kind == "organization" else self.span_text(i, hi),
                            surname_only=surname,
                        )
                    )
                    i = hi
                    break
            i += 1

    def pass_qualifiers(self) -> None:
        """A generic body ("Justice Ministry") belongs to the state named in its or the previous sentence."""
        places = [f for f in self.found if f.kind == "place" and f.place_country]
        for f in self.found:
            if f.kind != "organization" or f.qualifier is not None or f.anaphor or not self._generic(f):
                continue
            sid = self.sent[f.lo]
            same_before = [
                p for p in places if p.article == f.article and self.sent[p.lo] == sid and p.hi < f.lo
            ]
            same_after = [
                p for p in places if p.article == f.article and self.sent[p.lo] == sid and p.lo > f.hi
            ]
            previous = [p for p in places if p.article == f.article and self.sent[p.lo] == sid - 1]
            # where things are ("Uzbekistan’s Kashkadarya region") says more than where people go
            # ("leaving for Russia and Kazakhstan"): a possessive state or a place inside a state first
            anchored = [p for p in same_before + same_after if self._anchoring(p)]
            # failing all that, the one state the article's title names ("Kazakhstan: How Courts ...")
            titled = list(
                {
                    p.place_country: p for p in places if p.article == f.article and self.toks[p.lo].in_title
                }.values()
            )
            pick = (
                anchored[:1]
                or same_before[-1:]
                or same_after[:1]
                or previous[-1:]
                or titled[: 1 if len(titled) == 1 else 0]
            )
            if pick:
                country = gazetteer.country_by_code(pick[0].place_country or "")
                f.qualifier = country.name if country is not None else None

    def _anchoring(self, p: Found) -> bool:
        """A place that locates a sentence's facts: a possessive state, or a region or city of a state."""
        if p.subtype in {"region", "city", "district"} and p.place_country:
            return True
        return p.subtype == "country" and self.toks[p.hi].poss

    def _generic(self, f: Found) -> bool:
        """A state body named by what it does ("Justice Ministry", "Ministry of Preschool Education"),
        which only its state tells apart; not a body with a name of its own."""
        if f.subtype not in {"government", "court"}:
            return False
        complement = False
        for k in range(f.lo, f.hi + 1):
            t = self.toks[k]
            if t.kind == "dot" or t.upper:
                return False
            if t.kind == "word" and t.lower in {"of", "for", "on"}:
                complement = True
                continue
            if not t.cap or t.lower in ORG_HEADS or t.lower == "the" or self._ordinary(t):
                continue
            if (
                complement
                and gazetteer.lookup(t.text) is None
                and gazetteer.demonym(t.text) is None
                and surname_strength(t.text) == 0
            ):
                continue  # "of Preschool and School Education": what the body does
            return False
        return True

    def _ordinary(self, t: Token) -> bool:
        """An English word (a capitalised common word), as opposed to a proper name."""
        if gazetteer.lookup(t.text) is not None:
            return False
        if any(ch.isupper() for ch in t.text[1:]):
            return False
        return t.lower in TITLE_MODIFIERS or self.known_lower(t) or t.lower in _ORDINARY_ORG_WORDS

    def pass_roles(self) -> None:
        orgs = [f for f in self.found if f.kind == "organization"]
        for f in self.found:
            if f.kind != "person" or f.first_name_only:
                continue
            for role in (self._role_before(f, orgs), self._role_after(f, orgs), self._affiliation(f, orgs)):
                if role is not None:
                    f.roles.append(role)

    def _phrase_token_ok(self, k: int) -> bool:
        t = self.toks[k]
        if t.kind == "dot":
            return True
        if t.kind == "punct":
            return t.text in "()\u201c\u201d\"\u2018\u2019'«»–-"
        if t.kind != "word":
            return False
        low = t.lower
        return (
            t.cap
            or low in TITLE_WORDS
            or low in TITLE_MODIFIERS
            or low in ORG_TYPE_NOUNS
            or low in ORG_HEADS
            or low in CONNECTORS
            or low in FORMER_WORDS
            or low in {"the", "at"}
        )

    def _role_before(self, f: Found, orgs: list[Found]) -> FoundRole | None:
        end = f.lo - 1
        if self.punct(end, ","):
            end -= 1
        k = end
        depth = 0
        while k >= 0 and k > f.lo - 18 and self.region_of(k) == self.region_of(f.lo):
            t = self.toks[k]
            owner = self.owner[k]
            if owner is not None and owner is not f and owner.kind == "person":
                break
            if t.kind == "punct" and t.text == ")":
                depth += 1
            elif t.kind == "punct" and t.text == "(":
                depth -= 1
            elif depth == 0 and not self._phrase_token_ok(k):
                break
            if t.sent_start:
                k -= 1
                break
            k -= 1
        start = k + 1
        heads = [
            j
            for j in range(start, end + 1)
            if self.toks[j].kind == "word" and self.toks[j].lower in TITLE_WORDS
        ]
        if not heads:
            return None
        return self._parse_role(heads[-1], start, end, orgs, f)

    def _role_after(self, f: Found, orgs: list[Found]) -> FoundRole | None:
        if not self.punct(f.hi + 1, ","):
            return None
        k = f.hi + 2
        if self.is_word(k, frozenset({"a", "an", "the"})):
            k += 1
        start = k
        while (
            k < self.n
            and self.region_of(k) == self.region_of(f.lo)
            and self._phrase_token_ok(k)
            and not self.punct(k, "()")
        ):
            owner = self.owner[k]
            if owner is not None and owner.kind == "person":
                return None
            k += 1
        end = k - 1
        heads = [
            j
            for j in range(start, end + 1)
            if self.toks[j].kind == "word" and self.toks[j].lower in TITLE_WORDS
        ]
        if not heads or end < start:
            return None
        return self._parse_role(heads[0], start, end, orgs, f)

    def _parse_role(self, h: int, start: int, end: int, orgs: list[Found], f: Found) -> FoundRole | None:
        # left edge: modifiers and titles only ("former", "State", "Children’s", "Kazakh" is dropped)
        lo = h
        former = False
        while lo - 1 >= start:
            t = self.toks[lo - 1]
            if t.kind != "word":
                break
            if t.lower in FORMER_WORDS:
                former = True
                lo -= 1
                continue
            if (
                t.lower in TITLE_MODIFIERS
                or t.lower in TITLE_WORDS
                or (t.poss and gazetteer.lookup(t.text) is None)
            ):
                lo -= 1
                continue
            break
        phrase_lo = lo
        while (
            phrase_lo - 1 >= start
            and self.toks[phrase_lo - 1].kind == "word"
            and (
                self.toks[phrase_lo - 1].lower in FORMER_WORDS
                or gazetteer.demonym(self.toks[phrase_lo - 1].text) is not None
                or (
                    self.toks[phrase_lo - 1].poss
                    and gazetteer.lookup(self.toks[phrase_lo - 1].text) is not None
                )
            )
        ):
            if self.toks[phrase_lo - 1].lower in FORMER_WORDS:
                former = True
            phrase_lo -= 1
        # skip demonyms/possessive states sitting between "former" and the title
        kept_lo = lo
        while kept_lo <= h and (
            self.toks[kept_lo].lower in FORMER_WORDS
            or gazetteer.demonym(self.toks[kept_lo].text)
            or (self.toks[kept_lo].poss and gazetteer.lookup(self.toks[kept_lo].text))
        ):
            if self.toks[kept_lo].lower in FORMER_WORDS:
                former = True
            kept_lo += 1
        hi = h
        organization: str | None = None
        k = h + 1
        if self.is_word(k, frozenset({"of", "for", "on", "at"})):
            m = k + 1
            comp_hi = h
            while m <= end:
                owner = self.owner[m]
                if owner is not None and owner.kind == "organization" and not owner.anaphor:
                    organization = owner.name
                    break
                t = self.toks[m]
                if t.poss and owner is not None and owner.kind == "place":
                    m += 1
                    continue
                if t.kind == "word" and (
                    t.cap or t.lower in {"the", "and", "of"} or t.lower in TITLE_MODIFIERS
                ):
                    if t.cap or t.lower in TITLE_MODIFIERS:
                        comp_hi = m
                    if t.poss:
                        break
                    m += 1
                    continue
                break
            if organization is None:
                hi = comp_hi
        if kept_lo > hi:
            return None
        title = self.text[self.toks[kept_lo].start : self.toks[hi].end]
        if not any(self.toks[j].lower in TITLE_WORDS for j in range(kept_lo, hi + 1)):
            return None
        span_end = max(hi, end)
        return FoundRole(title, organization, former, self.toks[phrase_lo].start, self.toks[span_end].end)

    def _affiliation(self, f: Found, orgs: list[Found]) -> FoundRole | None:
        k = f.hi + 1
        if not self.is_word(k, "of"):
            return None
        k += 1
        if self.is_word(k, "the"):
            k += 1
        owner = self.owner[k] if 0 <= k < self.n else None
        if owner is None or owner.kind != "organization" or owner.anaphor:
            return None
        return FoundRole("", owner.name, False, self.toks[f.hi + 1].start, owner.end)


# Capitalised common words typical of generic state bodies ("Supreme Court", "Justice Ministry").
_ORDINARY_ORG_WORDS = words(
    """
    interior justice supreme constitutional internal affairs foreign health education transport
    police national state general public economic economy emergency emergencies defense defence
    finance culture labour labor social protection women family legal statistics human rights
    security border customs tax investigative anti-corruption agriculture energy ecology environment
    digital development trade industry
    """
)


@cache
def _name_shaped(text: str) -> bool:
    """A capitalised word that can be part of a person's name (context aside)."""
    if not looks_like_name_word(text):
        return False
    low = text.lower()
    if (
        low in FUNCTION_WORDS
        or low in MONTHS
        or low in WEEKDAYS
        or low in TITLE_WORDS
        or low in ORG_HEADS
        or low in HEADING_WORDS
        or low in LAW_HEADS
        or low in TITLE_MODIFIERS
        or low in REGION_NOUNS
        or low in ORDINARY_PROPER
    ):
        return False
    return gazetteer.country(text) is None and gazetteer.demonym(text) is None


def _spaces_only(gap: str) -> bool:
    return gap.strip() == "" and "\n" not in gap


def _company_shaped(text: str) -> bool:
    """One capitalised word ending like a company brand: Kapitalbank, Gazprom, Türkmengaz."""
    low = text.lower()
    return text.isalpha() and any(low.endswith(end) and len(low) - len(end) >= 3 for end in COMPANY_ENDINGS)


def _place_name(written: str, place: gazetteer.Place) -> str:
    """The name a place goes by: the gazetteer's form of a name written in capitals ("BISHKEK" →
    "Bishkek"), else the written form (the gazetteer id joins spellings: "Kulob" ~ "Kŭlob")."""
    nominative = gazetteer.cyrillic_nominative(written)
    if nominative != written or not written.isascii():
        return nominative  # a Cyrillic name stays in its script, in the nominative ("Астане" → "Астана")
    if not written.isupper():
        return written  # "Kara-Suu" as written, not the gazetteer's "Kara Suu"
    if place.name.isascii() and gazetteer.fold(place.name) == gazetteer.fold(written):
        return place.name  # a dateline's "BISHKEK"
    return "-".join(part.capitalize() for part in written.split("-"))


def _country_name(place: gazetteer.Place) -> str | None:
    if place.kind == "country":
        return place.name
    country = gazetteer.country_by_code(place.country or "")
    return country.name if country is not None else None


def _clean_alias(inner: str) -> str:
    s = inner.strip()
    s = re.sub(r"\s*[\u2013\u2014-]\s*tr\.?\s*$", "", s)
    s = s.strip(" \u201c\u201d\"'\u2018\u2019«»")
    if not s or not any(ch.isalpha() for ch in s) or len(s.split()) > 8:
        return ""
    return s

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
from typing import Literal

import pycountry

from pipeline import gazetteer
from pipeline.entities import EntityKind, TextRegion
from pipeline.extract.lexicon import (
    COMMON_ACRONYMS,
    FACILITY_NOUNS,
    FORMER_WORDS,
    FUNCTION_WORDS,
    HEADING_WORDS,
    LAW_HEADS,
    MONTHS,
    ORDINARY_PROPER,
    ORG_HEADS,
    ORG_HEADS_KIND,
    ORG_TYPE_NOUNS,
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
        self.toks = tokenize(text, regions)
        self.n = len(self.toks)
        self.taken = [False] * self.n
        self.owner: list[Found | None] = [None] * self.n
        self.lower_words = {t.text.lower() for t in self.toks if t.kind == "word" and t.text[:1].islower()}
        self.sent: list[int] = []
        sid = 0
        for i, t in enumerate(self.toks):
            if t.sent_start and i:
                sid += 1
            self.sent.append(sid)
        self.found: list[Found] = []
        # titlecase_prefix[i]: every token from the sentence start through i is capitalised (or a
        # small connector). Section headings glued to the next sentence look like this.
        # heading_words[i]: how many content words (capitalised, not function words) lead up to it.
        self.titlecase_prefix: list[bool] = []
        self.heading_words: list[int] = []
        for i, t in enumerate(self.toks):
            ok = (
                t.cap
                or (t.kind == "word" and t.lower in _HEADING_GLUE)
                or (t.kind == "punct" and t.text in ",:")
            )
            ok = ok and (t.sent_start or (i > 0 and self.titlecase_prefix[i - 1]))
            self.titlecase_prefix.append(ok)
            before = self.heading_words[i - 1] if i > 0 and not t.sent_start else 0
            self.heading_words.append(before + (1 if ok and t.cap and not self.common(t) else 0))

    # ---- helpers -------------------------------------------------------------------------

    def tok(self, i: int) -> Token | None:
        return self.toks[i] if 0 <= i < self.n else None

    def region_of(self, i: int) -> tuple[int, bool]:
        t = self.toks[i]
        return (t.article, t.in_title)

    def adjacent(self, i: int, j: int) -> bool:
        """Tokens i < j = i + 1 in one region with only spaces between (no punctuation)."""
        if not (0 <= i < j < self.n) or j != i + 1 or self.region_of(i) != self.region_of(j):
            return False
        gap = self.text[self.toks[i].pos_end : self.toks[j].start]
        return gap.strip() == "" and "\n" not in gap

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
        return t.lower in FUNCTION_WORDS or t.lower in MONTHS or t.lower in WEEKDAYS

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
        t = self.tok(i)
        if t is None or t.kind != "word" or not self.free(i):
            return False
        return _name_shaped(t.text)

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
        self.pass_first_name_only()
        self.pass_titled_people()
        self.pass_particle_people()
        self.pass_morphology_people()
        self.pass_cued_people()
        self.pass_places()
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
            while lo - 1 >= 0 and self.free(lo - 1) and self.adjacent(lo - 1, lo):
                prev = self.toks[lo - 1]
                if not prev.cap or self.common(prev):
                    break
                dem = gazetteer.demonym(prev.text)
                if dem is not None:
                    qualifier = dem[0].name
                    break
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
            while True:
                cur = self.toks[hi]
                n1 = self.tok(hi + 1)
                if n1 is None or not self.adjacent(hi, hi + 1) or self.taken[hi + 1]:
                    break
                if cur.poss and not (n1.cap and n1.lower in ORG_HEADS):
                    break
                if (
                    n1.cap
                    and n1.kind == "word"
                    and not self.common(n1)
                    and n1.lower not in TITLE_WORDS
                    and surname_strength(n1.text) < 2
                    and n1.lower not in LAW_HEADS
                ):
                    hi += 1
                    continue
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
                        and nk.lower not in LAW_HEADS
                    ):
                        place = gazetteer.country(nk.text)
                        if place is not None and qualifier is None:
                            qualifier = place.name
                        has_complement = has_complement or n1.lower != "and"
                        hi = k
                        continue
                break
            before = self.tok(lo - 1)
            if (
                before is not None
                and before.text == "The"
                and self.adjacent(lo - 1, lo)
                and self.free(lo - 1)
                and (not before.sent_start or ORG_HEADS_KIND.get(t.lower) == "media")
            ):
                lo -= 1
            if lo == hi and t.lower not in STANDALONE_HEADS:
                if not t.text.endswith("s") or t.lower in {"press", "news", "times"}:
                    self.add(
                        self.make(
                            "organization", lo, hi, name=t.text, anaphor=True, subtype=ORG_HEADS_KIND[t.lower]
                        )
                    )
                continue
            head_kind = ORG_HEADS_KIND[t.lower]
            f = self.make(
                "organization", lo, hi, name=self.span_text(lo, hi), subtype=head_kind, qualifier=qualifier
            )
            if possessor is not None and possessor == lo - 1:
                # "Kazakhstan’s Interior Ministry" is a name form of the body as the text writes it
                f.aliases.append(self.text[self.toks[possessor].start : self.toks[hi].end])
            first = self.toks[lo]
            place = gazetteer.lookup(first.text) if first.text != "The" else None
            self.add(f)
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
            if t.in_title or t.kind != "word" or t.lower not in TITLE_WORDS:
                continue
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
            if self.given_word(i - 1) and self.adjacent(i - 1, i) and not self.in_heading_run(i - 1):
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
        i = 0
        while i < self.n:
            t = self.toks[i]
            if self.taken[i] or not t.cap or t.kind != "word":
                i += 1
                continue
            hit = None
            for size in (3, 2, 1):
                hi = i + size - 1
                if hi >= self.n or any(self.taken[k] for k in range(i, hi + 1)):
                    continue
                if any(not self.adjacent(k, k + 1) or self.toks[k].poss for k in range(i, hi)):
                    continue
                if not all(self.toks[k].cap for k in range(i, hi + 1)):
                    continue
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
                    name=gazetteer.cyrillic_nominative(phrase),
                    subtype=place.kind,
                    place_id=place.id,
                    place_country=place.country,
                )
            )
            i = hi + 1

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
                ):
                    self.add(self.make("organization", i, i, name=t.text, subtype="other"))
                continue
            if t.sent_start or self.common(t) or self.known_lower(t) or any(c in t.text for c in "'\u2019"):
                continue
            if self.in_heading_run(i) or t.lower in ORDINARY_PROPER:
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
            if left is not None and left.cap and self.adjacent(i - 1, i):
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
            cue = self.is_word(i - 1, _ORG_CUES) or (
                self.is_word(i - 1, "to") and self.is_word(i - 2, "according")
            )
            if shaped or cue:
                self.add(self.make("organization", i, i, name=t.text, subtype="other"))

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
        longest = max(len(k) for k in forms)
        i = 0
        while i < self.n:
            if self.taken[i] or not self.toks[i].cap:
                i += 1
                continue
            for size in range(longest, 0, -1):
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
            pick = same_before[-1:] or same_after[:1] or previous[-1:]
            if pick:
                country = gazetteer.country_by_code(pick[0].place_country or "")
                f.qualifier = country.name if country is not None else None

    def _generic(self, f: Found) -> bool:
        for k in range(f.lo, f.hi + 1):
            t = self.toks[k]
            if t.kind == "dot" or t.upper:
                return False
            if t.cap and t.lower not in ORG_HEADS and t.lower != "the" and not self._ordinary(t):
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

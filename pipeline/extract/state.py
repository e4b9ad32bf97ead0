"""Shared state of one extraction run: tokens, per-token facts, the claimed-token map and the
helpers every recogniser family asks (is this word free, capitalised, part of a heading).

Mutable state lives only inside one `Extractor.run()` call.
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
    COMMON_ENGLISH,
    COMPANY_ENDINGS,
    FACILITY_NOUNS,
    FUNCTION_WORDS,
    HEADING_WORDS,
    LAW_HEADS,
    MONTHS,
    ORDINARY_PROPER,
    ORG_HEADS,
    ORG_TYPE_NOUNS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    WEEKDAYS,
    word_list,
    words,
)
from pipeline.extract.names import looks_like_name_word, surname_strength
from pipeline.extract.tokens import Token, tokenize

_LANDFORMS = word_list("landforms")
# Lowercase landform nouns that make the capitalised word before them a place ("the Panj river").
_LOWER_LANDFORMS = words(
    "river lake reservoir valley gorge canal crossing pass checkpoint plateau desert peninsula"
    " exclave enclave ridge massif glacier reserve oasis"
)
# Words in a sentence that say a bare region-or-city name means the region ("regional disparities").
_REGION_CUES = words("region regions regional oblast oblasts province provinces")
_CITY_CUES = words("city cities town towns capital")
_REPORT_VERBS = words("reported reports reporting")
_STREET_NOUNS = words("street streets avenue avenues prospekt boulevard")
# Lowercase nouns next to a name that make it a body's name, and the kind they give it.
# hyphenated adjectives: a capitalised first part, but no name ("Soviet-era", "Kremlin-backed")
_ADJECTIVE_SUFFIXES = (
    "-era",
    "-style",
    "-speaking",
    "-language",
    "-based",
    "-born",
    "-led",
    "-backed",
    "-owned",
    "-run",
    "-made",
    "-funded",
    "-registered",
    "-bound",
    "-wide",
    "-linked",
    "-friendly",
)
_KIND_NOUNS = {
    **{k: v for k, v in ORG_TYPE_NOUNS.items() if k not in {"site", "platform", "fund"}},
    "operator": "company",
    "group": "ngo",
    "carrier": "company",
    "airline": "company",
    "producer": "company",
    "broadcaster": "media",
    "watchdog": "ngo",
    "society": "ngo",
    "union": "ngo",
    "consultancy": "company",
    "body": "ngo",
}
_KIND_ADJECTIVES = words(
    "national private state-owned state-run civic independent online opposition mine gold oil gas power "
    "railway mobile news media rights investigative largest biggest main leading ruling joint"
)
_APPOSITION_CLOSERS = words(
    "that which whose founded based owned run is was has had says said of"
    " backed funded controlled led chaired"
)
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
    # the recogniser and cue names that made it ("heads", "outlets:citing"): why it is what it is
    evidence: list[str] = field(default_factory=list)


class ExtractorState:
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
        self._by_lower: dict[str, list[int]] | None = None  # word tokens by lower case, built on first use

    def weakly_claimed(self, k: int) -> bool:
        """Token k is claimed only as a lone word the gazetteer knows: a name may still hold it."""
        owner = self.owner[k] if 0 <= k < self.n else None
        return owner is not None and owner.lo == owner.hi and owner.evidence == ["gazetteer"]

    def anchors(self, words: frozenset[str]) -> list[int]:
        """Indices of the word tokens whose lower case is one of `words`, in document order: the
        recognisers start from their cue words rather than walking every token."""
        index = self._by_lower
        if index is None:
            index = self._by_lower = {}
            for i, t in enumerate(self.toks):
                if t.word:
                    index.setdefault(t.lower, []).append(i)
        if len(words) > len(index):
            return sorted(i for w, at in index.items() if w in words for i in at)
        return sorted(i for w in words for i in index.get(w, ()))

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
        # "US", "IT" in capitals are abbreviations, not the pronoun or the word
        return t.lower in _COMMON_WORDS and not t.upper

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

    def release(self, f: Found) -> None:
        """Gives back what f claimed: a longer name found later holds it (identity, not equality)."""
        self.found = [g for g in self.found if g is not f]
        for k in range(f.lo, f.hi + 1):
            if self.owner[k] is f:
                self.taken[k] = False
                self.owner[k] = None

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
        if t.sent_start and len(t.lower) >= 6 and t.lower.endswith("ing"):
            return False  # "Citing X, ...": a verb form opening the sentence
        if t.lower.endswith(_ADJECTIVE_SUFFIXES):
            return False  # "Soviet-era", "Uzbek-speaking": adjectives, never given names
        # an ordinary word written in lower case elsewhere is not a given name ("Public Outcry Nukenova")
        return not self.known_lower(t) or "-" in t.text

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

    def facility_after(self, i: int) -> bool:
        """Token i + 1 is a capitalised facility noun glued to i ("Sarybekov Street"): i names a thing."""
        t = self.tok(i + 1)
        if t is not None and not t.cap and t.lower in _STREET_NOUNS and self.adjacent(i, i + 1):
            return True  # "Mira and Gogol streets": a street in lower case too
        return t is not None and t.cap and t.lower in FACILITY_NOUNS and self.adjacent(i, i + 1)

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
    return gazetteer.country(text) is None and not gazetteer.place_adjective(text)


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

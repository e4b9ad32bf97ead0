"""Organizations named without a head word: dotted names, kind nouns, acronyms and cued lone names."""

from __future__ import annotations

import re

from pipeline import gazetteer
from pipeline.extract.lexicon import (
    COMMON_ACRONYMS,
    COMMON_ENGLISH,
    FACILITY_NOUNS,
    HEADING_WORDS,
    LAW_HEADS,
    ORDINARY_PROPER,
    ORG_HEADS,
    ORG_TYPE_BEFORE,
    ORG_TYPE_NOUNS,
    OUTLET_SUFFIXES,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from pipeline.extract.names import surname_strength
from pipeline.extract.state import (
    _APPOSITION_CLOSERS,
    _CURRENCIES,
    _KIND_ADJECTIVES,
    _KIND_NOUNS,
    _ORDINARY_ORG_WORDS,
    _ORG_CUES,
    _REPORT_VERBS,
    _TYPE_NOUN_SET,
    REGION_NOUNS,
    ExtractorState,
    Found,
    _company_shaped,
)
from pipeline.extract.tokens import OPEN_QUOTES

_DESIGNATION = re.compile(r"[A-Z]{1,4}[-\u2010\u2011]\d{1,4}[A-Z]?$")


# kind nouns that name a body only with a word saying which kind ("the sovereign wealth fund X"); alone
# they are too often ordinary words ("the fund Kazakhstan set up")
_ARTICLES_AND = frozenset({"the", "a", "an", "and", "or", "of", "to", "in", "on", "with", "by"})
_LOCATIVES = frozenset({"in", "near", "across", "inside", "from", "outside", "around"})
_NEAR = frozenset({"near", "inside", "outside", "around"})
_QUALIFIED_KIND_NOUNS = {"fund": "ngo", "site": "media", "platform": "company"}
_BODY_NOUNS_AFTER = frozenset(ORG_TYPE_NOUNS) | frozenset(
    {"faction", "factions", "administration", "government", "regime", "authorities", "leadership"}
    | {"delegation", "group", "fighters", "militants", "spokesman", "spokesperson", "office", "board"}
)


class NamedOrgRecogniser(ExtractorState):
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

    def _org_run_ok(self, lo: int, hi: int, right_after: bool = False) -> bool:
        words = [self.toks[k] for k in range(lo, hi + 1)]
        if hi - lo >= 4 or any(w.in_title for w in words):
            return False
        if all(gazetteer.lookup(w.text) is not None or gazetteer.demonym(w.text) is not None for w in words):
            return False
        if len(words) >= 2 and surname_strength(words[-1].text) == 2 and not right_after:
            return False  # a person's name; but "State power company Barqi Tojik" names the company
        return not any(self.known_lower(w) for w in words)

    def _add_typed(self, lo: int, hi: int, noun: str) -> None:
        subtype = _KIND_NOUNS.get(noun) or _QUALIFIED_KIND_NOUNS[noun]
        f = self.make("organization", lo, hi, name=self.span_text(lo, hi), subtype=subtype)
        acronym = self.tok(hi + 2)
        if self.punct(hi + 1, "(") and acronym is not None and acronym.upper and self.punct(hi + 3, ")"):
            f.aliases.append(acronym.text)  # "Kazakhstan Temir Zholy (KTZ)"
        self.add(f)

    def _qualified(self, i: int) -> bool:
        """A kind noun with a lower-case word before it ("wealth fund", "pension fund"), not "the fund"."""
        prev = self.tok(i - 1)
        return (
            prev is not None
            and prev.kind == "word"
            # "the Uzbek-language site Yangi Davr": a hyphenated adjective says which kind too
            and (not prev.cap or prev.lower.endswith(("-language", "-based", "-owned", "-run")))
            and prev.lower not in {"the", "a", "an", "this", "that", "its", "their", "his", "her"}
        )

    def pass_typed_names(self) -> None:
        """A name next to a lowercase noun saying what kind of body it is: "the national railway
        company Kazakhstan Temir Zholy", "Barki Tojik, the state power company,", "the mine operator,
        Alliance Altyn,"."""
        for i, t in enumerate(self.toks):
            if t.kind != "word" or (t.cap and not (t.upper and t.lower == "ngo")) or t.in_title:
                continue  # lower case, or "the NGO Taza Kol"
            if t.lower not in _KIND_NOUNS and not (t.lower in _QUALIFIED_KIND_NOUNS and self._qualified(i)):
                continue
            # noun before the name, directly or in apposition
            k = i + 1
            if self.punct(k, ","):
                k += 1
            end = self._name_run_right(k) if self.adjacent(i, k) or self.punct(i + 1, ",") else None
            if end is not None and self._org_run_ok(k, end, right_after=k == i + 1):
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
            # "Kazakh Invest, the national investment agency,": lower-case words saying which kind
            while (
                j >= 0
                and j > i - 5
                and (
                    self.is_word(j, TITLE_MODIFIERS | _KIND_ADJECTIVES)
                    or (
                        (
                            self.tok(j) is not None
                            and self.toks[j].kind == "word"
                            and self.toks[j].lower not in _ARTICLES_AND
                        )
                        and (not self.toks[j].cap or self.toks[j].lower.endswith(("-based", "-language")))
                    )
                    or gazetteer.demonym(self.toks[j].text) is not None
                )
            ):
                j -= 1
            # "Rosselkhoznadzor, Russia's agricultural watchdog,": a state's possessive for the article
            before = self.tok(j)
            state_of = before is not None and before.poss and gazetteer.country(before.text) is not None
            if not (self.is_word(j, frozenset({"the", "a", "an"})) or state_of) or not self.punct(j - 1, ","):
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

    def pass_acronyms_and_unknown(self) -> None:
        # "a Vostra MS-12 capsule": a word before a model designation names a product line, on
        # every page where it stands alone too
        products = {
            t.text
            for i, t in enumerate(self.toks[:-1])
            if t.cap
            and self.glued[i]
            and self.toks[i + 1].upper
            and _DESIGNATION.match(self.toks[i + 1].text)
        }
        for i, t in enumerate(self.toks):
            if self.taken[i] or t.in_title or t.kind != "word" or not t.cap:
                continue
            if t.text[:-1].isupper() and t.text.endswith("s") and t.text[:-1].lower() in COMMON_ACRONYMS:
                continue  # "NGOs": the plural of a common noun written as an acronym
            if t.upper:
                if (
                    t.text.replace("/", "").isalpha()
                    and 2 <= len(t.text.replace("/", "")) <= 6
                    and t.lower not in COMMON_ACRONYMS
                    and t.text not in _CURRENCIES
                    and not self.is_word(i + 1, FACILITY_NOUNS)
                ):
                    if self.punct(i - 1, "(") and self.tok(i - 2) is not None and self.toks[i - 2].upper:
                        # "BISHKEK (TCA) —": a dateline's credit says who filed the story, it names no one
                        self.block(i, i)
                        continue
                    year = self.tok(i + 1)
                    if (
                        year is not None
                        and year.kind == "num"
                        and len(year.text) == 4
                        and year.text[:2] in {"19", "20"}
                        and self.adjacent(i, i + 1)
                    ):
                        # "ARTEX 2031": an event named with its year
                        self.add(
                            self.make(
                                "organization", i, i + 1, name=self.span_text(i, i + 1), subtype="event"
                            )
                        )
                        continue
                    self.add(self.make("organization", i, i, name=t.text))
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
            if surname_strength(t.text) or gazetteer.place_adjective(t.text) or low in _ORDINARY_ORG_WORDS:
                continue
            if t.text in products:
                continue
            if "-" in t.text and t.text.rsplit("-", 1)[1][:1].islower():
                continue  # "Turkish-built", "Kazakh-speaking": an adjective, not a name
            if self.facility_after(i):
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
            if self.is_word(i - 1, _LOCATIVES) and listed is None:
                # "In Gorno-Badakhshan, ...", "herders from At-Bashy": where things happen or come from
                # is a place, not a body; a plain word only after "near"/"inside" (a loan "from Halyk")
                parts = t.text.split("-")
                hyphenated = len(parts) > 1 and all(p[:1].isupper() for p in parts)
                if hyphenated or (self.is_word(i - 1, _NEAR) and not t.poss):
                    self.add(
                        self.make("place", i, i, name=t.text, subtype="region" if hyphenated else "city")
                    )
                continue
            the = self.is_word(i - 1, "the")
            cue = (self.is_word(i - 1, _ORG_CUES) and not the) or (
                self.is_word(i - 1, "to") and self.is_word(i - 2, "according")
            )
            # "the Yntymak faction", "the Taliban administration": "the" makes a body only before a
            # body's noun; "the Ili delta", "the Gulf states" name other things
            cue = cue or (the and (shaped or self.is_word(i + 1, _BODY_NOUNS_AFTER)))
            # "Zarbok reported": outlets report; "Vesti.kz and Zarbok": listed with a body
            if listed is None and self._listed_with_place(i):
                continue  # "to Europe and the Gulf": one of a list of places
            if "-" in t.text and not (cue or reported or listed is not None) and _place_shaped(t.text):
                # "villagers of Arslanbob and Kara-Alma", "through Sary-Tash": a hyphenated name of
                # capitalised parts with no cue for a body is a place's (a brand shows an inner capital)
                self.add(self.make("place", i, i, name=t.text, subtype="city"))
                continue
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
        """A named body right before "and"/"," or right after it ("X and Zarbok", "Zarbok and X")."""
        for conj, other in ((i - 1, i - 2), (i + 1, i + 2)):
            if not (self.is_word(conj, frozenset({"and", "or"})) or self.punct(conj, ",")):
                continue
            owner = self.owner[other] if 0 <= other < self.n else None
            if owner is None or owner.kind != "organization" or owner.anaphor:
                continue
            if other > i and self.punct(conj, ",") and self.tok(owner.hi + 1) is not None:
                after = self.toks[owner.hi + 1]
                if after.kind == "word" and after.lower not in {"and", "or"}:
                    continue  # "X, KTZ chairman Y said": a new clause, not a list
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


def _place_shaped(text: str) -> bool:
    """ "Kara-Alma", "Mailuu-Suu": capitalised parts of plain letters, each of two letters or more."""
    parts = text.split("-")
    if len(parts) < 2 or not all(len(p) >= 2 and p[:1].isupper() and p[1:].islower() for p in parts):
        return False
    # "Samruk-Energy", "Asia-Plus": an English or a body's word in it makes a brand
    return not any(
        low in COMMON_ENGLISH
        or low in ORG_HEADS
        or low in _ORDINARY_ORG_WORDS
        or low in OUTLET_SUFFIXES
        or gazetteer.macro_region(p) is not None
        for p in parts
        for low in (p.lower(),)
    )

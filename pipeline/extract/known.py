"""Known forms (later uses of a name found once) and the state a generic body belongs to."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.entities import EntityKind
from pipeline.extract.lexicon import (
    ORG_HEADS,
    TITLE_MODIFIERS,
)
from pipeline.extract.lexicon import (
    words as lexicon_words,
)
from pipeline.extract.names import surname_strength
from pipeline.extract.state import _ORDINARY_ORG_WORDS, ExtractorState, Found
from pipeline.extract.tokens import Token


class KnownFormsRecogniser(ExtractorState):
    def pass_known_forms(self) -> None:
        """Later (and earlier) uses of a name already found: surnames, dotted-name stems, titles."""
        forms: dict[tuple[str, ...], tuple[EntityKind, str, bool, tuple[str, ...]]] = {}
        company_short: set[tuple[str, ...]] = set()
        for f in self.found:
            if f.kind == "person" and not f.first_name_only and not f.surname_only:
                words = tuple(self.toks[k].text for k in range(f.lo, f.hi + 1))
                forms.setdefault(words, ("person", f.name or "", False, tuple(f.evidence)))
                if len(words) > 1:
                    forms.setdefault((words[-1],), ("person", words[-1], True, tuple(f.evidence)))
            elif f.kind == "organization" and not f.anaphor:
                name = f.name or ""
                if "." in name:
                    stem = name.split(".")[0]
                    if len(stem) >= 4:
                        forms.setdefault((stem,), ("organization", name, False, tuple(f.evidence)))
                words = tuple(self.toks[k].text for k in range(f.lo, f.hi + 1))
                # one-word bodies were found with a cue ("told Karavan", "Parliament"); later uses need none
                forms.setdefault(words, ("organization", name, False, tuple(f.evidence)))
                bare = _without_legal_form(words)
                if bare:
                    # "Akdeniz Yapa A.Ş." ... "Akdeniz Yapa said": the company without its legal form
                    forms.setdefault(bare, ("organization", name, False, tuple(f.evidence)))
                    company_short.add(bare)
                for alias in f.aliases:
                    parts = tuple(alias.split())
                    # "(Korea Eximbank)", "(RFE/RL)": a short name given in brackets is used alone later
                    if parts and all(p[:1].isupper() for p in parts) and len(parts) <= 3:
                        forms.setdefault(parts, ("organization", name, False, tuple(f.evidence)))
        places: dict[tuple[str, ...], Found] = {}
        for f in self.found:
            if f.kind != "place":
                continue
            # "GBAO" after "Gorno-Badakhshan Autonomous Region (GBAO)"; "Karakalpakstan" after "the
            # Republic of Karakalpakstan" (a name the gazetteer lacks, found by its pattern)
            short = [a for a in f.aliases if a.isupper() and " " not in a]
            if f.place_id is None and f.name and len(f.name.split()) == 1 and f.name[:1].isupper():
                short.append(f.name)
            # "the Ili River" ... "the Ili delta": a river's or lake's name without its landform word
            river = _feature_stem(f.name or "") if f.subtype == "feature" else None
            if river is not None:
                short.append(river)
            for alias in short:
                forms.setdefault((alias,), ("place", f.name or "", False, tuple(f.evidence)))
                places.setdefault((alias,), f)
        if not forms:
            return
        for f in list(self.found):
            # a company's short name read as a person's ("Akdeniz Yapa said") is the company
            words = tuple(self.toks[k].text for k in range(f.lo, f.hi + 1))
            if words not in company_short:
                continue
            if f.kind == "person":
                self.release(f)
            elif f.kind == "organization":
                f.name = forms[words][1]  # "Akdeniz Yapa chairman ...": the short name stands for it
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
                    kind, name, surname, source = forms[words]
                    place = places.get(words) if kind == "place" else None
                    self.add(
                        self.make(
                            kind,
                            i,
                            hi,
                            name=name if kind != "person" else self.span_text(i, hi),
                            surname_only=surname,
                            # a later use of a name keeps what made the name
                            evidence=["known-form", *source],
                            aliases=[self.span_text(i, hi)] if place is not None else [],
                            subtype=place.subtype if place is not None else None,
                            place_id=place.place_id if place is not None else None,
                            place_country=place.place_country if place is not None else None,
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


# The tokens of legal forms at a company name's end ("Co., Ltd.", "A.Ş.", "LLP", "plc").
_LEGAL_TOKENS = lexicon_words(
    """
    Co Ltd Limited A Ş S p r l B V N AG plc PLC LLP LLC JSC CJSC OJSC PJSC GmbH Inc Corp Bhd Sdn Pte , .
    Group Holding Holdings
    """
)


_FORM_WORDS = lexicon_words(
    """
    Ltd Limited AG plc PLC LLP LLC JSC CJSC OJSC PJSC GmbH Inc Corp Bhd Ş Group Holding Holdings
    """
)


def _without_legal_form(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The name before its legal form, when it ends with one and keeps a name of its own."""
    k = len(words)
    while k > 0 and words[k - 1] in _LEGAL_TOKENS:
        k -= 1
    if k == len(words) or not _FORM_WORDS.intersection(words[k:]):
        return None
    if k >= 3 and words[k - 1] == ")" and words[k - 3] == "(":
        k -= 3  # "Bharat Pipes (India) Limited": "Bharat Pipes"
    short = words[:k]
    if not short or (len(short) == 1 and len(short[0]) < 4) or not all(w[:1].isupper() for w in short):
        return None
    return short


def _feature_stem(name: str) -> str | None:
    """ "Ili River" → "Ili": one capitalised word before a landform word, used alone later."""
    words = name.split()
    if len(words) != 2 or not words[0][:1].isupper() or words[1].lower() not in _STEM_LANDFORMS:
        return None
    return words[0]


_STEM_LANDFORMS = lexicon_words("river lake reservoir canal glacier")

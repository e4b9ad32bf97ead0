"""Places: "X region" patterns, landforms, gazetteer names and region-or-city readings."""

from __future__ import annotations

import re

from pipeline import gazetteer
from pipeline.extract.lexicon import SPEECH_VERBS
from pipeline.extract.names import surname_strength
from pipeline.extract.state import (
    _CITY_CUES,
    _PLACE_PREPOSITIONS,
    _REGION_CUES,
    ExtractorState,
    Found,
    _place_name,
)


class PlaceRecogniser(ExtractorState):
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
                if place is None and size == 1:
                    place = gazetteer.settlement(phrase)
                    if place is not None and not self._village_ok(i):
                        continue
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
        """A bare name that is both a city and a region means the region when its sentence speaks of
        regions ("regional disparities: in X"). "The X region" elsewhere in the article does not make a
        bare X the region: the gold reads "Bukhara region ... in Bukhara" as the region and the city."""
        places = [f for f in self.found if f.kind == "place"]
        cued: dict[str, list[bool]] = {}
        readings: list[tuple[Found, gazetteer.Place]] = []
        for f in places:
            if f.subtype != "city" or f.lo != f.hi or f.place_id is None:
                continue
            text = self.toks[f.lo].text
            region = gazetteer.region(text)
            if region is None or region.kind != "region" or region.country not in gazetteer.CORE_COUNTRIES:
                continue
            sid = self.sent[f.lo]
            first, end = self._sentence_range(sid)
            # a colon ends a clause, not the thought: "The regional disparities are stark: in X, ..."
            if self.punct(first - 1, ":"):
                first = self._sentence_range(sid - 1)[0]
            # "Batken oblast" names another region: only a cue not right after a name speaks of regions
            words = {self.toks[k].lower for k in range(first, end) if k == first or not self.toks[k - 1].cap}
            cue = bool(words & _REGION_CUES) and not words & _CITY_CUES
            cued.setdefault(f.place_id, []).append(cue)
            readings.append((f, region))
        for f, region in readings:
            if f.place_id is not None and all(cued[f.place_id]):
                # every mention of the name in the document is in a sentence about regions
                f.subtype, f.place_id, f.place_country = "region", region.id, region.country

    def pass_place_compounds(self) -> None:
        """ "the Osh-Batken highway", "Tashkent-Almaty flights": two places joined by a hyphen are two
        mentions, one for each part."""
        for i, t in enumerate(self.toks):
            if (
                "-" not in t.text
                or t.kind != "word"
                or not t.cap
                or t.text.count("-") != 1
                or not self.free(i)
            ):
                continue
            left, right = t.text.split("-")
            if not right[:1].isupper():
                continue
            places = [gazetteer.lookup(left), gazetteer.lookup(right)]
            if any(
                p is None or (p.kind == "country" and gazetteer.demonym(w))
                for p, w in zip(places, (left, right), strict=True)
            ):
                continue
            self.block(i, i)
            for (word, offset), place in zip(((left, 0), (right, len(left) + 1)), places, strict=True):
                assert place is not None
                start = t.start + offset
                self.found.append(
                    Found(
                        "place",
                        i,
                        i,
                        start,
                        start + len(word),
                        t.article,
                        name=_place_name(word, place),
                        subtype=place.kind,
                        place_id=place.id,
                        place_country=place.country,
                        evidence=["place-compound"],
                    )
                )

    def pass_place_abbreviations(self) -> None:
        """ "Gorno-Badakhshan Autonomous Region (GBAO)": an acronym in brackets right after a place,
        spelling its words' initials, is the place's own (and later uses of it are the place)."""
        for i, t in enumerate(self.toks):
            if not (
                t.upper and self.free(i) and i >= 2 and self.punct(i - 1, "(") and self.punct(i + 1, ")")
            ):
                continue
            place = self.owner[i - 2]
            if place is None or place.kind != "place" or place.hi != i - 2 or place.lo == place.hi:
                continue
            if _abbreviates(t.text, self.span_text(place.lo, place.hi)):
                place.aliases.append(t.text)
                self.block(i, i)

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

    def _village_ok(self, i: int) -> bool:
        """A village's name is often a given name too ("Timur", "Hamza"): read alone it is the village
        only with no capitalised word glued to it and no speech verb after it."""
        for k in (i - 1, i + 1):
            other = self.tok(k)
            glued = other is not None and self.adjacent(min(i, k), max(i, k))
            if glued and other is not None and other.cap and other.kind == "word":
                return False
        after = self.tok(i + 1)
        # "Residents of X said": after a place preposition the verb is the residents'
        if self.is_word(i - 1, _PLACE_PREPOSITIONS):
            return True
        return after is None or after.lower not in SPEECH_VERBS

    def _sentence_range(self, sid: int) -> tuple[int, int]:
        """The token indices [start, end) of sentence `sid`."""
        if self._sentence_starts is None:
            self._sentence_starts = [0] + [i for i, t in enumerate(self.toks) if i and t.sent_start]
        starts = self._sentence_starts
        return starts[sid], starts[sid + 1] if sid + 1 < len(starts) else self.n


def _abbreviates(acronym: str, name: str) -> bool:
    """The acronym is the initials of the name's words and hyphenated parts, in order; the last letter
    may stand for the administrative word in another language ("GBAO": "... Autonomous Oblast")."""
    initials = "".join(w[0].upper() for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha())
    return len(acronym) >= 3 and initials.startswith(acronym[:-1])

"""The extractor: the recogniser families, then one arbitration step, over one document's tokens.

The claiming families run first, in order of confidence: each claims tokens and later ones skip
claimed tokens, so a law name never becomes a person, a region pattern never yields a bare country,
and an organization's inner place ("of Central Asia") is never a place. The independent recognisers
(`pipeline.extract.recognisers`) then propose scored candidates over what is left, and
`candidates.arbitrate` alone decides between them. Known forms, qualifiers and roles come last, as
they read what the others found. Every mention keeps the names of the rules that made it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pipeline.extract.candidates import arbitrate
from pipeline.extract.heads import HeadOrgRecogniser
from pipeline.extract.known import KnownFormsRecogniser
from pipeline.extract.laws import LawRecogniser
from pipeline.extract.named import NamedOrgRecogniser
from pipeline.extract.people import PersonRecogniser
from pipeline.extract.places import PlaceRecogniser
from pipeline.extract.recognisers import (
    AGES,
    CUED_PAIRS,
    DOTTED,
    KIND_AFTER,
    LANDFORMS,
    PARTICLES,
    RECOGNISERS,
    REGIONS,
    TITLE_ORGS,
    Recogniser,
)
from pipeline.extract.roles import RoleRecogniser
from pipeline.extract.state import Found


class Extractor(
    LawRecogniser,
    HeadOrgRecogniser,
    NamedOrgRecogniser,
    PersonRecogniser,
    PlaceRecogniser,
    KnownFormsRecogniser,
    RoleRecogniser,
):
    def run(self) -> list[Found]:
        steps: tuple[tuple[str, Callable[[], None]], ...] = (
            ("laws", self.pass_laws),
            ("dotted", lambda: self.pass_stage(DOTTED)),
            ("region-pattern", lambda: self.pass_stage(REGIONS)),
            ("landform", lambda: self.pass_stage(LANDFORMS)),
            ("org-head", self.pass_head_orgs),
            ("org-head-title", lambda: self.pass_stage(TITLE_ORGS)),
            ("kind-noun-after", lambda: self.pass_stage(KIND_AFTER)),
            ("kind-noun", self.pass_typed_names),
            ("first-name-age", lambda: self.pass_stage(AGES)),
            ("person-title", self.pass_titled_people),
            ("person-particle", lambda: self.pass_stage(PARTICLES)),
            ("person-morphology", self.pass_morphology_people),
            ("person-cue", lambda: self.pass_stage(CUED_PAIRS)),
            ("gazetteer", self.pass_places),
            ("place-compound", self.pass_place_compounds),
            ("region-reading", self.pass_region_readings),
            ("candidates", lambda: self.pass_stage(RECOGNISERS)),
            ("place-abbreviation", self.pass_place_abbreviations),
            ("known-form", self.pass_known_forms),
            ("lone-name", self.pass_acronyms_and_unknown),
            ("qualifier", self.pass_qualifiers),
            ("role", self.pass_roles),
        )
        for name, step in steps:
            before = {id(f) for f in self.found}  # a step may also give back an earlier find
            step()
            for f in self.found:
                if not f.evidence and id(f) not in before:
                    f.evidence.append(name)
        return self.found

    def pass_stage(self, recognisers: Sequence[Recogniser]) -> None:
        """Independent recognisers' proposals over what earlier steps left, arbitrated once."""
        proposals = [c for recognise in recognisers for c in recognise(self)]
        for c in arbitrate(proposals, self._claim_strengths()):
            overridden = {id(self.owner[k]) for k in range(c.lo, c.end + 1) if self.owner[k] is not None}
            if overridden:
                self.found = [f for f in self.found if id(f) not in overridden]
            self.add(
                self.make(
                    c.kind,
                    c.lo,
                    c.hi,
                    name=c.name or self.span_text(c.lo, c.hi),
                    subtype=c.subtype,
                    place_id=c.place_id,
                    place_country=c.place_country,
                    aliases=list(c.aliases),
                    evidence=list(c.evidence),
                    first_name_only=c.first_name_only,
                )
            )
            if c.text_end is not None:
                self.found[-1].end = c.text_end
            if c.end > c.hi:
                self.block(c.hi + 1, c.end)

    def _claim_strengths(self) -> list[float]:
        """How sure each token's claim is: free 0, a lone word found only in the gazetteer 0.5 (a name
        may hold a place word), anything else final."""
        out = [1.0 if taken else 0.0 for taken in self.taken]
        for f in self.found:
            if f.lo == f.hi and self.owner[f.lo] is f and self.weakly_claimed(f.lo):
                out[f.lo] = SOFT_CLAIM
        return out


SOFT_CLAIM = 0.5

__all__ = ["Extractor", "Found"]

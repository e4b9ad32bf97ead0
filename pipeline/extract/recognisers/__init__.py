"""Independent recognisers: each reads the tokens and the claimed-token map, proposes scored
`Candidate`s with its evidence, and changes nothing. `passes.Extractor.pass_candidates` pools all
proposals and `candidates.arbitrate` decides between them, so a recogniser is tested alone and a
new one cannot break another by running first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pipeline.extract.candidates import Candidate
from pipeline.extract.recognisers import (
    abbreviations,
    acronym_defined,
    ages,
    based,
    brands,
    cued_pairs,
    datelines,
    dotted,
    geography,
    kind_after,
    landforms,
    legal_forms,
    local_bodies,
    outlets,
    particles,
    people_cues,
    possessed,
    regions,
    title_orgs,
)
from pipeline.extract.state import ExtractorState

Recogniser = Callable[[ExtractorState], Sequence[Candidate]]

# Stages that run where the claiming families used to run them, before the later families.
DOTTED: tuple[Recogniser, ...] = (dotted.propose, legal_forms.propose)
REGIONS: tuple[Recogniser, ...] = (regions.propose, local_bodies.propose)
TITLE_ORGS: tuple[Recogniser, ...] = (title_orgs.propose,)
PARTICLES: tuple[Recogniser, ...] = (
    particles.propose,
    particles.propose_arabic,
    particles.propose_particle_surnames,
)
CUED_PAIRS: tuple[Recogniser, ...] = (cued_pairs.propose,)
KIND_AFTER: tuple[Recogniser, ...] = (kind_after.propose,)
LANDFORMS: tuple[Recogniser, ...] = (landforms.propose, datelines.propose)
AGES: tuple[Recogniser, ...] = (ages.propose,)
# The stage after the claiming families and the gazetteer.
RECOGNISERS: tuple[Recogniser, ...] = (
    based.propose,
    based.propose_homed,
    abbreviations.propose,
    outlets.propose,
    outlets.propose_affiliations,
    geography.propose,
    people_cues.propose_speakers,
    people_cues.propose_titled_in_headlines,
    people_cues.propose_clause_subjects,
    brands.propose,
    possessed.propose,
    acronym_defined.propose,
)

__all__ = [
    "AGES",
    "CUED_PAIRS",
    "DOTTED",
    "KIND_AFTER",
    "LANDFORMS",
    "PARTICLES",
    "RECOGNISERS",
    "REGIONS",
    "TITLE_ORGS",
    "Recogniser",
    "abbreviations",
    "acronym_defined",
    "ages",
    "brands",
    "cued_pairs",
    "dotted",
    "geography",
    "kind_after",
    "landforms",
    "legal_forms",
    "local_bodies",
    "outlets",
    "particles",
    "people_cues",
    "regions",
    "title_orgs",
]

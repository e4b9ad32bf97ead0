"""Independent recognisers: each reads the tokens and the claimed-token map, proposes scored
`Candidate`s with its evidence, and changes nothing. `passes.Extractor.pass_candidates` pools all
proposals and `candidates.arbitrate` decides between them, so a recogniser is tested alone and a
new one cannot break another by running first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pipeline.extract.candidates import Candidate
from pipeline.extract.recognisers import abbreviations, brands, geography, outlets, people_cues
from pipeline.extract.state import ExtractorState

Recogniser = Callable[[ExtractorState], Sequence[Candidate]]

RECOGNISERS: tuple[Recogniser, ...] = (
    abbreviations.propose,
    outlets.propose,
    outlets.propose_affiliations,
    geography.propose,
    people_cues.propose_speakers,
    people_cues.propose_titled_in_headlines,
    people_cues.propose_clause_subjects,
    brands.propose,
)

__all__ = ["RECOGNISERS", "Recogniser", "abbreviations", "brands", "geography", "outlets", "people_cues"]

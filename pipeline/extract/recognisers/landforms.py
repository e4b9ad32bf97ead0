"""Physical features: a capitalised name before a feature head ("Aral Sea", "Tarvan Strait",
"Fann Mountains", data/landforms.txt), or before a lower-case one after "the" ("the Panj river")."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.state import _LANDFORMS, _LOWER_LANDFORMS, ExtractorState

HEAD_SCORE = 0.8
LOWER_HEAD_SCORE = 0.7


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(_LANDFORMS | _LOWER_LANDFORMS):
        t = s.toks[i]
        if t.kind != "word" or not s.free(i):
            continue
        run = s._cap_run_left(i)
        if run is None:
            continue
        lo, hi = run
        if t.cap and t.lower in _LANDFORMS:
            out.append(Candidate("place", lo, i, HEAD_SCORE, ("landform:head",), subtype="feature"))
            continue
        if t.cap or t.lower not in _LOWER_LANDFORMS:
            continue
        if not s.is_word(lo - 1, "the") or s.in_heading_run(lo):
            continue
        if s.toks[hi].poss or any(s.toks[k].in_title for k in range(lo, hi + 1)):
            continue
        near = gazetteer.lookup(s.span_text(lo, hi))
        out.append(
            Candidate(
                "place",
                lo,
                hi,
                LOWER_HEAD_SCORE,
                ("landform:lower-head",),
                name=s.text[s.toks[lo].start : t.end],
                subtype="feature",
                place_country=near.country if near is not None else None,
                claims_to=i,  # the lower-case head is part of the name, not a word of its own
            )
        )
    return out

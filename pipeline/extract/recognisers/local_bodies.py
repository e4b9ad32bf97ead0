"""Local government named by its place: "the Pavlodar region akimat", "the Samarkand regional
khokimiyat", "Almaty Akimat", "Bishkek City Hall". The place's name, its level word and the body's
noun in the region's own words make one organization; the place inside it is part of the name, not a
mention of the place."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import word_list
from pipeline.extract.state import ExtractorState

SCORE = 0.95  # above the region pattern's, which would read "Pavlodar region" alone

LOCAL_GOVERNMENT = word_list("local_government")
# the level between the place and the body: "region akimat", "regional khokimiyat", "city akimat"
_LEVELS = frozenset({"region", "regional", "oblast", "city", "district", "town", "province", "provincial"})


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(LOCAL_GOVERNMENT):
        if not s.free(i) or not s.adjacent(i - 1, i):
            continue
        k = i - 1
        if s.is_word(k, _LEVELS) and s.free(k) and s.adjacent(k - 1, k):
            k -= 1
        run = s._cap_run_left(k + 1)
        if run is None or run[1] != k or s.toks[k].poss:
            continue
        lo = run[0]
        out.append(Candidate("organization", lo, i, SCORE, ("local-government",), subtype="government"))
    for i in s.anchors(_HALL):
        # "Bishkek City Hall": a city's own name before "City Hall"
        if not (s.toks[i].cap and s.is_word(i - 1, "city") and s.toks[i - 1].cap and s.adjacent(i - 1, i)):
            continue
        run = s._cap_run_left(i - 1)
        if run is None or not s.free(i) or not s.free(i - 1) or s.toks[run[1]].poss:
            continue
        if gazetteer.lookup(s.span_text(*run)) is None:
            continue
        out.append(Candidate("organization", run[0], i, SCORE, ("local-government",), subtype="government"))
    return out


_HALL = frozenset({"hall"})

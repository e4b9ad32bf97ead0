"""Settlements named by the noun before them: "the village of X", "the town of X", whether or not
the gazetteer knows X (it holds no villages)."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import word_list
from pipeline.extract.recognisers.common import cap_run
from pipeline.extract.state import ExtractorState

SCORE = 0.7


def propose(s: ExtractorState) -> list[Candidate]:
    nouns = word_list("settlement_nouns")
    out: list[Candidate] = []
    for i in s.anchors(nouns):
        t = s.toks[i]
        if t.kind != "word" or t.cap or not s.is_word(i + 1, "of"):
            continue
        k = i + 2
        if not s.adjacent(i + 1, k):
            continue
        end = cap_run(s, k)
        if end is None:
            continue
        phrase = s.span_text(k, end)
        place = gazetteer.lookup(phrase)
        out.append(
            Candidate(
                "place",
                k,
                end,
                SCORE,
                ("settlement:" + t.lower + "-of",),
                subtype=t.lower if place is None else place.kind,
                place_id=place.id if place is not None else None,
                place_country=place.country if place is not None else None,
            )
        )
    return out

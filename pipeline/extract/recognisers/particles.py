"""Kyrgyz/Kazakh/Azerbaijani patronymic particles written apart: "Azamat Toktosun uulu", with a
parenthetical name right after it as an alias ("... uulu (Aza)")."""

from __future__ import annotations

from pipeline.extract.candidates import Candidate
from pipeline.extract.recognisers.common import person_candidate
from pipeline.extract.state import _PARTICLES, ExtractorState

SCORE = 0.9


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(_PARTICLES):
        t = s.toks[i]
        if t.kind != "word" or t.in_title or not s.free(i):
            continue
        if not (s.name_word(i - 1) and s.adjacent(i - 1, i)):
            continue
        lo = i - 1
        if s.given_word(i - 2) and s.adjacent(i - 2, i - 1) and not s.in_heading_run(i - 2):
            lo = i - 2
        out.append(person_candidate(s, lo, i, SCORE, "person-particle"))
    return out

"""A name with an age in apposition: "Kamilla, 21, a barista": a first name only (or a full name,
when two name words stand before the age)."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.state import ExtractorState

SCORE = 0.8


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    commas = [k for k, t in enumerate(s.toks) if t.text == "," and 0 < k < s.n - 2]
    for c in commas:
        age = s.toks[c + 1]
        if not (age.kind == "num" and age.text.isdigit() and len(age.text) <= 3):
            continue
        i = c - 1
        t = s.toks[i]
        if t.in_title or not s.name_word(i) or t.poss or not s.punct(c + 2, ","):
            continue
        if gazetteer.lookup(t.text) is not None:
            continue  # "In Taraz, 24, ...": a place and a count
        if s.name_word(i - 1) and s.adjacent(i - 1, i):
            out.append(Candidate("person", i - 1, i, SCORE, ("first-name-age",)))
        else:
            out.append(Candidate("person", i, i, SCORE, ("first-name-age",), first_name_only=True))
    return out

"""Datelines: a place in capitals opening a summary, set off by a colon or a dash ("AWAZA: Officials
...", "KHOROG — ..."). The wire's dateline names where the story was filed: a place, known to the
gazetteer or not."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.state import ExtractorState, _place_name

SCORE = 0.85
_MARKS = frozenset({":", "—", "–"})
_WORDS = 3


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    starts = [i for i in range(s.n) if i == 0 or s.region[i - 1] != s.region[i]]
    for i in starts:
        # the first token of a body region
        t = s.toks[i]
        if t.in_title or not t.upper or not s.free(i):
            continue
        hi = i
        while hi - i < _WORDS and s.tok(hi) is not None and s.toks[hi].kind == "word" and s.toks[hi].upper:
            hi += 1
        hi -= 1
        if hi < i or len(s.span_text(i, hi)) < 3 or not (s.punct(hi + 1, "".join(_MARKS))):
            continue
        if any(not s.free(k) for k in range(i, hi + 1)):
            continue
        written = s.span_text(i, hi)
        place = gazetteer.lookup(written)
        if place is None and len(written.split()) == 1 and len(written) <= 4:
            continue  # "NOTE:", "UPD:": too short to tell from a label
        out.append(
            Candidate(
                "place",
                i,
                hi,
                SCORE,
                ("dateline",),
                name=_place_name(written, place) if place is not None else written.title(),
                subtype=place.kind if place is not None else "city",
                place_id=place.id if place is not None else None,
                place_country=place.country if place is not None else None,
            )
        )
    return out

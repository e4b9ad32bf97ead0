"""Bodies in Title Case headlines ("... Seats in the Jogorku Kenesh?"): only a body closed off on
both sides counts, "the" before it and punctuation (or the title's end) after its head word."""

from __future__ import annotations

from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import ORG_HEADS, ORG_HEADS_KIND
from pipeline.extract.state import ExtractorState

SCORE = 0.9


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(ORG_HEADS):
        t = s.toks[i]
        if not t.in_title or t.kind != "word" or not t.cap or not s.free(i):
            continue
        nxt = s.tok(i + 1)
        if nxt is not None and s.region[i + 1] == s.region[i] and (nxt.kind != "punct" or nxt.text == "("):
            continue
        lo = i
        while lo - 1 >= 0 and lo > i - 3 and s.free(lo - 1) and s.adjacent(lo - 1, lo):
            prev = s.toks[lo - 1]
            if not prev.cap or s.common(prev) or s._heading_word(prev) or prev.poss:
                break
            lo -= 1
        if lo == i or not s.is_word(lo - 1, "the") or s.toks[lo - 1].cap:
            continue
        out.append(
            Candidate("organization", lo, i, SCORE, ("org-head-title",), subtype=ORG_HEADS_KIND[t.lower])
        )
    return out

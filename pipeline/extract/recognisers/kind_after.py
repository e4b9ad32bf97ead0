"""Names before a lower-case kind noun: "the Amanat party", "the Ata-Jurt Kyrgyzstan party", "the
Tong Jahoni foundation" (the name with its noun is an alias)."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import ORG_TYPE_NOUNS, TITLE_WORDS
from pipeline.extract.names import surname_strength
from pipeline.extract.state import _ADJECTIVE_SUFFIXES, _TYPED_NOUNS, ExtractorState

SCORE = 0.8


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(_TYPED_NOUNS):
        t = s.toks[i]
        if t.kind != "word" or t.cap or not s.free(i):
            continue
        hi = i - 1
        lo = i
        while lo - 1 >= 0 and lo > i - 4 and s.free(lo - 1) and s.adjacent(lo - 1, lo):
            prev = s.toks[lo - 1]
            if prev.kind != "word" or not prev.cap or s.common(prev) or prev.lower in TITLE_WORDS:
                break
            if prev.lower.endswith(_ADJECTIVE_SUFFIXES):
                break  # "a Dubai-registered fund": where it is from, not its name
            if s.in_heading_run(lo - 1) and s._heading_word(prev):
                break
            if prev.poss and lo - 1 != hi:
                break
            lo -= 1
        if lo > hi or s.toks[hi].poss or s.toks[lo].in_title:
            continue
        nxt = s.tok(i + 1)
        if nxt is not None and nxt.cap and nxt.kind == "word" and s.adjacent(i, i + 1):
            continue  # "State concern Turkmengaz": the name comes after the noun
        words = [s.toks[k] for k in range(lo, hi + 1)]
        if all(gazetteer.lookup(w.text) is not None or gazetteer.demonym(w.text) is not None for w in words):
            continue  # "the Kazakh company": a state, not a name
        if surname_strength(words[-1].text) == 2 or any(s.known_lower(w) for w in words):
            continue
        out.append(
            Candidate(
                "organization",
                lo,
                hi,
                SCORE,
                ("kind-noun-after",),
                subtype=ORG_TYPE_NOUNS[t.lower],
                aliases=(s.text[s.toks[lo].start : t.end],),
            )
        )
    return out

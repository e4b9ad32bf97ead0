"""Names defined by the acronym in brackets after them: "Reporters Without Borders (RSF)", "Inter
State Gas Systems (ISGS)". Whatever letters the acronym uses (it may be the name's in another
language), a capitalised run that a writer gives an acronym to is a body's name; places and people
found earlier hold their tokens already."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.names import surname_strength
from pipeline.extract.state import ExtractorState

SCORE = 0.6
_INNER = frozenset({"of", "for", "and", "the", "on", "in", "without", "&"})
_MAX_TOKENS = 8


def _run_before(s: ExtractorState, k: int) -> int | None:
    """The first token of the capitalised name ending at token k (inner function words allowed)."""
    lo = None
    j = k
    while j >= 0 and k - j < _MAX_TOKENS and s.free(j) and s.adjacent(j, j + 1):
        t = s.toks[j]
        if t.kind == "word" and t.cap and not s.common(t) and not (t.poss and j != k):
            lo = j
        elif not (t.lower in _INNER or t.text == "&") or lo is None:
            break
        j -= 1
    while lo is not None and lo < k and (s.toks[lo].lower in _INNER or s.common(s.toks[lo])):
        lo += 1
    return lo


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i, t in enumerate(s.toks):
        if not (t.kind == "punct" and t.text == "(" and i + 2 < s.n and s.punct(i + 2, ")")):
            continue
        acronym = s.toks[i + 1]
        if not (acronym.upper and 2 <= len(acronym.text) <= 6 and acronym.text.isalpha()):
            continue
        k = i - 1
        lo = _run_before(s, k) if k >= 0 and s.free(k) else None
        if lo is None or lo == k or s.toks[lo].in_title:
            continue  # one word before the brackets: a company's short name more often than not
        words = [s.toks[j] for j in range(lo, k + 1) if s.toks[j].cap]
        if surname_strength(words[-1].text) == 2 or gazetteer.lookup(s.span_text(lo, k)) is not None:
            continue
        out.append(Candidate("organization", lo, k, SCORE, ("acronym-defined",), aliases=(acronym.text,)))
    return out

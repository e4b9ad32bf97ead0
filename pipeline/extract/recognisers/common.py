"""Small questions the recognisers share about the state's tokens."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import ORG_HEADS, OUTLET_SUFFIXES, TITLE_MODIFIERS, TITLE_WORDS
from pipeline.extract.state import _PARTICLES, ExtractorState


def preceded_by(s: ExtractorState, i: int, phrase: tuple[str, ...]) -> bool:
    """The lower-case words right before token i are `phrase`, in one region."""
    k = i - len(phrase)
    if k < 0:
        return False
    return all(
        s.toks[k + n].kind == "word" and s.toks[k + n].lower == w and s.region[k + n] == s.region[i]
        for n, w in enumerate(phrase)
    )


def plain_name_word(s: ExtractorState, i: int) -> bool:
    """A free capitalised word or dotted name that is no function word, title, head, place or demonym."""
    if not s.free(i):
        return False
    t = s.toks[i]
    if not t.cap or s.common(t) or t.lower in TITLE_WORDS or t.lower in TITLE_MODIFIERS:
        return False
    if t.lower in ORG_HEADS:
        return False
    return gazetteer.lookup(t.text) is None and gazetteer.demonym(t.text) is None


def cap_run(s: ExtractorState, i: int, limit: int = 3) -> int | None:
    """Last index of the glued plain name words starting at i (a possessive ends the run)."""
    end = None
    k = i
    while (
        k < s.n
        and k - i < limit
        and (k == i or s.adjacent(k - 1, k))
        # an outlet's suffix ("Daily", "Times") goes on a name, never starts one
        and (
            plain_name_word(s, k)
            or (k > i and s.free(k) and s.toks[k].cap and s.toks[k].lower in OUTLET_SUFFIXES)
        )
    ):
        end = k
        if s.toks[k].poss:
            break
        k += 1
    return end


def person_candidate(s: ExtractorState, lo: int, hi: int, score: float, evidence: str) -> Candidate:
    """A person over [lo, hi], with a patronymic particle written after it ("... Toktosun uulu") and a
    parenthetical name right after it as an alias ("Dina Smailova (Tansari)")."""
    if s.is_word(hi + 1, _PARTICLES) and s.free(hi + 1) and s.adjacent(hi, hi + 1):
        hi += 1
    aliases: tuple[str, ...] = ()
    claims_to: int | None = None
    end = s.paren_end(hi + 1, limit=6) if s.punct(hi + 1, "(") else None
    if (
        end is not None
        and end > hi + 2
        and all(s.toks[k].cap and s.toks[k].kind == "word" for k in range(hi + 2, end))
    ):
        aliases = (s.span_text(hi + 2, end - 1), s.text[s.toks[lo].start : s.toks[end].end])
        claims_to = end
    return Candidate("person", lo, hi, score, (evidence,), aliases=aliases, claims_to=claims_to)

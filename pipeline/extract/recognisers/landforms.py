"""Physical features: a capitalised name before a feature head ("Aral Sea", "Tarvan Strait",
"Fann Mountains", data/landforms.txt), before a lower-case one after "the" ("the Panj river"), or
after a head written first ("Lake Sarykol", "Mount Elbrus", "Gulf of Oman": data/landforms_before.json)."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import ORG_HEADS, kind_table
from pipeline.extract.state import _ADJECTIVE_SUFFIXES, _LANDFORMS, _LOWER_LANDFORMS, ExtractorState

_BEFORE = {k: v for k, v in kind_table("landforms_before").items() if not k.startswith("_")}
_BEFORE_HEADS = frozenset(_BEFORE)
HEAD_SCORE = 0.8
LOWER_HEAD_SCORE = 0.7


def _ordinary_in_title(s: ExtractorState, k: int) -> bool:
    """Token k of a headline is an ordinary word, one the text writes in lower case elsewhere ("Lake
    Sarez Sensors Go Dark" when the body speaks of "sensors"), and no place's name."""
    t = s.tok(k)
    if t is None or t.kind != "word" or not t.in_title:
        return False
    return s.known_lower(t) and gazetteer.lookup(t.text) is None


def title_run_start(s: ExtractorState, lo: int, hi: int) -> int | None:
    """Where a name before a head word starts in a headline. Title Case hides where the headline's
    words end: a run that does not start the headline or follow a small word keeps only the part the
    gazetteer knows ("Plant Failure Leaves Pavlodar Region" → "Pavlodar"), or nothing."""
    prev = s.tok(lo - 1)
    if not s.toks[lo].in_title or prev is None or not prev.cap or not s.adjacent(lo - 1, lo):
        return lo
    if s.region_of(lo - 1) != s.region_of(lo):
        return lo
    return next((x for x in range(lo, hi + 1) if gazetteer.lookup(s.span_text(x, hi)) is not None), None)


def headed_after(s: ExtractorState, i: int) -> bool:
    """The capitalised words glued after token i reach an organization head ("Gulf Energy Forum")."""
    k = i + 1
    while k < s.n and k - i <= 3 and s.adjacent(k - 1, k) and s.toks[k].cap and s.toks[k].kind == "word":
        if s.toks[k].lower in ORG_HEADS:
            return True
        k += 1
    return False


def _name_after(s: ExtractorState, k: int) -> int | None:
    """The last of up to three free capitalised words from token k."""
    end = None
    while k < s.n and (end is None or k - end == 1) and (end is None or k - (end or 0) < 3):
        t = s.toks[k]
        if not (s.free(k) and t.cap and t.kind == "word" and not s.common(t)) or (
            end is not None and not s.adjacent(k - 1, k)
        ):
            break
        end = k
        if t.poss:
            break
        k += 1
    return end


def _heads_before(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(_BEFORE_HEADS):
        t = s.toks[i]
        if not t.cap or t.kind != "word" or not s.free(i) or t.poss:
            continue
        prev = s.tok(i - 1)
        if (
            prev is not None
            and prev.cap
            and prev.kind == "word"
            and s.adjacent(i - 1, i)
            and not t.sent_start
        ):
            continue  # "Salt Lake City", "Black Sea of ...": the head closes a name begun before it
        k = i + 1
        if _BEFORE[t.lower] == "of":
            if not s.is_word(k, "of"):
                continue
            k += 2 if s.is_word(k + 1, "the") else 1
        if not s.adjacent(i, i + 1):
            continue
        end = _name_after(s, k)
        if end is None or s.toks[end].lower in _LANDFORMS:
            continue  # "Lake Issyk-Kul Basin" is left to the head after it
        if t.in_title:
            # "Lake Sarez Sensors Go Dark": in Title Case the headline's words run on after the name
            end = next((x for x in range(k, end + 1) if _ordinary_in_title(s, x + 1)), end)
        out.append(
            Candidate(
                "place",
                i,
                end,
                HEAD_SCORE,
                ("landform:head-before",),
                subtype="feature",
                name=s.span_text(i, end),
            )
        )
    return out


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = _heads_before(s)
    for i in s.anchors(_LANDFORMS | _LOWER_LANDFORMS):
        t = s.toks[i]
        if t.kind != "word" or not s.free(i):
            continue
        run = s._cap_run_left(i)
        if run is None:
            continue
        lo, hi = run
        while lo <= hi and s.toks[lo].lower.endswith(_ADJECTIVE_SUFFIXES):
            lo += 1  # "the Dubai-based Gulf ...": the adjective is no part of the name
        if s.toks[lo].lower in ORG_HEADS or headed_after(s, i):
            continue  # "Code Steppe Foundation", "Gulf Energy Forum": a body's name holds the feature word
        if t.cap and t.lower in _LANDFORMS:
            start = title_run_start(s, lo, hi)
            if start is None:
                continue
            lo = start
            while t.in_title and lo <= hi and (s._heading_word(s.toks[lo]) or _ordinary_in_title(s, lo)):
                lo += 1  # "... to Climb Ismoil Somoni Peak": the headline's verb is no part of the name
            if lo > hi:
                continue  # "Villagers Rebuild Irrigation Canal": ordinary words before the head
            out.append(Candidate("place", lo, i, HEAD_SCORE, ("landform:head",), subtype="feature"))
            continue
        if t.cap or t.lower not in _LOWER_LANDFORMS:
            continue
        if not s.is_word(lo - 1, "the"):
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

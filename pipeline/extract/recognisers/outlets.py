"""News outlets and agencies named by the words around them: "citing X", "reported by X",
"according to X.kz", and a body named before a staff title ("X co-founder Firstname Lastname")."""

from __future__ import annotations

import re
from functools import cache

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import OUTLET_SUFFIXES, word_list
from pipeline.extract.names import surname_strength
from pipeline.extract.recognisers.common import cap_run, preceded_by
from pipeline.extract.state import ExtractorState

SCORE = 0.6
AFFILIATION_SCORE = 0.5
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


@cache
def _cues() -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...], frozenset[str]]:
    strong = tuple(sorted((tuple(c.split()) for c in word_list("outlet_cues")), key=len, reverse=True))
    weak = tuple(sorted((tuple(c.split()) for c in word_list("weak_outlet_cues")), key=len, reverse=True))
    # the cues' last words: most tokens follow none of them, and are passed over at once
    return strong, weak, frozenset(c[-1] for c in strong + weak)


def _outlet_shaped(s: ExtractorState, lo: int, hi: int) -> bool:
    """A domain, capitals, an inner capital or an outlet suffix: the shapes of media brands."""
    first, last = s.toks[lo], s.toks[hi]
    return (
        first.kind == "dot"
        or (first.upper and lo == hi)
        or bool(_INNER_CAPITAL.search(first.text))
        or (hi > lo and last.lower in OUTLET_SUFFIXES)
    )


def _country_edition(s: ExtractorState, end: int) -> int | None:
    """ "Forbes Kazakhstan told", "told Vlast Kyrgyzstan that": a brand's national edition, the
    country glued after the name and the clause closed right after it."""
    k = end + 1
    if k >= s.n or not s.adjacent(end, k) or not (s.free(k) or s.weakly_claimed(k)):
        return None
    place = gazetteer.country(s.toks[k].text)
    after = s.tok(k + 1)
    closed = after is None or after.kind == "punct" or after.lower in {"that", "in", "on", "about"}
    return k if place is not None and place.kind == "country" and closed else None


def _the_run(s: ExtractorState, i: int) -> int | None:
    """ "The Khorog Courier", "The Astana Times": after "The", place words belong to the title too; two
    words at least, so "told The Guardian" needs its shape."""
    k = i
    while k < s.n and k - i < 4 and (s.free(k) or s.weakly_claimed(k)) and s.toks[k].cap:
        if s.toks[k].kind != "word" or s.common(s.toks[k]) or (k > i and not s.adjacent(k - 1, k)):
            break
        k += 1
        if s.toks[k - 1].poss:
            break
    return k - 1 if k - i >= 2 else None


def _closed_after(s: ExtractorState, lo: int, hi: int, persons: set[str]) -> bool:
    """ "according to Saryarqa Khabary.", "told Zakon Khabar that": a name that ends the sentence or
    comes before "that" after a cue is the source told or quoted, unless it is a person's name (one
    word, a surname's ending, or a word of a person named before)."""
    after = s.tok(hi + 1)
    if hi == lo:
        return False  # "told Marten that": one plain word may be a person's name
    if after is None or not (s.punct(hi + 1, ".") or (after.kind == "word" and after.lower == "that")):
        return False
    if any(s.toks[k].text in persons for k in range(lo, hi + 1)):
        return False  # "told Rahmon that": a person named earlier
    return all(surname_strength(s.toks[k].text) == 0 for k in range(lo, hi + 1))


def _is_person_like(s: ExtractorState, lo: int, hi: int) -> bool:
    return hi > lo and surname_strength(s.toks[hi].text) == 2


def propose(s: ExtractorState) -> list[Candidate]:
    strong, weak, last_words = _cues()
    out: list[Candidate] = []
    persons = {s.toks[k].text for f in s.found if f.kind == "person" for k in range(f.lo, f.hi + 1)}
    for cue_end in s.anchors(last_words):
        i = cue_end + 1
        # "told The Khorog Courier": the article opens the outlet's name
        the = s.is_word(i, "the") and s.toks[i].cap and s.adjacent(i, i + 1)
        if the:
            i += 1
        t = s.toks[i] if i < s.n else None
        if t is None or not t.cap or not (s.free(i) or (the and s.weakly_claimed(i))) or t.in_title:
            continue
        cue = next((c for c in strong if preceded_by(s, cue_end + 1, c)), None)
        shaped_only = False
        if cue is None:
            cue = next((c for c in weak if preceded_by(s, cue_end + 1, c)), None)
            shaped_only = True
        if cue is None:
            continue
        end = _the_run(s, i) if the else cap_run(s, i)
        if end is None or _is_person_like(s, i, end):
            continue
        edition = _country_edition(s, end)
        if edition is not None:
            end = edition
        elif shaped_only and not (the or _outlet_shaped(s, i, end) or _closed_after(s, i, end, persons)):
            continue
        out.append(
            Candidate("organization", i, end, SCORE, ("outlet-cue:" + " ".join(cue),), subtype="media")
        )
    return out


def propose_affiliations(s: ExtractorState) -> list[Candidate]:
    """ "Zarbok co-founder Firstname Lastname": a name, a lower-case staff word, then a person's name."""
    staff = word_list("staff_titles")
    out: list[Candidate] = []
    for i in s.anchors(staff):
        t = s.toks[i]
        if t.kind != "word" or t.cap or i == 0 or t.in_title:
            continue
        owner = s.owner[i + 1] if i + 1 < s.n else None
        person_next = s.name_word(i + 1) or (
            owner is not None and owner.kind == "person" and owner.lo == i + 1
        )
        if not (person_next and s.adjacent(i, i + 1) and s.adjacent(i - 1, i)):
            continue
        hi = i - 1
        lo = hi
        while lo - 1 >= 0 and hi - lo < 2 and s.adjacent(lo - 1, lo) and cap_run(s, lo - 1, 1) is not None:
            lo -= 1
        if cap_run(s, lo, hi - lo + 1) != hi or (s.toks[lo].sent_start and lo == hi):
            continue
        out.append(Candidate("organization", lo, hi, AFFILIATION_SCORE, ("staff-affiliation",)))
    return out

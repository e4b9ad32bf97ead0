"""Region patterns: "X region", "X Province", "East Kazakhstan Province", "the A and B regions"
(one place per name, the plural noun claimed with the last); districts and villages keep their level."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.recognisers.landforms import headed_after, title_run_start
from pipeline.extract.state import _LOCAL_BODY_NOUNS, _REGION_LEVEL, REGION_NOUNS, ExtractorState

SCORE = 0.9


def _region(lo: int, hi: int, name: str, noun: str, claims_to: int | None = None) -> Candidate:
    level = _REGION_LEVEL.get(noun.rstrip("s"), "region")
    # districts and villages are below the gazetteer: an id by name would point at the oblast
    place = gazetteer.region(name) if level == "region" else None
    return Candidate(
        "place",
        lo,
        hi,
        SCORE,
        ("region-pattern",),
        name=name,
        subtype=level,
        place_id=place.id if place is not None and place.kind == "region" else None,
        place_country=place.country if place is not None else None,
        claims_to=claims_to,
    )


def _cap_run_right(s: ExtractorState, k: int, limit: int = 3) -> int | None:
    """The last of up to `limit` free capitalised name words from token k."""
    end = None
    while (
        k < s.n
        and (end is None or k - (end or k) <= limit)
        and s.free(k)
        and s.toks[k].cap
        and s.toks[k].kind == "word"
        and not s.common(s.toks[k])
        and (end is None or s.adjacent(k - 1, k))
    ):
        end = k
        if s.toks[k].poss:
            break
        k += 1
    return end


def _republics(s: ExtractorState) -> list[Candidate]:
    """ "the Republic of Karakalpakstan", "the Autonomous Republic of Crimea": a republic inside a
    state is a region named by the words after "of" (a sovereign one is a country: the head-word pass
    and the gazetteer know those)."""
    out: list[Candidate] = []
    for i in s.anchors(_REPUBLIC_HEADS):
        t = s.toks[i]
        if not t.cap or not s.free(i) or not s.is_word(i + 1, "of") or not s.adjacent(i, i + 1):
            continue
        end = _cap_run_right(s, i + 2)
        if end is None:
            continue
        lo = i - 1 if s.is_word(i - 1, "autonomous") and s.toks[i - 1].cap and s.free(i - 1) else i
        name = s.span_text(i + 2, end)
        if gazetteer.country(name) is not None or gazetteer.country(s.span_text(lo, end)) is not None:
            continue
        place = gazetteer.region(name)
        out.append(
            Candidate(
                "place",
                lo,
                end,
                SCORE,
                ("region-pattern:republic",),
                name=name,
                aliases=(s.span_text(lo, end),),
                subtype="region",
                place_id=place.id if place is not None and place.kind == "region" else None,
                place_country=place.country if place is not None else None,
            )
        )
    return out


_REPUBLIC_HEADS = frozenset({"republic"})


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = _republics(s)
    for i in s.anchors(REGION_NOUNS):
        t = s.toks[i]
        if t.kind != "word" or not s.free(i):
            continue
        if s.is_word(i + 1, _LOCAL_BODY_NOUNS):
            continue  # "the Almaty district court": a body's description, the place is found alone
        if t.cap and headed_after(s, i):
            continue  # "the Chust District Criminal Court": the district's name is the court's
        run = s._cap_run_left(i)
        if run is None:
            continue
        lo, hi = run
        plural = t.lower.endswith("s")
        if plural and (t.in_title or t.cap) and gazetteer.lookup(s.span_text(lo, hi)) is None:
            continue  # "Why Young Doctors Leave Villages": Title Case, not a list of places
        if not plural:
            start = title_run_start(s, lo, hi)
            if start is not None:
                out.append(_region(start, i, s.span_text(start, i), t.lower))
            continue
        noun = t.lower[:-1]
        out.append(_region(lo, hi, f"{s.span_text(lo, hi)} {noun}", noun, claims_to=i))
        k = lo - 1
        while k >= 0 and (s.is_word(k, "and") or s.punct(k, ",")):
            prev = s._cap_run_left(k)
            if prev is None:
                break
            out.append(_region(prev[0], prev[1], f"{s.span_text(*prev)} {noun}", noun))
            k = prev[0] - 1
    return out

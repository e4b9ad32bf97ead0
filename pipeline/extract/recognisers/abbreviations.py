"""Country and bloc abbreviations ("US", "U.K.", "UN", "CIS"): places or organizations under their
full names, from data/place_abbreviations.json and data/org_abbreviations.json."""

from __future__ import annotations

from functools import cache

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import kind_table, word_list
from pipeline.extract.state import ExtractorState

# an abbreviation in capitals is rarely anything else; a span a claiming family took stays its own
SCORE = 0.9


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    return kind_table("place_abbreviations"), kind_table("org_abbreviations")


@cache
def _lower_keys() -> frozenset[str]:
    places, orgs = _tables()
    return frozenset(k.lower() for k in [*places, *orgs])


def propose(s: ExtractorState) -> list[Candidate]:
    places, orgs = _tables()
    bodies = word_list("state_bodies")
    out: list[Candidate] = []
    for i in s.anchors(_lower_keys()):
        t = s.toks[i]
        if t.kind != "word" or not t.upper or not s.free(i):
            continue
        if t.text in places:
            full = places[t.text]
            place = gazetteer.lookup(full)
            nxt = s.tok(i + 1)
            if nxt is not None and nxt.cap and s.adjacent(i, i + 1) and nxt.lower in bodies and s.free(i + 1):
                # "US Navy": the state's own body, named after it
                out.append(
                    Candidate(
                        "organization",
                        i,
                        i + 1,
                        SCORE,
                        ("abbreviation:state-body",),
                        subtype="government",
                        aliases=(f"{full} {nxt.text}",),
                    )
                )
            out.append(
                Candidate(
                    "place",
                    i,
                    i,
                    SCORE,
                    ("abbreviation:place",),
                    name=place.name if place is not None else full,
                    subtype=place.kind if place is not None else "country",
                    place_id=place.id if place is not None else None,
                    place_country=place.country if place is not None else None,
                )
            )
        elif t.text in orgs:
            out.append(
                Candidate(
                    "organization",
                    i,
                    i,
                    SCORE,
                    ("abbreviation:organization",),
                    name=orgs[t.text],
                    subtype="international",
                    aliases=(t.text,) if orgs[t.text] != t.text else (),
                )
            )
    return out

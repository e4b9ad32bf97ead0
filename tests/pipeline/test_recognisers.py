"""Each independent recogniser alone: its proposals on hand-written text, before any arbitration."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from pipeline.entities import TextRegion
from pipeline.extract.candidates import Candidate
from pipeline.extract.recognisers import (
    RECOGNISERS,
    Recogniser,
    abbreviations,
    ages,
    brands,
    cued_pairs,
    dotted,
    geography,
    kind_after,
    landforms,
    outlets,
    particles,
    people_cues,
    regions,
    title_orgs,
)
from pipeline.extract.state import ExtractorState

# "recogniser" or "recogniser:cue", the form bench/extract_eval.py groups by
_EVIDENCE = re.compile(r"[a-z-]+(?::[a-z -]+)?")


def _proposals(recognise: Recogniser, body: str, title: str = "") -> list[tuple[str, str, str | None]]:
    text = f"{title}\n{body}" if title else body
    regions = [TextRegion(0, "body", len(text) - len(body), len(text))]
    if title:
        regions.insert(0, TextRegion(0, "title", 0, len(title)))
    state = ExtractorState(text, regions)
    found: Sequence[Candidate] = recognise(state)
    return [(c.kind, state.span_text(c.lo, c.hi), c.name) for c in found]


@pytest.mark.parametrize(
    ("recognise", "body", "expected"),
    [
        (
            abbreviations.propose,
            "Trade between the US and the EU grew.",
            [("place", "US", "United States"), ("organization", "EU", "European Union")],
        ),
        (abbreviations.propose, "The us of old.", []),
        (
            outlets.propose,
            "The figure rose, citing Tolvik, while analysts doubted it.",
            [("organization", "Tolvik", None)],
        ),
        (
            outlets.propose,
            "He was reported by Vostok Daily as missing.",
            [("organization", "Vostok Daily", None)],
        ),
        # a weak cue needs an outlet's shape: a plain name after "told" may be a person
        (outlets.propose, "He told Marten that the plan was off.", []),
        (
            outlets.propose,
            "He told NewsPlanet that the plan was off.",
            [("organization", "NewsPlanet", None)],
        ),
        (
            outlets.propose_affiliations,
            "On Friday, Zarbok co-founder Timur Olzhasov spoke about the case.",
            [("organization", "Zarbok", None)],
        ),
        (
            geography.propose,
            "Her family farms near the village of Zhyldyz-Say in the hills.",
            [("place", "Zhyldyz-Say", None)],
        ),
        (
            people_cues.propose_speakers,
            "Last week, Whitcombe stated that talks stalled.",
            [("person", "Whitcombe", None)],
        ),
        (people_cues.propose_speakers, "Officials said the talks stalled.", []),
        (
            people_cues.propose_clause_subjects,
            "After the war, Peter Brannock moved to the capital in May.",
            [("person", "Peter Brannock", None)],
        ),
        (brands.propose, "Tickets from SkyVolta rose again.", [("organization", "SkyVolta", None)]),
        (landforms.propose, "Ships crossed the Tarvan Strait at dawn.", [("place", "Tarvan Strait", None)]),
        # a lower-case head after "the": the name runs through the head
        (landforms.propose, "Levels fell in the Karasu river.", [("place", "Karasu", "Karasu river")]),
        (landforms.propose, "The river fell.", []),
        (ages.propose, "Aruzhan, 24, a nurse, left.", [("person", "Aruzhan", None)]),
        (dotted.propose, "The portal Vesti.kz reported it.", [("organization", "Vesti.kz", "Vesti.kz")]),
        (regions.propose, "Floods hit the Talas region.", [("place", "Talas region", "Talas region")]),
        # a plural noun gives each listed name its own region, the noun claimed with the last
        (
            regions.propose,
            "Floods hit the Talas and Naryn regions.",
            [("place", "Naryn", "Naryn region"), ("place", "Talas", "Talas region")],
        ),
        (regions.propose, "He sat in the Talas district court.", []),
        (particles.propose, "The lawyer Nurlan Temir uulu spoke.", [("person", "Nurlan Temir uulu", None)]),
        (title_orgs.propose, "body text", []),
        (cued_pairs.propose, "A bystander, Musa Adylbek, saw it.", [("person", "Musa Adylbek", None)]),
        (kind_after.propose, "He joined the Ak-Tilek party in May.", [("organization", "Ak-Tilek", None)]),
        # a state before a kind noun is no name of its own
        (kind_after.propose, "He joined the Kazakh company in May.", []),
        (cued_pairs.propose, "He was driving a Zorvan Kestrel, the police said.", []),
        (ages.propose, "Aruzhan Bekova, 24, a nurse, left.", [("person", "Aruzhan Bekova", None)]),
        (ages.propose, "In Taraz, 24, people left.", []),
        (brands.propose, "A speech by McAllister drew applause.", []),
    ],
)
def test_recognisers_propose_cued_spans(
    recognise: Recogniser, body: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _proposals(recognise, body) == expected


def test_recognisers_dotted_name_claims_its_parenthesis_and_kind_noun() -> None:
    text = "The Tilek.kz (Word) foundation and Ozat.uz spoke."
    state = ExtractorState(text, [TextRegion(0, "body", 0, len(text))])
    first, second = dotted.propose(state)
    assert (first.aliases, first.subtype) == (("Word",), "ngo")
    assert state.span_text(first.lo, first.end).endswith("foundation")
    assert (second.name, second.claims_to) == ("Ozat.uz", None)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Who Wins Seats in the Ala Kenesh?", [("organization", "Ala Kenesh", None)]),
        # not closed off after the head: Title Case says nothing
        ("The Ala Kenesh Votes Again", []),
    ],
)
def test_recognisers_title_orgs_closed_on_both_sides(
    title: str, expected: list[tuple[str, str, None]]
) -> None:
    assert _proposals(title_orgs.propose, "The vote was close.", title=title) == expected


def test_recognisers_particle_name_keeps_its_parenthetical_alias() -> None:
    text = "Bakyt Sadyr uulu (Baka) spoke."
    state = ExtractorState(text, [TextRegion(0, "body", 0, len(text))])
    (got,) = particles.propose(state)
    assert got.aliases == ("Baka", "Bakyt Sadyr uulu (Baka)")
    assert state.toks[got.end].text == ")"


def test_recognisers_headline_title_before_two_name_words() -> None:
    got = _proposals(
        people_cues.propose_titled_in_headlines,
        "The ruling stands.",
        title="Noted scholar Rustam Velde appeals",
    )
    assert got == [("person", "Rustam Velde", None)]


def test_recognisers_propose_with_evidence_and_change_no_state() -> None:
    text = "Trade with the US grew, citing Tolvik."
    state = ExtractorState(text, [TextRegion(0, "body", 0, len(text))])
    taken = list(state.taken)
    for recognise in RECOGNISERS:
        for c in recognise(state):
            assert c.evidence and all(_EVIDENCE.fullmatch(e) for e in c.evidence)
            assert 0 < c.score <= 1
    assert state.taken == taken and state.found == []

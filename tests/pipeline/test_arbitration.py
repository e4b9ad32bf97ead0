"""The arbitration step alone: hand-made candidates, no text."""

from __future__ import annotations

import pytest

from pipeline.extract.candidates import Candidate, arbitrate


def _c(kind: str, lo: int, hi: int, score: float, *evidence: str) -> Candidate:
    return Candidate(kind, lo, hi, score, evidence)  # type: ignore[arg-type]


def test_arbitration_keeps_disjoint_candidates_in_document_order() -> None:
    got = arbitrate([_c("place", 5, 5, 0.5, "a"), _c("person", 0, 1, 0.4, "b")])
    assert [(c.kind, c.lo) for c in got] == [("person", 0), ("place", 5)]


@pytest.mark.parametrize(
    ("first", "second", "winner"),
    [
        # the higher score wins an overlap
        (_c("organization", 0, 2, 0.9, "x"), _c("person", 1, 2, 0.5, "y"), "organization"),
        (_c("organization", 0, 2, 0.4, "x"), _c("person", 1, 2, 0.5, "y"), "person"),
        # a tie goes to the longer span
        (_c("organization", 0, 2, 0.5, "x"), _c("person", 1, 2, 0.5, "y"), "organization"),
    ],
)
def test_arbitration_resolves_an_overlap_by_score_then_length(
    first: Candidate, second: Candidate, winner: str
) -> None:
    got = arbitrate([first, second])
    assert [c.kind for c in got] == [winner]


def test_arbitration_pools_the_evidence_of_one_span_by_kind() -> None:
    # two weak organization cues outvote one stronger person cue over the same tokens
    got = arbitrate(
        [
            _c("organization", 3, 3, 0.4, "outlets:citing"),
            _c("organization", 3, 3, 0.3, "named:reported"),
            _c("person", 3, 3, 0.6, "people:said"),
        ]
    )
    assert len(got) == 1
    assert got[0].kind == "organization"
    assert got[0].evidence == ("outlets:citing", "named:reported")
    assert got[0].score == pytest.approx(0.7)


def test_arbitration_never_takes_a_finally_claimed_token() -> None:
    claimed = [0.0, 1.0, 0.0, 0.0]
    got = arbitrate([_c("person", 0, 1, 1.0, "x"), _c("place", 2, 3, 0.1, "y")], claimed)
    assert [(c.kind, c.lo, c.hi) for c in got] == [("place", 2, 3)]


@pytest.mark.parametrize(("score", "taken"), [(0.6, True), (0.5, False), (0.4, False)])
def test_arbitration_takes_a_weakly_claimed_token_only_when_surer(score: float, taken: bool) -> None:
    got = arbitrate([_c("organization", 0, 1, score, "x")], [0.0, 0.5])
    assert bool(got) is taken

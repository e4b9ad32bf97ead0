"""Scored candidate spans and the one arbitration step that decides between overlapping ones.

A recogniser proposes candidates without looking at what others propose; `arbitrate` alone
resolves overlaps and type conflicts. The rule is a weighted conflict rule in the manner of
spaCy's `filter_spans`: candidates over the same tokens pool their scores by kind (two weak cues
for "organization" beat one for "person"), then the best-scoring span wins each overlap, a longer
span winning a tie, and a token an earlier family claimed is taken only by a candidate surer than
that claim (a lone gazetteer word is a weak claim: "told Forbes Kazakhstan" is an outlet).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pipeline.entities import EntityKind


@dataclass(frozen=True)
class Candidate:
    """One proposed mention: token indices [lo, hi] inclusive, with the evidence for it."""

    kind: EntityKind
    lo: int
    hi: int
    score: float  # 0..1: how sure the proposing rule is on its own
    evidence: tuple[str, ...]  # "recogniser:cue" strings, e.g. "outlets:citing"
    name: str | None = None  # the name it stands for when not the span's text ("US" → "United States")
    subtype: str | None = None
    place_id: str | None = None
    place_country: str | None = None
    aliases: tuple[str, ...] = ()
    first_name_only: bool = False
    # the last token the mention claims when it is past the span ("the Panj river": "river")
    claims_to: int | None = None
    # where the mention's text ends when before the last token's end ("Abu Dhabi-based": "Abu Dhabi")
    text_end: int | None = None

    @property
    def length(self) -> int:
        return self.end - self.lo + 1

    @property
    def end(self) -> int:
        """Last token claimed."""
        return self.hi if self.claims_to is None else max(self.hi, self.claims_to)


def _pool(cands: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per span: the kind with the highest summed score, carrying all its evidence."""
    by_span: dict[tuple[int, int], dict[EntityKind, list[Candidate]]] = {}
    for c in cands:
        by_span.setdefault((c.lo, c.hi), {}).setdefault(c.kind, []).append(c)
    out: list[Candidate] = []
    for kinds in by_span.values():
        # ties between kinds go to the single strongest proposal, then to the kind's name order
        _kind, group = max(
            kinds.items(), key=lambda kv: (sum(c.score for c in kv[1]), max(c.score for c in kv[1]), kv[0])
        )
        best = max(group, key=lambda c: c.score)
        evidence = tuple(dict.fromkeys(e for c in group for e in c.evidence))
        aliases = tuple(dict.fromkeys(a for c in group for a in c.aliases))
        total = min(1.0, sum(c.score for c in group))
        out.append(replace(best, score=total, evidence=evidence, aliases=aliases))
    return out


def arbitrate(cands: Iterable[Candidate], claimed: Sequence[float] = ()) -> list[Candidate]:
    """The non-overlapping winners, in document order. `claimed[k]` is how sure an earlier claim on
    token k is (0: free, 1: final); a candidate takes a token only with a higher score."""
    pooled = _pool(cands)
    pooled.sort(key=lambda c: (-c.score, -c.length, c.lo))
    used: set[int] = set()
    kept: list[Candidate] = []
    for c in pooled:
        span = range(c.lo, c.end + 1)
        if any(k in used or (k < len(claimed) and claimed[k] >= c.score) for k in span):
            continue
        used.update(span)
        kept.append(c)
    return sorted(kept, key=lambda c: c.lo)

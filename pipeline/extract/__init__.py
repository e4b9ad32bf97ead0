"""Mention extraction: person, organization and place mentions with spans, plus role cues.

`extract(text, regions)` reads only the given regions (titles and bodies) and returns raw
mentions in document order. It is rule-based: name morphology, title and head-word lexicons,
dotted names, a gazetteer, and known forms (a surname once a full name is seen). Coreference and
entity building are the linker's job (`pipeline.link`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from pipeline.entities import EntityKind, TextRegion
from pipeline.extract.passes import Extractor


@dataclass(frozen=True)
class RoleCue:
    """A role phrase the text attaches to a person mention."""

    title: str  # "" when the text gives an affiliation only ("X of the General Prosecutor’s Office")
    organization: str | None  # text of an organization mention inside the phrase, if any
    former: bool
    article_index: int
    start: int
    end: int


@dataclass(frozen=True)
class RawMention:
    """One mention as found, before in-document coreference."""

    kind: EntityKind
    text: str  # == document[start:end]; possessive endings are outside the span
    start: int
    end: int
    article_index: int
    # the name it stands for: "Kyzylorda region" for "Kyzylorda" in "the Abay and Kyzylorda regions"
    name: str
    subtype: str | None = None
    qualifier: str | None = None  # the state a generic body belongs to, when the text says so
    aliases: tuple[str, ...] = ()  # parenthetical alternatives given right after the mention
    roles: tuple[RoleCue, ...] = ()
    first_name_only: bool = False
    via: Literal["name", "demonym"] = "name"
    place_id: str | None = None  # gazetteer id for places
    anaphor: bool = False  # a bare head ("the Committee") standing for a body named earlier
    surname_only: bool = False  # one name word that matched a fuller name seen in the document
    evidence: tuple[str, ...] = ()  # recogniser and cue names that made it ("heads", "outlets:citing")


def extract(text: str, regions: Sequence[TextRegion]) -> tuple[RawMention, ...]:
    """Raw mentions of people, organizations and places in the given regions of `text`."""
    found = Extractor(text, regions).run()
    out: list[RawMention] = []
    for m in found:
        out.append(
            RawMention(
                kind=m.kind,
                text=text[m.start : m.end],
                start=m.start,
                end=m.end,
                article_index=m.article,
                name=m.name or text[m.start : m.end],
                subtype=m.subtype,
                qualifier=m.qualifier,
                aliases=tuple(m.aliases),
                roles=tuple(
                    RoleCue(r.title, r.organization, r.former, m.article, r.start, r.end) for r in m.roles
                ),
                first_name_only=m.first_name_only,
                via=m.via,
                place_id=m.place_id,
                anaphor=m.anaphor,
                surname_only=m.surname_only,
                evidence=tuple(m.evidence),
            )
        )
    return tuple(sorted(out, key=lambda r: (r.start, r.end, r.kind)))


__all__ = ["RawMention", "RoleCue", "extract", "replace"]

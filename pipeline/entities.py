"""Records the entity steps exchange: extractor → document linker → corpus resolver.

All frozen: the pipeline passes values, never shared state. Spans are [start, end) code points
into the whole document text, so `text[m.start:m.end] == m.text` holds for every mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["person", "organization", "place"]
RegionKind = Literal["title", "body"]


@dataclass(frozen=True)
class TextRegion:
    """A part of the document the extractor reads: one article's title or body."""

    article_index: int
    kind: RegionKind
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity's name in the document."""

    text: str
    start: int
    end: int
    article_index: int
    # "name" for the entity's own name or alias; "demonym" when an adjective/people noun links a place
    via: Literal["name", "demonym"] = "name"


@dataclass(frozen=True)
class RoleFact:
    """A role the text gives a person, with the span of the phrase that states it."""

    title: str
    organization: str | None  # name of a DocEntity (kind organization) of the same document, if named
    former: bool
    article_index: int
    start: int
    end: int


@dataclass(frozen=True)
class DocEntity:
    """One entity as one document names it, after in-document coreference."""

    kind: EntityKind
    name: str  # fullest form this document uses
    aliases: tuple[str, ...]
    subtype: str | None  # place: country/region/city/...; organization: government/media/ngo/...
    mentions: tuple[Mention, ...]
    roles: tuple[RoleFact, ...] = ()
    first_name_only: bool = False
    # what tells same-named bodies apart ("Kazakhstan" for Kazakhstan's Interior Ministry); None if unknown
    qualifier: str | None = None
    # external identity when one is known (places: gazetteer id such as "country:KZ", "region:KZ-47")
    ref: str | None = None
    # the recognisers and cues behind its mentions ("heads", "outlets:citing"), first seen first
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentEntities:
    """The linker's answer for one document."""

    document: str  # the document's identity (its sha256)
    entities: tuple[DocEntity, ...]


@dataclass(frozen=True)
class EntityRef:
    """Points at one DocEntity: document identity and index into DocumentEntities.entities."""

    document: str
    index: int


@dataclass(frozen=True)
class ResolvedEntity:
    """One real-world entity across the corpus: the node the API serves."""

    key: str  # stable identity derived from content, e.g. "person:kassym-jomart tokayev"
    kind: EntityKind
    name: str  # fullest form the sources use
    aliases: tuple[str, ...]
    subtype: str | None
    members: tuple[EntityRef, ...]
    reasons: tuple[str, ...] = field(default=())  # why members were merged, one line per decision
    # the recognisers and cues behind its members' mentions, most used first
    evidence: tuple[str, ...] = field(default=())

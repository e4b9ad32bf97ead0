"""Cross-document resolution: one ResolvedEntity per real-world person, organization and place.

Merge decisions are pairwise judgements recorded as `reasons` (nomenklatura-style). The result
depends only on the set of inputs: inputs are sorted first and groups are built by union-find
over rules that do not depend on order, so the same documents in any order give the same nodes
and keys.

- people (people.py): full names match token by token through a transliteration key (Tokayev ~
  Tokaev ~ Токаев) that tolerates Russian case endings (Токаева, Токаеву); a surname one slip apart
  with the same first name joins (spelling.py, guarded); a lone surname joins the one full-name group
  it matches, and stays apart when it matches none or several; first-name-only people are never merged.
- organizations (orgs.py): a shared name or alias merges, unless the two are bodies of different
  states (qualifiers); an acronym merges with the one body a page spells it out for, else with the one
  body whose initials it spells in English or a language of the region (acronyms.py); a bloc's
  abbreviation stands for its full name.
- places (places.py): the same gazetteer entry, else the same name; an abbreviation ("UK", "USSR")
  is the place it stands for, named in full.

Each node also carries the evidence of its members (the recognisers and cues that found them), most
used first (common.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.entities import DocEntity, DocumentEntities, EntityRef, ResolvedEntity
from pipeline.resolve import acronyms
from pipeline.resolve.common import Forms, unique_keys
from pipeline.resolve.orgs import resolve_orgs
from pipeline.resolve.people import resolve_people
from pipeline.resolve.places import resolve_places

# what resolution reads besides its code (cross-linking's version follows them)
DATA_FILES: tuple[Path, ...] = (acronyms.DATA, *acronyms.TABLES)


def resolve(documents: Sequence[DocumentEntities]) -> tuple[ResolvedEntity, ...]:
    """Merge the documents' entities into corpus-wide entities."""
    ordered = sorted(documents, key=lambda d: d.document)
    # the same document given twice is taken once (idempotent); the set of seen entities is only
    # needed when some identity repeats, which a corpus read from storage never has
    seen: set[tuple[str, int]] | None = set() if len({d.document for d in ordered}) < len(ordered) else None
    members: list[tuple[EntityRef, DocEntity]] = []
    for doc in ordered:
        for index, entity in enumerate(doc.entities):
            if seen is not None:
                if (doc.document, index) in seen:
                    continue
                seen.add((doc.document, index))
            members.append((EntityRef(doc.document, index), entity))
    return resolve_members(members)


def resolve_members(members: Sequence[tuple[EntityRef, DocEntity]]) -> tuple[ResolvedEntity, ...]:
    """The same resolution over doc entities given with where each stands (document, index), in
    (document, index) order: the whole corpus, or a part closed under pipeline/resolve/blocking.py's keys
    (whose answer is then the whole corpus's answer for that part)."""
    # per kind, the entities and where each comes from, in (document, index) order: _build relies on it
    by_kind: dict[str, tuple[list[DocEntity], list[EntityRef]]] = {
        "person": ([], []),
        "organization": ([], []),
        "place": ([], []),
    }
    for ref, entity in members:
        group = by_kind.get(entity.kind)
        if group is not None:
            group[0].append(entity)
            group[1].append(ref)
    forms = Forms.new()
    out: list[ResolvedEntity] = []
    out.extend(resolve_people(*by_kind["person"], forms))
    out.extend(resolve_orgs(*by_kind["organization"], forms))
    out.extend(resolve_places(*by_kind["place"], forms))
    return unique_keys(out)

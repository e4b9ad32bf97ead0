"""pipeline/resolve/blocking.py: resolving each component of shared blocking keys alone gives exactly the
nodes resolving the whole corpus gives, on generated archive pages, the suite's own pages and entities
made to hit every rule (misspellings, lone and ambiguous surnames, acronyms spelled and spelled out,
abbreviations, bodies of different states, first-name-only people, colliding keys)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from bench.corpus import build
from pipeline.entities import DocEntity, DocumentEntities, EntityRef, ResolvedEntity
from pipeline.page import process
from pipeline.resolve import resolve, resolve_members
from pipeline.resolve.blocking import Blocking, probes
from pipeline.resolve.common import UnionFind
from pipeline.resolve.places import place_key, place_node

PAGES = Path(__file__).resolve().parents[1] / "pages"
Members = list[tuple[EntityRef, DocEntity]]


def stored(doc: DocumentEntities) -> DocumentEntities:
    """As cross-linking reads a document back from storage: values only, no mentions or roles."""
    return DocumentEntities(doc.document, tuple(replace(e, mentions=(), roles=()) for e in doc.entities))


def members_of(documents: Sequence[DocumentEntities]) -> Members:
    return [
        (EntityRef(d.document, i), e)
        for d in sorted(documents, key=lambda d: d.document)
        for i, e in enumerate(d.entities)
    ]


def components(members: Members) -> list[Members]:
    """The parts of the corpus closed under blocking keys, each in (document, index) order: what
    store/resolution.py reaches from a seed, one probe at a time."""
    blocking = Blocking()
    keys = [blocking.keys(ref.document, ref.index, e) for ref, e in members]
    emitting: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            emitting[k].append(i)
    uf = UnionFind(len(members))
    for i, ks in enumerate(keys):
        for k in probes(ks):
            for j in emitting.get(k, ()):
                uf.union(i, j)
    parts: dict[int, Members] = defaultdict(list)
    for i, member in enumerate(members):
        parts[uf.find(i)].append(member)
    return list(parts.values())


def by_key(nodes: Sequence[ResolvedEntity]) -> dict[str, ResolvedEntity]:
    found = {e.key: e for e in nodes}
    assert len(found) == len(nodes)
    return found


def assert_components_resolve_alone(documents: Sequence[DocumentEntities]) -> list[Members]:
    whole = by_key(resolve(documents))
    parts = components(members_of(documents))
    alone = by_key([e for part in parts for e in resolve_members(part)])
    assert alone.keys() == whole.keys()
    for key, e in whole.items():
        assert alone[key] == e, key
    return parts


@cache
def archive_documents() -> tuple[DocumentEntities, ...]:
    pages = build(150, seed=11, archive=True)
    return tuple(stored(process(p.text).entities) for p in pages)


def person(name: str, *aliases: str, first_name_only: bool = False) -> DocEntity:
    return DocEntity("person", name, aliases, None, (), first_name_only=first_name_only)


def org(name: str, *aliases: str, qualifier: str | None = None) -> DocEntity:
    return DocEntity("organization", name, aliases, "government", (), qualifier=qualifier)


def place(name: str, ref: str | None = None) -> DocEntity:
    return DocEntity("place", name, (), "country" if ref else None, (), ref=ref)


# every rule in pipeline/resolve, a few entities per document, meant to chain and to collide
RULES: tuple[tuple[DocEntity, ...], ...] = (
    (person("Nurlan Bekbolatov"), person("Bekbolatov"), org("National Security Committee", "KNB")),
    (person("Nurlan Bekbalatov"), person("Aigerim Bekbolatova"), org("KNB"), place("UK")),
    (person("Bekbolatov"), person("Nurlan Bekbolatov", "Bekbolatov"), org("GKNB", qualifier="Kyrgyzstan")),
    (person("Марат Бекболатов"), person("Бекболатова"), org("State Committee for National Security")),
    (person("Ali", first_name_only=True), person("Ali", first_name_only=True), org("Interior Ministry")),
    (org("Interior Ministry", qualifier="Kazakhstan"), org("Interior Ministry", qualifier="Uzbekistan")),
    (org("Interior Ministry"), org("MVD"), org("Ministry of Internal Affairs"), place("United Kingdom")),
    (org("Supreme Court of Kazakhstan", qualifier="Kazakhstan"), org("Supreme Court"), org("CIS")),
    (org("Commonwealth of Independent States"), org("Zarbok.kg"), org("Zarbok"), place("USSR")),
    (place("Almaty", "city:1526384"), place("Almaty"), place("US"), place("USA"), place("Soviet Union")),
    (person("Asel Nurova"), person("Asel Nurowa"), person("Asel Nuroava"), person("Nurova")),
    (person("Ivan Petrov"), person("Petr Petrov"), person("Petrov"), person("Ivan Ivanovich Petrov")),
    (
        person("Ivan Petrova"),
        person("Petrova"),
        org("Petrov and Partners"),
        place("Kazakhstan", "country:KZ"),
    ),
    (person("Nursultan Abishev", "Batyr"), person("The Erlan Sadykov"), org("The Interior Ministry")),
    (person("Batyr"), person("Erlan Sadykov"), person("Erlan Sadykov's"), place("The Uzbekistan")),
    (person("Марата Бекболатова"), person("Ивана Ли"), org("Комитет национальной безопасности")),
    (person("Иван Ли"), person("Ivan Li"), org("KNB", qualifier="Kazakhstan")),
)
# documents whose identities share their first 16 characters: first-name-only keys collide
SAME_PREFIX = (
    ("file:outlet_listing_page_1.txt", (person("Ali", first_name_only=True), person("Dana Iskakova"))),
    ("file:outlet_listing_page_2.txt", (person("Ali", first_name_only=True), person("Iskakova"))),
)


def rule_documents() -> list[DocumentEntities]:
    documents = [DocumentEntities(f"file:rules_{n:03d}.txt", ents) for n, ents in enumerate(RULES)]
    return documents + [DocumentEntities(identity, ents) for identity, ents in SAME_PREFIX]


def test_blocking_components_resolve_alone_on_generated_archive_pages() -> None:
    parts = assert_components_resolve_alone(archive_documents())
    sizes = sorted((len(p) for p in parts), reverse=True)
    # not one block: most components are small, so a run that touches a few re-resolves little
    assert sizes[0] < 0.5 * sum(sizes)
    assert len(parts) > 100


def test_blocking_components_resolve_alone_on_the_suites_pages() -> None:
    paths = sorted(PAGES.glob("*.txt")) + sorted((PAGES / "layouts").glob("*.txt"))
    documents = [stored(process(p.read_text(encoding="utf-8")).entities) for p in paths]
    assert_components_resolve_alone(documents)


def test_blocking_components_resolve_alone_on_every_rule() -> None:
    documents = rule_documents()
    whole = resolve(documents)
    # the rules fire: merges of each kind, a key told apart by its members, first names kept apart
    assert any("~" in e.key and e.kind == "organization" for e in whole)
    assert any("~" in e.key and e.kind == "person" for e in whole)
    assert any("surname 'Batyr'" in r for e in whole for r in e.reasons)
    assert any(r.startswith("inflection match") for e in whole for r in e.reasons)
    assert any(len(e.members) > 2 and e.kind == "person" for e in whole)
    assert any("acronym" in r for e in whole for r in e.reasons)
    assert any("one letter apart" in r for e in whole for r in e.reasons)
    assert_components_resolve_alone(documents)


@pytest.mark.parametrize("seed", range(6))
def test_blocking_components_resolve_alone_on_shuffled_mixtures(seed: int) -> None:
    """Entities of the rules and of generated pages dealt into new documents: every mix of neighbours."""
    rng = random.Random(seed)
    pool = [e for d in rule_documents() for e in d.entities]
    pool += [e for d in archive_documents()[:20] for e in d.entities if e.kind != "place"][:300]
    rng.shuffle(pool)
    documents = []
    while pool:
        take = rng.randint(1, 8)
        documents.append(DocumentEntities(f"file:mix_{len(documents):04d}.txt", tuple(pool[:take])))
        del pool[:take]
    assert_components_resolve_alone(documents)


def test_blocking_probes_are_symmetric() -> None:
    """Entity a reaches b through a probe exactly when b reaches a: a closure from either side finds
    the other."""
    blocking = Blocking()
    members = members_of(rule_documents())
    keys = [set(blocking.keys(ref.document, ref.index, e)) for ref, e in members]
    for i, ki in enumerate(keys):
        for j, kj in enumerate(keys):
            assert bool(probes(ki) & kj) == bool(probes(kj) & ki), (members[i], members[j])


def test_blocking_other_kinds_emit_nothing() -> None:
    odd = DocEntity("event", "Something", (), None, ())  # type: ignore[arg-type]
    assert Blocking().keys("file:x.txt", 0, odd) == ()


PLACE_FORMS = (
    ("Almaty", "city:1526384", "city"),
    ("Almaty", None, None),
    ("Alma-Ata", "city:1526384", "city"),
    ("almaty", "city:1526384", "region"),
    ("Kazakhstan", "country:KZ", "country"),
    ("The Kazakhstan", "country:KZ", "country"),
    ("Kazakhstan", None, None),
    ("KZ", None, None),
    ("UK", None, None),
    ("United Kingdom", "country:GB", "country"),
    ("USSR", None, None),
    ("Soviet Union", None, None),
    ("U.S.", None, None),
)
EVIDENCE = ((), ("gazetteer",), ("gazetteer", "org-head"), ("region-pattern",))


@pytest.mark.parametrize("seed", range(8))
def test_blocking_place_nodes_made_from_counts_equal_resolved_ones(seed: int) -> None:
    """`place_node` from each value's count (what storage adds up) is the node resolution makes."""
    rng = random.Random(seed)
    documents = []
    for d in range(rng.randint(3, 30)):
        ents = []
        for _ in range(rng.randint(1, 6)):
            name, ref, subtype = rng.choice(PLACE_FORMS)
            aliases = tuple(rng.sample(["Alma Ata", "Qazaqstan", "Britain"], rng.randint(0, 1)))
            ents.append(
                DocEntity("place", name, aliases, subtype, (), ref=ref, evidence=rng.choice(EVIDENCE))
            )
        documents.append(DocumentEntities(f"file:p{d:03d}.txt", tuple(ents)))
    members = members_of(documents)
    forms = Blocking().forms
    groups: dict[str, Members] = defaultdict(list)
    for ref, e in members:
        groups[place_key(e, forms.norm)[0]].append((ref, e))
    for group in groups.values():
        (whole,) = resolve_members(group)
        counted: dict[DocEntity, int] = {}
        for _, e in group:  # by value, first member first
            counted[e] = counted.get(e, 0) + 1
        made = place_node(list(counted.items()), forms)
        assert made == replace(whole, members=()), group

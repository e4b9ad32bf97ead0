"""Resolver tests: cross-document merging, keys, reasons, idempotency and order independence."""

from __future__ import annotations

import itertools

import pytest

from pipeline.entities import DocEntity, DocumentEntities, Mention, ResolvedEntity, TextRegion
from pipeline.link import link_document
from pipeline.resolve import resolve
from tests.pipeline.test_extract import CABAR_SEED, RU_PAGE, TCA_PAGE, TCA_SEED, read, regions_of


def doc_of(name: str, text: str) -> DocumentEntities:
    return link_document(name, text, regions_of(text))


def body_doc(name: str, text: str) -> DocumentEntities:
    return link_document(name, text, [TextRegion(0, "body", 0, len(text))])


def person(name: str, *, first_name_only: bool = False, mentions: int = 1) -> DocEntity:
    ms = tuple(Mention(name, 0, len(name), 0) for _ in range(mentions))
    return DocEntity("person", name, (), None, ms, first_name_only=first_name_only)


def org(name: str, qualifier: str | None = None, aliases: tuple[str, ...] = ()) -> DocEntity:
    return DocEntity(
        "organization", name, aliases, "government", (Mention(name, 0, len(name), 0),), qualifier=qualifier
    )


def by_kind(entities: tuple[ResolvedEntity, ...], kind: str) -> list[ResolvedEntity]:
    return [e for e in entities if e.kind == kind]


def one(entities: tuple[ResolvedEntity, ...], kind: str, name: str) -> ResolvedEntity:
    found = [e for e in entities if e.kind == kind and e.name == name]
    assert len(found) == 1, [e.name for e in entities if e.kind == kind]
    return found[0]


@pytest.mark.parametrize(
    "forms",
    [
        ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokaev"),
        ("Kassym-Jomart Tokayev", "Касым-Жомарт Токаев"),
        ("Shavkat Mirziyoyev", "Shavkat Mirziyoev"),
        ("Emomali Rahmon", "Эмомали Рахмон"),
        ("Sadyr Japarov", "Sadyr Zhaparov"),
    ],
)
def test_resolve_transliterations_merge(forms: tuple[str, str]) -> None:
    docs = [DocumentEntities(f"d{i}", (person(name),)) for i, name in enumerate(forms)]
    people = by_kind(resolve(docs), "person")
    assert len(people) == 1
    assert set(forms) == {people[0].name, *people[0].aliases}
    assert people[0].reasons
    assert "match" in people[0].reasons[0]


def test_resolve_russian_inflections_and_surnames_across_documents() -> None:
    entities = resolve(
        [doc_of("ru", RU_PAGE), body_doc("en", "President Kassym-Jomart Tokayev met Tokayev’s aides.")]
    )
    tokayev = one(entities, "person", "Kassym-Jomart Tokayev")
    assert {"Касым-Жомарт Токаев", "Токаева", "Токаеву"} <= set(tokayev.aliases)
    assert {r.document for r in tokayev.members} == {"ru", "en"}
    places = {e.name for e in by_kind(entities, "place")}
    assert {"Астана", "Казахстан", "Ташкент"} <= places


def test_resolve_lone_surname_joins_the_only_matching_full_name() -> None:
    docs = [
        DocumentEntities("a", (person("Bakyt Toktogulov"),)),
        DocumentEntities("b", (person("Toktogulov"),)),
    ]
    merged = by_kind(resolve(docs), "person")
    assert [(e.name, e.aliases) for e in merged] == [("Bakyt Toktogulov", ("Toktogulov",))]
    assert any("surname 'Toktogulov'" in r for r in merged[0].reasons)


def test_resolve_ambiguous_surname_stays_apart() -> None:
    docs = [
        DocumentEntities("a", (person("Aibek Sadyrov"), person("Nurlan Sadyrov"))),
        DocumentEntities("b", (person("Sadyrov"),)),
    ]
    assert sorted(e.name for e in by_kind(resolve(docs), "person")) == [
        "Aibek Sadyrov",
        "Nurlan Sadyrov",
        "Sadyrov",
    ]


@pytest.mark.parametrize(("a", "b"), [("Gulnara", "Gulnaz"), ("Dina", "Madina"), ("Marat", "Almat")])
def test_resolve_similar_first_names_never_merge(a: str, b: str) -> None:
    docs = [
        DocumentEntities("a", (person(a, first_name_only=True),)),
        DocumentEntities("b", (person(b, first_name_only=True),)),
    ]
    assert len(resolve(docs)) == 2


def test_resolve_first_name_only_never_merges_across_documents() -> None:
    docs = [DocumentEntities(d, (person("Asel", first_name_only=True),)) for d in ("a", "b")]
    people = resolve(docs)
    assert len(people) == 2
    assert len({e.key for e in people}) == 2


def test_resolve_byline_author_without_mentions_merges_with_mentions() -> None:
    author = DocEntity("person", "Farrukh Sharifzoda", (), None, ())
    docs = [
        DocumentEntities("cabar", (author,)),
        body_doc("tca", "The report by Farrukh Sharifzoda was cited. Sharifzoda declined to comment."),
    ]
    people = by_kind(resolve(docs), "person")
    assert len(people) == 1
    assert people[0].name == "Farrukh Sharifzoda"
    assert {r.document for r in people[0].members} == {"cabar", "tca"}


def test_resolve_empty_document() -> None:
    assert resolve([DocumentEntities("empty", ())]) == ()
    assert resolve([]) == ()


def test_resolve_qualified_bodies_of_different_states_stay_distinct() -> None:
    docs = [
        DocumentEntities("a", (org("Interior Ministry", "Kazakhstan"),)),
        DocumentEntities("b", (org("Interior Ministry", "Uzbekistan"),)),
        DocumentEntities("c", (org("Interior Ministry", "Kazakhstan"),)),
        DocumentEntities("d", (org("Interior Ministry"),)),
    ]
    orgs = by_kind(resolve(docs), "organization")
    assert sorted(len(e.members) for e in orgs) == [1, 1, 2]
    assert len({e.key for e in orgs}) == 3


def test_resolve_unqualified_body_joins_the_only_state_seen() -> None:
    docs = [
        DocumentEntities("a", (org("Committee on Youth Affairs", "Tajikistan"),)),
        DocumentEntities("b", (org("Committee on Youth Affairs"),)),
    ]
    orgs = by_kind(resolve(docs), "organization")
    assert len(orgs) == 1
    assert orgs[0].key == "organization:committee on youth affairs@tajikistan"


def test_resolve_organization_aliases_and_acronyms() -> None:
    docs = [
        DocumentEntities("a", (org("Adilet.kg", aliases=("Adilet", "Justice")),)),
        DocumentEntities("b", (org("Adilet"),)),
        DocumentEntities("c", (org("Asian Development Bank", aliases=("ADB",)),)),
        DocumentEntities("d", (org("ADB"),)),
    ]
    orgs = by_kind(resolve(docs), "organization")
    assert sorted((e.name, len(e.members)) for e in orgs) == [("Adilet.kg", 2), ("Asian Development Bank", 2)]


def test_resolve_seeds_cross_document_links() -> None:
    entities = resolve([doc_of("tca", read(TCA_SEED)), doc_of("cabar", read(CABAR_SEED))])
    nemolchi = one(entities, "organization", "NeMolchi.kz")
    assert {r.document for r in nemolchi.members} == {"tca", "cabar"}
    kazakhstan = [e for e in by_kind(entities, "place") if e.name == "Kazakhstan"]
    assert len(kazakhstan) == 1
    first_names = [
        e for e in by_kind(entities, "person") if e.name in {"Kamilla", "Madina", "Gulnara", "Dana"}
    ]
    assert len(first_names) == 4


def test_resolve_is_idempotent_and_order_independent() -> None:
    docs = [
        doc_of("tca", read(TCA_SEED)),
        doc_of("cabar", read(CABAR_SEED)),
        doc_of("inv", TCA_PAGE),
        doc_of("ru", RU_PAGE),
    ]
    expected = resolve(docs)
    for perm in itertools.permutations(docs):
        assert resolve(list(perm)) == expected
    assert resolve(docs + docs[:1]) == expected  # a document fed twice changes nothing


def test_resolve_keys_are_unique_and_derive_from_content() -> None:
    entities = resolve([doc_of("tca", read(TCA_SEED)), doc_of("inv", TCA_PAGE)])
    keys = [e.key for e in entities]
    assert len(keys) == len(set(keys))
    assert one(entities, "person", "Kassym-Jomart Tokayev").key == "person:kassym-jomart tokayev"
    assert one(entities, "place", "Kazakhstan").key == "place:kazakhstan@country:KZ"


def test_resolve_canonical_name_is_the_fullest_form() -> None:
    docs = [
        DocumentEntities("a", (person("Toktogulov", mentions=5),)),
        DocumentEntities("b", (person("Bakyt Toktogulov"),)),
    ]
    assert [e.name for e in resolve(docs)] == ["Bakyt Toktogulov"]


def test_resolve_dotted_name_joins_its_stem_across_documents() -> None:
    a = DocumentEntities("a", (org("Kloop.kg"),))
    b = DocumentEntities("b", (org("Kloop"),))
    orgs = by_kind(resolve([a, b]), "organization")
    assert [(e.name, len(e.members)) for e in orgs] == [("Kloop.kg", 2)]


def test_resolve_body_of_a_state_joins_its_short_name_of_the_same_state() -> None:
    a = DocumentEntities("a", (org("Supreme Court of Kazakhstan", "Kazakhstan"),))
    b = DocumentEntities("b", (org("Supreme Court", "Kazakhstan"),))
    c = DocumentEntities("c", (org("Supreme Court", "Montenegro"),))
    orgs = sorted((e.name, len(e.members)) for e in by_kind(resolve([a, b, c]), "organization"))
    assert orgs == [("Supreme Court", 1), ("Supreme Court of Kazakhstan", 2)]

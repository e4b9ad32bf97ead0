"""Cross-document rules beyond equal names: acronyms, misspelled surnames, abbreviations, evidence."""

from __future__ import annotations

import itertools

import pytest

from pipeline.entities import DocEntity, DocumentEntities, Mention, ResolvedEntity
from pipeline.resolve import resolve
from pipeline.resolve.acronyms import is_acronym, spellings
from pipeline.resolve.spelling import misspelled_pairs


def person(name: str) -> DocEntity:
    return DocEntity("person", name, (), None, (Mention(name, 0, len(name), 0),))


def org(name: str, qualifier: str | None = None, aliases: tuple[str, ...] = ()) -> DocEntity:
    return DocEntity(
        "organization", name, aliases, "government", (Mention(name, 0, len(name), 0),), qualifier=qualifier
    )


def place(name: str, ref: str | None = None) -> DocEntity:
    return DocEntity("place", name, (), "country", (Mention(name, 0, len(name), 0),), ref=ref)


def apart(*entities: DocEntity) -> list[DocumentEntities]:
    """Each entity on a page of its own."""
    return [DocumentEntities(f"doc{i}", (e,)) for i, e in enumerate(entities)]


def nodes(entities: tuple[ResolvedEntity, ...], kind: str) -> list[ResolvedEntity]:
    return [e for e in entities if e.kind == kind]


@pytest.mark.parametrize(
    ("full", "acronym"),
    [
        ("State Committee for National Security", "GKNB"),  # Russian initials, the English word order
        ("National Security Committee", "KNB"),  # Russian puts the head first
        ("Interior Ministry", "MVD"),  # one English word, two local ones
        ("Ministry of Emergency Situations", "MChS"),  # a digraph initial
        ("Central Election Commission", "TsIK"),
        ("National Security Committee", "UQK"),  # Kazakh initials
        ("Eurasian Development Bank", "EDB"),  # English initials on another page
    ],
)
def test_resolve_acronym_joins_the_full_name_it_spells_on_another_page(full: str, acronym: str) -> None:
    orgs = nodes(resolve(apart(org(full, "Statestan"), org(acronym))), "organization")
    assert [(o.name, o.aliases) for o in orgs] == [(full, (acronym,))]
    assert "spells the initials" in orgs[0].reasons[0]


def test_resolve_acronym_spelling_two_bodies_stays_apart() -> None:
    docs = apart(org("Interior Ministry", "Statestan"), org("Interior Ministry", "Otherland"), org("MVD"))
    assert sorted(o.name for o in nodes(resolve(docs), "organization")) == [
        "Interior Ministry",
        "Interior Ministry",
        "MVD",
    ]


@pytest.mark.parametrize(
    ("full", "acronym"),
    [
        ("Supreme Court", "SC"),  # two letters spell too many names
        ("National Bank", "KNB"),  # a letter too many
        ("State Security Service", "SSN"),  # the letters, not in any language's order
    ],
)
def test_resolve_acronym_that_spells_nothing_stays_apart(full: str, acronym: str) -> None:
    assert len(nodes(resolve(apart(org(full), org(acronym))), "organization")) == 2


def test_resolve_acronym_of_another_states_body_stays_apart() -> None:
    docs = apart(org("National Security Committee", "Statestan"), org("KNB", "Otherland"))
    assert len(nodes(resolve(docs), "organization")) == 2


def test_resolve_acronym_defined_by_a_page_wins_over_spelling() -> None:
    # page a spells "ADB" out itself; another body whose initials are ADB does not take it
    docs = apart(
        org("Asian Development Bank", aliases=("ADB",)),
        org("Agency for Digital Business"),
        org("ADB"),
    )
    found = {o.name: len(o.members) for o in nodes(resolve(docs), "organization")}
    assert found == {"Asian Development Bank": 2, "Agency for Digital Business": 1}


@pytest.mark.parametrize(
    ("form", "expected"), [("GKNB", True), ("MChS", True), ("TsIK", True), ("Zarbok", False), ("U.S.", False)]
)
def test_resolve_is_acronym(form: str, expected: bool) -> None:
    assert is_acronym(form) is expected


def test_resolve_spellings_include_english_and_local_initials() -> None:
    assert {"scns", "gknb"} <= spellings("State Committee for National Security")
    assert spellings("Zarbok") == frozenset()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bakyt Temirbekov", "Bakyt Temirpekov"),  # a voicing partner
        ("Erlan Ismailov", "Erlan Ismoilov"),  # one vowel for another
        ("Aidana Kurmanbekova", "Aidana Kurmanbkova"),  # a letter dropped
        ("Timur Abdyldaev", "Timur Abdlydaev"),  # two letters swapped
    ],
)
def test_resolve_misspelled_surname_with_the_same_first_name_merges(a: str, b: str) -> None:
    people = nodes(resolve(apart(person(a), person(a), person(b))), "person")
    assert len(people) == 1
    assert people[0].name == a  # the spelling most pages use
    assert any("one letter apart" in r for r in people[0].reasons)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Daniyar Amanov", "Daniyar Asanov"),  # two consonants unlike each other: two families
        ("Askar Nurlanov", "Askar Nurlanova"),  # a gender ending
        ("Dilnoza Umarova", "Dilnoza Umareva"),  # another ending
        ("Nurlan Esimayev", "Nurlan Esimbayev"),  # a consonant more: another compound name
        ("Gulnara Akhmetayeva", "Gulnara Akhmetaiyeva"),  # a vowel more, next to the ending
        ("Aibek Omarov", "Aibek Umarov"),  # another first letter
        ("Marat Sultanov", "Nurlan Sultanov"),  # another first name
        ("Ivan Belov", "Ivan Bilov"),  # too short to tell a slip from another name
        ("Bakyt Temirbekov", "Bakyt Temirbekov Junior"),  # not the same number of words
    ],
)
def test_resolve_similar_names_of_different_people_stay_apart(a: str, b: str) -> None:
    assert len(nodes(resolve(apart(person(a), person(b))), "person")) == 2


def test_resolve_misspelling_named_on_the_same_page_stays_apart() -> None:
    # one page that names both spellings tells two people apart
    docs = [DocumentEntities("a", (person("Bakyt Temirbekov"), person("Bakyt Temirpekov")))]
    assert len(nodes(resolve(docs), "person")) == 2


def test_resolve_misspelling_close_to_two_names_stays_apart() -> None:
    names = ["Erlan Ismailov", "Erlan Ismoilov", "Erlan Ismoylov"]
    key = {w: w.casefold() for n in names for w in n.split()}
    assert misspelled_pairs(names, key) == []
    assert misspelled_pairs(names[:2], key) == [("Erlan Ismailov", "Erlan Ismoilov")]


@pytest.mark.parametrize(
    ("abbreviation", "full", "ref"),
    [
        ("US", "United States", "country:US"),  # ISO 3166 alpha-2
        ("USA", "United States", "country:US"),  # alpha-3
        ("UK", "United Kingdom", "country:GB"),  # the abbreviation tables
        ("USSR", "Soviet Union", None),  # a former state
    ],
)
def test_resolve_place_abbreviation_joins_the_full_name(
    abbreviation: str, full: str, ref: str | None
) -> None:
    alone = nodes(resolve(apart(place(abbreviation))), "place")
    assert [(p.name, p.aliases) for p in alone] == [(full, (abbreviation,))]
    both = nodes(resolve(apart(place(abbreviation), place(full, ref))), "place")
    assert [(p.name, p.aliases) for p in both] == [(full, (abbreviation,))]


def test_resolve_bloc_abbreviation_joins_the_full_name() -> None:
    alone = nodes(resolve(apart(org("CIS"))), "organization")
    assert [(o.name, o.aliases) for o in alone] == [("Commonwealth of Independent States", ("CIS",))]
    both = nodes(resolve(apart(org("EU"), org("European Union"))), "organization")
    assert [(o.name, o.aliases, len(o.members)) for o in both] == [("European Union", ("EU",), 2)]


def test_resolve_evidence_gathers_the_members_most_used_first() -> None:
    def cued(name: str, *evidence: str) -> DocEntity:
        return DocEntity("organization", name, (), None, (), evidence=evidence)

    docs = apart(
        cued("Zarbok", "outlets:citing"), cued("Zarbok", "outlets:citing", "lone-name"), cued("Zarbok")
    )
    (node,) = nodes(resolve(docs), "organization")
    # a member stored without evidence still says what kind of name it was
    assert node.evidence == ("outlets:citing", "lone-name", "organization-name")


def test_resolve_new_rules_are_order_independent() -> None:
    docs = apart(
        org("National Security Committee", "Statestan"),
        org("KNB"),
        person("Bakyt Temirbekov"),
        person("Bakyt Temirpekov"),
        place("UK"),
        place("United Kingdom", "country:GB"),
    )
    first = resolve(docs)
    for permutation in itertools.permutations(docs):
        assert resolve(list(permutation)) == first

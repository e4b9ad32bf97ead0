"""Linker tests: in-document coreference, aliases, roles and qualifiers, on the seeds and invented pages."""

from __future__ import annotations

import pytest

from pipeline.entities import DocEntity, DocumentEntities, TextRegion
from pipeline.link import _fullest, _most_common, link_document, norm_name
from tests.pipeline.test_extract import CABAR_PAGE, CABAR_SEED, RU_PAGE, TCA_PAGE, TCA_SEED, read, regions_of


def link(text: str) -> DocumentEntities:
    return link_document("doc", text, regions_of(text))


def link_body(text: str) -> DocumentEntities:
    return link_document("doc", text, [TextRegion(0, "body", 0, len(text))])


def named(doc: DocumentEntities, kind: str, name: str) -> DocEntity:
    found = [e for e in doc.entities if e.kind == kind and e.name == name]
    assert len(found) == 1, [e.name for e in doc.entities if e.kind == kind]
    return found[0]


def names(doc: DocumentEntities, kind: str) -> set[str]:
    return {e.name for e in doc.entities if e.kind == kind}


@pytest.mark.parametrize("text", [read(TCA_SEED), read(CABAR_SEED), TCA_PAGE, CABAR_PAGE, RU_PAGE])
def test_link_mentions_index_the_document(text: str) -> None:
    doc = link(text)
    for e in doc.entities:
        assert e.mentions
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
        assert len({(m.start, m.end) for m in e.mentions}) == len(e.mentions)


def test_link_surname_joins_full_name_in_the_same_document() -> None:
    doc = link(read(TCA_SEED))
    smailova = named(doc, "person", "Dina Smailova")
    assert sum(m.text == "Smailova" for m in smailova.mentions) == 10
    assert {"Smailova", "Tansari", "Dina Smailova (Tansari)"} <= set(smailova.aliases)
    tokayev = named(doc, "person", "Kassym-Jomart Tokayev")
    assert {m.article_index for m in tokayev.mentions} == {1, 2, 3, 4}
    assert "Tokayev" not in names(doc, "person")


def test_link_invented_page_people() -> None:
    doc = link(TCA_PAGE)
    assert names(doc, "person") == {
        "Bakyt Toktogulov",
        "Aigerim Sadykova",
        "Ozodbek Nazarov",
        "Erkin Tulegen",
        "Serdar Berdimuhamedov",
        "Xi Jinping",
        "Aylar Berdimuhamedova",
        "Jamshid Rakhimov",
        "Nodira Karimova",
        "Dilshod Ergashev",
        "Shahnoza",
    }
    toktogulov = named(doc, "person", "Bakyt Toktogulov")
    assert [m.text for m in toktogulov.mentions] == ["Bakyt Toktogulov", "Toktogulov", "Toktogulov"]
    # "Berdimuhamedov" is the president, not his wife "Berdimuhamedova"
    serdar = named(doc, "person", "Serdar Berdimuhamedov")
    assert len(serdar.mentions) == 3
    assert len(named(doc, "person", "Aylar Berdimuhamedova").mentions) == 1


def test_link_first_name_only_people_stay_per_article() -> None:
    text = "One\n\nAsel, 23, a nurse in Osh, spoke.\n\nTwo\n\nAsel, 41, a teacher in Naryn, spoke too."
    doc = link(text)
    asels = [e for e in doc.entities if e.kind == "person"]
    assert [(e.name, e.first_name_only, e.mentions[0].article_index) for e in asels] == [
        ("Asel", True, 0),
        ("Asel", True, 1),
    ]
    assert {"Osh", "Naryn"} <= names(doc, "place")


@pytest.mark.parametrize(
    ("text", "org", "aliases"),
    [
        (
            "The Ozod.tj (Free) foundation raised funds. Later, Ozod said it would appeal.",
            "Ozod.tj",
            {"Free", "Ozod"},
        ),
        (
            "Loans come from the Asian Development Bank (ADB). The ADB did not comment.",
            "Asian Development Bank",
            {"ADB"},
        ),
    ],
)
def test_link_stems_acronyms_and_translations_join_the_body(text: str, org: str, aliases: set[str]) -> None:
    doc = link_body(text)
    entity = named(doc, "organization", org)
    assert aliases <= set(entity.aliases)
    assert len(names(doc, "organization")) == 1


def test_link_seed_publisher_acronym_and_translation() -> None:
    doc = link(read(TCA_SEED))
    tca = named(doc, "organization", "The Times of Central Asia")
    assert "TCA" in tca.aliases
    assert {m.article_index for m in tca.mentions} == {1, 3}
    nemolchi = named(doc, "organization", "NeMolchi.kz")
    assert {"NeMolchi", "Don’t be silent"} <= set(nemolchi.aliases)
    assert nemolchi.subtype == "ngo"
    assert "Central Asia" not in names(doc, "place")


def test_link_bare_head_refers_back_to_the_named_body() -> None:
    text = (
        "Tajikistan’s Committee on Youth Affairs opened a hotline. The Committee said calls are free. "
        "Police said nothing."
    )
    doc = link_body(text)
    committee = named(doc, "organization", "Committee on Youth Affairs")
    assert [m.text for m in committee.mentions] == ["Committee on Youth Affairs", "Committee"]
    assert committee.qualifier == "Tajikistan"
    assert names(doc, "organization") == {"Committee on Youth Affairs"}  # "Police" has no antecedent


def test_link_same_generic_name_of_two_states_stays_two_bodies() -> None:
    doc = link(TCA_PAGE)
    interior = [e for e in doc.entities if e.kind == "organization" and e.name == "Interior Ministry"]
    assert sorted(e.qualifier or "" for e in interior) == ["Kazakhstan", "Uzbekistan"]
    energy = named(doc, "organization", "Energy Ministry")
    assert energy.qualifier == "Tajikistan"
    assert named(doc, "organization", "Ministry of Energy").qualifier == "Kyrgyzstan"


def test_link_seed_qualifiers() -> None:
    doc = link(read(TCA_SEED))
    assert named(doc, "organization", "Interior Ministry").qualifier == "Kazakhstan"
    assert named(doc, "organization", "Supreme Court").qualifier == "Montenegro"
    assert named(doc, "organization", "Justice Ministry").qualifier == "Uzbekistan"
    assert named(doc, "organization", "Ministry of Internal Affairs").qualifier == "Uzbekistan"
    assert named(doc, "organization", "Committee on Women and Family Affairs").qualifier == "Tajikistan"


def test_link_roles_keep_every_statement_with_provenance() -> None:
    doc = link(read(TCA_SEED))
    karin = named(doc, "person", "Yerlan Karin")
    assert {(r.title, r.article_index) for r in karin.roles} == {
        ("State Councilor", 2),
        ("State Secretary", 4),
    }
    bishimbayev = named(doc, "person", "Kuandyk Bishimbayev")
    assert bishimbayev.roles
    assert all(r.former for r in bishimbayev.roles)
    assert {r.article_index for r in bishimbayev.roles} == {0, 1, 2, 3}
    smailova = named(doc, "person", "Dina Smailova")
    assert [(r.title, r.organization) for r in smailova.roles] == [("director", "NeMolchi.kz")]
    abishev = named(doc, "person", "Marat Abishev")
    assert [(r.title, r.organization) for r in abishev.roles] == [("", "General Prosecutor’s Office")]
    for person in ("Almat Mukhamedzhanov", "Musa Abdraim", "Saltanat Nukenova"):
        assert named(doc, "person", person).roles == ()  # husband, bystander, wife: relations


def test_link_minister_title_points_at_the_ministry_named_in_the_document() -> None:
    doc = link(TCA_PAGE)
    roles = named(doc, "person", "Bakyt Toktogulov").roles
    assert [(r.title, r.organization) for r in roles] == [("Minister of Energy", "Ministry of Energy")]
    sadykova = named(doc, "person", "Aigerim Sadykova")
    assert ("analyst", "National Bank", True) in {(r.title, r.organization, r.former) for r in sadykova.roles}


def test_link_places_kinds_and_demonyms() -> None:
    doc = link(TCA_PAGE)
    assert named(doc, "place", "Osh region").subtype == "region"
    assert named(doc, "place", "Bishkek").subtype == "city"
    kyrgyzstan = named(doc, "place", "Kyrgyzstan")
    assert {m.via for m in kyrgyzstan.mentions} == {"name", "demonym"}
    assert kyrgyzstan.ref == "country:KG"
    cabar = link(CABAR_PAGE)
    uzbekistan = named(cabar, "place", "Uzbekistan")
    assert {(m.article_index, m.via) for m in uzbekistan.mentions} >= {(3, "demonym")}


def test_link_russian_inflections_join() -> None:
    doc = link(RU_PAGE)
    tokayev = named(doc, "person", "Касым-Жомарт Токаев")
    assert {m.text for m in tokayev.mentions} == {"Токаев", "Касым-Жомарт Токаев", "Токаева", "Токаеву"}
    assert named(doc, "place", "Астана").ref is not None


def test_link_two_people_sharing_a_surname_take_the_nearest() -> None:
    text = (
        "Aibek Sadyrov met Nurlan Sadyrov in Osh. Later Nurlan Sadyrov left. Sadyrov then spoke to reporters."
    )
    doc = link_body(text)
    nurlan = named(doc, "person", "Nurlan Sadyrov")
    assert [m.text for m in nurlan.mentions][-1] == "Sadyrov"
    assert len(named(doc, "person", "Aibek Sadyrov").mentions) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Smailova’s", "smailova"),
        ("The Times of Central Asia", "times of central asia"),
        ("Affairs’", "affairs"),
    ],
)
def test_link_norm_name(a: str, b: str) -> None:
    assert norm_name(a) == b


def test_link_document_identity_and_repeatability() -> None:
    text = read(TCA_SEED)
    a = link_document("sha-a", text, regions_of(text))
    assert a.document == "sha-a"
    assert a == link_document("sha-a", text, regions_of(text))


def test_link_trailing_words_of_a_full_name_join_it() -> None:
    doc = link_body(
        "Temirlan Sultanbek uulu was barred from the vote. Later, Sultanbek uulu said he would appeal."
    )
    person = named(doc, "person", "Temirlan Sultanbek uulu")
    assert [m.text for m in person.mentions] == ["Temirlan Sultanbek uulu", "Sultanbek uulu"]


def test_link_parenthetical_acronym_joins_the_body() -> None:
    doc = link_body(
        "Bloggers were summoned by the State Committee for National Security (GKNB). "
        "The GKNB declined to comment."
    )
    body = named(doc, "organization", "State Committee for National Security")
    assert "GKNB" in body.aliases
    assert len(body.mentions) == 3
    assert names(doc, "organization") == {"State Committee for National Security"}


def test_link_bare_city_name_beside_its_region_is_the_city() -> None:
    doc = link_body("The akim of the Kostanay region was arrested. Kostanay officials said nothing.")
    assert names(doc, "place") == {"Kostanay region", "Kostanay"}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Karin", "Yerlan Karin", "Karin"], "Yerlan Karin"),  # most words
        (["Yerlan Karina", "Yerlan Karin", "Yerlan Karin"], "Yerlan Karin"),  # then used most
        (["Ab Cd", "Abc Cd"], "Abc Cd"),  # then longest
        (["Ab Cd", "Xy Zw", "Xy Zw", "Ab Cd"], "Ab Cd"),  # then first used
    ],
)
def test_link_fullest_name_form(names: list[str], expected: str) -> None:
    assert _fullest(names) == expected


def test_link_most_common_subtype_keeps_the_first_of_equals() -> None:
    assert _most_common(["media", "ngo", "ngo", "media"]) == "media"
    assert _most_common(["media", "ngo", "ngo"]) == "ngo"
    assert _most_common([]) is None

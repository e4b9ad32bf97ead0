"""The error classes of issue 15, each by a general rule, on invented sentences in the same shapes."""

from __future__ import annotations

import pytest

from pipeline.entities import TextRegion
from pipeline.extract import RawMention, extract


def _read(body: str, title: str = "") -> tuple[RawMention, ...]:
    text = f"{title}\n{body}" if title else body
    regions = [TextRegion(0, "body", len(text) - len(body), len(text))]
    if title:
        regions.insert(0, TextRegion(0, "title", 0, len(title)))
    return extract(text, regions)


def _names(got: tuple[RawMention, ...], kind: str) -> list[str]:
    return [m.name for m in got if m.kind == kind]


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        # states and former states with a "Federation"/"Republic" head are places
        ("The treaty was ratified by the Russian Federation last spring.", "organization", []),
        ("The treaty was ratified by the Russian Federation last spring.", "place", ["Russia"]),
        # a body named "of the X region" keeps the region inside its name, and the region is a place
        (
            "Farmers wrote to the Water Supply Department of the Naryn region in May.",
            "organization",
            ["Water Supply Department of the Naryn region"],
        ),
        (
            "Farmers wrote to the Water Supply Department of the Naryn region in May.",
            "place",
            ["Naryn region"],
        ),
        # a state's abbreviation before its legislature is one body; the abbreviation alone a place
        ("A US Navy ship docked, and the US envoy went aboard.", "organization", ["US Navy"]),
        ("A US Navy ship docked, and the US envoy went aboard.", "place", ["United States"]),
        # a bloc's abbreviation goes by the bloc's full name
        (
            "The EU and the CIS differ on tariffs.",
            "organization",
            ["European Union", "Commonwealth of Independent States"],
        ),
        # a head word followed by a quoted name: the quoted words are the body's own name
        (
            'She taught at the Technical Lyceum "Zhyldyz-Bulak." Then she moved away.',
            "organization",
            ["Zhyldyz-Bulak"],
        ),
        # a district court: the district is no city mention
        ("The appeal goes to the Zarechny District Court in June.", "place", []),
        (
            "The appeal goes to the Zarechny District Court in June.",
            "organization",
            ["Zarechny District Court"],
        ),
        # streets, brands and adjectives are not people or bodies
        ("A new bakery opened on Sarybekov Street in April.", "person", []),
        ("He was driving a Zorvan Kestrel, the police said.", "person", []),
        ("Few Central Asian ministries publish their budgets.", "person", []),
        ("The Turkish-built clinic is busy, and one German doctor works there.", "organization", []),
        # an acronym with a year is an event's name, not a bare acronym
        ("Visitors filled ARTEX 2031 on its first day.", "organization", ["ARTEX 2031"]),
        # a dateline credit names no one
        ("TARAZ (QNA) — Farmers gathered on Monday.", "organization", []),
        # titles that qualify another ("Extraordinary and Plenipotentiary") are no names
        (
            "At a reception, the Ambassador Extraordinary and Plenipotentiary of Hungary to Uzbekistan"
            " Pavel Kostrov presented his credentials.",
            "person",
            ["Pavel Kostrov"],
        ),
        # people without Central Asian morphology but with clear cues
        ("Swedish architect Lena Tormark opened an exhibition downtown.", "person", ["Lena Tormark"]),
        ("Citing Tolvik, Whitcombe stated that the harvest was late.", "person", ["Whitcombe"]),
        # a legislature keeps the demonym before it
        ("The Mongolian Senate debated the budget.", "organization", ["Mongolian Senate"]),
        # an airline's name ends in "Air"
        ("Two flights of Zeppa Air were cancelled on Friday.", "organization", ["Zeppa Air"]),
        # a physical feature before a generic geography head
        ("Ships crossed the Tarvan Strait at dawn.", "place", ["Tarvan Strait"]),
        # a body before a staff title, even when the person after it was found first
        ("On Friday, Zarbok co-founder Timur Esenbek spoke.", "organization", ["Zarbok"]),
        # a domain written with a space after its dot, or with a capitalised ending
        ("The report appeared on Steppewatch. asia last week.", "organization", ["Steppewatch.asia"]),
        ("Later Dalanews.Az wrote about it.", "organization", ["Dalanews.Az"]),
        # a word before a model designation is a product line, there and alone
        ("A Vostra MS-12 capsule docked at noon. Later the Vostra undocked again.", "organization", []),
        # a national edition of an outlet keeps its country; a comma before a body opens a clause, no list
        (
            "Economist Aset Nurlanov told Vestnik Kazakhstan that rates rose.",
            "organization",
            ["Vestnik Kazakhstan"],
        ),
        (
            "A track between Karabas and Tolmyn, QTZ chairman Bolat Serikuly said, will open soon.",
            "organization",
            ["QTZ"],
        ),
        # outlets after "citing" and "reported by"
        ("The talks will go on, as reported by Newsvane, until Friday.", "organization", ["Newsvane"]),
    ],
)
def test_extract_error_classes_by_general_rules(body: str, kind: str, expected: list[str]) -> None:
    assert _names(_read(body), kind) == expected


def test_extract_error_classes_marked_surname_opening_a_headline_clause() -> None:
    got = _read("The court ruled again.", title="Back in Court: Tolonbayev Again Denies the Charges")
    assert _names(got, "person") == ["Tolonbayev"]


def test_extract_error_classes_mentions_carry_their_evidence() -> None:
    got = _read("Trade with the US grew, citing Norvikpress, while Minister Aibek Saparov said little.")
    evidence = {m.name: m.evidence for m in got}
    assert evidence["United States"] == ("abbreviation:place",)
    assert evidence["Norvikpress"] == ("outlet-cue:citing",)
    assert evidence["Aibek Saparov"] == ("person-title",)


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        # a village of the region read alone, by its folded name or its transliteration
        ("Fishermen in Ulken and Muynak say the catch has halved.", "place", ["Ulken", "Muynak"]),
        # a village's name that is a given name too stays the person's ("Timur" is the village Temir)
        ("He was helped by a neighbour, Timur Asan, who called the police.", "person", ["Timur Asan"]),
        ("He was helped by a neighbour, Timur Asan, who called the police.", "place", []),
        # a speech verb after a village's name is its residents' when a place preposition comes before
        ("Residents of Romitan said the well had dried up.", "place", ["Romitan"]),
        ("Hamza said the well had dried up.", "place", []),
        # a place's name before an outlet word names the outlet, not the place
        ("The findings were first reported by Romitan Media.", "organization", ["Romitan Media"]),
        ("The findings were first reported by Romitan Media.", "place", []),
        # a short word in capitals is an acronym, not a foreign city ("Man", Côte d'Ivoire)
        ("The depot will replace its Isuzu and MAN buses.", "place", []),
        # Geneva and Oxford pass the population floor of foreign cities now
        ("The talks moved from Geneva to Oxford.", "place", ["Geneva", "Oxford"]),
    ],
)
def test_extract_settlements_outlets_and_floors(body: str, kind: str, expected: list[str]) -> None:
    assert _names(_read(body), kind) == expected

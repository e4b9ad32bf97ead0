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
        ("Two children came back from the Russian Federation on Sunday.", "organization", []),
        ("Two children came back from the Russian Federation on Sunday.", "place", ["Russia"]),
        # a body named "of the X region" keeps the region inside its name, and the region is a place
        (
            "This was reported by the Internal Affairs Department of the Talas region on Monday.",
            "organization",
            ["Internal Affairs Department of the Talas region"],
        ),
        (
            "This was reported by the Internal Affairs Department of the Talas region on Monday.",
            "place",
            ["Talas region"],
        ),
        # a state's abbreviation before its legislature is one body; the abbreviation alone a place
        ("Members of the US Congress wrote to the US envoy.", "organization", ["US Congress"]),
        ("Members of the US Congress wrote to the US envoy.", "place", ["United States"]),
        # a bloc's abbreviation goes by the bloc's full name
        (
            "The EU and the CIS differ on tariffs.",
            "organization",
            ["European Union", "Commonwealth of Independent States"],
        ),
        # a head word followed by a quoted name: the quoted words are the body's own name
        (
            'He holds a degree from the International University "Kara-Tash." He now works abroad.',
            "organization",
            ["Kara-Tash"],
        ),
        # a district court: the district is no city mention
        ("He was brought to the Sovetsky District Court on Friday.", "place", []),
        (
            "He was brought to the Sovetsky District Court on Friday.",
            "organization",
            ["Sovetsky District Court"],
        ),
        # streets, brands and adjectives are not people or bodies
        ("The crash happened on Temirbekov Street at night.", "person", []),
        ("After the collision with a Zorvan Kestrel, the pedestrian died.", "person", []),
        ("A lack of will among Central Asian governments is plain.", "person", []),
        ("The Russian-run base is remote, and one American pilot flew there.", "organization", []),
        # an acronym with a year is an event's name, not a bare acronym
        ("EXPO 2030 was promoted in Berlin.", "organization", ["EXPO 2030"]),
        # a dateline credit names no one
        ("TARAZ (QNA) — Farmers gathered on Monday.", "organization", []),
        # titles that qualify another ("Extraordinary and Plenipotentiary") are no names
        (
            "In an interview, Ambassador Extraordinary and Plenipotentiary of Belarus to Tajikistan"
            " Oleg Brantov spoke.",
            "person",
            ["Oleg Brantov"],
        ),
        # people without Central Asian morphology but with clear cues
        ("Canadian musician Dave Pellham has released a new song.", "person", ["Dave Pellham"]),
        ("Citing Norvik, Halvorsen stated in an interview that the ships left.", "person", ["Halvorsen"]),
        # a legislature keeps the demonym before it
        ("The Kazakh Senate approved the bill.", "organization", ["Kazakh Senate"]),
        # an airline's name ends in "Air"
        ("He was denied boarding by Zeppa Air in 2023.", "organization", ["Zeppa Air"]),
        # a physical feature before a generic geography head
        ("Ships crossed the Tarvan Strait at dawn.", "place", ["Tarvan Strait"]),
        # a body before a staff title, even when the person after it was found first
        ("An interview with Zarbok co-founder Rinat Olzhasbek.", "organization", ["Zarbok"]),
        # a domain written with a space after its dot, or with a capitalised ending
        ("It was written for Steppewatch. asia by a fellow.", "organization", ["Steppewatch.asia"]),
        ("Later Dalanews.Az wrote about it.", "organization", ["Dalanews.Az"]),
        # a word before a model designation is a product line, there and alone
        ("They flew in a Vostra MS-12 capsule. The trip on the Vostra took hours.", "organization", []),
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
        ("Waltz added, as reported by Newsvane, that talks would go on.", "organization", ["Newsvane"]),
    ],
)
def test_extract_error_classes_by_general_rules(body: str, kind: str, expected: list[str]) -> None:
    assert _names(_read(body), kind) == expected


def test_extract_error_classes_marked_surname_opening_a_headline_clause() -> None:
    got = _read("The court ruled again.", title="Wanted, Again: Tolonbayev Once More Sought by Police")
    assert _names(got, "person") == ["Tolonbayev"]


def test_extract_error_classes_mentions_carry_their_evidence() -> None:
    got = _read("Trade with the US grew, citing Norvikpress, while Minister Aibek Saparov said little.")
    evidence = {m.name: m.evidence for m in got}
    assert evidence["United States"] == ("abbreviation:place",)
    assert evidence["Norvikpress"] == ("outlet-cue:citing",)
    assert evidence["Aibek Saparov"] == ("person-title",)

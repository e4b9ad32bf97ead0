"""Name boundaries and cues added for pages the extractor was not tuned on, each on invented sentences:
where a name stops, runs on, splits in two, or is a place rather than a body."""

from __future__ import annotations

import pytest

from pipeline.entities import TextRegion
from pipeline.extract import RawMention, extract
from pipeline.link import link_document


def _read(body: str) -> tuple[RawMention, ...]:
    return extract(body, [TextRegion(0, "body", 0, len(body))])


def _names(body: str, kind: str) -> list[str]:
    return [m.name for m in _read(body) if m.kind == kind]


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        # a body's name coordinated with a second body that has a head of its own: two bodies
        (
            "The Ministry of Health and Social Development and the Red Crescent Society opened a clinic.",
            "organization",
            ["Ministry of Health and Social Development", "Red Crescent Society"],
        ),
        # "and" inside one body's complement stays inside
        ("The Ministry of Culture and Sport said so.", "organization", ["Ministry of Culture and Sport"]),
        # two names written as one with a slash, and their slashed acronym
        (
            "He told Radio Altai/Radio Tulpar (RA/RT) about it. Later RA/RT asked again.",
            "organization",
            ["Radio Altai/Radio Tulpar"] * 3,
        ),
        # a name cut at a lower-case word runs on when the acronym after it spells the longer name
        (
            "The Council for Protecting the Tien Shan (CPTS) met.",
            "organization",
            ["Council for Protecting the Tien Shan"] * 2,
        ),
        # ... but not when the shorter name already spells it
        (
            "The Council for Protecting Rivers (CPR) met in the Tien Shan.",
            "organization",
            ["Council for Protecting Rivers"] * 2,
        ),
        # a capitalised word written in lower case elsewhere is still part of a name mid-sentence
        (
            "Funds go to Kokand Savings Bank. Demand for savings is high.",
            "organization",
            ["Kokand Savings Bank"],
        ),
        # a sentence whose only capital before the name is its first word is no glued heading
        ("Analysts at the Steppe Policy Group expect a deal.", "organization", ["Steppe Policy Group"]),
        # a kind noun with a word saying which kind names the body after it; alone it does not
        (
            "It was led by the state pension fund Zhetisu-Invest, officials said.",
            "organization",
            ["Zhetisu-Invest"],
        ),
        ("Officials said the fund Kazakhstan set up grew.", "organization", []),
        # "polled by", "interviewed by": an outlet or pollster after the cue
        ("Economists polled by Tengrimedia expected a cut.", "organization", ["Tengrimedia"]),
        # an autonomous republic inside a state is a place named by the words after "of"
        ("Canals in the Republic of Tuvaland need repair.", "place", ["Tuvaland"]),
        ("Canals in the Republic of Tuvaland need repair.", "organization", []),
        # a head written before a feature's name
        (
            "Boats sail on Lake Sarykol, in the Gulf of Oman and past Mount Tengri.",
            "place",
            ["Lake Sarykol", "Gulf of Oman", "Mount Tengri"],
        ),
    ],
)
def test_extract_boundary(body: str, kind: str, expected: list[str]) -> None:
    assert _names(body, kind) == expected


def test_extract_head_before_does_not_start_inside_a_name_begun_before_it() -> None:
    assert "Lake City" not in _names("Flights to Salt Lake City resumed.", "place")


def test_extract_place_acronym_is_the_places_alias_and_its_later_uses_are_the_place() -> None:
    body = "Schools in the Upper Chatkal Autonomous Region (UCAR) reopened. UCAR officials were pleased."
    got = _read(body)
    assert [m.kind for m in got] == ["place", "place"]
    assert "UCAR" in got[0].aliases
    assert got[1].text == "UCAR" and got[1].name == got[0].name


def test_extract_republic_name_alone_later_is_the_same_place() -> None:
    body = "Canals in the Republic of Tuvaland need repair. Tuvaland farmers agree."
    got = [m for m in _read(body) if m.kind == "place"]
    assert [m.name for m in got] == ["Tuvaland", "Tuvaland"]
    assert got[0].aliases == ("Republic of Tuvaland",)


@pytest.mark.parametrize(
    ("body", "person"),
    [
        # a Western name in apposition before an office
        ("Laura Brennan, Director General of the Steppe Energy Agency, praised the site.", "Laura Brennan"),
        ("Marco Ferri, deputy head of the mission, arrived.", "Marco Ferri"),
        # a given name right after a body's name is the person's, not the body's
        ("Chairman of the Milli Gengesh Atamurat Berdiyev met envoys.", "Atamurat Berdiyev"),
    ],
)
def test_extract_people_with_cues(body: str, person: str) -> None:
    assert person in _names(body, "person")


def test_extract_evidence_of_a_name_that_gave_back_a_place_still_names_its_recogniser() -> None:
    got = _read("The Council for Protecting the Tien Shan (CPTS) met.")
    assert got[0].evidence[0] == "org-head"


def test_link_slashed_acronym_joins_the_slashed_name() -> None:
    text = "He told Radio Altai/Radio Tulpar (RA/RT) about it. Later RA/RT asked again."
    linked = link_document("d", text, (TextRegion(0, "body", 0, len(text)),))
    orgs = [e for e in linked.entities if e.kind == "organization"]
    assert [(e.name, e.aliases) for e in orgs] == [("Radio Altai/Radio Tulpar", ("RA/RT",))]


def test_link_acronym_spelling_a_name_run_on_to_it_is_its_alias() -> None:
    text = "The Council for Protecting the Tien Shan (CPTS) met. CPTS members voted."
    linked = link_document("d", text, (TextRegion(0, "body", 0, len(text)),))
    orgs = [e for e in linked.entities if e.kind == "organization"]
    assert [(e.name, e.aliases) for e in orgs] == [("Council for Protecting the Tien Shan", ("CPTS",))]


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        # "X-based": the place is a mention, and the name after it (with or without a kind noun) a body's
        ("Abu Dhabi-based Tamdan switched the plant on.", "place", ["Abu Dhabi"]),
        ("Abu Dhabi-based Tamdan switched the plant on.", "organization", ["Tamdan"]),
        ("The Tashkent-based think tank Ilm Policy Lab said so.", "organization", ["Ilm Policy Lab"]),
        ("Tashkent-based analysts say prices will rise.", "organization", []),
        ("Europe-bound freight grew.", "place", ["Europe"]),
        # two places joined by a hyphen are two mentions; two demonyms are none
        ("Bribes were paid on the Osh-Batken road.", "place", ["Osh", "Batken"]),
        ("The Kyrgyz-Turkish talks went on.", "place", []),
        # a dateline in capitals opens a summary: a place, known to the gazetteer or not
        ("BALYKCHY: Fishermen on the lake protested.", "place", ["Balykchy"]),
        # "the X crossing" is a place
        ("Trucks queued at the Kairak crossing for days.", "place", ["Kairak crossing"]),
        # a bracketed short name is the body's, and is used alone later
        (
            "The Development Bank of Altai (Altai Devbank) lent money. Altai Devbank said more.",
            "organization",
            ["Development Bank of Altai", "Development Bank of Altai"],
        ),
        # "of the ACRONYM" names a second body
        ("The Anti-Fraud Service of the GKNB said.", "organization", ["Anti-Fraud Service", "GKNB"]),
        # where a company is from is no part of its name
        (
            "Talas Gold and Qilian Jinshan Mining of Urumqi signed.",
            "organization",
            ["Qilian Jinshan Mining"],
        ),
        (
            "The loan came from the Steppe Road and Bridge Corporation.",
            "organization",
            ["Steppe Road and Bridge Corporation"],
        ),
        # a district's name before "District Court" is no surname
        ("The Oktyabrsky District Court of Osh ruled.", "organization", ["Oktyabrsky District Court of Osh"]),
        # a body named for a person
        ("Tokayev University opened a campus.", "organization", ["Tokayev University"]),
        # a kind noun in apposition after the name, with any lower-case words before it
        (
            "They signed with Qazaq Invest, the national investment agency, on Monday.",
            "organization",
            ["Qazaq Invest"],
        ),
        # a demonym before a state body: the body, with the written form kept
        ("The Turkmen Maritime Agency said.", "organization", ["Maritime Agency"]),
    ],
)
def test_extract_cues_and_compounds(body: str, kind: str, expected: list[str]) -> None:
    assert _names(body, kind) == expected


def test_extract_demonym_form_is_an_alias_of_the_state_body() -> None:
    got = [m for m in _read("The Turkmen Maritime Agency said.") if m.kind == "organization"]
    assert got[0].aliases == ("Turkmen Maritime Agency",)


def test_extract_based_place_span_stops_before_the_suffix() -> None:
    text = "Abu Dhabi-based Tamdan switched the plant on."
    place = next(m for m in _read(text) if m.kind == "place")
    assert text[place.start : place.end] == "Abu Dhabi" == place.text


def test_extract_compound_places_have_their_own_spans() -> None:
    text = "Bribes were paid on the Osh-Batken road."
    spans = [text[m.start : m.end] for m in _read(text) if m.kind == "place"]
    assert spans == ["Osh", "Batken"]


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Yusuf Al-Karimi of the fund visited Almaty.", "Yusuf Al-Karimi"),
        ("The delegation met Saeed bin Rashid in Dubai.", "Saeed bin Rashid"),
        ("Hamad Al Nuaimi, the fund's director, said so.", "Hamad Al Nuaimi"),
        ('"We lost money," said Abdul Karim Rahimi, deputy head of the chamber.', "Abdul Karim Rahimi"),
    ],
)
def test_extract_arabic_and_three_word_names(body: str, person: str) -> None:
    assert person in _names(body, "person")


def test_extract_two_words_ending_a_longer_name_are_no_person() -> None:
    assert _names("Steppe Bridge Lines, a joint venture of two firms, runs the ferry.", "person") == []


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        # a place's own body: the possessive place, then a brand-like name
        (
            "Qatar's Dukhara Power and Oman's Omazen now hold contracts.",
            "organization",
            ["Dukhara Power", "Omazen"],
        ),
        ("The Soviet-era Gagarin's Start pad stays.", "organization", []),
        ("Kazakhstan's Tokayev said so.", "organization", []),
        # ... not a heading glued to the text after it
        ("Kazakhstan's Landmark Reform Kazakhstan has also acted.", "organization", []),
        # legal forms are company heads, kept in the name
        ("The court ordered Karatau Petroleum LLP to pay.", "organization", ["Karatau Petroleum LLP"]),
        (
            "Nura Nuclear Power Plants JSC insists the plant is safe.",
            "organization",
            ["Nura Nuclear Power Plants JSC"],
        ),
        # a non-place possessor before a state body is another body, named on its own
        (
            "A deputy of the Taliban's Ministry of Mines spoke.",
            "organization",
            ["Taliban", "Ministry of Mines"],
        ),
        ("The Prosecutor General's Office opened a case.", "organization", ["Prosecutor General's Office"]),
        # a kind noun right before a two-word name names a company, even a surname-like one
        ("State power company Barqi Tojik has signed a contract.", "organization", ["Barqi Tojik"]),
        # ... and later uses of it are the company, not a person
        ("State power company Barqi Tojik signed. Buyers still owe Barqi Tojik money.", "person", []),
        # a kind noun with a hyphenated adjective, and in apposition after a "-based" adjective
        ("He told the Uzbek-language site Kun Yangi that he would appeal.", "organization", ["Kun Yangi"]),
        ("TURKOY, the Ankara-based cultural body of Turkic states, met.", "organization", ["TURKOY"]),
        # a kind noun with a name right after it: the name is the body, not the word before
        ("State concern Turkmenkhim says its crews finished.", "organization", ["Turkmenkhim"]),
        # plural acronyms are common nouns
        ("NGOs must report every grant.", "organization", []),
        # features: a head written first, lower-case heads, adjectives trimmed, no feature inside a body
        ("The Kulma Pass reopened.", "place", ["Kulma Pass"]),
        (
            "They crossed the Ustyurt plateau to the Vorukh exclave.",
            "place",
            ["Ustyurt plateau", "Vorukh exclave"],
        ),
        ("Officials of the Dubai-based Gulf Energy Forum came.", "organization", ["Gulf Energy Forum"]),
        ("Officials of the Dubai-based Gulf Energy Forum came.", "place", ["Dubai"]),
        # "-registered" places
        ("A unit of Hong Kong-registered Orient Caspian Holdings Ltd said.", "place", ["Hong Kong"]),
    ],
)
def test_extract_possessives_legal_forms_and_kinds(body: str, kind: str, expected: list[str]) -> None:
    assert _names(body, kind) == expected


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("The envoy Pieter van den Broek said so.", "Pieter van den Broek"),
        ("The delegation met Johan de Wit in Almaty.", "Johan de Wit"),
        ("Germany's ambassador in Tashkent, Henrike Brandt, called the loan important.", "Henrike Brandt"),
        ("Clara Jennings of Human Rights Watch said the text was vague.", "Clara Jennings"),
        ("Justice Sir Edward Pryce ruled.", "Edward Pryce"),
        ("Dr Amira Haddad told reporters.", "Amira Haddad"),
    ],
)
def test_extract_western_names_by_their_cues(body: str, person: str) -> None:
    assert person in _names(body, "person")


def test_extract_hyphenated_adjectives_are_no_given_names() -> None:
    assert _names("The Soviet-era Gagarin monument stands.", "person") == []
    assert not any("Kremlin" in n for n in _names("The Kremlin-backed Ivanov said.", "person"))


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        # an adjective of a country is no body, even one no suffix rule derives
        ("The French agency AFD agreed.", "organization", ["AFD"]),
        # a hyphenated name after a place preposition is a place; a plain one only after "near"
        ("Two herders from Ak-Tash were charged.", "place", ["Ak-Tash"]),
        ("The dump near Degtyar was inspected.", "place", ["Degtyar"]),
        ("Two herders from Ak-Tash were charged.", "organization", []),
        # a body's acronym before an adjective ending
        ("Finds from the UNESCO-listed site went on show.", "organization", ["UNESCO"]),
        # possessive nouns that belong to a body's name
        ("The People's Party of Kyrgyzstan abstained.", "organization", ["People's Party of Kyrgyzstan"]),
    ],
)
def test_extract_demonyms_locatives_and_acronym_adjectives(body: str, kind: str, expected: list[str]) -> None:
    assert _names(body, kind) == expected


def test_extract_acronym_adjective_span_stops_before_the_suffix() -> None:
    text = "Finds from the UNESCO-listed site went on show."
    body = next(m for m in _read(text) if m.kind == "organization")
    assert body.text == "UNESCO"


def test_extract_possessive_before_a_given_name_ends_the_run() -> None:
    assert "Ainur Tleubayeva" in _names("Respublica's Ainur Tleubayeva said the vote was bought.", "person")


def test_extract_lone_surname_shaped_word_after_a_place_preposition_is_no_person() -> None:
    assert _names("She manages the grant from Pskova, she said.", "person") == []
    assert _names("Minister Ainur Pskova said so.", "person") == ["Ainur Pskova"]

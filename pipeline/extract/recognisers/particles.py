"""Kyrgyz/Kazakh/Azerbaijani patronymic particles written apart: "Azamat Toktosun uulu", with a
parenthetical name right after it as an alias ("... uulu (Aza)"); Arabic names by their article or
"bin"/"ibn" ("Ahmed Al-Mansouri", "Khalid bin Zayed")."""

from __future__ import annotations

import re

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.recognisers.common import person_candidate
from pipeline.extract.state import _PARTICLES, ExtractorState

SCORE = 0.9


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(_PARTICLES):
        t = s.toks[i]
        if t.kind != "word" or t.in_title or not s.free(i):
            continue
        if not (s.name_word(i - 1) and s.adjacent(i - 1, i)):
            continue
        lo = i - 1
        if s.given_word(i - 2) and s.adjacent(i - 2, i - 1) and not s.in_heading_run(i - 2):
            lo = i - 2
        out.append(person_candidate(s, lo, i, SCORE, "person-particle"))
    return out


# "Al-Mansouri", "el-Sayed": an Arabic surname with its article; "bin", "ibn" between two name words
_ARTICLE_SURNAME = re.compile(r"^(?:[Aa]l|[Ee]l|[Aa]d|[Aa]sh|[Aa]t)[-\u2010\u2011][A-Z][a-z]{2,}$")
_NASAB = frozenset({"bin", "ibn", "bint"})
_ARTICLES = frozenset({"Al", "El"})
ARABIC_SCORE = 0.85


def propose_arabic(s: ExtractorState) -> list[Candidate]:
    """ "Ahmed Al-Mansouri", "Khalid bin Zayed": Arabic names mark themselves by an article glued to the
    surname or a "son of" word between two names; a given name must come first either way."""
    out: list[Candidate] = []
    for i, t in enumerate(s.toks):
        # most tokens are none of these: the cheap tests first
        if "-" not in t.text and t.lower not in _NASAB and t.text not in _ARTICLES:
            continue
        if t.kind != "word" or t.in_title or not s.free(i):
            continue
        if _ARTICLE_SURNAME.match(t.text) and s.given_word(i - 1) and s.adjacent(i - 1, i):
            out.append(person_candidate(s, i - 1, i, ARABIC_SCORE, "person-arabic"))
        elif (
            t.text in _ARTICLES
            and s.given_word(i - 1)
            and s.name_word(i + 1)
            and s.adjacent(i - 1, i)
            and s.adjacent(i, i + 1)
            and gazetteer.lookup(s.span_text(i, i + 1)) is None
        ):
            lo = (
                i - 2 if s.given_word(i - 2) and s.adjacent(i - 2, i - 1) else i - 1
            )  # "Sultan Rashid Al Dhaheri"
            out.append(person_candidate(s, lo, i + 1, ARABIC_SCORE, "person-arabic"))  # "Omar Al Hashimi"
        elif (
            t.lower in _NASAB
            and s.given_word(i - 1)
            and s.name_word(i + 1)
            and s.adjacent(i - 1, i)
            and s.adjacent(i, i + 1)
        ):
            out.append(person_candidate(s, i - 1, i + 1, ARABIC_SCORE, "person-arabic"))
    return out


# "Pieter van den Broek", "Ursula von der Leyen": lower-case particles between a given name and a surname
EUROPEAN_PARTICLES = frozenset({"van", "von", "de", "den", "der", "du", "da", "di", "le", "la", "dos", "del"})


def propose_particle_surnames(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(EUROPEAN_PARTICLES):
        if s.toks[i].cap or s.toks[i].in_title or not s.given_word(i - 1) or not s.adjacent(i - 1, i):
            continue
        k = i
        while k - i < 2 and s.is_word(k, EUROPEAN_PARTICLES) and not s.toks[k].cap and s.adjacent(k, k + 1):
            k += 1
        if not s.name_word(k) or gazetteer.lookup(s.toks[k].text) is not None:
            continue
        out.append(person_candidate(s, i - 1, k, ARABIC_SCORE, "person-particle"))
    return out

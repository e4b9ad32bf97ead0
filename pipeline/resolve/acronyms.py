"""Acronyms and abbreviations across documents.

An acronym names the same body as a full name when it spells that name's initials: in English word
order ("ADB" = Asian Development Bank), or as the initials of the name in a language of the region,
word for word from data/local_initials.json, in either word order (a Russian name puts the head first:
National Security Committee = Komitet Natsionalnoi Bezopasnosti = KNB; State Committee for National
Security = GKNB; Interior Ministry = Ministerstvo Vnutrennikh Del = MVD). Country and bloc
abbreviations ("UK", "USSR", "CIS") stand for their full names, from pycountry's codes and the
extractor's abbreviation tables (general knowledge, not names from pages).
"""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from pathlib import Path

import pycountry

from pipeline import gazetteer
from pipeline.extract.lexicon import kind_table

DATA = Path(__file__).parent / "data" / "local_initials.json"
# the extractor's abbreviation tables, read here too: an abbreviation stored by older code still resolves
TABLES = tuple(
    Path(__file__).parents[1] / "extract" / "data" / f"{name}.json"
    for name in ("place_abbreviations", "org_abbreviations")
)
# Acronyms shorter than this are matched only where a page defines them ("X (AB)") or a table knows
# them: two letters spell too many names.
MIN_SPELLED = 3
_SKIP = frozenset({"of", "for", "on", "and", "the", "de", "in", "to", "at", "under", "with", "&"})
_INVERTING = frozenset({"of", "for", "on", "under"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MAX_SPELLINGS = 64  # a name whose words allow more spellings than this is read in English only


def is_acronym(form: str) -> bool:
    """Capitals, perhaps with a lower-case letter of a digraph ("MChS", "TsIK"): no spaces, no dots."""
    if not 2 <= len(form) <= 7 or not form.isalpha() or not form[0].isupper():
        return False
    upper = sum(ch.isupper() for ch in form)
    return upper >= 2 and len(form) - upper <= 2


@cache
def _languages() -> tuple[dict[str, tuple[str, ...]], ...]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(
        {w: tuple([v] if isinstance(v, str) else v) for w, v in table.items()}
        for lang, table in sorted(raw.items())
        if not lang.startswith("_")
    )


def _orders(words: list[str]) -> list[list[str]]:
    """The words of a name as written, and in the other order a language may use: "Committee for
    National Security" ~ "National Security Committee"."""
    content = [w for w in words if w not in _SKIP]
    if len(content) < 2:
        return [content]
    cut = next((k for k, w in enumerate(words) if k and w in _INVERTING), None)
    if cut is not None:
        before = [w for w in words[:cut] if w not in _SKIP]
        after = [w for w in words[cut + 1 :] if w not in _SKIP]
        other = after + before
    else:
        other = content[-1:] + content[:-1]
    return [content, other] if other != content else [content]


def spellings(name: str) -> frozenset[str]:
    """Every acronym (casefolded) that may stand for `name`: its initials in English and in each
    language of data/local_initials.json, in either word order."""
    words = [w.casefold().replace("’", "'") for w in _WORD.findall(name)]
    if len(words) < 2:
        return frozenset()
    orders = _orders(words)
    out = {"".join(w[0] for w in orders[0])}
    for table in _languages():
        for order in orders:
            options = [table.get(w, (w[0],)) for w in order]
            count = 1
            for o in options:
                count *= len(o)
            if count > _MAX_SPELLINGS:
                continue
            out.update("".join(p) for p in itertools.product(*options))
    return frozenset(s for s in out if len(s) >= 2)


@cache
def _place_table() -> dict[str, str]:
    return kind_table("place_abbreviations")


@cache
def _org_table() -> dict[str, str]:
    return kind_table("org_abbreviations")


def place_abbreviation(name: str) -> gazetteer.Place | str | None:
    """What a place abbreviation stands for: a gazetteer country ("US", "GBR"), else a full name the
    table knows ("USSR" → "Soviet Union"), else None (not an abbreviation)."""
    letters = name.replace(".", "")
    if not letters.isalpha() or not letters.isupper() or not 2 <= len(letters) <= 5:
        return None
    full = _place_table().get(name) or _place_table().get(letters)
    place = gazetteer.lookup(full) if full else None
    if place is None and len(letters) in (2, 3):
        code = letters
        if len(letters) == 3:
            found = pycountry.countries.get(alpha_3=letters)
            code = found.alpha_2 if found is not None else ""
        place = gazetteer.country_by_code(code) if code else None
    return place or full


def org_expansion(name: str) -> str | None:
    """The full name of a bloc or international body the table knows by its abbreviation ("CIS")."""
    full = _org_table().get(name)
    return full if full and full != name else None

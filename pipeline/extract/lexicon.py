"""Word lists of ordinary vocabulary the extractor reasons with, read from pipeline/extract/data.

No proper names live here or there: cue words, head words, titles. Everything is lower case;
callers compare `token.lower`. Each list is one file, one entry a line (`#` starts a comment),
or a JSON object for word → kind tables, so a rule change is a data change.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@cache
def _text(name: str) -> str:
    return resources.files("pipeline.extract").joinpath("data", name).read_text(encoding="utf-8")


@cache
def word_list(name: str) -> frozenset[str]:
    """data/<name>.txt: one entry a line, `#` comments."""
    entries = (line.split("#", 1)[0].strip() for line in _text(f"{name}.txt").splitlines())
    return frozenset(e for e in entries if e)


@cache
def kind_table(name: str) -> dict[str, str]:
    """data/<name>.json: word → kind."""
    table: dict[str, str] = json.loads(_text(f"{name}.json"))
    return table


MONTHS = word_list("months")

WEEKDAYS = word_list("weekdays")

# Words that open sentences or clauses; capitalised only because of their position.
FUNCTION_WORDS = word_list("function_words")

# Capitalised section-heading and sentence-opening words that are never names by themselves.
HEADING_WORDS = word_list("heading_words")

# Ordinary capitalised words that are neither people, places nor organizations: eras, faiths,
# festivals, scripts, currencies, technologies.
ORDINARY_PROPER = word_list("ordinary_proper")

# People's positions and occupations: cues for roles and for names that follow them.
TITLE_WORDS = word_list("title_words")

# "Vice-Minister", "Ex-President", "Acting-Governor": a title with a prefix glued on by a hyphen.
_TITLE_PREFIXES = words("vice deputy ex acting co first")


def is_title(lower: str) -> bool:
    if lower in TITLE_WORDS:
        return True
    prefix, hyphen, rest = lower.partition("-")
    return bool(hyphen) and prefix in _TITLE_PREFIXES and rest in TITLE_WORDS


# Words that qualify a title without being one.
TITLE_MODIFIERS = word_list("title_modifiers")

FORMER_WORDS = word_list("former_words")

# Relations and descriptions: a person is called this, but it is not a position.
RELATION_WORDS = word_list("relation_words")

# Head words of organization names.
ORG_HEADS_KIND = kind_table("org_heads_kind")

ORG_HEADS = frozenset(ORG_HEADS_KIND)

# Heads that name one body on their own when capitalised ("Parliament passed ...").
STANDALONE_HEADS = word_list("standalone_heads")

# Lowercase nouns that, right after a name, say what kind of body it is ("X foundation").
ORG_TYPE_NOUNS = kind_table("org_type_nouns")

# Lowercase nouns before a name that say what kind of body it is ("the independent outlet X").
ORG_TYPE_BEFORE = {
    **{k: v for k, v in ORG_TYPE_NOUNS.items() if k not in {"fund", "site", "platform"}},
    "messenger": "company",
    "network": "company",
    "app": "company",
    "service": "company",
}

# Words that end an outlet's name after a person-like word ("X Live", "X TV"): a media brand.
OUTLET_SUFFIXES = word_list("outlet_suffixes")

# Word endings of single-word company brands (Kapitalbank, Gazprom, Uzbekneftegaz, Kazatomprom).
COMPANY_ENDINGS = tuple(sorted(word_list("company_endings")))

# Head words of laws, codes and other texts: spans built on them are never entities.
LAW_HEADS = word_list("law_heads")

# Capitalised acronyms of everyday things, not organizations.
COMMON_ACRONYMS = word_list("common_acronyms")

# Verbs that follow a person's name as subject of speech; a cue that two capitalised words are a name.
SPEECH_VERBS = word_list("speech_verbs")

ABBREVIATIONS = word_list("abbreviations")

# Lowercase nouns after a capitalised word that make it a facility or landform, not a body.
FACILITY_NOUNS = word_list("facility_nouns")

# Everyday English words of news headings and prose. A capitalised one in a heading run glued before
# a name is part of the heading, not of the name ("Press Freedom Under Pressure Human Rights Watch").
COMMON_ENGLISH = word_list("common_english")

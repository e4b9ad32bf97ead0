"""A naming-pattern model for Central Asian, Russian and neighbouring person names.

Morphology, not lists: Turkic/Slavic/Persian surname endings and patronymics, in Latin and
Cyrillic script, including Russian case endings (Токаева, Токаеву, Токаевым).
"""

from __future__ import annotations

import re
from functools import cache

from anyascii import anyascii

# Endings that mark a surname on their own (Tokayev, Nukenova, Bishimbayev, Sadyrov, Rahmonzoda,
# Nazarbayuly, Toktogul uulu, Abdulloev, Mirziyoyev).
_STRONG_LATIN = re.compile(
    r"(?:[bcdfghjklmnpqrstvwxzy]|[aeiouy]y)(?:ov|ova|ev|eva|yev|yeva|iev|ieva|yov|yova|jev|jeva)$"
    # Turkmen spelling: Amanow, Orazowa, Berdimuhamedow
    r"|[a-z]{2}[bdfhjlmnprstvxz](?:ow|owa)$|[a-z]{3}y(?:ew|ewa)$"
    r"|[a-z]{3,}(?:uly|uli|kyzy|qyzy|kizi|zoda|zade|zod|uulu|ovich|evich|ovna|evna|ovych|enko|shvili|dze)$"
    r"|[a-z]{2,}(?:bekov|bekova|baev|baeva|bayev|bayeva|ullaev|ullayev|ulloev|ulloyev)$"
    # Kyrgyz and Kazakh spelling with a vowel before -ev: Abdyldaev, Toktomushaeva
    r"|[a-z]{3,}[bcdfghjklmnpqrstvxz]aeva?$"
)
# Endings shared with ordinary words and place names (Karin/Latin, Yan/Ukraine): need another cue.
_WEAK_LATIN = re.compile(r"(?:[bcdfghjklmnprstvz](?:in|ina|yn|yna)|yan|ian|sky|skiy|skaya|ski|uk|ik|ich)$")
_CYRILLIC = re.compile(
    r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ом|е|ой|ою|ых|ы)?$"
    r"|(?:ова|ева|ина|ына)(?:я)?$"
    r"|(?:ск|цк)(?:ий|ая|ого|ому|им|ой|ую|ом)$"
    r"|(?:улы|кызы|уулу|зода|заде)$"
)
_PATRONYMIC = re.compile(
    r"(?:ovich|evich|ovna|evna|ovych|ich|uly|kyzy|qyzy|uulu|ович|евич|овна|евна|улы|кызы)$"
)


def ascii_lower(word: str) -> str:
    return anyascii(word).lower().replace("'", "")


@cache
def surname_strength(word: str) -> int:
    """2: the ending alone marks a surname; 1: a surname-like ending that needs context; 0: none."""
    if len(word) < 4 or not word[:1].isupper():
        return 0
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        return 2 if _CYRILLIC.search(word.lower()) and len(word) >= 5 else 0
    last = ascii_lower(word.split("-")[-1])
    if len(last) < 4:
        return 0
    if _STRONG_LATIN.search(last):
        return 2
    if _WEAK_LATIN.search(last):
        return 1
    return 0


@cache
def is_patronymic(word: str) -> bool:
    return bool(_PATRONYMIC.search(ascii_lower(word) if word.isascii() else word.lower()))


def looks_like_name_word(word: str) -> bool:
    """A capitalised alphabetic word of name shape: no digits, not all caps, at most two hyphens."""
    if not word[:1].isupper() or len(word) < 2:
        return False
    if word.isupper() and len(word) > 1:
        return False
    parts = re.split(r"[-\u2010\u2011]", word)
    return len(parts) <= 3 and all(p[:1].isalpha() for p in parts if p)


_CYR = re.compile("[\u0400-\u04ff]")
_ENDINGS = re.compile(r"(?:ogo|omu|oju|oi|oy|om|ym|im|a|u|e|y|i)$")
_KEY_RULES = (
    ("yev", "ev"),
    ("yeva", "eva"),
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("q", "k"),
    ("x", "h"),
    ("w", "v"),
    ("ye", "e"),
    ("yu", "u"),
    ("ya", "a"),
    ("yo", "o"),
    ("iy", "i"),
    ("ij", "i"),
    ("y", "i"),
)


@cache
def token_key(word: str) -> str:
    """Transliteration key of one name word: Tokayev, Tokaev and Токаев give the same key."""
    s = re.sub(r"[^a-z0-9]", "", anyascii(word).lower())
    for a, b in _KEY_RULES:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def token_stem(word: str) -> str:
    key = token_key(word)
    stripped = _ENDINGS.sub("", key)
    return stripped if len(stripped) >= 3 else key


@cache
def tokens_match(a: str, b: str) -> str | None:
    """None when two name words differ; else "same", "translit" or "inflection"."""
    if a.casefold() == b.casefold():
        return "same"
    if token_key(a) == token_key(b):
        return "translit"
    if (_CYR.search(a) or _CYR.search(b)) and token_stem(a) == token_stem(b):
        # Russian case endings: Токаева / Токаеву ~ Токаев ~ Tokayev
        return "inflection"
    return None

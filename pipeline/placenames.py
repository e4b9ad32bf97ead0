"""Name keys for places: case and accent folding, a transliteration-tolerant skeleton, administrative
words, and the nominatives of Russian case forms. Pure string functions; the gazetteer's tables are
keyed by them (pipeline/gazetteer.py)."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# Administrative words that decorate a region's name in the sources and in ISO 3166-2.
REGION_WORDS = frozenset(
    {
        "region",
        "regions",
        "province",
        "provinces",
        "oblast",
        "oblasts",
        "oblysy",
        "oblys",
        "viloyati",
        "viloyat",
        "viloyatlari",
        "wiloyaty",
        "velayat",
        "welaýaty",
        "shaary",
        "district",
        "districts",
        "respublikasi",
        "respublika",
        "republic",
        # Chinese and Russian administrative words as ISO 3166-2 writes them ("Xinjiang Uygur Zizhiqu")
        "sheng",
        "zizhiqu",
        "uygur",
        "sar",
        "okrug",
        "avtonomnyy",
        "avtonomnaya",
        "territory",
        "area",
        "krai",
        "kray",
        "область",
        "облысы",
        "вилоят",
        "район",
    }
)
# Compass words in Kazakh/Russian/Uzbek forms of region names ("Shyghys Qazaqstan" = East Kazakhstan).
COMPASS = {
    "shyghys": "east",
    "batys": "west",
    "soltustik": "north",
    "ongtustik": "south",
    "vostochno": "east",
    "zapadno": "west",
    "severo": "north",
    "yuzhno": "south",
    "sharqiy": "east",
    "garbiy": "west",
    "shimoliy": "north",
    "janubiy": "south",
    "eastern": "east",
    "western": "west",
    "northern": "north",
    "southern": "south",
}

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def fold(text: str) -> str:
    """Case-, accent- and quote-insensitive form of a name; "St" and "St." read as "Saint"."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = anyascii(text).lower()
    text = re.sub(r"['`ʼ’‘]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return _SAINT.sub("saint ", text)


_SAINT = re.compile(r"^st (?=[a-z]{3})")
_HYPHENATED = re.compile(r"^[A-Z][a-z]+(?:-[a-z]{1,3}-[A-Z][a-z]+|-[A-Z][a-z]+)$")
# the adjective ending of a Russian region name ("Zhambylskaya oblast'"): the stem is the name
_RU_ADJECTIVE = re.compile(r"(?:skaya|skiy|skij|skii|skoy)$")


def skeleton(text: str) -> str:
    """Transliteration-tolerant key: digraphs unified, vowels reduced to one mark, doubles collapsed."""
    s = fold(text).replace(" ", "")
    for a, b in (
        ("gh", "g"),
        ("kh", "h"),
        ("q", "k"),
        ("zh", "j"),
        ("dzh", "j"),
        ("ch", "c"),
        ("sh", "s"),
        ("x", "h"),
        ("w", "v"),
        ("yo", "o"),
        ("ya", "a"),
        ("yu", "u"),
        ("ye", "e"),
    ):
        s = s.replace(a, b)
    s = re.sub(r"[aeiouy]+", "*", s)
    return re.sub(r"(.)\1+", r"\1", s)


def strip_region_words(text: str) -> str:
    words = [w for w in fold(text).split() if w not in REGION_WORDS]
    return " ".join(COMPASS.get(w, w) for w in words)


def _fold_cyrillic(text: str) -> str:
    """Cyrillic names are keyed in Cyrillic (lower case): transliterating them would collide."""
    return unicodedata.normalize("NFKC", text).lower().replace("ё", "е").strip()


# Russian case endings and the nominative endings they replace (Астане → Астана, Киргизии → Киргизия).
_RU_ENDINGS = (
    ("ии", "ия"),
    ("ой", "а"),
    ("ом", ""),
    ("ей", "ь"),
    ("ью", "ь"),
    ("е", "а"),
    ("е", ""),
    ("у", "а"),
    ("ы", "а"),
    ("и", "я"),
    ("а", ""),
    ("я", "ь"),
    ("ю", "я"),
    ("е", "ь"),
)


def cyrillic_candidates(word: str) -> list[str]:
    """The word and the nominatives it may be an inflection of."""
    low = _fold_cyrillic(word)
    out = [low]
    for ending, nominative in _RU_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            out.append(low[: len(low) - len(ending)] + nominative)
    return out


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _is_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None

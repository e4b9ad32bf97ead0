"""Misspelled surnames: "Firstname Surname" and the same first name with the surname one slip of the
keyboard away are one person, when nothing says they are two.

Names are compared by their transliteration keys (pipeline/extract/names.token_key), so spelling
systems already agree; what is left is a vowel dropped or added, two letters swapped, or one vowel or
one voicing partner (b/p, d/t, g/k, z/s, v/f) written for another. Guarded, because people with
similar names are common:

- the first names have the same key and the names the same number of words, middle words matching;
- both surname keys have at least `MIN_SURNAME` letters; the first letter and the ending (the last
  three) agree, so another ending (Petrov / Petrova, -ova / -eva) is never a slip;
- a letter dropped or added is a vowel (a consonant makes another name: -ayev, -bayev);
- each of the two is one slip from the other only, among the names of that first name;
- the two were never named in the same document (a page that names both keeps them apart).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from rapidfuzz.distance import OSA

from pipeline.extract.names import tokens_match

MIN_SURNAME = 6
# the last letters of a surname are its gendered ending (-ov, -ova, -eva, -ina): a slip lies before them
_ENDING = 3
_VOWELS = frozenset("aeiouy")
_VOICING = frozenset({frozenset(p) for p in ("bp", "dt", "gk", "zs", "vf")})


def _slip(a: str, b: str) -> bool:
    """Whether surname keys `a` and `b` differ by one plausible slip (see the module docstring)."""
    if min(len(a), len(b)) < MIN_SURNAME or a[0] != b[0] or a[-_ENDING:] != b[-_ENDING:]:
        return False
    if OSA.distance(a, b, score_cutoff=1) != 1:
        return False
    if len(a) != len(b):
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        at = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
        # a vowel dropped or added before the ending; a consonant makes another name (-ayev, -bayev)
        return long_[at] in _VOWELS and len(short) - at > _ENDING
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(a) - diff[-1] <= _ENDING:
        return False  # the ending itself differs (-ova, -eva): a name's form, not a slip
    if len(diff) == 2:
        return True  # two neighbours swapped (OSA distance 1 with two positions differing)
    x, y = a[diff[0]], b[diff[0]]
    return (x in _VOWELS and y in _VOWELS) or frozenset((x, y)) in _VOICING


def _variants(key: str) -> set[str]:
    """The key and its forms with one letter deleted where a slip may lie (after the first letter,
    before the ending): two keys one such slip apart share one."""
    return {key, *(key[:i] + key[i + 1 :] for i in range(1, len(key) - _ENDING))}


def misspelled_pairs(names: Sequence[str], key: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs (a, b) of distinct full names, a < b, that are one person by the rules above but the last
    (which documents name them is the caller's to check). `key` gives a word's transliteration key."""
    # a slip keeps the first name, the number of words, the surname's first letter and its ending: names
    # that differ in any of these are never compared
    blocks: dict[tuple[str, int, str, str], list[str]] = defaultdict(list)
    surname: dict[str, str] = {}
    for name in names:
        words = name.split()
        if len(words) >= 2:
            last = surname[name] = key[words[-1]]
            if len(last) >= MIN_SURNAME:
                blocks[(key[words[0]], len(words), last[0], last[-_ENDING:])].append(name)
    pairs: list[tuple[str, str]] = []
    for block in blocks.values():
        if len(block) < 2:
            continue
        variants = {n: _variants(surname[n]) for n in block}
        by_variant: dict[str, set[str]] = defaultdict(set)
        for n in block:
            for v in variants[n]:
                by_variant[v].add(n)
        near: dict[str, set[str]] = defaultdict(set)
        for n in block:
            for v in variants[n]:
                for m in by_variant[v]:
                    if (
                        n < m
                        and m not in near[n]
                        and surname[m] != surname[n]
                        and _slip(surname[n], surname[m])
                    ):
                        near[n].add(m)
                        near[m].add(n)
        for n, others in near.items():
            (m,) = others if len(others) == 1 else ("",)
            # each close only to the other (a name close to several: which one is meant is unknown)
            if not m or n > m or near[m] != {n}:
                continue
            mid_n, mid_m = n.split()[1:-1], m.split()[1:-1]
            if all(tokens_match(x, y) is not None for x, y in zip(mid_n, mid_m, strict=True)):
                pairs.append((n, m))
    return sorted(set(pairs))

"""People across documents: full names match token by token through a transliteration key (Tokayev ~
Tokaev ~ Токаев) that tolerates Russian case endings; a lone surname joins the one full-name group it
matches and stays apart when it matches none or several; first-name-only people are never merged."""

from __future__ import annotations

from collections import defaultdict

from pipeline.entities import DocEntity, EntityRef, ResolvedEntity
from pipeline.extract.names import is_patronymic, tokens_match
from pipeline.resolve.common import Forms, Memo, Reasons, UnionFind, build
from pipeline.resolve.spelling import misspelled_pairs


def _names_match(a: str, b: str, ta: list[str] | None = None, tb: list[str] | None = None) -> str | None:
    """Why two full names are the same person, or None. `ta` and `tb`, when given, are their words (a
    block compares each name with every other: split once)."""
    ta = a.split() if ta is None else ta
    tb = b.split() if tb is None else tb
    if len(ta) < 2 or len(tb) < 2:
        return None
    if len(ta) != len(tb):
        short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
        if len(short) != 2 or not all(is_patronymic(w) for w in long_[1:-1]):
            return None
        ta, tb = [short[0], short[-1]], [long_[0], long_[-1]]
    how = [tokens_match(x, y) for x, y in zip(ta, tb, strict=True)]
    if any(h is None for h in how):
        return None
    if all(h == "same" for h in how):
        return "same normalized name"
    return f"{'inflection' if 'inflection' in how else 'translit'} match {a}~{b}"


def resolve_people(ents: list[DocEntity], refs: list[EntityRef], forms: Forms) -> list[ResolvedEntity]:
    uf = UnionFind(len(ents))
    reasons: Reasons = defaultdict(list)
    stem = forms.stem
    full: list[int] = []
    single: list[int] = []
    for i, e in enumerate(ents):
        if not e.first_name_only:
            (full if len(e.name.split()) >= 2 else single).append(i)
    # Two full names match only when their first words and their last words have equal stems, so that
    # pair is the block: comparisons stay within a handful of names however large the corpus.
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in full:
        words = ents[i].name.split()
        blocks[(stem[words[0]], stem[words[-1]])].append(i)
    for block in blocks.values():
        # identical names always match: compare each distinct name once, not every pair of mentions of it
        members: dict[str, list[int]] = defaultdict(list)
        for i in block:
            members[ents[i].name].append(i)
        for name, same in members.items():
            for j in same[1:]:
                uf.union(same[0], j)
            if len(same) > 1:
                reasons[same[0]].append(f"same full name in {len(same)} places: '{name}'")
        if len(members) < 2:
            continue
        names = sorted(members)
        split = [a.split() for a in names]
        for x, a in enumerate(names):
            for y in range(x + 1, len(names)):
                b = names[y]
                why = _names_match(a, b, split[x], split[y])
                if why is not None:
                    i, j = members[a][0], members[b][0]
                    uf.union(i, j)
                    reasons[i].append(f"{why}: '{a}' = '{b}'")
    _join_misspellings(full, ents, refs, forms.key, uf, reasons)
    if single:
        _attach_surnames(ents, refs, forms, uf, reasons, full, single)
    # lone surnames that matched no full name (or several) still merge with each other
    full_roots = {uf.find(j) for j in full}
    lone: dict[str, list[int]] = defaultdict(list)
    for i in single:
        if uf.find(i) not in full_roots:
            lone[stem[ents[i].name]].append(i)
    for group in lone.values():
        for j in group[1:]:
            why = tokens_match(ents[group[0]].name, ents[j].name)
            if why is not None and uf.union(group[0], j):
                reasons[j].append(f"same surname '{ents[group[0]].name}' = '{ents[j].name}'")
    return build("person", ents, refs, uf, reasons, forms)


def _join_misspellings(
    full: list[int], ents: list[DocEntity], refs: list[EntityRef], key: Memo, uf: UnionFind, reasons: Reasons
) -> None:
    """Full names whose surnames are one slip apart (pipeline/resolve/spelling.py) join, unless some
    document names both groups."""
    first: dict[str, int] = {}
    for i in full:
        first.setdefault(ents[i].name, i)
    if len(first) < 2:
        return
    pairs = misspelled_pairs(list(first), key)
    if not pairs:
        return
    # the documents of each group a pair would join: a document naming both keeps them apart
    docs: dict[int, set[str]] = defaultdict(set)
    for i in full:
        docs[uf.find(i)].add(refs[i].document)
    for a, b in pairs:
        ra, rb = uf.find(first[a]), uf.find(first[b])
        if ra != rb and not (docs[ra] & docs[rb]):
            uf.union(ra, rb)
            docs[uf.find(ra)] = docs[ra] | docs[rb]
            reasons[first[a]].append(f"surname one letter apart, same first name: '{a}' = '{b}'")


def _attach_surnames(
    ents: list[DocEntity],
    refs: list[EntityRef],
    forms: Forms,
    uf: UnionFind,
    reasons: Reasons,
    full: list[int],
    single: list[int],
) -> None:
    """A lone surname joins the one full-name group it matches, and stays apart when it matches none or
    several."""
    stem, key, norm = forms.stem, forms.key, forms.norm
    words = sorted({ents[i].name for i in single})
    wanted = (
        {"k:" + key[w] for w in words} | {"s:" + stem[w] for w in words} | {"a:" + norm[w] for w in words}
    )
    # index full names by their last word (transliteration key and inflection stem) and one-word
    # aliases; only under the keys some lone surname looks up
    by_last: dict[str, set[int]] = defaultdict(set)
    for j in full:
        for form in (ents[j].name, *ents[j].aliases):
            parts = form.split()
            if len(parts) >= 2:
                for k in ("k:" + key[parts[-1]], "s:" + stem[parts[-1]]):
                    if k in wanted:
                        by_last[k].add(j)
            elif parts and "a:" + norm[form] in wanted:
                by_last["a:" + norm[form]].add(j)
    # Attaching a surname adds it to a group and never joins two groups of full names, so what a word
    # matches is the same for every mention of that word: worked out once per distinct word. It
    # matches when exactly one group holds a full name it matches; the name it is reported against is
    # that of the last such item (a one-word alias match counting after the last-word matches).
    matched: dict[str, tuple[int, str] | None] = {}
    for word in words:
        pool = by_last.get("k:" + key[word], set()) | by_last.get("s:" + stem[word], set())
        roots: set[int] = set()
        last = -1
        same_forms: dict[tuple[str, tuple[str, ...]], bool] = {}  # the same names recur across documents
        for j in pool:
            e = ents[j]
            hit = same_forms.get((e.name, e.aliases))
            if hit is None:
                hit = same_forms[(e.name, e.aliases)] = any(
                    len(f.split()) >= 2 and tokens_match(word, f.split()[-1]) is not None
                    for f in (e.name, *e.aliases)
                )
            if hit:
                roots.add(uf.find(j))
                last = max(last, j)
                if len(roots) > 1:
                    break  # several people: the surname stays apart
        by_alias = by_last.get("a:" + norm[word], set())
        roots.update(uf.find(j) for j in by_alias)
        if by_alias:
            last = max(by_alias)
        matched[word] = (last, ents[last].name) if len(roots) == 1 else None
    for i in single:
        word = ents[i].name
        target = matched[word]
        if target is not None:
            j, full_name = target
            uf.union(uf.find(j), i)
            reasons[i].append(f"surname '{word}' in {refs[i].document[:12]} matches full name '{full_name}'")

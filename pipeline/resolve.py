"""Cross-document resolution: one ResolvedEntity per real-world person, organization and place.

Merge decisions are pairwise judgements recorded as `reasons` (nomenklatura-style). The result
depends only on the set of inputs: inputs are sorted first and groups are built by union-find
over rules that do not depend on order, so the same documents in any order give the same nodes
and keys.

- people: full names match token by token through a transliteration key (Tokayev ~ Tokaev ~
  Токаев) that tolerates Russian case endings (Токаева, Токаеву); a lone surname joins the one
  full-name group it matches, and stays apart when it matches none or several; first-name-only
  people are never merged.
- organizations: a shared name or alias merges, unless the two are bodies of different states
  (qualifiers); an acronym merges only with an entity that spells it out.
- places: the same gazetteer entry, else the same name.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pipeline.entities import DocEntity, DocumentEntities, EntityKind, EntityRef, ResolvedEntity
from pipeline.extract.names import is_patronymic, token_key, token_stem, tokens_match
from pipeline.link import norm_name


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


class _Memo(dict[str, str]):
    """One function's answers for the strings of one resolution: a corpus names the same forms over and
    over, and the normalizers are regular expressions. Per call, so a long-lived worker keeps nothing."""

    def __init__(self, fn: Callable[[str], str]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: str) -> str:
        value = self[key] = self.fn(key)
        return value


@dataclass
class _Forms:
    """Memoized normalizers shared by the kinds' resolvers and _build."""

    norm: _Memo
    stem: _Memo
    key: _Memo

    @classmethod
    def new(cls) -> _Forms:
        return cls(_Memo(norm_name), _Memo(token_stem), _Memo(token_key))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def resolve(documents: Sequence[DocumentEntities]) -> tuple[ResolvedEntity, ...]:
    """Merge the documents' entities into corpus-wide entities."""
    # per kind, the entities and where each comes from, in (document, index) order: _build relies on it
    by_kind: dict[str, tuple[list[DocEntity], list[EntityRef]]] = {
        "person": ([], []),
        "organization": ([], []),
        "place": ([], []),
    }
    ordered = sorted(documents, key=lambda d: d.document)
    # the same document given twice is taken once (idempotent); the set of seen entities is only
    # needed when some identity repeats, which a corpus read from storage never has
    seen: set[tuple[str, int]] | None = set() if len({d.document for d in ordered}) < len(ordered) else None
    for doc in ordered:
        for index, entity in enumerate(doc.entities):
            if seen is not None:
                if (doc.document, index) in seen:
                    continue
                seen.add((doc.document, index))
            group = by_kind.get(entity.kind)
            if group is not None:
                group[0].append(entity)
                group[1].append(EntityRef(doc.document, index))
    forms = _Forms.new()
    out: list[ResolvedEntity] = []
    out.extend(_resolve_people(*by_kind["person"], forms))
    out.extend(_resolve_orgs(*by_kind["organization"], forms))
    out.extend(_resolve_places(*by_kind["place"], forms))
    return _unique_keys(out)


def _resolve_people(ents: list[DocEntity], refs: list[EntityRef], forms: _Forms) -> list[ResolvedEntity]:
    uf = _UnionFind(len(ents))
    reasons: dict[int, list[str]] = defaultdict(list)
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
    return _build("person", ents, refs, uf, reasons, forms)


def _attach_surnames(
    ents: list[DocEntity],
    refs: list[EntityRef],
    forms: _Forms,
    uf: _UnionFind,
    reasons: dict[int, list[str]],
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


def _is_acronym(form: str) -> bool:
    return form.isupper() and " " not in form and "." not in form and len(form) <= 6


def _short_forms(form: str, qualifier: str | None, norm: _Memo) -> list[str]:
    """Other names the same body goes by: a dotted name's stem ("kloop.kg" → "kloop") and, for a body
    of a known state, its name without "of <state>" ("supreme court of kazakhstan" → "supreme court")."""
    out: list[str] = []
    stem, dot, _ = form.partition(".")
    if dot and " " not in form and stem.isalpha() and len(stem) >= 4:
        out.append(stem)
    if qualifier:
        suffix = " of " + norm[qualifier]
        if form.endswith(suffix) and len(form) > len(suffix):
            out.append(form[: -len(suffix)])
    return out


def _resolve_orgs(ents: list[DocEntity], refs: list[EntityRef], forms: _Forms) -> list[ResolvedEntity]:
    uf = _UnionFind(len(ents))
    reasons: dict[int, list[str]] = defaultdict(list)
    norm = forms.norm
    by_form: dict[str, list[int]] = defaultdict(list)
    acronym_alias: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(ents):
        names = {norm[e.name]}
        for alias in e.aliases:
            if _is_acronym(alias):
                acronym_alias[norm[alias]].append(i)
            else:
                names.add(norm[alias])
        for form in list(names):
            names.update(_short_forms(form, e.qualifier, norm))
        for form in names:
            if form:
                by_form[form].append(i)
    for form, members in sorted(by_form.items()):
        if len(members) < 2:
            continue  # nothing to merge (a body alone with its name unions with itself only)
        # members of each state, in member order
        of_state: dict[str, list[int]] = defaultdict(list)
        for i in members:
            q = ents[i].qualifier
            if q:
                of_state[q].append(i)
        quals = sorted(of_state)
        for q in quals:
            same = of_state[q]
            for i in same[1:]:
                if uf.union(same[0], i):
                    reasons[i].append(f"same normalized name '{form}' of {q}")
        if len(quals) <= 1:
            anchor = next((i for i in members if ents[i].qualifier), members[0])
            for i in members:
                if ents[i].qualifier is None and uf.union(anchor, i):
                    reasons[i].append(
                        f"same normalized name '{form}'" + (f", state {quals[0]} assumed" if quals else "")
                    )
    for form, members in sorted(acronym_alias.items()):
        named = [i for i in by_form.get(form, []) if _is_acronym(ents[i].name)]
        roots = {uf.find(i) for i in members}
        if named and len(roots) == 1:
            for i in named:
                if uf.union(members[0], i):
                    reasons[i].append(f"acronym '{ents[i].name}' spelled out as '{ents[members[0]].name}'")
    return _build("organization", ents, refs, uf, reasons, forms)


def _resolve_places(ents: list[DocEntity], refs: list[EntityRef], forms: _Forms) -> list[ResolvedEntity]:
    uf = _UnionFind(len(ents))
    reasons: dict[int, list[str]] = defaultdict(list)
    norm = forms.norm
    first: dict[str, int] = {}
    for i, e in enumerate(ents):
        key = e.ref or "name:" + norm[e.name]
        if key in first:
            if uf.union(first[key], i):
                reasons[i].append(
                    f"same gazetteer entry {key}" if e.ref else f"same normalized name '{key[5:]}'"
                )
        else:
            first[key] = i
    return _build("place", ents, refs, uf, reasons, forms)


def _fullest(names: Iterable[str]) -> str:
    counted = Counter(names)
    return min(counted, key=lambda n: (-len(n.split()), -counted[n], -len(n), n))


def _build(
    kind: EntityKind,
    ents: list[DocEntity],
    refs: list[EntityRef],
    uf: _UnionFind,
    reasons: dict[int, list[str]],
    forms: _Forms,
) -> list[ResolvedEntity]:
    norm = forms.norm
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ents)):
        groups[uf.find(i)].append(i)
    out: list[ResolvedEntity] = []
    for members in groups.values():
        group = [ents[i] for i in members]
        name = group[0].name if len(group) == 1 else _fullest(e.name for e in group)
        seen = {norm[name]}
        aliases: list[str] = []
        for form in sorted({f for e in group for f in (e.name, *e.aliases)}):
            k = norm[form]
            if k and k not in seen:
                seen.add(k)
                aliases.append(form)
        subtypes = Counter(e.subtype for e in group if e.subtype)
        subtype = min(subtypes.items(), key=lambda kv: (-kv[1], kv[0]))[0] if subtypes else None
        # members ascend, and refs are in (document, index) order (resolve() builds them so): the
        # members' refs are sorted as they stand
        where = tuple([refs[i] for i in members])
        why = sorted({r for i in members for r in reasons.get(i, ())}) if reasons else []
        out.append(
            ResolvedEntity(
                _key(kind, name, group, where, norm), kind, name, tuple(aliases), subtype, where, tuple(why)
            )
        )
    return out


def _key(kind: EntityKind, name: str, ents: list[DocEntity], refs: tuple[EntityRef, ...], norm: _Memo) -> str:
    slug = norm[name]
    if kind == "person" and any(e.first_name_only for e in ents):
        # a first name identifies nobody outside its article
        article = min((m.article_index for e in ents for m in e.mentions), default=refs[0].index)
        return f"person:{slug}#{refs[0].document[:16]}:{article}"
    if kind == "organization":
        quals = sorted({e.qualifier for e in ents if e.qualifier})
        if quals:
            return f"organization:{slug}@{norm[quals[0]]}"
    if kind == "place":
        gids = sorted({e.ref for e in ents if e.ref})
        if gids:
            return f"place:{slug}@{gids[0]}"
    return f"{kind}:{slug}"


def _unique_keys(entities: list[ResolvedEntity]) -> tuple[ResolvedEntity, ...]:
    """Content keys can collide (two Interior Ministries of unknown states): disambiguate by members."""
    counts = Counter(e.key for e in entities)
    out: list[ResolvedEntity] = []
    for e in entities:
        if counts[e.key] > 1:
            digest = hashlib.sha1(
                "|".join(f"{r.document}:{r.index}" for r in e.members).encode()
            ).hexdigest()[:10]
            e = ResolvedEntity(
                f"{e.key}~{digest}", e.kind, e.name, e.aliases, e.subtype, e.members, e.reasons
            )
        out.append(e)
    return tuple(sorted(out, key=lambda e: e.key))

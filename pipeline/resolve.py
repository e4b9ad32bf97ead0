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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.entities import DocEntity, DocumentEntities, EntityKind, EntityRef, ResolvedEntity
from pipeline.extract.names import is_patronymic, token_key, token_stem, tokens_match
from pipeline.link import norm_name


@dataclass(frozen=True)
class _Item:
    ref: EntityRef
    entity: DocEntity


def _names_match(a: str, b: str) -> str | None:
    ta, tb = a.split(), b.split()
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
    items: list[_Item] = []
    seen: set[tuple[str, int]] = set()
    for doc in sorted(documents, key=lambda d: d.document):
        for index, entity in enumerate(doc.entities):
            if (doc.document, index) in seen:
                continue  # the same document given twice: idempotent
            seen.add((doc.document, index))
            items.append(_Item(EntityRef(doc.document, index), entity))
    out: list[ResolvedEntity] = []
    for kind in ("person", "organization", "place"):
        group = [it for it in items if it.entity.kind == kind]
        if kind == "person":
            out.extend(_resolve_people(group))
        elif kind == "organization":
            out.extend(_resolve_orgs(group))
        else:
            out.extend(_resolve_places(group))
    return _unique_keys(out)


def _resolve_people(items: list[_Item]) -> list[ResolvedEntity]:
    uf = _UnionFind(len(items))
    reasons: dict[int, list[str]] = defaultdict(list)
    full = [
        i for i, it in enumerate(items) if not it.entity.first_name_only and len(it.entity.name.split()) >= 2
    ]
    single = [
        i for i, it in enumerate(items) if not it.entity.first_name_only and len(it.entity.name.split()) < 2
    ]
    # Two full names match only when their first words and their last words have equal stems, so that
    # pair is the block: comparisons stay within a handful of names however large the corpus.
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in full:
        words = items[i].entity.name.split()
        blocks[(token_stem(words[0]), token_stem(words[-1]))].append(i)
    for block in blocks.values():
        # identical names always match: compare each distinct name once, not every pair of mentions of it
        members: dict[str, list[int]] = defaultdict(list)
        for i in block:
            members[items[i].entity.name].append(i)
        for name, same in members.items():
            for j in same[1:]:
                uf.union(same[0], j)
            if len(same) > 1:
                reasons[same[0]].append(f"same full name in {len(same)} places: '{name}'")
        names = sorted(members)
        for x, a in enumerate(names):
            for b in names[x + 1 :]:
                why = _names_match(a, b)
                if why is not None:
                    i, j = members[a][0], members[b][0]
                    uf.union(i, j)
                    reasons[i].append(f"{why}: '{a}' = '{b}'")
    # index full names by their last word (transliteration key and inflection stem) and one-word aliases
    by_last: dict[str, set[int]] = defaultdict(set)
    for j in full:
        for form in (items[j].entity.name, *items[j].entity.aliases):
            parts = form.split()
            if len(parts) >= 2:
                by_last["k:" + token_key(parts[-1])].add(j)
                by_last["s:" + token_stem(parts[-1])].add(j)
            elif parts:
                by_last["a:" + norm_name(form)].add(j)
    for i in single:
        word = items[i].entity.name
        pool = by_last.get("k:" + token_key(word), set()) | by_last.get("s:" + token_stem(word), set())
        targets: dict[int, str] = {}
        for j in sorted(pool):
            if any(
                len(f.split()) >= 2 and tokens_match(word, f.split()[-1]) is not None
                for f in (items[j].entity.name, *items[j].entity.aliases)
            ):
                targets[uf.find(j)] = items[j].entity.name
        for j in sorted(by_last.get("a:" + norm_name(word), set())):
            targets[uf.find(j)] = items[j].entity.name
        if len(targets) == 1:
            root, full_name = next(iter(targets.items()))
            uf.union(root, i)
            reasons[i].append(
                f"surname '{word}' in {items[i].ref.document[:12]} matches full name '{full_name}'"
            )
    # lone surnames that matched no full name (or several) still merge with each other
    full_roots = {uf.find(j) for j in full}
    lone: dict[str, list[int]] = defaultdict(list)
    for i in single:
        if uf.find(i) not in full_roots:
            lone[token_stem(items[i].entity.name)].append(i)
    for group in lone.values():
        for j in group[1:]:
            why = tokens_match(items[group[0]].entity.name, items[j].entity.name)
            if why is not None and uf.union(group[0], j):
                reasons[j].append(f"same surname '{items[group[0]].entity.name}' = '{items[j].entity.name}'")
    return _build("person", items, uf, reasons)


def _is_acronym(form: str) -> bool:
    return form.isupper() and " " not in form and "." not in form and len(form) <= 6


def _short_forms(form: str, qualifier: str | None) -> list[str]:
    """Other names the same body goes by: a dotted name's stem ("kloop.kg" → "kloop") and, for a body
    of a known state, its name without "of <state>" ("supreme court of kazakhstan" → "supreme court")."""
    out: list[str] = []
    stem, dot, _ = form.partition(".")
    if dot and " " not in form and stem.isalpha() and len(stem) >= 4:
        out.append(stem)
    if qualifier:
        suffix = " of " + norm_name(qualifier)
        if form.endswith(suffix) and len(form) > len(suffix):
            out.append(form[: -len(suffix)])
    return out


def _resolve_orgs(items: list[_Item]) -> list[ResolvedEntity]:
    uf = _UnionFind(len(items))
    reasons: dict[int, list[str]] = defaultdict(list)
    by_form: dict[str, list[int]] = defaultdict(list)
    acronym_alias: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        forms = {norm_name(it.entity.name)}
        for alias in it.entity.aliases:
            if _is_acronym(alias):
                acronym_alias[norm_name(alias)].append(i)
            else:
                forms.add(norm_name(alias))
        for form in list(forms):
            forms.update(_short_forms(form, it.entity.qualifier))
        for form in sorted(forms):
            if form:
                by_form[form].append(i)
    for form, members in sorted(by_form.items()):
        quals = sorted({q for q in (items[i].entity.qualifier for i in members) if q})
        for q in quals:
            same = [i for i in members if items[i].entity.qualifier == q]
            for i in same[1:]:
                if uf.union(same[0], i):
                    reasons[i].append(f"same normalized name '{form}' of {q}")
        if len(quals) <= 1:
            anchor = next((i for i in members if items[i].entity.qualifier), members[0])
            for i in members:
                if items[i].entity.qualifier is None and uf.union(anchor, i):
                    reasons[i].append(
                        f"same normalized name '{form}'" + (f", state {quals[0]} assumed" if quals else "")
                    )
    for form, members in sorted(acronym_alias.items()):
        named = [i for i in by_form.get(form, []) if _is_acronym(items[i].entity.name)]
        roots = {uf.find(i) for i in members}
        if named and len(roots) == 1:
            for i in named:
                if uf.union(members[0], i):
                    reasons[i].append(
                        f"acronym '{items[i].entity.name}' spelled out as '{items[members[0]].entity.name}'"
                    )
    return _build("organization", items, uf, reasons)


def _resolve_places(items: list[_Item]) -> list[ResolvedEntity]:
    uf = _UnionFind(len(items))
    reasons: dict[int, list[str]] = defaultdict(list)
    first: dict[str, int] = {}
    for i, it in enumerate(items):
        key = it.entity.ref or "name:" + norm_name(it.entity.name)
        if key in first:
            if uf.union(first[key], i):
                reasons[i].append(
                    f"same gazetteer entry {key}" if it.entity.ref else f"same normalized name '{key[5:]}'"
                )
        else:
            first[key] = i
    return _build("place", items, uf, reasons)


def _fullest(names: Iterable[str]) -> str:
    counted = Counter(names)
    return sorted(counted, key=lambda n: (-len(n.split()), -counted[n], -len(n), n))[0]


def _build(
    kind: EntityKind, items: list[_Item], uf: _UnionFind, reasons: dict[int, list[str]]
) -> list[ResolvedEntity]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    out: list[ResolvedEntity] = []
    for members in groups.values():
        ents = [items[i].entity for i in members]
        name = _fullest(e.name for e in ents)
        seen = {norm_name(name)}
        aliases: list[str] = []
        for form in sorted({f for e in ents for f in (e.name, *e.aliases)}):
            k = norm_name(form)
            if k and k not in seen:
                seen.add(k)
                aliases.append(form)
        subtypes = Counter(e.subtype for e in ents if e.subtype)
        subtype = sorted(subtypes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if subtypes else None
        refs = tuple(sorted((items[i].ref for i in members), key=lambda r: (r.document, r.index)))
        why = sorted({r for i in members for r in reasons.get(i, [])})
        out.append(
            ResolvedEntity(
                _key(kind, name, ents, refs), kind, name, tuple(aliases), subtype, refs, tuple(why)
            )
        )
    return out


def _key(kind: EntityKind, name: str, ents: list[DocEntity], refs: tuple[EntityRef, ...]) -> str:
    slug = norm_name(name)
    if kind == "person" and any(e.first_name_only for e in ents):
        # a first name identifies nobody outside its article
        article = min((m.article_index for e in ents for m in e.mentions), default=refs[0].index)
        return f"person:{slug}#{refs[0].document[:16]}:{article}"
    if kind == "organization":
        quals = sorted({e.qualifier for e in ents if e.qualifier})
        if quals:
            return f"organization:{slug}@{norm_name(quals[0])}"
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

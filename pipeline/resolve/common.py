"""What every kind's resolver shares: memoized name forms, union-find, and building the resolved nodes
(name, aliases, subtype, key, reasons, evidence) from the groups the resolver formed."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.entities import DocEntity, EntityKind, EntityRef, ResolvedEntity
from pipeline.extract.names import token_key, token_stem
from pipeline.link import norm_name


class Memo(dict[str, str]):
    """One function's answers for the strings of one resolution: a corpus names the same forms over and
    over, and the normalizers are regular expressions. Per call, so a long-lived worker keeps nothing."""

    def __init__(self, fn: Callable[[str], str]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: str) -> str:
        value = self[key] = self.fn(key)
        return value


@dataclass
class Forms:
    """Memoized normalizers shared by the kinds' resolvers and build()."""

    norm: Memo
    stem: Memo
    key: Memo

    @classmethod
    def new(cls) -> Forms:
        return cls(Memo(norm_name), Memo(token_stem), Memo(token_key))


class UnionFind:
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


Reasons = dict[int, list[str]]


def fullest(names: Iterable[str]) -> str:
    return _fullest(Counter(names))


def _fullest(counted: Mapping[str, int]) -> str:
    return min(counted, key=lambda n: (-len(n.split()), -counted[n], -len(n), n))


def derived_evidence(e: DocEntity) -> tuple[str, ...]:
    """What an entity stored without recogniser evidence (by older code) can still show: the kind of
    name it is, read from what the linker kept."""
    if e.kind == "place":
        return ("gazetteer",) if e.ref else ("place-name",)
    if e.kind == "person":
        return ("first-name-only",) if e.first_name_only else ("person-name",)
    if e.name.isupper() and " " not in e.name:
        return ("acronym",)
    if "." in e.name and " " not in e.name:
        return ("domain",)
    return ("qualified-body",) if e.qualifier else ("organization-name",)


# A node's members collapsed by value: each distinct entity and how many members are it. A node is a
# function of this (and of its members' places, for its key and member list only), so a node whose
# members are not all at hand (store/resolution.py, places) can be made from counts.
Classes = Sequence[tuple[DocEntity, int]]
OrderedEvidence = dict[tuple[str, ...], tuple[str, ...]]


def evidence_of(classes: Classes, members: int, ordered: OrderedEvidence) -> tuple[str, ...]:
    """The recognisers and cues behind a node, most used first (by how many of its members show each).
    `ordered` memoizes the answer for one member: most nodes have one, and their evidence repeats."""
    if members == 1:
        e = classes[0][0]
        evidence = e.evidence or derived_evidence(e)
        found = ordered.get(evidence)
        if found is None:
            found = ordered[evidence] = tuple(sorted(set(evidence)))
        return found
    counted: dict[str, int] = {}
    for e, n in classes:
        for k in set(e.evidence or derived_evidence(e)):
            counted[k] = counted.get(k, 0) + n
    return tuple(sorted(counted, key=lambda k: (-counted[k], k)))


def node_values(
    classes: Classes, given: str | None, norm: Memo, ordered: OrderedEvidence
) -> tuple[str, tuple[str, ...], str | None, tuple[str, ...]]:
    """A node's name (`given`, else the fullest form its members use), aliases, subtype and evidence."""
    members = sum(n for _, n in classes)
    if given:
        name = given
    elif members == 1:
        name = classes[0][0].name
    else:
        names: Counter[str] = Counter()
        for e, n in classes:
            names[e.name] += n
        name = _fullest(names)
    seen = {norm[name]}
    aliases: list[str] = []
    for form in sorted({f for e, _ in classes for f in (e.name, *e.aliases)}):
        k = norm[form]
        if k and k not in seen:
            seen.add(k)
            aliases.append(form)
    subtypes: Counter[str] = Counter()
    for e, n in classes:
        if e.subtype:
            subtypes[e.subtype] += n
    subtype = min(subtypes.items(), key=lambda kv: (-kv[1], kv[0]))[0] if subtypes else None
    return name, tuple(aliases), subtype, evidence_of(classes, members, ordered)


def collapse(group: Iterable[DocEntity]) -> list[tuple[DocEntity, int]]:
    """Members collapsed by value, first seen first. Records read from storage are shared by value, so
    equal records are one object: counting by object is counting by value (and equal values counted
    apart would give the same answer: only the sums per name, subtype and evidence matter)."""
    found: dict[int, list[Any]] = {}
    for e in group:
        c = found.get(id(e))
        if c is None:
            found[id(e)] = [e, 1]
        else:
            c[1] += 1
    return [(e, n) for e, n in found.values()]


def build(
    kind: EntityKind,
    ents: list[DocEntity],
    refs: list[EntityRef],
    uf: UnionFind,
    reasons: Reasons,
    forms: Forms,
    names: dict[int, str] | None = None,
) -> list[ResolvedEntity]:
    """One node per group. `names`, when given, sets a group's name by its root (a full name known for
    an abbreviation), else the fullest form its members use."""
    norm = forms.norm
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ents)):
        groups[uf.find(i)].append(i)
    out: list[ResolvedEntity] = []
    ordered: OrderedEvidence = {}
    for root, members in groups.items():
        classes = collapse(ents[i] for i in members)
        given = names.get(root) if names else None
        name, aliases, subtype, evidence = node_values(classes, given, norm, ordered)
        # members ascend, and refs are in (document, index) order (resolve() builds them so): the
        # members' refs are sorted as they stand
        where = tuple([refs[i] for i in members])
        why = sorted({r for i in members for r in reasons.get(i, ())}) if reasons else []
        out.append(
            ResolvedEntity(
                node_key(kind, name, [e for e, _ in classes], where, norm),
                kind,
                name,
                aliases,
                subtype,
                where,
                tuple(why),
                evidence,
            )
        )
    return out


def node_key(
    kind: EntityKind, name: str, ents: Sequence[DocEntity], refs: Sequence[EntityRef], norm: Memo
) -> str:
    """A node's key before `unique_keys`: its kind and name, and its state or gazetteer entry (a
    first-name-only person's: its document and article)."""
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


def unique_keys(entities: list[ResolvedEntity]) -> tuple[ResolvedEntity, ...]:
    """Content keys can collide (two Interior Ministries of unknown states): disambiguate by members."""
    counts = Counter(e.key for e in entities)
    out: list[ResolvedEntity] = []
    for e in entities:
        if counts[e.key] > 1:
            digest = hashlib.sha1(
                "|".join(f"{r.document}:{r.index}" for r in e.members).encode()
            ).hexdigest()[:10]
            e = ResolvedEntity(
                f"{e.key}~{digest}", e.kind, e.name, e.aliases, e.subtype, e.members, e.reasons, e.evidence
            )
        out.append(e)
    return tuple(sorted(out, key=lambda e: e.key))

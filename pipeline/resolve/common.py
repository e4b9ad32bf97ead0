"""What every kind's resolver shares: memoized name forms, union-find, and building the resolved nodes
(name, aliases, subtype, key, reasons, evidence) from the groups the resolver formed."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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
    counted = Counter(names)
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


def evidence_of(
    group: Sequence[DocEntity], ordered: dict[tuple[str, ...], tuple[str, ...]]
) -> tuple[str, ...]:
    """The recognisers and cues behind a node, most used first (by how many of its members show each).
    `ordered` memoizes the answer for one member: most nodes have one, and their evidence repeats."""
    if len(group) == 1:
        e = group[0]
        evidence = e.evidence or derived_evidence(e)
        found = ordered.get(evidence)
        if found is None:
            found = ordered[evidence] = tuple(sorted(set(evidence)))
        return found
    counted: dict[str, int] = {}
    for e in group:
        for k in set(e.evidence or derived_evidence(e)):
            counted[k] = counted.get(k, 0) + 1
    return tuple(sorted(counted, key=lambda k: (-counted[k], k)))


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
    ordered: dict[tuple[str, ...], tuple[str, ...]] = {}
    for root, members in groups.items():
        group = [ents[i] for i in members]
        given = names.get(root) if names else None
        name = given or (group[0].name if len(group) == 1 else fullest(e.name for e in group))
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
                _key(kind, name, group, where, norm),
                kind,
                name,
                tuple(aliases),
                subtype,
                where,
                tuple(why),
                evidence_of(group, ordered),
            )
        )
    return out


def _key(kind: EntityKind, name: str, ents: list[DocEntity], refs: tuple[EntityRef, ...], norm: Memo) -> str:
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

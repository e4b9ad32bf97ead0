"""Organizations across documents: a shared name or alias merges, unless the two are bodies of
different states (qualifiers); an acronym merges only with an entity that spells it out."""

from __future__ import annotations

from collections import defaultdict

from pipeline.entities import DocEntity, EntityRef, ResolvedEntity
from pipeline.resolve.common import Forms, Memo, Reasons, UnionFind, build


def _is_acronym(form: str) -> bool:
    return form.isupper() and " " not in form and "." not in form and len(form) <= 6


def _short_forms(form: str, qualifier: str | None, norm: Memo) -> list[str]:
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


def resolve_orgs(ents: list[DocEntity], refs: list[EntityRef], forms: Forms) -> list[ResolvedEntity]:
    uf = UnionFind(len(ents))
    reasons: Reasons = defaultdict(list)
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
    return build("organization", ents, refs, uf, reasons, forms)

"""Organizations across documents: a shared name or alias merges, unless the two are bodies of
different states (qualifiers); an acronym merges with the one body a page spells it out for ("Asian
Development Bank (ADB)"), else with the one body whose name's initials it spells, in English or in a
language of the region (pipeline/resolve/acronyms.py); a bloc's abbreviation stands for its full name."""

from __future__ import annotations

from collections import defaultdict

from pipeline.entities import DocEntity, EntityRef, ResolvedEntity
from pipeline.resolve.acronyms import MIN_SPELLED, is_acronym, org_expansion, spellings
from pipeline.resolve.common import Forms, Memo, Reasons, UnionFind, build


def _is_acronym(form: str) -> bool:
    return form.isupper() and " " not in form and "." not in form and len(form) <= 6


def _short_forms(form: str, qualifier: str | None, norm: Memo) -> list[str]:
    """Other names the same body goes by: a dotted name's stem ("zarbok.kg" → "zarbok") and, for a body
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


def org_forms(e: DocEntity, norm: Memo) -> tuple[set[str], list[str]]:
    """The normalized names a body merges on (its name, the full name of its abbreviation, its aliases
    and their short forms), and its acronym aliases, normalized, in alias order."""
    names = {norm[e.name]}
    expansion = org_expansion(e.name)
    if expansion:
        names.add(norm[expansion])
    acronyms: list[str] = []
    for alias in e.aliases:
        if _is_acronym(alias):
            acronyms.append(norm[alias])
        else:
            names.add(norm[alias])
    for form in list(names):
        names.update(_short_forms(form, e.qualifier, norm))
    names.discard("")
    return names, acronyms


def resolve_orgs(ents: list[DocEntity], refs: list[EntityRef], forms: Forms) -> list[ResolvedEntity]:
    uf = UnionFind(len(ents))
    reasons: Reasons = defaultdict(list)
    norm = forms.norm
    by_form: dict[str, list[int]] = defaultdict(list)
    acronym_alias: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(ents):
        names, acronyms = org_forms(e, norm)
        for form in acronyms:
            acronym_alias[form].append(i)
        for form in names:
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
    _join_spelled_acronyms(ents, uf, reasons)
    return build("organization", ents, refs, uf, reasons, forms, _expanded_names(ents, uf))


def _join_spelled_acronyms(ents: list[DocEntity], uf: UnionFind, reasons: Reasons) -> None:
    """A body known only by an acronym joins the one body whose full name it spells (see
    acronyms.spellings); it stays apart when it spells none or several."""
    lone = [i for i, e in enumerate(ents) if len(e.name) >= MIN_SPELLED and is_acronym(e.name)]
    if not lone:
        return
    wanted = {ents[i].name.casefold() for i in lone}
    spelled_by: dict[str, set[int]] = defaultdict(set)
    spelled_as: dict[tuple[str, int], str] = {}
    known: dict[str, frozenset[str]] = {}
    with_full_name: set[int] = set()
    states: dict[int, set[str]] = defaultdict(set)
    for i, e in enumerate(ents):
        if is_acronym(e.name):
            continue
        root = uf.find(i)
        with_full_name.add(root)
        if e.qualifier:
            states[root].add(e.qualifier)
        for form in (e.name, *e.aliases):
            found = known.get(form)
            if found is None:
                found = known[form] = spellings(form) & wanted if " " in form else frozenset()
            for acronym in found:
                spelled_by[acronym].add(root)
                spelled_as.setdefault((acronym, root), form)
    for i in lone:
        if uf.find(i) in with_full_name:
            continue  # a page spells it out already: that page's reading stands
        acronym = ents[i].name.casefold()
        roots = spelled_by.get(acronym, set())
        if len(roots) != 1:
            continue
        (root,) = roots
        q = ents[i].qualifier
        if q and states[root] - {q}:
            continue  # the acronym of one state's body is not another state's
        if uf.union(root, i):
            reasons[i].append(
                f"acronym '{ents[i].name}' spells the initials of '{spelled_as[(acronym, root)]}'"
            )


def _expanded_names(ents: list[DocEntity], uf: UnionFind) -> dict[int, str]:
    """A node known only by a bloc's abbreviation ("CIS") is named by the full name it stands for."""
    expanded: dict[int, str] = {}
    for i, e in enumerate(ents):
        expansion = org_expansion(e.name)
        if expansion:
            expanded.setdefault(uf.find(i), expansion)
    if not expanded:
        return expanded
    for i, e in enumerate(ents):
        if not is_acronym(e.name) and not _is_acronym(e.name):
            expanded.pop(uf.find(i), None)  # the node has a full name of its own
    return expanded

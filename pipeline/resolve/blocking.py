"""Blocking keys: which doc entities resolution could ever let decide about each other.

Resolution is global, but every rule in people.py, orgs.py and places.py only compares entities that
share something the rule looks up: the stems of a full name's first and last words, a misspelling
block, a surname's transliteration key, stem or one-word alias, a normalized organization name or
alias (and its short forms), an acronym and the names whose initials it spells, a place's gazetteer
entry or name; and the node keys two people's nodes may share (`unique_keys` tells colliding keys
apart by their members). Each doc entity
*emits* the keys of everything it could be looked up by; it *probes* (`probes`) the keys of what it
could look up. Two doc entities that never meet through a key never affect each other's outcome, so
the corpus falls into components closed under shared keys, and resolving one component alone
(`resolve_members`) gives exactly the nodes the whole corpus gives for its entities. That is what
lets cross-linking re-resolve only the components a run touched.

Keys are over-approximations (a shared key never forces a merge; it only makes two entities look at
each other), and most are symmetric. Three are one-sided, so that full names sharing a surname, or
bodies sharing initials, are not tied together unless a lone surname or an acronym is there to look
them up: `us:` (a lone surname) probes `uf:` (the full names it may join) and other lone surnames,
`uf:` probes `us:`; `sa:` (an acronym) probes `sf:` (a name it may spell), and back.

The keys mirror the resolvers' own look-ups, and use the same helpers, so they change with them;
tests/pipeline/test_blocking.py checks on generated and seed corpora that resolving each component
alone equals resolving everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.entities import DocEntity
from pipeline.resolve.acronyms import MIN_SPELLED, is_acronym, spellings
from pipeline.resolve.common import Forms
from pipeline.resolve.orgs import org_forms
from pipeline.resolve.places import place_key
from pipeline.resolve.spelling import MIN_SURNAME

_ENDING = 3  # spelling.py's block: the surname's last letters
# what may follow the name in an entity key ("@state", "@gazetteer id", "#document:index", "~digest")
_KEY_SUFFIX = re.compile(r"[@#~]")
_ONE_SIDED = {"us:": ("uf:", "us:"), "uf:": ("us:",), "sa:": ("sf:",), "sf:": ("sa:",)}


class Blocking:
    """Blocking keys of doc entities, with the memoized name forms and spellings of one batch."""

    def __init__(self) -> None:
        self.forms = Forms.new()
        self._spelled: dict[str, frozenset[str]] = {}
        # a corpus names the same entities over and over: keys by value (but for first-name-only people,
        # whose key names their document and index)
        self._known: dict[tuple[object, ...], tuple[str, ...]] = {}
        self.uses = 0  # for a caller that renews its memos now and then

    def keys(self, document: str, index: int, e: DocEntity) -> tuple[str, ...]:
        """What `e`, at `index` in `document`, emits; sorted, no repeats."""
        if e.first_name_only and e.kind == "person":
            return tuple(sorted(self._person(document, index, e)))
        value = (e.kind, e.name, e.aliases, e.qualifier, e.ref)
        found = self._known.get(value)
        if found is None:
            if e.kind == "person":
                out = self._person(document, index, e)
            elif e.kind == "organization":
                out = self._organization(e)
            elif e.kind == "place":
                out = self._place(e)
            else:
                out = set()  # resolution leaves other kinds alone
            found = self._known[value] = tuple(sorted(out))
        return found

    def _named(self, name: str) -> str:
        """What a person shares with every other whose node's key could equal that of a node named by
        it: `unique_keys` tells colliding keys apart by their members, so they must be resolved
        together. A key is "person:<normalized name>" and perhaps a suffix; the name a block key sees
        may normalize otherwise ("The …", a possessive)."""
        return "n:" + _KEY_SUFFIX.split(self.forms.norm[name], maxsplit=1)[0]

    def _person(self, document: str, index: int, e: DocEntity) -> set[str]:
        norm, stem, key = self.forms.norm, self.forms.stem, self.forms.key
        if e.first_name_only:
            # never merged; only its key (common.py `_key`) can meet another's
            article = min((m.article_index for m in e.mentions), default=index)
            return {f"fo:person:{norm[e.name]}#{document[:16]}:{article}"}
        out = {self._named(e.name)}
        if "#" in norm[e.name]:  # a key that would read as a first-name-only one
            out.add(f"fo:person:{norm[e.name]}")
        words = e.name.split()
        if len(words) < 2:
            # a lone surname: joins the one full name it matches, groups with lone surnames of its stem
            w = e.name
            return out | {"us:k:" + key[w], "us:s:" + stem[w], "us:a:" + norm[w]}
        out.add(f"pb:{stem[words[0]]}|{stem[words[-1]]}")  # people.py's block of full names
        last = key[words[-1]]
        if len(last) >= MIN_SURNAME:  # spelling.py's block of possible misspellings
            out.add(f"pm:{key[words[0]]}|{len(words)}|{last[0]}|{last[-_ENDING:]}")
        for form in (e.name, *e.aliases):
            parts = form.split()
            if len(parts) >= 2:
                out.update(("uf:k:" + key[parts[-1]], "uf:s:" + stem[parts[-1]]))
            elif parts:
                out.add("uf:a:" + norm[form])
        return out

    def _organization(self, e: DocEntity) -> set[str]:
        norm = self.forms.norm
        names, acronyms = org_forms(e, norm)
        # A node's key is its name (a member's name, or the full name of its abbreviation: both among
        # the member's forms) and maybe its state: nodes whose keys could collide share a form already.
        out = {"of:" + form for form in (*names, *acronyms) if form}
        if is_acronym(e.name):
            if len(e.name) >= MIN_SPELLED:
                out.add("sa:" + e.name.casefold())
        else:
            for form in (e.name, *e.aliases):
                if " " in form:
                    out.update("sf:" + s for s in self._spellings(form))
        return out

    def _spellings(self, form: str) -> frozenset[str]:
        found = self._spelled.get(form)
        if found is None:
            found = self._spelled[form] = spellings(form)
        return found

    def _place(self, e: DocEntity) -> set[str]:
        # A node's key is its normalized name and its first gazetteer entry: members of nodes whose keys
        # could collide have the same merge key, so that key alone is enough.
        return {"pl:" + place_key(e, self.forms.norm)[0]}


def probes(keys: Iterable[str]) -> set[str]:
    """The keys an entity emitting `keys` looks up: the same keys, but for the one-sided ones."""
    out: set[str] = set()
    for k in keys:
        sides = _ONE_SIDED.get(k[:3])
        if sides is None:
            out.add(k)
        else:
            out.update(side + k[3:] for side in sides)
    return out

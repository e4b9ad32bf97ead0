"""In-document coreference: raw mentions → one DocEntity per person, organization and place.

Rules, in the order they apply:
- people: a full name is an entity; a lone surname joins the full name ending in it (the nearest
  preceding one when two share it); a parenthetical name ("Dina Smailova (Tansari)") is an alias;
  a first name given with an age ("Kamilla, 21, ...") is its own entity per article, never joined.
- organizations: same name and state are one body; a dotted name's stem ("NeMolchi") and an
  acronym spelling a longer name's initials ("TCA") join it; a bare head ("the Committee") joins
  the nearest preceding body of the same article whose name has that head, else it is dropped.
- places: same gazetteer entry (or same name when the gazetteer does not know it).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.entities import DocEntity, DocumentEntities, EntityKind, Mention, RoleFact, TextRegion
from pipeline.extract import RawMention, extract
from pipeline.extract.names import tokens_match

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_SKIP_INITIALS = frozenset({"of", "for", "on", "and", "the", "de", "in", "to"})


_LEADING_THE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"'s?$")
_SPACES = re.compile(r"\s+")
_WORD_BREAKS = re.compile(r"[\s/-]+")
_MINISTER_OF = re.compile(r"\bminister (of|for) (.+)$")
_X_MINISTER = re.compile(r"(?:^|\s)([a-z][\w-]*(?: [a-z][\w-]*)?) minister$")


# Cached: linking compares every name form of a document many times, and the forms repeat across
# pages; bounded, so a long-running worker does not keep every name it ever saw.
@lru_cache(maxsize=65536)
def norm_name(text: str) -> str:
    """Comparison form of a name: NFKC, straight quotes, no leading "the", no possessive, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _LEADING_THE.sub("", text.strip())
    text = _POSSESSIVE.sub("", text)
    return _SPACES.sub(" ", text).strip(" .,;:").casefold()


@dataclass
class _Cluster:
    kind: EntityKind
    names: list[str] = field(default_factory=list)  # name forms, mention order
    mentions: list[RawMention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    first_name_only: bool = False
    qualifier: str | None = None
    ref: str | None = None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def link_document(document: str, text: str, regions: Sequence[TextRegion]) -> DocumentEntities:
    """Extract and link the entities of one document (its identity, its text, the regions to read)."""
    raw = extract(text, regions)
    people = _link_people([m for m in raw if m.kind == "person"])
    orgs = _link_orgs([m for m in raw if m.kind == "organization"])
    places = _link_places([m for m in raw if m.kind == "place"])
    org_name_of: dict[str, str] = {}
    for c in orgs:
        name = _fullest(c.names)
        for form in [*c.names, *c.aliases]:
            org_name_of.setdefault(norm_name(form), name)
    entities: list[tuple[int, DocEntity]] = []
    for c in people + orgs + places:
        entities.append((c.first, _to_entity(c, org_name_of)))
    entities.sort(key=lambda e: (e[0], e[1].kind, e[1].name))
    return DocumentEntities(document=document, entities=tuple(e for _, e in entities))


def _link_people(mentions: list[RawMention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_name: dict[str, _Cluster] = {}
    singles: list[RawMention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.first_name_only:
            key = f"{m.article_index}\x00{norm_name(m.name)}"
            c = by_name.get("fno:" + key)
            if c is None:
                c = by_name["fno:" + key] = _Cluster("person", first_name_only=True)
                clusters.append(c)
            c.names.append(m.name)
            c.mentions.append(m)
            continue
        if len(m.name.split()) == 1:
            singles.append(m)
            continue
        key = norm_name(m.name)
        c = by_name.get(key)
        if c is None:
            # "Sultanbek uulu" after "Temirlan Sultanbek uulu": the trailing words of a fuller name
            c = _longer_name_ending_in(m.name, clusters)
            if c is not None:
                by_name[key] = c
        if c is None:
            c = by_name[key] = _Cluster("person")
            clusters.append(c)
        c.names.append(m.name)
        c.mentions.append(m)
        c.aliases.extend(m.aliases)
    # what a lone surname is matched against, worked out once per cluster rather than per surname
    full = [_Surnames.of(c) for c in clusters if not c.first_name_only]
    single_clusters: dict[str, _Surnames] = {}
    for m in singles:
        word = norm_name(m.name)
        candidates = [
            s
            for s in full
            if any(tokens_match(last, m.name) is not None for last in s.last_words) or word in s.alias_keys
        ]
        if len(candidates) > 1:
            # two people share the surname: the one named most recently before this mention
            before = [s for s in candidates if any(x.start < m.start for x in s.cluster.mentions)]
            pool = before or candidates
            candidates = [
                max(
                    pool,
                    key=lambda s: max((x.start for x in s.cluster.mentions if x.start < m.start), default=-1),
                )
            ]
        if candidates:
            target = candidates[0]
        else:
            key = "single:" + word
            if key not in single_clusters:
                single_clusters[key] = _Surnames.of(_Cluster("person"))
                clusters.append(single_clusters[key].cluster)
                full.append(single_clusters[key])
            target = single_clusters[key]
        target.add(m)
    return clusters


@dataclass
class _Surnames:
    """A person cluster with the last words of its full names and the keys of its aliases."""

    cluster: _Cluster
    last_words: set[str]
    alias_keys: set[str]

    @classmethod
    def of(cls, c: _Cluster) -> _Surnames:
        last_words = {n.split()[-1] for n in c.names if " " in n}
        return cls(c, last_words, {norm_name(a) for a in c.aliases})

    def add(self, m: RawMention) -> None:
        self.cluster.mentions.append(m)
        self.cluster.names.append(m.name)
        if " " in m.name:
            self.last_words.add(m.name.split()[-1])


def _longer_name_ending_in(name: str, clusters: list[_Cluster]) -> _Cluster | None:
    words = name.split()
    found: _Cluster | None = None
    for c in clusters:
        if c.first_name_only:
            continue
        for n in c.names:
            parts = n.split()
            if len(parts) > len(words) and all(
                tokens_match(a, b) is not None for a, b in zip(parts[-len(words) :], words, strict=True)
            ):
                if found is not None:
                    return None  # two fuller names end in it: which one is meant is unknown
                found = c
                break
    return found


def _initials(name: str) -> str:
    words = [w for w in _WORD_BREAKS.split(name) if w and w.lower() not in _SKIP_INITIALS]
    return "".join(w[0] for w in words if w[0].isupper())


def _link_orgs(mentions: list[RawMention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, str | None], _Cluster] = {}
    named = [m for m in sorted(mentions, key=lambda m: m.start) if not m.anaphor]
    acronyms = [m for m in named if m.name.isupper() and " " not in m.name and "." not in m.name]
    others = [m for m in named if m not in acronyms]
    qualifiers: dict[str, set[str]] = {}
    for m in others:
        if m.qualifier:
            qualifiers.setdefault(norm_name(m.name), set()).add(m.qualifier)
    for m in others:
        name_key = norm_name(m.name)
        qual = m.qualifier
        if qual is None and len(qualifiers.get(name_key, ())) == 1:
            # one state's body named once with its state and once without: the same body
            qual = next(iter(qualifiers[name_key]))
        key = (name_key, qual)
        c = by_key.get(key)
        if c is None:
            c = by_key[key] = _Cluster("organization", qualifier=qual)
            clusters.append(c)
        c.names.append(m.name)
        if m.text != m.name and norm_name(m.text) != name_key:
            c.aliases.append(m.text)
        c.mentions.append(m)
        c.aliases.extend(m.aliases)
    for m in acronyms:
        target = next(
            (
                c
                for c in clusters
                if any(_initials(n) == m.name.replace("/", "") for n in c.names)
                or any(a == m.name for a in c.aliases)
            ),
            None,
        )
        if target is None:
            key = (norm_name(m.name), None)
            target = by_key.get(key)
            if target is None:
                target = by_key[key] = _Cluster("organization")
                clusters.append(target)
            target.names.append(m.name)
        else:
            target.aliases.append(m.name)
        target.mentions.append(m)
    for m in mentions:
        if not m.anaphor:
            continue
        head = m.name.lower()
        best: tuple[int, _Cluster] | None = None
        for c in clusters:
            if not any(head in n.lower().split() for n in c.names):
                continue
            for x in c.mentions:
                if (
                    x.article_index == m.article_index
                    and x.start < m.start
                    and (best is None or x.start > best[0])
                ):
                    best = (x.start, c)
        if best is not None:
            best[1].mentions.append(m)
    return clusters


def _link_places(mentions: list[RawMention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        key = m.place_id or "name:" + norm_name(m.name)
        c = by_key.get(key)
        if c is None:
            c = by_key[key] = _Cluster("place", ref=m.place_id)
            clusters.append(c)
        if m.via == "name":
            c.names.append(m.name)
        c.mentions.append(m)
    for c in clusters:
        if not c.names:
            c.names.append(c.mentions[0].name)
    return clusters


def _fullest(names: Sequence[str]) -> str:
    """The fullest form: most words, then longest, then first used."""
    if len(set(names)) == 1:
        return names[0]
    counted = Counter(names)
    # most words; then the form used most (a nominative over its inflections); then longest; then
    # first used: min() keeps the first of equals, and a Counter keeps first-use order
    return min(counted, key=lambda n: (-len(n.split()), -counted[n], -len(n)))


def _most_common(values: Iterable[str]) -> str | None:
    """The value given most often, the first given among equals (as `Counter.most_common(1)`)."""
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _to_entity(c: _Cluster, org_name_of: dict[str, str]) -> DocEntity:
    name = _fullest(c.names)
    seen = {norm_name(name)}
    aliases: list[str] = []
    for form in [*c.names, *c.aliases, *(m.text for m in c.mentions if m.via == "name" and not m.anaphor)]:
        k = norm_name(form)
        if k and k not in seen:
            seen.add(k)
            aliases.append(form)
    subtype = _most_common(m.subtype for m in c.mentions if m.subtype and not m.anaphor)
    if c.kind == "organization" and subtype is None:
        subtype = "media" if "." in name else "other"
    mentions = tuple(
        Mention(m.text, m.start, m.end, m.article_index, m.via)
        for m in sorted(c.mentions, key=lambda m: (m.start, m.end))
    )
    roles: list[RoleFact] = []
    for m in c.mentions:
        for r in m.roles:
            org = (
                org_name_of.get(norm_name(r.organization))
                if r.organization
                else _implied_org(r.title, org_name_of)
            )
            fact = RoleFact(r.title, org or r.organization, r.former, r.article_index, r.start, r.end)
            if fact not in roles:
                roles.append(fact)
    return DocEntity(
        kind=c.kind,
        name=name,
        aliases=tuple(aliases),
        subtype=subtype,
        mentions=mentions,
        roles=tuple(roles),
        first_name_only=c.first_name_only,
        qualifier=c.qualifier,
        ref=c.ref,
        evidence=tuple(dict.fromkeys(e for m in c.mentions for e in m.evidence)),
    )


def _implied_org(title: str, org_name_of: dict[str, str]) -> str | None:
    """The body a minister's title names when the document also names it ("Minister of Energy")."""
    low = norm_name(title)
    m = _MINISTER_OF.search(low)
    if m:
        candidates = [f"ministry {m.group(1)} {m.group(2)}", f"{m.group(2)} ministry"]
    else:
        m = _X_MINISTER.search(low)
        if not m:
            return None
        words = m.group(1).split()
        candidates = [f"{' '.join(words[i:])} ministry" for i in range(len(words))]
        candidates += [f"ministry of {' '.join(words[i:])}" for i in range(len(words))]
    return next((org_name_of[c] for c in candidates if c in org_name_of), None)

"""What a query document will cost, worked out from its text before anything runs.

One walk over the operation, in time linear in the document's size: a fragment's summary is computed
once (per place it can stand: at the root or below it) and reused at every spread of it, so a chain of
fragments that each spread the previous one twice costs one visit per fragment, not 2^n. The walk also
counts its own steps and stops at a budget, so no document, however built, keeps the event loop busy.

The figures, all upper bounds the server can check against its limits:
- nodes: GitHub's node count. A connection returns up to `first` (or `last`) nodes (its default when
  not given) for every object of its parent; the sum over the query.
- cost: field resolutions. Every selected field counts once for every object it is resolved on; a list
  multiplies what is below it by its size: `first` for connections and for lists that take one, an
  estimate (LIST_SIZES) for the short lists that take none. A fragment spread twice counts twice:
  the walk does not merge fields, so the cost bounds the work from above.
- depth, aliases, and whether the query introspects the schema (GraphiQL's own introspection query is
  deep by nature: `__schema` and `__type` selections are not counted).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    VariableNode,
)

from schema.pagination import DEFAULT_FIRST, MAX_FIRST

# connections (they page with `first` or `last`) and their default page size, at the root and below it
ROOT_PAGED: Mapping[str, int] = {
    "articles": DEFAULT_FIRST,
    "people": DEFAULT_FIRST,
    "organizations": DEFAULT_FIRST,
    "places": DEFAULT_FIRST,
    "rates": DEFAULT_FIRST,
    "sources": DEFAULT_FIRST,
    "documents": DEFAULT_FIRST,
    "ingestionRuns": DEFAULT_FIRST,
}
NESTED_PAGED: Mapping[str, int] = {"articles": DEFAULT_FIRST}
# lists below the root that take `first` without being connections: (default, most allowed)
MENTIONS_FIRST, MENTIONS_MAX = 100, 1000
CO_MENTIONED_FIRST = 10
NESTED_FIRST_LISTS: Mapping[str, tuple[int, int]] = {
    "related": (10, MAX_FIRST),
    "mentions": (MENTIONS_FIRST, MENTIONS_MAX),
    "coMentioned": (CO_MENTIONED_FIRST, MAX_FIRST),
}
# lists of objects that take no `first`: what one holds, about (an article names a few people,
# organizations and places; a person holds a few roles; a page's ticker has five rates; a timeline
# has a period per week or month with news of the entity, a few years of months; a co-mention lists
# at most store.activity.SHARED_ARTICLES articles)
LIST_SIZES: Mapping[str, int] = {
    "people": 10,
    "organizations": 10,
    "places": 10,
    "roles": 5,
    "rates": 5,
    "timeline": 60,
    "sharedArticles": 5,
}
NODE_LISTS = frozenset({"related"})
# a connection's fields that are there once, not once per node
CONNECTION_FIELDS = frozenset({"pageInfo", "totalCount"})

# Most selections (fields, spreads, inline fragments) the walk visits. A document within the token cap
# has at most a few thousand, each visited at most twice (at the root and below it), so only a
# document built to defeat the walk gets here.
MAX_STEPS = 20_000


class AnalysisTooLong(Exception):
    """The document has more selections than the walk's budget."""


@dataclass(frozen=True, slots=True)
class Summary:
    """A selection set's figures for one object of its parent type."""

    nodes: int = 0
    cost: int = 0
    depth: int = 0
    aliases: int = 0
    introspection: bool = False


_EMPTY = Summary()


def _add(a: Summary, b: Summary, times: int = 1) -> Summary:
    return Summary(
        nodes=a.nodes + b.nodes * times,
        cost=a.cost + b.cost * times,
        depth=max(a.depth, b.depth),
        aliases=a.aliases + b.aliases,
        introspection=a.introspection or b.introspection,
    )


class _Walk:
    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode], variables: Mapping[str, Any]) -> None:
        self.fragments = fragments
        self.variables = variables
        self.steps = 0
        self.memo: dict[tuple[str, bool], Summary] = {}
        self.open: set[tuple[str, bool]] = set()

    def selection_set(self, selection: SelectionSetNode | None, root: bool) -> Summary:
        total = _EMPTY
        for node in selection.selections if selection is not None else ():
            total = _add(total, self.selection(node, root))
        return total

    def selection(self, node: SelectionNode, root: bool) -> Summary:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise AnalysisTooLong
        if isinstance(node, FieldNode):
            return self.field(node, root)
        if isinstance(node, InlineFragmentNode):
            return self.selection_set(node.selection_set, root)
        if isinstance(node, FragmentSpreadNode):
            return self.spread(node.name.value, root)
        return _EMPTY

    def spread(self, name: str, root: bool) -> Summary:
        key = (name, root)
        if key in self.memo:
            return self.memo[key]
        fragment = self.fragments.get(name)
        # an unknown or cyclic fragment is the validator's to refuse; it adds nothing here
        if fragment is None or key in self.open:
            return _EMPTY
        self.open.add(key)
        summary = self.selection_set(fragment.selection_set, root)
        self.open.discard(key)
        self.memo[key] = summary
        return summary

    def field(self, node: FieldNode, root: bool) -> Summary:
        name = node.name.value
        if name.startswith("__"):
            return Summary(introspection=name in ("__schema", "__type"))
        paged = ROOT_PAGED if root else NESTED_PAGED
        children = node.selection_set.selections if node.selection_set else ()
        if name in paged:
            size = self.first(node, paged[name], MAX_FIRST, ("first", "last"))
            inner = Summary(nodes=size)
            for child in children:
                # a connection's own fields once; everything else (its edges) once per node
                once = isinstance(child, FieldNode) and child.name.value in CONNECTION_FIELDS
                inner = _add(inner, self.selection(child, False), 1 if once else size)
        else:
            size, nodes = 1, 0
            if not root and name in NESTED_FIRST_LISTS:
                default, most = NESTED_FIRST_LISTS[name]
                size = self.first(node, default, most)
                # `related` returns articles as a connection does: they count as nodes
                nodes = size if name in NODE_LISTS else 0
            elif not root:
                size = LIST_SIZES.get(name, 1)
            inner = _add(Summary(nodes=nodes), self.selection_set(node.selection_set, False), size)
        return Summary(
            nodes=inner.nodes,
            cost=1 + inner.cost,
            depth=1 + inner.depth,
            aliases=int(node.alias is not None) + inner.aliases,
            introspection=inner.introspection,
        )

    def first(self, node: FieldNode, default: int, most: int, names: tuple[str, ...] = ("first",)) -> int:
        """The page size the arguments ask for: `first`, or `last` on a connection (both at once is
        the resolver's to refuse; the larger counts here)."""
        sizes = [self.size(arg, most) for arg in node.arguments or () if arg.name.value in names]
        given = [s for s in sizes if s is not None]
        return max(given) if given else default

    def size(self, arg: ArgumentNode, most: int) -> int | None:
        value: Any = None
        if isinstance(arg.value, IntValueNode):
            value = int(arg.value.value)
        elif isinstance(arg.value, VariableNode):
            value = self.variables.get(arg.value.name.value)
        if isinstance(value, int) and not isinstance(value, bool):
            # out of range is the resolver's to refuse, with its own message; count what it allows
            return min(max(value, 0), most)
        return None


def analyse(
    document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any] | None
) -> Summary:
    """The figures of the operation that will run (every operation when none is named: the executor
    then refuses a document with several)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    walk = _Walk(fragments, variables or {})
    total = _EMPTY
    for op in document.definitions:
        if isinstance(op, OperationDefinitionNode) and (
            operation_name is None or (op.name is not None and op.name.value == operation_name)
        ):
            total = _add(total, walk.selection_set(op.selection_set, True))
    return total

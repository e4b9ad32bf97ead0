"""schema/execution.py: the shortcuts give exactly graphql-core's answer (data and errors), and are
taken where they should be.

Each query runs on two schemas of the same types, one with FastExecutionContext and one with
strawberry's own; their results must be equal, errors (message, path, locations) included.
"""

from __future__ import annotations

import asyncio
import datetime
import enum
from collections.abc import AsyncGenerator
from typing import Any

import pytest
import strawberry
from graphql import GraphQLError

from schema.execution import FastExecutionContext, lean_resolvers


@strawberry.enum
class Shade(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


@strawberry.type
class Span:
    start: int
    end: int


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Tag(Named):
    # an interface gives Tag an is_type_of check, as relay.Node gives Article and Person
    weight: float | None
    shade: Shade
    aliases: list[str]
    span: Span
    seen: datetime.date | None = None


@strawberry.type
class Other:
    name: str


def _upper(root: Item) -> str:
    return root.title.upper()


@strawberry.type
class Item:
    title: str
    count: int
    tags: list[Tag]
    maybe: Tag | None
    loud: str = strawberry.field(resolver=_upper)
    _bad: strawberry.Private[Any] = None

    @strawberry.field
    def wrong_tags(self) -> list[Tag]:
        # an object of another type where a Tag belongs: graphql-core's error
        return [_tag("fine"), self._bad]  # type: ignore[list-item]

    @strawberry.field
    def null_name(self) -> Tag:
        return Tag(name=None, weight=1.0, shade=Shade.DARK, aliases=[], span=Span(start=0, end=1))  # type: ignore[arg-type]

    @strawberry.field
    def bad_int(self) -> Span:
        return Span(start="x", end=2)  # type: ignore[arg-type]

    @strawberry.field
    async def later(self) -> list[Tag]:
        await asyncio.sleep(0)
        return self.tags

    @strawberry.field
    def shortened(self, n: int = 3) -> str:
        return self.title[:n]

    @strawberry.field
    def where(self, info: strawberry.Info) -> str:
        return f"{self.title} at {info.field_name} ({info.python_name}) {info.path.as_list()}"

    @strawberry.field
    def fails(self) -> str | None:
        raise ValueError(f"{self.title} fails")


def _tag(name: str, weight: float | None = 0.5) -> Tag:
    return Tag(
        name=name,
        weight=weight,
        shade=Shade.LIGHT,
        aliases=[name[:2], name[-2:]],
        span=Span(start=1, end=len(name)),
        seen=datetime.date(2026, 12, 8),
    )


ITEMS = [
    Item(
        title=f"item {i}",
        count=i,
        tags=[_tag(f"tag{i}{j}", None if j else 1.5) for j in range(3)],
        maybe=None,
    )
    for i in range(4)
]
ITEMS[1].maybe = _tag("maybe")
ITEMS[2]._bad = Other(name="other")


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return ITEMS

    @strawberry.field
    def item(self) -> Item:
        return ITEMS[2]


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def ticks(self) -> AsyncGenerator[Tag, None]:
        for i in range(2):
            yield _tag(f"tick{i}")


FAST = strawberry.Schema(query=Query, subscription=Subscription, execution_context_class=FastExecutionContext)
lean_resolvers(FAST)
PLAIN = strawberry.Schema(query=Query, subscription=Subscription)


def _answer(result: Any) -> tuple[Any, list[dict[str, Any]]]:
    errors = [e.formatted for e in result.errors or []]
    return result.data, sorted(errors, key=str)


async def _both(query: str, **variables: Any) -> tuple[Any, list[dict[str, Any]]]:
    fast = await FAST.execute(query, variable_values=variables)
    plain = await PLAIN.execute(query, variable_values=variables)
    assert _answer(fast) == _answer(plain)
    return _answer(fast)


async def test_execution_plain_fields_and_objects_equal_graphql_core() -> None:
    data, errors = await _both(
        """{ items { title count loud
             tags { name weight shade aliases seen span { start end } __typename }
             maybe { name } } }"""
    )
    assert errors == []
    assert data["items"][1]["maybe"] == {"name": "maybe"}
    assert data["items"][0]["tags"][0] == {
        "name": "tag00",
        "weight": 1.5,
        "shade": "LIGHT",
        "aliases": ["ta", "00"],
        "seen": "2026-12-08",
        "span": {"start": 1, "end": 5},
        "__typename": "Tag",
    }
    assert list(data["items"][0]) == ["title", "count", "loud", "tags", "maybe"]


async def test_execution_aliases_fragments_and_directives_equal_graphql_core() -> None:
    data, errors = await _both(
        """query($yes: Boolean!) { items { t: title ...F
             tags { n: name name @include(if: $yes) weight @skip(if: $yes) } } }
           fragment F on Item { count title tags { ... on Tag { shade } } }""",
        yes=True,
    )
    assert errors == []
    assert data["items"][0]["tags"][0] == {"n": "tag00", "name": "tag00", "shade": "LIGHT"}
    assert list(data["items"][0]) == ["t", "count", "title", "tags"]


async def test_execution_resolvers_arguments_and_async_fields_equal_graphql_core() -> None:
    data, errors = await _both("{ item { shortened(n: 2) later { name } loud } }")
    assert errors == []
    assert data == {
        "item": {"shortened": "it", "later": [{"name": f"tag2{j}"} for j in range(3)], "loud": "ITEM 2"}
    }


async def test_execution_lean_resolvers_get_info_and_raise_as_before() -> None:
    data, errors = await _both("{ items { where fails } }")
    assert data["items"][1] == {"where": "item 1 at where (where) ['items', 1, 'where']", "fails": None}
    assert [e["message"] for e in errors] == [f"item {i} fails" for i in range(4)]


def test_execution_lean_resolvers_only_without_arguments() -> None:
    """Fields with arguments keep strawberry's wrapper, which converts them; plain attributes keep
    their default resolver; resolvers taking only the object and info are called directly."""
    fields = FAST._schema.type_map["Item"].fields  # type: ignore[union-attr]
    lean = {name for name, f in fields.items() if f.resolve.__qualname__ == "_lean.<locals>.resolve"}
    assert lean == {"where", "fails", "loud", "wrongTags", "nullName", "badInt", "later"}
    assert getattr(fields["title"].resolve, "_is_default", False)


@pytest.mark.parametrize(
    "query",
    [
        "{ item { wrongTags { name } } }",  # an object of another type in a list
        "{ item { nullName { name shade } } }",  # null for a non-null leaf
        "{ item { badInt { start end } } }",  # a value its scalar refuses
        "{ items { title nullName { name } } }",  # the null propagates up to the nullable list item
    ],
)
async def test_execution_errors_equal_graphql_core(query: str) -> None:
    _, errors = await _both(query)
    assert errors
    assert all(e["path"] for e in errors)


async def test_execution_subscriptions_left_to_graphql_core() -> None:
    fast = await FAST.subscribe("subscription { ticks { name aliases } }")
    plain = await PLAIN.subscribe("subscription { ticks { name aliases } }")
    assert not isinstance(fast, GraphQLError)
    got = [r.data async for r in fast]  # type: ignore[union-attr]
    want = [r.data async for r in plain]  # type: ignore[union-attr]
    assert got == want == [{"ticks": {"name": f"tick{i}", "aliases": ["ti", f"k{i}"]}} for i in range(2)]


def test_execution_shortcuts_taken_for_plain_fields_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut is what answers the plain fields: graphql-core's field execution never sees a
    Tag's fields, nor Item.tags (an attribute holding plain objects), and does see the fields that
    have a resolver or arguments."""
    seen: list[str] = []
    original = FastExecutionContext.execute_field

    def spy(self: Any, parent_type: Any, source: Any, details: Any, path: Any, position: Any) -> Any:
        seen.append(f"{parent_type.name}.{details[0].node.name.value}")
        return original(self, parent_type, source, details, path, position)

    monkeypatch.setattr(FastExecutionContext, "execute_field", spy)
    result = FAST.execute_sync("{ item { title loud shortened tags { name span { start } } } }")
    assert result.errors is None
    assert sorted(set(seen)) == ["Item.loud", "Item.shortened", "Query.item"]

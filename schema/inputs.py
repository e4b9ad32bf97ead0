"""Text no argument may hold: NUL and lone surrogates.

PostgreSQL text cannot store U+0000, and a lone surrogate (U+D800 to U+DFFF, which JSON's `\\ud800`
escape can carry) cannot be encoded as UTF-8, so either one, in any argument, would only fail later as
a driver error. They are refused before validation, naming the argument (or variable) that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    VariableNode,
    visit,
)
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from schema.errors import UserError

_BAD = re.compile("[\x00\ud800-\udfff]")


def _problem(text: str) -> str | None:
    found = _BAD.search(text)
    if found is None:
        return None
    char = found.group()
    what = "a NUL character" if char == "\x00" else "a lone surrogate"
    return f"{what} (U+{ord(char):04X}) at position {found.start()}, which no text here can hold"


def _strings(value: ValueNode, path: str, uses: dict[str, str]) -> Iterator[tuple[str, str]]:
    """The string literals in an argument's value, with where each stands; records in uses where
    each variable is passed."""
    stack: list[tuple[ValueNode, str]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, StringValueNode):
            yield where, node.value
        elif isinstance(node, VariableNode):
            uses.setdefault(node.name.value, where)
        elif isinstance(node, ListValueNode):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(node.values))
        elif isinstance(node, ObjectValueNode):
            stack.extend((f.value, f"{where}.{f.name.value}") for f in node.fields)


def _variable_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    # a stack, not recursion: a variable's JSON may nest as deep as its parser allowed
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(item))
        elif isinstance(item, Mapping):
            stack.extend((v, f"{where}.{k}") for k, v in item.items())
            stack.extend((k, f"{where} (a key)") for k in item)


class _Arguments(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.uses: dict[str, str] = {}

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self.found.extend(_strings(node.value, node.name.value, self.uses))


def check_text(document: DocumentNode, variables: Mapping[str, Any] | None) -> None:
    """Raises UserError for the first argument or variable holding text no column can store."""
    arguments = _Arguments()
    visit(document, arguments)
    for where, text in arguments.found:
        problem = _problem(text)
        if problem is not None:
            raise UserError(f"`{where}` holds {problem}", argument=where)
    for name, value in (variables or {}).items():
        for where, text in _variable_strings(value, ""):
            problem = _problem(text)
            if problem is not None:
                # named as the argument it is passed to, when it is passed to one
                argument = f"{arguments.uses.get(name, '$' + name)}{where}"
                raise UserError(
                    f"`${name}{where}` (argument `{argument}`) holds {problem}", argument=argument
                )


class TextArguments(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is not None:
            check_text(ctx.graphql_document, ctx.variables)
        yield

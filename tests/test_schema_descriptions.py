"""Everything a GraphiQL reader can click on says what it is: every type, field, argument, enum value and
input field of the served schema has a description (issue 17, point 7). `make lint` holds the exported SDL
to the same rules with graphql-schema-linter (tests/schema_lint); this is the same check in the suite,
read from the SDL through graphql-core, with no node needed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
)

ROOT = Path(__file__).resolve().parent.parent


def undescribed(schema: GraphQLSchema) -> list[str]:
    """Each place without a description (or with only its own name in words), as `Type.field(arg)`."""
    missing: list[str] = []

    def check(where: str, name: str, description: str | None) -> None:
        if not description or not description.strip() or _restates(name, description):
            missing.append(where)

    for type_name, named in sorted(schema.type_map.items()):
        if type_name.startswith("__") or type_name in ("String", "Int", "Float", "Boolean", "ID"):
            continue  # introspection and the spec's scalars: described by the spec, not by us
        check(type_name, type_name, named.description)
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in named.fields.items():
                check(f"{type_name}.{field_name}", field_name, field.description)
                for arg_name, arg in field.args.items():
                    check(f"{type_name}.{field_name}({arg_name})", arg_name, arg.description)
        elif isinstance(named, GraphQLInputObjectType):
            for field_name, input_field in named.fields.items():
                check(f"{type_name}.{field_name}", field_name, input_field.description)
        elif isinstance(named, GraphQLEnumType):
            for value_name, value in named.values.items():
                check(f"{type_name}.{value_name}", value_name, value.description)
    return missing


def _restates(name: str, description: str) -> bool:
    """A description that only spells out the name ("The title." for `title`) tells the reader nothing."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").lower().split()
    said = re.sub(r"[^\w\s]", "", description).lower().split()
    return [w for w in said if w not in ("the", "a", "an", "its")] == words


def _exported() -> str:
    return subprocess.run(
        [sys.executable, "-m", "api", "export-schema"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    ).stdout


def test_schema_descriptions_cover_every_type_field_argument_and_value() -> None:
    missing = undescribed(build_schema(_exported()))
    assert missing == [], "described nowhere (or only by its own name): " + ", ".join(missing)


def test_schema_descriptions_check_finds_each_kind_of_gap() -> None:
    # the check above passes only because nothing is missing, not because it looks at nothing
    sdl = '''
        """Described."""
        type Query {
          """Described."""
          a(x: Int): Int
          b: Int
          """The title."""
          title: String
        }
        type Plain { f: Int }
        union Either = Query | Plain
        """Described."""
        input Filter { g: Int }
        """Described."""
        enum Kind { ONE }
        scalar Stamp
    '''
    assert undescribed(build_schema(sdl)) == [
        "Either",
        "Filter.g",
        "Kind.ONE",
        "Plain",
        "Plain.f",
        "Query.a(x)",
        "Query.b",
        "Query.title",
        "Stamp",
    ]

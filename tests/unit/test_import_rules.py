"""docs/architecture.md's import rules, checked on the source: every import of every module of ours (at
the top of a module or inside a function, type-checking ones included) read from its syntax tree."""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("settings", "pipeline", "store", "schema", "workers", "api")

# what each package must never import (architecture.md, "Import rules"); api/ may import anything
FORBIDDEN = {
    "settings": {"pipeline", "store", "schema", "workers", "api"},
    "pipeline": {"store", "schema", "workers", "api", "settings"},
    "store": {"schema", "workers", "api", "settings"},
    "schema": {"workers", "api"},
    "workers": {"schema", "api"},
}

# SQLAlchemy outside store/: its errors, engine and session types, URLs and engine events, never a
# statement built or run
SQLALCHEMY_ALLOWED = {
    "sqlalchemy": {"event", "make_url"},
    "sqlalchemy.exc": None,
    "sqlalchemy.engine": None,
    "sqlalchemy.ext.asyncio": None,
}
# calls that run SQL: on anything (these names mean SQL in this code base), or on a session/connection
RUNS_SQL = {"execute", "scalar", "scalars", "stream_scalars", "exec_driver_sql"}
SESSION_SQL = {"get", "add", "add_all", "delete", "merge", "flush", "refresh", "stream"}
SESSION_NAMES = {"session", "conn", "connection"}
# a Redis pipeline's `.execute()` sends Redis commands, not SQL (`async with redis.pipeline() as pipe`)
REDIS_PIPELINES = {"pipe"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the module (or package) it imports, dotted
    names: tuple[str, ...]  # the names taken from it (`from target import names`), else ()
    line: int
    type_checking: bool  # under `if TYPE_CHECKING:`: read by mypy, never run

    @property
    def where(self) -> str:
        return f"{self.module} (line {self.line})"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    _module_name(path): path
    for package in PACKAGES
    for path in sorted((ROOT / package).rglob("*.py"))
    if "__pycache__" not in path.parts
}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, type_checking: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        guarded = type_checking
        if isinstance(node, ast.If) and _is_type_checking(node.test) and child in node.body:
            guarded = True
        yield child, guarded
        yield from _walk(child, guarded)


def _tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"), filename=str(MODULES[module]))


def _imports(module: str) -> list[Import]:
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: list[Import] = []
    for node, guarded in _walk(_tree(module)):
        if isinstance(node, ast.Import):
            found.extend(Import(module, a.name, (), node.lineno, guarded) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names = tuple(a.name for a in node.names)
            # `from store import runs` imports the module store.runs; `from store.runs import x`, store.runs
            submodules = [n for n in names if f"{base}.{n}" in MODULES]
            found.extend(Import(module, f"{base}.{n}", (), node.lineno, guarded) for n in submodules)
            rest = tuple(n for n in names if n not in submodules)
            if rest or not submodules:
                found.append(Import(module, base, rest, node.lineno, guarded))
    return found


IMPORTS = {module: _imports(module) for module in MODULES}


def _ours(target: str) -> str | None:
    top = target.split(".")[0]
    return top if top in PACKAGES else None


def _runtime_graph(prefix: str = "") -> dict[str, set[str]]:
    """Module → the modules of ours it imports when it runs (at its top or in a function). Importing a
    submodule also runs its package's __init__, which does not count: that is Python's doing, not an
    arrow the code draws."""
    return {
        module: {i.target for i in imports if not i.type_checking and i.target in MODULES}
        for module, imports in IMPORTS.items()
        if module.startswith(prefix)
    }


def test_import_rules_see_every_package_and_their_imports() -> None:
    # the walk reads what it should: each package, the nested ones, function-level and guarded imports
    assert {m.split(".")[0] for m in MODULES} == set(PACKAGES)
    assert "pipeline.extract.recognisers.dotted" in MODULES
    assert any(i.target == "store.runs" for i in IMPORTS["workers.jobs"])
    assert any(i.type_checking and i.target == "schema.entities" for i in IMPORTS["schema.articles"])
    assert any(i.target == "workers.jobs" for i in IMPORTS["api.cli"])  # inside a function


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_rules_no_arrow_back_up(package: str) -> None:
    wrong = [
        f"{i.where} imports {i.target}"
        for module, imports in IMPORTS.items()
        if module.split(".")[0] == package
        for i in imports
        if _ours(i.target) in FORBIDDEN[package]
    ]
    assert not wrong, f"{package}/ must import nothing of {sorted(FORBIDDEN[package])}: {wrong}"


def test_import_rules_no_cycle_among_our_modules() -> None:
    graph = _runtime_graph()
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        pytest.fail(f"modules import each other in a circle: {' → '.join(exc.args[1])}")


def test_import_rules_schema_lazy_types_point_up() -> None:
    """The GraphQL types refer to each other in circles (an Article's people, a Person's articles), the
    modules must not: a module names a type of a module above it (one that imports it) with
    strawberry.lazy. Every lazy reference must point up; one pointing anywhere else stands for an
    import that would have drawn no circle."""
    graph = {m: {t for t in ts if _ours(t) == "schema"} for m, ts in _runtime_graph("schema").items()}
    above: dict[str, set[str]] = {m: set() for m in graph}
    # importers before what they import, so each module's importers are all known when it is reached
    for module in reversed(list(graphlib.TopologicalSorter(graph).static_order())):
        for imported in graph[module]:
            above[imported] |= {module} | above[module]
    lazy = [
        (module, str(node.args[0].value), node.lineno)
        for module in graph
        for node, _ in _walk(_tree(module))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "lazy"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert lazy, "no strawberry.lazy reference found: the check below reads nothing"
    wrong = [f"{m} (line {n}) names {t} lazily" for m, t, n in lazy if t not in above[m]]
    assert not wrong, f"lazy references that point at a module that does not import them: {wrong}"
    # and a type-checking import (for mypy) is only ever of a module named lazily, i.e. above
    named = {(m, t) for m, t, _ in lazy}
    guarded = [
        i.where + f" imports {i.target}"
        for m in graph
        for i in IMPORTS[m]
        if i.type_checking and _ours(i.target) == "schema" and (m, i.target) not in named
    ]
    assert not guarded, f"type-checking imports of schema modules not named lazily: {guarded}"


def _sql_outside_store() -> Iterator[str]:
    for module in MODULES:
        if module.split(".")[0] == "store":
            continue
        for i in IMPORTS[module]:
            if i.target == "sqlalchemy" or i.target.startswith("sqlalchemy."):
                allowed = SQLALCHEMY_ALLOWED.get(i.target, set())
                if allowed is not None and (not i.names or set(i.names) - allowed):
                    yield f"{i.where} imports {i.target} {list(i.names)}"
        for node, _ in _walk(_tree(module)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            receiver = node.func.value
            on_session = isinstance(receiver, ast.Name) and receiver.id in SESSION_NAMES
            on_redis = isinstance(receiver, ast.Name) and receiver.id in REDIS_PIPELINES
            sql = node.func.attr in RUNS_SQL and not on_redis
            if sql or (on_session and node.func.attr in SESSION_SQL):
                yield f"{module} (line {node.lineno}) calls .{node.func.attr}()"


def test_import_rules_every_sql_statement_is_in_store() -> None:
    found = list(_sql_outside_store())
    assert not found, f"SQL outside store/: {found}"

"""An execution context that completes plain fields without graphql-core's per-field machinery.

A page of 100 articles with their people, organizations and places returns about 1,500 objects and
3,000 fields, nearly all of them an attribute read: `name` of a Person. graphql-core gives each one a
Path, a ResolveInfo, strawberry's resolver wrapper and four levels of `complete_value` (non-null, list,
non-null, object, then the leaf), which was over half the CPU of such a request. Here:

- a *plain* field (no arguments, no resolver of its own, no field extensions, a scalar or enum or a
  list of them) is read with `getattr` and coerced by its type directly;
- a value whose type is an object type (or a list of one) whose selection holds only plain fields and
  `__typename` (and such objects, nested) is completed into its dict in one loop;
- a field whose resolver takes no arguments (only the object and info: an article's `people`) calls
  it straight away (`lean_resolvers`), without strawberry's argument conversion and extension chain,
  which have nothing to do for it.

Anything else, and any value a shortcut cannot complete exactly as graphql-core would (a null where
the type says non-null, a value its scalar refuses, an object of another type, an exception), takes
graphql-core's own path, which then reports the error as it always did: the shortcuts only ever
return what graphql-core would have returned. Subscriptions, operations with middleware (a schema
extension that wraps resolvers) and `@defer` selections are left to graphql-core whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLString,
    OperationType,
    Undefined,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import Schema, StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

# what a shortcut returns when it cannot complete a value: graphql-core's path takes over
SLOW: Any = object()
# the attribute strawberry.cast sets on an instance returned as another type
_CAST = "__as_strawberry_type__"

Reader = Callable[[Any], Any]
Completer = Callable[[Any, GraphQLResolveInfo[Any]], Any]


def _leaf_completer(return_type: GraphQLOutputType) -> Callable[[Any], Any] | None:
    """Completes a value of a leaf type, a list of one (or non-null of either), or None if the type is
    anything else. SLOW for a value graphql-core would refuse."""
    nullable = not is_non_null_type(return_type)
    inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
    if is_leaf_type(inner):
        coerce = inner.coerce_output_value
        # a str is what String's coercion returns a str as (most leaves of a page are names)
        as_is = str if inner is GraphQLString else None

        def leaf(value: Any) -> Any:
            if value is None:
                return None if nullable else SLOW
            if type(value) is as_is:
                return value
            out = coerce(value)
            return SLOW if out is None or out is Undefined else out

        return leaf
    if isinstance(inner, GraphQLList):
        item = _leaf_completer(inner.of_type)
        if item is None:
            return None

        def items(value: Any) -> Any:
            if value is None:
                return None if nullable else SLOW
            if not isinstance(value, list | tuple):
                return SLOW
            out = [item(v) for v in value]
            return SLOW if any(v is SLOW for v in out) else out

        return items
    return None


def _plain_attribute(field_def: Any, details: FieldDetailsList) -> str | None:
    """The attribute a field reads, when it is one strawberry would read without a resolver, info or
    extension, and the query passes it no arguments; else None."""
    node = details[0].node
    if field_def.args or node.arguments or any(d.defer_usage is not None for d in details):
        return None
    if not getattr(field_def.resolve, "_is_default", False):
        return None
    definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if definition is None or not definition.is_basic_field or definition.default_resolver is not getattr:
        return None
    return str(definition.python_name)


def _lean(field: StrawberryField, info_class: Any) -> Callable[..., Any]:
    """What strawberry's resolver wrapper does for a field without arguments or extensions: the
    object as `self`, `root` or `parent`, and an Info, as the resolver's parameters ask."""
    resolver = field.base_resolver
    assert resolver is not None
    as_self = resolver.self_parameter is not None
    as_kwargs = [p.name for p in (resolver.parent_parameter, resolver.root_parameter) if p is not None]
    info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None

    def resolve(source: Any, info: GraphQLResolveInfo[Any], **_arguments: Any) -> Any:
        kwargs = dict.fromkeys(as_kwargs, source)
        if info_name is not None:
            kwargs[info_name] = info_class(_raw_info=info, _field=field)
        return resolver(*((source,) if as_self else ()), **kwargs)

    return resolve


def lean_resolvers(schema: Schema) -> None:
    """Gives each field whose resolver takes no arguments and has no field extensions (permissions
    included) a resolver that calls it directly. Subscription fields and schemas with exception
    handlers keep strawberry's wrapper."""
    if schema.exception_handlers:
        return
    subscription = schema._schema.subscription_type
    for graphql_type in schema._schema.type_map.values():
        if not is_object_type(graphql_type) or graphql_type is subscription:
            continue
        for field_def in graphql_type.fields.values():
            definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if (
                isinstance(definition, StrawberryField)
                and definition.base_resolver is not None
                and not definition.extensions
                and not definition.arguments
                and not field_def.args
            ):
                field_def.resolve = _lean(definition, schema.config.info_class)


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self._fast = self.operation.operation != OperationType.SUBSCRIPTION and not (
            manager is not None and manager.middlewares
        )
        # per (parent type, grouped field set): a reader per field (None: graphql-core's path); the
        # field set is kept alongside so its id cannot be reused while this execution lives
        self._readers: dict[tuple[str, int], tuple[GroupedFieldSet, list[Reader | None] | None]] = {}
        # per (return type, field details list): the completer of such values, or None
        self._completers: dict[tuple[int, int], tuple[Any, Completer | None]] = {}

    # --- plain fields of any object --------------------------------------------------------------

    def _field_reader(self, parent_type: GraphQLObjectType, details: FieldDetailsList) -> Reader | None:
        name = details[0].node.name.value
        if name == "__typename":
            type_name = parent_type.name
            return lambda _source: type_name
        field_def = self.schema.get_field(parent_type, name)
        if field_def is None:
            return None
        attribute = _plain_attribute(field_def, details)
        if attribute is None:
            return None
        complete_leaf = _leaf_completer(field_def.type)
        if complete_leaf is not None:

            def read_leaf(source: Any) -> Any:
                return complete_leaf(getattr(source, attribute))

            return read_leaf
        complete = self._completer(field_def.type, details)
        if complete is None:
            return None

        def read_object(source: Any) -> Any:
            # strawberry's is_type_of reads no info, and a shortcut never builds one
            return complete(getattr(source, attribute), None)  # type: ignore[arg-type]

        return read_object

    def _field_readers(
        self, parent_type: GraphQLObjectType, fields: GroupedFieldSet
    ) -> list[Reader | None] | None:
        key = (parent_type.name, id(fields))
        cached = self._readers.get(key)
        if cached is not None:
            return cached[1]
        readers: list[Reader | None] | None = [self._field_reader(parent_type, d) for d in fields.values()]
        if all(r is None for r in readers or ()):
            readers = None
        self._readers[key] = (fields, readers)
        return readers

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        readers = self._field_readers(parent_type, grouped_field_set) if self._fast else None
        if readers is None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        done: dict[str, Any] = {}
        rest: GroupedFieldSet = {}
        for (response_name, details), reader in zip(grouped_field_set.items(), readers, strict=True):
            value = SLOW
            if reader is not None:
                try:
                    value = reader(source_value)
                except Exception:
                    value = SLOW
            if value is SLOW:
                rest[response_name] = details
            else:
                done[response_name] = value
        if not rest:
            return done
        others = super().execute_fields(parent_type, source_value, path, rest, position_context)
        order = list(grouped_field_set)
        if self.is_awaitable(others):

            async def merged() -> dict[str, Any]:
                resolved = await others
                return _in_order(order, done, resolved)

            return merged()
        return _in_order(order, done, others)  # type: ignore[arg-type]

    # --- objects made only of plain fields ---------------------------------------------------------

    def _completer(self, return_type: GraphQLOutputType, details: FieldDetailsList) -> Completer | None:
        key = (id(return_type), id(details))
        cached = self._completers.get(key)
        if cached is not None:
            return cached[1]
        # a placeholder first: a type whose plain fields lead back to itself is left to graphql-core
        self._completers[key] = ((return_type, details), None)
        made = self._make_completer(return_type, details)
        self._completers[key] = ((return_type, details), made)
        return made

    def _make_completer(self, return_type: GraphQLOutputType, details: FieldDetailsList) -> Completer | None:
        nullable = not is_non_null_type(return_type)
        inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        if is_list_type(inner):
            item = self._completer(inner.of_type, details)
            if item is None:
                return None

            def complete_list(value: Any, info: GraphQLResolveInfo[Any]) -> Any:
                if value is None:
                    return None if nullable else SLOW
                if not isinstance(value, list | tuple):
                    return SLOW
                out = []
                for v in value:
                    done = item(v, info)
                    if done is SLOW:
                        return SLOW
                    out.append(done)
                return out

            return complete_list
        if not is_object_type(inner):
            return None
        object_type: GraphQLObjectType = inner
        fields, new_defer_usages, _ = self.collect_subfields(object_type, details)
        if new_defer_usages:
            return None
        readers = [self._field_reader(object_type, d) for d in fields.values()]
        if any(r is None for r in readers):
            return None
        pairs: Sequence[tuple[str, Reader]] = list(zip(fields, readers, strict=True))  # type: ignore[arg-type]
        is_type_of = object_type.is_type_of
        definition = (object_type.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        # an instance of the type's own class, not cast to another type (strawberry.cast marks the
        # instance), is what strawberry's is_type_of accepts: checked without calling it
        own = getattr(definition, "origin", None)

        def complete_object(value: Any, info: GraphQLResolveInfo[Any]) -> Any:
            if value is None:
                return None if nullable else SLOW
            if is_type_of is None or (type(value) is own and getattr(value, _CAST, None) is None):
                pass
            elif is_type_of(value, info) is not True:
                return SLOW
            out = {}
            for name, read in pairs:
                done = read(value)
                if done is SLOW:
                    return SLOW
                out[name] = done
            return out

        return complete_object

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        if self._fast and result is not None and not isinstance(result, Exception):
            complete = self._completer(return_type, field_details_list)
            if complete is not None:
                try:
                    done = complete(result, info)
                except Exception:
                    done = SLOW
                if done is not SLOW:
                    return done
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)


def _in_order(order: list[str], done: dict[str, Any], others: dict[str, Any]) -> dict[str, Any]:
    return {
        name: done[name] if name in done else others[name] for name in order if name in done or name in others
    }

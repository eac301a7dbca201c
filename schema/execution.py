"""Executing the schema faster where it is plain data: lists of findings and KPI values.

graphql-core completes a result field by field: for each it builds a resolve info, calls
strawberry's wrapper around ``getattr``, asks whether the value is awaitable, then completes
it; 3 to 4 µs a field, and a large assessment query has about 1,700 of them. Two shortcuts,
both giving exactly what graphql-core gives:

- every resolver of this schema is synchronous (the endpoint runs them in a worker thread;
  `all_resolvers_sync` is checked when the schema is built), so "is it awaitable?" is no;
- a value whose selection reaches only plain fields (strawberry fields without a resolver,
  arguments, extensions or deferred parts) is completed by a plan made once per execution:
  ``getattr`` and the type's own output coercion for each field, the same order of keys. If
  anything in it does not go by the plan (a null where the type forbids one, a value the
  coercion refuses, a wrong object type), the value is completed again the ordinary way, which
  reports the error exactly as before; reading plain attributes has no side effects to repeat.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import strawberry
from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    is_leaf_type,
)
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.base import StrawberryObjectDefinition

Plan = Callable[[Any, GraphQLResolveInfo], Any]


class OffPlan(Exception):
    """The value does not go by the plan; complete it the ordinary way."""


def _never_awaitable(_value: Any) -> bool:
    return False


def all_resolvers_sync(schema: strawberry.Schema) -> bool:
    """Whether no field of `schema` has an async resolver."""
    for definition in schema.schema_converter.type_map.values():
        strawberry_type = definition.definition
        if isinstance(strawberry_type, StrawberryObjectDefinition) and any(
            field.is_async for field in strawberry_type.fields
        ):
            return False
    return True


class SyncExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """strawberry's execution context, for a schema whose resolvers are all synchronous."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_awaitable = _never_awaitable  # type: ignore[method-assign,assignment]
        self._plans: dict[tuple[int, int], tuple[Any, Plan | None]] = {}

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: Any,
        info: GraphQLResolveInfo,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        plan = self._plan(return_type, field_details_list)
        if plan is not None:
            try:
                return plan(result, info)
            except OffPlan:
                pass
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plan(self, return_type: GraphQLOutputType, field_details_list: Any) -> Plan | None:
        # like graphql-core's collect_subfields, keyed on the list's identity and keeping the
        # list alive so that its id is not reused during the execution
        key = (id(return_type), id(field_details_list))
        cached = self._plans.get(key)
        if cached is None:
            cached = (field_details_list, self._make_plan(return_type, field_details_list))
            self._plans[key] = cached
        return cached[1]

    def _make_plan(self, return_type: GraphQLOutputType, field_details_list: Any) -> Plan | None:
        if self.middleware_manager is not None:
            return None
        if isinstance(return_type, GraphQLNonNull):
            inner = self._make_plan(return_type.of_type, field_details_list)
            return None if inner is None else _non_null(inner)
        if isinstance(return_type, GraphQLList):
            if any(
                directive.name.value == "stream"
                for details in field_details_list
                for directive in details.node.directives or ()
            ):
                return None
            item = self._make_plan(return_type.of_type, field_details_list)
            return None if item is None else _list(item)
        if is_leaf_type(return_type):
            return _nullable(_leaf(return_type.coerce_output_value))  # type: ignore[union-attr]
        if isinstance(return_type, GraphQLObjectType):
            return self._object_plan(return_type, field_details_list)
        return None  # interfaces and unions: the ordinary way

    def _object_plan(self, object_type: GraphQLObjectType, field_details_list: Any) -> Plan | None:
        grouped, new_defers, forbidden = self.collect_subfields(object_type, field_details_list)
        if new_defers or forbidden:
            return None
        fields: list[_Field] = []
        for response_key, details in grouped.items():
            node = details[0].node
            if node.name.value == "__typename":
                fields.append(_Field(response_key, None, "", False, None, object_type.name))
                continue
            field_def = self.schema.get_field(object_type, node.name.value)
            if field_def is None:
                return None
            strawberry_field = (field_def.extensions or {}).get(
                GraphQLCoreConverter.DEFINITION_BACKREF
            )
            if (
                strawberry_field is None
                or not getattr(field_def.resolve, "_is_default", False)
                or not strawberry_field.is_basic_field
                or field_def.args
                or node.arguments
            ):
                return None
            field_type, non_null = field_def.type, isinstance(field_def.type, GraphQLNonNull)
            named = field_type.of_type if non_null else field_type
            if is_leaf_type(named):
                coerce, plan = named.coerce_output_value, None
            else:
                coerce, plan = None, self._make_plan(named, details)
                if plan is None:
                    return None
            # what strawberry's resolver for a plain field calls
            resolver = strawberry_field.default_resolver
            fields.append(
                _Field(response_key, resolver, strawberry_field.python_name, non_null, coerce, plan)
            )
        return _nullable(_object(object_type, fields))


class _Field(NamedTuple):
    key: str
    resolver: Callable[[Any, str], Any] | None  # None: __typename, whose value is `plan`
    name: str
    non_null: bool
    coerce: Callable[[Any], Any] | None  # a leaf's coercion; else `plan` completes it
    plan: Any


def _non_null(inner: Plan) -> Plan:
    def complete(value: Any, info: GraphQLResolveInfo) -> Any:
        completed = inner(value, info)
        if completed is None:
            raise OffPlan
        return completed

    return complete


def _nullable(inner: Plan) -> Plan:
    def complete(value: Any, info: GraphQLResolveInfo) -> Any:
        if value is None or value is Undefined:
            return None
        return inner(value, info)

    return complete


def _list(item: Plan) -> Plan:
    def complete(value: Any, info: GraphQLResolveInfo) -> Any:
        if value is None or value is Undefined:
            return None
        if not isinstance(value, list | tuple):  # other iterables: the ordinary way
            raise OffPlan
        return [item(element, info) for element in value]

    return complete


def _leaf(coerce: Callable[[Any], Any]) -> Plan:
    def complete(value: Any, _info: GraphQLResolveInfo) -> Any:
        if isinstance(value, Exception):
            raise OffPlan
        try:
            coerced = coerce(value)
        except Exception as exc:
            raise OffPlan from exc
        if coerced is None or coerced is Undefined:
            raise OffPlan
        return coerced

    return complete


def _object(object_type: GraphQLObjectType, fields: list[_Field]) -> Plan:
    is_type_of = object_type.is_type_of

    def complete(value: Any, info: GraphQLResolveInfo) -> Any:
        if isinstance(value, Exception) or (is_type_of and not is_type_of(value, info)):
            raise OffPlan
        completed = {}
        for key, resolver, name, non_null, coerce, plan in fields:
            if resolver is None:  # __typename
                completed[key] = plan
                continue
            try:
                field_value = resolver(value, name)
                if field_value is None or field_value is Undefined:
                    if non_null:
                        raise OffPlan
                    completed[key] = None
                elif coerce is not None:
                    if isinstance(field_value, Exception):
                        raise OffPlan
                    coerced = coerce(field_value)
                    if coerced is None or coerced is Undefined:
                        raise OffPlan
                    completed[key] = coerced
                else:
                    completed[key] = plan(field_value, info)
            except OffPlan:
                raise
            except Exception as exc:
                raise OffPlan from exc
        return completed

    return complete

"""An agency's own KPIs and rules, saved through the API: checked when saved, compiled into a
registry of the agency's own for every request that needs one.

They are the same records as `[[custom.kpis]]` and `[[custom.rules]]` in `plugins.toml`
(`engine.custom`), so they take part in assessments and the catalogue exactly as those do.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from socialaudit.engine.custom import (
    CustomKpiDefinition,
    CustomRuleDefinition,
    build_kpi,
    build_rule,
)
from socialaudit.engine.errors import ConfigError
from socialaudit.engine.expressions import ExpressionError, ExpressionErrorCode
from socialaudit.engine.registry import PluginInfo, PluginStatus, Registry, extended
from socialaudit.service.expression_worker import CHECK_SECONDS, CheckTimedOut, run_checked
from socialaudit.service.storage.records import CustomDefinitionRecord
from socialaudit.service.user_errors import UserError, UserErrorCode, UserErrors, field_path

Definition = CustomKpiDefinition | CustomRuleDefinition


class DefinitionKind(StrEnum):
    KPI = "kpi"
    RULE = "rule"


_MODELS: dict[DefinitionKind, type[Definition]] = {
    DefinitionKind.KPI: CustomKpiDefinition,
    DefinitionKind.RULE: CustomRuleDefinition,
}
_SOURCE_FIELD = {DefinitionKind.KPI: "expression", DefinitionKind.RULE: "condition"}
_EXPRESSION_CODES = {
    ExpressionErrorCode.SYNTAX: UserErrorCode.EXPRESSION_SYNTAX,
    ExpressionErrorCode.UNKNOWN_NAME: UserErrorCode.EXPRESSION_UNKNOWN_NAME,
    ExpressionErrorCode.TYPE: UserErrorCode.EXPRESSION_TYPE,
    ExpressionErrorCode.TOO_LONG: UserErrorCode.EXPRESSION_TOO_LONG,
    ExpressionErrorCode.TOO_DEEP: UserErrorCode.EXPRESSION_TOO_DEEP,
    ExpressionErrorCode.FORBIDDEN: UserErrorCode.EXPRESSION_FORBIDDEN,
}


def definition_key(definition: Definition) -> str:
    return definition.id if isinstance(definition, CustomKpiDefinition) else definition.code


def _parsed(record: CustomDefinitionRecord) -> Definition:
    return _MODELS[DefinitionKind(record.kind)].model_validate(record.definition)


def _split(
    records: list[CustomDefinitionRecord],
) -> tuple[list[CustomKpiDefinition], list[CustomRuleDefinition]]:
    parsed = [_parsed(r) for r in records]
    return (
        [d for d in parsed if isinstance(d, CustomKpiDefinition)],
        [d for d in parsed if isinstance(d, CustomRuleDefinition)],
    )


def _owner(agency_id: str) -> str:
    return f"agency:{agency_id}"


@dataclass(frozen=True)
class _Entry:
    shared_origin: Registry  # held, so that its id() cannot be reused while the entry lives
    registry: Registry


class _CompiledRegistries:
    """Registries already compiled, by the shared registry, the agency and the versions of its
    definitions: compiling every expression again on each request would cost more than the
    request. A changed definition has a new version, so a stale entry is never found."""

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[int, str, tuple[tuple[str, str], ...]], _Entry] = (
            OrderedDict()
        )

    def get(
        self, shared: Registry, agency_id: str, records: list[CustomDefinitionRecord]
    ) -> Registry:
        key = (id(shared), agency_id, tuple(sorted((r.id, r.version) for r in records)))
        with self._lock:  # requests run in several worker threads
            found = self._entries.get(key)
            if found is not None and found.shared_origin is shared:
                self._entries.move_to_end(key)
                return found.registry
        registry = _compile(shared, agency_id, records)
        with self._lock:
            self._entries[key] = _Entry(shared, registry)
            if len(self._entries) > self.capacity:
                self._entries.popitem(last=False)
        return registry


_compiled = _CompiledRegistries()


def agency_registry(
    shared: Registry, agency_id: str, records: list[CustomDefinitionRecord]
) -> Registry:
    """The shared registry plus the agency's definitions. A stored definition that no longer
    compiles (a plugin providing a KPI it reads was removed) is left out and listed as a failed
    plugin, so the assessment reports it and the rest runs."""
    if not records:
        return shared
    return _compiled.get(shared, agency_id, records)


def _compile(shared: Registry, agency_id: str, records: list[CustomDefinitionRecord]) -> Registry:
    kpis, rules = _split(records)
    try:
        return extended(shared, tuple(kpis), tuple(rules), owner=_owner(agency_id))
    except ConfigError:
        pass
    registry = shared
    failed = PluginInfo(name="agency definitions", module="socialaudit.service.custom_definitions")
    one_by_one: list[tuple[tuple[CustomKpiDefinition, ...], tuple[CustomRuleDefinition, ...]]] = [
        *(((kpi,), ()) for kpi in kpis),
        *(((), (rule,)) for rule in rules),
    ]
    for kpi_part, rule_part in one_by_one:
        try:
            registry = extended(registry, kpi_part, rule_part, owner=_owner(agency_id))
        except ConfigError as exc:
            failed.fail(f"{definition_key((*kpi_part, *rule_part)[0])}: {exc.message}")
    failed.status = PluginStatus.FAILED
    registry.plugins = {**registry.plugins, failed.name: failed}
    return registry


def _build(definition: Definition, known_kpis: set[str]) -> None:
    """Compile the definition; `ExpressionError` says where its expression is wrong."""
    if isinstance(definition, CustomKpiDefinition):
        build_kpi(definition, known_kpis)
    else:
        build_rule(definition, known_kpis)


def prove_definition(definition: Definition, known_kpis: set[str]) -> tuple[str, str, int] | None:
    """Run in the expression worker: the expression error `_build` raises, as plain data, or
    None when the definition compiles."""
    try:
        _build(definition, known_kpis)
    except ExpressionError as exc:
        return exc.code.value, exc.message, -1 if exc.position is None else exc.position
    return None


def check_definition(
    shared: Registry,
    others: list[CustomDefinitionRecord],
    kind: DefinitionKind,
    data: dict[str, Any],
    prefix: list[str],
) -> Definition:
    """The definition, validated and compiled against the built-in KPIs and the agency's other
    definitions; any problem is a `UserErrors` pointing at the input field (and, for an
    expression, the column)."""
    try:
        definition = _MODELS[kind].model_validate(data)
    except ValidationError as exc:
        raise UserErrors(
            *(
                UserError(
                    field_path(prefix, ".".join(str(p) for p in error["loc"])),
                    UserErrorCode.INVALID,
                    error["msg"],
                )
                for error in exc.errors()
            )
        ) from exc
    key = definition_key(definition)
    kpis, rules = _split(others)
    taken_by_agency = {definition_key(d) for d in (kpis if kind is DefinitionKind.KPI else rules)}
    taken_by_plugins = set(shared.kpis if kind is DefinitionKind.KPI else shared.rules)
    key_field = "id" if kind is DefinitionKind.KPI else "code"
    if key in taken_by_plugins or key in taken_by_agency:
        owner = "a loaded plugin" if key in taken_by_plugins else "another of your definitions"
        raise UserErrors.one(
            [*prefix, key_field],
            UserErrorCode.ALREADY_EXISTS,
            f"'{key}' is already defined by {owner}; choose another {key_field}",
        )
    known = {*shared.kpis, *(definition_key(k) for k in kpis)}
    if isinstance(definition, CustomKpiDefinition):
        known.add(definition.id)
    field = [*prefix, _SOURCE_FIELD[kind]]
    try:
        proven = run_checked(prove_definition, definition, known)
    except CheckTimedOut as exc:
        raise UserErrors.one(
            field,
            UserErrorCode.EXPRESSION_TOO_COMPLEX,
            f"checking the expression took longer than {CHECK_SECONDS:.0f} s; simplify it",
        ) from exc
    if proven is not None:
        code, message, position = proven
        raise UserErrors(
            UserError(
                field,
                _EXPRESSION_CODES[ExpressionErrorCode(code)],
                str(
                    ExpressionError(
                        ExpressionErrorCode(code), message, None if position < 0 else position
                    )
                ),
                column=position + 1 if position >= 0 else None,
            )
        )
    try:
        _build(definition, known)
    except ExpressionError as exc:
        raise UserErrors(
            UserError(
                [*prefix, _SOURCE_FIELD[kind]],
                _EXPRESSION_CODES[exc.code],
                str(exc),
                column=exc.position + 1 if exc.position is not None else None,
            )
        ) from exc
    return definition


def check_still_compiles(
    shared: Registry, remaining: list[CustomDefinitionRecord], removed: CustomDefinitionRecord
) -> None:
    """Deleting a KPI that another definition reads would break that one: refuse it."""
    if removed.kind != DefinitionKind.KPI:
        return
    kpis, rules = _split(remaining)
    known = {*shared.kpis, *(definition_key(k) for k in kpis)}
    for definition in [*kpis, *rules]:
        try:
            _build(definition, known)
        except ExpressionError as exc:
            raise UserErrors.one(
                ["id"],
                UserErrorCode.IN_USE,
                f"'{definition_key(definition)}' reads '{removed.key}' ({exc}); change or "
                "delete it first",
            ) from exc

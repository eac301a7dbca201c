"""An agency's own KPIs and rules: listing, creating, replacing and deleting them.

The inputs mirror `[[custom.kpis]]` and `[[custom.rules]]` of `plugins.toml` field by field;
once saved, a definition shows in `kpis` and `rules` like a plugin's and takes part in every
assessment the agency runs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from socialaudit.schema.context import RequestContext, context_of
from socialaudit.schema.enums import (
    CustomDefinitionKind,
    CustomKpiLevel,
    Dimension,
    KpiUnit,
    RuleLevel,
    Severity,
)
from socialaudit.schema.ids import local_id, to_global_id
from socialaudit.schema.inputs import plain
from socialaudit.schema.payloads import UserError, refused
from socialaudit.schema.relay import Node
from socialaudit.service.custom_definitions import DefinitionKind
from socialaudit.service.storage.records import CustomDefinitionRecord
from socialaudit.service.user_errors import UserErrorCode, UserErrors

TYPE_NAME = "CustomDefinition"


@strawberry.input(description="A text in English, and in Dutch and French where given.")
class LocalisedTextInput:
    en: str = strawberry.field(description="English; shown where no other language is given.")
    nl: str | None = strawberry.field(default=strawberry.UNSET, description="Dutch.")
    fr: str | None = strawberry.field(default=strawberry.UNSET, description="French.")


@strawberry.input(description="A KPI computed from other KPIs and the profile.")
class CustomKpiInput:
    id: str = strawberry.field(description="Stable id, snake_case, e.g. `reactions_per_1000`.")
    name: LocalisedTextInput = strawberry.field(description="Its name.")
    expression: str = strawberry.field(
        description="CEL over KPI ids and `organisation`/`channel`, e.g. "
        "`reactions_per_post / channel.followers * 1000`."
    )
    unit: KpiUnit | None = strawberry.field(
        default=strawberry.UNSET, description="How it reads; default NUMBER."
    )
    level: CustomKpiLevel | None = strawberry.field(
        default=strawberry.UNSET, description="Per channel, per organisation or both (default)."
    )
    description: LocalisedTextInput | None = strawberry.field(
        default=strawberry.UNSET, description="What it tells; default: the expression."
    )
    higher_is_better: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Which direction is good, if either."
    )


@strawberry.input(description="A rule that fires when its condition holds.")
class CustomRuleInput:
    code: str = strawberry.field(
        description="Stable code: letters then digits, e.g. `AGY001`; not a built-in one."
    )
    name: str = strawberry.field(description="Kebab-case name, e.g. `b2b-linkedin-twice-weekly`.")
    condition: str = strawberry.field(
        description='CEL yielding true to fire, e.g. `organisation.market == "b2b" && '
        'channel.platform == "linkedin" && posts_per_week < 2`.'
    )
    title: LocalisedTextInput = strawberry.field(description="The finding's title.")
    message: LocalisedTextInput = strawberry.field(description="What was found.")
    remediation: LocalisedTextInput = strawberry.field(description="What to do about it.")
    rationale: LocalisedTextInput | None = strawberry.field(
        default=strawberry.UNSET, description="Why it matters."
    )
    source: str | None = strawberry.field(
        default=strawberry.UNSET, description="Where the advice comes from."
    )
    severity: Severity | None = strawberry.field(
        default=strawberry.UNSET, description="Default MEDIUM."
    )
    category: Dimension | None = strawberry.field(
        default=strawberry.UNSET, description="Dimension it weighs on; default EXECUTION."
    )
    level: RuleLevel | None = strawberry.field(
        default=strawberry.UNSET, description="Once, or per channel; default once."
    )


@strawberry.type(description="An agency's own KPI or rule.")
class CustomDefinition(Node):
    record: strawberry.Private[CustomDefinitionRecord]

    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(TYPE_NAME, self.record.id))

    @strawberry.field(description="KPI or RULE.")
    def kind(self) -> CustomDefinitionKind:
        return CustomDefinitionKind(self.record.kind)

    @strawberry.field(description="The KPI's id or the rule's code.")
    def key(self) -> str:
        return self.record.key

    @strawberry.field(description="Digest of the definition; assessments record it.")
    def version(self) -> str:
        return self.record.version

    @strawberry.field(description="The definition as a `plugins.toml` entry would hold it.")
    def definition(self) -> JSON:
        return self.record.definition

    @strawberry.field(description="When it was created.")
    def created_at(self) -> datetime:
        return self.record.created_at

    @strawberry.field(description="When it last changed.")
    def updated_at(self) -> datetime:
        return self.record.updated_at


@strawberry.type(description="The outcome of saving a custom definition.")
class CustomDefinitionPayload:
    definition: CustomDefinition | None = strawberry.field(
        default=None, description="The definition as saved; null when refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.type(description="The outcome of deleting a custom definition.")
class DeleteCustomDefinitionPayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the deleted definition."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why nothing was deleted; empty on success."
    )


DefinitionId = Annotated[
    strawberry.ID, strawberry.argument(description="Global id of the definition.")
]


def custom_definition(context: RequestContext, definition_id: str) -> CustomDefinition | None:
    record = context.service.custom_definition(definition_id)
    return CustomDefinition(record=record) if record else None


def _definition_id(global_id: str, kind: DefinitionKind) -> str:
    found = local_id(global_id, TYPE_NAME)
    if found is None:
        raise UserErrors.one(["id"], UserErrorCode.NOT_FOUND, f"no custom {kind.value} has this id")
    return found


def _save(
    info: strawberry.Info,
    kind: DefinitionKind,
    data: CustomKpiInput | CustomRuleInput,
    id: str | None,
) -> CustomDefinitionPayload:
    context = context_of(info)
    try:
        local = _definition_id(id, kind) if id is not None else None
        saved = context.service.save_custom_definition(kind, plain(data), local)
    except UserErrors as exc:
        return refused(CustomDefinitionPayload, exc)
    return CustomDefinitionPayload(definition=custom_definition(context, saved))


def _delete(info: strawberry.Info, kind: DefinitionKind, id: str) -> DeleteCustomDefinitionPayload:
    try:
        context_of(info).service.delete_custom_definition(kind, _definition_id(id, kind))
    except UserErrors as exc:
        return refused(DeleteCustomDefinitionPayload, exc)
    return DeleteCustomDefinitionPayload(deleted_id=id)


@strawberry.type
class CustomDefinitionQueries:
    @strawberry.field(description="The calling agency's own KPIs and rules.")
    def custom_definitions(
        self,
        info: strawberry.Info,
        kind: Annotated[
            CustomDefinitionKind | None, strawberry.argument(description="Only KPIs or rules.")
        ] = None,
    ) -> list[CustomDefinition]:
        records = context_of(info).service.custom_definitions()
        wanted = kind.value if kind is not None else None
        return [CustomDefinition(record=r) for r in records if wanted in (None, r.kind)]


@strawberry.type
class CustomDefinitionMutations:
    @strawberry.mutation(description="Define a KPI of the agency's own.")
    def create_custom_kpi(
        self,
        info: strawberry.Info,
        input: Annotated[CustomKpiInput, strawberry.argument(description="The KPI.")],
    ) -> CustomDefinitionPayload:
        return _save(info, DefinitionKind.KPI, input, None)

    @strawberry.mutation(description="Replace a custom KPI's definition.")
    def update_custom_kpi(
        self,
        info: strawberry.Info,
        id: DefinitionId,
        input: Annotated[CustomKpiInput, strawberry.argument(description="The whole KPI.")],
    ) -> CustomDefinitionPayload:
        return _save(info, DefinitionKind.KPI, input, id)

    @strawberry.mutation(description="Delete a custom KPI no other definition reads.")
    def delete_custom_kpi(
        self, info: strawberry.Info, id: DefinitionId
    ) -> DeleteCustomDefinitionPayload:
        return _delete(info, DefinitionKind.KPI, id)

    @strawberry.mutation(description="Define a rule of the agency's own.")
    def create_custom_rule(
        self,
        info: strawberry.Info,
        input: Annotated[CustomRuleInput, strawberry.argument(description="The rule.")],
    ) -> CustomDefinitionPayload:
        return _save(info, DefinitionKind.RULE, input, None)

    @strawberry.mutation(description="Replace a custom rule's definition.")
    def update_custom_rule(
        self,
        info: strawberry.Info,
        id: DefinitionId,
        input: Annotated[CustomRuleInput, strawberry.argument(description="The whole rule.")],
    ) -> CustomDefinitionPayload:
        return _save(info, DefinitionKind.RULE, input, id)

    @strawberry.mutation(description="Delete a custom rule.")
    def delete_custom_rule(
        self, info: strawberry.Info, id: DefinitionId
    ) -> DeleteCustomDefinitionPayload:
        return _delete(info, DefinitionKind.RULE, id)

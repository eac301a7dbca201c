"""KPIs and rules defined as data, by agencies that do not ship a Python package.

A definition comes from `plugins.toml` (``[[custom.kpis]]``, ``[[custom.rules]]``) or, per
agency, from the API. It is checked when it is saved (see `engine.expressions`) and becomes an
ordinary `Kpi` or `Rule`, so it takes part in assessments, the catalogue and the ruleset revision
exactly like a built-in one. Its version is a digest of the definition, so an assessment records
which version of an agency's rule produced a finding.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from socialaudit.engine.context import AssessmentContext, ChannelView
from socialaudit.engine.definitions import (
    Dimension,
    Hit,
    Kpi,
    Measurement,
    Rule,
    RuleLevel,
    Severity,
    Unit,
)
from socialaudit.engine.definitions.kpi import KPI_ID_PATTERN
from socialaudit.engine.definitions.rule import RULE_CODE_PATTERN, RULE_NAME_PATTERN
from socialaudit.engine.expressions import Expression, compile_expression
from socialaudit.engine.model.profile import Governance, Market, Organisation, Owner, Sector

_STRICT = ConfigDict(extra="forbid", frozen=True)


class CustomLevel(StrEnum):
    ORGANISATION = "organisation"
    CHANNEL = "channel"
    BOTH = "both"


def _localised(value: str | dict[str, str]) -> dict[str, str]:
    text = {"en": value} if isinstance(value, str) else dict(value)
    if "en" not in text:
        raise ValueError("needs at least an English text (en)")
    return text


class CustomKpiDefinition(BaseModel):
    """A KPI computed from other KPIs and the profile, e.g.
    ``reactions_per_post / followers * 1000``."""

    model_config = _STRICT
    id: str = Field(pattern=KPI_ID_PATTERN.pattern)
    name: dict[str, str]
    expression: str
    unit: Unit = Unit.NUMBER
    level: CustomLevel = CustomLevel.BOTH
    description: dict[str, str] = Field(default_factory=dict)
    higher_is_better: bool | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _check_name(cls, value: str | dict[str, str]) -> dict[str, str]:
        return _localised(value)


class CustomRuleDefinition(BaseModel):
    """A rule that fires when its condition holds, e.g. "B2B clients post on LinkedIn at least
    twice a week": ``organisation.market == "b2b" && channel.platform == "linkedin" &&
    posts_per_week < 2``."""

    model_config = _STRICT
    code: str = Field(pattern=RULE_CODE_PATTERN.pattern)
    name: str = Field(pattern=RULE_NAME_PATTERN.pattern)
    condition: str
    title: dict[str, str]
    message: dict[str, str]
    remediation: dict[str, str]
    rationale: dict[str, str] = Field(default_factory=lambda: {"en": ""})
    source: str = "Agency rule"
    severity: Severity = Severity.MEDIUM
    category: Dimension = Dimension.EXECUTION
    level: RuleLevel = RuleLevel.ORGANISATION

    @field_validator("title", "message", "remediation", mode="before")
    @classmethod
    def _check_texts(cls, value: str | dict[str, str]) -> dict[str, str]:
        return _localised(value)

    @field_validator("level")
    @classmethod
    def _one_level(cls, value: RuleLevel) -> RuleLevel:
        # one condition is checked against the names of one level; a rule for both levels is
        # two definitions, one per level
        if value is RuleLevel.BOTH:
            raise ValueError("a custom rule is 'organisation' or 'channel'; define two for both")
        return value


def definition_version(definition: BaseModel) -> str:
    payload = json.dumps(definition.model_dump(mode="json"), sort_keys=True)
    return "c" + hashlib.sha256(payload.encode()).hexdigest()[:10]


# ----------------------------------------------------------------------------------------
# What an expression may read of the profile
# ----------------------------------------------------------------------------------------


def organisation_variables(organisation: Organisation) -> dict[str, Any]:
    governance = organisation.governance
    return {
        "name": organisation.name,
        "sector": organisation.sector.value,
        "market": organisation.market.value,
        "employees": None if organisation.employees is None else float(organisation.employees),
        "country": organisation.country or "",
        "languages": list(organisation.languages),
        "monthly_budget_eur": None
        if organisation.monthly_budget_eur is None
        else float(organisation.monthly_budget_eur),
        "objectives": [goal.objective.value for goal in organisation.goals],
        "owner": governance.owner.value if governance.owner else None,
        "management_support": governance.management_support,
        "pilot_projects": governance.pilot_projects,
        "employee_training": governance.employee_training,
        "documented_strategy": governance.documented_strategy,
        "measurement_practice": governance.measurement_practice,
    }


def channel_variables(view: ChannelView) -> dict[str, Any]:
    return {
        "key": view.key,
        "platform": view.profile.platform,
        "handle": view.profile.handle,
        "followers": None if view.followers is None else float(view.followers),
        "objectives": [objective.value for objective in view.objectives],
    }


_SAMPLE_ORGANISATION = organisation_variables(
    Organisation(
        name="sample",
        market=Market.B2B,
        sector=Sector.OTHER,
        employees=10,
        country="BE",
        languages=("nl",),
        monthly_budget_eur=1.0,
        governance=Governance(owner=Owner.MARKETING),
    )
) | {"objectives": ["awareness"]}
_SAMPLE_CHANNEL = {
    "key": "facebook",
    "platform": "facebook",
    "handle": "sample",
    "followers": 1.0,
    "objectives": ["awareness"],
}


def _samples(channel_level: bool) -> dict[str, Any]:
    sample: dict[str, Any] = {"organisation": _SAMPLE_ORGANISATION}
    if channel_level:
        sample["channel"] = _SAMPLE_CHANNEL
    return sample


# ----------------------------------------------------------------------------------------
# From definitions to records
# ----------------------------------------------------------------------------------------


def _values(
    ctx: AssessmentContext, expression: Expression, channel: str | None
) -> dict[str, float | None]:
    return {kpi: ctx.kpi(kpi, channel) for kpi in expression.kpis}


def _profile(ctx: AssessmentContext, view: ChannelView | None) -> dict[str, Any]:
    profile: dict[str, Any] = {"organisation": organisation_variables(ctx.organisation)}
    if view is not None:
        profile["channel"] = channel_variables(view)
    return profile


def build_kpi(definition: CustomKpiDefinition, known_kpis: Collection[str]) -> Kpi:
    """Compile a KPI definition; `ExpressionError` says where the expression is wrong."""
    per_channel = per_organisation = None
    compiled: Expression | None = None
    if definition.level in (CustomLevel.CHANNEL, CustomLevel.BOTH):
        channel_expr = compile_expression(
            definition.expression,
            result="number",
            known_kpis=known_kpis,
            profile_sample=_samples(channel_level=True),
        )
        compiled = channel_expr

        def per_channel(ctx: AssessmentContext, view: ChannelView) -> Measurement:
            values = _values(ctx, channel_expr, view.key)
            return Measurement(channel_expr.evaluate(values, _profile(ctx, view)), values)

    if definition.level in (CustomLevel.ORGANISATION, CustomLevel.BOTH):
        org_expr = compile_expression(
            definition.expression,
            result="number",
            known_kpis=known_kpis,
            profile_sample=_samples(channel_level=False),
        )
        compiled = org_expr

        def per_organisation(ctx: AssessmentContext) -> Measurement:
            values = _values(ctx, org_expr, None)
            return Measurement(org_expr.evaluate(values, _profile(ctx, None)), values)

    assert compiled is not None
    return Kpi(
        id=definition.id,
        name=definition.name,
        unit=definition.unit,
        description=definition.description or {"en": definition.expression},
        formula=definition.expression,
        higher_is_better=definition.higher_is_better,
        depends_on=compiled.kpis,
        per_channel=per_channel,
        per_organisation=per_organisation,
        version=definition_version(definition),
    )


def build_rule(definition: CustomRuleDefinition, known_kpis: Collection[str]) -> Rule:
    """Compile a rule definition; `ExpressionError` says where the condition is wrong."""
    channel_level = definition.level == RuleLevel.CHANNEL
    condition = compile_expression(
        definition.condition,
        result="bool",
        known_kpis=known_kpis,
        profile_sample=_samples(channel_level),
    )

    def check(ctx: AssessmentContext, view: ChannelView | None) -> Hit | None:
        channel = view.key if view is not None else None
        values = _values(ctx, condition, channel)
        if condition.evaluate(values, _profile(ctx, view)):
            return Hit(evidence=dict(values))
        return None

    def per_channel(ctx: AssessmentContext, view: ChannelView, options: Any) -> Hit | None:
        return check(ctx, view)

    def per_organisation(ctx: AssessmentContext, options: Any) -> Hit | None:
        return check(ctx, None)

    return Rule(
        code=definition.code,
        slug=definition.name,
        name=definition.title,
        category=definition.category,
        severity=definition.severity,
        message=definition.message,
        rationale=definition.rationale,
        remediation=definition.remediation,
        source=definition.source,
        per_channel=per_channel if channel_level else None,
        per_organisation=None if channel_level else per_organisation,
        kpis=condition.kpis,
        example=definition.condition,
        version=definition_version(definition),
    )

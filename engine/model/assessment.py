"""The assessment: scores, KPI values, findings, recommendations and what went wrong.

Serialised with camelCase names (``overallScore``), the same names the GraphQL `Assessment`
type uses, so `socialaudit assess --format json` and the API agree field for field.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from socialaudit.engine.definitions.rule import Dimension, Severity


class _Result(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True)


class MaturityStage(StrEnum):
    """From having accounts to having integrated social media (InSites Consulting: 14% are
    fully integrated although adoption is high)."""

    ADOPTED = "adopted"
    PLANNED = "planned"
    ACTIVE = "active"
    MEASURED = "measured"
    INTEGRATED = "integrated"


class BenchmarkComparison(_Result):
    id: str
    value: float = Field(description="The figure as the study states it.")
    measures: str = Field(
        default="average",
        description="What the figure is: average, floor, failure_rate (how often peers fail, "
        "never a target) or share.",
    )
    reference: float | None = Field(
        default=None,
        description="The figure in the KPI's terms: a failure rate's complement (85% got no "
        "answer: 15% did).",
    )
    source: str
    year: int | None
    population: str
    difference: float | None = Field(
        default=None, description="KPI value minus the reference, in the KPI's terms."
    )
    meets: bool | None = Field(
        default=None,
        description="Whether the KPI reaches a floor; false when it is worse than a failure "
        "rate; null where the figure is no target (an average, or better than a failure rate).",
    )
    display: str = Field(default="", description="The figure as the reader's language writes it.")


class KpiValue(_Result):
    id: str
    name: str
    channel: str | None
    value: float | None
    unit: str
    display: str = Field(
        default="", description="The value as the reader's language writes it, with its unit."
    )
    higher_is_better: bool | None = None
    detail: dict[str, Any] = Field(default_factory=dict)
    benchmark: BenchmarkComparison | None = None


class Finding(_Result):
    code: str
    name: str
    title: str
    severity: Severity
    category: Dimension
    channel: str | None
    message: str
    evidence: dict[str, Any]
    remediation: str
    source: str
    rule_version: str


class Recommendation(_Result):
    priority: int
    code: str
    title: str
    action: str
    severity: Severity
    category: Dimension
    channels: list[str]
    rationale: str
    source: str
    impact: float = Field(description="Points the overall score would gain once resolved.")


class DimensionScore(_Result):
    name: Dimension
    score: float | None = Field(
        description="0-100; null when the window held nothing to judge in this dimension."
    )
    findings: int


class ErrorKind(StrEnum):
    PLUGIN = "plugin"
    CLASSIFIER = "classifier"
    KPI = "kpi"
    RULE = "rule"
    DATA = "data"


class AssessmentError(_Result):
    kind: ErrorKind
    source: str = Field(description="The KPI id, rule code, classifier or plugin name.")
    channel: str | None = None
    message: str


class Assessment(_Result):
    organisation: str
    as_of: datetime
    language: str
    overall_score: float = Field(description="Weighted mean of the known dimensions.")
    dimensions: list[DimensionScore]
    maturity_stage: MaturityStage
    kpis: list[KpiValue]
    findings: list[Finding]
    recommendations: list[Recommendation]
    errors: list[AssessmentError]
    ruleset_revision: str
    input_digest: str
    plugin_versions: dict[str, str]
    engine_version: str
    channel_names: dict[str, str] = Field(
        default_factory=dict,
        description="Each channel key's name for the reader, as the texts write it.",
    )
    country: str | None = Field(
        default=None, description="The organisation's country, for regional wording."
    )

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

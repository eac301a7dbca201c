"""Assessments: stored ones, and the results a preview computes without storing."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from socialaudit.engine.model.assessment import Assessment as EngineAssessment
from socialaudit.schema.context import context_of
from socialaudit.schema.enums import (
    AssessmentErrorKind,
    Dimension,
    KpiUnit,
    MaturityStage,
    Severity,
)
from socialaudit.schema.ids import to_global_id
from socialaudit.schema.relay import Node, PageInfo
from socialaudit.schema.report_links import ReportLink, report_links, report_path
from socialaudit.service.storage.records import AssessmentRecord

if TYPE_CHECKING:
    from socialaudit.schema.organisation import Organization


@strawberry.type(description="A KPI value next to the study figure for peers.")
class BenchmarkComparison:
    id: str = strawberry.field(description="The benchmark's id.")
    value: float = strawberry.field(description="The benchmark's value.")
    source: str = strawberry.field(description="The study it comes from.")
    year: int | None = strawberry.field(description="The study's year.")
    population: str = strawberry.field(description="Who the study measured.")
    difference: float | None = strawberry.field(
        description="KPI value minus the figure in the KPI's terms (a failure rate's complement)."
    )
    measures: str = strawberry.field(
        description="What the figure is: average, floor, failure_rate (never a target) or share."
    )
    display: str = strawberry.field(description="The figure as the language asked writes it.")


@strawberry.type(description="One KPI's value, for a channel or the organisation.")
class KpiValue:
    id: str = strawberry.field(description="KPI id.")
    name: str = strawberry.field(description="KPI name in the assessment's language.")
    channel: str | None = strawberry.field(description="Channel key; null = the organisation.")
    value: float | None = strawberry.field(description="The value; null = the data cannot tell.")
    unit: KpiUnit = strawberry.field(description="How the value reads.")
    display: str = strawberry.field(description="The value as the language asked writes it.")
    higher_is_better: bool | None = strawberry.field(description="Which way is better, if any.")
    detail: JSON = strawberry.field(description="What the value rests on (denominators, counts).")
    benchmark: BenchmarkComparison | None = strawberry.field(description="Peers' figure.")


@strawberry.type(description="A rule that fired, with the values that made it fire.")
class Finding:
    code: str = strawberry.field(description="Stable rule code, e.g. GOAL001.")
    name: str = strawberry.field(description="Readable rule name, e.g. missing-goals.")
    title: str = strawberry.field(description="What the rule checks, in the language asked.")
    severity: Severity = strawberry.field(description="Weight of the finding.")
    category: Dimension = strawberry.field(description="Dimension it counts against.")
    channel: str | None = strawberry.field(description="Channel key; null = the organisation.")
    message: str = strawberry.field(description="What was found, with the figures.")
    evidence: JSON = strawberry.field(description="The values and thresholds behind it.")
    remediation: str = strawberry.field(description="How to fix it.")
    source: str = strawberry.field(description="The study or article behind the rule.")
    rule_version: str = strawberry.field(description="Version of the rule that produced it.")


@strawberry.type(description="What to do, ordered by the points it would win back.")
class Recommendation:
    priority: int = strawberry.field(description="1 = do this first.")
    code: str = strawberry.field(description="The rule code it comes from.")
    title: str = strawberry.field(description="The rule's title.")
    action: str = strawberry.field(description="What to do.")
    severity: Severity = strawberry.field(description="Highest severity among its findings.")
    category: Dimension = strawberry.field(description="Dimension it improves.")
    channels: list[str] = strawberry.field(description="Channels it concerns.")
    rationale: str = strawberry.field(description="Why it matters.")
    source: str = strawberry.field(description="The study or article behind it.")
    impact: float = strawberry.field(description="Points the overall score would gain.")


@strawberry.type(description="The score of one dimension.")
class DimensionScore:
    name: Dimension = strawberry.field(description="The dimension.")
    score: float | None = strawberry.field(
        description="0-100; null when the window held nothing to judge in this dimension."
    )
    findings: int = strawberry.field(description="Findings counted against it.")


@strawberry.type(description="A part of the assessment that failed; the rest still ran.")
class AssessmentError:
    kind: AssessmentErrorKind = strawberry.field(description="What failed.")
    source: str = strawberry.field(description="The KPI id, rule code, classifier or plugin.")
    channel: str | None = strawberry.field(description="Channel key, if per channel.")
    message: str = strawberry.field(description="What went wrong.")


@strawberry.type(
    description="An assessment's results, named as `socialaudit assess --format json` names them."
)
class AssessmentResult:
    model: strawberry.Private[EngineAssessment | None]
    record: strawberry.Private[AssessmentRecord | None]
    lang: strawberry.Private[str | None]

    def _model(self, info: strawberry.Info) -> EngineAssessment:
        if self.model is None:
            assert self.record is not None
            context = context_of(info)
            context.check_time()
            self.model = context.service.assessment(self.record, self.lang)
        return self.model

    @strawberry.field(description="The organisation's name when it was assessed.")
    def organisation(self, info: strawberry.Info) -> str:
        return self._model(info).organisation

    @strawberry.field(description="Reference time: activity is measured up to here.")
    def as_of(self, info: strawberry.Info) -> datetime:
        return self.record.as_of if self.record else self._model(info).as_of

    @strawberry.field(description="Language of the texts.")
    def language(self, info: strawberry.Info) -> str:
        if self.lang:
            return self.lang
        return self.record.language if self.record else self._model(info).language

    @strawberry.field(description="0-100, the dimensions weighted.")
    def overall_score(self, info: strawberry.Info) -> float:
        return self.record.overall_score if self.record else self._model(info).overall_score

    @strawberry.field(description="Score per dimension.")
    def dimensions(self, info: strawberry.Info) -> list[DimensionScore]:
        return self._model(info).dimensions  # type: ignore[return-value]

    @strawberry.field(description="From adopted to integrated.")
    def maturity_stage(self, info: strawberry.Info) -> MaturityStage:
        if self.record:
            return self.record.maturity_stage  # type: ignore[return-value]
        return self._model(info).maturity_stage  # type: ignore[return-value]

    @strawberry.field(description="KPI values per channel and for the organisation.")
    def kpis(
        self,
        info: strawberry.Info,
        channel: Annotated[
            str | None, strawberry.argument(description="Only this channel's values.")
        ] = None,
    ) -> list[KpiValue]:
        values = self._model(info).kpis
        if channel is not None:
            values = [v for v in values if v.channel == channel]
        return values  # type: ignore[return-value]

    @strawberry.field(description="Findings, most severe first.")
    def findings(
        self,
        info: strawberry.Info,
        severity: Annotated[
            list[Severity] | None, strawberry.argument(description="Only these severities.")
        ] = None,
        category: Annotated[
            list[Dimension] | None, strawberry.argument(description="Only these dimensions.")
        ] = None,
    ) -> list[Finding]:
        found = self._model(info).findings
        if severity is not None:
            wanted = {s.value for s in severity}
            found = [f for f in found if f.severity.value in wanted]
        if category is not None:
            dimensions = {c.value for c in category}
            found = [f for f in found if f.category.value in dimensions]
        return found  # type: ignore[return-value]

    @strawberry.field(description="What to do, in order.")
    def recommendations(self, info: strawberry.Info) -> list[Recommendation]:
        return self._model(info).recommendations  # type: ignore[return-value]

    @strawberry.field(description="Parts that failed; the rest of the assessment stands.")
    def errors(self, info: strawberry.Info) -> list[AssessmentError]:
        return self._model(info).errors  # type: ignore[return-value]

    @strawberry.field(description="Digest of the rules, KPIs, versions and options used.")
    def ruleset_revision(self, info: strawberry.Info) -> str:
        return self.record.ruleset_revision if self.record else self._model(info).ruleset_revision

    @strawberry.field(description="Digest of the profile and data assessed.")
    def input_digest(self, info: strawberry.Info) -> str:
        return self.record.input_digest if self.record else self._model(info).input_digest

    @strawberry.field(description="Plugin name -> version, of the plugins that took part.")
    def plugin_versions(self, info: strawberry.Info) -> JSON:
        return self.record.plugin_versions if self.record else self._model(info).plugin_versions

    @strawberry.field(description="The engine's version.")
    def engine_version(self, info: strawberry.Info) -> str:
        return self.record.engine_version if self.record else self._model(info).engine_version

    @strawberry.field(description="Each channel key's name for the reader, as the texts write it.")
    def channel_names(self, info: strawberry.Info) -> JSON:
        return self._model(info).channel_names

    @strawberry.field(description="The organisation's country, for regional wording.")
    def country(self, info: strawberry.Info) -> str | None:
        return self._model(info).country


@strawberry.type(description="A stored assessment of an organisation.")
class Assessment(AssessmentResult, Node):
    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        assert self.record is not None
        return strawberry.ID(to_global_id("Assessment", self.record.id))

    @strawberry.field(
        description="The audit report's path on this service: GET it with a key of the agency "
        "(`?format=pdf|csv|xlsx`, `?lang=`); createReportLink makes one for a client."
    )
    def report_url(self) -> str:
        return report_path(self.id())

    @strawberry.field(description="Share links made for this assessment's report, newest first.")
    def report_links(self, info: strawberry.Info) -> list[ReportLink]:
        assert self.record is not None
        return report_links(info, self.record.id)

    @strawberry.field(description="When it was computed and stored.")
    def created_at(self) -> datetime:
        assert self.record is not None
        return self.record.created_at

    @strawberry.field(description="Rule code -> version of every rule that ran.")
    def rule_versions(self) -> JSON:
        assert self.record is not None
        return self.record.rule_versions

    @strawberry.field(
        description="KPI id -> version of every KPI computed; an agency's own carry a digest of "
        "their definition."
    )
    def kpi_versions(self) -> JSON:
        assert self.record is not None
        return self.record.kpi_versions

    @strawberry.field(description="The organisation assessed.")
    def assessed_organization(
        self, info: strawberry.Info
    ) -> Annotated[Organization, strawberry.lazy("socialaudit.schema.organisation")] | None:
        assert self.record is not None
        from socialaudit.schema.organisation import Organization

        record = context_of(info).service.organisation(self.record.organisation_id)
        return Organization(record=record, batch=[record.id]) if record else None


@strawberry.type(description="An assessment in a page of assessments.")
class AssessmentEdge:
    cursor: str = strawberry.field(description="Give as `after` to continue after this one.")
    node: Assessment = strawberry.field(description="The assessment.")


@strawberry.type(description="A page of assessments, newest first.")
class AssessmentConnection:
    edges: list[AssessmentEdge] = strawberry.field(description="The page's assessments.")
    page_info: PageInfo = strawberry.field(description="Where the page stands.")
    total_count: int = strawberry.field(description="Assessments in all pages.")


def stored_assessment(record: AssessmentRecord, lang: str | None) -> Assessment:
    return Assessment(model=None, record=record, lang=lang)

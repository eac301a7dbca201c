"""Object types. Leaf types read the engine's own models (a `Finding` is resolved from the
engine's `Finding`), so a field means exactly what the CLI's JSON means by the same name."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON

from socialaudit.engine.model.assessment import Assessment as EngineAssessment
from socialaudit.engine.model.profile import Goal as EngineGoal
from socialaudit.engine.model.profile import Governance as EngineGovernance
from socialaudit.engine.text import pick
from socialaudit.schema.context import context_of
from socialaudit.schema.enums import (
    AssessmentErrorKind,
    Dimension,
    KpiUnit,
    Language,
    Market,
    MaturityStage,
    Objective,
    Owner,
    Sector,
    Severity,
)
from socialaudit.schema.ids import from_cursor, to_cursor, to_global_id
from socialaudit.service.storage.repository import (
    AssessmentRecord,
    ChannelRecord,
    ImportRecord,
    OrganisationRecord,
)


@strawberry.interface(description="An object with a global id, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(description="Global id; names the object's type.")


@strawberry.type(description="Where a page of a connection stands.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the page's first item.")
    end_cursor: str | None = strawberry.field(description="Give as `after` for the next page.")


# -- profile -------------------------------------------------------------------------------------


@strawberry.type(description="A number the organisation wants a KPI to reach.")
class KpiTarget:
    kpi: str = strawberry.field(description="KPI id, e.g. `engagement_rate`.")
    target: float = strawberry.field(description="The value to reach.")
    channel: str | None = strawberry.field(description="Channel key; null = the organisation.")


@strawberry.type(description="An objective, whether it was set up front, and how it is measured.")
class Goal:
    objective: Objective = strawberry.field(description="What social media is for here.")
    set_up_front: bool = strawberry.field(
        description="Set before the accounts were opened (NSMA 2018: most were not)."
    )
    channels: list[str] = strawberry.field(description="Channel keys or platforms it concerns.")
    targets: list[KpiTarget] = strawberry.field(description="KPI values it aims for.")
    description: str | None = strawberry.field(description="Free text.")


@strawberry.type(description="How social media is anchored in the organisation (InSites).")
class Governance:
    owner: Owner | None = strawberry.field(description="Who is responsible; null: unknown.")
    management_support: bool | None = strawberry.field(
        description="Management supports it; null: unknown."
    )
    pilot_projects: bool | None = strawberry.field(description="Pilots were run; null: unknown.")
    employee_training: bool | None = strawberry.field(
        description="Employees are trained; null: unknown."
    )
    documented_strategy: bool | None = strawberry.field(
        description="The strategy is written down; null: unknown."
    )
    measurement_practice: bool | None = strawberry.field(
        description="Results are measured regularly; null: unknown."
    )
    conversation_manager: bool | None = strawberry.field(
        description="A conversation manager exists; null: unknown."
    )


@strawberry.type(description="One file imported into a channel.")
class ChannelImport(Node):
    record: strawberry.Private[ImportRecord]

    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("ChannelImport", self.record.id))

    @strawberry.field(description="The file's name as uploaded.")
    def filename(self) -> str:
        return self.record.filename

    @strawberry.field(description="The adapter (format) that read it.")
    def format(self) -> str:
        return self.record.format

    @strawberry.field(description="SHA-256 of the file; the same file is imported once.")
    def digest(self) -> str:
        return self.record.digest

    @strawberry.field(description="Posts the file held.")
    def posts(self) -> int:
        return self.record.posts

    @strawberry.field(description="Comments, replies and messages the file held.")
    def interactions(self) -> int:
        return self.record.interactions

    @strawberry.field(
        description="What the file could not tell completely, e.g. comment lists holding only "
        "their first page; assessments repeat these in their errors."
    )
    def notes(self, info: strawberry.Info) -> list[str]:
        language = context_of(info).language
        return [pick(note, language) for note in self.record.notes]

    @strawberry.field(description="When it was imported.")
    def created_at(self) -> datetime:
        return self.record.created_at

    @strawberry.field(description="The channel it was imported into.")
    def channel(self, info: strawberry.Info) -> Channel | None:
        record = context_of(info).service.channel(self.record.channel_id)
        return Channel(record=record, batch=[record.id]) if record else None


@strawberry.type(description="One account on one platform.")
class Channel(Node):
    record: strawberry.Private[ChannelRecord]
    batch: strawberry.Private[list[str]]

    def _profile(self, name: str) -> Any:
        return self.record.profile.get(name)

    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Channel", self.record.id))

    @strawberry.field(description="Key used in goals and findings; the platform unless set.")
    def key(self) -> str:
        return self.record.key

    @strawberry.field(description="Platform name, e.g. `facebook`.")
    def platform(self) -> str:
        return self._profile("platform")  # type: ignore[no-any-return]

    @strawberry.field(description="The account's handle, without @.")
    def handle(self) -> str:
        return self._profile("handle")  # type: ignore[no-any-return]

    @strawberry.field(description="The platform's id of the account.")
    def account_id(self) -> str | None:
        return self._profile("account_id")  # type: ignore[no-any-return]

    @strawberry.field(description="Followers as the profile states them.")
    def followers(self) -> int | None:
        return self._profile("followers")  # type: ignore[no-any-return]

    @strawberry.field(description="Followers as the newest imported file reported them.")
    def data_followers(self) -> int | None:
        return self.record.data_followers

    @strawberry.field(description="Objectives this channel serves, besides goals naming it.")
    def goals(self) -> list[Objective]:
        return self._profile("goals") or []  # type: ignore[no-any-return]

    @strawberry.field(description="Adapter to use where a file's format cannot be told.")
    def format(self) -> str | None:
        return self._profile("format")  # type: ignore[no-any-return]

    @strawberry.field(description="IANA zone for times written without an offset.")
    def timezone(self) -> str | None:
        return self._profile("timezone")  # type: ignore[no-any-return]

    @strawberry.field(description="Posts stored for this channel.")
    def post_count(self, info: strawberry.Info) -> int:
        return context_of(info).row_counts(self.record.id, self.batch)[0]

    @strawberry.field(description="Interactions (comments, replies, messages) stored.")
    def interaction_count(self, info: strawberry.Info) -> int:
        return context_of(info).row_counts(self.record.id, self.batch)[1]

    @strawberry.field(
        description="Whether any import carried interactions; else response KPIs are unknown."
    )
    def messages_known(self) -> bool:
        return self.record.messages_known

    @strawberry.field(description="Files imported into this channel, oldest first.")
    def imports(self, info: strawberry.Info) -> list[ChannelImport]:
        return [ChannelImport(record=r) for r in context_of(info).service.imports(self.record.id)]

    @strawberry.field(description="The organisation the channel belongs to.")
    def organization(self, info: strawberry.Info) -> Organization | None:
        record = context_of(info).service.organisation(self.record.organisation_id)
        return Organization(record=record, batch=[record.id]) if record else None


@strawberry.type(description="An organisation whose social media is assessed.")
class Organization(Node):
    record: strawberry.Private[OrganisationRecord]
    batch: strawberry.Private[list[str]]
    """Ids of the page this object came in, so related rows load for all of them at once."""

    def _profile(self, name: str) -> Any:
        return self.record.profile.get(name)

    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Organization", self.record.id))

    @strawberry.field(description="The organisation's name.")
    def name(self) -> str:
        return self.record.name

    @strawberry.field(description="Broad sector; peers and benchmarks differ by it.")
    def sector(self) -> Sector:
        return self._profile("sector")  # type: ignore[no-any-return]

    @strawberry.field(description="Who it sells to.")
    def market(self) -> Market:
        return self._profile("market")  # type: ignore[no-any-return]

    @strawberry.field(description="Number of employees.")
    def employees(self) -> int | None:
        return self._profile("employees")  # type: ignore[no-any-return]

    @strawberry.field(description="ISO 3166 country code, e.g. BE.")
    def country(self) -> str | None:
        return self._profile("country")  # type: ignore[no-any-return]

    @strawberry.field(description="Languages it communicates in.")
    def languages(self) -> list[str]:
        return self._profile("languages") or []  # type: ignore[no-any-return]

    @strawberry.field(description="Monthly social media budget in euro.")
    def monthly_budget_eur(self) -> float | None:
        return self._profile("monthly_budget_eur")  # type: ignore[no-any-return]

    @strawberry.field(description="IANA time zone; defaults from the country.")
    def timezone(self) -> str | None:
        return self._profile("timezone")  # type: ignore[no-any-return]

    @strawberry.field(description="How social media is anchored in the organisation.")
    def governance(self) -> Governance:
        return EngineGovernance.model_validate(self._profile("governance") or {})  # type: ignore[return-value]

    @strawberry.field(description="Its objectives and targets.")
    def goals(self) -> list[Goal]:
        return [EngineGoal.model_validate(g) for g in self._profile("goals") or []]  # type: ignore[misc]

    @strawberry.field(description="Its accounts, in the order they were added.")
    def channels(self, info: strawberry.Info) -> list[Channel]:
        records = context_of(info).channels(self.record.id, self.batch)
        ids = [r.id for r in records]
        return [Channel(record=r, batch=ids) for r in records]

    @strawberry.field(description="When it was created.")
    def created_at(self) -> datetime:
        return self.record.created_at

    @strawberry.field(description="When its profile, channels or data last changed.")
    def updated_at(self) -> datetime:
        return self.record.updated_at

    @strawberry.field(description="Its stored assessments, newest first: the trend over time.")
    def assessments(
        self,
        info: strawberry.Info,
        first: Annotated[
            int | None,
            strawberry.argument(
                description="Page size (default 20), at most the server's maximum."
            ),
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="`endCursor` of the previous page.")
        ] = None,
        language: Annotated[
            Language | None,
            strawberry.argument(description="Language of texts; default: Accept-Language."),
        ] = None,
    ) -> AssessmentConnection:
        context = context_of(info)
        context.check_time()
        size = page_size(first, context.max_page_size)
        cursor = parse_cursor(after)
        records, more, total = context.service.assessments_page(self.record.id, cursor, size)
        lang = language.value if language else context.language
        return AssessmentConnection(
            edges=[
                AssessmentEdge(
                    cursor=to_cursor(r.created_at, r.id), node=stored_assessment(r, lang)
                )
                for r in records
            ],
            page_info=PageInfo(
                has_next_page=more,
                has_previous_page=cursor is not None,
                start_cursor=to_cursor(records[0].created_at, records[0].id) if records else None,
                end_cursor=to_cursor(records[-1].created_at, records[-1].id) if records else None,
            ),
            total_count=total,
        )

    @strawberry.field(description="Its newest stored assessment, if any.")
    def latest_assessment(
        self,
        info: strawberry.Info,
        language: Annotated[
            Language | None,
            strawberry.argument(description="Language of texts; default: Accept-Language."),
        ] = None,
    ) -> Assessment | None:
        context = context_of(info)
        record = context.latest_assessment(self.record.id, self.batch)
        lang = language.value if language else context.language
        return stored_assessment(record, lang) if record else None


DEFAULT_PAGE_SIZE = 20


def page_size(first: int | None, maximum: int) -> int:
    if first is None:
        return min(DEFAULT_PAGE_SIZE, maximum)
    if first < 0 or first > maximum:
        raise GraphQLError(
            f"`first` must be between 0 and {maximum}", extensions={"code": "BAD_USER_INPUT"}
        )
    return first


def parse_cursor(after: str | None) -> tuple[datetime, str] | None:
    if after is None:
        return None
    cursor = from_cursor(after)
    if cursor is None:
        raise GraphQLError(
            "`after` is not a cursor this API gave", extensions={"code": "BAD_USER_INPUT"}
        )
    return cursor


@strawberry.type(description="An organisation in a page of organisations.")
class OrganizationEdge:
    cursor: str = strawberry.field(description="Give as `after` to continue after this one.")
    node: Organization = strawberry.field(description="The organisation.")


@strawberry.type(description="A page of organisations, oldest first.")
class OrganizationConnection:
    edges: list[OrganizationEdge] = strawberry.field(description="The page's organisations.")
    page_info: PageInfo = strawberry.field(description="Where the page stands.")
    total_count: int = strawberry.field(description="Organisations in all pages.")


# -- assessment ----------------------------------------------------------------------------------


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
    def assessed_organization(self, info: strawberry.Info) -> Organization | None:
        assert self.record is not None
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

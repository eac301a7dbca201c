"""The root types. Resolvers translate arguments, call `api.service` and wrap what it returns;
the work itself (storage, adapters, assessments) happens in the service."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from socialaudit.engine.loading import known_platforms
from socialaudit.schema.assessment import Assessment, AssessmentResult, stored_assessment
from socialaudit.schema.catalogue import (
    Benchmark,
    ChannelFormat,
    ChannelPlatform,
    Kpi,
    Plugin,
    Rule,
)
from socialaudit.schema.classification import ClassificationQueries
from socialaudit.schema.context import ExecutionTimeout, RequestContext, context_of
from socialaudit.schema.custom import TYPE_NAME as CUSTOM_DEFINITION
from socialaudit.schema.custom import (
    CustomDefinitionMutations,
    CustomDefinitionQueries,
    custom_definition,
)
from socialaudit.schema.enums import Language
from socialaudit.schema.ids import local_id, to_global_id
from socialaudit.schema.inputs import (
    ChannelInput,
    GoalInput,
    GovernanceInput,
    ImportChannelDataInput,
    OrganizationInput,
    PreviewAssessmentInput,
    UpdateOrganizationInput,
    plain,
)
from socialaudit.schema.jobs import TYPE_NAME as ASSESSMENT_JOB
from socialaudit.schema.jobs import JobMutations, JobQueries, assessment_job
from socialaudit.schema.organisation import (
    Channel,
    ChannelImport,
    Organization,
    OrganizationConnection,
    OrganizationEdge,
)
from socialaudit.schema.payloads import (
    AddChannelPayload,
    DeleteOrganizationPayload,
    ImportChannelDataPayload,
    OrganizationPayload,
    PreviewAssessmentPayload,
    RemoveChannelPayload,
    RunAssessmentPayload,
    refused,
)
from socialaudit.schema.relay import After, First, Node, connection, page_request
from socialaudit.schema.reports import ReportMutations, ReportQueries
from socialaudit.service.import_parsing import InlineFile, ParseTimedOut
from socialaudit.service.service import utc
from socialaudit.service.user_errors import UserErrorCode, UserErrors

LanguageArgument = Annotated[
    Language | None,
    strawberry.argument(description="Language of texts; default: the Accept-Language header."),
]

GlobalId = Annotated[strawberry.ID, strawberry.argument(description="A global id.")]
OrganizationId = Annotated[
    strawberry.ID, strawberry.argument(description="Global id of the organisation.")
]
ChannelId = Annotated[strawberry.ID, strawberry.argument(description="Global id of the channel.")]


def _language(context: RequestContext, language: Language | None) -> str:
    return language.value if language else context.language


def _organization(context: RequestContext, organisation_id: str) -> Organization | None:
    record = context.service.organisation(organisation_id)
    return Organization(record=record, batch=[record.id]) if record else None


def _channel(context: RequestContext, channel_id: str) -> Channel | None:
    record = context.service.channel(channel_id)
    return Channel(record=record, batch=[record.id]) if record else None


def _required_id(global_id: str, type_name: str, field: list[str]) -> str:
    found = local_id(global_id, type_name)
    if found is None:
        raise UserErrors.one(field, UserErrorCode.NOT_FOUND, f"no {type_name} has this id")
    return found


def _inline_file(
    upload: Any, content: str | None, filename: str | None, format: str | None, field: list[str]
) -> InlineFile:
    if upload is not None and content is not None:
        raise UserErrors.one(field, UserErrorCode.INVALID, "send `file` or `content`, not both")
    if upload is not None:
        data = upload.file.read()
        name = filename or upload.filename or "upload"
    elif content is not None:
        data = content.encode("utf-8")
        name = filename or "data.csv"
    else:
        raise UserErrors.one(
            field, UserErrorCode.FILE_MISSING, "send the file as `file` (upload) or `content`"
        )
    return InlineFile(filename=name, content=data, format=format)


@strawberry.type(description="Reading organisations, assessments and what is loaded.")
class Query(CustomDefinitionQueries, ClassificationQueries, JobQueries, ReportQueries):
    @strawberry.field(description="Any object by its global id; null when none has it.")
    def node(self, info: strawberry.Info, id: GlobalId) -> Node | None:
        context = context_of(info)
        for type_name, load in (
            ("Organization", lambda i: _organization(context, i)),
            ("Channel", lambda i: _channel(context, i)),
            ("Assessment", lambda i: _assessment(context, i, None)),
            ("ChannelImport", lambda i: _import(context, i)),
            (CUSTOM_DEFINITION, lambda i: custom_definition(context, i)),
            (ASSESSMENT_JOB, lambda i: assessment_job(context, i)),
        ):
            found = local_id(id, type_name)
            if found is not None:
                return load(found)  # type: ignore[no-any-return]
        return None

    @strawberry.field(description="An organisation by its global id.")
    def organization(self, info: strawberry.Info, id: OrganizationId) -> Organization | None:
        found = local_id(id, "Organization")
        return _organization(context_of(info), found) if found else None

    @strawberry.field(description="All organisations, oldest first, a page at a time.")
    def organizations(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
    ) -> OrganizationConnection:
        context, size, cursor = page_request(info, first, after)
        records, more, total = context.service.organisations_page(cursor, size)
        batch = [r.id for r in records]
        return connection(
            OrganizationConnection,
            OrganizationEdge,
            records,
            lambda r: Organization(record=r, batch=batch),
            more=more,
            after=cursor,
            total=total,
        )

    @strawberry.field(description="A stored assessment by its global id.")
    def assessment(
        self,
        info: strawberry.Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the assessment.")
        ],
        language: LanguageArgument = None,
    ) -> Assessment | None:
        found = local_id(id, "Assessment")
        context = context_of(info)
        return _assessment(context, found, _language(context, language)) if found else None

    @strawberry.field(description="Rules loaded, by code.")
    def rules(self, info: strawberry.Info, language: LanguageArgument = None) -> list[Rule]:
        context = context_of(info)
        registry = context.service.registry
        lang = _language(context, language)
        return [
            Rule(rule=r, registry=registry, lang=lang) for _, r in sorted(registry.rules.items())
        ]

    @strawberry.field(description="KPIs loaded, in the order the plugins declare them.")
    def kpis(self, info: strawberry.Info, language: LanguageArgument = None) -> list[Kpi]:
        context = context_of(info)
        registry = context.service.registry
        lang = _language(context, language)
        return [Kpi(kpi=k, registry=registry, lang=lang) for k in registry.kpis.values()]

    @strawberry.field(description="Plugins found, loaded or not.")
    def plugins(self, info: strawberry.Info) -> list[Plugin]:
        registry = context_of(info).service.registry
        return [Plugin(info=p) for _, p in sorted(registry.plugins.items())]

    @strawberry.field(description="Platforms a channel can be on, with the formats for each.")
    def channel_platforms(self, info: strawberry.Info) -> list[ChannelPlatform]:
        registry = context_of(info).service.registry
        return [
            ChannelPlatform(
                name=platform,
                formats=[
                    ChannelFormat(adapter=a, registry=registry)
                    for _, a in sorted(registry.adapters.items())
                    if not a.platforms or platform in a.platforms
                ],
            )
            for platform in known_platforms(registry.adapters)
        ]

    @strawberry.field(description="Reference figures from the studies.")
    def benchmarks(
        self, info: strawberry.Info, language: LanguageArgument = None
    ) -> list[Benchmark]:
        context = context_of(info)
        lang = _language(context, language)
        registry = context.service.registry
        return [Benchmark(benchmark=b, lang=lang) for _, b in sorted(registry.benchmarks.items())]

    @strawberry.field(description="Assess a profile and files sent in the request; stores nothing.")
    def preview_assessment(
        self,
        info: strawberry.Info,
        input: Annotated[
            PreviewAssessmentInput, strawberry.argument(description="Profile and files.")
        ],
        language: LanguageArgument = None,
    ) -> PreviewAssessmentPayload:
        context = context_of(info)
        context.check_time()
        try:
            profile = _profile(input.organization)
            files = [
                (
                    f.channel,
                    _inline_file(
                        f.file, f.content, f.filename, f.format, ["input", "files", str(i)]
                    ),
                )
                for i, f in enumerate(input.files)
            ]
            assessment = context.service.preview_assessment(
                profile, files, _language(context, language), utc(input.as_of)
            )
        except UserErrors as exc:
            return refused(PreviewAssessmentPayload, exc)
        return PreviewAssessmentPayload(
            assessment=AssessmentResult(model=assessment, record=None, lang=None)
        )


def _assessment(context: RequestContext, assessment_id: str, lang: str | None) -> Assessment | None:
    record = context.service.assessment_record(assessment_id)
    return stored_assessment(record, lang or context.language) if record else None


def _import(context: RequestContext, import_id: str) -> ChannelImport | None:
    record = context.service.import_record(import_id)
    return ChannelImport(record=record) if record else None


def _profile(organization: OrganizationInput) -> dict[str, Any]:
    data = plain(organization)
    if data.get("governance") is None:
        data.pop("governance", None)
    return data  # type: ignore[no-any-return]


@strawberry.type(
    description="Changing organisations, their channels and data; running assessments."
)
class Mutation(CustomDefinitionMutations, JobMutations, ReportMutations):
    @strawberry.mutation(description="Create an organisation from its profile.")
    def create_organization(
        self,
        info: strawberry.Info,
        input: Annotated[OrganizationInput, strawberry.argument(description="The profile.")],
    ) -> OrganizationPayload:
        context = context_of(info)
        try:
            organisation_id = context.service.create_organisation(_profile(input))
        except UserErrors as exc:
            return refused(OrganizationPayload, exc)
        return OrganizationPayload(organization=_organization(context, organisation_id))

    @strawberry.mutation(description="Change an organisation's profile; fields left out stay.")
    def update_organization(
        self,
        info: strawberry.Info,
        id: OrganizationId,
        input: Annotated[UpdateOrganizationInput, strawberry.argument(description="The changes.")],
    ) -> OrganizationPayload:
        context = context_of(info)
        try:
            organisation_id = _required_id(id, "Organization", ["id"])
            context.service.update_organisation(organisation_id, plain(input))
        except UserErrors as exc:
            return refused(OrganizationPayload, exc)
        return OrganizationPayload(organization=_organization(context, organisation_id))

    @strawberry.mutation(description="Delete an organisation with its channels, data and history.")
    def delete_organization(
        self, info: strawberry.Info, id: OrganizationId
    ) -> DeleteOrganizationPayload:
        try:
            context_of(info).service.delete_organisation(_required_id(id, "Organization", ["id"]))
        except UserErrors as exc:
            return refused(DeleteOrganizationPayload, exc)
        return DeleteOrganizationPayload(deleted_id=id)

    @strawberry.mutation(description="Replace an organisation's goals.")
    def set_goals(
        self,
        info: strawberry.Info,
        organization_id: OrganizationId,
        goals: Annotated[list[GoalInput], strawberry.argument(description="All its goals.")],
    ) -> OrganizationPayload:
        context = context_of(info)
        try:
            organisation_id = _required_id(organization_id, "Organization", ["organizationId"])
            context.service.set_goals(organisation_id, plain(goals))
        except UserErrors as exc:
            return refused(OrganizationPayload, exc)
        return OrganizationPayload(organization=_organization(context, organisation_id))

    @strawberry.mutation(description="Replace an organisation's governance.")
    def set_governance(
        self,
        info: strawberry.Info,
        organization_id: OrganizationId,
        governance: Annotated[
            GovernanceInput, strawberry.argument(description="The whole governance.")
        ],
    ) -> OrganizationPayload:
        context = context_of(info)
        try:
            organisation_id = _required_id(organization_id, "Organization", ["organizationId"])
            context.service.set_governance(organisation_id, plain(governance))
        except UserErrors as exc:
            return refused(OrganizationPayload, exc)
        return OrganizationPayload(organization=_organization(context, organisation_id))

    @strawberry.mutation(description="Add a channel to an organisation.")
    def add_channel(
        self,
        info: strawberry.Info,
        organization_id: OrganizationId,
        channel: Annotated[ChannelInput, strawberry.argument(description="The channel.")],
    ) -> AddChannelPayload:
        context = context_of(info)
        try:
            organisation_id = _required_id(organization_id, "Organization", ["organizationId"])
            channel_id = context.service.add_channel(organisation_id, plain(channel))
        except UserErrors as exc:
            return refused(AddChannelPayload, exc)
        return AddChannelPayload(
            channel=_channel(context, channel_id),
            organization=_organization(context, organisation_id),
        )

    @strawberry.mutation(description="Remove a channel with its data and imports.")
    def remove_channel(self, info: strawberry.Info, channel_id: ChannelId) -> RemoveChannelPayload:
        context = context_of(info)
        try:
            organisation_id = context.service.remove_channel(
                _required_id(channel_id, "Channel", ["channelId"])
            )
        except UserErrors as exc:
            return refused(RemoveChannelPayload, exc)
        return RemoveChannelPayload(
            removed_id=channel_id, organization=_organization(context, organisation_id)
        )

    @strawberry.mutation(
        description="Import a file into a channel through the channel adapters; "
        "all of it or nothing, and the same file twice changes nothing."
    )
    def import_channel_data(
        self,
        info: strawberry.Info,
        input: Annotated[
            ImportChannelDataInput, strawberry.argument(description="The channel and file.")
        ],
    ) -> ImportChannelDataPayload:
        context = context_of(info)
        context.check_time()
        try:
            channel_id = _required_id(input.channel_id, "Channel", ["input", "channelId"])
            field = ["input", "file" if input.file is not None else "content"]
            upload = _inline_file(input.file, input.content, input.filename, input.format, field)
            outcome = context.service.import_channel_data(
                channel_id,
                upload,
                field,
                before_commit=context.check_time,
                deadline=context.deadline,
            )
        except UserErrors as exc:
            return refused(ImportChannelDataPayload, exc)
        except ParseTimedOut as exc:
            raise ExecutionTimeout(
                f"reading the file in `{'.'.join(field)}` ran past the operation's time limit "
                "and was stopped; nothing was stored",
                extensions={"code": "TIMEOUT", "field": field},
            ) from exc
        return ImportChannelDataPayload(
            channel_import=ChannelImport(record=outcome.record),
            channel=_channel(context, channel_id),
            duplicate=outcome.duplicate,
        )

    @strawberry.mutation(description="Assess an organisation's stored data and keep the result.")
    def run_assessment(
        self,
        info: strawberry.Info,
        organization_id: OrganizationId,
        language: LanguageArgument = None,
        as_of: Annotated[
            datetime | None,
            strawberry.argument(description="Reference time; default: the newest in the data."),
        ] = None,
    ) -> RunAssessmentPayload:
        context = context_of(info)
        context.check_time()
        lang = _language(context, language)
        try:
            organisation_id = _required_id(organization_id, "Organization", ["organizationId"])
            record = context.service.run_assessment(
                organisation_id, lang, utc(as_of), before_storing=context.check_time
            )
        except UserErrors as exc:
            return refused(RunAssessmentPayload, exc)
        return RunAssessmentPayload(assessment=stored_assessment(record, lang))


__all__ = ["Mutation", "Query", "to_global_id"]

"""Assessment jobs and the agency's schedule: enqueuing a whole client base, following the jobs,
and the nightly (or any cron) run that `socialaudit worker` processes carry out."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from socialaudit.schema.assessment import Assessment, stored_assessment
from socialaudit.schema.context import RequestContext, context_of
from socialaudit.schema.enums import Language
from socialaudit.schema.ids import local_id, to_global_id
from socialaudit.schema.organisation import Organization
from socialaudit.schema.payloads import UserError, refused
from socialaudit.schema.relay import (
    After,
    First,
    Node,
    PageInfo,
    connection,
    page_request,
)
from socialaudit.service.service import utc
from socialaudit.service.storage.job_rows import JobRecord, JobState, ScheduleRecord
from socialaudit.service.storage.records import OrganisationRecord
from socialaudit.service.user_errors import UserErrorCode, UserErrors

TYPE_NAME = "AssessmentJob"


@strawberry.enum(description="Where an assessment job stands.")
class AssessmentJobState(Enum):
    QUEUED = strawberry.enum_value(
        JobState.QUEUED.value,
        description="Waiting for a worker, for its first attempt or a retry after an error.",
    )
    RUNNING = strawberry.enum_value(
        JobState.RUNNING.value, description="A worker is assessing the organisation."
    )
    SUCCEEDED = strawberry.enum_value(
        JobState.SUCCEEDED.value, description="The assessment is stored; see `assessment`."
    )
    FAILED = strawberry.enum_value(
        JobState.FAILED.value,
        description="No assessment: `error` says why. The other jobs are not affected.",
    )


@strawberry.type(description="One organisation's assessment, run by a worker.")
class AssessmentJob(Node):
    record: strawberry.Private[JobRecord]
    organisations: strawberry.Private[dict[str, OrganisationRecord] | None] = None
    """The organisations of the page or payload this job came in, read in one query."""

    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(TYPE_NAME, self.record.id))

    @strawberry.field(description="Where it stands.")
    def state(self) -> AssessmentJobState:
        return AssessmentJobState(self.record.state.value)

    @strawberry.field(description="The organisation assessed; null when it was deleted since.")
    def organization(self, info: strawberry.Info) -> Organization | None:
        wanted = self.record.organisation_id
        if self.organisations is not None:
            record = self.organisations.get(wanted)
            batch = list(self.organisations)
        else:
            record = context_of(info).service.organisation(wanted)
            batch = [wanted]
        return Organization(record=record, batch=batch) if record else None

    @strawberry.field(description="Language of the assessment's texts.")
    def language(self) -> Language:
        return Language(self.record.language)

    @strawberry.field(description="Reference time asked for; null: the newest in the data.")
    def as_of(self) -> datetime | None:
        return self.record.as_of

    @strawberry.field(description="The schedule's time this job runs for; null when enqueued.")
    def scheduled_for(self) -> datetime | None:
        return self.record.slot

    @strawberry.field(description="Attempts started so far (a retry after an error is one).")
    def attempts(self) -> int:
        return self.record.attempts

    @strawberry.field(description="The last attempt's error; null when none failed.")
    def error(self) -> str | None:
        return self.record.error

    @strawberry.field(description="The assessment it stored, once it succeeded.")
    def assessment(self, info: strawberry.Info) -> Assessment | None:
        if self.record.assessment_id is None:
            return None
        context = context_of(info)
        record = context.service.assessment_record(self.record.assessment_id)
        return stored_assessment(record, context.language) if record else None

    @strawberry.field(description="When it was enqueued.")
    def created_at(self) -> datetime:
        return self.record.created_at

    @strawberry.field(description="When its last attempt started.")
    def started_at(self) -> datetime | None:
        return self.record.started_at

    @strawberry.field(description="When it succeeded or failed for good.")
    def finished_at(self) -> datetime | None:
        return self.record.finished_at


@strawberry.type(description="A job in a page of jobs.")
class AssessmentJobEdge:
    cursor: str = strawberry.field(description="Give as `after` to continue after this one.")
    node: AssessmentJob = strawberry.field(description="The job.")


@strawberry.type(description="A page of assessment jobs, newest first.")
class AssessmentJobConnection:
    edges: list[AssessmentJobEdge] = strawberry.field(description="The page's jobs.")
    page_info: PageInfo = strawberry.field(description="Where the page stands.")
    total_count: int = strawberry.field(description="Jobs in all pages.")


@strawberry.type(description="When the agency's organisations are all assessed again.")
class AssessmentSchedule:
    record: strawberry.Private[ScheduleRecord]

    @strawberry.field(description='Cron expression, e.g. "0 3 * * *" (every night at 03:00).')
    def cron(self) -> str:
        return self.record.cron

    @strawberry.field(description="IANA time zone the cron is read in, e.g. Europe/Brussels.")
    def timezone(self) -> str:
        return self.record.timezone

    @strawberry.field(description="Language of the assessments.")
    def language(self) -> Language:
        return Language(self.record.language)

    @strawberry.field(description="The newest time the schedule ran for; null before its first.")
    def last_run_for(self) -> datetime | None:
        return self.record.last_slot

    @strawberry.field(description="When it was last set.")
    def updated_at(self) -> datetime:
        return self.record.updated_at


@strawberry.input(description="Which organisations to assess as jobs.")
class ScheduleAssessmentsInput:
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Global ids of the organisations; or give `all`."
    )
    all: bool | None = strawberry.field(
        default=None, description="Every organisation of the agency."
    )
    as_of: datetime | None = strawberry.field(
        default=None, description="Reference time; default: the newest in each one's data."
    )
    language: Language | None = strawberry.field(
        default=None, description="Language of texts; default: the Accept-Language header."
    )


@strawberry.input(description="The agency's schedule.")
class SetAssessmentScheduleInput:
    cron: str = strawberry.field(description='Five-field cron, e.g. "0 3 * * *".')
    timezone: str = strawberry.field(description="IANA time zone, e.g. Europe/Brussels.")
    language: Language | None = strawberry.field(
        default=None, description="Language of texts; default: the Accept-Language header."
    )


@strawberry.type(description="The jobs enqueued, one per organisation.")
class ScheduleAssessmentsPayload:
    jobs: list[AssessmentJob] = strawberry.field(
        default_factory=list, description="The jobs, queued; empty when refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.type(description="The agency's schedule after the change.")
class AssessmentSchedulePayload:
    schedule: AssessmentSchedule | None = strawberry.field(
        default=None, description="The schedule; null when refused or deleted."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


def assessment_job(context: RequestContext, job_id: str) -> AssessmentJob | None:
    record = context.service.assessment_job(job_id)
    return AssessmentJob(record=record) if record else None


def _jobs(context: RequestContext, records: list[JobRecord]) -> list[AssessmentJob]:
    found = context.service.organisations(list({r.organisation_id for r in records}))
    return [AssessmentJob(record=r, organisations=found) for r in records]


def _organisation_ids(input: ScheduleAssessmentsInput) -> list[str] | None:
    if bool(input.all) == (input.organization_ids is not None):
        raise UserErrors.one(
            ["input"], UserErrorCode.INVALID, "give either `organizationIds` or `all: true`"
        )
    if input.all:
        return None
    ids = []
    for index, global_id in enumerate(input.organization_ids or []):
        found = local_id(global_id, "Organization")
        if found is None:
            raise UserErrors.one(
                ["input", "organizationIds", str(index)],
                UserErrorCode.NOT_FOUND,
                "no Organization has this id",
            )
        ids.append(found)
    return ids


@strawberry.type
class JobQueries:
    @strawberry.field(description="The agency's assessment jobs, newest first.")
    def assessment_jobs(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        state: Annotated[
            AssessmentJobState | None,
            strawberry.argument(description="Only jobs in this state."),
        ] = None,
    ) -> AssessmentJobConnection:
        context, size, cursor = page_request(info, first, after)
        wanted = JobState(state.value) if state is not None else None
        records, more, total = context.service.assessment_jobs_page(wanted, cursor, size)
        jobs = {job.record.id: job for job in _jobs(context, records)}
        return connection(
            AssessmentJobConnection,
            AssessmentJobEdge,
            records,
            lambda r: jobs[r.id],
            more=more,
            after=cursor,
            total=total,
        )

    @strawberry.field(description="The agency's schedule; null when it has none.")
    def assessment_schedule(self, info: strawberry.Info) -> AssessmentSchedule | None:
        record = context_of(info).service.assessment_schedule()
        return AssessmentSchedule(record=record) if record else None


@strawberry.type
class JobMutations:
    @strawberry.mutation(
        description="Assess organisations as jobs, one per organisation, run by workers; "
        "needs a job queue (SOCIALAUDIT_QUEUE_URL)."
    )
    def schedule_assessments(
        self,
        info: strawberry.Info,
        input: Annotated[
            ScheduleAssessmentsInput, strawberry.argument(description="The organisations.")
        ],
    ) -> ScheduleAssessmentsPayload:
        context = context_of(info)
        context.check_time()
        language = input.language.value if input.language else context.language
        try:
            records = context.service.schedule_assessments(
                _organisation_ids(input), language, utc(input.as_of)
            )
        except UserErrors as exc:
            return refused(ScheduleAssessmentsPayload, exc)
        return ScheduleAssessmentsPayload(jobs=_jobs(context, records))

    @strawberry.mutation(
        description="Assess every organisation of the agency on a schedule; replaces the "
        "schedule it had. One run per organisation per time however many workers run."
    )
    def set_assessment_schedule(
        self,
        info: strawberry.Info,
        input: Annotated[SetAssessmentScheduleInput, strawberry.argument(description="When.")],
    ) -> AssessmentSchedulePayload:
        context = context_of(info)
        language = input.language.value if input.language else context.language
        try:
            record = context.service.set_assessment_schedule(input.cron, input.timezone, language)
        except UserErrors as exc:
            return refused(AssessmentSchedulePayload, exc)
        return AssessmentSchedulePayload(schedule=AssessmentSchedule(record=record))

    @strawberry.mutation(description="Stop the agency's scheduled runs.")
    def delete_assessment_schedule(self, info: strawberry.Info) -> AssessmentSchedulePayload:
        context_of(info).service.delete_assessment_schedule()
        return AssessmentSchedulePayload(schedule=None)

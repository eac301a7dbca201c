"""Assessments as jobs: enqueued for a whole client base at once or by the agency's schedule,
run by `socialaudit worker` processes, each job an organisation's assessment in its agency's
scope.

The job system (`service.job_queue`) only carries a job's id from the service to a worker;
everything an agency sees of a job is its row here, written through the agency's `Tenancy`
like any other of its rows. Running a job is idempotent: the assessment and the job's
`succeeded` are stored in one transaction that only one delivery of the job can commit.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from socialaudit.engine.errors import InputError
from socialaudit.engine.pipeline import assess
from socialaudit.service.scope import AgencyScope
from socialaudit.service.storage.classification_cache import DatabaseClassificationCache
from socialaudit.service.storage.job_rows import JobRecord, JobState, ScheduleRecord
from socialaudit.service.user_errors import UserErrorCode, UserErrors

if TYPE_CHECKING:
    from socialaudit.engine.loading import OrganisationInput

log = logging.getLogger("socialaudit.jobs")

MAX_ATTEMPTS = 3
"""Attempts of one job before it fails: a worker killed mid-job, a database gone for a moment
are worth another try; a job failing three times is failing for a reason."""

QUEUE_SETTING = "SOCIALAUDIT_QUEUE_URL"


class JobQueue(Protocol):
    """What the service needs of the job system: hand it jobs to run."""

    def enqueue(self, agency_id: str, job_ids: list[str]) -> None: ...


class RetryLater(Exception):
    """An attempt failed for a reason that may pass; the job system retries it with backoff."""


def _no_queue(field: list[str]) -> UserErrors:
    return UserErrors.one(
        field,
        UserErrorCode.INVALID,
        f"no job queue is configured: set {QUEUE_SETTING} and run `socialaudit worker` "
        "(see docs/deploy.md); `runAssessment` assesses one organisation without it",
    )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return exc.describe()
    if isinstance(exc, UserErrors):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def check_cron(cron: str) -> None:
    """A five-field cron expression (minute hour day month weekday); croniter comes with the
    job system."""
    from croniter import croniter

    if len(cron.split()) != 5 or not croniter.is_valid(cron):
        raise UserErrors.one(
            ["input", "cron"],
            UserErrorCode.INVALID,
            f"'{cron}' is not a cron expression of five fields (minute hour day month "
            'weekday), e.g. "0 3 * * *" for every night at 03:00',
        )


def latest_slot(cron: str, timezone: str, moment: datetime) -> datetime:
    """The newest time at or before `moment` that `cron` names, read in `timezone` (03:00 in
    Brussels stays 03:00 across daylight saving), in UTC."""
    from croniter import croniter

    local = (moment + timedelta(seconds=1)).astimezone(ZoneInfo(timezone))
    slot: datetime = croniter(cron, local).get_prev(datetime)
    return slot.astimezone(UTC)


class Jobs(AgencyScope):
    queue: JobQueue | None = None
    """Set by the application when `SOCIALAUDIT_QUEUE_URL` names a job system."""

    # -- what the API asks -----------------------------------------------------------------------

    def schedule_assessments(
        self, organisation_ids: list[str] | None, language: str, as_of: datetime | None
    ) -> list[JobRecord]:
        """One job per organisation (`None`: every organisation of the agency), enqueued."""
        if self.queue is None:
            raise _no_queue(["input"])
        with self.tenancy.transaction() as repo:
            if organisation_ids is None:
                wanted = repo.organisation_ids()
            else:
                found = repo.get_organisations(organisation_ids)
                missing = [i for i, o in enumerate(organisation_ids) if o not in found]
                if missing:
                    raise UserErrors.one(
                        ["input", "organizationIds", str(missing[0])],
                        UserErrorCode.NOT_FOUND,
                        "no organisation has this id",
                    )
                wanted = list(dict.fromkeys(organisation_ids))
            job_ids = [repo.insert_job(o, language, as_of) for o in wanted]
        created = [j for j in job_ids if j is not None]
        self._enqueue(created)
        with self.tenancy.transaction() as repo:
            return repo.get_jobs(created)

    def _enqueue(self, job_ids: list[str]) -> None:
        """Hand the committed jobs to the job system; if it cannot take them, they fail with
        the reason rather than wait for ever."""
        assert self.queue is not None
        if not job_ids:
            return
        try:
            self.queue.enqueue(self.tenancy.agency_id, job_ids)
        except Exception as exc:  # any failure of the job system is the jobs' error
            log.exception("could not enqueue jobs")
            with self.tenancy.transaction() as repo:
                for job_id in job_ids:
                    repo.fail_job(job_id, f"the job queue refused it: {_describe(exc)}", True)

    def assessment_job(self, job_id: str) -> JobRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_job(job_id)

    def assessment_jobs_page(
        self, state: JobState | None, after: tuple[datetime, str] | None, first: int
    ) -> tuple[list[JobRecord], bool, int]:
        with self.tenancy.transaction() as repo:
            records = repo.page_jobs(state, after, first + 1)
            return records[:first], len(records) > first, repo.count_jobs(state)

    def assessment_schedule(self) -> ScheduleRecord | None:
        with self.tenancy.transaction() as repo:
            return repo.get_schedule()

    def set_assessment_schedule(self, cron: str, timezone: str, language: str) -> ScheduleRecord:
        if self.queue is None:
            raise _no_queue(["input"])
        cron = " ".join(cron.split())
        check_cron(cron)
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise UserErrors.one(
                ["input", "timezone"],
                UserErrorCode.INVALID,
                f"'{timezone}' is not an IANA time zone; use a name like Europe/Brussels",
            ) from exc
        with self.tenancy.transaction() as repo:
            repo.set_schedule(cron, timezone, language)
            schedule = repo.get_schedule()
        assert schedule is not None
        return schedule

    def delete_assessment_schedule(self) -> bool:
        with self.tenancy.transaction() as repo:
            return repo.delete_schedule()

    # -- what a worker does ----------------------------------------------------------------------

    def queued_before(self, moment: datetime, limit: int = 500) -> list[str]:
        with self.tenancy.transaction() as repo:
            return repo.queued_before(moment, limit)

    def enqueue_due(self, moment: datetime) -> list[str]:
        """Enqueue the schedule's newest slot at or before `moment`, if not yet done: one job
        per organisation, whichever worker's tick gets here first. Slots missed while no worker
        ran are not caught up one by one: the newest covers them."""
        with self.tenancy.transaction() as repo:
            schedule = repo.get_schedule()
        if schedule is None or self.queue is None:
            return []
        slot = latest_slot(schedule.cron, schedule.timezone, moment)
        if slot <= schedule.updated_at or (schedule.last_slot and slot <= schedule.last_slot):
            return []
        with self.tenancy.transaction() as repo:
            if not repo.advance_schedule(schedule.id, slot):
                return []  # another worker's tick took this slot
            inserted = [
                repo.insert_job(o, schedule.language, None, slot) for o in repo.organisation_ids()
            ]
        job_ids = [j for j in inserted if j is not None]
        self._enqueue(job_ids)
        return job_ids

    def execute_job(self, job_id: str) -> JobState | None:
        """Run one attempt of a job; the job's state after it, or None when the job was
        finished already (delivered twice). Raises `RetryLater` when it failed and may be
        tried again."""
        with self.tenancy.transaction() as repo:
            job = repo.start_job(job_id)
        if job is None:
            return None
        if job.attempts > MAX_ATTEMPTS:
            return self._fail(
                job, f"the worker stopped during each of its {MAX_ATTEMPTS} attempts", True
            )
        try:
            data = self._stored_input(job.organisation_id, ["organizationId"])
            return self._store(job, data)
        except (InputError, UserErrors) as exc:  # the organisation's data: trying again won't help
            return self._fail(job, _describe(exc), True)
        except Exception as exc:  # one organisation's failure is its job's, never the worker's
            log.exception("assessment job failed", extra={"job": job_id})
            final = job.attempts >= MAX_ATTEMPTS
            self._fail(job, _describe(exc), final)
            if final:
                return JobState.FAILED
            raise RetryLater(_describe(exc)) from exc

    def abandon_job(self, job_id: str, error: str, retry: bool) -> JobState | None:
        """A job whose assessment process was killed (past the job timeout, `retry` False) or
        died (a crash: retried while attempts remain); its transaction died with the process,
        so nothing of it is stored. None when it finished after all, just before the kill."""
        with self.tenancy.transaction() as repo:
            job = repo.get_job(job_id)
            if job is None or job.state not in (JobState.QUEUED, JobState.RUNNING):
                return None
            final = not retry or job.attempts >= MAX_ATTEMPTS
            repo.fail_job(job_id, error, final)
        return JobState.FAILED if final else JobState.QUEUED

    def _store(self, job: JobRecord, data: OrganisationInput) -> JobState | None:
        assessment = assess(
            data,
            self.registry,
            as_of=job.as_of,
            language=job.language,
            classification_cache=DatabaseClassificationCache(self.tenancy.engine),
        )
        result = assessment.to_json_dict()
        try:
            with self.tenancy.transaction() as repo:
                if repo.get_organisation(job.organisation_id) is None:
                    raise UserErrors.one(
                        ["organizationId"], UserErrorCode.NOT_FOUND, "the organisation was deleted"
                    )
                assessment_id = repo.insert_assessment(
                    job.organisation_id, result, self._versions(), assessment.as_of
                )
                if not repo.finish_job(job.id, assessment_id):
                    raise _AlreadyDone
        except _AlreadyDone:
            return None  # the other delivery's assessment stands; this one was rolled back
        return JobState.SUCCEEDED

    def _fail(self, job: JobRecord, error: str, final: bool) -> JobState:
        with self.tenancy.transaction() as repo:
            repo.fail_job(job.id, error, final)
        return JobState.FAILED if final else JobState.QUEUED


class _AlreadyDone(Exception):
    """Raised inside the storing transaction to roll it back."""

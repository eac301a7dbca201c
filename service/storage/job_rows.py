"""Assessment jobs and the agency's schedule: their records and rows.

A job's row is the truth about it for the agency (state, attempts, error, the assessment it
produced); the job system only carries its id. Every change of state is a compare-and-set on
the row, so a job delivered twice, or retried after its worker was killed, stores at most one
assessment: the one whose transaction flips `running` to `succeeded` first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import tuple_
from sqlalchemy.dialects import postgresql, sqlite

from socialaudit.service.storage.rows import as_utc
from socialaudit.service.storage.scoped import Scoped, new_id, now
from socialaudit.service.storage.tables import (
    assessment_jobs,
    assessment_schedules,
    organisations,
)


class JobState(StrEnum):
    QUEUED = "queued"  # waiting for a worker, first or next attempt
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True)
class JobRecord:
    id: str
    organisation_id: str
    state: JobState
    language: str
    as_of: datetime | None
    slot: datetime | None
    attempts: int
    error: str | None
    assessment_id: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True)
class ScheduleRecord:
    id: str
    cron: str
    timezone: str
    language: str
    last_slot: datetime | None
    created_at: datetime
    updated_at: datetime


def job_record(row: Any) -> JobRecord:
    return JobRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        state=JobState(row.state),
        language=row.language,
        as_of=as_utc(row.as_of),
        slot=as_utc(row.slot),
        attempts=row.attempts,
        error=row.error,
        assessment_id=row.assessment_id,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        started_at=as_utc(row.started_at),
        finished_at=as_utc(row.finished_at),
    )


def schedule_record(row: Any) -> ScheduleRecord:
    return ScheduleRecord(
        id=row.id,
        cron=row.cron,
        timezone=row.timezone,
        language=row.language,
        last_slot=as_utc(row.last_slot),
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        updated_at=as_utc(row.updated_at),  # type: ignore[arg-type]
    )


class JobRows(Scoped):
    def organisation_ids(self) -> list[str]:
        """Every organisation of the agency, oldest first: what a run of all of them covers."""
        query = self._select(organisations, organisations.c.id).order_by(
            organisations.c.created_at, organisations.c.id
        )
        return list(self.conn.execute(query).scalars())

    def insert_job(
        self,
        organisation_id: str,
        language: str,
        as_of: datetime | None,
        slot: datetime | None = None,
    ) -> str | None:
        """The new job's id; None when the organisation already has a job for this `slot`
        (another worker enqueued the slot first)."""
        dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(assessment_jobs)
            .values(
                agency_id=self.agency_id,
                id=new_id(),
                organisation_id=organisation_id,
                state=JobState.QUEUED.value,
                language=language,
                as_of=as_of,
                slot=slot,
                attempts=0,
                created_at=now(),
            )
            .on_conflict_do_nothing(index_elements=["organisation_id", "slot"])
            .returning(assessment_jobs.c.id)
        )
        return self.conn.execute(statement).scalar_one_or_none()

    def get_job(self, job_id: str) -> JobRecord | None:
        query = self._select(assessment_jobs).where(assessment_jobs.c.id == job_id)
        row = self.conn.execute(query).first()
        return job_record(row) if row else None

    def get_jobs(self, job_ids: Sequence[str]) -> list[JobRecord]:
        query = (
            self._select(assessment_jobs)
            .where(assessment_jobs.c.id.in_(job_ids))
            .order_by(assessment_jobs.c.created_at, assessment_jobs.c.id)
        )
        return [job_record(row) for row in self.conn.execute(query).all()]

    def page_jobs(
        self, state: JobState | None, after: tuple[datetime, str] | None, limit: int
    ) -> list[JobRecord]:
        """Newest first, by (created_at, id)."""
        query = self._select(assessment_jobs).order_by(
            assessment_jobs.c.created_at.desc(), assessment_jobs.c.id.desc()
        )
        if state is not None:
            query = query.where(assessment_jobs.c.state == state.value)
        if after is not None:
            query = query.where(tuple_(assessment_jobs.c.created_at, assessment_jobs.c.id) < after)
        return [job_record(row) for row in self.conn.execute(query.limit(limit)).all()]

    def count_jobs(self, state: JobState | None) -> int:
        query = self._count(assessment_jobs)
        if state is not None:
            query = query.where(assessment_jobs.c.state == state.value)
        return self.conn.execute(query).scalar_one()

    def queued_before(self, moment: datetime, limit: int) -> list[str]:
        """Jobs waiting since before `moment`, oldest first: the ones to check are not lost."""
        query = (
            self._select(assessment_jobs, assessment_jobs.c.id)
            .where(
                assessment_jobs.c.state == JobState.QUEUED.value,
                assessment_jobs.c.created_at < moment,
            )
            .order_by(assessment_jobs.c.created_at, assessment_jobs.c.id)
            .limit(limit)
        )
        return list(self.conn.execute(query).scalars())

    def start_job(self, job_id: str) -> JobRecord | None:
        """Count an attempt and mark the job running; None when it is already finished (a
        duplicate delivery). A job left `running` by a killed worker starts again."""
        statement = (
            self._update(assessment_jobs)
            .where(
                assessment_jobs.c.id == job_id,
                assessment_jobs.c.state.in_([JobState.QUEUED.value, JobState.RUNNING.value]),
            )
            .values(
                state=JobState.RUNNING.value,
                attempts=assessment_jobs.c.attempts + 1,
                started_at=now(),
            )
        )
        if self.conn.execute(statement).rowcount == 0:
            return None
        return self.get_job(job_id)

    def finish_job(self, job_id: str, assessment_id: str) -> bool:
        """Flip `running` to `succeeded` with the assessment; False when another delivery of
        the job did so first, and the caller must roll its assessment back."""
        statement = (
            self._update(assessment_jobs)
            .where(
                assessment_jobs.c.id == job_id,
                assessment_jobs.c.state == JobState.RUNNING.value,
                assessment_jobs.c.assessment_id.is_(None),
            )
            .values(
                state=JobState.SUCCEEDED.value,
                assessment_id=assessment_id,
                error=None,
                finished_at=now(),
            )
        )
        return self.conn.execute(statement).rowcount > 0

    def fail_job(self, job_id: str, error: str, final: bool) -> None:
        """Keep the attempt's error; `final` fails the job, else it waits for its retry."""
        values: dict[str, Any] = {"error": error}
        if final:
            values.update(state=JobState.FAILED.value, finished_at=now())
        else:
            values.update(state=JobState.QUEUED.value)
        self.conn.execute(
            self._update(assessment_jobs)
            .where(
                assessment_jobs.c.id == job_id,
                assessment_jobs.c.state.in_([JobState.QUEUED.value, JobState.RUNNING.value]),
            )
            .values(**values)
        )


class ScheduleRows(Scoped):
    def get_schedule(self) -> ScheduleRecord | None:
        row = self.conn.execute(self._select(assessment_schedules)).first()
        return schedule_record(row) if row else None

    def set_schedule(self, cron: str, timezone: str, language: str) -> None:
        """Create or replace the agency's one schedule; slots before this moment never fire."""
        moment = now()
        values = {"cron": cron, "timezone": timezone, "language": language, "updated_at": moment}
        changed = self.conn.execute(self._update(assessment_schedules).values(**values)).rowcount
        if not changed:
            self.conn.execute(
                self._insert(assessment_schedules, id=new_id(), created_at=moment, **values)
            )

    def delete_schedule(self) -> bool:
        return self.conn.execute(self._delete(assessment_schedules)).rowcount > 0

    def advance_schedule(self, schedule_id: str, slot: datetime) -> bool:
        """Record `slot` as enqueued; False when this or a later slot already was."""
        statement = (
            self._update(assessment_schedules)
            .where(
                assessment_schedules.c.id == schedule_id,
                (assessment_schedules.c.last_slot.is_(None))
                | (assessment_schedules.c.last_slot < slot),
            )
            .values(last_slot=slot)
        )
        return self.conn.execute(statement).rowcount > 0

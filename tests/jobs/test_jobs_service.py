"""The jobs in the service, on SQLite and PostgreSQL, with a stand-in for the job system: what is
enqueued, what a delivery stores, retries, schedules and their slots, and the API without a
queue (nothing of the job system loaded, `runAssessment` as before)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from socialaudit.api.cli.worker import CLASSIFIER_THREADS, share_cores
from socialaudit.engine.registry import Registry
from socialaudit.service import jobs as jobs_module
from socialaudit.service.jobs import MAX_ATTEMPTS, RetryLater, latest_slot
from socialaudit.service.service import Service
from socialaudit.service.storage import agencies as store
from socialaudit.service.storage.database import create_database_engine, grant_to_role, migrate
from socialaudit.service.storage.job_rows import JobState
from socialaudit.service.storage.tenancy import Tenancy
from socialaudit.service.user_errors import UserErrors
from tests.api.conftest import APPLICATION_ROLE, BAKERY, example_file, gql, make_app

PROFILE = {**BAKERY, "sector": "food_hospitality", "market": "b2c"}  # the engine's values


class FakeQueue:
    """Records what the service hands to the job system."""

    def __init__(self, refuse: bool = False) -> None:
        self.enqueued: list[tuple[str, str]] = []
        self.refuse = refuse

    def enqueue(self, agency_id: str, job_ids: list[str]) -> None:
        if self.refuse:
            raise ConnectionError("queue database unreachable")
        self.enqueued += [(agency_id, j) for j in job_ids]


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate(engine)
    if database_url.startswith("postgresql"):
        grant_to_role(engine, APPLICATION_ROLE)
    yield engine
    engine.dispose()


def _service(engine: Engine, registry: Registry, name: str = "noord", **queue: Any) -> Service:
    agency = store.find_agency(engine, name) or store.create_agency(engine, name)
    role = APPLICATION_ROLE if engine.dialect.name == "postgresql" else None
    service = Service(Tenancy(engine, agency.id, role), registry)
    service.queue = FakeQueue(**queue)
    return service


def _organisation(service: Service, name: str) -> str:
    from socialaudit.service.imports import InlineFile

    organisation_id = service.create_organisation({**PROFILE, "name": name})
    channel = service.channels([organisation_id])[organisation_id][0]
    content = example_file("facebook", "posts.csv").encode()
    service.import_channel_data(channel.id, InlineFile("posts.csv", content, None), ["content"])
    return organisation_id


def _assessments(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM assessments")).scalar_one()


def test_a_job_delivered_twice_stores_one_assessment(engine: Engine, registry: Registry) -> None:
    service = _service(engine, registry)
    organisation_id = _organisation(service, "Bakkerij Twee Keer")
    [job] = service.schedule_assessments([organisation_id], "nl", None)
    assert service.queue.enqueued == [(service.tenancy.agency_id, job.id)]  # type: ignore[union-attr]
    assert job.state is JobState.QUEUED and job.attempts == 0

    assert service.execute_job(job.id) is JobState.SUCCEEDED
    assert service.execute_job(job.id) is None  # the second delivery finds it done
    done = service.assessment_job(job.id)
    assert done is not None and done.state is JobState.SUCCEEDED and done.attempts == 1
    assert done.assessment_id is not None
    assert _assessments(engine) == 1


def test_of_two_deliveries_running_at_once_only_one_stores(
    engine: Engine, registry: Registry
) -> None:
    service = _service(engine, registry)
    organisation_id = _organisation(service, "Bakkerij Tegelijk")
    [job] = service.schedule_assessments([organisation_id], "en", None)
    with service.tenancy.transaction() as repo:  # delivery A starts ...
        started = repo.start_job(job.id)
    assert started is not None
    assert service.execute_job(job.id) is JobState.SUCCEEDED  # ... B runs it through ...
    data = service._stored_input(organisation_id, ["organizationId"])
    assert service._store(started, data) is None  # ... and A's assessment is rolled back
    assert _assessments(engine) == 1


def test_a_failure_that_may_pass_is_retried_then_fails_with_its_error(
    engine: Engine, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _service(engine, registry)
    organisation_id = _organisation(service, "Bakkerij Wankel")

    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(jobs_module, "assess", broken)
    [job] = service.schedule_assessments([organisation_id], "en", None)
    for attempt in range(1, MAX_ATTEMPTS):
        with pytest.raises(RetryLater):
            service.execute_job(job.id)
        waiting = service.assessment_job(job.id)
        assert waiting is not None and waiting.state is JobState.QUEUED
        assert waiting.attempts == attempt and waiting.error == "RuntimeError: database went away"
    assert service.execute_job(job.id) is JobState.FAILED
    failed = service.assessment_job(job.id)
    assert failed is not None and failed.state is JobState.FAILED
    assert failed.finished_at is not None and _assessments(engine) == 0


def test_a_queue_that_refuses_fails_the_jobs_with_its_reason(
    engine: Engine, registry: Registry
) -> None:
    service = _service(engine, registry, refuse=True)
    organisation_id = _organisation(service, "Bakkerij Onbereikbaar")
    [job] = service.schedule_assessments([organisation_id], "en", None)
    assert job.state is JobState.FAILED
    assert job.error is not None and "queue database unreachable" in job.error


def test_unknown_organisations_and_other_agencies_are_not_found(
    engine: Engine, registry: Registry
) -> None:
    noord = _service(engine, registry, "noord")
    zuid = _service(engine, registry, "zuid")
    organisation_id = _organisation(noord, "Bakkerij Noord")
    with pytest.raises(UserErrors) as refused:
        zuid.schedule_assessments([organisation_id], "en", None)
    assert refused.value.errors[0].field == ["input", "organizationIds", "0"]
    assert zuid.schedule_assessments(None, "en", None) == []
    [job] = noord.schedule_assessments(None, "en", None)
    assert zuid.assessment_job(job.id) is None
    assert zuid.assessment_jobs_page(None, None, 10) == ([], False, 0)


@pytest.mark.parametrize(
    ("cron", "timezone", "field"),
    [
        ("0 3 * *", "Europe/Brussels", "cron"),
        ("0 3 * * * */5", "Europe/Brussels", "cron"),  # seconds: not for schedules
        ("61 3 * * *", "Europe/Brussels", "cron"),
        ("0 3 * * *", "Europe/Brusels", "timezone"),
    ],
)
def test_a_schedule_is_checked(
    engine: Engine, registry: Registry, cron: str, timezone: str, field: str
) -> None:
    service = _service(engine, registry)
    with pytest.raises(UserErrors) as refused:
        service.set_assessment_schedule(cron, timezone, "nl")
    assert refused.value.errors[0].field == ["input", field]
    assert service.assessment_schedule() is None


def test_each_slot_of_a_schedule_is_enqueued_once(engine: Engine, registry: Registry) -> None:
    service = _service(engine, registry)
    first = _organisation(service, "Bakkerij Een")
    second = _organisation(service, "Bakkerij Twee")
    service.set_assessment_schedule("0 3 * * *", "Europe/Brussels", "fr")
    set_at = datetime.now(UTC)
    before = service.enqueue_due(set_at)  # the latest 03:00 came before the schedule was set
    assert before == []

    with engine.begin() as conn:
        conn.execute(
            text("UPDATE assessment_schedules SET updated_at = :t"),
            {"t": set_at - timedelta(days=2)},
        )
    ids = service.enqueue_due(set_at)
    assert len(ids) == 2
    assert service.enqueue_due(set_at) == []  # the same slot again: nothing
    again = _service(engine, registry)  # another worker's tick at the same time
    assert again.enqueue_due(set_at + timedelta(seconds=30)) == []
    jobs = {j.organisation_id: j for j in service.assessment_jobs_page(None, None, 10)[0]}
    assert set(jobs) == {first, second}
    slot = latest_slot("0 3 * * *", "Europe/Brussels", set_at)
    assert {j.slot for j in jobs.values()} == {slot} and {j.language for j in jobs.values()} == {
        "fr"
    }

    next_day = service.enqueue_due(slot + timedelta(days=1))
    assert len(next_day) == 2
    schedule = service.assessment_schedule()
    assert schedule is not None and schedule.last_slot == slot + timedelta(days=1)
    assert service.delete_assessment_schedule()
    assert service.enqueue_due(slot + timedelta(days=2)) == []


def test_a_slot_is_read_in_the_agency_time_zone() -> None:
    brussels = "Europe/Brussels"
    winter = latest_slot("0 3 * * *", brussels, datetime(2026, 3, 28, 12, tzinfo=UTC))
    summer = latest_slot("0 3 * * *", brussels, datetime(2026, 3, 29, 12, tzinfo=UTC))
    assert winter == datetime(2026, 3, 28, 2, tzinfo=UTC)  # 03:00 CET
    assert summer == datetime(2026, 3, 29, 1, tzinfo=UTC)  # 03:00 CEST
    exactly = datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert latest_slot("0 3 * * *", brussels, exactly) == exactly  # a tick on the slot takes it


@pytest.mark.anyio
async def test_without_a_queue_jobs_are_refused_and_run_assessment_stays(
    database_url: str, registry: Registry
) -> None:
    app = make_app(database_url, registry)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        created = await gql(
            client,
            "mutation($i: OrganizationInput!) { createOrganization(input: $i) "
            "{ organization { id } } }",
            {"i": BAKERY},
        )
        organisation = created["createOrganization"]["organization"]["id"]
        scheduled = await gql(
            client,
            "mutation($i: ScheduleAssessmentsInput!) { scheduleAssessments(input: $i) "
            "{ jobs { id } userErrors { field code message } } }",
            {"i": {"organizationIds": [organisation]}},
        )
        [error] = scheduled["scheduleAssessments"]["userErrors"]
        assert error["code"] == "INVALID" and "SOCIALAUDIT_QUEUE_URL" in error["message"]
        schedule = await gql(
            client,
            'mutation { setAssessmentSchedule(input: {cron: "0 3 * * *", timezone: "UTC"}) '
            "{ schedule { cron } userErrors { code } } }",
        )
        assert schedule["setAssessmentSchedule"] == {
            "schedule": None,
            "userErrors": [{"code": "INVALID"}],
        }
        ran = await gql(
            client,
            "mutation($o: ID!) { runAssessment(organizationId: $o) { assessment { id } } }",
            {"o": organisation},
        )
        assert ran["runAssessment"]["assessment"]["id"]
        listed = await gql(client, "{ assessmentJobs { totalCount } assessmentSchedule { cron } }")
        assert listed == {"assessmentJobs": {"totalCount": 0}, "assessmentSchedule": None}
    app.state.engine.dispose()


def test_nothing_of_the_job_system_loads_without_a_queue(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from socialaudit.api.app import create_app\n"
        "from socialaudit.api.settings import Settings\n"
        f"create_app(Settings(database_url='sqlite:///{tmp_path / 'db.sqlite3'}'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('procrastinate', 'croniter') or m == 'socialaudit.service.job_queue'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SOCIALAUDIT_QUEUE_URL"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("queue_url", "said"),
    [
        (None, "SOCIALAUDIT_QUEUE_URL is not set"),
        ("redis://127.0.0.1:6379/0", "the job queue lives in PostgreSQL"),
    ],
)
def test_the_worker_says_what_to_set(tmp_path: Path, queue_url: str | None, said: str) -> None:
    executable = Path(sys.executable).parent / "socialaudit"
    env = {k: v for k, v in os.environ.items() if k != "SOCIALAUDIT_QUEUE_URL"}
    env["SOCIALAUDIT_DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    if queue_url:
        env["SOCIALAUDIT_QUEUE_URL"] = queue_url
    done = subprocess.run(
        [str(executable), "worker"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("cores", "processes", "threads"), [(2, 1, "2"), (2, 2, "1"), (2, 4, "1"), (8, 2, "4")]
)
def test_each_worker_process_gets_its_share_of_the_cores_for_the_model(
    monkeypatch: pytest.MonkeyPatch, cores: int, processes: int, threads: str
) -> None:
    monkeypatch.setenv(CLASSIFIER_THREADS, "")  # so that teardown restores it: unset
    monkeypatch.delenv(CLASSIFIER_THREADS)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert share_cores(processes) == threads
    assert os.environ[CLASSIFIER_THREADS] == threads


def test_a_configured_thread_count_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CLASSIFIER_THREADS, "3")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    assert share_cores(2) == "3"

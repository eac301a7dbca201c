"""Assessment jobs on the machine's real PostgreSQL with real `socialaudit worker` processes:
jobs succeed, one organisation's failure stays its own, a worker killed mid-job stores nothing
and its job runs again, a schedule slot runs once with two workers, and another agency sees
none of it."""

from __future__ import annotations

import os
import signal
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from socialaudit.schema.ids import local_id
from socialaudit.service.storage.tenancy import Tenancy
from tests.api.conftest import APPLICATION_ROLE
from tests.jobs.conftest import JobsApp, Workers, assessors, poll

pytestmark = pytest.mark.anyio

SCHEDULE = """
mutation($input: ScheduleAssessmentsInput!) {
  scheduleAssessments(input: $input) {
    jobs { id state attempts organization { id } }
    userErrors { field code message }
  }
}
"""

NODE = """
query($id: ID!) { node(id: $id) { id ... on AssessmentJob { state error attempts
    assessment { id overallScore } } } }
"""


def _assessments(jobs_app: JobsApp) -> int:
    with jobs_app.admin() as conn:
        return conn.execute(text("SELECT count(*) FROM assessments")).scalar_one()


def _waiting_to_store(jobs_app: JobsApp, workers: Workers) -> int:
    """Connections of these workers waiting on a lock to insert an assessment."""
    with jobs_app.admin() as conn:
        return conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND application_name = :name AND query ILIKE 'INSERT INTO assessments%'"
            ),
            {"name": workers.application_name},
        ).scalar_one()


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, exited but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


async def test_jobs_succeed_and_a_failing_organisation_fails_alone(
    jobs_app: JobsApp, workers: Workers
) -> None:
    good = await jobs_app.organisation("noord", "Bakkerij Goed")
    bad = await jobs_app.organisation("noord", "Bakkerij Kapot")
    with jobs_app.admin() as conn:  # a stored profile the engine refuses: bad data
        conn.execute(
            text("UPDATE organisations SET profile = CAST(:p AS JSON) WHERE name = :n"),
            {"p": '{"name": "Bakkerij Kapot", "sector": "NO_SUCH_SECTOR"}', "n": "Bakkerij Kapot"},
        )
        conn.commit()
    data = await jobs_app.gql("noord", SCHEDULE, {"input": {"all": True, "language": "EN"}})
    payload = data["scheduleAssessments"]
    assert payload["userErrors"] == []
    assert [j["state"] for j in payload["jobs"]] == ["QUEUED", "QUEUED"]
    assert {j["organization"]["id"] for j in payload["jobs"]} == {good, bad}

    workers.start()
    jobs = await jobs_app.wait_until_done(2)
    by_org = {j["organization"]["id"]: j for j in jobs}
    assert by_org[good]["state"] == "SUCCEEDED", workers.output()
    assert by_org[good]["assessment"] is not None and by_org[good]["error"] is None
    assert by_org[good]["attempts"] == 1
    assert by_org[bad]["state"] == "FAILED"
    assert "sector" in by_org[bad]["error"] and by_org[bad]["assessment"] is None
    assert by_org[bad]["attempts"] == 1  # bad data is not worth a retry
    assert _assessments(jobs_app) == 1

    node = (await jobs_app.gql("noord", NODE, {"id": by_org[good]["id"]}))["node"]
    assert node["state"] == "SUCCEEDED" and node["assessment"]["overallScore"] is not None
    failed = await jobs_app.gql(
        "noord", "{ assessmentJobs(state: FAILED) { totalCount edges { node { id } } } }"
    )
    assert failed["assessmentJobs"]["totalCount"] == 1
    assert failed["assessmentJobs"]["edges"][0]["node"]["id"] == by_org[bad]["id"]


async def test_a_worker_killed_mid_job_stores_nothing_and_the_job_runs_again(
    jobs_app: JobsApp, workers: Workers
) -> None:
    organisation = await jobs_app.organisation("noord", "Bakkerij Gestopt")
    data = await jobs_app.gql("noord", SCHEDULE, {"input": {"organizationIds": [organisation]}})
    job_id = data["scheduleAssessments"]["jobs"][0]["id"]
    # hold the organisation's row: the worker's storing transaction waits on it with its
    # assessment written but not committed, and is killed right there
    holder = jobs_app.admin()
    holder.execute(
        text("SELECT id FROM organisations WHERE name = 'Bakkerij Gestopt' FOR UPDATE")
    ).all()
    first = workers.start()
    try:
        poll(lambda: _waiting_to_store(jobs_app, workers), 60, "the worker storing its assessment")
        assessor = assessors(first.pid)
        assert assessor
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        # its assessment process, whose transaction waits on the lock, exits with it
        poll(lambda: not any(_alive(pid) for pid in assessor), 10, "the assessment process gone")
    finally:
        holder.rollback()
        holder.close()
    running = (await jobs_app.gql("noord", NODE, {"id": job_id}))["node"]
    assert running["state"] == "RUNNING" and running["attempts"] == 1
    assert _assessments(jobs_app) == 0  # nothing half-stored

    workers.start()
    jobs = await jobs_app.wait_until_done(1)
    assert jobs[0]["state"] == "SUCCEEDED", workers.output()
    assert jobs[0]["attempts"] == 2
    assert _assessments(jobs_app) == 1


async def test_a_schedule_slot_runs_once_per_organisation_with_two_workers(
    jobs_app: JobsApp, workers: Workers
) -> None:
    names = ["Bakkerij Een", "Bakkerij Twee", "Bakkerij Drie"]
    for name in names:
        await jobs_app.organisation("noord", name)
    await jobs_app.organisation("zuid", "Zuid's bakker")  # another agency, no schedule
    set_schedule = await jobs_app.gql(
        "noord",
        """mutation { setAssessmentSchedule(input: {cron: "* * * * *",
             timezone: "Europe/Brussels"}) { schedule { cron timezone lastRunFor }
             userErrors { field message } } }""",
    )
    assert set_schedule["setAssessmentSchedule"]["userErrors"] == []
    with jobs_app.admin() as conn:  # set two minutes ago: the latest minute is due at once
        conn.execute(text("UPDATE assessment_schedules SET updated_at = now() - interval '2 min'"))
        conn.commit()

    workers.start()
    workers.start()
    await jobs_app.wait_until_done(len(names))
    workers.stop()  # a still later slot may have fired meanwhile: read a state that holds still
    jobs = await jobs_app.jobs()
    assert all(j["state"] in ("SUCCEEDED", "QUEUED", "RUNNING") for j in jobs), jobs
    per_slot = Counter((j["scheduledFor"], j["organization"]["name"]) for j in jobs)
    assert set(per_slot.values()) == {1}, per_slot  # never two jobs for one slot
    assert {name for _, name in per_slot} == set(names)  # Zuid's organisation is not Noord's
    succeeded = [j for j in jobs if j["state"] == "SUCCEEDED"]
    assert _assessments(jobs_app) == len(succeeded)  # one assessment per job, none twice
    schedule = await jobs_app.gql("noord", "{ assessmentSchedule { lastRunFor } }")
    assert schedule["assessmentSchedule"]["lastRunFor"] in {j["scheduledFor"] for j in jobs}
    zuid = await jobs_app.gql("zuid", "{ assessmentJobs { totalCount } }")
    assert zuid["assessmentJobs"]["totalCount"] == 0


async def test_another_agency_sees_none_of_the_jobs(jobs_app: JobsApp) -> None:
    organisation = await jobs_app.organisation("noord", "Bakkerij Noord", with_data=False)
    data = await jobs_app.gql("noord", SCHEDULE, {"input": {"organizationIds": [organisation]}})
    job_id = data["scheduleAssessments"]["jobs"][0]["id"]
    assert (await jobs_app.gql("noord", NODE, {"id": job_id}))["node"]["state"] == "QUEUED"

    assert (await jobs_app.gql("zuid", NODE, {"id": job_id}))["node"] is None
    listed = await jobs_app.gql("zuid", "{ assessmentJobs { totalCount edges { node { id } } } }")
    assert listed["assessmentJobs"] == {"totalCount": 0, "edges": []}
    refused = await jobs_app.gql("zuid", SCHEDULE, {"input": {"organizationIds": [organisation]}})
    assert refused["scheduleAssessments"]["jobs"] == []
    assert refused["scheduleAssessments"]["userErrors"][0]["code"] == "NOT_FOUND"
    both = await jobs_app.gql(
        "noord", SCHEDULE, {"input": {"all": True, "organizationIds": [organisation]}}
    )
    assert both["scheduleAssessments"]["userErrors"][0]["code"] == "INVALID"
    everything = await jobs_app.gql("zuid", SCHEDULE, {"input": {"all": True}})
    assert everything["scheduleAssessments"] == {"jobs": [], "userErrors": []}
    with jobs_app.admin() as conn:  # and the row-level security role agrees
        conn.execute(text("SET ROLE socialaudit_app"))
        conn.execute(
            text("SELECT set_config('socialaudit.agency_id', :a, false)"),
            {"a": jobs_app.agencies["zuid"].id},
        )
        assert conn.execute(text("SELECT count(*) FROM assessment_jobs")).scalar_one() == 0
        conn.rollback()


async def test_concurrency_runs_processes_that_stop_after_their_job_on_sigterm(
    jobs_app: JobsApp, workers: Workers
) -> None:
    organisation = await jobs_app.organisation("noord", "Bakkerij Twee Handen")
    await jobs_app.gql("noord", SCHEDULE, {"input": {"organizationIds": [organisation]}})

    def registered() -> int:
        with jobs_app.admin() as conn:
            return conn.execute(text("SELECT count(*) FROM procrastinate_workers")).scalar_one()

    supervisor = workers.start("--concurrency", "2")
    poll(lambda: registered() == 2, 60, "two worker processes registered")
    # each process's content model has its share of the cores, not one thread per core
    share = str(max(1, len(os.sched_getaffinity(0)) // 2))
    slots = assessors(supervisor.pid)
    assert len(slots) == 2
    for slot in slots:
        (assessor,) = assessors(slot)  # each runs its assessments in a child of its own
        environment = Path(f"/proc/{assessor}/environ").read_bytes().split(b"\0")
        assert f"SOCIALAUDIT_CLASSIFIER_THREADS={share}".encode() in environment
    jobs = await jobs_app.wait_until_done(1)
    assert jobs[0]["state"] == "SUCCEEDED", workers.output()
    supervisor.send_signal(signal.SIGTERM)
    assert supervisor.wait(timeout=60) == 0, workers.output()
    assert registered() == 0  # each process unregistered itself: a graceful stop


async def test_a_job_lost_before_it_reached_the_queue_is_deferred_again(
    jobs_app: JobsApp, workers: Workers
) -> None:
    organisation = await jobs_app.organisation("noord", "Bakkerij Vergeten")
    agency = jobs_app.agencies["noord"].id
    tenancy = Tenancy(jobs_app.app.state.engine, agency, APPLICATION_ROLE)
    with tenancy.transaction() as repo:  # committed, but the service stopped before deferring
        job_id = repo.insert_job(local_id(organisation, "Organization") or "", "en", None)
    with jobs_app.admin() as conn:
        conn.execute(text("UPDATE assessment_jobs SET created_at = now() - interval '20 min'"))
        conn.commit()

    workers.start()
    jobs = await jobs_app.wait_until_done(1)
    assert [j["state"] for j in jobs] == ["SUCCEEDED"], workers.output()
    assert "deferring lost jobs again" in workers.output() and job_id in workers.output()
    assert _assessments(jobs_app) == 1


ENDLESS_PLUGIN = """
from socialaudit.plugin import Kpi, Unit, hookimpl


def _forever(ctx):
    # CPU-bound and endless, for one organisation only: no thread could stop it
    if ctx.organisation.name != "Bakkerij Eindeloos":
        return None
    while True:
        pass


@hookimpl
def socialaudit_kpis():
    yield Kpi(
        id="endless",
        name={"en": "Endless", "nl": "Eindeloos", "fr": "Sans fin"},
        unit=Unit.COUNT,
        description={"en": "Never ends.", "nl": "Eindigt nooit.", "fr": "Ne finit jamais."},
        formula="none",
        per_organisation=_forever,
    )
"""


CRASHING_PLUGIN = """
import os
import signal

from socialaudit.plugin import Kpi, Unit, hookimpl


def _crash(ctx):
    # as a compiled library's crash, or the kernel's OOM killer, would end the process
    if ctx.organisation.name == "Bakkerij Crash":
        os.kill(os.getpid(), signal.SIGKILL)
    return None


@hookimpl
def socialaudit_kpis():
    yield Kpi(
        id="crash",
        name={"en": "Crash", "nl": "Crash", "fr": "Crash"},
        unit=Unit.COUNT,
        description={"en": "Crashes.", "nl": "Crasht.", "fr": "Plante."},
        formula="none",
        per_organisation=_crash,
    )
"""


def _plugin(folder: Path, source: str = ENDLESS_PLUGIN) -> dict[str, str]:
    """A plugin distribution on the workers' path whose KPI misbehaves for one organisation,
    and the cue classifier (quick, so that the other jobs end well in time)."""
    folder.mkdir()
    (folder / "socialaudit_misfit.py").write_text(source)
    info = folder / "socialaudit_misfit-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: socialaudit-misfit\nVersion: 1.0\n"
    )
    (info / "entry_points.txt").write_text("[socialaudit]\nmisfit = socialaudit_misfit\n")
    plugins = folder / "plugins.toml"
    # the KPI's own limit (30 s) is past the job's: the whole job is what stops it
    plugins.write_text('[classifier]\nuse = "builtin"\n\n[limits]\nkpi_timeout_seconds = 300\n')
    return {"PYTHONPATH": str(folder), "SOCIALAUDIT_PLUGINS_TOML": str(plugins)}


async def test_a_job_past_its_timeout_fails_alone_and_stores_nothing(
    jobs_app: JobsApp, workers: Workers, tmp_path: Path
) -> None:
    endless = await jobs_app.organisation("noord", "Bakkerij Eindeloos")
    after = await jobs_app.organisation("noord", "Bakkerij Daarna")
    for organisation in (endless, after):  # one after the other, in this order
        await jobs_app.gql("noord", SCHEDULE, {"input": {"organizationIds": [organisation]}})
    worker = workers.start(env={**_plugin(tmp_path / "plugin"), "SOCIALAUDIT_JOB_TIMEOUT": "20"})

    first_child = poll(lambda: assessors(worker.pid), 60, "the worker's assessment process")
    jobs = await jobs_app.wait_until_done(2, timeout=150)
    by_org = {j["organization"]["id"]: j for j in jobs}
    assert by_org[endless]["state"] == "FAILED", workers.output()
    assert by_org[endless]["error"] == "timed out after 20 s"
    assert by_org[endless]["attempts"] == 1  # not retried: it would run as long again
    assert by_org[endless]["assessment"] is None
    assert by_org[after]["state"] == "SUCCEEDED", workers.output()
    assert by_org[after]["assessment"] is not None and by_org[after]["error"] is None
    assert _assessments(jobs_app) == 1  # nothing of the timed-out job was stored

    # the same worker went on, with a new assessment process; the endless one is gone
    assert worker.poll() is None
    now = assessors(worker.pid)
    assert now and not now & first_child
    assert not any(_alive(pid) for pid in first_child)


async def test_an_assessment_process_that_dies_fails_its_attempts_and_the_worker_goes_on(
    jobs_app: JobsApp, workers: Workers, tmp_path: Path
) -> None:
    crash = await jobs_app.organisation("noord", "Bakkerij Crash")
    after = await jobs_app.organisation("noord", "Bakkerij Daarna")
    for organisation in (crash, after):
        await jobs_app.gql("noord", SCHEDULE, {"input": {"organizationIds": [organisation]}})
    worker = workers.start(env=_plugin(tmp_path / "plugin", CRASHING_PLUGIN))

    jobs = await jobs_app.wait_until_done(2, timeout=150)
    by_org = {j["organization"]["id"]: j for j in jobs}
    assert by_org[after]["state"] == "SUCCEEDED", workers.output()
    assert by_org[crash]["state"] == "FAILED", workers.output()
    assert by_org[crash]["attempts"] == 3  # a crash may pass: retried, with backoff
    assert by_org[crash]["error"] == "the assessment process stopped (exit code -9)"
    assert by_org[crash]["assessment"] is None
    assert _assessments(jobs_app) == 1
    assert worker.poll() is None  # the worker itself never stopped


async def test_a_worker_removes_cached_classifications_unused_past_the_kept_days(
    jobs_app: JobsApp, workers: Workers
) -> None:
    """A deployment of workers without a server still keeps the cache table bounded: the
    first tick a worker runs removes the rows no assessment used for 180 days, not the rest."""
    with jobs_app.admin() as conn:
        for digest, days_ago in (("stale", 181), ("kept", 179), ("today", 0)):
            conn.execute(
                text(
                    "INSERT INTO classification_cache (version, kind, digest, label, used) "
                    "VALUES ('test', 'posts', :digest, 'informational', CURRENT_DATE - :days)"
                ),
                {"digest": digest, "days": days_ago},
            )
        conn.commit()

    def digests() -> set[str]:
        with jobs_app.admin() as conn:
            rows = conn.execute(
                text("SELECT digest FROM classification_cache WHERE version = 'test'")
            )
            return {row[0] for row in rows}

    workers.start()
    poll(lambda: "stale" not in digests(), 30, "the stale row removed")
    assert digests() == {"kept", "today"}, workers.output()

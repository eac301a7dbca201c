"""Assessments computed in worker processes, beside the server rather than inside it.

An assessment is CPU-bound Python for much of its time, and in a thread of the server it holds
the interpreter lock against every read: under load a page of organisations waited seconds
behind running assessments. In a worker process it competes for a core, not for the lock. The
worker also reads the organisation's stored data and the agency's custom definitions itself,
as the agency (the same tenancy, row-level security included): turning thousands of stored
rows into frames is Python work too, and sending the frames over would cost the server as
much again. It builds the same registry from the same `plugins.toml` once when it starts and
returns the assessment's JSON; the server stores it in its own transaction.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from socialaudit.engine.config import find_config, load_settings
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.service.custom_definitions import agency_registry
from socialaudit.service.parent_watch import exit_with_parent, run_in_background
from socialaudit.service.storage.classification_cache import DatabaseClassificationCache
from socialaudit.service.storage.database import create_database_engine
from socialaudit.service.storage.tenancy import Tenancy
from socialaudit.service.user_errors import UserError, UserErrors

_shared: Registry | None = None
_engine: Engine | None = None
_cache: DatabaseClassificationCache | None = None

TASKS_PER_WORKER = 25
"""Assessments a worker computes before a fresh one replaces it: the columnar allocator keeps
what the largest assessment needed, so a long-lived worker only grows."""


def _start(plugins_toml: str | None, database_url: str) -> None:
    global _shared, _engine, _cache
    exit_with_parent()
    run_in_background()
    _shared = build_registry(load_settings(find_config(plugins_toml)))
    _engine = create_database_engine(database_url)
    # the labels of texts classified before, by any worker, are read back instead of computed
    _cache = DatabaseClassificationCache(_engine)


def _assess(
    agency_id: str,
    database_role: str | None,
    organisation_id: str,
    field: list[str],
    as_of: datetime | None,
    language: str,
) -> tuple[dict[str, Any], datetime] | list[UserError]:
    """The assessment's JSON and reference time, or what is wrong with the request (plain
    data: `UserErrors` does not pickle)."""
    from socialaudit.service.assessments import Assessments  # which imports this module

    assert _shared is not None and _engine is not None, "the worker was started without them"
    tenancy = Tenancy(_engine, agency_id, database_role)
    try:
        data = Assessments(tenancy, _shared)._stored_input(organisation_id, field)
    except UserErrors as exc:
        return exc.errors
    with tenancy.transaction() as repo:
        records = repo.custom_definitions()
    assessment = assess(
        data,
        agency_registry(_shared, agency_id, records),
        as_of=as_of,
        language=language,
        classification_cache=_cache,
    )
    return assessment.to_json_dict(), assessment.as_of


class AssessmentPool:
    def __init__(
        self,
        processes: int,
        plugins_toml: Path | None,
        database_url: str,
        database_role: str | None = None,
    ) -> None:
        """`database_role`: the role the server's transactions switch to, so that a worker's
        reads are bound by the same row-level security."""
        self.database_role = database_role
        self.executor = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(str(plugins_toml) if plugins_toml else None, database_url),
            max_tasks_per_child=TASKS_PER_WORKER,
        )

    def assess(
        self,
        agency_id: str,
        organisation_id: str,
        field: list[str],
        as_of: datetime | None,
        language: str,
    ) -> tuple[dict[str, Any], datetime]:
        """The assessment of the organisation's stored data, as of `as_of`: its JSON and its
        reference time, read and computed in a worker; `UserErrors` on `field` when the
        organisation is not there."""
        future = self.executor.submit(
            _assess, agency_id, self.database_role, organisation_id, field, as_of, language
        )
        result = future.result()
        if isinstance(result, list):
            raise UserErrors(*result)
        return result

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)

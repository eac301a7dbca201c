"""Assessments computed in worker processes, beside the server rather than inside it.

An assessment is CPU-bound Python for much of its time, and in a thread of the server it holds
the interpreter lock against every read: under load a page of organisations waited seconds
behind running assessments. In a worker process it competes for a core, not for the lock. The
server still reads the stored data and stores the result, in its own transactions; a worker
gets the organisation's data and the agency's custom definitions, builds the same registry
from the same `plugins.toml` once when it starts, and returns the assessment's JSON.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from socialaudit.engine.config import find_config, load_settings
from socialaudit.engine.loading import OrganisationInput
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.service.custom_definitions import agency_registry
from socialaudit.service.storage.classification_cache import DatabaseClassificationCache
from socialaudit.service.storage.database import create_database_engine
from socialaudit.service.storage.records import CustomDefinitionRecord

_shared: Registry | None = None
_cache: DatabaseClassificationCache | None = None

TASKS_PER_WORKER = 25
"""Assessments a worker computes before a fresh one replaces it: the columnar allocator keeps
what the largest assessment needed, so a long-lived worker only grows."""


def _start(plugins_toml: str | None, database_url: str | None) -> None:
    global _shared, _cache
    _shared = build_registry(load_settings(find_config(plugins_toml)))
    # the labels of texts classified before, by any worker, are read back instead of computed
    _cache = (
        DatabaseClassificationCache(create_database_engine(database_url)) if database_url else None
    )


def _assess(
    data: OrganisationInput,
    agency_id: str,
    records: list[CustomDefinitionRecord],
    as_of: datetime | None,
    language: str,
) -> tuple[dict[str, Any], datetime]:
    assert _shared is not None, "the worker was started without its registry"
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
        self, processes: int, plugins_toml: Path | None, database_url: str | None = None
    ) -> None:
        self.executor = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(str(plugins_toml) if plugins_toml else None, database_url),
            max_tasks_per_child=TASKS_PER_WORKER,
        )

    def assess(
        self,
        data: OrganisationInput,
        agency_id: str,
        records: list[CustomDefinitionRecord],
        as_of: datetime | None,
        language: str,
    ) -> tuple[dict[str, Any], datetime]:
        """The assessment's JSON and its reference time, computed in a worker."""
        future = self.executor.submit(_assess, data, agency_id, records, as_of, language)
        return future.result()

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)

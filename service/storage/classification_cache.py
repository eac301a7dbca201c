"""Classification results kept in the database, so that the service's re-assessment of an
organisation whose texts did not change runs no model again, across requests, workers and
restarts.

Rows are keyed by classifier version, kind and text digest (`engine.classification`). The
table belongs to no agency: a label is a function of the text and the classifier version
alone, and a digest tells nothing of the text; an agency learns nothing of another's data
from it but, at most, that a lookup was fast.

Each row records the day it was last stored or read (`used`, UTC; marked again at most once a
day, so that re-assessing the same texts the same day writes nothing), and
`prune_classification_cache` removes the rows no assessment has used for a number of days: the
server runs it when it starts and daily (`api/app.py`), and so does each job worker
(`service/job_queue.py`), so the table holds the texts of the
organisations assessed lately rather than of every text ever classified.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import polars as pl
from sqlalchemy import (
    JSON,
    Column,
    Date,
    Engine,
    Float,
    Index,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError

from socialaudit.engine.classification import RESULT_SCHEMA, empty_results
from socialaudit.service.storage.tables import metadata

log = logging.getLogger("socialaudit.classification_cache")

LOOKUP_CHUNK = 500  # digests per IN (...): well inside every driver's parameter limit

classification_cache = Table(
    "classification_cache",
    metadata,
    Column("version", String(200), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("digest", String(32), primary_key=True),
    Column("language", String(16)),
    Column("label", String(32)),
    Column("confidence", Float),
    Column("evidence", JSON),
    Column("sentiment", String(16)),
    Column("used", Date, nullable=False),
    Index("ix_classification_cache_used", "used"),
)


def utc_today() -> date:
    return datetime.now(UTC).date()


class DatabaseClassificationCache:
    """`engine.classification.ClassificationCache` on the service's database."""

    def __init__(self, engine: Engine, today: Callable[[], date] = utc_today) -> None:
        self.engine = engine
        self._today = today

    def lookup(self, version: str, kind: str, digests: pl.Series) -> pl.DataFrame:
        table = classification_cache
        wanted = digests.unique().to_list()
        rows: list[tuple] = []
        today = self._today()
        stale: list[str] = []
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                statement = select(
                    table.c.digest, *(table.c[name] for name in RESULT_SCHEMA), table.c.used
                ).where(
                    table.c.version == version,
                    table.c.kind == kind,
                    table.c.digest.in_(wanted[start : start + LOOKUP_CHUNK]),
                )
                for row in connection.execute(statement):
                    rows.append(tuple(row)[:-1])
                    if row.used < today:
                        stale.append(row.digest)
        if not rows:
            return empty_results()
        self._mark_used(version, kind, sorted(stale), today)
        return pl.DataFrame(rows, schema={"digest": pl.String(), **RESULT_SCHEMA}, orient="row")

    def _mark_used(self, version: str, kind: str, digests: list[str], today: date) -> None:
        """Mark rows just read as used today. Best effort: the mark only decides when a row
        is removed, so a lock another worker holds costs it a day sooner, not the request."""
        if not digests:
            return
        table = classification_cache
        try:
            with self.engine.begin() as connection:
                for start in range(0, len(digests), LOOKUP_CHUNK):
                    connection.execute(
                        update(table)
                        .where(
                            table.c.version == version,
                            table.c.kind == kind,
                            table.c.digest.in_(digests[start : start + LOOKUP_CHUNK]),
                        )
                        .values(used=today)
                    )
        except OperationalError:
            log.warning("could not mark cached classifications as used", exc_info=True)

    def store(self, version: str, kind: str, rows: pl.DataFrame) -> None:
        if rows.height == 0:
            return
        today = self._today()
        values = [
            {"version": version, "kind": kind, **row, "used": today} for row in rows.to_dicts()
        ]
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            statement = postgresql_insert(classification_cache).on_conflict_do_nothing()
        elif dialect == "sqlite":
            statement = sqlite_insert(classification_cache).on_conflict_do_nothing()
        else:
            statement = insert(classification_cache)
        # another worker may have stored the same texts meanwhile: theirs are as good
        with self.engine.begin() as connection:
            connection.execute(statement, values)


DEFAULT_KEEP_DAYS = 180
"""Days a row is kept after an assessment last stored or read it; the service's setting
`SOCIALAUDIT_CLASSIFICATION_CACHE_DAYS` changes it."""
PRUNE_INTERVAL_SECONDS = 86_400.0
"""How often a running server or worker removes the rows past that."""


def prune_classification_cache(engine: Engine, keep_days: int, today: date | None = None) -> int:
    """Remove the rows no assessment has stored or read for more than `keep_days` days; the
    rows removed. A text assessed again after that is classified again, as a new one is."""
    cutoff = (today or utc_today()) - timedelta(days=keep_days)
    with engine.begin() as connection:
        removed = connection.execute(
            delete(classification_cache).where(classification_cache.c.used < cutoff)
        ).rowcount
    return int(removed)


def prune_in_upkeep(engine: Engine, keep_days: int) -> bool:
    """`prune_classification_cache` as a server's or a worker's upkeep runs it: what it removed
    is logged, and a failure is logged and reported as False, never raised, so that upkeep
    never stops the process that does it; it is tried again next time."""
    try:
        removed = prune_classification_cache(engine, keep_days)
    except Exception:
        log.exception("could not remove old cached classifications")
        return False
    if removed:
        log.info("removed old cached classifications", extra={"rows": removed})
    return True

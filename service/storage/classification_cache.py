"""Classification results kept in the database, so that the service's re-assessment of an
organisation whose texts did not change runs no model again, across requests, workers and
restarts.

Rows are keyed by classifier version, kind and text digest (`engine.classification`). The
table belongs to no agency: a label is a function of the text and the classifier version
alone, and a digest tells nothing of the text; an agency learns nothing of another's data
from it but, at most, that a lookup was fast.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import JSON, Column, Engine, Float, String, Table, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from socialaudit.engine.classification import RESULT_SCHEMA, empty_results
from socialaudit.service.storage.tables import metadata

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
)


class DatabaseClassificationCache:
    """`engine.classification.ClassificationCache` on the service's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def lookup(self, version: str, kind: str, digests: pl.Series) -> pl.DataFrame:
        table = classification_cache
        wanted = digests.unique().to_list()
        rows: list[tuple] = []
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                statement = select(
                    table.c.digest, *(table.c[name] for name in RESULT_SCHEMA)
                ).where(
                    table.c.version == version,
                    table.c.kind == kind,
                    table.c.digest.in_(wanted[start : start + LOOKUP_CHUNK]),
                )
                rows.extend(tuple(row) for row in connection.execute(statement))
        if not rows:
            return empty_results()
        return pl.DataFrame(rows, schema={"digest": pl.String(), **RESULT_SCHEMA}, orient="row")

    def store(self, version: str, kind: str, rows: pl.DataFrame) -> None:
        if rows.height == 0:
            return
        values = [{"version": version, "kind": kind, **row} for row in rows.to_dicts()]
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

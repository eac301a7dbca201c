"""A channel's posts and interactions, written and read as polars frames.

Rows are upserted per (channel, id): a metric a file leaves empty keeps the value an earlier
import gave it, the way `engine.normalise` merges several files of a channel.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from sqlalchemy import Table, func
from sqlalchemy.dialects import postgresql, sqlite

from socialaudit.engine.model.channel_data import INTERACTION_SCHEMA, POST_SCHEMA, UTC_TIME
from socialaudit.service.storage.rows import as_utc
from socialaudit.service.storage.scoped import Scoped
from socialaudit.service.storage.tables import interactions, posts


def _dedupe(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per id, keeping per column the last known value (as `engine.normalise` does),
    because one upsert statement may not touch a row twice."""
    if frame["id"].n_unique() == frame.height:
        return frame
    return (
        frame.group_by("id", maintain_order=True)
        .agg([pl.col(c).drop_nulls().last() for c in frame.columns if c != "id"])
        .select(frame.columns)
    )


class PostRows(Scoped):
    def _upsert(
        self,
        table: Table,
        channel_id: str,
        frame: pl.DataFrame,
        date_only: pl.Series | None = None,
    ) -> int:
        """Insert or complete rows, keeping per column what is known. `date_only` marks the
        rows whose time has no time of day (an X account-analytics export): such a time never
        replaces one already stored for the same row, as merging files in the engine keeps the
        more precise time; a precise time replaces a stored date-only one."""
        if frame.height == 0:
            return 0
        if date_only is not None and date_only.any():
            mask = date_only.fill_null(False)
            return self._upsert(table, channel_id, frame.filter(~mask)) + self._upsert_rows(
                table, channel_id, frame.filter(mask), keep_stored_time=True
            )
        return self._upsert_rows(table, channel_id, frame, keep_stored_time=False)

    def _upsert_rows(
        self, table: Table, channel_id: str, frame: pl.DataFrame, *, keep_stored_time: bool
    ) -> int:
        if frame.height == 0:
            return 0
        frame = _dedupe(frame)
        rows = [
            {"agency_id": self.agency_id, "channel_id": channel_id, **row}
            for row in frame.to_dicts()
        ]
        dialect = sqlite if self.conn.dialect.name == "sqlite" else postgresql
        statement = dialect.insert(table)
        keep_known = {
            c.name: func.coalesce(c, statement.excluded[c.name])
            if keep_stored_time and c.name == "created_at"
            else func.coalesce(statement.excluded[c.name], c)
            for c in table.c
            if c.name not in ("agency_id", "channel_id", "id")
        }
        statement = statement.on_conflict_do_update(
            index_elements=["channel_id", "id"],
            set_=keep_known,
            where=table.c.agency_id == self.agency_id,
        )
        for start in range(0, len(rows), 5000):
            self.conn.execute(statement, rows[start : start + 5000])
        return frame.height

    def upsert_posts(
        self, channel_id: str, frame: pl.DataFrame, date_only: pl.Series | None = None
    ) -> int:
        return self._upsert(posts, channel_id, frame.select(list(POST_SCHEMA)), date_only)

    def upsert_interactions(
        self, channel_id: str, frame: pl.DataFrame, date_only: pl.Series | None = None
    ) -> int:
        selected = frame.select(list(INTERACTION_SCHEMA))
        return self._upsert(interactions, channel_id, selected, date_only)

    def _frame(self, table: Table, channel_id: str, schema: dict[str, Any]) -> pl.DataFrame:
        names = list(schema)
        rows = self.conn.execute(
            self._select(table, *(table.c[name] for name in names))
            .where(table.c.channel_id == channel_id)
            .order_by(table.c.id)
        ).all()
        series = []
        for index, (name, dtype) in enumerate(schema.items()):
            values = [row[index] for row in rows]
            if dtype == UTC_TIME:
                values = [as_utc(value) for value in values]
            series.append(pl.Series(name, values, dtype=dtype))
        return pl.DataFrame(series)

    def channel_frames(self, channel_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
        return (
            self._frame(posts, channel_id, POST_SCHEMA),
            self._frame(interactions, channel_id, INTERACTION_SCHEMA),
        )

"""Rows gathered while streaming, turned into typed polars chunks.

At any moment at most one chunk of `CHUNK_ROWS` rows exists as Python objects; the rest are
columns already, so a file of a million records never becomes a million dicts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from socialaudit.plugin import UTC_TIME, CellError, InputError, parse_epoch, parse_times

CHUNK_ROWS = 50_000

STRING = "string"
COUNT = "count"
BOOL = "bool"
TIME = "time"
EPOCH = "epoch"

_DTYPES: dict[str, pl.DataType] = {
    STRING: pl.String(),
    COUNT: pl.Int64(),
    BOOL: pl.Boolean(),
    TIME: pl.String(),
    EPOCH: pl.Int64(),
}


class Table:
    """Rows of one table gathered while streaming and turned into typed polars chunks.

    `kinds` maps each column to STRING, COUNT, BOOL, TIME (text, parsed to UTC in bulk) or
    EPOCH (Unix seconds); `times` names the source field of each time column, for errors.
    """

    def __init__(self, path: Path, kinds: dict[str, str], times: dict[str, str]) -> None:
        self.path, self.kinds, self.times = path, kinds, times
        self.rows: dict[str, list[Any]] = {name: [] for name in kinds}
        self.where: list[str] = []
        self.chunks: list[pl.DataFrame] = []

    def add(self, where: str, values: dict[str, Any]) -> None:
        for name, column in self.rows.items():
            column.append(values.get(name))
        self.where.append(where)
        if len(self.where) >= CHUNK_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self.where:
            return
        columns = []
        for name, kind in self.kinds.items():
            series = pl.Series(name, self.rows[name], _DTYPES[kind], strict=False)
            if kind == TIME:
                try:
                    series = parse_times(series)
                except CellError as exc:
                    raise InputError(
                        f"value '{exc.value}' is not a time as the platform writes it",
                        file=self.path,
                        field=f"{self.where[exc.record]}.{self.times[name]}",
                    ) from exc
            elif kind == EPOCH:
                series = parse_epoch(series, unit="s").alias(name)
            columns.append(series)
        self.chunks.append(pl.DataFrame(columns))
        self.rows = {name: [] for name in self.kinds}
        self.where = []

    def frame(self) -> pl.DataFrame:
        self._flush()
        if not self.chunks:
            return pl.DataFrame(
                schema={
                    n: UTC_TIME if k in (TIME, EPOCH) else _DTYPES[k] for n, k in self.kinds.items()
                }
            )
        return pl.concat(self.chunks, how="vertical", rechunk=True)


INTERACTION_KINDS = {
    "id": STRING,
    "post_id": STRING,
    "parent_id": STRING,
    "kind": STRING,
    "created_at": TIME,
    "author": STRING,
    "author_id": STRING,
    "text": STRING,
    "from_organisation": BOOL,
}
"""The interaction columns the JSON adapters fill."""

"""The command line's classification cache: a SQLite file in the user's cache directory, so
that assessing a folder again classifies only the texts that changed, across runs.

It is the engine's `ClassificationCache` (rows keyed by classifier version, kind and text
digest, as the service's database table), on the standard library's sqlite3: SQLAlchemy's
import alone would cost a warm run a third of a second. Two processes may share the file (WAL
journal, a busy timeout, and ``INSERT OR IGNORE``: a text stored meanwhile by the other is as
good). A file that cannot be used, damaged or unwritable, never fails an assessment: the run
warns once and keeps its results in memory.

The file keeps at most `$SOCIALAUDIT_CLI_CACHE_ROWS` rows (`DEFAULT_MAX_ROWS` unless set):
beyond, the least recently used go, by the time a row was last stored or read (to within a
day, so that a warm run writes nothing if it ran that day already). A run that uses more rows
than that says so, since its next run would classify again what it could not keep.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import polars as pl

from socialaudit.engine.classification import RESULT_SCHEMA, MemoryCache, empty_results
from socialaudit.engine.errors import InputError

CACHE_DIR_VARIABLE = "SOCIALAUDIT_CACHE_DIR"
ROWS_VARIABLE = "SOCIALAUDIT_CLI_CACHE_ROWS"
CACHE_FILE = "classifications.sqlite3"
LOOKUP_CHUNK = 900  # digests per IN (...): under SQLite's oldest limit of 999 parameters
BUSY_TIMEOUT_SECONDS = 30.0  # another process's write takes milliseconds; this is generous
DEFAULT_MAX_ROWS = 500_000
"""Rows the file keeps unless `$SOCIALAUDIT_CLI_CACHE_ROWS` says otherwise: about 170 MB (some
340 bytes a row with the model's version). The example bakery's window is 190 texts, a busy
SME's a few thousand, and the 200,000-post organisation of bench/assess_bench.py about 300,000,
which this keeps with room for a few smaller ones."""
BYTES_PER_ROW = 340
REFRESH_SECONDS = 86_400
"""A row read is marked used again once it was last marked this long ago."""

# the table's name carries its layout, so an incompatible layout starts a table of its own;
# `used` (Unix seconds) came later as a column with a default, which older versions ignore
_TABLE = "classifications_v1"
_COLUMNS = ("digest", *RESULT_SCHEMA)
_CREATE = f"""
CREATE TABLE IF NOT EXISTS {_TABLE} (
    version TEXT NOT NULL,
    kind TEXT NOT NULL,
    digest TEXT NOT NULL,
    language TEXT,
    label TEXT,
    confidence REAL,
    evidence TEXT,
    sentiment TEXT,
    used INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (version, kind, digest)
) WITHOUT ROWID
"""


def cache_path() -> Path:
    """`$SOCIALAUDIT_CACHE_DIR/classifications.sqlite3`, else the platform's user cache
    directory (``~/.cache/socialaudit`` on Linux)."""
    directory = os.environ.get(CACHE_DIR_VARIABLE)
    if not directory:
        from platformdirs import user_cache_dir

        directory = user_cache_dir("socialaudit", appauthor=False)
    return Path(directory) / CACHE_FILE


def max_rows() -> int:
    """`$SOCIALAUDIT_CLI_CACHE_ROWS`, else `DEFAULT_MAX_ROWS`. A value that is not a whole
    number above 0 stops the command: silently keeping another number of rows than the one
    asked for would show only as runs that classify again."""
    value = os.environ.get(ROWS_VARIABLE, "").strip()
    if not value:
        return DEFAULT_MAX_ROWS
    try:
        rows = int(value)
    except ValueError:
        rows = 0
    if rows < 1:
        raise InputError(
            f"the classification cache's size must be a whole number of rows above 0, "
            f"not '{value}'",
            field=ROWS_VARIABLE,
            hint=f"e.g. {ROWS_VARIABLE}=1000000, about {1_000_000 * BYTES_PER_ROW // 10**6} MB; "
            f"unset, the cache keeps {DEFAULT_MAX_ROWS:,} rows",
        )
    return rows


class DiskClassificationCache:
    """`engine.classification.ClassificationCache` in a SQLite file, opened on first use."""

    def __init__(
        self,
        path: Path,
        warn: Callable[[str], None],
        max_rows: int = DEFAULT_MAX_ROWS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._warn = warn
        self.max_rows = max_rows
        self._clock = clock
        self._rows_used = 0  # found and stored by this run, to tell when the file is too small
        self._connection: sqlite3.Connection | None = None
        self._fallback: MemoryCache | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
            )
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(_CREATE)
                if not _has_used(connection):
                    with connection:  # a file of an earlier version: one process adds it
                        connection.execute("BEGIN IMMEDIATE")
                        if not _has_used(connection):
                            connection.execute(
                                f"ALTER TABLE {_TABLE} ADD COLUMN used INTEGER NOT NULL DEFAULT 0"
                            )
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _give_up(self, error: Exception) -> MemoryCache:
        self._warn(
            f"the classification cache {self.path} cannot be used ({error}); this run keeps "
            "its labels in memory only. If the file is damaged, delete it: the next run "
            "starts a new one."
        )
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._fallback = MemoryCache()
        return self._fallback

    def lookup(self, version: str, kind: str, digests: pl.Series) -> pl.DataFrame:
        if self._fallback is not None:
            return self._fallback.lookup(version, kind, digests)
        wanted = digests.unique().to_list()
        rows: list[tuple] = []
        now = int(self._clock())
        try:
            connection = self._connect()
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                chunk = wanted[start : start + LOOKUP_CHUNK]
                rows += connection.execute(
                    f"SELECT {', '.join(_COLUMNS)}, used FROM {_TABLE} "
                    f"WHERE version = ? AND kind = ? AND digest IN ({', '.join('?' * len(chunk))})",
                    (version, kind, *chunk),
                ).fetchall()
            if not rows:
                return empty_results()
            self._rows_used += len(rows)
            self._mark_used(
                connection, version, kind, [r[0] for r in rows if r[-1] <= now - REFRESH_SECONDS]
            )
            rows = [r[:-1] for r in rows]
            stored = {**RESULT_SCHEMA, "digest": pl.String(), "evidence": pl.String()}
            frame = pl.DataFrame(rows, schema=list(_COLUMNS), orient="row").cast(stored)
            return frame.with_columns(pl.col("evidence").str.json_decode(pl.List(pl.String)))
        except (sqlite3.Error, OSError, pl.exceptions.PolarsError) as error:
            # a damaged row is as unusable as a damaged file
            return self._give_up(error).lookup(version, kind, digests)

    def store(self, version: str, kind: str, rows: pl.DataFrame) -> None:
        if self._fallback is not None:
            self._fallback.store(version, kind, rows)
            return
        if rows.height == 0:
            return
        values = [
            (
                version,
                kind,
                row["digest"],
                row["language"],
                row["label"],
                row["confidence"],
                None if row["evidence"] is None else json.dumps(row["evidence"]),
                row["sentiment"],
            )
            for row in rows.select(_COLUMNS).iter_rows(named=True)
        ]
        try:
            connection = self._connect()
            with connection:  # one transaction: another process sees all of these or none
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(
                    f"INSERT OR IGNORE INTO {_TABLE} (version, kind, {', '.join(_COLUMNS)}, used) "
                    f"VALUES ({', '.join('?' * (len(_COLUMNS) + 3))})",
                    [(*row, int(self._clock())) for row in values],
                )
                self._trim(connection)
        except (sqlite3.Error, OSError) as error:
            self._give_up(error).store(version, kind, rows)
            return
        before, self._rows_used = self._rows_used, self._rows_used + len(values)
        if before <= self.max_rows < self._rows_used:
            self._warn(
                f"this run used more texts' labels than the classification cache {self.path} "
                f"keeps ({self.max_rows:,} rows): the next run classifies some of them again. "
                f"Set {ROWS_VARIABLE} higher to keep them (about {BYTES_PER_ROW} bytes a row)."
            )

    def _trim(self, connection: sqlite3.Connection) -> None:
        """Drop the least recently used rows beyond `max_rows`, in the storing transaction."""
        (count,) = connection.execute(f"SELECT COUNT(*) FROM {_TABLE}").fetchone()
        if count > self.max_rows:
            connection.execute(
                f"DELETE FROM {_TABLE} WHERE (version, kind, digest) IN "
                f"(SELECT version, kind, digest FROM {_TABLE} ORDER BY used LIMIT ?)",
                (count - self.max_rows,),
            )

    def _mark_used(
        self, connection: sqlite3.Connection, version: str, kind: str, digests: list[str]
    ) -> None:
        """Mark rows just read as used now. Best effort: a file this run cannot write to still
        serves its labels, and the mark only decides which rows go first."""
        if not digests:
            return
        try:
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                for start in range(0, len(digests), LOOKUP_CHUNK):
                    chunk = digests[start : start + LOOKUP_CHUNK]
                    connection.execute(
                        f"UPDATE {_TABLE} SET used = ? WHERE version = ? AND kind = ? "
                        f"AND digest IN ({', '.join('?' * len(chunk))})",
                        (int(self._clock()), version, kind, *chunk),
                    )
        except sqlite3.Error:
            pass


def cache_size(path: Path) -> tuple[int, int]:
    """The rows in the file at `path` and the bytes it takes on disk with its journal, without
    creating it; (0, 0) when there is none."""
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    size = sum(f.stat().st_size for f in files if f.exists())
    if not path.exists():
        return 0, size
    with _open_existing(path) as connection:
        if not _has_table(connection):
            return 0, size
        (rows,) = connection.execute(f"SELECT COUNT(*) FROM {_TABLE}").fetchone()
    return rows, size


def clear_cache(path: Path) -> int:
    """Remove every row from the file at `path` and give the space back; the rows removed.
    Another process's run may go on with it: what it stores afterwards is kept."""
    if not path.exists():
        return 0
    with _open_existing(path) as connection:
        if not _has_table(connection):
            return 0
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            removed = connection.execute(f"DELETE FROM {_TABLE}").rowcount
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return removed


def _open_existing(path: Path) -> closing[sqlite3.Connection]:
    """A connection closed on leaving: sqlite3's own context manager ends a transaction but
    leaves the connection open."""
    return closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None))


def _has_table(connection: sqlite3.Connection) -> bool:
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_TABLE,)
    ).fetchone()
    return found is not None


def _has_used(connection: sqlite3.Connection) -> bool:
    return any(row[1] == "used" for row in connection.execute(f"PRAGMA table_info({_TABLE})"))

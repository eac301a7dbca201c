"""What the database can hold, checked at the edge so both databases answer the same.

SQLite stores a 250-character name in a 200-character column and a NUL byte in a text without a
word; PostgreSQL refuses both, and the client got an internal error. Every text a request or an
imported file brings is checked here first, against the column sizes the tables declare, and a
problem comes back as a user error naming the place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
from sqlalchemy import String, Table

from socialaudit.service.storage.tables import channels, organisations
from socialaudit.service.user_errors import UserErrorCode, UserErrors, field_path

NUL = "\x00"

ORGANISATION_NAME = organisations.c.name.type.length
CHANNEL_KEY = channels.c.key.type.length


def refuse_nul(data: Any, prefix: list[str], path: str = "") -> None:
    """A NUL byte anywhere in the strings of `data` (a request's input) is a user error."""
    if isinstance(data, str):
        if NUL in data:
            raise UserErrors.one(
                field_path(prefix, path),
                UserErrorCode.INVALID,
                f"holds a NUL character (\\u0000) at position {data.index(NUL) + 1}; "
                "texts may not contain it",
            )
    elif isinstance(data, Mapping):
        for key, value in data.items():
            refuse_nul(value, prefix, f"{path}.{key}" if path else str(key))
    elif isinstance(data, Sequence) and not isinstance(data, bytes):
        for index, value in enumerate(data):
            refuse_nul(value, prefix, f"{path}[{index}]")


def check_length(value: str, limit: int | None, field: list[str], what: str) -> None:
    if limit is not None and len(value) > limit:
        raise UserErrors.one(
            field,
            UserErrorCode.INVALID,
            f"{what} is {len(value)} characters long; at most {limit} are stored",
        )


def check_frame(frame: pl.DataFrame, table: Table, what: str, field: list[str]) -> None:
    """Rows of an imported file the table cannot store: a NUL byte in any text, or a text
    longer than its column (ids, kinds, labels); the error names the row and its id."""
    for column in table.c:
        if column.name not in frame.columns or frame.schema[column.name] != pl.String:
            continue
        values = frame[column.name]
        limit = column.type.length if isinstance(column.type, String) else None
        bad = values.str.contains(NUL, literal=True).fill_null(False)
        problem = "holds a NUL character (\\u0000), which cannot be stored"
        if limit is not None and not bad.any():
            bad = (values.str.len_chars() > limit).fill_null(False)
            problem = f"is longer than {limit} characters"
        if bad.any():
            row = int(bad.arg_true()[0])
            ident = frame["id"][row] if "id" in frame.columns else None
            shown = repr(ident[:40]) if isinstance(ident, str) else "?"
            raise UserErrors.one(
                field,
                UserErrorCode.MALFORMED_FILE,
                f"{what} {row + 1} (id {shown}): `{column.name}` {problem}; "
                "fix the file and import it again",
            )

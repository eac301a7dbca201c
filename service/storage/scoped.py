"""The scoped base every table's statements are built on.

A `Scoped` object is bound to a connection inside a transaction and to the agency it serves.
Every statement of the table modules is built by `_select`, `_count`, `_update`, `_delete` or
`_insert`, which add the agency to the statement's filter or values: scoping is done in this one
place, never remembered query by query, and a test checks that no statement reaches a tenant
table without it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Delete,
    Insert,
    Select,
    Table,
    Update,
    delete,
    func,
    insert,
    select,
    update,
)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(UTC)


class Scoped:
    def __init__(self, conn: Connection, agency_id: str) -> None:
        self.conn = conn
        self.agency_id = agency_id

    def _select(self, table: Table, *columns: Any) -> Select[Any]:
        return select(*(columns or (table,))).where(table.c.agency_id == self.agency_id)

    def _count(self, table: Table) -> Select[Any]:
        return select(func.count()).select_from(table).where(table.c.agency_id == self.agency_id)

    def _update(self, table: Table) -> Update:
        return update(table).where(table.c.agency_id == self.agency_id)

    def _delete(self, table: Table) -> Delete:
        return delete(table).where(table.c.agency_id == self.agency_id)

    def _insert(self, table: Table, **values: Any) -> Insert:
        return insert(table).values(agency_id=self.agency_id, **values)

"""The one door to an agency's rows: a transaction bound to the agency, and a `Repository` that
adds the agency to every statement it builds.

On PostgreSQL the transaction also tells the database whose rows it may see
(`socialaudit.agency_id`, local to the transaction) so that the row-level security policies on
every tenant table check the same thing a second time, and, when a database role is configured,
switches to it: the policies bind every role except superusers and roles with BYPASSRLS, and
the service refuses to run as one of those in production (`check_database_role`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

from socialaudit.service.storage.repository import Repository

TENANT_SETTING = "socialaudit.agency_id"


class Tenancy:
    def __init__(self, engine: Engine, agency_id: str, database_role: str | None = None) -> None:
        self.engine = engine
        self.agency_id = agency_id
        self.database_role = database_role

    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """One transaction, committed when the block ends without an exception."""
        with self.engine.begin() as conn:
            self._enter(conn)
            yield Repository(conn, self.agency_id)

    def _enter(self, conn: Connection) -> None:
        if conn.dialect.name != "postgresql":
            return
        if self.database_role:
            role = conn.dialect.identifier_preparer.quote(self.database_role)
            conn.execute(text(f"SET LOCAL ROLE {role}"))
        conn.execute(
            text("SELECT set_config(:setting, :agency, true)"),
            {"setting": TENANT_SETTING, "agency": self.agency_id},
        )


def check_database_role(engine: Engine, database_role: str | None) -> str | None:
    """Why row-level security would not bind the service's queries, or None when it does.

    Superusers and BYPASSRLS roles pass every policy; the check runs as the role the service's
    transactions use."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.begin() as conn:
        if database_role:
            role = conn.dialect.identifier_preparer.quote(database_role)
            conn.execute(text(f"SET LOCAL ROLE {role}"))
        row = conn.execute(
            text(
                "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles "
                "WHERE rolname = current_user"
            )
        ).one()
    if row.rolsuper or row.rolbypassrls:
        return (
            f"the database role '{row.current_user}' is a superuser or has BYPASSRLS, so "
            "row-level security does not bind it; set SOCIALAUDIT_DATABASE_ROLE to a role "
            "without either (see docs/api.md)"
        )
    return None

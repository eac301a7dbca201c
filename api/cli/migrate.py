"""`socialaudit migrate`: bring the database up to this version's schema, as its owner.

`socialaudit serve` migrates when it starts, which suits SQLite and a service that owns its
tables. In production on PostgreSQL the service should connect as a role that neither owns the
tables nor can bypass row-level security: run this with the owner's URL at deploy time, with
`--grant` naming the service's role, and start the service with its own URL.
"""

from __future__ import annotations

import click

from socialaudit.api.settings import Settings
from socialaudit.service.storage.database import (
    create_database_engine,
    current_revision,
    grant_to_role,
    head_revision,
    migrate,
)


@click.command("migrate")
@click.option(
    "--grant",
    "role",
    default=None,
    help="PostgreSQL role to give read and write on the tables (the service's own role).",
)
def migrate_command(role: str | None) -> None:
    """Upgrade the database of SOCIALAUDIT_DATABASE_URL to this version's schema."""
    engine = create_database_engine(Settings().database_url)
    try:
        if role and engine.dialect.name != "postgresql":
            raise click.UsageError("--grant is for PostgreSQL; SQLite has no roles")
        migrate(engine)
        if role:
            grant_to_role(engine, role)
        revision = current_revision(engine)
    finally:
        engine.dispose()
    click.echo(f"database at revision {revision} (this version's newest: {head_revision()})")
    if role:
        click.echo(f"granted read and write on the tables to {role}")

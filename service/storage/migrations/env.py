"""Alembic environment: run on the connection the application hands over, never from a URL in
an ini file, so the service migrates the very database it is about to use."""

from __future__ import annotations

from alembic import context

from socialaudit.service.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

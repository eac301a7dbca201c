"""Connecting to the database and bringing its schema up to date.

SQLite in a file is the default, so `socialaudit serve` works on a fresh machine; any SQLAlchemy
URL (PostgreSQL through psycopg 3) replaces it. Migrations ship inside the package and run
when the service starts, under a lock on PostgreSQL so several workers starting together do
not race each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from socialaudit.engine.errors import InputError

MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 7_343_617  # any constant; one advisory lock id for socialaudit's migrations


URL_SETTING = "SOCIALAUDIT_DATABASE_URL"
URL_EXAMPLES = "e.g. sqlite:///socialaudit.sqlite3 or postgresql+psycopg://user@host:5432/db"


def create_database_engine(url: str) -> Engine:
    """An engine with the settings each backend needs to keep the constraints we rely on.

    A URL that does not parse or names a driver that is not installed is an `InputError`
    naming the setting, so `socialaudit serve` says what to fix instead of a traceback."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(
            f"'{url}' is not an SQLAlchemy database URL", field=URL_SETTING, hint=URL_EXAMPLES
        ) from exc
    # JSON columns (profiles, assessment results) through orjson: a stored assessment is decoded
    # on every read of it, and the standard library is several times slower at it
    options: dict[str, Any] = {
        "future": True,
        "json_serializer": lambda value: orjson.dumps(
            value, option=orjson.OPT_NON_STR_KEYS
        ).decode(),
        "json_deserializer": orjson.loads,
    }
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        options["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        options["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **options)
    except (ModuleNotFoundError, NoSuchModuleError) as exc:
        raise InputError(
            f"no driver for '{parsed.drivername}' is installed ({exc})",
            field=URL_SETTING,
            hint="for PostgreSQL: pip install -e '.[postgres]' and postgresql+psycopg://...",
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys are off in SQLite unless asked for; without them a deleted channel would
    leave its posts behind. WAL lets readers go on while an import writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the database to the newest revision shipped with this version."""
    config = _alembic_config()
    try:
        engine.connect().close()
    except OperationalError as exc:
        where = engine.url.render_as_string(hide_password=True)
        raise InputError(
            f"cannot reach the database at {where}: {exc.orig}".strip(),
            field=URL_SETTING,
            hint="is the server running, and do the user, host, port and database exist?",
        ) from exc
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def grant_to_role(engine: Engine, database_role: str) -> None:
    """Let the role the service's transactions switch to read and write the tables (never own
    them: an owner could switch row-level security off)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        quote = connection.dialect.identifier_preparer.quote
        role = quote(database_role)
        schema = quote(connection.execute(text("SELECT current_schema()")).scalar_one())
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        connection.execute(
            text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}")
        )

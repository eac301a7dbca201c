"""`socialaudit serve`: the GraphQL service under uvicorn."""

from __future__ import annotations

import click
import uvicorn

from api.logs import configure_logging
from api.settings import Settings
from api.storage.database import create_database_engine, migrate


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1), help="Worker processes."
)
def serve_command(host: str, port: int, workers: int) -> None:
    """Serve the GraphQL API on /graphql (GraphiQL in a browser) and /healthz.

    Settings come from SOCIALAUDIT_* environment variables (see docs/api.md); the database is
    SQLite in ./socialaudit.sqlite3 unless SOCIALAUDIT_DATABASE_URL names another.
    """
    configure_logging()
    settings = Settings()
    # migrate once here, so that several workers starting together find the schema in place
    engine = create_database_engine(settings.database_url)
    migrate(engine)
    engine.dispose()
    uvicorn.run(
        "api.app:create_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        access_log=False,
        server_header=False,
    )

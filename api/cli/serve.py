"""`socialaudit serve`: the GraphQL service under uvicorn."""

from __future__ import annotations

import ipaddress
import os

import click

from socialaudit.api import serving
from socialaudit.api.logs import configure_logging
from socialaudit.api.settings import Settings
from socialaudit.service.storage.database import create_database_engine, migrate


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1), help="Worker processes."
)
@click.option(
    "--dev",
    is_flag=True,
    help="Development mode: no API keys, every request acts for the agency 'development'. "
    "Only on a loopback address.",
)
def serve_command(host: str, port: int, workers: int, dev: bool) -> None:
    """Serve the GraphQL API on /graphql (GraphiQL in a browser) and /healthz.

    Requests need an API key (`socialaudit apikey create`) unless --dev is given. Settings come
    from SOCIALAUDIT_* environment variables (see docs/api.md); the database is SQLite in
    ./socialaudit.sqlite3 unless SOCIALAUDIT_DATABASE_URL names another.
    """
    if dev and not _is_loopback(host):
        raise click.UsageError(
            f"--dev runs without API keys and is refused on {host}; use 127.0.0.1 or create a "
            "key with `socialaudit apikey create --agency NAME`"
        )
    if dev:
        # the workers read their settings from the environment
        os.environ["SOCIALAUDIT_DEVELOPMENT"] = "true"
        click.secho(
            "DEVELOPMENT MODE: no API keys are checked; every request acts for the agency "
            "'development' with write access.",
            fg="red",
            bold=True,
            err=True,
        )
    configure_logging()
    settings = Settings()
    # migrate once here, so that several workers starting together find the schema in place
    engine = create_database_engine(settings.database_url)
    migrate(engine)
    engine.dispose()
    serving.run(
        "socialaudit.api.app:create_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        access_log=False,
        server_header=False,
    )

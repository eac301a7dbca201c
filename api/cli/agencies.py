"""`socialaudit agency` and `socialaudit apikey`: the tenants of the service and their keys.

They work on the database of `SOCIALAUDIT_DATABASE_URL` (default ./socialaudit.sqlite3),
migrating it first, so an operator can set up an agency before the service ever ran.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine

from socialaudit.api.auth import Role, create_key
from socialaudit.api.settings import Settings
from socialaudit.service.storage import agencies as store
from socialaudit.service.storage.database import create_database_engine, migrate


def _engine() -> Engine:
    engine = create_database_engine(Settings().database_url)
    migrate(engine)
    return engine


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


@click.group("agency")
def agency_group() -> None:
    """Agencies: the tenants of the service, each with its own clients and definitions."""


@agency_group.command("create")
@click.argument("name")
def agency_create(name: str) -> None:
    """Create the agency NAME."""
    name = name.strip()
    if not name:
        raise click.BadParameter("give the agency a name", param_hint="NAME")
    engine = _engine()
    try:
        agency = store.create_agency(engine, name)
    except store.AgencyExists:
        raise click.ClickException(
            f"an agency named '{name}' exists already; `socialaudit agency list` shows them"
        ) from None
    finally:
        engine.dispose()
    click.echo(f"created agency '{agency.name}'")


@agency_group.command("list")
def agency_list() -> None:
    """List the agencies."""
    engine = _engine()
    found = store.list_agencies(engine)
    engine.dispose()
    table = Table("name", "created")
    for agency in found:
        table.add_row(agency.name, _when(agency.created_at))
    Console().print(table)


@click.group("apikey")
def apikey_group() -> None:
    """API keys: an agency's access to the GraphQL service."""


@apikey_group.command("create")
@click.option("--agency", "agency_name", required=True, help="The agency the key acts for.")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.WRITE.value,
    show_default=True,
    help="read: queries only; write: queries and mutations.",
)
@click.option("--name", "key_name", default="", help="What the key is for, e.g. 'dashboard'.")
def apikey_create(agency_name: str, role: str, key_name: str) -> None:
    """Create a key and print it, alone on the last line; it is not shown again."""
    engine = _engine()
    try:
        agency = store.find_agency(engine, agency_name)
        if agency is None:
            raise click.ClickException(
                f"no agency named '{agency_name}'; create it with "
                f"`socialaudit agency create '{agency_name}'`"
            )
        record, key = create_key(engine, agency, key_name or f"{role} key", Role(role))
    finally:
        engine.dispose()
    click.echo(
        f"created {record.role} key '{record.name}' ({record.prefix}) for agency "
        f"'{record.agency_name}'. Store it now: only its hash is kept.",
        err=False,
    )
    click.echo(key)


@apikey_group.command("list")
@click.option("--agency", "agency_name", default=None, help="Only this agency's keys.")
def apikey_list(agency_name: str | None) -> None:
    """List keys by prefix, with role, last use and whether revoked (never the key)."""
    engine = _engine()
    try:
        agency = None
        if agency_name is not None:
            agency = store.find_agency(engine, agency_name)
            if agency is None:
                raise click.ClickException(f"no agency named '{agency_name}'")
        keys = store.list_keys(engine, agency)
    finally:
        engine.dispose()
    table = Table("prefix", "agency", "name", "role", "created", "last used", "revoked")
    for key in keys:
        table.add_row(
            key.prefix,
            key.agency_name,
            key.name,
            key.role,
            _when(key.created_at),
            _when(key.last_used_at),
            _when(key.revoked_at) if key.revoked_at else "",
        )
    Console().print(table)


@apikey_group.command("revoke")
@click.argument("key")
def apikey_revoke(key: str) -> None:
    """Revoke KEY, given by the prefix `apikey list` shows (or its id); it stops working at
    once."""
    engine = _engine()
    try:
        revoked = store.revoke_key(engine, key)
    finally:
        engine.dispose()
    if revoked is None:
        raise click.ClickException(
            f"no live key has the prefix or id '{key}'; `socialaudit apikey list` shows them"
        )
    click.echo(f"revoked key {revoked.prefix} ('{revoked.name}') of agency '{revoked.agency_name}'")


@agency_group.command("update")
@click.argument("name")
@click.option(
    "--logo",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="PNG or SVG, at most 256 KiB; SVG is cleaned of scripts and links.",
)
@click.option("--no-logo", is_flag=True, help="Remove the logo.")
@click.option("--color", help="Primary colour of the reports, e.g. '#0a5'.")
@click.option("--contact", help="Contact line under the name ('' clears it).")
@click.option("--display-name", help="The name the reports show ('' clears it).")
def agency_update(
    name: str,
    logo: Path | None,
    no_logo: bool,
    color: str | None,
    contact: str | None,
    display_name: str | None,
) -> None:
    """Set the branding of agency NAME's reports: logo, colour, contact line."""
    from socialaudit.api.cli.agency_branding import update_branding

    engine = _engine()
    try:
        agency = store.find_agency(engine, name)
        if agency is None:
            raise click.ClickException(f"no agency named '{name}'; `socialaudit agency list`")
        brand = update_branding(engine, agency, logo, no_logo, color, contact, display_name)
    finally:
        engine.dispose()
    logo_note = f", logo {brand.logo_type}" if brand.logo_type else ", no logo"
    click.echo(f"branding of agency '{name}': colour {brand.color}{logo_note}")

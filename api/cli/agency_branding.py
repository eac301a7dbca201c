"""`socialaudit agency update`: an agency's branding, checked as `updateAgencyBranding` checks
it, and refused whole when any of it is wrong."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import Engine

from socialaudit.api.settings import Settings
from socialaudit.service.branding import Brand
from socialaudit.service.reports import save_brand
from socialaudit.service.storage.agencies import AgencyRecord
from socialaudit.service.storage.tenancy import Tenancy
from socialaudit.service.user_errors import UserErrors

OPTIONS = {"name": "--display-name", "color": "--color", "contact": "--contact", "logo": "--logo"}


def update_branding(
    engine: Engine,
    agency: AgencyRecord,
    logo: Path | None,
    no_logo: bool,
    color: str | None,
    contact: str | None,
    display_name: str | None,
) -> Brand:
    if logo is not None and no_logo:
        raise click.UsageError("give --logo or --no-logo, not both")
    tenancy = Tenancy(engine, agency.id, Settings().database_role)
    try:
        return save_brand(
            tenancy,
            name=display_name,
            color=color,
            contact=contact,
            logo=logo.read_bytes() if logo else None,
            clear_logo=no_logo,
        )
    except UserErrors as exc:
        problems = "; ".join(f"{OPTIONS[e.field[-1]]}: {e.message}" for e in exc.errors)
        raise click.ClickException(f"nothing changed: {problems}") from None

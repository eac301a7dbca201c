"""The audit report formats of `socialaudit assess` (html, pdf, csv, xlsx), kept out of
`assess.py` so the terminal report and the rendered one change independently."""

from __future__ import annotations

from pathlib import Path

import click

from socialaudit.api.report.brand import BrandError, load_brand
from socialaudit.api.report.facts import ReportInput
from socialaudit.api.report.output import render, write
from socialaudit.api.report.pdf import PdfUnavailable
from socialaudit.engine.loading import OrganisationInput
from socialaudit.engine.model.assessment import Assessment
from socialaudit.engine.registry import Registry


def write_audit_report(
    folder: Path,
    data: OrganisationInput,
    assessment: Assessment,
    registry: Registry,
    output_format: str,
    language: str,
    brand_file: Path | None,
    output: Path | None,
) -> None:
    try:
        brand = load_brand(brand_file) if brand_file else None
    except BrandError as exc:
        raise click.BadParameter(str(exc), param_hint="--brand") from None
    inp = ReportInput(
        assessment=assessment,
        data=data,
        window_days=registry.settings.assessment.window_days,
        sources=[_relative(source, folder) for c in data.channels.values() for source in c.sources],
    )
    try:
        content = render(inp, output_format, language, brand)
        write(content, output_format, output)
    except PdfUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def _relative(source: str, folder: Path) -> str:
    """A file as the agency names it, relative to the organisation folder, not to this
    machine."""
    try:
        return str(Path(source).resolve().relative_to(folder.resolve()))
    except ValueError:
        return source

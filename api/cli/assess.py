"""`socialaudit assess DIR`: read an organisation folder and print its assessment."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from socialaudit.api.cli.common import config_option_help, load_registry, stderr
from socialaudit.api.cli.report import print_report
from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import load_organisation
from socialaudit.engine.pipeline import assess


def _parse_as_of(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            f"'{value}' is not an ISO 8601 date or time",
            field="--as-of",
            hint="for example 2024-06-30 or 2024-06-30T23:59:59+02:00",
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@click.command("assess")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["report", "json", "html", "pdf", "csv", "xlsx"]),
    default="report",
    show_default=True,
    help="A readable report, JSON, the audit report as an HTML page or an A4 PDF, "
    "or the KPIs and findings as CSV or XLSX.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "nl", "fr"]),
    default="en",
    show_default=True,
    help="Language of findings and recommendations.",
)
@click.option("--as-of", help="Reference time (ISO 8601); default: the newest time in the data.")
@click.option("--config", type=click.Path(path_type=Path), help=config_option_help)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file.")
@click.option(
    "--brand",
    type=click.Path(path_type=Path),
    help="brand.toml with the agency's name, logo, color and contact, for --format html|pdf.",
)
def assess_command(
    folder: Path,
    output_format: str,
    lang: str,
    as_of: str | None,
    config: Path | None,
    output: Path | None,
    brand: Path | None = None,
) -> None:
    """Assess the organisation in FOLDER (organisation.toml and its data files)."""
    registry = load_registry(config)
    reference = _parse_as_of(as_of)
    show_progress = output_format == "report" and stderr.is_terminal
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not show_progress,
    ) as progress:
        task = progress.add_task("reading", total=None)

        def report_progress(description: str, done: int, total: int) -> None:
            progress.update(task, description=f"reading {description}", completed=done, total=total)

        data = load_organisation(folder, registry.adapters, report_progress)
        progress.update(task, description="assessing", completed=None, total=None)
        assessment = assess(data, registry, as_of=reference, language=lang)

    if output_format not in ("report", "json"):
        from socialaudit.api.cli.audit_report import write_audit_report

        write_audit_report(folder, data, assessment, registry, output_format, lang, brand, output)
        return
    if output_format == "json":
        text = json.dumps(assessment.to_json_dict(), ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
        return
    print_report(assessment, registry, lang, output)

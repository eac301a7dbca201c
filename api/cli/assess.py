"""`socialaudit assess DIR`: read an organisation folder and print its assessment."""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from socialaudit.api.cli.classification_cache import (
    CACHE_DIR_VARIABLE,
    DiskClassificationCache,
    cache_path,
    max_rows,
)
from socialaudit.api.cli.common import config_option_help, load_registry, stderr
from socialaudit.api.cli.folders import expand_folders, several
from socialaudit.engine.classification import MemoryCache
from socialaudit.engine.config import locate
from socialaudit.engine.errors import ConfigError, InputError
from socialaudit.engine.loading import PROFILE_FILE, OrganisationInput, load_organisation
from socialaudit.engine.pipeline import assess, target_kpis
from socialaudit.engine.registry import Registry
from socialaudit.engine.text import FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES


def default_language(languages: tuple[str, ...]) -> str:
    """The organisation's first language the texts are written in, else English."""
    return next((code for code in languages if code in SUPPORTED_LANGUAGES), FALLBACK_LANGUAGE)


def _check_targets(folder: Path, data: OrganisationInput, registry: Registry) -> None:
    """A goal target naming an unknown KPI is an error at its place in organisation.toml."""
    problems = data.organisation.unknown_target_kpis(target_kpis(registry))
    if not problems:
        return
    path = folder / PROFILE_FILE
    g, t = (int(n) for n in re.findall(r"\d+", problems[0][0]))
    where = locate(path.read_text(encoding="utf-8"), ("goals", g, "targets", t, "kpi"))
    raise ConfigError(
        "; ".join(f"{field}: no KPI is named '{name}'; {hint}" for field, name, hint in problems),
        file=path,
        field=problems[0][0],
        line=where[0] if where else None,
        column=where[1] if where else None,
    )


class _NoProgress:
    """Stands in for rich's progress bar where none is shown (JSON, a pipe): rich's import
    is a tenth of a warm run."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def add_task(self, description: str, total: int | None = None) -> int:
        return 0

    def update(self, task: int, **_: object) -> None:
        return None


def _progress(show: bool) -> Any:
    if not show:
        return _NoProgress()
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    )


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


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
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
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
    type=click.Choice(list(SUPPORTED_LANGUAGES)),
    default=None,
    help="Language of the report; default: the organisation's first language in "
    "organisation.toml that the texts are written in, else English.",
)
@click.option("--as-of", help="Reference time (ISO 8601); default: the newest time in the data.")
@click.option("--config", type=click.Path(path_type=Path), help=config_option_help)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file.")
@click.option(
    "--brand",
    type=click.Path(path_type=Path),
    help="brand.toml with the agency's name, logo, color and contact, for --format html|pdf.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Classify every text anew and keep the labels in memory only, not in the cache "
    f"file (default: the user's cache directory, or ${CACHE_DIR_VARIABLE}).",
)
def assess_command(
    folders: tuple[Path, ...],
    output_format: str,
    lang: str | None,
    as_of: str | None,
    config: Path | None,
    output: Path | None,
    brand: Path | None = None,
    no_cache: bool = False,
) -> None:
    """Assess the organisation in each FOLDER (organisation.toml and its data files).

    Several folders, or a glob such as 'clients/*', are assessed in one process: one report
    after another, or with --format json a JSON array in the order given.
    """
    registry = load_registry(config)
    reference = _parse_as_of(as_of)
    if output and output_format == "report" and several(folders):
        raise click.UsageError("-o writes one report; use --format json for several folders")
    if output_format not in ("report", "json") and several(folders):
        raise click.UsageError(
            f"--format {output_format} writes one organisation's document; give one folder"
        )
    cache = (
        MemoryCache()
        if no_cache
        else DiskClassificationCache(cache_path(), _warn, max_rows=max_rows())
    )
    assessments = []
    show_progress = output_format == "report" and stderr.is_terminal
    with _progress(show_progress) as progress:
        task = progress.add_task("reading", total=None)

        def report_progress(description: str, done: int, total: int) -> None:
            progress.update(task, description=f"reading {description}", completed=done, total=total)

        for folder in expand_folders(folders):
            data = load_organisation(folder, registry.adapters, report_progress)
            _check_targets(folder, data, registry)
            progress.update(task, description="assessing", completed=None, total=None)
            language = lang or default_language(data.organisation.languages)
            assessments.append(
                assess(
                    data, registry, as_of=reference, language=language, classification_cache=cache
                )
            )

    if output_format not in ("report", "json"):
        from socialaudit.api.cli.audit_report import write_audit_report

        assessment = assessments[0]
        write_audit_report(
            folder, data, assessment, registry, output_format, assessment.language, brand, output
        )
        return
    if output_format == "json":
        documents = [assessment.to_json_dict() for assessment in assessments]
        text = json.dumps(
            documents if several(folders) else documents[0], ensure_ascii=False, indent=2
        )
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
        return
    from socialaudit.api.cli.report import print_report

    for assessment in assessments:
        print_report(assessment, registry, assessment.language, output)

"""`socialaudit plugins`, `rules` and `kpis`: what is loaded, with codes and docs.

Each prints a table on a terminal, tab-separated plain text when piped (so `grep` and `cut`
work), and JSON with `--format json` for scripts; the pages (`--explain`) are Markdown, which
`docs/rules.md` and `docs/kpis.md` are generated from.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from socialaudit.api.cli.common import config_option_help, load_registry
from socialaudit.engine.definitions import Kpi, Rule
from socialaudit.engine.errors import InputError
from socialaudit.engine.recommend import PRIORITY_MODEL
from socialaudit.engine.registry import Registry
from socialaudit.engine.rule_pages import rule_texts
from socialaudit.engine.scoring import SCORING_MODEL
from socialaudit.engine.text import pick

LANGUAGES = click.Choice(["en", "nl", "fr"])
FORMATS = click.Choice(["auto", "table", "text", "json"])
format_option = click.option(
    "--format",
    "output_format",
    type=FORMATS,
    default="auto",
    show_default=True,
    help="auto: a table on a terminal, tab-separated text otherwise.",
)


def _emit(columns: Sequence[str], rows: list[list[str]], records: list[dict[str, Any]], fmt: str):
    """One listing in the format asked for. JSON carries richer records than the columns."""
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    if fmt == "text" or (fmt == "auto" and not sys.stdout.isatty()):
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join(cell.replace("\t", " ") for cell in row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row, style=None)
    Console().print(table, markup=False)


def _markdown(text: str) -> None:
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        click.echo(text)


@click.command("plugins")
@format_option
@click.option("--config", type=click.Path(path_type=Path), help=config_option_help)
def plugins_command(output_format: str, config: Path | None) -> None:
    """List plugins with their version, hooks and status; failed ones with their error."""
    registry = load_registry(config)
    infos = sorted(registry.plugins.values(), key=lambda p: p.name)
    rows = [
        [
            info.name,
            info.version or "",
            info.status.value,
            ", ".join(h.removeprefix("socialaudit_") for h in info.hooks),
            info.module,
        ]
        for info in infos
    ]
    records = [
        {
            "name": info.name,
            "version": info.version,
            "status": info.status.value,
            "hooks": info.hooks,
            "module": info.module,
            "distribution": info.distribution,
            "builtin": info.builtin,
            "errors": info.errors,
        }
        for info in infos
    ]
    _emit(("plugin", "version", "status", "hooks", "module"), rows, records, output_format)
    if output_format != "json":
        for info in registry.failures:
            for error in info.errors:
                click.echo(f"{info.name}: {error}", err=True)


def _option_lines(rule: Rule, options: BaseModel) -> list[str]:
    """What the rule checks, in its options' own terms: each with its value and meaning."""
    lines = []
    for name, info in type(options).model_fields.items():
        meaning = f": {info.description}" if info.description else ""
        setting = f"`rules.options.{rule.code}.{name}` = `{getattr(options, name)!r}`"
        lines.append(f"- {setting}{meaning}")
    return lines


def rule_page(
    rule: Rule, language: str, options: BaseModel, kpis: dict[str, Kpi] | None = None
) -> str:
    """A rule's documentation as `ruff rule` prints it: what, why, example, fix, options.

    The rationale, the example and the fix are templates a finding fills in; here they are
    filled from the rule's example evidence, with `kpis` naming the KPIs they mention."""
    texts = rule_texts(rule, language, options, kpis)
    lines = [
        f"# {rule.code} {rule.slug}",
        "",
        f"**{pick(rule.name, language)}** — {rule.category.value}, "
        f"default severity {rule.severity.value}, {rule.level.value} level, version {rule.version}",
        "",
        "## Why it matters",
        texts.rationale,
        "",
        f"Source: {rule.source}",
    ]
    if rule.kpis:
        lines += ["", "## What it reads", "", *[f"- KPI `{k}`" for k in rule.kpis]]
    if texts.example:
        lines += ["", "## Example", texts.example]
    lines += ["", "## How to fix", texts.remediation]
    option_lines = _option_lines(rule, options)
    if option_lines:
        lines += ["", "## Options (plugins.toml)", "", *option_lines]
    return "\n".join(lines)


def _catalogue_markdown(title: str, command: str, pages: list[str], note: str) -> str:
    intro = f"# {title}\n\nGenerated by `{command}`; do not edit by hand.\n{note.rstrip()}\n"
    # one level down: the document's title is the only top-level heading
    demoted = ["#" + page.replace("\n## ", "\n### ") for page in pages]
    return intro + "\n" + "\n\n".join(demoted) + "\n"


def rules_markdown(registry: Registry, language: str) -> str:
    """Every loaded rule's page, for docs/rules.md."""
    pages = [
        rule_page(rule, language, registry.rule_options[code], registry.kpis)
        for code, rule in sorted(registry.rules.items())
    ]
    note = (
        "Severities and options can be changed in `plugins.toml`.\n\n"
        f"## How recommendations are ranked\n\n{PRIORITY_MODEL}\n"
        f"## Scores and maturity stage\n\n{SCORING_MODEL}"
    )
    return _catalogue_markdown("Advice rules", "socialaudit rules --markdown", pages, note)


def _lookup(found: object | None, what: str, value: str, listing: str) -> None:
    if found is None:
        raise InputError(
            f"no loaded {what} is '{value}'",
            field="--explain",
            hint=f"`socialaudit {listing}` lists them",
        )


@click.command("rules")
@click.option("--explain", "code", metavar="CODE", help="Print one rule's documentation.")
@click.option("--markdown", is_flag=True, help="Print every rule's page as Markdown.")
@click.option("--lang", type=LANGUAGES, default="en", show_default=True)
@format_option
@click.option("--config", type=click.Path(path_type=Path), help=config_option_help)
def rules_command(
    code: str | None, markdown: bool, lang: str, output_format: str, config: Path | None
) -> None:
    """List the loaded rules, or explain one (like `ruff rule F401`)."""
    registry = load_registry(config)
    if markdown:
        click.echo(rules_markdown(registry, lang), nl=False)
        return
    if code:
        rule = registry.rules.get(code.upper())
        _lookup(rule, "rule code", code, "rules")
        assert rule is not None
        options = registry.rule_options[rule.code]
        if output_format == "json":
            click.echo(json.dumps(_rule_record(registry, rule, lang), indent=2, ensure_ascii=False))
        else:
            _markdown(rule_page(rule, lang, options, registry.kpis))
        return
    rules = [rule for _, rule in sorted(registry.rules.items())]
    rows = [
        [
            rule.code,
            rule.slug,
            rule.category.value,
            registry.severity_of(rule).value,
            "yes" if registry.settings.rule_selected(rule.code) else "no",
            pick(rule.name, lang),
            registry.owners.get(f"rules:{rule.code}", ""),
        ]
        for rule in rules
    ]
    records = [_rule_record(registry, rule, lang) for rule in rules]
    columns = ("code", "name", "category", "severity", "enabled", "title", "plugin")
    _emit(columns, rows, records, output_format)


def _rule_record(registry: Registry, rule: Rule, lang: str) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.slug,
        "title": pick(rule.name, lang),
        "category": rule.category.value,
        "severity": registry.severity_of(rule).value,
        "level": rule.level.value,
        "enabled": registry.settings.rule_selected(rule.code),
        "kpis": list(rule.kpis),
        "source": rule.source,
        "options": registry.rule_options[rule.code].model_dump(mode="json"),
        "plugin": registry.owners.get(f"rules:{rule.code}"),
        "version": rule.version,
    }


def kpi_page(kpi: Kpi, language: str, registry: Registry) -> str:
    """A KPI's documentation: what it measures, how, its unit, which way is better, what it
    rests on and when it is unknown."""
    better = {True: "higher is better", False: "lower is better", None: "neither way is better"}
    lines = [
        f"# {kpi.id}",
        "",
        f"**{pick(kpi.name, language)}** — {kpi.unit.value}, {kpi.level.value} level, "
        f"{better[kpi.higher_is_better]}, version {kpi.version}",
        "",
        pick(kpi.description, language),
        "",
        "## Formula",
        f"`{kpi.formula}`",
    ]
    if kpi.depends_on:
        lines += ["", "Computed from: " + ", ".join(f"`{d}`" for d in kpi.depends_on)]
    if kpi.source:
        lines += ["", f"Source: {kpi.source}"]
    lines += ["", "## When it is unknown"]
    lines.append(
        pick(kpi.unknown_when, language)
        if kpi.unknown_when
        else "When the data does not tell (no such figure in the files, or nothing to count in "
        "the window), the value is null, never 0."
    )
    benchmarks = [b for b in registry.benchmarks.values() if b.kpi == kpi.id]
    if benchmarks:
        lines += ["", "## Benchmarks", ""]
        lines += [
            f"- {b.value:g} {b.unit}: {pick(b.description, language)} ({b.source}"
            f"{f', {b.year}' if b.year else ''}; {b.population})"
            for b in benchmarks
        ]
    flags = [f for f, on in (("vanity metric", kpi.vanity), ("business outcome", kpi.hard)) if on]
    if flags:
        lines += ["", "Kind: " + ", ".join(flags)]
    return "\n".join(lines)


def kpis_markdown(registry: Registry, language: str) -> str:
    """Every loaded KPI's page, for docs/kpis.md."""
    pages = [kpi_page(kpi, language, registry) for _, kpi in sorted(registry.kpis.items())]
    note = "Agencies add their own KPIs in CEL (see the README); plugins add them in Python."
    return _catalogue_markdown("KPIs", "socialaudit kpis --markdown", pages, note)


@click.command("kpis")
@click.option("--explain", "kpi_id", metavar="ID", help="Print one KPI's documentation.")
@click.option("--markdown", is_flag=True, help="Print every KPI's page as Markdown.")
@click.option("--lang", type=LANGUAGES, default="en", show_default=True)
@format_option
@click.option("--config", type=click.Path(path_type=Path), help=config_option_help)
def kpis_command(
    kpi_id: str | None, markdown: bool, lang: str, output_format: str, config: Path | None
) -> None:
    """List the loaded KPIs, or explain one: formula, unit, source, what unknown means."""
    registry = load_registry(config)
    if markdown:
        click.echo(kpis_markdown(registry, lang), nl=False)
        return
    if kpi_id:
        kpi = registry.kpis.get(kpi_id)
        _lookup(kpi, "KPI id", kpi_id, "kpis")
        assert kpi is not None
        if output_format == "json":
            click.echo(json.dumps(_kpi_record(registry, kpi, lang), indent=2, ensure_ascii=False))
        else:
            _markdown(kpi_page(kpi, lang, registry))
        return
    kpis = [kpi for _, kpi in sorted(registry.kpis.items())]
    rows = [
        [
            kpi.id,
            pick(kpi.name, lang),
            kpi.unit.value,
            kpi.level.value,
            registry.owners.get(f"kpis:{kpi.id}", ""),
        ]
        for kpi in kpis
    ]
    records = [_kpi_record(registry, kpi, lang) for kpi in kpis]
    _emit(("id", "name", "unit", "level", "plugin"), rows, records, output_format)


def _kpi_record(registry: Registry, kpi: Kpi, lang: str) -> dict[str, Any]:
    return {
        "id": kpi.id,
        "name": pick(kpi.name, lang),
        "description": pick(kpi.description, lang),
        "unit": kpi.unit.value,
        "level": kpi.level.value,
        "formula": kpi.formula,
        "higherIsBetter": kpi.higher_is_better,
        "dependsOn": list(kpi.depends_on),
        "source": kpi.source or None,
        "plugin": registry.owners.get(f"kpis:{kpi.id}"),
        "version": kpi.version,
    }

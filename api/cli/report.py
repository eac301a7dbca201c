"""The readable assessment report, in the business owner's language."""

from __future__ import annotations

import textwrap
from pathlib import Path

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from socialaudit.engine.formatting import (
    DIMENSION_NAMES,
    NARROW_NBSP,
    STAGE_NAMES,
    Formatter,
    Vocabulary,
    platform_name,
)
from socialaudit.engine.model.assessment import Assessment, ErrorKind, KpiValue
from socialaudit.engine.registry import Registry

HEADINGS = {
    "en": {
        "score": "Overall score",
        "stage": "Maturity stage",
        "dimensions": "Dimensions",
        "kpis": "Key figures",
        "findings": "Findings",
        "recommendations": "What to do first",
        "errors": "Could not be evaluated",
        "incomplete": "Incomplete data",
        "channel": "Channel",
        "value": "Value",
        "benchmark": "Benchmark",
        "organisation": "Organisation",
        "as_of": "Data up to",
        "count": "Findings",
        "none": "No findings.",
        "unknown": "unknown",
        "points": "points",
    },
    "nl": {
        "score": "Totaalscore",
        "stage": "Maturiteitsfase",
        "dimensions": "Dimensies",
        "kpis": "Kerncijfers",
        "findings": "Bevindingen",
        "recommendations": "Wat eerst te doen",
        "errors": "Kon niet worden geëvalueerd",
        "incomplete": "Onvolledige gegevens",
        "channel": "Kanaal",
        "value": "Waarde",
        "benchmark": "Benchmark",
        "organisation": "Organisatie",
        "count": "Bevindingen",
        "as_of": "Gegevens tot",
        "none": "Geen bevindingen.",
        "unknown": "onbekend",
        "points": "punten",
    },
    "fr": {
        "score": "Score global",
        "stage": "Stade de maturité",
        "dimensions": "Dimensions",
        "kpis": "Chiffres clés",
        "findings": "Constats",
        "recommendations": "Par où commencer",
        "errors": "N'a pas pu être évalué",
        "incomplete": "Données incomplètes",
        "channel": "Canal",
        "value": "Valeur",
        "benchmark": "Référence",
        "organisation": "Organisation",
        "as_of": "Dernières données",
        "count": "Constats",
        "none": "Aucun constat.",
        "unknown": "inconnu",
        "points": "points",
    },
}

SEVERITY_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}


def _kpi_table(
    kpis: list[KpiValue], words: dict[str, str], formatter: Formatter, names: dict[str, str]
) -> Table:
    channels = sorted({k.channel for k in kpis if k.channel})
    table = Table(title=words["kpis"], show_lines=False, expand=False)
    table.add_column("KPI")
    table.add_column(words["organisation"], justify="right")
    for channel in channels:
        table.add_column(Text(names.get(channel) or platform_name(channel)), justify="right")
    table.add_column(words["benchmark"], justify="right")
    by_id: dict[str, dict[str | None, KpiValue]] = {}
    for kpi in kpis:
        by_id.setdefault(kpi.id, {})[kpi.channel] = kpi
    for values in by_id.values():
        sample = next(iter(values.values()))
        org = values.get(None)
        benchmark = org.benchmark if org else None
        table.add_row(  # Text: a name or source like "Reactions [per 1000]" is not markup
            Text(sample.name),
            formatter.value(org.value, org.unit) if org else "",
            *[
                formatter.value(values[c].value, sample.unit) if c in values else ""
                for c in channels
            ],
            Text(benchmark.display) if benchmark else "",
        )
    return table


def _paragraph(text: str, width: int, indent: int = 3, style: str = "") -> Text:
    """`text` wrapped at spaces only, never at the no-break spaces French puts before : and %
    (the terminal's own wrapping breaks there)."""
    lines = textwrap.wrap(
        text,
        width=max(20, width - 1),
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
        break_long_words=False,
    )
    return Text("\n".join(lines), style=style)


def print_report(
    assessment: Assessment, registry: Registry, language: str, output: Path | None = None
) -> None:
    words = HEADINGS.get(language, HEADINGS["en"])
    names = assessment.channel_names
    formatter = Formatter(language, Vocabulary(channels=names, country=assessment.country))
    console = Console(record=output is not None, width=120 if output else None)
    colon = f"{NARROW_NBSP}:" if language == "fr" else ":"  # French puts a space before it
    header = Text.assemble(
        (assessment.organisation, "bold"),
        "\n",
        f"{words['score']}{colon} ",
        (f"{formatter.number(assessment.overall_score, 0)}/100", "bold"),
        "   ",
        f"{words['stage']}{colon} ",
        (STAGE_NAMES.get(language, STAGE_NAMES["en"])[assessment.maturity_stage.value], "bold"),
        "   ",
        f"{words['as_of']}{colon} {formatter.date(assessment.as_of, 'long')}",
    )
    dimensions = Table(title=words["dimensions"])
    dimensions.add_column("")
    dimensions.add_column("/100", justify="right")
    dimensions.add_column(words["count"], justify="right")
    for dim in assessment.dimensions:
        dimensions.add_row(
            DIMENSION_NAMES.get(language, DIMENSION_NAMES["en"])[dim.name.value],
            words["unknown"] if dim.score is None else formatter.number(dim.score, 0),
            str(dim.findings),
        )

    console.print(Panel(header))
    console.print(dimensions)
    console.print(_kpi_table(assessment.kpis, words, formatter, names))

    console.print(Text(words["findings"], style="bold underline"))
    if not assessment.findings:
        console.print(words["none"])
    for finding in assessment.findings:
        severity = formatter.severity(finding.severity.value)
        console.print(
            Text.assemble(
                (f" {severity} ", SEVERITY_STYLE[finding.severity.value]),
                (f" {finding.title}", "bold"),
                f" · {finding.code}",
            )
        )
        console.print(_paragraph(finding.message, console.width))
    console.print()
    console.print(Text(words["recommendations"], style="bold underline"))
    for rec in assessment.recommendations:
        channels = [names.get(c) or platform_name(c) for c in rec.channels]
        where = f" ({formatter.list(channels)})" if channels else ""
        severity = formatter.severity(rec.severity.value)
        points = f"+{formatter.number(rec.impact)} {words['points']}"
        console.print(
            Group(
                Text.assemble(
                    (f"{rec.priority}. {rec.title}{where}", "bold"),
                    "  ",
                    (severity, SEVERITY_STYLE[rec.severity.value]),
                    f" · {rec.code} · {points}",
                ),
                _paragraph(rec.action, console.width),
                _paragraph(formatter.citation(rec.source), console.width, style="dim"),
            )
        )
    notes = [e for e in assessment.errors if e.kind is ErrorKind.DATA]
    failures = [e for e in assessment.errors if e.kind is not ErrorKind.DATA]
    if notes:
        console.print()
        console.print(Text(words["incomplete"], style="bold underline"))
        for note in notes:
            where = f"{names.get(note.channel) or note.channel}{colon} " if note.channel else ""
            console.print(Text(f" {where}{note.message}", style="yellow"))
    if failures:
        console.print()
        console.print(Text(words["errors"], style="bold underline"))
        for error in failures:
            where = f" [{error.channel}]" if error.channel else ""
            console.print(
                Text(f" {error.kind.value} {error.source}{where}: {error.message}", style="red")
            )
    if output:
        output.write_text(console.export_text(), encoding="utf-8")

"""The readable assessment report, in the business owner's language."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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
        "organisation": "organisation",
        "as_of": "Data up to",
        "none": "No findings.",
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
        "organisation": "organisatie",
        "as_of": "Gegevens tot",
        "none": "Geen bevindingen.",
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
        "organisation": "organisation",
        "as_of": "Données jusqu'au",
        "none": "Aucun constat.",
    },
}

SEVERITY_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}


DIMENSION_NAMES = {
    "en": {
        "strategy": "Strategy",
        "execution": "Execution",
        "conversation": "Conversation",
        "evaluation": "Evaluation",
        "integration": "Integration",
    },
    "nl": {
        "strategy": "Strategie",
        "execution": "Uitvoering",
        "conversation": "Conversatie",
        "evaluation": "Evaluatie",
        "integration": "Integratie",
    },
    "fr": {
        "strategy": "Stratégie",
        "execution": "Exécution",
        "conversation": "Conversation",
        "evaluation": "Évaluation",
        "integration": "Intégration",
    },
}

STAGE_NAMES = {
    "en": {
        "adopted": "adopted",
        "planned": "planned",
        "active": "active",
        "measured": "measured",
        "integrated": "integrated",
    },
    "nl": {
        "adopted": "geadopteerd",
        "planned": "gepland",
        "active": "actief",
        "measured": "gemeten",
        "integrated": "geïntegreerd",
    },
    "fr": {
        "adopted": "adopté",
        "planned": "planifié",
        "active": "actif",
        "measured": "mesuré",
        "integrated": "intégré",
    },
}

_PER_WEEK = {"en": "/wk", "nl": "/week", "fr": "/sem."}


def _number(value: float, decimals: int, language: str) -> str:
    """Thousands and decimal separators as the reader writes them (1.234,5 in nl and fr)."""
    text = f"{value:,.{decimals}f}"
    if language in ("nl", "fr"):
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_value(value: float | None, unit: str, language: str = "en") -> str:
    if value is None:
        return "—"
    if unit == "ratio":
        return _number(value * 100, 1, language) + "%"
    if unit == "hours":
        return _number(value, 1, language) + " h"
    if unit == "per_week":
        return _number(value, 1, language) + _PER_WEEK.get(language, "/wk")
    if float(value).is_integer():
        return _number(value, 0, language)
    text = _number(value, 2 if abs(value) < 100 else 0, language)
    return text.rstrip("0") if abs(value) < 100 else text


def _kpi_table(kpis: list[KpiValue], words: dict[str, str], language: str) -> Table:
    channels = sorted({k.channel for k in kpis if k.channel})
    table = Table(title=words["kpis"], show_lines=False, expand=False)
    table.add_column("KPI")
    table.add_column(words["organisation"], justify="right")
    for channel in channels:
        table.add_column(Text(channel), justify="right")
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
            format_value(org.value, org.unit, language) if org else "",
            *[
                format_value(values[c].value, sample.unit, language) if c in values else ""
                for c in channels
            ],
            Text(f"{format_value(benchmark.value, sample.unit, language)} ({benchmark.source})")
            if benchmark
            else "",
        )
    return table


def print_report(
    assessment: Assessment, registry: Registry, language: str, output: Path | None = None
) -> None:
    words = HEADINGS.get(language, HEADINGS["en"])
    console = Console(record=output is not None, width=120 if output else None)
    header = Text.assemble(
        (assessment.organisation, "bold"),
        "\n",
        f"{words['score']}: ",
        (f"{assessment.overall_score:.0f}/100", "bold"),
        "   ",
        f"{words['stage']}: ",
        (STAGE_NAMES.get(language, STAGE_NAMES["en"])[assessment.maturity_stage.value], "bold"),
        "   ",
        f"{words['as_of']}: {assessment.as_of:%Y-%m-%d}",
    )
    dimensions = Table(title=words["dimensions"])
    dimensions.add_column("")
    dimensions.add_column("/100", justify="right")
    dimensions.add_column("#", justify="right")
    for dim in assessment.dimensions:
        dimensions.add_row(
            DIMENSION_NAMES.get(language, DIMENSION_NAMES["en"])[dim.name.value],
            f"{dim.score:.0f}",
            str(dim.findings),
        )

    console.print(Panel(header))
    console.print(dimensions)
    console.print(_kpi_table(assessment.kpis, words, language))

    console.print(Text(words["findings"], style="bold underline"))
    if not assessment.findings:
        console.print(words["none"])
    for finding in assessment.findings:
        where = f" [{finding.channel}]" if finding.channel else ""
        console.print(
            Text.assemble(
                (f" {finding.severity.value.upper()} ", SEVERITY_STYLE[finding.severity.value]),
                f" {finding.code} {finding.name}{where}: ",
                (finding.message, ""),
            )
        )
    console.print()
    console.print(Text(words["recommendations"], style="bold underline"))
    for rec in assessment.recommendations:
        where = f" ({', '.join(rec.channels)})" if rec.channels else ""
        console.print(
            Group(
                Text.assemble(
                    (f"{rec.priority}. {rec.title}{where}", "bold"),
                    f"  [{rec.code}, +{rec.impact:g}]",
                ),
                Text(f"   {rec.action}"),
                Text(f"   {rec.source}", style="dim"),
            )
        )
    notes = [e for e in assessment.errors if e.kind is ErrorKind.DATA]
    failures = [e for e in assessment.errors if e.kind is not ErrorKind.DATA]
    if notes:
        console.print()
        console.print(Text(words["incomplete"], style="bold underline"))
        for note in notes:
            where = f"{note.channel}: " if note.channel else ""
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

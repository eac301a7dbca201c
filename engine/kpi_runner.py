"""Compute every KPI, in dependency order, each call inside its own error boundary."""

from __future__ import annotations

from collections.abc import Callable
from graphlib import CycleError, TopologicalSorter

from socialaudit.engine.boundary import Guard
from socialaudit.engine.context import AssessmentContext
from socialaudit.engine.definitions import Kpi, Measurement, Measures
from socialaudit.engine.formatting import Formatter
from socialaudit.engine.model.assessment import (
    AssessmentError,
    BenchmarkComparison,
    ErrorKind,
    KpiValue,
)
from socialaudit.engine.text import pick


def dependency_order(kpis: dict[str, Kpi]) -> tuple[list[Kpi], list[AssessmentError]]:
    """KPIs sorted so that each comes after what it depends on; a KPI in a cycle or depending
    on an unknown KPI is reported and left out."""
    errors = []
    usable = dict(kpis)
    for kpi in kpis.values():
        missing = [d for d in kpi.depends_on if d not in kpis]
        if missing:
            errors.append(
                AssessmentError(
                    kind=ErrorKind.KPI,
                    source=kpi.id,
                    message=f"depends on unknown KPI(s) {', '.join(missing)}",
                )
            )
            usable.pop(kpi.id)
    graph = {k.id: [d for d in k.depends_on if d in usable] for k in usable.values()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        cycle = exc.args[1]
        errors.append(
            AssessmentError(
                kind=ErrorKind.KPI,
                source=cycle[0],
                message=f"circular dependency: {' -> '.join(cycle)}",
            )
        )
        for kpi_id in set(cycle):
            graph.pop(kpi_id, None)
        graph = {k: [d for d in deps if d in graph] for k, deps in graph.items()}
        order = list(TopologicalSorter(graph).static_order())
    return [usable[k] for k in order if k in usable], errors


def _as_measurement(result: object) -> Measurement:
    if isinstance(result, Measurement):
        return result
    if result is None:
        return Measurement(None)
    if isinstance(result, bool) or not isinstance(result, int | float):
        raise TypeError(f"returned {type(result).__name__}; expected a number, None or Measurement")
    return Measurement(float(result))


_LABELS = {
    Measures.AVERAGE: {
        "en": "{value} on average",
        "nl": "gemiddeld {value}",
        "fr": "{value} en moyenne",
    },
    Measures.FLOOR: {"en": "at least {value}", "nl": "minstens {value}", "fr": "au moins {value}"},
    Measures.FAILURE_RATE: {"en": "{value} fail", "nl": "{value} faalt", "fr": "{value} d'échecs"},
    Measures.SHARE: {"en": "{value}", "nl": "{value}", "fr": "{value}"},
}


def _comparison(
    ctx: AssessmentContext, kpi: Kpi, value: float | None, formatter: Formatter
) -> BenchmarkComparison | None:
    """The KPI next to its benchmark, read the way the figure means: `difference` is taken
    against the figure in the KPI's terms (a failure rate's complement), and a failure rate is
    never a target, so being better than it is not `meets`."""
    benchmark = ctx.benchmark_for(kpi.id)
    if benchmark is None:
        return None
    reference = benchmark.reference()
    meets = None
    if value is not None and kpi.higher_is_better is not None:
        if benchmark.measures is Measures.FAILURE_RATE:
            meets = False if (value < reference) == kpi.higher_is_better else None
        elif benchmark.measures is Measures.FLOOR:
            meets = value >= reference if kpi.higher_is_better else value <= reference
    shown = formatter.value(benchmark.value, kpi.unit.value)
    label = formatter.render(benchmark.label or _LABELS[benchmark.measures], value=shown)
    return BenchmarkComparison(
        id=benchmark.id,
        value=benchmark.value,
        measures=benchmark.measures.value,
        reference=reference,
        source=benchmark.source,
        year=benchmark.year,
        population=benchmark.population,
        difference=None if value is None else round(value - reference, 6),
        meets=meets,
        display=f"{label} ({benchmark.source})",
    )


def compute_kpis(
    ctx: AssessmentContext, kpis: dict[str, Kpi], guard: Guard, timeout: float, formatter: Formatter
) -> tuple[list[KpiValue], list[AssessmentError]]:
    """Fill `ctx.measurements` and return the values to report."""
    ordered, errors = dependency_order(kpis)
    values: list[KpiValue] = []

    def record(
        kpi: Kpi, channel: str | None, formula: Callable[..., object], *args: object
    ) -> None:
        outcome = guard.call(formula, ctx, *args, timeout=timeout)
        measurement = None
        error = outcome.error
        if error is None:
            try:
                measurement = _as_measurement(outcome.value)
            except TypeError as exc:
                error = str(exc)
        if error is not None:
            errors.append(
                AssessmentError(kind=ErrorKind.KPI, source=kpi.id, channel=channel, message=error)
            )
            measurement = Measurement(None, {"error": error})
        assert measurement is not None
        ctx.measurements[(kpi.id, channel)] = measurement
        values.append(
            KpiValue(
                id=kpi.id,
                name=pick(kpi.name, formatter.language),
                channel=channel,
                value=measurement.value,
                unit=kpi.unit.value,
                display=formatter.value(measurement.value, kpi.unit.value),
                higher_is_better=kpi.higher_is_better,
                detail=measurement.detail,
                benchmark=_comparison(ctx, kpi, measurement.value, formatter),
            )
        )

    for kpi in ordered:
        if kpi.per_channel:
            for key, view in ctx.channels.items():
                record(kpi, key, kpi.per_channel, view)
        if kpi.per_organisation:
            record(kpi, None, kpi.per_organisation)
    # computed in dependency order, reported in the order the plugins declared them
    declared = {kpi_id: index for index, kpi_id in enumerate(kpis)}
    values.sort(key=lambda v: (declared[v.id], v.channel is not None, v.channel or ""))
    return values, errors

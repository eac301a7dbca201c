"""Shared pieces of rule options."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from socialaudit.plugin import AssessmentContext


class Options(BaseModel):
    """Base of every rule's options: frozen, and a misspelt option is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def sample_size(ctx: AssessmentContext, kpi_id: str, channel: str | None = None) -> int | None:
    """How many cases a KPI's value rests on (its detail's `sample`); None for a KPI that does
    not summarise a distribution (a count, a profile fact)."""
    sample = ctx.kpi_detail(kpi_id, channel).get("sample")
    return None if sample is None else int(sample)


def enough_cases(ctx: AssessmentContext, kpi_id: str, channel: str | None, minimum: int) -> bool:
    """No statistic from too few cases: a rule judges a KPI only on `minimum` cases or more."""
    sample = sample_size(ctx, kpi_id, channel)
    return sample is None or sample >= minimum


def as_shown(value: float, decimals: int) -> float:
    """The value at the precision the text shows it, so that a comparison agrees with what the
    reader sees: 2.96% shown as 3% is not "below the 3% target"."""
    return round(value, decimals)


def on_a_channel(_options: BaseModel) -> dict[str, str]:
    """The example evidence of a rule whose fix names only the channel: one Instagram
    account, so that its catalogue page reads "Answer on Instagram"."""
    return {"channel": "instagram"}


def texts(en: str, nl: str, fr: str, nl_nl: str | None = None) -> dict[str, str]:
    """A text in the three languages, written whole in each; `nl_nl` where Dutch in the
    Netherlands says it differently from Flemish (``mkb`` for ``kmo``)."""
    written = {"en": en, "nl": nl, "fr": fr}
    if nl_nl is not None:
        written["nl-NL"] = nl_nl
    return written

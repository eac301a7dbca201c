"""KPI definitions: what is measured, how, and which way is better."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from socialaudit.engine.measures import Measurement, Unit
from socialaudit.engine.text import LocalisedText

if TYPE_CHECKING:
    from socialaudit.engine.context import AssessmentContext, ChannelView

KPI_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class KpiLevel(StrEnum):
    ORGANISATION = "organisation"
    CHANNEL = "channel"
    BOTH = "both"


KpiResult = Measurement | float | int | None
ChannelFormula = Callable[["AssessmentContext", "ChannelView"], KpiResult]
OrganisationFormula = Callable[["AssessmentContext"], KpiResult]


@dataclass(frozen=True)
class Kpi:
    """A KPI definition.

    Give `per_channel` for a value per channel, `per_organisation` for the organisation's value,
    or both. `depends_on` names the KPIs whose values the formulas read through
    ``ctx.kpi(...)``; the engine computes those first.
    """

    id: str
    name: LocalisedText
    unit: Unit
    description: LocalisedText
    formula: str
    higher_is_better: bool | None = None
    depends_on: tuple[str, ...] = ()
    per_channel: ChannelFormula | None = None
    per_organisation: OrganisationFormula | None = None
    vanity: bool = False
    """True for counts that look good without saying anything about a goal (followers, likes)."""
    hard: bool = False
    """True for KPIs that measure a business outcome (conversions, leads, sales)."""
    version: str = "1"
    source: str = ""
    """The study or documentation the formula follows (shown by ``socialaudit kpis --explain``)."""
    unknown_when: LocalisedText | str = ""
    """When the value is null, in the reader's words; the default text says "when the data
    does not tell"."""

    @property
    def level(self) -> KpiLevel:
        if self.per_channel and self.per_organisation:
            return KpiLevel.BOTH
        return KpiLevel.CHANNEL if self.per_channel else KpiLevel.ORGANISATION

    def problems(self) -> list[str]:
        """What makes this definition unusable; empty when it is fine."""
        found = []
        if not KPI_ID_PATTERN.match(self.id):
            found.append(f"KPI id '{self.id}' must be snake_case (a-z, 0-9, _)")
        if not (self.per_channel or self.per_organisation):
            found.append(f"KPI '{self.id}' has neither per_channel nor per_organisation")
        if not isinstance(self.unit, Unit):
            found.append(f"KPI '{self.id}' unit must be a Unit, got {self.unit!r}")
        return found

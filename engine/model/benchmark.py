"""Reference figures from the studies, to compare an organisation's KPIs with peers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from socialaudit.engine.measures import Unit
from socialaudit.engine.model.profile import Market, Sector
from socialaudit.engine.text import LocalisedText


class Measures(StrEnum):
    """What a benchmark's figure is, which decides how a KPI is read next to it."""

    AVERAGE = "average"
    """What peers do on average (NSMA 2018: B2C uses 4.1 channels)."""
    FLOOR = "floor"
    """A minimum to reach (Arnold Worldwide: 60% expect an answer)."""
    FAILURE_RATE = "failure_rate"
    """How often peers fail (Maritz: 85% got no answer): a warning, never a target; a value
    better than it is not good, only less bad."""
    SHARE = "share"
    """The share of organisations that do something (NSMA 2018: 29.2% set goals up front)."""


@dataclass(frozen=True)
class Benchmark:
    """A figure with its study, year and population.

    `kpi` links it to a KPI for comparison; `market` and `sector` narrow which organisations it
    applies to (None = all). The most specific matching benchmark is the one compared with.
    `measures` says what the figure is; a failure rate is stated as failures ("85% got no
    answer") and compared with the KPI's complement. `label` is how the figure reads next to a
    KPI, with a ``{value}`` placeholder.
    """

    id: str
    value: float
    unit: Unit
    description: LocalisedText
    source: str
    population: str
    year: int | None = None
    kpi: str | None = None
    market: Market | None = None
    sector: Sector | None = None
    measures: Measures = Measures.AVERAGE
    label: LocalisedText | None = None

    def reference(self) -> float:
        """The figure in the KPI's own terms: for a failure rate, the share that did not fail."""
        return 1.0 - self.value if self.measures is Measures.FAILURE_RATE else self.value

    def problems(self) -> list[str]:
        """What makes this definition unusable; empty when it is fine."""
        if not isinstance(self.unit, Unit):
            return [f"benchmark '{self.id}' unit must be a Unit, got {self.unit!r}"]
        return []

    def applies_to(self, market: Market, sector: Sector) -> bool:
        return (self.market in (None, market)) and (self.sector in (None, sector))

    @property
    def specificity(self) -> int:
        return (self.market is not None) + (self.sector is not None)

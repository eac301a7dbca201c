"""Reference figures from the studies, to compare an organisation's KPIs with peers."""

from __future__ import annotations

from dataclasses import dataclass

from socialaudit.engine.model.profile import Market, Sector
from socialaudit.engine.text import LocalisedText


@dataclass(frozen=True)
class Benchmark:
    """A figure with its study, year and population.

    `kpi` links it to a KPI for comparison; `market` and `sector` narrow which organisations it
    applies to (None = all). The most specific matching benchmark is the one compared with.
    """

    id: str
    value: float
    unit: str
    description: LocalisedText
    source: str
    population: str
    year: int | None = None
    kpi: str | None = None
    market: Market | None = None
    sector: Sector | None = None

    def applies_to(self, market: Market, sector: Sector) -> bool:
        return (self.market in (None, market)) and (self.sector in (None, sector))

    @property
    def specificity(self) -> int:
        return (self.market is not None) + (self.sector is not None)

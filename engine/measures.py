"""What a KPI value is: its unit, and the value with what it rests on.

Kept apart from the KPI definitions so that the assessment context, which holds values, need
not know the records that compute them (the definitions type their formulas with the context).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Unit(StrEnum):
    """How a KPI value reads. Ratios are fractions (0.25 = 25%) and are computed here, not by
    the frontend."""

    COUNT = "count"
    RATIO = "ratio"
    PER_WEEK = "per_week"
    HOURS = "hours"
    EUR = "eur"
    NUMBER = "number"


@dataclass(frozen=True)
class Measurement:
    """A KPI value with what it rests on, e.g. which denominator an engagement rate used.

    `value` None means unknown: the data does not tell, which is different from zero.
    """

    value: float | None
    detail: dict[str, Any] = field(default_factory=dict)

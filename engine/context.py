"""What KPI formulas and rules see while an assessment runs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

import polars as pl

from socialaudit.engine.measures import Measurement, Unit
from socialaudit.engine.model.benchmark import Benchmark
from socialaudit.engine.model.channel_data import ChannelData
from socialaudit.engine.model.profile import ChannelProfile, Objective, Organisation


class KpiFacts(Protocol):
    """What a rule may read of a KPI's definition (a `Kpi` is one). A protocol rather than the
    record itself: the records type their formulas with this context, and the context must not
    depend on them in turn."""

    @property
    def id(self) -> str: ...
    @property
    def unit(self) -> Unit: ...
    @property
    def higher_is_better(self) -> bool | None: ...
    @property
    def vanity(self) -> bool: ...
    @property
    def hard(self) -> bool: ...
    @property
    def per_channel(self) -> object | None: ...
    @property
    def per_organisation(self) -> object | None: ...


@dataclass
class ChannelView:
    """One channel during an assessment.

    `posts` carries, besides the adapter's columns, the classifier's ``language``, ``label``
    and ``confidence``; `messages` (audience only) carries the same for messages. Both labels
    are null when no classifier ran.
    """

    key: str
    profile: ChannelProfile
    data: ChannelData
    objectives: list[Objective]
    window_start: datetime
    _windowed: dict[str, tuple[pl.DataFrame, datetime, pl.DataFrame]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def posts(self) -> pl.DataFrame:
        return self.data.posts

    @property
    def messages(self) -> pl.DataFrame:
        return self.data.messages

    @property
    def recent_posts(self) -> pl.DataFrame:
        """Posts in the assessment window (the `window_days` before the as-of time); the same
        frame for every reader, so do not change it in place."""
        return self._in_window("posts")

    @property
    def recent_messages(self) -> pl.DataFrame:
        """Audience messages in the assessment window; the same frame for every reader."""
        return self._in_window("messages")

    def _in_window(self, kind: str) -> pl.DataFrame:
        """Filtered once per frame and window, not once per KPI that reads it (each filter
        against a datetime costs half a millisecond, and some forty formulas read the window):
        again when the frame is another object (the classifier attaches its labels by
        replacing the frame) or the window moved."""
        frame: pl.DataFrame = getattr(self.data, kind)
        known = self._windowed.get(kind)
        if known is not None and known[0] is frame and known[1] == self.window_start:
            return known[2]
        recent = frame.filter(pl.col("created_at") > self.window_start)
        self._windowed[kind] = (frame, self.window_start, recent)
        return recent

    @property
    def followers(self) -> int | None:
        return self.profile.followers if self.profile.followers is not None else self.data.followers


@dataclass
class AssessmentContext:
    """The organisation, its channels, the reference time and the KPI values so far.

    `as_of` is the assessment's "now": every "in the last 90 days" is measured back from it,
    so assessing an old export gives the same result on any day.
    """

    organisation: Organisation
    channels: dict[str, ChannelView]
    as_of: datetime
    window_days: int = 90
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    kpi_definitions: Mapping[str, KpiFacts] = field(default_factory=dict)
    measurements: dict[tuple[str, str | None], Measurement] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
    """Room for a plugin to keep work shared by several formulas within one assessment
    (e.g. cross-channel text matching); keys should start with the plugin's name."""

    @property
    def window_start(self) -> datetime:
        return self.as_of - timedelta(days=self.window_days)

    def kpi(self, kpi_id: str, channel: str | None = None) -> float | None:
        """A computed KPI value; None when unknown, failed or not computed."""
        found = self.measurements.get((kpi_id, channel))
        return found.value if found else None

    def kpi_detail(self, kpi_id: str, channel: str | None = None) -> dict[str, Any]:
        found = self.measurements.get((kpi_id, channel))
        return dict(found.detail) if found else {}

    def benchmark_for(self, kpi_id: str) -> Benchmark | None:
        """The most specific benchmark for this KPI that fits the organisation's market and
        sector."""
        org = self.organisation
        fitting = [
            b
            for b in self.benchmarks.values()
            if b.kpi == kpi_id and b.applies_to(org.market, org.sector)
        ]
        return max(fitting, key=lambda b: b.specificity, default=None)

"""The built-in KPIs: activity, engagement, conversation, content mix, goals, cross-posting,
reposts, sentiment.

Activity KPIs look at the assessment window (``[assessment] window_days`` in `plugins.toml`,
90 days by default) before the as-of time.
"""

from __future__ import annotations

from collections.abc import Iterator

from socialaudit.plugin import Kpi, hookimpl
from socialaudit.plugins.kpis import (
    activity,
    content_mix,
    conversation,
    cross_posting,
    engagement,
    goals,
    reposts,
    sentiment,
)


@hookimpl
def socialaudit_kpis() -> Iterator[Kpi]:
    for module in (
        activity,
        engagement,
        conversation,
        content_mix,
        goals,
        cross_posting,
        reposts,
        sentiment,
    ):
        yield from module.KPIS

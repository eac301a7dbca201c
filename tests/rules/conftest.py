"""Evaluate one built-in rule on a hand-made context: profile, KPI values and channel data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl
import pytest

from socialaudit.engine.context import AssessmentContext, ChannelView
from socialaudit.engine.definitions import Hit, Measurement
from socialaudit.engine.model.channel_data import POST_SCHEMA, ChannelData, conform
from socialaudit.engine.model.profile import Organisation
from socialaudit.engine.registry import Registry, build_registry

AS_OF = datetime(2024, 6, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def registry() -> Registry:
    return build_registry()


def recent_posts(count: int) -> pl.DataFrame:
    rows = [
        {"id": str(i), "created_at": AS_OF - timedelta(days=i + 1), "text": "x"}
        for i in range(count)
    ]
    return conform(pl.DataFrame(rows), POST_SCHEMA) if rows else pl.DataFrame(schema=POST_SCHEMA)


def context(
    registry: Registry,
    profile: dict[str, Any] | None = None,
    kpis: dict[tuple[str, str | None], float | None] | None = None,
    details: dict[tuple[str, str | None], dict[str, Any]] | None = None,
    messages_known: bool = True,
    posts: int = 10,
) -> AssessmentContext:
    """A context for an organisation with the given profile (default: one facebook channel)."""
    organisation = Organisation.model_validate(
        {
            "name": "Test",
            "market": "b2c",
            "channels": [{"platform": "facebook", "handle": "shop"}],
            **(profile or {}),
        }
    )
    views = {
        channel.key: ChannelView(
            key=channel.key,
            profile=channel,
            data=ChannelData(
                posts=recent_posts(posts),
                messages=pl.DataFrame(),
                messages_known=messages_known,
                followers=channel.followers,
            ),
            objectives=organisation.goals_for_channel(channel.key),
            window_start=AS_OF - timedelta(days=90),
        )
        for channel in organisation.channels
    }
    measurements = {
        key: Measurement(value, (details or {}).get(key, {})) for key, value in (kpis or {}).items()
    }
    for key, detail in (details or {}).items():
        measurements.setdefault(key, Measurement(None, detail))
    return AssessmentContext(
        organisation=organisation,
        channels=views,
        as_of=AS_OF,
        benchmarks=registry.benchmarks,
        kpi_definitions=registry.kpis,
        measurements=measurements,
    )


def hits(registry: Registry, code: str, ctx: AssessmentContext, **options: Any) -> list[Hit]:
    """The rule's hits over the organisation or every channel, with default or given options."""
    rule = registry.rules[code]
    chosen = rule.options.model_validate(options)
    outcomes = [rule.per_organisation(ctx, chosen)] if rule.per_organisation else []
    if rule.per_channel:
        outcomes += [rule.per_channel(ctx, view, chosen) for view in ctx.channels.values()]
    found: list[Hit] = []
    for outcome in outcomes:
        if isinstance(outcome, Hit):
            found.append(outcome)
        elif outcome:
            found.extend(outcome)
    return found

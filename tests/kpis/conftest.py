"""Assess hand-made channel data through the real pipeline and read KPI values back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl
import pytest

from socialaudit.engine.loading import OrganisationInput
from socialaudit.engine.model.channel_data import (
    INTERACTION_SCHEMA,
    POST_SCHEMA,
    ChannelData,
    conform,
)
from socialaudit.engine.model.profile import Organisation
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import Registry, build_registry

AS_OF = datetime(2024, 6, 30, 12, tzinfo=UTC)


def days_ago(days: float) -> datetime:
    return AS_OF - timedelta(days=days)


def posts(*rows: dict[str, Any]) -> pl.DataFrame:
    return (
        conform(pl.DataFrame(list(rows), infer_schema_length=None), POST_SCHEMA)
        if rows
        else pl.DataFrame(schema=POST_SCHEMA)
    )


def messages(*rows: dict[str, Any]) -> pl.DataFrame:
    return (
        conform(pl.DataFrame(list(rows), infer_schema_length=None), INTERACTION_SCHEMA)
        if rows
        else pl.DataFrame(schema=INTERACTION_SCHEMA)
    )


def channel(
    post_rows: pl.DataFrame | None = None,
    message_rows: pl.DataFrame | None = None,
    followers: int | None = None,
) -> ChannelData:
    return ChannelData(
        posts=post_rows if post_rows is not None else posts(),
        messages=message_rows if message_rows is not None else messages(),
        messages_known=message_rows is not None,
        followers=followers,
    )


Values = dict[tuple[str, str | None], Any]
Measure = Callable[..., Values]


@pytest.fixture(scope="session")
def registry() -> Registry:
    return build_registry()


@pytest.fixture
def measure(registry: Registry) -> Measure:
    """KPI values by (id, channel) for a profile dict and channel data by key."""

    def run(profile: dict[str, Any], channels: dict[str, ChannelData]) -> Values:
        organisation = Organisation.model_validate({"name": "Test", "market": "b2c", **profile})
        assessment = assess(OrganisationInput(organisation, channels), registry, as_of=AS_OF)
        kpi_errors = [e for e in assessment.errors if e.kind == "kpi"]
        assert not kpi_errors, kpi_errors
        return {(k.id, k.channel): k for k in assessment.kpis}

    return run


def two_channels(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "channels": [
            {"platform": "facebook", "handle": "shop"},
            {"platform": "instagram", "handle": "shop"},
        ],
        **(extra or {}),
    }

"""Ways to turn channel values into the organisation's value."""

from __future__ import annotations

import polars as pl

from socialaudit.plugin import AssessmentContext, ChannelView


def sum_of_channels(ctx: AssessmentContext, kpi_id: str) -> float | None:
    """The sum of the channels' known values; unknown when no channel's value is known."""
    known = [v for key in ctx.channels if (v := ctx.kpi(kpi_id, key)) is not None]
    return float(sum(known)) if known else None


def pooled(frames: list[pl.DataFrame]) -> pl.DataFrame | None:
    """All channels' rows as one frame, so that organisation ratios weigh every item once."""
    frames = [f for f in frames if f.height]
    return pl.concat(frames, how="vertical_relaxed") if frames else None


def channels_with_messages(ctx: AssessmentContext) -> list[ChannelView]:
    """Channels whose data carries audience messages: the others cannot tell."""
    return [view for view in ctx.channels.values() if view.data.messages_known]

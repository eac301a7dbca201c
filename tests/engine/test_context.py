"""The window's posts and messages are filtered once and handed to every KPI that reads them,
and filtered anew when the frame or the window changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import polars as pl

from socialaudit.engine.context import ChannelView
from socialaudit.engine.model.channel_data import (
    INTERACTION_SCHEMA,
    POST_SCHEMA,
    ChannelData,
    conform,
)
from socialaudit.engine.model.profile import Organisation

NOW = datetime(2024, 6, 30, tzinfo=UTC)


def frame(days_ago: list[int], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    rows = [
        {"id": str(d), "created_at": NOW - timedelta(days=d), "text": f"t{d}", "kind": "comment"}
        for d in days_ago
    ]
    return conform(pl.DataFrame(rows), schema)


def view() -> ChannelView:
    organisation = Organisation.model_validate(
        {"name": "T", "market": "b2c", "channels": [{"platform": "facebook", "handle": "t"}]}
    )
    data = ChannelData(
        posts=frame([1, 30, 120], POST_SCHEMA),
        messages=frame([2, 200], INTERACTION_SCHEMA),
        messages_known=True,
        followers=None,
    )
    profile = organisation.channels[0]
    return ChannelView(profile.key, profile, data, [], NOW - timedelta(days=90))


def test_the_window_is_filtered_once_per_frame() -> None:
    channel = view()
    recent = channel.recent_posts
    assert recent["id"].to_list() == ["1", "30"]
    assert channel.recent_posts is recent
    assert channel.recent_messages["id"].to_list() == ["2"]
    assert channel.recent_messages is channel.recent_messages


def test_a_replaced_frame_or_a_moved_window_is_filtered_anew() -> None:
    channel = view()
    before = channel.recent_posts
    channel.data.posts = frame([5, 100], POST_SCHEMA)  # as the classifier attaches labels
    assert channel.recent_posts["id"].to_list() == ["5"]
    assert channel.recent_posts is not before
    channel.window_start = NOW - timedelta(days=150)
    assert channel.recent_posts["id"].to_list() == ["5", "100"]
    assert channel.recent_messages["id"].to_list() == ["2"]

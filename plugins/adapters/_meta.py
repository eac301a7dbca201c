"""Meta's Graph API conventions, shared by the Facebook and Instagram adapters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socialaudit.plugin import InputError
from socialaudit.plugins.adapters._json import count, dig

INSIGHT_COLUMNS: dict[str, str] = {
    # Meta renamed impressions to views on 15 Nov 2025 and unique impressions to unique views
    # on 15 Jun 2026; either name fills the same column, the newer one winning.
    "post_media_view": "impressions",
    "post_impressions": "impressions",
    "post_total_media_view_unique": "reach",
    "post_impressions_unique": "reach",
    "post_clicks": "clicks",
    "post_video_views": "video_views",
    # Instagram media insights
    "views": "impressions",
    "impressions": "impressions",
    "reach": "reach",
    "plays": "video_views",
    "ig_reels_aggregated_all_plays_count": "video_views",
}


def insights(record: dict[str, Any], path: Path, where: str) -> dict[str, int | None]:
    """Lifetime insight values expanded as the ``insights`` field of a post or media.
    ``{"data": []}`` (a page under 100 likes, a post older than two years) leaves them
    unknown."""
    block = record.get("insights")
    if block is None:
        return {}
    entries = dig(block, ("data",), path, f"{where}.insights")
    if not isinstance(entries, list):
        raise InputError("expected a list", file=path, field=f"{where}.insights.data")
    found: dict[str, tuple[int, int | None]] = {}
    priority = list(INSIGHT_COLUMNS)
    for index, entry in enumerate(entries):
        entry_where = f"{where}.insights.data[{index}]"
        name = entry.get("name") if isinstance(entry, dict) else None
        if name not in INSIGHT_COLUMNS:
            continue
        values = entry.get("values")
        if not isinstance(values, list) or not values:
            continue
        value = values[-1].get("value") if isinstance(values[-1], dict) else None
        if isinstance(value, dict):
            continue  # a breakdown (reactions by type), not a total
        number = count(value, path, f"{entry_where}.values[{len(values) - 1}].value")
        column, rank = INSIGHT_COLUMNS[name], priority.index(name)
        if column not in found or rank < found[column][0]:
            found[column] = (rank, number)
    return {column: number for column, (_rank, number) in found.items()}

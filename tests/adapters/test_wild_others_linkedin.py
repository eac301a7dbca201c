"""The one real LinkedIn page export found (``../shared/wild-samples/linkedin``).

The expected figures come from reading the workbook's cells with openpyxl directly: 98 data
rows under the title and header rows, 79 distinct ``Post link`` values, 8 links with
``Sponsored`` rows; the title row says its dates are UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.loading import choose_adapter, sample_file
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from tests.adapters.conftest import options

PATH = (
    Path(__file__).parents[2].parent
    / "shared/wild-samples/linkedin/leaf-space_content_1753863379800.xlsx"
)

pytestmark = pytest.mark.skipif(not PATH.is_file(), reason="../shared/wild-samples is absent")


def _cells() -> list[tuple[object, ...]]:
    book = load_workbook(PATH, read_only=True)
    rows = list(book["All posts"].iter_rows(values_only=True))
    book.close()
    return rows


def test_boosted_posts_count_once_with_organic_figures(
    adapters: dict[str, ChannelAdapter],
) -> None:
    title, header, *rows = _cells()
    assert "All dates and times are in UTC" in str(title[0])
    link, kind, impressions = (header.index(n) for n in ("Post link", "Post type", "Impressions"))
    assert len(rows) == 98
    organic = {r[link]: r[impressions] for r in rows if r[kind] == "Organic"}
    boosted = {r[link] for r in rows if r[kind] == "Sponsored"}
    assert (len({r[link] for r in rows}), len(organic), len(boosted)) == (79, 79, 8)

    profile = ChannelProfile(platform="linkedin", handle="leaf-space")
    adapter = choose_adapter(sample_file(PATH), profile, adapters, "channels[0].data")
    data = merge_channel(profile, [adapter.read(PATH, options("linkedin", "leaf-space"))])
    assert data.posts.height == 79
    by_link = dict(zip(data.posts["permalink"], data.posts["impressions"], strict=True))
    assert by_link == organic  # the Organic row's figures, not Total's, for every post
    assert not data.messages_known  # the export holds no comments
    newest = data.posts["created_at"].max()
    assert newest == datetime(2025, 7, 20, 0, 0, tzinfo=UTC)  # "07/20/2025", read as UTC

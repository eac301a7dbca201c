"""Files imported one after another keep the more precise time, as merging them in the engine
does: a date-only export (X account analytics) never moves the organisation's reply, stored
with its time of day from the API, to midnight, whatever the order of the imports."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import polars as pl
import pytest
from starlette.applications import Starlette

from tests.api.conftest import create_bakery, import_inline, stored_frames

FIXTURES = Path(__file__).parents[1] / "adapters" / "fixtures" / "x"
REPLY_ID = "1765099999999999999"
ANALYTICS = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,"
    "New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,"
    "Permalink Clicks\n"
    f'{REPLY_ID},"Tue, Mar 5, 2024","@sofie_ds Dag Sofie, ja hoor, woensdag kan nog! 🙂",'
    f"https://x.com/FietsenVerbeke/status/{REPLY_ID},40,1,1,0,0,0,0,0,0,0,0,0,0\n"
)
pytestmark = pytest.mark.anyio

X_CHANNEL = [{"platform": "x", "handle": "FietsenVerbeke"}]


@pytest.mark.parametrize("analytics_first", [True, False])
async def test_a_date_only_import_never_replaces_a_stored_time_of_day(
    client: httpx.AsyncClient, app: Starlette, analytics_first: bool
) -> None:
    organisation = await create_bakery(client, channels=X_CHANNEL)
    channel = organisation["channels"][0]["id"]
    files = [
        ((FIXTURES / "api_timeline.json").read_text(encoding="utf-8"), "timeline.json"),
        ((FIXTURES / "api_mentions.json").read_text(encoding="utf-8"), "mentions.json"),
    ]
    export = (ANALYTICS, "account_analytics_content_2024-03-01_2024-03-31.csv")
    for content, name in [export, *files] if analytics_first else [*files, export]:
        outcome = await import_inline(client, channel, content, filename=name)
        assert outcome["userErrors"] == []
    _, interactions = stored_frames(app, channel)
    reply = interactions.filter(pl.col("id") == REPLY_ID)
    assert reply.height == 1
    # the API's 16:40 UTC, not the export's local midnight
    assert reply["created_at"].item() == datetime(2024, 3, 5, 16, 40, tzinfo=UTC)

"""X: API v2 responses and the two CSV exports."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import load_organisation
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import build_registry
from tests.adapters.conftest import FIXTURES, Read, detected_by

HANDLE = "FietsenVerbeke"
PROFILE = ChannelProfile(platform="x", handle=HANDLE)


def test_timeline_posts_replies_and_retweets(read: Read) -> None:
    part = read("x-api-v2", "x/api_timeline.json", handle=HANDLE)
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    assert set(posts) == {"1765012345678901234", "1766500000000000002"}
    first = posts["1765012345678901234"]
    assert (first["impressions"], first["reactions"], first["comments"], first["shares"]) == (
        1204,
        17,
        2,
        3,
    )
    assert first["created_at"] == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    assert first["media_type"] == "link"
    assert part.reposts is not None
    (retweet,) = part.reposts.to_dicts()  # a repost, not a post
    assert retweet["id"] == "1766000000000000001"
    assert retweet["shares"] is None and retweet["reactions"] is None  # the original's counts
    assert retweet["text"].startswith("Zondag autovrije dag in Gent! 🚲 Alle info")
    assert posts["1766500000000000002"]["impressions"] is None  # impression_count absent
    assert part.organisation_ids == {"1234567890"}
    assert not part.carries_interactions  # only the organisation's own tweets
    reply = part.interactions.to_dicts()[0]
    assert reply["from_organisation"] is True and reply["parent_id"] == "1765055555555555555"


def test_mentions_become_audience_messages_answered_by_the_timeline(read: Read) -> None:
    timeline = read("x-api-v2", "x/api_timeline.json", handle=HANDLE)
    mentions = read("x-api-v2", "x/api_mentions.json", handle=HANDLE)
    assert mentions.carries_interactions and mentions.posts.height == 0
    assert mentions.organisation_ids == {"1234567890"}  # from the mention entities
    data = merge_channel(PROFILE, [timeline, mentions])
    messages = {row["id"]: row for row in data.messages.to_dicts()}
    assert set(messages) == {"1765055555555555555", "1765077777777777777"}
    sofie = messages["1765055555555555555"]
    assert sofie["kind"] == "reply" and sofie["post_id"] == "1765012345678901234"
    assert sofie["reply_created_at"] == datetime(2024, 3, 5, 16, 40, tzinfo=UTC)
    arabic = messages["1765077777777777777"]
    assert arabic["kind"] == "mention" and arabic["reply_created_at"] is None
    assert "مرحبا" in arabic["text"]


def test_tweet_activity_export(read: Read) -> None:
    part = read("x-tweet-activity-csv", "x/tweet_activity.csv", handle=HANDLE)
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    assert set(posts) == {"1765012345678901234", "1764400000000000000"}
    first = posts["1765012345678901234"]
    assert (first["impressions"], first["reactions"], first["clicks"]) == (1250, 18, 22)  # 1250.0
    assert first["created_at"] == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    replies = part.interactions.to_dicts()
    assert [r["id"] for r in replies] == ["1765099999999999999"]  # "@sofie_ds ..." is a reply
    assert replies[0]["from_organisation"] is True
    assert not part.carries_interactions


def test_older_activity_export_says_favorites(read: Read, tmp_path: Path) -> None:
    source = (FIXTURES / "x/tweet_activity.csv").read_text(encoding="utf-8")
    path = tmp_path / "old.csv"
    path.write_text(source.replace('"likes"', '"favorites"', 1), encoding="utf-8")
    posts = read("x-tweet-activity-csv", path, handle=HANDLE).posts
    assert sorted(posts["reactions"].to_list()) == [12, 18]


def test_account_analytics_content_export(read: Read) -> None:
    part = read("x-account-analytics-csv", "x/account_analytics_content.csv", handle=HANDLE)
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    easter = posts["1766500000000000002"]
    assert easter["created_at"] == datetime(2024, 3, 29, 23, 0, tzinfo=UTC)  # local midnight
    assert (easter["impressions"], easter["reactions"], easter["shares"]) == (512, 6, 1)
    hours = posts["1767000000000000003"]
    assert hours["text"] == "Nieuwe openingsuren vanaf april:\nma–vr 9u–18u, za 9u–17u"
    assert hours["created_at"] == datetime(2024, 4, 1, 22, 0, tzinfo=UTC)  # CEST


def test_api_and_exports_merge_by_tweet_id(read: Read) -> None:
    parts = [
        read("x-api-v2", "x/api_timeline.json", handle=HANDLE),
        read("x-tweet-activity-csv", "x/tweet_activity.csv", handle=HANDLE),
        read("x-account-analytics-csv", "x/account_analytics_content.csv", handle=HANDLE),
    ]
    data = merge_channel(PROFILE, parts)
    # 4 distinct own tweets in the three files; the retweet is a repost, not a post
    assert data.posts["id"].n_unique() == data.posts.height == 4
    assert data.reposts["id"].to_list() == ["1766000000000000001"]
    easter = data.posts.filter(pl.col("id") == "1766500000000000002")
    # the export's date alone (local midnight) never replaces the API's time of day
    assert easter["created_at"].item() == datetime(2024, 3, 30, 17, 0, tzinfo=UTC)
    assert easter["impressions"].item() == 512  # the export's figure fills what the API lacks
    assert data.organisation_replies == 1  # the same reply in the API and the export


ANALYTICS_WITH_REPLY = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,"
    "New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,"
    "Permalink Clicks\n"
    '1765099999999999999,"Tue, Mar 5, 2024","@sofie_ds Dag Sofie, ja hoor, woensdag kan nog! 🙂",'
    "https://x.com/FietsenVerbeke/status/1765099999999999999,40,1,1,0,0,0,0,0,0,0,0,0,0\n"
)


@pytest.mark.parametrize("analytics_first", [True, False])
def test_a_date_only_export_never_moves_a_reply_to_midnight(
    read: Read, tmp_path: Path, analytics_first: bool
) -> None:
    export = tmp_path / "account_analytics_content_2024-03-01_2024-03-31.csv"
    export.write_text(ANALYTICS_WITH_REPLY, encoding="utf-8")
    api = [
        read("x-api-v2", "x/api_timeline.json", handle=HANDLE),
        read("x-api-v2", "x/api_mentions.json", handle=HANDLE),
    ]
    analytics = read("x-account-analytics-csv", export, handle=HANDLE)
    parts = [analytics, *api] if analytics_first else [*api, analytics]
    data = merge_channel(PROFILE, parts)
    assert data.organisation_replies == 1
    sofie = data.messages.filter(pl.col("id") == "1765055555555555555")
    # the API's 16:40, not the export's local midnight (which is before Sofie's question)
    assert sofie["reply_created_at"].item() == datetime(2024, 3, 5, 16, 40, tzinfo=UTC)


TWARC = FIXTURES / "x/twarc2_timeline_and_mentions.jsonl"


def test_twarc2_jsonl_reads_as_its_responses(read: Read, tmp_path: Path, adapters: dict) -> None:
    assert detected_by(adapters, TWARC) == ["x-api-v2"]
    separate = merge_channel(
        PROFILE,
        [
            read("x-api-v2", "x/api_timeline.json", handle=HANDLE),
            read("x-api-v2", "x/api_mentions.json", handle=HANDLE),
        ],
    )
    for path in (TWARC, shutil.copy(TWARC, tmp_path / "timeline.json")):
        assert detected_by(adapters, Path(path)) == ["x-api-v2"]  # by content, not by name
        data = merge_channel(PROFILE, [read("x-api-v2", Path(path), handle=HANDLE)])
        assert data.posts.equals(separate.posts) and data.messages.equals(separate.messages)
        assert data.reposts is not None and data.reposts.height == 1


def test_a_broken_twarc2_line_is_named(read: Read, tmp_path: Path) -> None:
    first, second, *rest = TWARC.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "cut.jsonl"
    path.write_text("\n".join([first, second[:-30], *rest]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read("x-api-v2", path, handle=HANDLE)
    assert caught.value.line == 2


def test_reposts_are_counted_apart_from_posts(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    shutil.copy(TWARC, folder / "x.jsonl")
    shutil.copy(FIXTURES / "linkedin/all_posts_nl.csv", folder / "linkedin.csv")
    (folder / "organisation.toml").write_text(
        'name = "Fietsen Verbeke"\nmarket = "b2c"\ncountry = "BE"\n\n'
        '[[channels]]\nplatform = "x"\nhandle = "FietsenVerbeke"\ndata = ["x.jsonl"]\n\n'
        '[[channels]]\nplatform = "linkedin"\nhandle = "fietsen-verbeke"\n'
        'data = ["linkedin.csv"]\n',
        encoding="utf-8",
    )
    registry = build_registry()
    assessment = assess(load_organisation(folder, registry.adapters), registry)
    kpis = {(k.id, k.channel): k.value for k in assessment.kpis}
    # the timeline: two own tweets, one retweet (the reply to Sofie is a reply)
    assert kpis[("post_count", "x")] == 2
    assert kpis[("repost_count", "x")] == 1
    assert kpis[("repost_count", "linkedin")] is None  # an export of own posts cannot tell
    assert kpis[("repost_count", None)] == 1


def test_twarc2_flatten_output_is_refused_with_advice(read: Read, tmp_path: Path) -> None:
    timeline = json.loads((FIXTURES / "x/api_timeline.json").read_text(encoding="utf-8"))
    user = timeline["includes"]["users"][0]
    path = tmp_path / "flat.jsonl"  # `twarc2 flatten`: one tweet per line, author inlined
    path.write_text(
        "".join(json.dumps({**t, "author": user}) + "\n" for t in timeline["data"]),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read("x-api-v2", path, handle=HANDLE)
    assert caught.value.field == "line 1: $.data"
    assert "twarc2 flatten" in (caught.value.hint or "")

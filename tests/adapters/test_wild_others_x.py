"""Real X files other people captured (``../shared/wild-samples/x``, see its SOURCES.md).

Each count below was derived by reading the file, not from the program: for the API
responses by classifying every tweet of ``data`` by its ``author_id`` (the channel's user in
``includes.users``), ``referenced_tweets`` type and ``in_reply_to_user_id``; for the CSVs by
counting rows and the texts that start with ``@`` (the account's replies) or ``RT @``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import choose_adapter, sample_file
from socialaudit.engine.model.channel_data import ChannelData
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from tests.adapters.conftest import detected_by, options

ROOT = Path(__file__).parents[2]
WILD = ROOT.parent / "shared" / "wild-samples" / "x"

pytestmark = pytest.mark.skipif(not WILD.is_dir(), reason="../shared/wild-samples is absent")

# file, handle, posts, reposts, the account's replies to others
LOADS = [
    # 100 tweets: 25 own, 34 retweets, 41 replies to other users
    ("phillynefl_users_tweets_twarc2.json", "PhillyNEFL", 25, 34, 41),
    # 100 tweets: 38 own + 14 quotes + 1 reply to herself (a thread) = 53 posts, 42 retweets,
    # 5 replies to others; the .json is a byte-identical copy of the twarc2 .jsonl
    ("mariambarghouti_search_recent_twarc2.jsonl", "MariamBarghouti", 53, 42, 5),
    ("mariambarghouti_search_recent_twarc2.json", "MariamBarghouti", 53, 42, 5),
    # 377 rows, 257 of them start with "@": replies
    ("maurojpelle_account_analytics_content_2026-05-25_2026-08-22.csv", "MauroJPelle", 120, 0, 257),
    # 10 and 47 rows, none starts with "@" or "RT @"
    ("tweet_activity_metrics_TCORSStgOrg_20170401_20170408_en.csv", "TCORSStgOrg", 10, 0, 0),
    ("twitter_activity_metrics_20150901_20151001.csv", "USCTrials", 47, 0, 0),
]


def _load(adapters: dict[str, ChannelAdapter], name: str, handle: str) -> tuple[str, ChannelData]:
    path = WILD / name
    profile = ChannelProfile(platform="x", handle=handle)
    adapter = choose_adapter(sample_file(path), profile, adapters, "channels[0].data")
    part = adapter.read(path, options("x", handle))
    return adapter.name, merge_channel(profile, [part])


@pytest.mark.parametrize(("name", "handle", "posts", "reposts", "replies"), LOADS)
def test_loads_with_the_counts_in_the_file(
    adapters: dict[str, ChannelAdapter],
    name: str,
    handle: str,
    posts: int,
    reposts: int,
    replies: int,
) -> None:
    _format, data = _load(adapters, name, handle)
    assert data.posts.height == posts
    assert (data.reposts.height if data.reposts is not None else 0) == reposts
    assert data.organisation_replies == replies
    # none of these files holds other people's tweets: no audience, response KPIs unknown
    assert data.messages.height == 0 and not data.messages_known


def test_twarc2_jsonl_is_detected_by_content(adapters: dict[str, ChannelAdapter]) -> None:
    for name in (
        "mariambarghouti_search_recent_twarc2.jsonl",
        "phillynefl_users_tweets_twarc2.json",
    ):
        assert detected_by(adapters, WILD / name) == ["x-api-v2"]


def test_quote_tweets_stay_posts_and_retweets_are_reposts(
    adapters: dict[str, ChannelAdapter],
) -> None:
    name = "mariambarghouti_search_recent_twarc2.jsonl"
    tweets = json.loads((WILD / name).read_text(encoding="utf-8"))["data"]
    kinds = {t["id"]: {r["type"] for r in t.get("referenced_tweets", [])} for t in tweets}
    quotes = {i for i, k in kinds.items() if k == {"quoted"}}
    retweets = {i for i, k in kinds.items() if "retweeted" in k}
    assert (len(quotes), len(retweets)) == (14, 42)
    _format, data = _load(adapters, name, "MariamBarghouti")
    assert quotes <= set(data.posts["id"].to_list())
    assert set(data.reposts["id"].to_list()) == retweets


@pytest.mark.parametrize(
    "name",
    [
        "twitterdev_users_mentions.json",  # others' tweets, requested without author_id
        "twitterdev_users_tweets.json",
        "tweepy_get_users_tweets_default_fields.json",
        "tweepy_get_users_mentions_default_fields.json",
    ],
)
def test_tweets_without_an_author_are_an_error_naming_the_field(
    adapters: dict[str, ChannelAdapter], name: str
) -> None:
    with pytest.raises(InputError) as caught:
        _load(adapters, name, "TwitterDev")
    assert caught.value.field is not None and caught.value.field.endswith("data[0].author_id")
    assert "expansions=author_id" in (caught.value.hint or "")


def test_twarc2_lines_longer_than_the_sample_in_a_json_file(
    adapters: dict[str, ChannelAdapter], tmp_path: Path
) -> None:
    # each line is one 228 kB response: detection cannot see the line end in its sample
    line = (WILD / "mariambarghouti_search_recent_twarc2.jsonl").read_text(encoding="utf-8")
    path = tmp_path / "two_pages.json"
    path.write_text(line.strip() + "\n" + line.strip() + "\n", encoding="utf-8")
    assert detected_by(adapters, path) == ["x-api-v2"]
    profile = ChannelProfile(platform="x", handle="MariamBarghouti")
    part = adapters["x-api-v2"].read(path, options("x", "MariamBarghouti"))
    data = merge_channel(profile, [part])
    assert (data.posts.height, data.reposts.height if data.reposts is not None else 0) == (53, 42)

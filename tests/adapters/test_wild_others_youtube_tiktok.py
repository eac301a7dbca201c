"""Real YouTube files and TikTok's documentation examples (``../shared/wild-samples``).

Counts derived by reading each file: threads are the ``items`` of a commentThreads answer, each
with its ``snippet.totalReplyCount`` against the ``replies.comments`` present; videos are the
``items`` of a videos answer, with their ``snippet.channelId``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import choose_adapter, sample_file
from socialaudit.engine.model.channel_data import ChannelData
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from tests.adapters.conftest import options

WILD = Path(__file__).parents[2].parent / "shared" / "wild-samples"

pytestmark = pytest.mark.skipif(not WILD.is_dir(), reason="../shared/wild-samples is absent")


def _load(
    adapters: dict[str, ChannelAdapter],
    platform: str,
    names: list[str],
    handle: str = "someone",
    account_id: str | None = None,
) -> ChannelData:
    profile = ChannelProfile(platform=platform, handle=handle, account_id=account_id)
    parts = []
    for name in names:
        path = WILD / platform / name
        adapter = choose_adapter(sample_file(path), profile, adapters, "channels[0].data")
        read = options(platform, handle, account_id)
        parts.append(adapter.read(path, read))
    return merge_channel(profile, parts)


# files, audience messages, response figures known, notes about missing replies
THREADS = [
    # 2 channel-discussion threads, totalReplyCount 0 each
    (["pyyoutube_comment_threads_by_channel.json"], 2, True, 0),
    # 2 threads by id, totalReplyCount 0 each
    (["pyyoutube_comment_threads_multi.json"], 2, True, 0),
    # 4 threads; one says totalReplyCount 1 and holds no reply
    (["pyyoutube_comment_threads_all_to_me.json"], 4, False, 1),
    # page 1 and page 2 hold the same 5 threads (ids compared): 5, not 10; one has 2 of 0
    (
        [
            "pyyoutube_comment_threads_by_video_paged_1.json",
            "pyyoutube_comment_threads_by_video_paged_2.json",
        ],
        5,
        False,
        2,
    ),
    # 98 top-level comments without replies (part=snippet); totalReplyCount 1 + 1 + 4
    (["rounak_commentthreads_video_7ghhRHRP6t4.json"], 98, False, 1),
]


@pytest.mark.parametrize(("names", "messages", "known", "notes"), THREADS)
def test_comment_threads(
    adapters: dict[str, ChannelAdapter], names: list[str], messages: int, known: bool, notes: int
) -> None:
    data = _load(adapters, "youtube", names)
    assert data.messages.height == messages and data.posts.height == 0
    assert data.organisation_replies == 0
    assert data.messages_known is known
    assert len(data.notes) == notes


def test_the_missing_replies_are_counted_in_the_note(adapters: dict[str, ChannelAdapter]) -> None:
    data = _load(adapters, "youtube", ["rounak_commentthreads_video_7ghhRHRP6t4.json"])
    assert "3 comment threads" in data.notes[0]["en"] and "(6 missing)" in data.notes[0]["en"]


def test_videos_of_one_channel(adapters: dict[str, ChannelAdapter]) -> None:
    data = _load(adapters, "youtube", ["rounak_videos_fireship_8PhdfcX9tG0.json"])
    (video,) = data.posts.to_dicts()
    # statistics as strings: viewCount "1376083", likeCount "55834", commentCount "3313"
    assert (video["video_views"], video["reactions"], video["comments"]) == (1376083, 55834, 3313)


def test_videos_of_two_channels(adapters: dict[str, ChannelAdapter]) -> None:
    name = "pyyoutube_videos_info_multi.json"
    with pytest.raises(InputError, match="2 channels"):
        _load(adapters, "youtube", [name])
    google = _load(adapters, "youtube", [name], account_id="UC_x5XG1OV2P6uZZ5FSM9Ttw")
    assert google.posts["id"].to_list() == ["D-lhorsDlUQ"]  # not NFL Throwback's video
    assert len(google.notes) == 1
    # part=snippet,player: no statistics, so the metrics are unknown, not 0
    assert google.posts["video_views"].to_list() == [None]


def test_tiktok_research_comment(adapters: dict[str, ChannelAdapter]) -> None:
    data = _load(adapters, "tiktok", ["traktok_research_comment_list_example.json"])
    assert data.messages.height == 1 and not data.messages_known  # no author field


@pytest.mark.parametrize(
    ("name", "field", "asks"),
    [
        # fields=id,title,video_description,duration,cover_image_url,embed_link: no time
        ("display_api_video_list_get_started_example.json", "create_time", "create_time"),
        # a research query returns anybody's videos; this one names no username
        ("traktok_research_video_query_example.json", "username", "username"),
    ],
)
def test_tiktok_files_that_cannot_tell(
    adapters: dict[str, ChannelAdapter], name: str, field: str, asks: str
) -> None:
    with pytest.raises(InputError) as caught:
        _load(adapters, "tiktok", [name])
    assert caught.value.field == f"$.data.videos[0].{field}"
    assert asks in (caught.value.hint or "")

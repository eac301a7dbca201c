"""YouTube Data API v3 and TikTok API responses."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from socialaudit.engine.errors import InputError
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from tests.adapters.conftest import FIXTURES, HANDLE, Read


def test_youtube_statistics_are_strings_and_hidden_counts_unknown(read: Read) -> None:
    part = read("youtube-videos", "youtube/videos.json")
    videos = {row["id"]: row for row in part.posts.to_dicts()}
    chain = videos["dQ7x9Kp2LmA"]
    assert (chain["video_views"], chain["reactions"], chain["comments"]) == (1843, 64, 7)
    assert chain["text"].startswith("Ketting vervangen in 5 minuten 🔧")
    assert "Vragen? Stel ze hieronder!" in chain["text"]
    ride = videos["Yt3Ab9Cd0Ef"]
    assert ride["reactions"] is None and ride["comments"] is None  # likes hidden, comments off
    assert ride["video_views"] == 512 and ride["text"] == "Rit door de Vlaamse Ardennen"
    assert chain["created_at"] == datetime(2024, 3, 2, 10, 0, tzinfo=UTC)
    assert part.organisation_ids == {"UC4fVb2kXq9zN1pQ7mT3rS8w"}


def test_youtube_threads_owner_reply_and_plain_text(read: Read) -> None:
    part = read("youtube-comment-threads", "youtube/comment_threads.json")
    comments = {row["id"]: row for row in part.interactions.to_dicts()}
    top = comments["UgzQ1xY2Z3a4B5c6D7e8AaABAg"]
    assert top["text"] == (
        "Welke kettingpons raden jullie aan? Die van mij & mijn broer is kapot\nGroetjes"
    )
    reply = comments["UgzQ1xY2Z3a4B5c6D7e8AaABAg.9zX8y7W6v5U"]
    assert reply["from_organisation"] is True and reply["parent_id"] == top["id"]
    french = comments["UgwA1b2C3d4E5f6G7h8AaABAg"]
    assert french["text"] == "Magnifique balade, merci ! Quelle distance ?"  # HTML stripped
    assert french["from_organisation"] is None
    data = merge_channel(ChannelProfile(platform="youtube", handle=HANDLE), [part])
    assert data.messages.height == 2 and data.organisation_replies == 1
    answered = data.messages.filter(data.messages["id"] == top["id"]).to_dicts()[0]
    assert answered["reply_created_at"] == datetime(2024, 3, 3, 8, 0, tzinfo=UTC)


def test_tiktok_video_list(read: Read) -> None:
    part = read("tiktok-video-list", "tiktok/video_list.json")
    videos = {row["id"]: row for row in part.posts.to_dicts()}
    first = videos["7342101234567890123"]
    assert first["created_at"] == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)  # epoch seconds
    assert (first["video_views"], first["reactions"], first["shares"]) == (10234, 431, 9)
    assert videos["7344202345678901234"]["text"] is None


def test_tiktok_comments_without_authors_leave_response_kpis_unknown(read: Read) -> None:
    videos = read("tiktok-video-list", "tiktok/video_list.json")
    comments = read("tiktok-comment-list", "tiktok/comment_list.json")
    assert not comments.carries_interactions
    rows = {row["id"]: row for row in comments.interactions.to_dicts()}
    assert rows["7342200000000000002"]["parent_id"] == "7342200000000000001"
    assert rows["7342200000000000001"]["parent_id"] is None  # its parent is the video
    assert rows["7342200000000000001"]["post_id"] == "7342101234567890123"  # number -> text
    data = merge_channel(ChannelProfile(platform="tiktok", handle=HANDLE), [videos, comments])
    assert data.messages_known is False  # response rate: unknown, never 0%


def test_tiktok_error_response(read: Read, tmp_path: Path) -> None:
    path = tmp_path / "videos.json"
    path.write_text(
        json.dumps(
            {
                "data": {"videos": [], "cursor": 0, "has_more": False},
                "error": {
                    "code": "access_token_invalid",
                    "message": "The access token is invalid or not found in the request.",
                    "log_id": "2024",
                },
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        read("tiktok-video-list", path)
    assert "access token is invalid" in error.value.message and error.value.field == "$.error"


OWN_CHANNEL = "UC4fVb2kXq9zN1pQ7mT3rS8w"


def test_youtube_another_channels_video_is_not_a_post(read: Read) -> None:
    part = read(
        "youtube-videos", "youtube/videos_with_another_channel.json", account_id=OWN_CHANNEL
    )
    assert sorted(part.posts["id"].to_list()) == ["Yt3Ab9Cd0Ef", "dQ7x9Kp2LmA"]
    assert part.organisation_ids == {OWN_CHANNEL}
    assert "UCq7Lm2Np4Rs6Tu8Vw0Xy1Za" in part.notes[0]["en"]
    # the other channel's June video would otherwise be the newest post and the reference time
    assert part.posts["created_at"].max() == datetime(2024, 3, 20, 15, 30, tzinfo=UTC)


def test_youtube_videos_of_several_channels_need_the_account_id(read: Read) -> None:
    with pytest.raises(InputError) as caught:
        read("youtube-videos", "youtube/videos_with_another_channel.json")
    assert "account_id" in (caught.value.hint or "")
    assert "UCq7Lm2Np4Rs6Tu8Vw0Xy1Za" in caught.value.message
    # one channel only: its videos are the posts without an account_id
    assert read("youtube-videos", "youtube/videos.json").posts.height == 2


def test_youtube_threads_missing_replies_leave_response_figures_unknown(read: Read) -> None:
    part = read("youtube-comment-threads", "youtube/comment_threads_partial.json")
    # thread 1: 1 of 3 replies present, and it is the channel's: answered, whatever the rest
    # thread 2: 0 of 2 present: whether the channel answered cannot be told
    assert not part.carries_interactions
    assert "(2 missing)" in part.notes[0]["en"] and part.notes[0]["nl"] and part.notes[0]["fr"]
    data = merge_channel(ChannelProfile(platform="youtube", handle=HANDLE), [part])
    assert not data.messages_known  # response KPIs: unknown, not 0%


def test_youtube_threads_whose_missing_replies_cannot_matter_stay_known(
    read: Read, tmp_path: Path
) -> None:
    document = json.loads((FIXTURES / "youtube/comment_threads_partial.json").read_text())
    document["items"][1]["snippet"]["totalReplyCount"] = 0
    path = tmp_path / "threads.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    part = read("youtube-comment-threads", path)
    assert part.carries_interactions and part.notes == []


def test_youtube_replies_without_any_channel_id_leave_responses_unknown(
    read: Read, tmp_path: Path
) -> None:
    document = json.loads((FIXTURES / "youtube/comment_threads.json").read_text())
    for thread in document["items"]:
        thread["snippet"].pop("channelId")  # as commentThreads by id or by video once gave them
    path = tmp_path / "threads.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    part = read("youtube-comment-threads", path)
    assert not part.carries_interactions and "account_id" in part.notes[0]["en"]
    # with the channel's id the owner's reply is told apart and the figures are known
    known = read("youtube-comment-threads", path, account_id=OWN_CHANNEL)
    assert known.carries_interactions and known.notes == []


def test_tiktok_research_query_keeps_only_the_channels_own_videos(read: Read) -> None:
    part = read("tiktok-video-list", "tiktok/research_video_query.json")
    (video,) = part.posts.to_dicts()  # gentfietst's video is someone else's
    assert (video["id"], video["video_views"]) == ("7301234567890123456", 15230)
    assert video["created_at"] == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    assert "1 video" in part.notes[0]["en"]

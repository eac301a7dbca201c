"""Instagram Graph API: media with comments expanded, and comments files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from socialaudit.engine.errors import InputError
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from tests.adapters.conftest import HANDLE, Read

CAROUSEL = "17895695668004550"
REEL = "17895695668004551"


def test_media_fields(read: Read) -> None:
    part = read("instagram-graph-media", "instagram/media_with_comments.json")
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    carousel, reel = posts[CAROUSEL], posts[REEL]
    assert carousel["media_type"] == "carousel" and reel["media_type"] == "reel"
    assert carousel["text"].startswith("Lentecollectie binnen! 🌷🚲")
    assert reel["text"] is None  # caption absent when empty
    assert carousel["reactions"] == 86 and reel["reactions"] is None  # like_count absent
    assert carousel["created_at"] == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert part.carries_interactions and "fietsenverbeke" in part.organisation_ids


def test_owner_replies_are_not_audience(read: Read) -> None:
    part = read("instagram-graph-media", "instagram/media_with_comments.json")
    data = merge_channel(ChannelProfile(platform="instagram", handle=HANDLE), [part])
    ids = data.messages["id"].to_list()
    assert ids == ["17858893269000001", "17858893269000003"]
    lotte, noa = data.messages.to_dicts()
    assert lotte["reply_created_at"] == datetime(2024, 3, 5, 13, 15, tzinfo=UTC)
    assert noa["text"] == 'שלום! אתם שולחים לחו"ל?' and noa["reply_created_at"] is None
    assert data.organisation_replies == 2


def test_media_without_comments_field_leaves_responses_unknown(read: Read, tmp_path: Path) -> None:
    path = tmp_path / "media.json"
    path.write_text(
        json.dumps(
            {
                "data": [
                    {
                        "id": "1",
                        "media_type": "IMAGE",
                        "timestamp": "2024-03-05T09:30:00+0000",
                        "like_count": 3,
                        "comments_count": 1,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    part = read("instagram-graph-media", path)
    assert not part.carries_interactions and part.interactions is None


def test_comment_files_say_which_media(read: Read) -> None:
    wrapped = read("instagram-graph-comments", "instagram/comments_wrapped.json")
    assert set(wrapped.interactions["post_id"].to_list()) == {REEL}
    reply = wrapped.interactions.filter(wrapped.interactions["kind"] == "reply").to_dicts()[0]
    assert reply["parent_id"] == "17858893269000010" and reply["from_organisation"] is True
    carried = read("instagram-graph-comments", "instagram/comments_with_media.json")
    assert carried.interactions["post_id"].to_list() == [CAROUSEL]
    assert wrapped.carries_interactions


def test_merging_media_and_comment_files(read: Read) -> None:
    parts = [
        read("instagram-graph-media", "instagram/media_with_comments.json"),
        read("instagram-graph-comments", "instagram/comments_wrapped.json"),
        read("instagram-graph-comments", "instagram/comments_with_media.json"),
    ]
    data = merge_channel(ChannelProfile(platform="instagram", handle=HANDLE), parts)
    assert data.messages.height == 5
    jens = data.messages.filter(data.messages["author"] == "jens_op_de_fiets").to_dicts()[0]
    assert jens["reply_created_at"] == datetime(2024, 3, 11, 8, 5, tzinfo=UTC)


def test_comments_without_media_are_an_error(read: Read, tmp_path: Path) -> None:
    path = tmp_path / "comments.json"
    path.write_text(
        json.dumps(
            {
                "media_id": None,
                "data": [
                    {"id": "1", "text": "Hoi", "timestamp": "2024-03-05T09:30:00+0000"},
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        read("instagram-graph-comments", path)
    assert error.value.field == "$.data[0].media"

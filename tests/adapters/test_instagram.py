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


def test_comments_read_by_ids_take_their_media_from_the_key(read: Read) -> None:
    part = read("instagram-graph-comments", "instagram/comments_by_ids.json")
    rows = {row["id"]: row for row in part.interactions.to_dicts()}
    assert rows["17858893269000030"]["post_id"] == CAROUSEL
    assert rows["17858893269000032"]["post_id"] == REEL
    reply = rows["17858893269000031"]
    assert reply["parent_id"] == "17858893269000030" and reply["from_organisation"] is True
    data = merge_channel(ChannelProfile(platform="instagram", handle=HANDLE), [part])
    assert data.messages.height == 2 and data.organisation_replies == 1


def test_bare_comments_edge_takes_its_media_from_the_paging_link(read: Read) -> None:
    part = read("instagram-graph-comments", "instagram/comments_edge_bare.json")
    assert set(part.interactions["post_id"]) == {REEL}
    [note] = part.notes
    assert note["en"].startswith("Only the first page of comments is in the file for 1 comment")
    data = merge_channel(ChannelProfile(platform="instagram", handle=HANDLE), [part])
    lien = data.messages.filter(data.messages["author"] == "lien.vw").to_dicts()[0]
    assert lien["reply_created_at"] == datetime(2024, 3, 11, 9, 0, tzinfo=UTC)


def test_business_discovery_of_the_channels_own_account(read: Read) -> None:
    part = read("instagram-graph-media", "instagram/business_discovery.json")
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    assert posts[CAROUSEL]["media_type"] == "carousel" and posts[REEL]["media_type"] == "reel"
    assert (posts[REEL]["reactions"], posts[REEL]["comments"]) == (140, 2)
    assert {"fietsenverbeke", "17841405822304914"} <= part.organisation_ids
    with pytest.raises(InputError) as error:
        read("instagram-graph-media", "instagram/business_discovery.json", handle="other")
    assert "another account (fietsenverbeke)" in error.value.message


def test_meta_business_suite_instagram_export(read: Read) -> None:
    part = read("meta-business-suite-instagram-csv", "instagram/meta_business_suite_instagram.csv")
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    carousel, reel = posts[CAROUSEL], posts[REEL]  # the API's media ids: they merge
    assert carousel["text"] == "Lentecollectie binnen! 🌷🚲\nKom langs in de winkel."
    assert (carousel["impressions"], carousel["reach"], carousel["reactions"]) == (2410, 1630, 86)
    assert carousel["created_at"] == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)  # 10:30 Brussels
    assert reel["media_type"] == "reel" and reel["text"] is None
    image = posts["17895695668004552"]
    assert image["reach"] is None  # blank: unknown
    assert image["created_at"] == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert {"fietsenverbeke", "17841405822304914"} <= part.organisation_ids
    media = read("instagram-graph-media", "instagram/media_with_comments.json")
    data = merge_channel(ChannelProfile(platform="instagram", handle=HANDLE), [media, part])
    assert data.posts.height == 3


def _media(comments: dict, comments_count: int) -> dict:
    return {
        "data": [
            {
                "id": CAROUSEL,
                "media_type": "IMAGE",
                "timestamp": "2024-03-05T09:30:00+0000",
                "comments_count": comments_count,
                "comments": comments,
            }
        ]
    }


def _comment(number: int, username: str, **extra: object) -> dict:
    return {
        "id": f"1785889326900{number:04d}",
        "text": "Prijs?",
        "timestamp": f"2024-03-05T1{number}:00:00+0000",
        "username": username,
        **extra,
    }


def test_comments_requested_but_not_returned_leave_responses_unknown(
    read: Read, tmp_path: Path
) -> None:
    path = tmp_path / "media.json"
    path.write_text(json.dumps(_media({"data": []}, 4)), encoding="utf-8")
    part = read("instagram-graph-media", path)
    assert not part.carries_interactions and part.interactions is None
    [note] = part.notes
    assert "say 4 comments exist" in note["en"]


def test_comments_without_any_sign_of_replies_leave_responses_unknown(
    read: Read, tmp_path: Path
) -> None:
    """Nobody answered, or replies were never requested: the file cannot say which, so no
    0% reply rate. One `replies` edge (even with the owner absent) settles it."""
    path = tmp_path / "media.json"
    path.write_text(json.dumps(_media({"data": [_comment(1, "anna")]}, 1)), encoding="utf-8")
    part = read("instagram-graph-media", path)
    assert not part.carries_interactions and part.interactions is None
    assert part.notes[0]["en"].startswith("The 1 comments in the file carry no replies")
    asked = _media({"data": [_comment(1, "anna", replies={"data": [_comment(2, "bert")]})]}, 2)
    path.write_text(json.dumps(asked), encoding="utf-8")
    answered = read("instagram-graph-media", path)
    assert answered.carries_interactions and answered.notes == []
    data = merge_channel(ChannelProfile(platform="instagram", handle=HANDLE), [answered])
    assert data.messages.height == 2 and data.organisation_replies == 0


def test_owner_recognised_by_account_id_when_the_username_is_absent(
    read: Read, tmp_path: Path
) -> None:
    own = {"id": "17858893269000002", "text": "Dank je!", "timestamp": "2024-03-05T12:00:00+0000"}
    own["from"] = {"id": "17841405822304914"}
    comment = _comment(1, "anna", replies={"data": [own]})
    path = tmp_path / "media.json"
    path.write_text(json.dumps(_media({"data": [comment]}, 2)), encoding="utf-8")
    part = read("instagram-graph-media", path, account_id="17841405822304914")
    data = merge_channel(
        ChannelProfile(platform="instagram", handle=HANDLE, account_id="17841405822304914"),
        [part],
    )
    assert data.organisation_replies == 1
    assert data.messages["reply_created_at"].to_list() == [datetime(2024, 3, 5, 12, tzinfo=UTC)]

"""Every real Facebook and Instagram file in ``../shared/wild-samples`` loads with the figures
the file holds, or gives an error that says what to request.

The expected figures were counted by reading each file (its `data` list, each post's
`comments.data` and `summary.total_count`, each CSV row with Python's csv module), never
copied from the program's output; the comments say where each number comes from.
"""

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
from tests.adapters.conftest import Read, detected_by

ROOT = Path(__file__).parents[2]
WILD = ROOT.parent / "shared" / "wild-samples"
FB, IG = WILD / "facebook", WILD / "instagram"
FB4D = "19292868552"  # the page id prefix of every Facebook for Developers post id

pytestmark = pytest.mark.skipif(not WILD.is_dir(), reason="../shared/wild-samples is absent")


def _merged(platform: str, parts: list, account_id: str | None = None):  # type: ignore[no-untyped-def]
    return merge_channel(
        ChannelProfile(platform=platform, handle="x", account_id=account_id), parts
    )


@pytest.mark.parametrize(
    ("folder", "name", "expected"),
    [
        (FB, "fbdevelopers_posts_page1.json", "facebook-graph-posts"),
        (FB, "fbdevelopers_posts_page2.json", "facebook-graph-posts"),
        (FB, "zuck_posts_id_message_created_p1.json", "facebook-graph-posts"),
        (FB, "zuck_posts_id_message_created_p2.json", "facebook-graph-posts"),
        (FB, "fbdevelopers_posts_by_ids.json", "facebook-graph-posts"),
        (FB, "fbdevelopers_posts_by_ids_wrapped_in_data.json", "facebook-graph-posts"),
        (FB, "fbdevelopers_post_comments_edge_p1.json", "facebook-graph-comments"),
        (FB, "isb_meta_business_suite_posts.csv", "meta-business-suite-csv"),
        (
            FB,
            "facebook_insights_post_level_usctrials_2017-01-19.csv",
            "facebook-insights-posts-csv",
        ),
        (IG, "ikroskun_media_p1.json", "instagram-graph-media"),
        (IG, "ikroskun_media_p2.json", "instagram-graph-media"),
        (IG, "fb4d_business_discovery_media_p1.json", "instagram-graph-media"),
        (IG, "ikroskun_media_comments_edge_p1.json", "instagram-graph-comments"),
        (IG, "isb_meta_business_suite_instagram_posts.csv", "meta-business-suite-instagram-csv"),
    ],
)
def test_each_wild_file_is_recognised_by_its_own_format(
    adapters: dict, folder: Path, name: str, expected: str
) -> None:
    found = [n for n in detected_by(adapters, folder / name) if not n.startswith("generic-")]
    assert found == [expected]


def test_feed_pages_whose_comments_were_counted_but_not_fetched(read: Read) -> None:
    """Both pages asked `comments.filter(stream).summary(true).limit(0)`: every post's
    `comments.data` is [] while `summary.total_count` is 13, 17, 15, 23, 49 (page 1) and
    23, 16, 47, 15, 82 (page 2). No audience message is known, so none is counted."""
    first = read("facebook-graph-posts", FB / "fbdevelopers_posts_page1.json")
    second = read("facebook-graph-posts", FB / "fbdevelopers_posts_page2.json")
    assert first.posts["comments"].to_list() == [13, 17, 15, 23, 49]
    assert second.posts["comments"].to_list() == [23, 16, 47, 15, 82]
    for part, total in ((first, 117), (second, 183)):
        assert not part.carries_interactions and part.interactions is None
        assert any(f"say {total} comments exist" in note["en"] for note in part.notes)
        # the feed holds visitors' posts too, and these carry no `from`: said, not hidden
        assert any("`/feed`" in note["en"] for note in part.notes)
    data = _merged("facebook", [first, second])
    assert data.posts.height == 10  # five distinct ids per page
    assert set(data.posts["id"].str.split("_").list.first()) == {FB4D}
    assert not data.messages_known and data.messages.height == 0
    post = data.posts.filter(pl.col("id") == f"{FB4D}_10158347294088553").row(0, named=True)
    assert (post["reactions"], post["shares"], post["media_type"]) == (131, 6, "link")


def test_the_two_zuck_pages_hold_the_same_five_posts(read: Read) -> None:
    """SOURCES.md says 10 posts, 5 per page; both files hold the same five ids (the second
    page of a `since`/`until` paging that returned the first again). They count once."""
    parts = [
        read("facebook-graph-posts", FB / f"zuck_posts_id_message_created_p{n}.json")
        for n in (1, 2)
    ]
    assert [p.posts.height for p in parts] == [5, 5]
    data = _merged("facebook", parts)
    assert data.posts.height == 5
    assert data.posts["created_at"].max() == datetime(2021, 7, 4, 19, 50, 58, tzinfo=UTC)
    assert not data.messages_known  # fields=id,message,created_time: no comments asked


@pytest.mark.parametrize(
    "name", ["fbdevelopers_posts_by_ids.json", "fbdevelopers_posts_by_ids_wrapped_in_data.json"]
)
def test_posts_read_by_ids_with_comments_but_no_replies_leave_responses_unknown(
    read: Read, name: str
) -> None:
    """Two posts; 7 and 9 comments (legacy `count` 12 and 11), all by people other than the
    page, none with a `comments` edge or `comment_count`: whether the page answered cannot
    be told, so there is no 0% reply rate."""
    part = read("facebook-graph-posts", FB / name)
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    assert set(posts) == {f"{FB4D}_10158347294088553", f"{FB4D}_10158345715593553"}
    assert posts[f"{FB4D}_10158347294088553"]["comments"] == 12
    assert posts[f"{FB4D}_10158345715593553"]["comments"] == 11
    assert not part.carries_interactions and part.interactions is None
    [note] = part.notes
    assert note["en"].startswith("The 16 comments in the file carry no replies")


def test_posts_read_by_ids_once_replies_are_shown_to_be_requested(
    read: Read, tmp_path: Path
) -> None:
    """The same file with `comment_count: 0` on each comment (what a request with that
    field returns): the 16 comments are audience messages, none answered."""
    document = json.loads((FB / "fbdevelopers_posts_by_ids.json").read_text(encoding="utf-8"))
    for post in document.values():
        for comment in post["comments"]["data"]:
            comment["comment_count"] = 0
    path = tmp_path / "by_ids.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    part = read("facebook-graph-posts", path)
    data = _merged("facebook", [part])
    assert data.messages.height == 16 and data.organisation_replies == 0
    assert data.messages["author"].n_unique() == 15  # "Mona" wrote twice
    assert data.messages["reply_created_at"].null_count() == 16


def test_comments_edge_without_authors_is_an_error_saying_what_to_request(read: Read) -> None:
    """fields=comment_count,created_time,like_count,message,permalink_url: no `from`, so the
    page's four answers ("Hi, please access the Instagram Help Center...") cannot be told
    from the audience's comments."""
    with pytest.raises(InputError) as error:
        read("facebook-graph-comments", FB / "fbdevelopers_post_comments_edge_p1.json")
    assert "none of the 10 comments says who wrote it" in error.value.message
    assert "from" in (error.value.hint or "") and "permalink_url" in (error.value.hint or "")


def test_comments_edge_threads_from_the_permalinks(read: Read, tmp_path: Path) -> None:
    """With `from` added (the page for the four replies that start "Hi,", people for the
    rest), the permalinks give post and thread: 6 comments, 4 replies; the page answered 3
    of the 6 comments; the audience's own reply ("they don't respond", 23:23:03) came after
    the page's answer in its thread and is unanswered. 10 of 18 comments: first page."""
    document = json.loads(
        (FB / "fbdevelopers_post_comments_edge_p1.json").read_text(encoding="utf-8")
    )
    for index, comment in enumerate(document["data"]):
        page = comment["message"].startswith("Hi,")
        comment["from"] = {"id": FB4D if page else f"100{index}", "name": "FB4D" if page else "A"}
    path = tmp_path / "edge.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    part = read("facebook-graph-comments", path)
    comments = part.interactions
    assert comments is not None and comments.height == 10
    assert set(comments["post_id"]) == {f"{FB4D}_10158407654328553"}
    assert comments.filter(pl.col("kind") == "reply").height == 4
    assert part.organisation_ids == {FB4D}
    assert any(note["en"].startswith("Only the first page") for note in part.notes)
    data = _merged("facebook", [part])
    assert data.organisation_replies == 3 and data.messages.height == 7
    answered = data.messages.filter(pl.col("reply_created_at").is_not_null())
    assert sorted(answered["id"].str.split("_").list.last()) == [
        "10158407835073553",
        "10158407903973553",
        "10158410332078553",
    ]


def test_business_suite_facebook_export(read: Read) -> None:
    """152 rows (csv module), 124 Photos, 22 Videos, 5 Links, 1 Reels; first row Post ID
    1127805492717580 of Page ID 100064644191880, published 05/09/2025 04:00, 4840 views."""
    part = read("meta-business-suite-csv", FB / "isb_meta_business_suite_posts.csv")
    posts = part.posts
    assert posts.height == 152 and posts["id"].n_unique() == 152
    counts = dict(posts["media_type"].value_counts().iter_rows())
    assert counts == {"image": 124, "video": 22, "link": 5, "reel": 1}
    first = posts.filter(pl.col("id") == "100064644191880_1127805492717580").row(0, named=True)
    assert first["impressions"] == 4840 and first["reach"] == 2723
    assert part.organisation_ids == {"100064644191880"} and not part.carries_interactions


def test_legacy_insights_post_level_export(read: Read) -> None:
    """One post under the description row: Link, posted 01/19/2017 09:03:47 AM, total reach
    35, total impressions 60, consumptions 1, stories by action type comment/like/share 1/1/1,
    organic and paid 3-second video views 0 (total count columns)."""
    part = read(
        "facebook-insights-posts-csv", FB / "facebook_insights_post_level_usctrials_2017-01-19.csv"
    )
    [post] = part.posts.to_dicts()
    assert post["id"] == "1605839243031680_1867404650208470"
    assert post["media_type"] == "link"
    assert (post["reach"], post["impressions"], post["clicks"]) == (35, 60, 1)
    assert (post["reactions"], post["comments"], post["shares"], post["video_views"]) == (
        1,
        1,
        1,
        0,
    )
    assert post["created_at"] == datetime(2017, 1, 19, 8, 3, 47, tzinfo=UTC)  # 09:03 Brussels
    assert part.organisation_ids == {"1605839243031680"}


def test_instagram_media_pages(read: Read) -> None:
    """Page 1: 17895731045244887 and 17896622936197745 (IMAGE, like 0 and 2, comments 0 and
    6); page 2: the CAROUSEL_ALBUM 17896129349106152 ("ALBUM") and the IMAGE
    17893085207160254 ("Peach new"). No `comments` field: responses unknown."""
    parts = [read("instagram-graph-media", IG / f"ikroskun_media_p{n}.json") for n in (1, 2)]
    data = _merged("instagram", parts)
    posts = {row["id"]: row for row in data.posts.to_dicts()}
    assert len(posts) == 4
    assert [posts[i]["media_type"] for i in sorted(posts)] == [
        "image",
        "image",
        "carousel",
        "image",
    ]
    assert posts["17896622936197745"]["comments"] == 6
    assert posts["17896622936197745"]["reactions"] == 2
    assert posts["17896129349106152"]["text"] == "ALBUM"
    assert not data.messages_known


def test_business_discovery_is_read_only_as_the_channels_own_account(read: Read) -> None:
    """@facebookfordevelopers (17841407673135339) discovered by account 17841406338772941:
    2 IMAGE media, like 87 and 186, comments 11 and 16."""
    name = IG / "fb4d_business_discovery_media_p1.json"
    with pytest.raises(InputError) as error:
        read("instagram-graph-media", name)
    assert "17841407673135339" in (error.value.hint or "")
    with pytest.raises(InputError) as error:
        read("instagram-graph-media", name, account_id="17841400000000000")
    assert "another account" in error.value.message
    part = read("instagram-graph-media", name, account_id="17841407673135339")
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    assert (posts["17885103395504675"]["reactions"], posts["17885103395504675"]["comments"]) == (
        87,
        11,
    )
    assert (posts["17886271043461692"]["reactions"], posts["17886271043461692"]["comments"]) == (
        186,
        16,
    )
    assert {p["media_type"] for p in posts.values()} == {"image"}


def test_bare_instagram_comments_edge(read: Read, tmp_path: Path) -> None:
    """Two comments, `text`/`timestamp`/`id` only: no author, an error naming the fields.
    With usernames added the media id comes from `paging.next` (/17846368219941692/comments),
    and the link says more pages exist."""
    name = IG / "ikroskun_media_comments_edge_p1.json"
    with pytest.raises(InputError) as error:
        read("instagram-graph-comments", name)
    assert "username" in error.value.message and "username" in (error.value.hint or "")
    document = json.loads(name.read_text(encoding="utf-8"))
    for comment in document["data"]:
        comment["username"] = "a_fan"
        comment["replies"] = {"data": []}
    path = tmp_path / "edge.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    part = read("instagram-graph-comments", path)
    assert part.interactions["post_id"].to_list() == ["17846368219941692"] * 2
    assert any(note["en"].startswith("Only the first page") for note in part.notes)


def test_business_suite_instagram_export(read: Read) -> None:
    """112 rows (csv module): 51 IG carousel, 43 IG reel, 18 IG image; the first, Post ID
    17902724751121134, 03/04/2025 00:17, Views 5366, Reach 1823, Likes 145, Shares 9,
    Comments 0."""
    part = read(
        "meta-business-suite-instagram-csv", IG / "isb_meta_business_suite_instagram_posts.csv"
    )
    posts = part.posts
    assert posts.height == 112
    counts = dict(posts["media_type"].value_counts().iter_rows())
    assert counts == {"carousel": 51, "reel": 43, "image": 18}
    first = posts.filter(pl.col("id") == "17902724751121134").row(0, named=True)
    assert (first["impressions"], first["reach"], first["reactions"]) == (5366, 1823, 145)
    assert (first["shares"], first["comments"]) == (9, 0)
    assert first["created_at"] == datetime(2025, 3, 3, 23, 17, tzinfo=UTC)  # 00:17 Brussels
    assert {"17841409112206242", "isb_thailand"} <= part.organisation_ids


def test_assessment_on_feed_pages_reports_no_reply_rate_and_no_unanswered_finding(
    tmp_path: Path,
) -> None:
    """End to end: 300 comments counted, none fetched. The reply rate is unknown, no
    conversation finding is built on it, and the assessment's errors say why."""
    folder = tmp_path / "fb4d"
    folder.mkdir()
    for n in (1, 2):
        shutil.copy(FB / f"fbdevelopers_posts_page{n}.json", folder / f"p{n}.json")
    (folder / "organisation.toml").write_text(
        'name = "FB4D"\nsector = "retail"\nmarket = "b2c"\nemployees = 10\ncountry = "BE"\n'
        'languages = ["en"]\n\n[[channels]]\nplatform = "facebook"\nhandle = "fb4d"\n'
        'data = ["p*.json"]\n',
        encoding="utf-8",
    )
    registry = build_registry()
    result = assess(load_organisation(folder, registry.adapters), registry)
    values = {(k.id, k.channel): k.value for k in result.kpis}
    assert values[("reply_rate", "facebook")] is None
    assert values[("audience_message_count", "facebook")] is None
    assert not [f for f in result.findings if f.code in ("CONV001", "CONV003")]
    messages = [e.message for e in result.errors if e.channel == "facebook"]
    assert any("117 comments exist" in m for m in messages)
    assert any("183 comments exist" in m for m in messages)

"""Each file is recognised by exactly one format: its own, never the generic CSV's or another
platform's; files of no known format are recognised by none."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import choose_adapter, sample_file
from socialaudit.engine.model.profile import ChannelProfile
from tests.adapters.conftest import FIXTURES, detected_by

EXPECTED = {
    "facebook/graph_posts_page1.json": "facebook-graph-posts",
    "facebook/graph_posts_pages.json": "facebook-graph-posts",
    "facebook/meta_business_suite.csv": "meta-business-suite-csv",
    "facebook/posts_by_ids.json": "facebook-graph-posts",
    "facebook/comments_by_ids.json": "facebook-graph-comments",
    "facebook/post_comments_edge.json": "facebook-graph-comments",
    "facebook/insights_post_level.csv": "facebook-insights-posts-csv",
    "instagram/media_with_comments.json": "instagram-graph-media",
    "instagram/comments_wrapped.json": "instagram-graph-comments",
    "instagram/comments_with_media.json": "instagram-graph-comments",
    "instagram/comments_by_ids.json": "instagram-graph-comments",
    "instagram/comments_edge_bare.json": "instagram-graph-comments",
    "instagram/business_discovery.json": "instagram-graph-media",
    "instagram/meta_business_suite_instagram.csv": "meta-business-suite-instagram-csv",
    "linkedin/all_posts_nl.csv": "linkedin-page-export",
    "linkedin/all_posts_en_cp1252.csv": "linkedin-page-export",
    "x/api_timeline.json": "x-api-v2",
    "x/api_mentions.json": "x-api-v2",
    "x/tweet_activity.csv": "x-tweet-activity-csv",
    "x/twarc2_timeline_and_mentions.jsonl": "x-api-v2",
    "x/account_analytics_content.csv": "x-account-analytics-csv",
    "youtube/videos.json": "youtube-videos",
    "youtube/comment_threads.json": "youtube-comment-threads",
    "youtube/comment_threads_partial.json": "youtube-comment-threads",
    "youtube/videos_with_another_channel.json": "youtube-videos",
    "tiktok/video_list.json": "tiktok-video-list",
    "tiktok/comment_list.json": "tiktok-comment-list",
    "tiktok/research_video_query.json": "tiktok-video-list",
}


def test_every_fixture_is_covered() -> None:
    on_disk = {str(p.relative_to(FIXTURES)) for p in FIXTURES.rglob("*") if p.is_file()}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize(("fixture", "expected"), sorted(EXPECTED.items()))
def test_detected_by_its_own_format_only(
    adapters: dict[str, ChannelAdapter], fixture: str, expected: str
) -> None:
    assert detected_by(adapters, FIXTURES / fixture) == [expected]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "posts.csv",
            "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks\n"
            "p1,2024-03-01T10:00:00+01:00,Hallo,image,1,1,1,1,1,1\n",
        ),
        (
            "interactions.csv",
            "id,post_id,created_at,author,text,reply_created_at\nc1,p1,2024-03-01T12:00:00Z,a,b,\n",
        ),
        ("generic.json", '{"posts": [{"id": "p1", "created_at": "2024-03-01T10:00:00Z"}]}'),
        # a Graph API comments edge response is not a posts response
        (
            "comments.json",
            '{"data": [{"id": "880012345678901_1122334455", "message": "Hoi",'
            ' "created_time": "2024-03-05T10:02:11+0000", "from": {"id": "1", "name": "A"}}]}',
        ),
        ("other.csv", "Datum;Omzet\n01/03/2024;1.234,50\n"),
        ("random.json", '{"hello": "world"}'),
    ],
)
def test_other_files_are_not_claimed(
    adapters: dict[str, ChannelAdapter], tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    builtin_platform_formats = [
        n for n in detected_by(adapters, path) if not n.startswith("generic-")
    ]
    assert builtin_platform_formats == []


def test_a_file_of_no_format_is_a_clear_error(
    adapters: dict[str, ChannelAdapter], tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"hello": "world"}', encoding="utf-8")
    channel = ChannelProfile(platform="facebook", handle="fietsenverbeke")
    with pytest.raises(InputError) as error:
        choose_adapter(sample_file(path), channel, adapters, "channels[0].data")
    assert error.value.file == str(path)
    assert "matches no known facebook format" in error.value.message
    assert "facebook-graph-posts" in (error.value.hint or "")
    assert "meta-business-suite-csv" in (error.value.hint or "")


def test_every_builtin_format_says_how_to_obtain_it(adapters: dict[str, ChannelAdapter]) -> None:
    builtin = {
        "facebook-graph-posts", "facebook-graph-comments", "meta-business-suite-csv",
        "facebook-insights-posts-csv", "instagram-graph-media", "instagram-graph-comments",
        "meta-business-suite-instagram-csv", "linkedin-page-export", "x-api-v2",
        "x-tweet-activity-csv",
        "x-account-analytics-csv", "youtube-videos", "youtube-comment-threads",
        "tiktok-video-list", "tiktok-comment-list",
    }  # fmt: skip
    assert builtin <= set(adapters)
    for name in builtin:
        assert adapters[name].title and adapters[name].how_to_obtain and adapters[name].platforms

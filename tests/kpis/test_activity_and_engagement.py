"""Activity and engagement KPIs, with the case that counts and the case that cannot tell."""

from __future__ import annotations

import pytest

from tests.kpis.conftest import Measure, channel, days_ago, posts, two_channels


def test_posts_in_window_per_week_and_dormancy(measure: Measure) -> None:
    facebook = posts(
        {"id": "a", "created_at": days_ago(1), "text": "x"},
        {"id": "b", "created_at": days_ago(30), "text": "y"},
        {"id": "c", "created_at": days_ago(89), "text": "z"},
        {"id": "old", "created_at": days_ago(200), "text": "w"},
    )
    instagram = posts({"id": "i", "created_at": days_ago(120), "text": "q"})
    values = measure(
        two_channels(), {"facebook": channel(facebook), "instagram": channel(instagram)}
    )
    assert values[("post_count", "facebook")].value == 3
    assert values[("post_count", "instagram")].value == 0
    assert values[("post_count", None)].value == 3
    assert values[("posts_per_week", "facebook")].value == pytest.approx(3 / (90 / 7))
    assert values[("days_since_last_post", "facebook")].value == pytest.approx(1)
    assert values[("days_since_last_post", "instagram")].value == pytest.approx(120)
    assert values[("dormant_channels", None)].value == 1
    assert values[("dormant_channels", None)].detail["channels"] == ["instagram"]
    assert values[("active_channels", None)].value == 1
    assert values[("channel_count", None)].value == 2


def test_channel_without_posts_is_dormant_and_its_last_post_unknown(measure: Measure) -> None:
    values = measure(two_channels(), {"facebook": channel(), "instagram": channel()})
    assert values[("days_since_last_post", "facebook")].value is None
    assert values[("dormant_channels", None)].value == 2
    assert values[("posts_per_week", None)].value == 0


def test_engagement_rate_by_reach_reports_its_denominator(measure: Measure) -> None:
    facebook = posts(
        {
            "id": "a",
            "created_at": days_ago(1),
            "reach": 100,
            "reactions": 5,
            "comments": 3,
            "shares": None,
        },
        {
            "id": "b",
            "created_at": days_ago(2),
            "reach": 300,
            "reactions": 10,
            "comments": None,
            "shares": 2,
        },
    )
    values = measure(
        two_channels(), {"facebook": channel(facebook, followers=5000), "instagram": channel()}
    )
    rate = values[("engagement_rate", "facebook")]
    assert rate.value == pytest.approx(20 / 400)
    assert rate.detail == {"denominator": "reach", "posts": 2, "sample": 2}


def test_engagement_rate_falls_back_to_impressions_then_followers(measure: Measure) -> None:
    by_impressions = posts(
        {"id": "a", "created_at": days_ago(1), "impressions": 1000, "reactions": 10},
        {"id": "b", "created_at": days_ago(2), "impressions": 1000, "reactions": 30},
    )
    by_followers = posts(
        {"id": "c", "created_at": days_ago(1), "reactions": 10},
        {"id": "d", "created_at": days_ago(2), "reactions": 30},
    )
    values = measure(
        two_channels(),
        {
            "facebook": channel(by_impressions),
            "instagram": channel(by_followers, followers=2000),
        },
    )
    assert values[("engagement_rate", "facebook")].value == pytest.approx(0.02)
    assert values[("engagement_rate", "facebook")].detail["denominator"] == "impressions"
    assert values[("engagement_rate", "instagram")].value == pytest.approx(20 / 2000)
    assert values[("engagement_rate", "instagram")].detail["denominator"] == "followers"
    # the organisation weighs each channel by the posts its rate rests on
    assert values[("engagement_rate", None)].value == pytest.approx((0.02 * 2 + 0.01 * 2) / 4)


def test_engagement_rate_unknown_without_any_denominator(measure: Measure) -> None:
    facebook = posts({"id": "a", "created_at": days_ago(1), "reactions": 10})
    values = measure(two_channels(), {"facebook": channel(facebook), "instagram": channel()})
    assert values[("engagement_rate", "facebook")].value is None
    assert values[("engagement_rate", None)].value is None


def test_click_through_rate_and_reactions_per_post(measure: Measure) -> None:
    facebook = posts(
        {"id": "a", "created_at": days_ago(1), "impressions": 200, "clicks": 4, "reactions": 6},
        {
            "id": "b",
            "created_at": days_ago(2),
            "impressions": 300,
            "clicks": None,
            "reactions": None,
        },
    )
    values = measure(two_channels(), {"facebook": channel(facebook), "instagram": channel()})
    assert values[("click_through_rate", "facebook")].value == pytest.approx(4 / 200)
    assert values[("reactions_per_post", "facebook")].value == 6
    assert values[("click_through_rate", "instagram")].value is None


def test_followers_sum_known_channels_only(measure: Measure) -> None:
    values = measure(
        {
            "channels": [
                {"platform": "facebook", "handle": "s", "followers": 1200},
                {"platform": "instagram", "handle": "s"},
            ]
        },
        {"facebook": channel(), "instagram": channel(followers=None)},
    )
    assert values[("followers", None)].value == 1200
    assert values[("followers", "instagram")].value is None

"""CHK and MIX rules read KPIs: they fire past their threshold, not at it, and never on
unknown values."""

from __future__ import annotations

import pytest

from socialaudit.engine.registry import Registry
from tests.rules.conftest import context, hits

SEVEN = {
    "channels": [
        {"platform": p, "handle": "shop"}
        for p in ("facebook", "instagram", "linkedin", "x", "youtube", "tiktok")
    ]
}


def test_chk001_channel_without_goal(registry: Registry) -> None:
    assert hits(registry, "CHK001", context(registry))
    served = {"goals": [{"objective": "awareness", "channels": ["facebook"]}]}
    assert not hits(registry, "CHK001", context(registry, served))
    own = {"channels": [{"platform": "facebook", "handle": "s", "goals": ["community"]}]}
    assert not hits(registry, "CHK001", context(registry, own))


def test_chk002_dormant_but_not_when_the_data_holds_no_post(registry: Registry) -> None:
    old = {("days_since_last_post", "facebook"): 91.0}
    assert hits(registry, "CHK002", context(registry, kpis=old))[0].evidence["days"] == 91
    # no post at all in the data may be an export without posts: unknown, not dormant
    assert not hits(registry, "CHK002", context(registry, kpis={}))
    at_limit = {("days_since_last_post", "facebook"): 90.0}
    assert not hits(registry, "CHK002", context(registry, kpis=at_limit))
    assert hits(registry, "CHK002", context(registry, kpis=at_limit), max_days_without_post=60)


def test_chk003_more_channels_than_peers_with_underused_ones(registry: Registry) -> None:
    rates = {
        ("posts_per_week", key): 2.0
        for key in ("facebook", "instagram", "linkedin", "x", "youtube", "tiktok")
    }
    underused = {**rates, ("posts_per_week", "tiktok"): 0.2}
    found = hits(registry, "CHK003", context(registry, SEVEN, kpis=underused))
    assert found[0].evidence == {
        "channels": 6,
        "peers": 4.1,
        "market": "b2c",
        "underused": ["tiktok"],
    }
    assert not hits(registry, "CHK003", context(registry, SEVEN, kpis=rates))
    assert hits(registry, "CHK003", context(registry, SEVEN, kpis=rates), require_underused=False)
    four = {"channels": SEVEN["channels"][:4]}
    assert not hits(registry, "CHK003", context(registry, four, kpis=underused))


def test_chk003_b2b_peers_are_fewer(registry: Registry) -> None:
    five = {"market": "b2b", "channels": SEVEN["channels"][:5]}
    quiet = {("posts_per_week", "youtube"): 0.1}
    assert hits(registry, "CHK003", context(registry, five, kpis=quiet))[0].evidence["peers"] == 3.6
    # five channels exceed B2B peers (3.6) by more than the margin; four B2C ones do not (4.1)
    four_b2c = {"market": "b2c", "channels": SEVEN["channels"][:4]}
    assert not hits(registry, "CHK003", context(registry, four_b2c, kpis=quiet))


def test_chk004_cross_posting(registry: Registry) -> None:
    key = ("cross_posted_share", "facebook")
    copied = context(registry, kpis={key: 0.8}, details={key: {"copied": 8, "posts": 10}})
    assert hits(registry, "CHK004", copied)[0].evidence["copied"] == 8
    fine = context(registry, kpis={key: 0.5}, details={key: {"copied": 5, "posts": 10}})
    assert not hits(registry, "CHK004", fine)
    few = context(registry, kpis={key: 1.0}, details={key: {"copied": 2, "posts": 2}})
    assert not hits(registry, "CHK004", few)
    assert not hits(registry, "CHK004", context(registry, kpis={key: None}))


def test_chk005_barely_used_but_not_dormant(registry: Registry) -> None:
    rare = {
        ("posts_per_week", "facebook"): 0.5,
        ("days_since_last_post", "facebook"): 20.0,
        ("post_count", "facebook"): 6.0,
    }
    assert hits(registry, "CHK005", context(registry, kpis=rare))[0].evidence["per_week"] == 0.5
    enough = {**rare, ("posts_per_week", "facebook"): 1.0}
    assert not hits(registry, "CHK005", context(registry, kpis=enough))
    dormant = {**rare, ("days_since_last_post", "facebook"): 120.0}
    assert not hits(registry, "CHK005", context(registry, kpis=dormant))


@pytest.mark.parametrize(
    ("share", "posts", "fires"), [(0.6, 20, True), (0.35, 20, False), (0.9, 5, False)]
)
def test_mix001_too_promotional(registry: Registry, share: float, posts: int, fires: bool) -> None:
    key = ("promotional_share", "facebook")
    detail = {"promotional": round(share * posts), "posts": posts}
    found = hits(registry, "MIX001", context(registry, kpis={key: share}, details={key: detail}))
    assert bool(found) is fires
    if fires:
        assert found[0].evidence["limit"] == 0.35


def test_mix001_threshold_is_an_option(registry: Registry) -> None:
    key = ("promotional_share", "facebook")
    ctx = context(registry, kpis={key: 0.3}, details={key: {"promotional": 6, "posts": 20}})
    assert not hits(registry, "MIX001", ctx)
    assert hits(registry, "MIX001", ctx, max_promotional_share=0.25)


def test_mix001_unknown_share_does_not_fire(registry: Registry) -> None:
    assert not hits(registry, "MIX001", context(registry))


def test_mix002_no_conversation(registry: Registry) -> None:
    key = ("conversational_share", "facebook")
    silent = context(registry, kpis={key: 0.02}, details={key: {"posts": 50}})
    assert hits(registry, "MIX002", silent)[0].evidence["minimum"] == 0.1
    talking = context(registry, kpis={key: 0.1}, details={key: {"posts": 50}})
    assert not hits(registry, "MIX002", talking)
    assert not hits(registry, "MIX002", context(registry))

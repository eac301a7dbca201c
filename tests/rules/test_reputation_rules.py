"""REP001: negative sentiment while the goal is reputation, judged only on enough messages."""

from __future__ import annotations

from typing import Any

from socialaudit.engine.registry import Registry
from tests.rules.conftest import context, hits

SHARE = ("negative_share", "facebook")
REPUTATION = {"goals": [{"objective": "reputation"}]}


def sentiment(negative: int, neutral: int, positive: int) -> dict[str, Any]:
    total = negative + neutral + positive
    return {
        "kpis": {SHARE: negative / total},
        "details": {
            SHARE: {
                "negative": negative,
                "neutral": neutral,
                "positive": positive,
                "messages": total,
            }
        },
    }


def test_fires_above_the_threshold_for_a_reputation_goal(registry: Registry) -> None:
    found = hits(registry, "REP001", context(registry, REPUTATION, **sentiment(24, 26, 30)))
    assert [hit.evidence for hit in found] == [
        {"negative_share": 0.3, "negative": 24, "messages": 80, "max_negative_share": 0.25}
    ]


def test_does_not_fire_at_or_below_the_threshold(registry: Registry) -> None:
    assert not hits(registry, "REP001", context(registry, REPUTATION, **sentiment(20, 40, 20)))
    at_threshold = context(registry, REPUTATION, **sentiment(20, 40, 20))
    assert hits(registry, "REP001", at_threshold, max_negative_share=0.2)


def test_does_not_fire_without_a_reputation_goal(registry: Registry) -> None:
    awareness = {"goals": [{"objective": "awareness"}]}
    assert not hits(registry, "REP001", context(registry, awareness, **sentiment(60, 10, 10)))


def test_does_not_judge_too_few_messages(registry: Registry) -> None:
    few = context(registry, REPUTATION, **sentiment(8, 1, 1))
    assert not hits(registry, "REP001", few)
    assert hits(registry, "REP001", few, min_messages=10)


def test_unknown_sentiment_is_not_judged(registry: Registry) -> None:
    assert not hits(registry, "REP001", context(registry, REPUTATION, kpis={SHARE: None}))


# REP002: net sentiment fell from the window before to this one ----------------------------

NOW = ("net_sentiment", "facebook")
BEFORE = ("previous_net_sentiment", "facebook")


def windows(now: tuple[int, int, int], before: tuple[int, int, int] | None) -> dict[str, Any]:
    """KPI values and details for both windows, from (negative, neutral, positive) counts;
    `before` None: the window before has no sentiment (the KPI is unknown)."""
    kpis: dict[tuple[str, str | None], float | None] = {}
    details: dict[tuple[str, str | None], dict[str, Any]] = {}
    for key, counts in ((NOW, now), (BEFORE, before)):
        if counts is None:
            kpis[key] = None
            continue
        negative, neutral, positive = counts
        total = negative + neutral + positive
        kpis[key] = (positive - negative) / total
        details[key] = {
            "negative": negative,
            "neutral": neutral,
            "positive": positive,
            "messages": total,
        }
    return {"kpis": kpis, "details": details}


def test_fires_when_net_sentiment_fell_by_more_than_the_margin(registry: Registry) -> None:
    found = hits(
        registry, "REP002", context(registry, REPUTATION, **windows((10, 10, 20), (2, 8, 30)))
    )
    assert [hit.evidence for hit in found] == [
        {
            "net_sentiment": 0.25,
            "previous_net_sentiment": 0.7,
            "drop_points": 45.0,
            "max_drop_points": 20.0,
            "messages": 40,
            "previous_messages": 40,
            "window_days": 90,
        }
    ]


def test_does_not_fire_when_sentiment_is_stable_or_improving(registry: Registry) -> None:
    stable = context(registry, REPUTATION, **windows((10, 10, 20), (10, 10, 20)))
    improving = context(registry, REPUTATION, **windows((2, 8, 30), (10, 10, 20)))
    assert not hits(registry, "REP002", stable)
    assert not hits(registry, "REP002", improving)


def test_a_fall_of_exactly_the_margin_does_not_fire(registry: Registry) -> None:
    # before: (24 - 6) / 40 = 0.45; now: (20 - 10) / 40 = 0.25; a fall of 0.2
    at_margin = context(registry, REPUTATION, **windows((10, 10, 20), (6, 10, 24)))
    assert not hits(registry, "REP002", at_margin)
    assert hits(registry, "REP002", at_margin, max_drop=0.19)


def test_does_not_judge_too_few_messages_in_either_window(registry: Registry) -> None:
    few_before = context(registry, REPUTATION, **windows((10, 10, 20), (0, 1, 9)))
    few_now = context(registry, REPUTATION, **windows((5, 3, 2), (2, 8, 30)))
    assert not hits(registry, "REP002", few_before)
    assert not hits(registry, "REP002", few_now)
    assert hits(registry, "REP002", few_before, min_messages=10)


def test_unknown_sentiment_in_the_window_before_is_not_judged(registry: Registry) -> None:
    assert not hits(registry, "REP002", context(registry, REPUTATION, **windows((30, 5, 5), None)))


def test_a_worse_sentiment_without_a_reputation_goal_does_not_fire(registry: Registry) -> None:
    awareness = {"goals": [{"objective": "awareness"}]}
    worse = windows((10, 10, 20), (2, 8, 30))
    assert not hits(registry, "REP002", context(registry, awareness, **worse))
    assert not hits(registry, "REP002", context(registry, {}, **worse))

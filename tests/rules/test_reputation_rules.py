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

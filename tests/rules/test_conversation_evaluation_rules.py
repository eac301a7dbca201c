"""CONV and EVAL rules: answering the audience and measuring what the goals ask."""

from __future__ import annotations

from socialaudit.engine.registry import Registry
from tests.rules.conftest import context, hits

RATE = ("response_rate", "facebook")


def test_conv001_response_rate_below_minimum(registry: Registry) -> None:
    low = context(
        registry,
        kpis={RATE: 0.5},
        details={RATE: {"answered": 5, "questions_and_complaints": 10, "sample": 10}},
    )
    assert hits(registry, "CONV001", low)[0].evidence["unanswered"] == 5
    good = context(
        registry,
        kpis={RATE: 0.8},
        details={RATE: {"answered": 8, "questions_and_complaints": 10, "sample": 10}},
    )
    assert not hits(registry, "CONV001", good)
    few = context(
        registry,
        kpis={RATE: 0.0},
        details={RATE: {"answered": 0, "questions_and_complaints": 2, "sample": 2}},
    )
    assert not hits(registry, "CONV001", few)
    assert not hits(registry, "CONV001", context(registry, messages_known=False))


def test_conv001_compares_at_the_precision_it_shows(registry: Registry) -> None:
    # 79.6% reads "80%": not below the 80% minimum; 79.4% reads "79%" and is
    shown_80 = context(
        registry,
        kpis={RATE: 0.796},
        details={RATE: {"answered": 796, "questions_and_complaints": 1000, "sample": 1000}},
    )
    assert not hits(registry, "CONV001", shown_80)
    shown_79 = context(
        registry,
        kpis={RATE: 0.794},
        details={RATE: {"answered": 794, "questions_and_complaints": 1000, "sample": 1000}},
    )
    assert hits(registry, "CONV001", shown_79)


def test_conv002_slow_median_or_tail(registry: Registry) -> None:
    def ctx(median: float | None, p90: float | None, answered: int = 20):  # type: ignore[no-untyped-def]
        return context(
            registry,
            kpis={
                ("median_first_response_hours", "facebook"): median,
                ("p90_first_response_hours", "facebook"): p90,
            },
            details={
                ("median_first_response_hours", "facebook"): {
                    "answered": answered,
                    "sample": answered,
                }
            },
        )

    assert hits(registry, "CONV002", ctx(30, 40))
    assert hits(registry, "CONV002", ctx(5, 100))
    assert not hits(registry, "CONV002", ctx(24, 72))
    assert not hits(registry, "CONV002", ctx(None, None))
    assert hits(registry, "CONV002", ctx(5, 20), max_median_hours=4)
    # shown as "24 hours", 24.3 is not "over the 24-hour target"
    assert not hits(registry, "CONV002", ctx(24.3, 36.7))


def test_conv002_needs_enough_answers(registry: Registry) -> None:
    """One answer that took 58 hours is not "half of the answers take 58 hours"."""

    def ctx(answered: int):  # type: ignore[no-untyped-def]
        return context(
            registry,
            kpis={
                ("median_first_response_hours", "facebook"): 58.3,
                ("p90_first_response_hours", "facebook"): 58.3,
            },
            details={
                ("median_first_response_hours", "facebook"): {
                    "answered": answered,
                    "sample": answered,
                }
            },
        )

    assert not hits(registry, "CONV002", ctx(1))
    assert hits(registry, "CONV002", ctx(5))
    assert hits(registry, "CONV002", ctx(1), min_answered=1)


def test_conv003_any_unanswered_complaint(registry: Registry) -> None:
    found = hits(
        registry,
        "CONV003",
        context(
            registry,
            kpis={("unanswered_complaints", "facebook"): 2.0, ("complaint_count", "facebook"): 5.0},
        ),
    )
    assert found[0].evidence == {"complaints": 2, "total": 5}
    assert not hits(
        registry, "CONV003", context(registry, kpis={("unanswered_complaints", "facebook"): 0.0})
    )
    assert not hits(registry, "CONV003", context(registry))


def test_conv004_only_when_the_data_cannot_tell(registry: Registry) -> None:
    assert hits(registry, "CONV004", context(registry, messages_known=False))
    assert not hits(registry, "CONV004", context(registry, messages_known=True))
    assert not hits(registry, "CONV004", context(registry, messages_known=False, posts=0))


def test_eval001_nothing_measured(registry: Registry) -> None:
    no_practice = {
        "goals": [{"objective": "inform"}],
        "governance": {"measurement_practice": False},
    }
    assert hits(registry, "EVAL001", context(registry, no_practice))
    # not given is unknown: the rule does not assert that nothing is measured
    assert not hits(registry, "EVAL001", context(registry, {"goals": [{"objective": "inform"}]}))
    targeted = {
        "goals": [{"objective": "inform", "targets": [{"kpi": "engagement_rate", "target": 0.02}]}]
    }
    assert not hits(registry, "EVAL001", context(registry, targeted))
    measuring = {"governance": {"measurement_practice": True}}
    assert not hits(registry, "EVAL001", context(registry, measuring))


def test_eval002_only_vanity_targets(registry: Registry) -> None:
    vanity = {
        "goals": [{"objective": "awareness", "targets": [{"kpi": "followers", "target": 5000}]}]
    }
    assert hits(registry, "EVAL002", context(registry, vanity))[0].evidence == {
        "kpis": ["followers"]
    }
    mixed = {
        "goals": [
            {
                "objective": "awareness",
                "targets": [
                    {"kpi": "followers", "target": 5000},
                    {"kpi": "engagement_rate", "target": 0.03},
                ],
            }
        ]
    }
    assert not hits(registry, "EVAL002", context(registry, mixed))


def test_eval003_sales_goal_needs_a_hard_kpi(registry: Registry) -> None:
    soft = {
        "goals": [{"objective": "sales", "targets": [{"kpi": "engagement_rate", "target": 0.05}]}]
    }
    assert hits(registry, "EVAL003", context(registry, soft))[0].evidence["objective"] == "sales"
    for hard in ("leads", "click_through_rate"):
        goal = {"goals": [{"objective": "sales", "targets": [{"kpi": hard, "target": 1}]}]}
        assert not hits(registry, "EVAL003", context(registry, goal)), hard
    awareness = {"goals": [{"objective": "awareness"}]}
    assert not hits(registry, "EVAL003", context(registry, awareness))


def test_eval004_target_missed_respects_direction(registry: Registry) -> None:
    goals = {
        "goals": [
            {
                "objective": "customer_service",
                "targets": [
                    {"kpi": "response_rate", "target": 0.9},
                    {"kpi": "median_first_response_hours", "target": 4},
                ],
            }
        ]
    }
    missed = context(
        registry,
        goals,
        kpis={("response_rate", None): 0.7, ("median_first_response_hours", None): 6.0},
    )
    assert {h.evidence["kpi"] for h in hits(registry, "EVAL004", missed)} == {
        "response_rate",
        "median_first_response_hours",
    }
    met = context(
        registry,
        goals,
        kpis={("response_rate", None): 0.95, ("median_first_response_hours", None): 3.0},
    )
    assert not hits(registry, "EVAL004", met)
    unknown = context(registry, goals, kpis={})
    assert not hits(registry, "EVAL004", unknown)
    assert not hits(registry, "EVAL004", missed, tolerance=0.5)


def test_eval004_channel_target_reports_the_channel(registry: Registry) -> None:
    goals = {
        "goals": [
            {
                "objective": "awareness",
                "targets": [{"kpi": "engagement_rate", "target": 0.05, "channel": "facebook"}],
            }
        ]
    }
    found = hits(
        registry, "EVAL004", context(registry, goals, kpis={("engagement_rate", "facebook"): 0.01})
    )
    assert found[0].channel == "facebook"


def test_eval005_kpi_that_does_not_fit_the_goal(registry: Registry) -> None:
    wrong = {
        "goals": [{"objective": "reputation", "targets": [{"kpi": "followers", "target": 1000}]}]
    }
    assert hits(registry, "EVAL005", context(registry, wrong))[0].evidence["objective"] == (
        "reputation"
    )
    right = {
        "goals": [{"objective": "reputation", "targets": [{"kpi": "response_rate", "target": 0.9}]}]
    }
    assert not hits(registry, "EVAL005", context(registry, right))
    untargeted = {"goals": [{"objective": "reputation"}]}
    assert not hits(registry, "EVAL005", context(registry, untargeted))

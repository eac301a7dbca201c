"""GOAL and INT rules read the profile: each fires on the gap and stays quiet without it."""

from __future__ import annotations

from socialaudit.engine.registry import Registry
from tests.rules.conftest import context, hits

AWARENESS = {
    "objective": "awareness",
    "set_up_front": True,
    "channels": ["facebook"],
    "targets": [{"kpi": "engagement_rate", "target": 0.03}],
}


def test_goal001_fires_without_goals_only(registry: Registry) -> None:
    assert hits(registry, "GOAL001", context(registry))[0].evidence == {"channels": 1}
    assert not hits(registry, "GOAL001", context(registry, {"goals": [AWARENESS]}))


def test_goal002_names_goals_set_afterwards(registry: Registry) -> None:
    late = {"objective": "sales"}
    found = hits(registry, "GOAL002", context(registry, {"goals": [AWARENESS, late]}))
    assert found[0].evidence == {"late": 1, "goals": 2, "objectives": ["sales"]}
    assert not hits(registry, "GOAL002", context(registry, {"goals": [AWARENESS]}))
    assert not hits(registry, "GOAL002", context(registry))  # no goals: GOAL001's business


def test_goal003_goals_without_targets(registry: Registry) -> None:
    bare = {"objective": "inform", "set_up_front": True}
    found = hits(registry, "GOAL003", context(registry, {"goals": [AWARENESS, bare]}))
    assert found[0].evidence["objectives"] == ["inform"]
    assert not hits(registry, "GOAL003", context(registry, {"goals": [AWARENESS]}))


def test_goal004_zero_budget_but_not_an_unknown_one(registry: Registry) -> None:
    assert not hits(registry, "GOAL004", context(registry))
    assert hits(registry, "GOAL004", context(registry, {"monthly_budget_eur": 0}))
    assert not hits(registry, "GOAL004", context(registry, {"monthly_budget_eur": 150}))


def test_goal005_documented_strategy(registry: Registry) -> None:
    assert not hits(registry, "GOAL005", context(registry))  # not given: unknown
    assert hits(
        registry, "GOAL005", context(registry, {"governance": {"documented_strategy": False}})
    )
    profile = {"governance": {"documented_strategy": True}}
    assert not hits(registry, "GOAL005", context(registry, profile))


def test_int001_no_owner(registry: Registry) -> None:
    assert not hits(registry, "INT001", context(registry))  # not given: unknown
    assert hits(registry, "INT001", context(registry, {"governance": {"owner": "none"}}))
    assert not hits(registry, "INT001", context(registry, {"governance": {"owner": "pr"}}))


def test_int002_conversation_manager_needed_when_the_conversation_is_busy(
    registry: Registry,
) -> None:
    busy = {("audience_message_count", None): 40.0}
    nobody = {"governance": {"conversation_manager": False}}
    assert (
        hits(registry, "INT002", context(registry, nobody, kpis=busy))[0].evidence["messages"] == 40
    )
    assert not hits(registry, "INT002", context(registry, kpis=busy))  # not given: unknown
    quiet = {("audience_message_count", None): 5.0}
    assert not hits(registry, "INT002", context(registry, nobody, kpis=quiet))
    managed = {"governance": {"owner": "conversation_manager"}}
    assert not hits(registry, "INT002", context(registry, managed, kpis=busy))
    assert hits(registry, "INT002", context(registry, nobody, kpis=quiet), min_audience_messages=3)


def test_int003_to_int005_governance_flags(registry: Registry) -> None:
    for code, flag in (
        ("INT003", "management_support"),
        ("INT004", "pilot_projects"),
        ("INT005", "employee_training"),
    ):
        assert hits(registry, code, context(registry, {"governance": {flag: False}})), code
        assert not hits(registry, code, context(registry, {"governance": {flag: True}})), code
        # a fact that was not given is unknown, and the rule does not assert it
        assert not hits(registry, code, context(registry)), code


def test_int006_customer_service_goal_needs_care(registry: Registry) -> None:
    service = {"objective": "customer_service"}
    marketing = {"goals": [service], "governance": {"owner": "marketing"}}
    assert hits(registry, "INT006", context(registry, marketing))[0].evidence == {
        "owner": "marketing"
    }
    care = {"goals": [service], "governance": {"owner": "customer_care"}}
    assert not hits(registry, "INT006", context(registry, care))
    assert not hits(registry, "INT006", context(registry, {"governance": {"owner": "pr"}}))

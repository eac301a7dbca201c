"""A rule, like a KPI, is judged per channel, for the organisation, or both: the level follows
from the callables it gives."""

from __future__ import annotations

import types

from socialaudit.plugin import Dimension, Hit, Rule, RuleLevel, Severity, hookimpl
from socialaudit.testing import PluginKit

AS_OF = "2024-03-31T00:00:00+00:00"
POSTS = [{"id": "p1", "created_at": "2024-03-01T10:00:00", "text": "Hoi", "media_type": "text"}]


def _rule(**checks: object) -> Rule:
    return Rule(
        code="LVL001",
        slug="levels",
        name={"en": "Levels"},
        category=Dimension.EXECUTION,
        severity=Severity.LOW,
        message={"en": "seen on {where}"},
        rationale={"en": "r"},
        remediation={"en": "x"},
        source="test",
        **checks,  # type: ignore[arg-type]
    )


def _plugin(rule: Rule) -> types.ModuleType:
    module = types.ModuleType("levels")
    module.socialaudit_rules = hookimpl(lambda: [rule])  # type: ignore[attr-defined]
    return module


def test_a_rule_with_both_callables_is_judged_at_both_levels(socialaudit_kit: PluginKit) -> None:
    rule = _rule(
        per_channel=lambda ctx, view, options: Hit({"where": view.key}),
        per_organisation=lambda ctx, options: Hit({"where": "organisation"}),
    )
    assert rule.level is RuleLevel.BOTH
    org = socialaudit_kit.organisation(
        [
            socialaudit_kit.channel("facebook", posts=POSTS),
            socialaudit_kit.channel("instagram", posts=POSTS),
        ]
    )
    result = socialaudit_kit.assess(org, plugins=[_plugin(rule)], as_of=AS_OF)
    seen = sorted(f.evidence["where"] for f in result.findings if f.code == "LVL001")
    assert seen == ["facebook", "instagram", "organisation"]


def test_the_level_follows_the_callable_given() -> None:
    assert _rule(per_channel=lambda ctx, view, options: None).level is RuleLevel.CHANNEL
    assert _rule(per_organisation=lambda ctx, options: None).level is RuleLevel.ORGANISATION


def test_a_rule_with_no_callable_is_refused() -> None:
    assert any("neither per_channel nor per_organisation" in p for p in _rule().problems())


def test_an_agency_rule_is_one_level_or_the_other() -> None:
    """One CEL condition is checked against one level's names, so 'both' is refused with the
    way out (two definitions)."""
    import pydantic
    import pytest

    from socialaudit.engine.custom import CustomRuleDefinition

    base = {
        "code": "AGY001",
        "name": "few-posts",
        "condition": "posts_per_week < 1",
        "title": "Few posts",
        "message": "Few posts",
        "remediation": "Post more",
    }
    assert CustomRuleDefinition.model_validate({**base, "level": "channel"})
    with pytest.raises(pydantic.ValidationError, match="define two for both"):
        CustomRuleDefinition.model_validate({**base, "level": "both"})

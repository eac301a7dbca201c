"""The plugin kit (`socialaudit.testing`) that third parties test their plugins with: it must
run the real pipeline, keep its error boundaries, and fail a test for the right reason."""

from __future__ import annotations

import pytest

from socialaudit.testing import PluginKit
from tests.engine.plugins_for_tests import failing_plugin, threshold_plugin

AS_OF = "2024-03-31T00:00:00+00:00"
POSTS = [
    {"id": f"p{i}", "created_at": f"2024-03-{i + 1:02d}T10:00:00", "text": "Hoi", "media_type": mt}
    for i, mt in enumerate(["text", "text", "text", "image"])
]


def test_builtin_rules_run_on_rows(socialaudit_kit: PluginKit) -> None:
    org = socialaudit_kit.organisation(
        [socialaudit_kit.channel("facebook", posts=POSTS, followers=300)]
    )
    result = socialaudit_kit.assess(org, as_of=AS_OF)
    assert socialaudit_kit.kpi(result, "posts_per_week", "facebook") is not None
    # no goals were set: the goal rule of the built-ins fires on this organisation
    assert any(f.code.startswith("GOAL") for f in result.findings)


def test_a_plugin_rule_fires_and_the_kit_finds_it(socialaudit_kit: PluginKit) -> None:
    org = socialaudit_kit.organisation([socialaudit_kit.channel("facebook", posts=POSTS)])
    result = socialaudit_kit.assess(org, plugins=[threshold_plugin()], as_of=AS_OF)
    assert socialaudit_kit.kpi(result, "test_text_share", "facebook") == 1.0
    socialaudit_kit.assert_finding(result, "TST001", channel="facebook")


def test_a_failing_kpi_is_an_assessment_error_not_a_traceback(
    socialaudit_kit: PluginKit,
) -> None:
    org = socialaudit_kit.organisation([socialaudit_kit.channel("facebook", posts=POSTS)])
    result = socialaudit_kit.assess(org, plugins=[failing_plugin()], as_of=AS_OF)
    assert any(e.kind == "kpi" for e in result.errors)
    with pytest.raises(pytest.fail.Exception, match="reported errors"):
        socialaudit_kit.assert_no_errors(result)


def test_assert_finding_fails_with_what_did_fire(socialaudit_kit: PluginKit) -> None:
    org = socialaudit_kit.organisation([socialaudit_kit.channel("facebook", posts=POSTS)])
    result = socialaudit_kit.assess(org, as_of=AS_OF)
    with pytest.raises(pytest.fail.Exception, match=r"rule NOPE001 did not fire; fired: \["):
        socialaudit_kit.assert_finding(result, "NOPE001")


def test_messages_left_out_are_unknown_not_none(socialaudit_kit: PluginKit) -> None:
    unknown = socialaudit_kit.organisation([socialaudit_kit.channel("facebook", posts=POSTS)])
    none = socialaudit_kit.organisation(
        [socialaudit_kit.channel("facebook", posts=POSTS, messages=[])]
    )
    assert not unknown.channels["facebook"].messages_known
    assert none.channels["facebook"].messages_known

"""Custom KPIs and rules in plugins.toml take part in assessments like built-in ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialaudit.engine.config import load_settings
from socialaudit.engine.errors import ConfigError
from socialaudit.engine.loading import load_organisation
from socialaudit.engine.pipeline import assess, ruleset_revision
from socialaudit.engine.registry import build_registry
from tests.engine.conftest import WriteOrg

CUSTOM = """
[[custom.kpis]]
id = "reactions_per_1000_followers"
name = { en = "Reactions per 1000 followers", nl = "Reacties per 1000 volgers" }
expression = "reactions_per_post / followers * 1000"
level = "channel"
higher_is_better = true

[[custom.rules]]
code = "AGY001"
name = "post-twice-a-week"
level = "channel"
severity = "high"
category = "execution"
condition = 'organisation.market == "b2c" && channel.platform == "facebook" && posts_per_week < 2'
title = { en = "Fewer than two posts a week", nl = "Minder dan twee berichten per week" }
message.en = "{posts_per_week:.1f} posts a week on {channel}; we advise 2."
message.nl = "{posts_per_week:.1f} berichten per week op {channel}; wij raden 2 aan."
remediation = { en = "Plan two posts a week.", nl = "Plan twee berichten per week." }
source = "Agency playbook"
"""


def _settings(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "plugins.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def test_custom_kpi_and_rule_run_in_an_assessment(write_org: WriteOrg, tmp_path: Path) -> None:
    registry = build_registry(_settings(tmp_path, CUSTOM))
    assert registry.owners["rules:AGY001"] == "plugins.toml"
    assessment = assess(load_organisation(write_org(), registry.adapters), registry, language="nl")
    kpi = next(
        k
        for k in assessment.kpis
        if k.id == "reactions_per_1000_followers" and k.channel == "facebook"
    )
    assert kpi.value == pytest.approx((20 + 5 + 1) / 3 / 1000 * 1000)
    finding = next(f for f in assessment.findings if f.code == "AGY001")
    assert finding.severity == "high" and finding.channel == "facebook"
    assert finding.message.startswith("0,2 berichten per week op Facebook")  # Dutch notation
    assert not assessment.errors or all(e.kind == "plugin" for e in assessment.errors)


def test_custom_rule_does_not_fire_when_condition_is_false(
    write_org: WriteOrg, tmp_path: Path
) -> None:
    registry = build_registry(_settings(tmp_path, CUSTOM.replace('"b2c"', '"b2b"')))
    assessment = assess(load_organisation(write_org(), registry.adapters), registry)
    assert "AGY001" not in {f.code for f in assessment.findings}


def test_definitions_change_the_ruleset_revision(tmp_path: Path) -> None:
    first = build_registry(_settings(tmp_path, CUSTOM))
    second = build_registry(_settings(tmp_path, CUSTOM.replace("< 2", "< 3")))
    assert first.rules["AGY001"].version != second.rules["AGY001"].version
    assert ruleset_revision(first) != ruleset_revision(second)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            ("posts_per_week < 2", "post_per_week < 2"),
            "custom.rules[0].condition",
            "did you mean 'posts_per_week'",
        ),
        (("posts_per_week < 2", "posts_per_week <"), "custom.rules[0].condition", "syntax"),
        (("* 1000", "* organisation.market"), "custom.kpis[0].expression", "type"),
        (('code = "AGY001"', 'code = "agy-1"'), "custom.rules[0].code", "pattern"),
    ],
)
def test_bad_definitions_name_the_key_and_place(
    tmp_path: Path, change: tuple[str, str], field: str, words: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        build_registry(_settings(tmp_path, CUSTOM.replace(*change)))
    assert caught.value.field == field
    assert words in caught.value.message


def test_custom_code_may_not_take_a_builtin_kpi_id(tmp_path: Path) -> None:
    text = CUSTOM.replace('id = "reactions_per_1000_followers"', 'id = "engagement_rate"')
    with pytest.raises(ConfigError, match="already defined by plugin 'builtin-kpis'"):
        build_registry(_settings(tmp_path, text))


def test_extended_registry_adds_an_agencys_definitions_without_touching_the_shared_one(
    write_org: WriteOrg, tmp_path: Path
) -> None:
    from socialaudit.engine.registry import extended

    shared = build_registry()
    agency = _settings(tmp_path, CUSTOM).custom
    own = extended(shared, agency.kpis, agency.rules, owner="agency:acme")
    assert "AGY001" in own.rules and "AGY001" not in shared.rules
    assert own.owners["rules:AGY001"] == "agency:acme"
    assessment = assess(load_organisation(write_org(), own.adapters), own)
    assert "AGY001" in {f.code for f in assessment.findings}


def test_a_rule_dividing_by_zero_is_an_error_against_it_not_a_finding(
    write_org: WriteOrg, tmp_path: Path
) -> None:
    """Plain CEL makes `x / 0.0` infinite and the condition fires; it must fail instead, reported
    against the rule, while the same rule with a non-zero divisor still fires."""
    dividing = CUSTOM.replace(
        "posts_per_week < 2'", "posts_per_week / (posts_per_week - posts_per_week) > 1'"
    )
    registry = build_registry(_settings(tmp_path, dividing))
    assessment = assess(load_organisation(write_org(), registry.adapters), registry)
    assert "AGY001" not in {f.code for f in assessment.findings}
    error = next(e for e in assessment.errors if e.source == "AGY001")
    assert "divides by zero" in error.message
    fine = CUSTOM.replace("posts_per_week < 2'", "posts_per_week / (posts_per_week + 1) < 1'")
    registry = build_registry(_settings(tmp_path, fine))
    assessment = assess(load_organisation(write_org(), registry.adapters), registry)
    assert "AGY001" in {f.code for f in assessment.findings}

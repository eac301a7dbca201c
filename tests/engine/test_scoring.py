"""Scores, maturity stage and recommendation order follow from the findings."""

from __future__ import annotations

from socialaudit.engine.definitions import Dimension, Severity
from socialaudit.engine.formatting import Formatter
from socialaudit.engine.model.assessment import Finding, MaturityStage
from socialaudit.engine.model.profile import Organisation
from socialaudit.engine.recommend import recommend
from socialaudit.engine.scoring import (
    SEVERITY_PENALTY,
    dimension_scores,
    maturity_stage,
    overall_score,
)


def finding(
    code: str, severity: Severity, category: Dimension, channel: str | None = None
) -> Finding:
    return Finding(
        code=code,
        name=code.lower(),
        title=f"title {code}",
        severity=severity,
        category=category,
        channel=channel,
        message="m",
        evidence={},
        remediation="fix it",
        source="s",
        rule_version="1",
    )


def org(**extra: object) -> Organisation:
    return Organisation.model_validate({"name": "o", "market": "b2b", **extra})


def test_no_findings_scores_full_marks() -> None:
    dimensions = dimension_scores([], channel_count=3)
    assert [d.score for d in dimensions] == [100.0] * 5
    assert overall_score(dimensions) == 100.0


def test_channel_findings_cost_in_proportion_to_channels_hit() -> None:
    one = dimension_scores([finding("CHK002", Severity.HIGH, Dimension.EXECUTION, "x")], 4)
    four = dimension_scores(
        [finding("CHK002", Severity.HIGH, Dimension.EXECUTION, c) for c in "abcd"], 4
    )
    execution = {d.name: d for d in one}[Dimension.EXECUTION]
    assert execution.score == 100 - SEVERITY_PENALTY[Severity.HIGH] * 0.5  # half at least
    assert {d.name: d for d in four}[Dimension.EXECUTION].score == 100 - SEVERITY_PENALTY[
        Severity.HIGH
    ]
    assert {d.name: d for d in four}[Dimension.EXECUTION].findings == 4


def test_scores_never_drop_below_zero() -> None:
    findings = [finding(f"GOAL00{i}", Severity.CRITICAL, Dimension.STRATEGY) for i in range(5)]
    strategy = {d.name: d for d in dimension_scores(findings, 1)}[Dimension.STRATEGY]
    assert strategy.score == 0


def test_maturity_needs_each_stage_before_it() -> None:
    clean = dimension_scores([], 2)
    assert maturity_stage(org(), clean) == MaturityStage.ADOPTED  # no goals
    with_goals = org(goals=[{"objective": "awareness"}])
    assert maturity_stage(with_goals, clean) == MaturityStage.MEASURED  # no support, no owner
    integrated = org(
        goals=[{"objective": "awareness"}],
        governance={"owner": "marketing", "management_support": True},
    )
    assert maturity_stage(integrated, clean) == MaturityStage.INTEGRATED
    weak_conversation = dimension_scores(
        [
            finding("CONV001", Severity.CRITICAL, Dimension.CONVERSATION),
            finding("CONV003", Severity.HIGH, Dimension.CONVERSATION),
        ],
        1,
    )
    assert maturity_stage(integrated, weak_conversation) == MaturityStage.PLANNED


def test_recommendations_one_per_rule_ordered_by_impact() -> None:
    findings = [
        finding("MIX001", Severity.MEDIUM, Dimension.EXECUTION, "facebook"),
        finding("MIX001", Severity.MEDIUM, Dimension.EXECUTION, "instagram"),
        finding("GOAL001", Severity.HIGH, Dimension.STRATEGY),
        finding("INT004", Severity.LOW, Dimension.INTEGRATION),
        finding("CONV004", Severity.INFO, Dimension.CONVERSATION, "x"),
    ]
    recommendations = recommend(findings, {}, channel_count=2, formatter=Formatter("en"))
    assert [r.code for r in recommendations] == ["GOAL001", "MIX001", "INT004"]
    assert [r.priority for r in recommendations] == [1, 2, 3]
    assert recommendations[1].channels == ["facebook", "instagram"]
    assert recommendations[0].impact > recommendations[1].impact > recommendations[2].impact


def test_the_stage_agrees_with_the_findings() -> None:
    integrated = org(
        goals=[{"objective": "awareness"}],
        governance={"owner": "marketing", "management_support": True},
    )
    one_medium = [finding("INT006", Severity.MEDIUM, Dimension.INTEGRATION)]
    scores = dimension_scores(one_medium, 1)
    assert {d.name: d.score for d in scores}[Dimension.INTEGRATION] >= 60  # the score alone passes
    assert maturity_stage(integrated, scores, one_medium) == MaturityStage.MEASURED
    one_low = [finding("INT004", Severity.LOW, Dimension.INTEGRATION)]
    assert (
        maturity_stage(integrated, dimension_scores(one_low, 1), one_low)
        == MaturityStage.INTEGRATED
    )
    high_execution = [finding("CHK002", Severity.HIGH, Dimension.EXECUTION, "x")]
    scores = dimension_scores(high_execution, 4)  # one channel of four: the score stays high
    assert maturity_stage(integrated, scores, high_execution) == MaturityStage.PLANNED


def test_unknown_governance_is_not_integrated() -> None:
    unknown = org(goals=[{"objective": "awareness"}])
    assert unknown.governance.management_support is None and unknown.governance.owner is None
    assert maturity_stage(unknown, dimension_scores([], 1)) == MaturityStage.MEASURED


def test_a_dimension_with_nothing_to_judge_is_unknown_not_100() -> None:
    judged = {Dimension.STRATEGY, Dimension.INTEGRATION, Dimension.EVALUATION}
    scores = dimension_scores([finding("GOAL001", Severity.HIGH, Dimension.STRATEGY)], 1, judged)
    by_name = {d.name: d.score for d in scores}
    assert by_name[Dimension.CONVERSATION] is None and by_name[Dimension.EXECUTION] is None
    assert by_name[Dimension.STRATEGY] == 75
    # the overall score is the mean of what is known, not lifted by two unknown hundreds
    assert overall_score(scores) == round((0.25 * 75 + 0.2 * 100 + 0.15 * 100) / 0.6, 1)
    assert (
        maturity_stage(org(goals=[{"objective": "awareness"}]), scores) == MaturityStage.PLANNED
    )  # active needs execution and conversation known


def test_a_high_never_ranks_below_a_medium_and_customers_come_first() -> None:
    findings = [
        finding("GOAL002", Severity.MEDIUM, Dimension.STRATEGY),  # big impact, paperwork
        finding("CONV002", Severity.MEDIUM, Dimension.CONVERSATION, "facebook"),
        finding("INT001", Severity.HIGH, Dimension.INTEGRATION),
        finding("CONV003", Severity.HIGH, Dimension.CONVERSATION, "facebook"),
        finding("CHK005", Severity.LOW, Dimension.EXECUTION, "facebook"),
    ]
    order = [r.code for r in recommend(findings, {}, 4, Formatter("en"))]
    assert order == ["CONV003", "INT001", "CONV002", "GOAL002", "CHK005"]

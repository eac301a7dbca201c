"""From findings to scores per dimension, an overall score and a maturity stage.

Each dimension starts at 100 and loses points per finding by severity. A rule that fires on
some channels costs in proportion to the share of channels it fires on (at least half its
weight), so one dormant account among seven does not weigh like a missing strategy.
"""

from __future__ import annotations

from collections import defaultdict

from socialaudit.engine.definitions import Dimension, Severity
from socialaudit.engine.model.assessment import DimensionScore, Finding, MaturityStage
from socialaudit.engine.model.profile import Organisation, Owner

SEVERITY_PENALTY = {
    Severity.INFO: 0.0,
    Severity.LOW: 6.0,
    Severity.MEDIUM: 15.0,
    Severity.HIGH: 25.0,
    Severity.CRITICAL: 40.0,
}

DIMENSION_WEIGHTS = {
    Dimension.STRATEGY: 0.25,
    Dimension.EXECUTION: 0.2,
    Dimension.CONVERSATION: 0.2,
    Dimension.EVALUATION: 0.2,
    Dimension.INTEGRATION: 0.15,
}

STAGE_THRESHOLD = 60.0


def finding_penalties(findings: list[Finding], channel_count: int) -> dict[str, float]:
    """Points each rule code costs its dimension."""
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_code[finding.code].append(finding)
    penalties = {}
    for code, group in by_code.items():
        worst = max(SEVERITY_PENALTY[f.severity] for f in group)
        channels = {f.channel for f in group if f.channel}
        if channels and channel_count:
            worst *= max(0.5, min(1.0, len(channels) / channel_count))
        penalties[code] = worst
    return penalties


def dimension_scores(findings: list[Finding], channel_count: int) -> list[DimensionScore]:
    penalties = finding_penalties(findings, channel_count)
    lost: dict[Dimension, float] = defaultdict(float)
    counted: dict[Dimension, int] = defaultdict(int)
    seen: set[str] = set()
    for finding in findings:
        counted[finding.category] += 1
        if finding.code not in seen:
            lost[finding.category] += penalties[finding.code]
            seen.add(finding.code)
    return [
        DimensionScore(name=d, score=round(max(0.0, 100.0 - lost[d]), 1), findings=counted[d])
        for d in Dimension
    ]


def overall_score(dimensions: list[DimensionScore]) -> float:
    return round(sum(DIMENSION_WEIGHTS[d.name] * d.score for d in dimensions), 1)


def maturity_stage(organisation: Organisation, dimensions: list[DimensionScore]) -> MaturityStage:
    """The highest stage whose conditions and all earlier stages' conditions hold.

    adopted: accounts exist. planned: goals and a strategy dimension of at least 60.
    active: execution and conversation at least 60. measured: evaluation at least 60.
    integrated: integration at least 60, with management support and an owner.
    """
    score = {d.name: d.score for d in dimensions}
    governance = organisation.governance
    steps = [
        (
            MaturityStage.PLANNED,
            bool(organisation.goals) and score[Dimension.STRATEGY] >= STAGE_THRESHOLD,
        ),
        (
            MaturityStage.ACTIVE,
            score[Dimension.EXECUTION] >= STAGE_THRESHOLD
            and score[Dimension.CONVERSATION] >= STAGE_THRESHOLD,
        ),
        (MaturityStage.MEASURED, score[Dimension.EVALUATION] >= STAGE_THRESHOLD),
        (
            MaturityStage.INTEGRATED,
            score[Dimension.INTEGRATION] >= STAGE_THRESHOLD
            and governance.management_support
            and governance.owner != Owner.NONE,
        ),
    ]
    stage = MaturityStage.ADOPTED
    for candidate, reached in steps:
        if not reached:
            break
        stage = candidate
    return stage

"""From findings to scores per dimension, an overall score and a maturity stage.

Each dimension starts at 100 and loses points per finding by severity. A rule that fires on
some channels costs in proportion to the share of channels it fires on (at least half its
weight), so one dormant account among seven does not weigh like a missing strategy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from socialaudit.engine.definitions import Dimension, Severity
from socialaudit.engine.model.assessment import DimensionScore, Finding, MaturityStage
from socialaudit.engine.model.profile import Organisation, Owner

SCORING_MODEL = """\
Each dimension starts at 100 and loses points per rule that fires, by severity (low 6,
medium 15, high 25, critical 40), in proportion to the share of channels it fires on (at least
half). A dimension in which no rule had anything to judge in the window (no posts, no audience
messages) is **unknown**, shown as such, not 100: no data is not a perfect score. The overall
score is the weighted mean of the known dimensions.

The maturity stage is the highest of adopted, planned (goals, strategy at least 60), active
(execution and conversation at least 60), measured (evaluation at least 60) and integrated
(integration at least 60, management support and an owner) whose conditions, and all earlier
stages' conditions, hold. A stage is not reached while its dimensions are unknown or hold a
high finding; integrated is not reached while an integration finding of medium severity or
more is open, so that the stage agrees with the findings.
"""

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
        # a finding about the organisation as a whole (or several channels at once) costs in full
        if channels and channel_count and all(f.channel for f in group):
            worst *= max(0.5, min(1.0, len(channels) / channel_count))
        penalties[code] = worst
    return penalties


def dimension_scores(
    findings: list[Finding], channel_count: int, judged: set[Dimension] | None = None
) -> list[DimensionScore]:
    """Scores per dimension. A dimension in which no rule had anything to judge (and nothing
    fired) is unknown (None), not 100: no data is not a perfect score. `judged` None means
    every dimension was judged."""
    penalties = finding_penalties(findings, channel_count)
    lost: dict[Dimension, float] = defaultdict(float)
    counted: dict[Dimension, int] = defaultdict(int)
    seen: set[str] = set()
    for finding in findings:
        counted[finding.category] += 1
        if finding.code not in seen:
            lost[finding.category] += penalties[finding.code]
            seen.add(finding.code)
    known = set(Dimension) if judged is None else judged | set(counted)
    return [
        DimensionScore(
            name=d,
            score=round(max(0.0, 100.0 - lost[d]), 1) if d in known else None,
            findings=counted[d],
        )
        for d in Dimension
    ]


def overall_score(dimensions: list[DimensionScore]) -> float:
    """The weighted mean of the known dimensions, so that an unknown one neither counts as 100
    nor as 0. Rules on the profile always judge strategy and integration; should no dimension
    be known at all, the score is 0."""
    known = [(d.name, d.score) for d in dimensions if d.score is not None]
    weight = sum(DIMENSION_WEIGHTS[name] for name, _score in known)
    if not weight:
        return 0.0
    return round(sum(DIMENSION_WEIGHTS[name] * score for name, score in known) / weight, 1)


STAGE_DIMENSIONS = {
    MaturityStage.PLANNED: (Dimension.STRATEGY,),
    MaturityStage.ACTIVE: (Dimension.EXECUTION, Dimension.CONVERSATION),
    MaturityStage.MEASURED: (Dimension.EVALUATION,),
    MaturityStage.INTEGRATED: (Dimension.INTEGRATION,),
}


def _blocking(stage: MaturityStage) -> Severity:
    """The severity from which a finding in a stage's dimensions keeps the stage from being
    reached: high for every stage; medium for integration, the stage only 14% reach
    (InSites Consulting), so that "integrated" never sits next to an open integration issue."""
    return Severity.MEDIUM if stage is MaturityStage.INTEGRATED else Severity.HIGH


def maturity_stage(
    organisation: Organisation,
    dimensions: list[DimensionScore],
    findings: Sequence[Finding] = (),
) -> MaturityStage:
    """The highest stage whose conditions and all earlier stages' conditions hold.

    adopted: accounts exist. planned: goals and a strategy dimension of at least 60.
    active: execution and conversation at least 60. measured: evaluation at least 60.
    integrated: integration at least 60, with management support and an owner. A dimension
    that is unknown does not reach its stage, and neither does one with a high finding (a
    medium one for integration): the stage agrees with the findings.
    """
    score = {d.name: d.score for d in dimensions}
    governance = organisation.governance
    extra = {
        MaturityStage.PLANNED: bool(organisation.goals),
        MaturityStage.ACTIVE: True,
        MaturityStage.MEASURED: True,
        MaturityStage.INTEGRATED: governance.management_support is True
        and governance.owner not in (None, Owner.NONE),
    }
    stage = MaturityStage.ADOPTED
    for candidate, names in STAGE_DIMENSIONS.items():
        blocking = _blocking(candidate).weight
        reached = (
            extra[candidate]
            and all((score[n] or 0.0) >= STAGE_THRESHOLD for n in names)
            and not any(f.category in names and f.severity.weight >= blocking for f in findings)
        )
        if not reached:
            break
        stage = candidate
    return stage

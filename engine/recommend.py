"""Findings become recommendations: one per rule, in the order a consultant works in.

The priority model is `PRIORITY_MODEL`; docs/rules.md shows it.
"""

from __future__ import annotations

from collections import defaultdict

from socialaudit.engine.definitions import Dimension, Rule
from socialaudit.engine.formatting import Formatter
from socialaudit.engine.model.assessment import Finding, Recommendation
from socialaudit.engine.scoring import DIMENSION_WEIGHTS, finding_penalties

PRIORITY_MODEL = """\
Recommendations are ordered by these keys, each breaking the ties of the one before:

1. **Severity.** Critical before high before medium before low: a HIGH finding never ranks
   below a MEDIUM one.
2. **Harm to customers now before paperwork.** Within a severity, findings about the
   conversation with the audience (questions and complaints left unanswered, slow answers,
   posts that invite no reaction) come before goals, budgets, measurement and governance:
   people are waiting today (Arnold Worldwide: 60% expect an answer; Maritz: 85% got none).
3. **Points won back.** Within that, the fix that wins back most of the overall score first
   (the shown `+points`: severity, the dimension's weight, the share of channels it concerns).
4. **The consultant's working order.** Then strategy before execution before evaluation,
   then integration (the three reasons integration is slow, Notion technologies), and the rule
   code, so that the order is stable.
"""

_WORK_ORDER = [
    Dimension.CONVERSATION,
    Dimension.STRATEGY,
    Dimension.EXECUTION,
    Dimension.EVALUATION,
    Dimension.INTEGRATION,
]

CUSTOMER_HARM = frozenset({Dimension.CONVERSATION})
"""Dimensions whose findings mean customers are waiting now."""


def priority_key(
    severity_weight: int, category: Dimension, impact: float, code: str
) -> tuple[int, bool, float, int, str]:
    """The sort key of the priority model above: lower sorts first."""
    return (
        -severity_weight,
        category not in CUSTOMER_HARM,
        -impact,
        _WORK_ORDER.index(category),
        code,
    )


def action(rule: Rule | None, finding: Finding, channels: list[str], formatter: Formatter) -> str:
    """The rule's remediation for every channel the recommendation covers."""
    if rule is None:
        return finding.remediation
    params = {**finding.evidence, "channel": channels or None, "channel_count": len(channels)}
    return formatter.render(rule.remediation, **params)


def worst(group: list[Finding]) -> Finding:
    """The finding a recommendation is drawn from: the most severe, the first of those."""
    return max(group, key=lambda f: f.severity.weight)


def recommend(
    findings: list[Finding], rules: dict[str, Rule], channel_count: int, formatter: Formatter
) -> list[Recommendation]:
    penalties = finding_penalties(findings, channel_count)
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.code].append(finding)

    drafts = []
    for code, group in grouped.items():
        first = worst(group)
        if first.severity.weight == 0:
            continue
        channels = sorted({f.channel for f in group if f.channel})
        impact = round(penalties[code] * DIMENSION_WEIGHTS[first.category], 1)
        drafts.append((impact, first, rules.get(code), channels))

    drafts.sort(key=lambda d: priority_key(d[1].severity.weight, d[1].category, d[0], d[1].code))
    return [
        Recommendation(
            priority=index,
            code=finding.code,
            title=finding.title,
            action=action(rule, finding, channels, formatter),
            severity=finding.severity,
            category=finding.category,
            channels=channels,
            rationale=formatter.render(rule.rationale) if rule else "",
            source=finding.source,
            impact=impact,
        )
        for index, (impact, finding, rule, channels) in enumerate(drafts, start=1)
    ]

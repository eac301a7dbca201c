"""Findings become recommendations: one per rule, ordered by what they are worth.

Priority goes by the points a fix would win back (severity and reach), then by the order a
consultant works in: strategy before execution before evaluation (seed 000's three reasons).
"""

from __future__ import annotations

from collections import defaultdict

from socialaudit.engine.definitions import Dimension, Rule
from socialaudit.engine.model.assessment import Finding, Recommendation
from socialaudit.engine.scoring import DIMENSION_WEIGHTS, finding_penalties
from socialaudit.engine.text import render

_WORK_ORDER = list(Dimension)


def recommend(
    findings: list[Finding], rules: dict[str, Rule], channel_count: int, language: str
) -> list[Recommendation]:
    penalties = finding_penalties(findings, channel_count)
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.code].append(finding)

    drafts = []
    for code, group in grouped.items():
        first = max(group, key=lambda f: f.severity.weight)
        rule = rules.get(code)
        if first.severity.weight == 0:
            continue
        channels = sorted({f.channel for f in group if f.channel})
        impact = round(penalties[code] * DIMENSION_WEIGHTS[first.category], 1)
        drafts.append((impact, first, rule, channels))

    drafts.sort(key=lambda d: (-d[0], _WORK_ORDER.index(d[1].category), d[1].code))
    return [
        Recommendation(
            priority=index,
            code=finding.code,
            title=finding.title,
            action=render(
                rule.remediation, language, channel=", ".join(channels) or None, **finding.evidence
            )
            if rule
            else finding.remediation,
            severity=finding.severity,
            category=finding.category,
            channels=channels,
            rationale=render(rule.rationale, language) if rule else "",
            source=finding.source,
            impact=impact,
        )
        for index, (impact, finding, rule, channels) in enumerate(drafts, start=1)
    ]

"""Evaluate every enabled rule, once for the organisation or once per channel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from socialaudit.engine.boundary import Guard
from socialaudit.engine.context import AssessmentContext, ChannelView
from socialaudit.engine.definitions import Dimension, Hit, Rule, Severity
from socialaudit.engine.formatting import Formatter
from socialaudit.engine.model.assessment import AssessmentError, ErrorKind, Finding


def _hits(outcome: Any) -> list[Hit]:
    if outcome is None:
        return []
    if isinstance(outcome, Hit):
        return [outcome]
    if isinstance(outcome, Iterable) and not isinstance(outcome, str | bytes | dict):
        hits = list(outcome)
        if all(isinstance(h, Hit) for h in hits):
            return hits
    raise TypeError(f"returned {type(outcome).__name__}; expected a Hit, Hits or None")


def _evaluate(
    rule: Rule, ctx: AssessmentContext, view: ChannelView | None, options: Any
) -> list[Hit]:
    """Evaluate and drain the hits inside the boundary, so a generator rule's time counts too."""
    if view is None:
        assert rule.per_organisation is not None
        return _hits(rule.per_organisation(ctx, options))
    assert rule.per_channel is not None
    return _hits(rule.per_channel(ctx, view, options))


def _evidence_value(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, list | tuple | set):
        return [_evidence_value(v) for v in value]
    return value


def _finding(
    rule: Rule,
    hit: Hit,
    channel: str | None,
    severity: Severity,
    formatter: Formatter,
) -> Finding:
    evidence = {k: _evidence_value(v) for k, v in hit.evidence.items()}
    where = hit.channel or channel
    params = {**hit.evidence, "channel": where, "channel_count": 1 if where else 0}
    return Finding(
        code=rule.code,
        name=rule.slug,
        title=formatter.pick(rule.name),
        severity=severity,
        category=rule.category,
        channel=where,
        message=formatter.render(rule.message, **params),
        evidence=evidence,
        remediation=formatter.render(rule.remediation, **params),
        source=rule.source,
        rule_version=rule.version,
    )


def _failed_kpis(rule: Rule, ctx: AssessmentContext, channel: str | None) -> list[str]:
    """The rule's KPIs that failed or timed out for this channel (or the organisation)."""
    failed = []
    for kpi_id in rule.kpis:
        found = ctx.measurements.get((kpi_id, channel)) or ctx.measurements.get((kpi_id, None))
        if found is not None and "error" in found.detail:
            failed.append(f"{kpi_id} ({found.detail['error']})")
    return failed


def _has_data(rule: Rule, ctx: AssessmentContext, channel: str | None) -> bool:
    """Whether the rule had something to judge: a rule on the profile always has; a rule on
    KPIs only when one of them is known here and rests on at least one case (a count of 0
    unanswered complaints among 0 messages judges nothing)."""
    if not rule.kpis:
        return True
    for kpi_id in rule.kpis:
        for key in (channel, None):
            found = ctx.measurements.get((kpi_id, key))
            if found is not None and found.value is not None and found.detail.get("sample") != 0:
                return True
    return False


@dataclass
class RuleResults:
    findings: list[Finding] = field(default_factory=list)
    errors: list[AssessmentError] = field(default_factory=list)
    judged: set[Dimension] = field(default_factory=set)
    """Dimensions in which at least one rule had data to judge: the others are unknown."""


def evaluate_rules(
    ctx: AssessmentContext,
    rules: list[Rule],
    options: dict[str, Any],
    severities: dict[str, Severity],
    guard: Guard,
    timeout: float,
    formatter: Formatter,
) -> RuleResults:
    results = RuleResults()
    findings, errors = results.findings, results.errors
    for rule in rules:
        targets: list[ChannelView | None] = [None] if rule.per_organisation else []
        if rule.per_channel:
            targets += list(ctx.channels.values())
        severity = severities.get(rule.code, rule.severity)
        for view in targets:
            channel = view.key if view is not None else None
            failed = _failed_kpis(rule, ctx, channel)
            if failed:
                errors.append(
                    AssessmentError(
                        kind=ErrorKind.RULE,
                        source=rule.code,
                        channel=channel,
                        message=f"not evaluated: KPI {'; '.join(failed)} failed",
                    )
                )
                continue
            if _has_data(rule, ctx, channel):
                results.judged.add(rule.category)
            outcome = guard.call(_evaluate, rule, ctx, view, options[rule.code], timeout=timeout)
            if outcome.error is not None:
                errors.append(
                    AssessmentError(
                        kind=ErrorKind.RULE,
                        source=rule.code,
                        channel=channel,
                        message=outcome.error,
                    )
                )
                continue
            try:
                findings.extend(
                    _finding(rule, hit, channel, severity, formatter) for hit in outcome.value or []
                )
            except Exception as exc:  # a broken message template is the rule's fault
                errors.append(
                    AssessmentError(
                        kind=ErrorKind.RULE,
                        source=rule.code,
                        channel=channel,
                        message=f"{type(exc).__name__}: {exc}",
                    )
                )
    return results

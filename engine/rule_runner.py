"""Evaluate every enabled rule, once for the organisation or once per channel."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from socialaudit.engine.boundary import Guard
from socialaudit.engine.context import AssessmentContext
from socialaudit.engine.definitions import Hit, Rule, RuleLevel, Severity
from socialaudit.engine.model.assessment import AssessmentError, ErrorKind, Finding
from socialaudit.engine.text import pick, render


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


def _evaluate(rule: Rule, ctx: AssessmentContext, view: Any, options: Any) -> list[Hit]:
    """Evaluate and drain the hits inside the boundary, so a generator rule's time counts too."""
    return _hits(rule.evaluate(ctx, view, options))


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
    language: str,
) -> Finding:
    evidence = {k: _evidence_value(v) for k, v in hit.evidence.items()}
    where = hit.channel or channel
    return Finding(
        code=rule.code,
        name=rule.name,
        title=pick(rule.title, language),
        severity=severity,
        category=rule.category,
        channel=where,
        message=render(rule.message, language, channel=where, **hit.evidence),
        evidence=evidence,
        remediation=render(rule.remediation, language, channel=where, **hit.evidence),
        source=rule.source,
        rule_version=rule.version,
    )


def evaluate_rules(
    ctx: AssessmentContext,
    rules: list[Rule],
    options: dict[str, Any],
    severities: dict[str, Severity],
    guard: Guard,
    timeout: float,
    language: str,
) -> tuple[list[Finding], list[AssessmentError]]:
    findings: list[Finding] = []
    errors: list[AssessmentError] = []
    for rule in rules:
        targets = list(ctx.channels.values()) if rule.level == RuleLevel.CHANNEL else [None]
        severity = severities.get(rule.code, rule.severity)
        for view in targets:
            channel = view.key if view is not None else None
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
                    _finding(rule, hit, channel, severity, language) for hit in outcome.value or []
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
    return findings, errors

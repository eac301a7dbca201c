"""An assessment's texts in another language, rendered again from the rules that made them.

An assessment is computed in one language; rendering is the last step, from each finding's
evidence and the rule's localised templates. Keeping the assessment as it was and rendering the
texts again gives the same wording a fresh assessment in that language would have, without
recomputing any KPI. A finding whose rule is no longer loaded, or is loaded in another version
than the one that produced it, keeps its stored text rather than being described by a rule that
did not make it.
"""

from __future__ import annotations

from socialaudit.engine.definitions import Kpi, Rule
from socialaudit.engine.model.assessment import Assessment, Finding, Recommendation
from socialaudit.engine.text import pick, render


def _finding(finding: Finding, rule: Rule | None, language: str) -> Finding:
    if rule is None or rule.version != finding.rule_version:
        return finding
    params = {**finding.evidence, "channel": finding.channel}
    return finding.model_copy(
        update={
            "title": pick(rule.title, language),
            "message": render(rule.message, language, **params),
            "remediation": render(rule.remediation, language, **params),
        }
    )


def _recommendation(
    recommendation: Recommendation,
    findings: list[Finding],
    rule: Rule | None,
    language: str,
) -> Recommendation:
    group = [f for f in findings if f.code == recommendation.code]
    if rule is None or not group or any(f.rule_version != rule.version for f in group):
        return recommendation
    first = max(group, key=lambda f: f.severity.weight)  # the finding `recommend` drew it from
    return recommendation.model_copy(
        update={
            "title": pick(rule.title, language),
            "action": render(
                rule.remediation,
                language,
                **{**first.evidence, "channel": ", ".join(recommendation.channels) or None},
            ),
            "rationale": render(rule.rationale, language),
        }
    )


def localise(
    assessment: Assessment, rules: dict[str, Rule], kpis: dict[str, Kpi], language: str
) -> Assessment:
    """`assessment` with its findings, recommendations and KPI names in `language`."""
    if language == assessment.language:
        return assessment
    findings = [_finding(f, rules.get(f.code), language) for f in assessment.findings]
    return assessment.model_copy(
        update={
            "language": language,
            "findings": findings,
            "recommendations": [
                _recommendation(r, findings, rules.get(r.code), language)
                for r in assessment.recommendations
            ],
            "kpis": [
                k.model_copy(update={"name": pick(kpis[k.id].name, language)})
                if k.id in kpis
                else k
                for k in assessment.kpis
            ],
        }
    )

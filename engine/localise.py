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
from socialaudit.engine.formatting import Formatter, Vocabulary
from socialaudit.engine.model.assessment import Assessment, Finding, Recommendation
from socialaudit.engine.recommend import action, worst
from socialaudit.engine.text import pick


def _finding(finding: Finding, rule: Rule | None, formatter: Formatter) -> Finding:
    if rule is None or rule.version != finding.rule_version:
        return finding
    params = {
        **finding.evidence,
        "channel": finding.channel,
        "channel_count": 1 if finding.channel else 0,
    }
    return finding.model_copy(
        update={
            "title": formatter.pick(rule.name),
            "message": formatter.render(rule.message, **params),
            "remediation": formatter.render(rule.remediation, **params),
        }
    )


def _recommendation(
    recommendation: Recommendation,
    findings: list[Finding],
    rule: Rule | None,
    formatter: Formatter,
) -> Recommendation:
    group = [f for f in findings if f.code == recommendation.code]
    if rule is None or not group or any(f.rule_version != rule.version for f in group):
        return recommendation
    return recommendation.model_copy(
        update={
            "title": formatter.pick(rule.name),
            "action": action(rule, worst(group), recommendation.channels, formatter),
            "rationale": formatter.render(rule.rationale),
        }
    )


def localise(
    assessment: Assessment, rules: dict[str, Rule], kpis: dict[str, Kpi], language: str
) -> Assessment:
    """`assessment` with its findings, recommendations and KPI names in `language`."""
    if language == assessment.language:
        return assessment
    formatter = Formatter(
        language,
        Vocabulary(
            channels=assessment.channel_names,
            kpis={k.id: k.name for k in kpis.values()},
            country=assessment.country,
        ),
    )
    findings = [_finding(f, rules.get(f.code), formatter) for f in assessment.findings]
    return assessment.model_copy(
        update={
            "language": language,
            "findings": findings,
            "recommendations": [
                _recommendation(r, findings, rules.get(r.code), formatter)
                for r in assessment.recommendations
            ],
            "kpis": [
                k.model_copy(
                    update={
                        "name": pick(kpis[k.id].name, language),
                        "display": formatter.value(k.value, k.unit),
                    }
                )
                if k.id in kpis
                else k.model_copy(update={"display": formatter.value(k.value, k.unit)})
                for k in assessment.kpis
            ],
        }
    )

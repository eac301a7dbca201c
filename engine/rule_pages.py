"""A rule's documentation as a reader meets it: its rationale, example and fix filled from the
rule's example evidence, so that `socialaudit rules --explain`, docs/rules.md and the GraphQL
catalogue read the same ("the last 90 days") rather than a template ("{window_days}").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from socialaudit.engine.definitions import Kpi, Rule
from socialaudit.engine.formatting import Formatter, Vocabulary


@dataclass(frozen=True)
class RuleTexts:
    rationale: str
    example: str
    remediation: str


def _example_params(rule: Rule, options: BaseModel) -> dict[str, Any]:
    """The placeholders of the rule's texts filled as in its example's finding, with the
    channel count a finding on that channel has (as the rule runner adds it)."""
    evidence = dict(rule.example_evidence(options)) if rule.example_evidence else {}
    channel = evidence.get("channel")
    counted = 0 if channel is None else 1 if isinstance(channel, str) else len(channel)
    return {"channel_count": counted, **evidence}


def rule_texts(
    rule: Rule, language: str, options: BaseModel, kpis: Mapping[str, Kpi] | None = None
) -> RuleTexts:
    """The rule's templates rendered in `language` for its example, under the options in
    effect, with `kpis` naming the KPIs they mention."""
    formatter = Formatter(language, Vocabulary(kpis={k.id: k.name for k in (kpis or {}).values()}))
    params = _example_params(rule, options)
    return RuleTexts(
        rationale=formatter.render(rule.rationale, **params),
        example=formatter.render(rule.example, **params) if rule.example else "",
        remediation=formatter.render(rule.remediation, **params),
    )

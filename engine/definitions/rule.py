"""Advice rules: a stable code, the texts a consultant would write, and the check itself.

Documented the way ruff documents a rule: what it checks (`name`), why it matters
(`rationale`, with its `source` study), an `example`, and the fix (`remediation`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from socialaudit.engine.text import LocalisedText

if TYPE_CHECKING:
    from socialaudit.engine.context import AssessmentContext, ChannelView

RULE_CODE_PATTERN = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")
RULE_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Dimension(StrEnum):
    """The five dimensions an assessment scores; a rule's category is one of them.

    Strategy, execution and evaluation are the three reasons integration is slow (seed 000);
    conversation and integration come from the seed articles on answering the audience and on
    adoption versus integration (InSites Consulting).
    """

    STRATEGY = "strategy"
    EXECUTION = "execution"
    CONVERSATION = "conversation"
    EVALUATION = "evaluation"
    INTEGRATION = "integration"


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def weight(self) -> int:
        return _SEVERITY_WEIGHTS[self]


_SEVERITY_WEIGHTS = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
}


class RuleLevel(StrEnum):
    """Whether a rule is evaluated once, once per channel, or both (as `KpiLevel`)."""

    ORGANISATION = "organisation"
    CHANNEL = "channel"
    BOTH = "both"


class NoOptions(BaseModel):
    """The options model of a rule that has none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Hit:
    """One reason a rule fires. `evidence` holds the values that made it fire; they fill the
    message template's placeholders and are shown to the user as they are."""

    evidence: dict[str, Any] = field(default_factory=dict)
    channel: str | None = None


RuleOutcome = Hit | Iterable[Hit] | None
ChannelCheck = Callable[["AssessmentContext", "ChannelView", Any], RuleOutcome]
OrganisationCheck = Callable[["AssessmentContext", Any], RuleOutcome]


@dataclass(frozen=True)
class Rule:
    """An advice rule.

    Like a `Kpi`, a rule gives `per_channel(ctx, channel, options)` to be judged once per
    channel, `per_organisation(ctx, options)` to be judged once for the organisation, or both.
    Each returns a `Hit`, several, or None when the rule does not fire. `options` is an
    instance of the rule's `options` model, filled from `plugins.toml`
    ``[rules.options.CODE]``. `kpis` names the KPIs the rule reads, so that a failed KPI is
    reported against it.
    """

    code: str
    slug: str
    """kebab-case, stable, for people who type it (`too-promotional`); `code` is the id."""
    name: LocalisedText
    """What the rule checks, in the reader's words: its heading, as a KPI's `name` is."""
    category: Dimension
    severity: Severity
    message: LocalisedText
    rationale: LocalisedText
    remediation: LocalisedText
    source: str
    per_channel: ChannelCheck | None = None
    per_organisation: OrganisationCheck | None = None
    options: type[BaseModel] = NoOptions
    kpis: tuple[str, ...] = ()
    example: LocalisedText | str = ""
    example_evidence: Callable[[Any], Mapping[str, Any]] | None = None
    """The evidence a hit carries in the example's case, from the rule's options in effect:
    the catalogue fills the remediation's placeholders with it, so that the rule's page reads
    as a finding does ("Answer on Instagram") rather than as a template ("on {channel}")."""
    version: str = "1"

    @property
    def level(self) -> RuleLevel:
        if self.per_channel and self.per_organisation:
            return RuleLevel.BOTH
        return RuleLevel.CHANNEL if self.per_channel else RuleLevel.ORGANISATION

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def problems(self) -> list[str]:
        """What makes this definition unusable; empty when it is fine."""
        found = []
        if not RULE_CODE_PATTERN.match(self.code):
            found.append(f"rule code '{self.code}' must be a family and 3 digits, e.g. MIX001")
        if not RULE_NAME_PATTERN.match(self.slug):
            found.append(f"rule {self.code} slug '{self.slug}' must be kebab-case")
        checks = [c for c in (self.per_channel, self.per_organisation) if c is not None]
        if not checks:
            found.append(f"rule {self.code} has neither per_channel nor per_organisation")
        if not all(callable(c) for c in checks):
            found.append(f"rule {self.code} per_channel / per_organisation must be callable")
        if not (isinstance(self.options, type) and issubclass(self.options, BaseModel)):
            found.append(f"rule {self.code} options must be a pydantic model class")
        for text_field in ("name", "message", "remediation"):
            value = getattr(self, text_field)
            if not value or (not isinstance(value, str) and "en" not in value):
                found.append(f"rule {self.code} {text_field} needs at least an English text")
        return found

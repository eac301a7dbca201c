"""REP: reputation goals and what the audience says. "When the goal is reputation, measure
online sentiment" (Marketingfacts on ROI): an organisation that wants a good name and hears
mostly complaints should know, whatever its follower counts say.

The threshold is this product's default, not a study figure: one audience message in four
negative is well above what a business with a sound name gets in its comments, and the option
lets an agency set its own. Below the minimum sample the rule does not judge: a share from a
handful of messages is chance. Whether sentiment is getting worse between two assessments is
not judged here: a rule sees one assessment only.
"""

from __future__ import annotations

from pydantic import Field

from socialaudit.plugin import (
    AssessmentContext,
    Dimension,
    Hit,
    Objective,
    Rule,
    Severity,
)
from socialaudit.plugins.rules._options import Options
from socialaudit.plugins.rules._sources import MARKETINGFACTS


class NegativeSentimentOptions(Options):
    max_negative_share: float = Field(
        default=0.25,
        gt=0,
        lt=1,
        description="Share of negative audience messages above which the rule fires.",
    )
    min_messages: int = Field(
        default=30,
        ge=1,
        description="Audience messages with a sentiment needed before the share is judged.",
    )


def _reputation_channels(ctx: AssessmentContext) -> list[str]:
    """The channels a reputation goal names; all channels where the goal names none."""
    goals = [g for g in ctx.organisation.goals if g.objective == Objective.REPUTATION]
    if not goals:
        return []
    if any(not g.channels for g in goals):
        return list(ctx.channels)
    return [
        key
        for key in ctx.channels
        if Objective.REPUTATION in ctx.organisation.goals_for_channel(key)
    ]


def _negative_sentiment(ctx: AssessmentContext, options: NegativeSentimentOptions) -> Hit | None:
    channels = _reputation_channels(ctx)
    counts = {"positive": 0, "neutral": 0, "negative": 0}
    for key in channels:
        if ctx.kpi("negative_share", key) is None:
            continue
        detail = ctx.kpi_detail("negative_share", key)
        for sentiment in counts:
            counts[sentiment] += int(detail.get(sentiment, 0))
    total = sum(counts.values())
    if total < options.min_messages:
        return None
    share = counts["negative"] / total
    if share <= options.max_negative_share:
        return None
    return Hit(
        {
            "negative_share": round(share, 4),
            "negative": counts["negative"],
            "messages": total,
            "max_negative_share": options.max_negative_share,
        }
    )


RULES = [
    Rule(
        code="REP001",
        slug="negative-sentiment-for-reputation-goal",
        name={
            "en": "Much negative sentiment, while the goal is reputation",
            "nl": "Veel negatief sentiment, terwijl het doel reputatie is",
            "fr": "Beaucoup de sentiment négatif alors que l'objectif est la réputation",
        },
        category=Dimension.CONVERSATION,
        severity=Severity.HIGH,
        options=NegativeSentimentOptions,
        kpis=("negative_share",),
        message={
            "en": "{negative} of {messages} audience messages are negative "
            "({negative_share:.0%}), above the {max_negative_share:.0%} this goal tolerates.",
            "nl": "{negative} van de {messages} berichten van het publiek zijn negatief "
            "({negative_share:.0%}), meer dan de {max_negative_share:.0%} die dit doel verdraagt.",
            "fr": "{negative} des {messages} messages du public sont négatifs "
            "({negative_share:.0%}), au-delà des {max_negative_share:.0%} que cet objectif tolère.",
        },
        rationale={
            "en": "A reputation goal is measured by what people say: online sentiment. "
            "Complaints left to pile up in public shape the name more than any campaign.",
            "nl": "Een reputatiedoel meet men aan wat mensen zeggen: het online sentiment. "
            "Klachten die zich publiek opstapelen, bepalen de naam meer dan een campagne.",
            "fr": "Un objectif de réputation se mesure à ce que disent les gens : le sentiment "
            "en ligne. Des plaintes qui s'accumulent en public pèsent plus qu'une campagne.",
        },
        remediation={
            "en": "Read the negative messages, group them by cause, answer each one in public "
            "and fix the most frequent cause first; measure the share again next month.",
            "nl": "Lees de negatieve berichten, groepeer ze per oorzaak, beantwoord elk bericht "
            "publiek en pak eerst de vaakste oorzaak aan; meet het aandeel volgende maand "
            "opnieuw.",
            "fr": "Lisez les messages négatifs, regroupez-les par cause, répondez à chacun en "
            "public et traitez d'abord la cause la plus fréquente ; remesurez la part le mois "
            "prochain.",
        },
        source=MARKETINGFACTS,
        per_organisation=_negative_sentiment,
    ),
]

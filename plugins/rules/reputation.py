"""REP: reputation goals and what the audience says. "When the goal is reputation, measure
online sentiment" (Marketingfacts on ROI): an organisation that wants a good name and hears
mostly complaints should know, whatever its follower counts say.

The threshold is this product's default, not a study figure: one audience message in four
negative is well above what a business with a sound name gets in its comments, and the option
lets an agency set its own. Below the minimum sample the rule does not judge: a share from a
handful of messages is chance.

Getting worse (REP002) needs no earlier assessment: the data holds the window before, of the
same length, and `previous_net_sentiment` measures it as `net_sentiment` measures this one.
The margin is again this product's default, not a study figure: a fall of 0.2 on the -1 to +1
scale (20 percentage points) is what one message in ten turning from positive to negative
makes; the option lets an agency set its own. Both windows need the minimum sample; with fewer
messages in either, the change is unknown and the rule stays silent, which says nothing either
way.
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


class WorseningSentimentOptions(Options):
    max_drop: float = Field(
        default=0.2,
        gt=0,
        lt=2,
        description="Fall in net sentiment (on its -1 to +1 scale: 0.2 is 20 percentage "
        "points) from the window before to this window above which the rule fires.",
    )
    min_messages: int = Field(
        default=30,
        ge=1,
        description="Audience messages with a sentiment needed in each of the two windows "
        "before the change is judged.",
    )


def _reputation_channels(ctx: AssessmentContext) -> list[str]:
    """The channels a reputation goal names; all channels where the goal names none."""
    if not ctx.organisation.has_goal(Objective.REPUTATION):
        return []
    goals = [g for g in ctx.organisation.goals if g.objective is Objective.REPUTATION]
    if any(not g.channels for g in goals):
        return list(ctx.channels)
    return [
        key
        for key in ctx.channels
        if Objective.REPUTATION in ctx.organisation.goals_for_channel(key)
    ]


def _pooled_counts(ctx: AssessmentContext, kpi_id: str, channels: list[str]) -> dict[str, int]:
    """Messages per sentiment over the channels whose `kpi_id` is known."""
    counts = {"positive": 0, "neutral": 0, "negative": 0}
    for key in channels:
        if ctx.kpi(kpi_id, key) is None:
            continue
        detail = ctx.kpi_detail(kpi_id, key)
        for sentiment in counts:
            counts[sentiment] += int(detail.get(sentiment, 0))
    return counts


def _negative_sentiment(ctx: AssessmentContext, options: NegativeSentimentOptions) -> Hit | None:
    counts = _pooled_counts(ctx, "negative_share", _reputation_channels(ctx))
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


def _net(counts: dict[str, int]) -> float:
    return (counts["positive"] - counts["negative"]) / sum(counts.values())


def _worsening_sentiment(ctx: AssessmentContext, options: WorseningSentimentOptions) -> Hit | None:
    channels = _reputation_channels(ctx)
    now = _pooled_counts(ctx, "net_sentiment", channels)
    before = _pooled_counts(ctx, "previous_net_sentiment", channels)
    if min(sum(now.values()), sum(before.values())) < options.min_messages:
        return None
    drop = round(_net(before) - _net(now), 9)  # 0.4 - 0.2 is the margin, not above it
    if drop <= options.max_drop:
        return None
    return Hit(
        {
            "net_sentiment": round(_net(now), 4),
            "previous_net_sentiment": round(_net(before), 4),
            "drop_points": round(drop * 100, 1),
            "max_drop_points": round(options.max_drop * 100, 1),
            "messages": sum(now.values()),
            "previous_messages": sum(before.values()),
            "window_days": ctx.window_days,
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
    Rule(
        code="REP002",
        slug="sentiment-getting-worse-for-reputation-goal",
        name={
            "en": "Sentiment getting worse, while the goal is reputation",
            "nl": "Sentiment gaat achteruit, terwijl het doel reputatie is",
            "fr": "Le sentiment se dégrade alors que l'objectif est la réputation",
        },
        category=Dimension.CONVERSATION,
        severity=Severity.HIGH,
        options=WorseningSentimentOptions,
        kpis=("net_sentiment", "previous_net_sentiment"),
        message={
            "en": "Net sentiment fell by {drop_points:percentage point|percentage points}, "
            "from {previous_net_sentiment:.0%} ({previous_messages:message|messages}) in the "
            "{window_days} days before to {net_sentiment:.0%} ({messages:message|messages}) "
            "in the last {window_days} days, more than the "
            "{max_drop_points:percentage point|percentage points} this goal tolerates.",
            "nl": "Het netto sentiment daalde met {drop_points:procentpunt|procentpunten}, van "
            "{previous_net_sentiment:.0%} ({previous_messages:bericht|berichten}) in de "
            "{window_days} dagen daarvoor tot {net_sentiment:.0%} "
            "({messages:bericht|berichten}) in de laatste {window_days} dagen, meer dan de "
            "{max_drop_points:procentpunt|procentpunten} die dit doel verdraagt.",
            "fr": "Le sentiment net a baissé de "
            "{drop_points:point de pourcentage|points de pourcentage}, de "
            "{previous_net_sentiment:.0%} ({previous_messages:message|messages}) sur les "
            "{window_days} jours précédents à {net_sentiment:.0%} "
            "({messages:message|messages}) sur les {window_days} derniers jours, au-delà des "
            "{max_drop_points:point de pourcentage|points de pourcentage} que cet objectif "
            "tolère.",
        },
        rationale={
            "en": "A reputation goal is measured by what people say: online sentiment. A name "
            "that is sliding is easier to turn round now than once the complaints set the tone.",
            "nl": "Een reputatiedoel meet men aan wat mensen zeggen: het online sentiment. Een "
            "naam die wegglijdt, is nu makkelijker bij te sturen dan wanneer de klachten de toon "
            "zetten.",
            "fr": "Un objectif de réputation se mesure à ce que disent les gens : le sentiment "
            "en ligne. Une image qui glisse se redresse plus facilement maintenant qu'une fois "
            "que les plaintes donnent le ton.",
        },
        remediation={
            "en": "Compare the negative messages of the last {window_days} days with those "
            "before: find what changed (a product, a delay, a campaign, an unanswered "
            "complaint), answer in public and fix that cause first; measure again next month.",
            "nl": "Vergelijk de negatieve berichten van de laatste {window_days} dagen met die "
            "van daarvoor: zoek wat er veranderde (een product, een vertraging, een campagne, "
            "een onbeantwoorde klacht), antwoord publiek en pak eerst die oorzaak aan; meet "
            "volgende maand opnieuw.",
            "fr": "Comparez les messages négatifs des {window_days} derniers jours à ceux "
            "d'avant : cherchez ce qui a changé (un produit, un retard, une campagne, une "
            "plainte sans réponse), répondez en public et traitez d'abord cette cause ; "
            "remesurez le mois prochain.",
        },
        source=MARKETINGFACTS,
        per_organisation=_worsening_sentiment,
        example={
            "en": "30 of 40 audience messages were positive and 2 negative in the 90 days "
            "before (net +70%); 20 positive and 10 negative of 40 in the last 90 days (net "
            "+25%): a fall of 45 percentage points.",
            "nl": "In de 90 dagen daarvoor waren 30 van de 40 publieksberichten positief en 2 "
            "negatief (netto +70%); in de laatste 90 dagen 20 positief en 10 negatief van 40 "
            "(netto +25%): een daling van 45 procentpunten.",
            "fr": "Sur les 90 jours précédents, 30 des 40 messages du public étaient positifs et "
            "2 négatifs (net +70 %) ; sur les 90 derniers jours, 20 positifs et 10 négatifs sur "
            "40 (net +25 %) : une baisse de 45 points de pourcentage.",
        },
        example_evidence=lambda _: {"window_days": 90},
    ),
]

"""MIX: what the posts are for. The article on poor communication damaging the brand: SMEs
wrongly treat social media as an extra sales channel; the ideal is a mix of promotion and
information, and a policy focused only on selling earns little. Social media levelled the
field in community building, not in content budgets."""

from __future__ import annotations

from pydantic import Field

from socialaudit.plugin import (
    AssessmentContext,
    ChannelView,
    Dimension,
    Hit,
    Rule,
    RuleLevel,
    Severity,
)
from socialaudit.plugins.rules._options import Options
from socialaudit.plugins.rules._sources import MERKIMAGO, NSMA


class PromotionalOptions(Options):
    max_promotional_share: float = Field(default=0.35, ge=0, le=1)
    min_posts: int = Field(default=8, ge=1, description="Posts needed before judging the mix.")


def _too_promotional(
    ctx: AssessmentContext, view: ChannelView | None, options: PromotionalOptions
) -> Hit | None:
    assert view is not None
    share = ctx.kpi("promotional_share", view.key)
    detail = ctx.kpi_detail("promotional_share", view.key)
    if share is None or detail.get("posts", 0) < options.min_posts:
        return None
    if share <= options.max_promotional_share:
        return None
    return Hit(
        {
            "share": share,
            "promotional": detail["promotional"],
            "posts": detail["posts"],
            "limit": options.max_promotional_share,
            "days": ctx.window_days,
        }
    )


class ConversationOptions(Options):
    min_conversational_share: float = Field(default=0.1, ge=0, le=1)
    min_posts: int = Field(default=8, ge=1)


def _no_conversation(
    ctx: AssessmentContext, view: ChannelView | None, options: ConversationOptions
) -> Hit | None:
    assert view is not None
    share = ctx.kpi("conversational_share", view.key)
    detail = ctx.kpi_detail("conversational_share", view.key)
    if share is None or detail.get("posts", 0) < options.min_posts:
        return None
    if share >= options.min_conversational_share:
        return None
    return Hit(
        {
            "share": share,
            "posts": detail["posts"],
            "minimum": options.min_conversational_share,
            "days": ctx.window_days,
        }
    )


RULES = [
    Rule(
        code="MIX001",
        name="too-promotional",
        title={"en": "Too promotional", "nl": "Te promotioneel", "fr": "Trop promotionnel"},
        category=Dimension.EXECUTION,
        severity=Severity.MEDIUM,
        level=RuleLevel.CHANNEL,
        options=PromotionalOptions,
        kpis=("promotional_share",),
        message={
            "en": "{promotional} of the {posts} posts on {channel} in the last {days} days "
            "({share:.0%}) push an offer or a purchase (maximum {limit:.0%}).",
            "nl": "{promotional} van de {posts} berichten op {channel} in de laatste {days} "
            "dagen ({share:.0%}) pushen een aanbod of aankoop (maximum {limit:.0%}).",
            "fr": "{promotional} des {posts} publications de {channel} sur les {days} derniers "
            "jours ({share:.0%}) poussent une offre ou un achat (maximum {limit:.0%}).",
        },
        rationale={
            "en": "Small businesses wrongly treat social media as an extra sales channel. A "
            "policy focused only on selling earns little; the ideal is a mix of "
            "promotion and information that gives followers a reason to stay.",
            "nl": "Kmo's behandelen sociale media ten onrechte als een extra verkoopkanaal. "
            "Een beleid dat enkel op verkopen mikt, levert weinig op; het ideaal is een "
            "mix van promotie en informatie die volgers een reden geeft om te blijven.",
            "fr": "Les PME traitent à tort les médias sociaux comme un canal de vente de plus. "
            "Une politique axée uniquement sur la vente rapporte peu ; l'idéal est un "
            "mélange de promotion et d'information.",
        },
        remediation={
            "en": "Bring promotion on {channel} below {limit:.0%}: for every offer, post tips, "
            "behind-the-scenes stories or news your customers find useful.",
            "nl": "Breng promotie op {channel} onder {limit:.0%}: zet naast elk aanbod tips, "
            "verhalen van achter de schermen of nieuws waar klanten iets aan hebben.",
            "fr": "Ramenez la promotion sur {channel} sous {limit:.0%} : pour chaque offre, "
            "publiez des conseils, des coulisses ou des nouvelles utiles.",
        },
        source=MERKIMAGO,
        evaluate=_too_promotional,
        example={"en": "30 of 40 posts announce discounts or ask to order now."},
    ),
    Rule(
        code="MIX002",
        name="no-conversation",
        title={
            "en": "No conversation with the audience",
            "nl": "Geen gesprek met het publiek",
            "fr": "Pas de conversation avec le public",
        },
        category=Dimension.CONVERSATION,
        severity=Severity.MEDIUM,
        level=RuleLevel.CHANNEL,
        options=ConversationOptions,
        kpis=("conversational_share",),
        message={
            "en": "Only {share:.0%} of the {posts} posts on {channel} invite a reaction "
            "(minimum {minimum:.0%}).",
            "nl": "Slechts {share:.0%} van de {posts} berichten op {channel} nodigt uit tot "
            "reageren (minimum {minimum:.0%}).",
            "fr": "Seules {share:.0%} des {posts} publications de {channel} invitent à réagir "
            "(minimum {minimum:.0%}).",
        },
        rationale={
            "en": "Social media is mostly used for 'sending'. Where small businesses can "
            "match big ones is community building and customer service, which start "
            "with asking, listening and talking with customers.",
            "nl": "Sociale media worden vooral gebruikt om te 'zenden'. Waar kmo's grote "
            "bedrijven kunnen evenaren, is communitybuilding en klantenservice, en die "
            "beginnen bij vragen, luisteren en praten met klanten.",
            "fr": "Les médias sociaux servent surtout à « émettre ». Les PME peuvent égaler "
            "les grands en communauté et service client : cela commence par dialoguer.",
        },
        remediation={
            "en": "Ask your audience on {channel} something once a week: a poll, their "
            "favourite, their experience. Then answer the replies.",
            "nl": "Stel uw publiek op {channel} wekelijks een vraag: een poll, hun favoriet, "
            "hun ervaring. En antwoord daarna op de reacties.",
            "fr": "Posez chaque semaine une question à votre public sur {channel} : sondage, "
            "préférence, expérience. Puis répondez aux réactions.",
        },
        source=f"{MERKIMAGO}; {NSMA}",
        evaluate=_no_conversation,
    ),
]

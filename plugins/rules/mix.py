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
    Severity,
)
from socialaudit.plugins.rules._options import Options, as_shown, on_a_channel, texts
from socialaudit.plugins.rules._sources import MERKIMAGO, NSMA


class PromotionalOptions(Options):
    max_promotional_share: float = Field(default=0.35, ge=0, le=1)
    min_posts: int = Field(default=8, ge=1, description="Posts needed before judging the mix.")


def _too_promotional(
    ctx: AssessmentContext, view: ChannelView, options: PromotionalOptions
) -> Hit | None:
    share = ctx.kpi("promotional_share", view.key)
    detail = ctx.kpi_detail("promotional_share", view.key)
    if share is None or detail.get("posts", 0) < options.min_posts:
        return None
    if as_shown(share, 2) <= options.max_promotional_share:
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
    min_posts: int = Field(default=8, ge=1, description="Posts needed before judging the mix.")


def _no_conversation(
    ctx: AssessmentContext, view: ChannelView, options: ConversationOptions
) -> Hit | None:
    share = ctx.kpi("conversational_share", view.key)
    detail = ctx.kpi_detail("conversational_share", view.key)
    if share is None or detail.get("posts", 0) < options.min_posts:
        return None
    if as_shown(share, 2) >= options.min_conversational_share:
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
        slug="too-promotional",
        name=texts("Too promotional", "Te promotioneel", "Trop promotionnel"),
        category=Dimension.EXECUTION,
        severity=Severity.MEDIUM,
        options=PromotionalOptions,
        kpis=("promotional_share",),
        message=texts(
            "{promotional} of the {posts:post|posts} on {channel} in the last {days} days "
            "({share:.0%}) push an offer or a purchase (maximum: {limit:.0%}).",
            "{promotional} van de {posts:bericht|berichten} op {channel} in de laatste {days} "
            "dagen ({share:.0%}) {promotional:~pusht|pushen} een aanbod of een aankoop "
            "(maximum: {limit:.0%}).",
            "{promotional} des {posts:publication|publications} parues sur {channel} ces "
            "{days} derniers jours ({share:.0%}) {promotional:~met|mettent} en avant une offre "
            "ou un achat (maximum : {limit:.0%}).",
        ),
        rationale=texts(
            "Small businesses wrongly treat social media as an extra sales channel. A policy "
            "focused only on selling earns little; the ideal is a mix of promotion and "
            "information that gives followers a reason to stay ('Gebrekkige communicatie op "
            "sociale media beschadigt merkimago').",
            "Kmo's behandelen sociale media ten onrechte als een extra verkoopkanaal. Een "
            "beleid dat alleen op verkopen mikt, levert weinig op; het ideaal is een mix van "
            "promotie en informatie die volgers een reden geeft om te blijven ('Gebrekkige "
            "communicatie op sociale media beschadigt merkimago').",
            "Les PME traitent à tort les médias sociaux comme un canal de vente de plus. Une "
            "politique uniquement axée sur la vente rapporte peu ; l'idéal est un mélange de "
            "promotion et d'information qui donne aux abonnés une raison de rester "
            "(« Gebrekkige communicatie op sociale media beschadigt merkimago »).",
            "Mkb-bedrijven behandelen sociale media ten onrechte als een extra verkoopkanaal. "
            "Een beleid dat alleen op verkopen mikt, levert weinig op; het ideaal is een mix "
            "van promotie en informatie die volgers een reden geeft om te blijven "
            "('Gebrekkige communicatie op sociale media beschadigt merkimago').",
        ),
        remediation=texts(
            "Bring promotion on {channel} below {limit:.0%}: for every offer, post tips, "
            "behind-the-scenes stories or news your customers find useful.",
            "Breng de promotie op {channel} onder {limit:.0%}: zet naast elk aanbod tips, "
            "verhalen van achter de schermen of nieuws waar klanten iets aan hebben.",
            "Ramenez la part de promotion sur {channel} sous {limit:.0%} : pour chaque offre, "
            "publiez des conseils, des coulisses ou des nouvelles utiles à vos clients.",
        ),
        source=MERKIMAGO,
        per_channel=_too_promotional,
        example={"en": "30 of 40 posts announce discounts or ask to order now."},
        example_evidence=lambda options: {
            "channel": "instagram",
            "limit": options.max_promotional_share,
        },
    ),
    Rule(
        code="MIX002",
        slug="no-conversation",
        name=texts(
            "No conversation with the audience",
            "Geen gesprek met het publiek",
            "Pas de conversation avec le public",
        ),
        category=Dimension.CONVERSATION,
        severity=Severity.MEDIUM,
        options=ConversationOptions,
        kpis=("conversational_share",),
        message=texts(
            "Of the {posts:post|posts} on {channel} in the last {days} days, {share:.0%} "
            "invite a reaction (minimum: {minimum:.0%}).",
            "Van de {posts:bericht|berichten} op {channel} in de laatste {days} dagen nodigt "
            "{share:.0%} uit tot reageren (minimum: {minimum:.0%}).",
            "Sur les {posts:publication|publications} parues sur {channel} ces {days} derniers "
            "jours, {share:.0%} invitent à réagir (minimum : {minimum:.0%}).",
        ),
        rationale=texts(
            "Social media is mostly used for 'sending' (NSMA 2018). Where small businesses "
            "can match big ones is community building and customer service, which start with "
            "asking, listening and talking with customers.",
            "Sociale media worden vooral gebruikt om te 'zenden' (NSMA 2018). Kmo's kunnen "
            "grote bedrijven evenaren in communitybuilding en klantenservice, en die beginnen "
            "bij vragen stellen, luisteren en praten met klanten.",
            "Les médias sociaux servent surtout à « émettre » (NSMA 2018). Là où les PME "
            "peuvent égaler les grandes entreprises, c'est dans l'animation de communauté et "
            "le service client, qui commencent par interroger, écouter et dialoguer avec les "
            "clients.",
            "Sociale media worden vooral gebruikt om te 'zenden' (NSMA 2018). Het mkb kan "
            "grote bedrijven evenaren in communitybuilding en klantenservice, en die beginnen "
            "bij vragen stellen, luisteren en praten met klanten.",
        ),
        remediation=texts(
            "Ask your audience on {channel} something once a week: a poll, their favourite, "
            "their experience. Then answer the replies.",
            "Stel uw publiek op {channel} wekelijks een vraag: een poll, hun favoriet, hun "
            "ervaring. Antwoord daarna op de reacties.",
            "Posez chaque semaine une question à votre public sur {channel} : un sondage, son "
            "produit préféré, son expérience. Répondez ensuite aux réactions.",
        ),
        source=f"{MERKIMAGO}; {NSMA}",
        per_channel=_no_conversation,
        example_evidence=on_a_channel,
    ),
]

"""INT: integration in the organisation. Only 14% have fully integrated social media although
adoption is high; integration starts with pilot projects to convince management, needs
management support, and personal, structural and cultural change (InSites Consulting).
Someone must be responsible and guard the reputation (Marketingfacts)."""

from __future__ import annotations

from pydantic import Field

from socialaudit.plugin import (
    AssessmentContext,
    ChannelView,
    Dimension,
    Hit,
    NoOptions,
    Objective,
    Owner,
    Rule,
    Severity,
)
from socialaudit.plugins.rules._options import Options
from socialaudit.plugins.rules._sources import INSITES, MARKETINGFACTS, MERKIMAGO


def _governance_flag(flag: str):
    def evaluate(
        ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
    ) -> Hit | None:
        return None if getattr(ctx.organisation.governance, flag) else Hit({flag: False})

    return evaluate


def _no_owner(ctx: AssessmentContext, view: ChannelView | None, options: NoOptions) -> Hit | None:
    if ctx.organisation.governance.owner != Owner.NONE:
        return None
    return Hit({"channels": len(ctx.organisation.channels)})


class ConversationManagerOptions(Options):
    min_audience_messages: int = Field(
        default=20,
        ge=0,
        description="Audience messages in the window from which a central driver is needed.",
    )


def _no_conversation_manager(
    ctx: AssessmentContext, view: ChannelView | None, options: ConversationManagerOptions
) -> Hit | None:
    if ctx.organisation.governance.has_conversation_manager:
        return None
    messages = ctx.kpi("audience_message_count")
    channels = len(ctx.organisation.channels)
    if (messages or 0) < options.min_audience_messages and channels < 4:
        return None
    return Hit({"messages": None if messages is None else int(messages), "channels": channels})


def _care_not_involved(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    objectives = {g.objective for g in ctx.organisation.goals}
    owner = ctx.organisation.governance.owner
    if Objective.CUSTOMER_SERVICE not in objectives:
        return None
    if owner in (Owner.CUSTOMER_CARE, Owner.HYBRID_TASKFORCE, Owner.CONVERSATION_MANAGER):
        return None
    return Hit({"owner": owner.value})


def _texts(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


RULES = [
    Rule(
        code="INT001",
        name="no-owner",
        title=_texts(
            "Nobody owns social media",
            "Niemand is eigenaar van sociale media",
            "Personne n'est responsable des médias sociaux",
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.HIGH,
        message=_texts(
            "No department or person is responsible for the {channels:channel|channels}.",
            "Geen afdeling of persoon is verantwoordelijk voor de {channels:kanaal|kanalen}.",
            "Aucun service ni personne n'est responsable des {channels:canal|canaux}.",
        ),
        rationale=_texts(
            "Whether PR, marketing or a hybrid taskforce of enthusiasts from PR, marketing and "
            "customer care: someone must be responsible and guard the reputation.",
            "Of het nu PR, marketing of een hybride taskforce van enthousiastelingen uit PR, "
            "marketing en klantendienst is: iemand moet verantwoordelijk zijn en de reputatie "
            "bewaken.",
            "PR, marketing ou une cellule hybride : quelqu'un doit être responsable et veiller "
            "à la réputation.",
        ),
        remediation=_texts(
            "Appoint an owner (for a small business, one person with time for it) and write "
            "down who posts, who answers and who decides.",
            "Duid een eigenaar aan (in een kmo: één persoon met tijd ervoor) en leg vast wie "
            "post, wie antwoordt en wie beslist.",
            "Désignez un responsable et précisez qui publie, qui répond et qui décide.",
        ),
        source=MARKETINGFACTS,
        evaluate=_no_owner,
    ),
    Rule(
        code="INT002",
        name="no-conversation-manager",
        title=_texts(
            "No conversation manager", "Geen conversation manager", "Pas de conversation manager"
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.LOW,
        options=ConversationManagerOptions,
        kpis=("audience_message_count",),
        message=_texts(
            "{channels} channels and {messages} audience messages, but nobody drives the "
            "conversation across departments.",
            "{channels} kanalen en {messages} berichten van het publiek, maar niemand stuurt "
            "het gesprek over de afdelingen heen.",
            "{channels} canaux et {messages} messages du public, mais personne ne pilote la "
            "conversation entre les services.",
        ),
        rationale=_texts(
            "Structural change needs a central driver such as a Conversation Manager, who "
            "brings questions to the right colleague and keeps the tone consistent.",
            "Structurele verandering vraagt een centrale drijvende kracht zoals een "
            "Conversation Manager, die vragen bij de juiste collega brengt en de toon bewaakt.",
            "Le changement structurel exige un moteur central, tel un Conversation Manager.",
        ),
        remediation=_texts(
            "Give one person the role of conversation manager, with the mandate to involve "
            "colleagues from sales, service and product.",
            "Geef één persoon de rol van conversation manager, met het mandaat om collega's "
            "uit verkoop, service en product te betrekken.",
            "Confiez à une personne le rôle de conversation manager, avec mandat d'impliquer "
            "les collègues.",
        ),
        source=INSITES,
        evaluate=_no_conversation_manager,
    ),
    Rule(
        code="INT003",
        name="no-management-support",
        title=_texts(
            "No management support",
            "Geen steun van het management",
            "Pas de soutien de la direction",
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.HIGH,
        message=_texts(
            "Management does not back social media.",
            "Het management steunt sociale media niet.",
            "La direction ne soutient pas les médias sociaux.",
        ),
        rationale=_texts(
            "Without management support nothing happens: integration, which correlates with "
            "financial results, marketing impact and customer satisfaction, needs it.",
            "Zonder steun van het management gebeurt er niets: integratie, die samengaat met "
            "betere financiële resultaten, marketingimpact en klanttevredenheid, heeft die "
            "nodig.",
            "Sans soutien de la direction, rien ne se passe.",
        ),
        remediation=_texts(
            "Start a small pilot with a clear goal and report its results to management "
            "after three months.",
            "Start een kleine pilot met een duidelijk doel en rapporteer de resultaten na drie "
            "maanden aan het management.",
            "Lancez un petit projet pilote avec un objectif clair et présentez-en les "
            "résultats à la direction après trois mois.",
        ),
        source=INSITES,
        evaluate=_governance_flag("management_support"),
    ),
    Rule(
        code="INT004",
        name="no-pilot-projects",
        title=_texts("No pilot projects", "Geen pilootprojecten", "Pas de projets pilotes"),
        category=Dimension.INTEGRATION,
        severity=Severity.LOW,
        message=_texts(
            "No pilot projects test what social media can do for the organisation.",
            "Geen pilootprojecten testen wat sociale media voor de organisatie kunnen doen.",
            "Aucun projet pilote ne teste ce que les médias sociaux peuvent apporter.",
        ),
        rationale=_texts(
            "Integration starts with pilot projects that convince management with results.",
            "Integratie begint met pilootprojecten die het management met resultaten overtuigen.",
            "L'intégration commence par des projets pilotes qui convainquent la direction.",
        ),
        remediation=_texts(
            "Choose one goal and one channel for a three-month pilot with a KPI target.",
            "Kies één doel en één kanaal voor een pilot van drie maanden met een KPI-streefwaarde.",
            "Choisissez un objectif et un canal pour un pilote de trois mois avec une cible.",
        ),
        source=INSITES,
        evaluate=_governance_flag("pilot_projects"),
    ),
    Rule(
        code="INT005",
        name="no-employee-training",
        title=_texts(
            "Employees not trained", "Medewerkers niet opgeleid", "Collaborateurs non formés"
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.LOW,
        message=_texts(
            "Employees get no training or guidelines for social media.",
            "Medewerkers krijgen geen opleiding of richtlijnen voor sociale media.",
            "Les collaborateurs ne reçoivent ni formation ni consignes.",
        ),
        rationale=_texts(
            "Personal change: every employee learns, and each is a potential brand ambassador.",
            "Persoonlijke verandering: elke medewerker leert bij, en elk is een potentiële "
            "merkambassadeur.",
            "Changement personnel : chaque collaborateur apprend et est un ambassadeur potentiel.",
        ),
        remediation=_texts(
            "Hold a short session on do's and don'ts and invite colleagues to share and "
            "answer in their field.",
            "Organiseer een korte sessie over do's en don'ts en nodig collega's uit om te "
            "delen en te antwoorden in hun vakgebied.",
            "Organisez une courte séance sur les bonnes pratiques et invitez les collègues à "
            "partager.",
        ),
        source=INSITES,
        evaluate=_governance_flag("employee_training"),
    ),
    Rule(
        code="INT006",
        name="customer-service-without-care",
        title=_texts(
            "Customer service goal without customer care",
            "Klantenservicedoel zonder klantendienst",
            "Objectif de service client sans service client",
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.MEDIUM,
        message=_texts(
            "Customer service is a goal, but social media is owned by {owner} alone.",
            "Klantenservice is een doel, maar sociale media liggen enkel bij {owner}.",
            "Le service client est un objectif, mais les médias sociaux relèvent du seul "
            "service {owner}.",
        ),
        rationale=_texts(
            "Questions and complaints need the people who can solve them; a hybrid taskforce "
            "across PR, marketing and customer care avoids answers that are slow or too "
            "technical.",
            "Vragen en klachten vragen mensen die ze kunnen oplossen; een hybride taskforce "
            "over PR, marketing en klantendienst voorkomt trage of te technische antwoorden.",
            "Les questions et plaintes exigent ceux qui peuvent les résoudre.",
        ),
        remediation=_texts(
            "Involve customer care: route questions to them, or form a hybrid taskforce.",
            "Betrek de klantendienst: stuur vragen door of vorm een hybride taskforce.",
            "Impliquez le service client ou formez une cellule hybride.",
        ),
        source=f"{MARKETINGFACTS}; {MERKIMAGO}",
        evaluate=_care_not_involved,
    ),
]

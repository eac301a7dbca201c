"""INT: integration in the organisation. Only 14% have fully integrated social media although
adoption is high; integration starts with pilot projects to convince management, needs
management support, and personal, structural and cultural change (InSites Consulting).
Someone must be responsible and guard the reputation (Marketingfacts)."""

from __future__ import annotations

from pydantic import Field

from socialaudit.plugin import (
    AssessmentContext,
    Dimension,
    Hit,
    NoOptions,
    Objective,
    Owner,
    Rule,
    Severity,
)
from socialaudit.plugins.rules._options import Options, texts
from socialaudit.plugins.rules._sources import INSITES, MARKETINGFACTS, MERKIMAGO


def _governance_flag(flag: str):
    def evaluate(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
        # only a profile that says "no" is a finding; a fact not given is unknown
        return Hit({flag: False}) if getattr(ctx.organisation.governance, flag) is False else None

    return evaluate


def _no_owner(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
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
    ctx: AssessmentContext, options: ConversationManagerOptions
) -> Hit | None:
    if ctx.organisation.governance.has_conversation_manager is not False:
        return None
    messages = ctx.kpi("audience_message_count")
    channels = len(ctx.organisation.channels)
    if (messages or 0) < options.min_audience_messages and channels < 4:
        return None
    return Hit({"messages": int(messages or 0), "channels": channels})


def _care_not_involved(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
    objectives = {g.objective for g in ctx.organisation.goals}
    owner = ctx.organisation.governance.owner
    if Objective.CUSTOMER_SERVICE not in objectives or owner is None:
        return None
    if owner in (Owner.CUSTOMER_CARE, Owner.HYBRID_TASKFORCE, Owner.CONVERSATION_MANAGER):
        return None
    return Hit({"owner": owner.value})


RULES = [
    Rule(
        code="INT001",
        slug="no-owner",
        name=texts(
            "Nobody owns social media",
            "Niemand is eigenaar van sociale media",
            "Personne n'est responsable des médias sociaux",
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.HIGH,
        message=texts(
            "No department or person is responsible for "
            "{channels:~the channel|the {channels} channels}.",
            "Geen enkele afdeling of persoon is verantwoordelijk voor "
            "{channels:~het kanaal|de {channels} kanalen}.",
            "Aucun service ni aucune personne n'est responsable "
            "{channels:~du canal|des {channels} canaux}.",
        ),
        rationale=texts(
            "Whether PR, marketing or a hybrid taskforce of enthusiasts from PR, marketing and "
            "customer care: someone must be responsible and guard the reputation "
            "(Marketingfacts).",
            "Of het nu PR, marketing of een hybride taskforce van enthousiastelingen uit PR, "
            "marketing en klantendienst is: iemand moet verantwoordelijk zijn en de reputatie "
            "bewaken (Marketingfacts).",
            "Que ce soit les relations publiques, le marketing ou une cellule hybride de "
            "volontaires issus des relations publiques, du marketing et du service client : "
            "quelqu'un doit être responsable et veiller à la réputation (Marketingfacts).",
            "Of het nu pr, marketing of een hybride taskforce van enthousiastelingen uit pr, "
            "marketing en klantenservice is: iemand moet verantwoordelijk zijn en de reputatie "
            "bewaken (Marketingfacts).",
        ),
        remediation=texts(
            "Appoint an owner (in a small business, one person with time for it) and write "
            "down who posts, who answers and who decides.",
            "Duid een eigenaar aan (in een kmo: één persoon die er tijd voor krijgt) en leg "
            "vast wie post, wie antwoordt en wie beslist.",
            "Désignez un responsable (dans une PME, une personne qui dispose du temps "
            "nécessaire) et notez qui publie, qui répond et qui décide.",
            "Wijs een eigenaar aan (in het mkb: één persoon die er tijd voor krijgt) en leg "
            "vast wie post, wie antwoordt en wie beslist.",
        ),
        source=MARKETINGFACTS,
        per_organisation=_no_owner,
    ),
    Rule(
        code="INT002",
        slug="no-conversation-manager",
        name=texts(
            "No conversation manager", "Geen conversation manager", "Pas de conversation manager"
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.LOW,
        options=ConversationManagerOptions,
        kpis=("audience_message_count",),
        message=texts(
            "{channels:channel|channels} and {messages:audience message|audience messages}, "
            "but nobody drives the conversation across departments.",
            "{channels:kanaal|kanalen} en {messages:bericht|berichten} van het publiek, maar "
            "niemand stuurt het gesprek over de afdelingen heen.",
            "{channels:canal|canaux} et {messages:message|messages} du public, mais personne "
            "ne pilote la conversation entre les services.",
        ),
        rationale=texts(
            "Structural change needs a central driver such as a conversation manager, who "
            "brings each question to the right colleague and keeps the tone consistent "
            "(InSites Consulting).",
            "Structurele verandering vraagt een centrale drijvende kracht, zoals een "
            "conversation manager, die elke vraag bij de juiste collega brengt en de toon "
            "bewaakt (InSites Consulting).",
            "Le changement structurel demande un moteur central, comme un conversation "
            "manager, qui transmet chaque question au bon collègue et veille à la cohérence "
            "du ton (InSites Consulting).",
        ),
        remediation=texts(
            "Give one person the role of conversation manager, with the mandate to involve "
            "colleagues from sales, service and product.",
            "Geef één persoon de rol van conversation manager, met het mandaat om collega's "
            "uit verkoop, service en productontwikkeling te betrekken.",
            "Confiez à une personne le rôle de conversation manager, avec le mandat "
            "d'impliquer les collègues de la vente, du service et du produit.",
        ),
        source=INSITES,
        per_organisation=_no_conversation_manager,
    ),
    Rule(
        code="INT003",
        slug="no-management-support",
        name=texts(
            "No management support",
            "Geen steun van het management",
            "Pas de soutien de la direction",
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.HIGH,
        message=texts(
            "According to the profile, management does not back social media.",
            "Volgens het profiel steunt het management sociale media niet.",
            "Selon le profil, la direction ne soutient pas les médias sociaux.",
        ),
        rationale=texts(
            "Without management support nothing happens: integration, which goes with better "
            "financial results, marketing impact and customer satisfaction, needs it "
            "(InSites Consulting).",
            "Zonder steun van het management gebeurt er niets: integratie, die samengaat met "
            "betere financiële resultaten, marketingimpact en klanttevredenheid, heeft die "
            "steun nodig (InSites Consulting).",
            "Sans le soutien de la direction, rien ne se passe : l'intégration, qui va de "
            "pair avec de meilleurs résultats financiers, un impact marketing et la "
            "satisfaction des clients, en a besoin (InSites Consulting).",
        ),
        remediation=texts(
            "Start a small pilot with a clear goal and report its results to management after "
            "three months.",
            "Start een klein pilootproject met een duidelijk doel en rapporteer de resultaten "
            "na drie maanden aan het management.",
            "Lancez un petit projet pilote avec un objectif clair et présentez-en les "
            "résultats à la direction au bout de trois mois.",
            "Start een klein pilotproject met een duidelijk doel en rapporteer de resultaten "
            "na drie maanden aan het management.",
        ),
        source=INSITES,
        per_organisation=_governance_flag("management_support"),
    ),
    Rule(
        code="INT004",
        slug="no-pilot-projects",
        name=texts(
            "No pilot projects",
            "Geen pilootprojecten",
            "Aucun projet pilote",
            "Geen pilotprojecten",
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.LOW,
        message=texts(
            "No pilot project tests what social media can do for the organisation.",
            "Er loopt geen pilootproject dat test wat sociale media voor de organisatie kunnen "
            "doen.",
            "Aucun projet pilote ne teste ce que les médias sociaux peuvent apporter à "
            "l'organisation.",
            "Er loopt geen pilotproject dat test wat sociale media voor de organisatie kunnen "
            "doen.",
        ),
        rationale=texts(
            "Integration starts with pilot projects that convince management with results "
            "(InSites Consulting).",
            "Integratie begint met pilootprojecten die het management met resultaten "
            "overtuigen (InSites Consulting).",
            "L'intégration commence par des projets pilotes dont les résultats convainquent la "
            "direction (InSites Consulting).",
            "Integratie begint met pilotprojecten die het management met resultaten "
            "overtuigen (InSites Consulting).",
        ),
        remediation=texts(
            "Choose one goal and one channel for a three-month pilot with a KPI target.",
            "Kies één doel en één kanaal voor een pilootproject van drie maanden met een "
            "KPI-streefwaarde.",
            "Choisissez un objectif et un canal pour un projet pilote de trois mois, avec un "
            "KPI et sa valeur cible.",
            "Kies één doel en één kanaal voor een pilotproject van drie maanden met een "
            "KPI-streefwaarde.",
        ),
        source=INSITES,
        per_organisation=_governance_flag("pilot_projects"),
    ),
    Rule(
        code="INT005",
        slug="no-employee-training",
        name=texts(
            "Employees not trained", "Medewerkers niet opgeleid", "Collaborateurs non formés"
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.LOW,
        message=texts(
            "Employees get no training or guidelines for social media.",
            "Medewerkers krijgen geen opleiding of richtlijnen voor sociale media.",
            "Les collaborateurs ne reçoivent ni formation ni consignes pour les médias sociaux.",
        ),
        rationale=texts(
            "Personal change: every employee learns, and each is a potential brand ambassador "
            "(InSites Consulting).",
            "Persoonlijke verandering: elke medewerker leert bij, en elke medewerker is een "
            "potentiële merkambassadeur (InSites Consulting).",
            "Le changement personnel : chaque collaborateur apprend, et chacun est un "
            "ambassadeur potentiel de la marque (InSites Consulting).",
        ),
        remediation=texts(
            "Hold a short session on do's and don'ts and invite colleagues to share and "
            "answer in their field.",
            "Organiseer een korte sessie over do's en don'ts en nodig collega's uit om "
            "berichten te delen en vragen over hun vakgebied te beantwoorden.",
            "Organisez une courte séance sur ce qu'il faut faire et éviter, et invitez vos "
            "collègues à partager les publications et à répondre dans leur domaine.",
        ),
        source=INSITES,
        per_organisation=_governance_flag("employee_training"),
    ),
    Rule(
        code="INT006",
        slug="customer-service-without-care",
        name=texts(
            "Customer service goal without customer care",
            "Klantenservicedoel zonder klantendienst",
            "Objectif de service client sans implication du service client",
            "Klantenservicedoel zonder klantenservice-afdeling",
        ),
        category=Dimension.INTEGRATION,
        severity=Severity.MEDIUM,
        message=texts(
            "Customer service is a goal, but social media is owned by {owner:owner} alone.",
            "Klantenservice is een doel, maar sociale media liggen alleen bij {owner:owner}.",
            "Le service client est un objectif, mais les médias sociaux sont gérés uniquement "
            "par {owner:owner}.",
        ),
        rationale=texts(
            "Questions and complaints need the people who can solve them; a hybrid taskforce "
            "across PR, marketing and customer care avoids answers that are slow or too "
            "technical (Marketingfacts).",
            "Vragen en klachten hebben mensen nodig die ze kunnen oplossen; een hybride "
            "taskforce van PR, marketing en klantendienst voorkomt trage of te technische "
            "antwoorden (Marketingfacts).",
            "Les questions et les plaintes demandent des personnes capables de les résoudre ; "
            "une cellule hybride réunissant relations publiques, marketing et service client "
            "évite les réponses lentes ou trop techniques (Marketingfacts).",
            "Vragen en klachten hebben mensen nodig die ze kunnen oplossen; een hybride "
            "taskforce van pr, marketing en klantenservice voorkomt trage of te technische "
            "antwoorden (Marketingfacts).",
        ),
        remediation=texts(
            "Involve customer care: route questions and complaints to them, or form a hybrid "
            "taskforce with marketing.",
            "Betrek de klantendienst: stuur vragen en klachten naar die dienst door, of vorm "
            "met marketing een hybride taskforce.",
            "Impliquez le service client : transmettez-lui les questions et les plaintes, ou "
            "formez une cellule hybride avec le marketing.",
            "Betrek de klantenservice: stuur vragen en klachten naar die afdeling door, of "
            "vorm met marketing een hybride taskforce.",
        ),
        source=f"{MARKETINGFACTS}; {MERKIMAGO}",
        per_organisation=_care_not_involved,
    ),
]

"""GOAL: without goals, targets and budget, social media cannot be accounted for (NSMA 2018:
organisations without goals and budget measure least and are least satisfied)."""

from __future__ import annotations

from socialaudit.plugin import (
    AssessmentContext,
    ChannelView,
    Dimension,
    Hit,
    NoOptions,
    Rule,
    Severity,
)
from socialaudit.plugins.rules._sources import MARKETINGFACTS, NOTION, NSMA, SWEENEY


def _no_goals(ctx: AssessmentContext, view: ChannelView | None, options: NoOptions) -> Hit | None:
    if ctx.organisation.goals:
        return None
    return Hit({"channels": len(ctx.organisation.channels)})


def _not_up_front(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    goals = ctx.organisation.goals
    late = [g.objective.value for g in goals if not g.set_up_front]
    if not goals or not late:
        return None
    return Hit({"late": len(late), "goals": len(goals), "objectives": late})


def _without_targets(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    goals = ctx.organisation.goals
    bare = [g.objective.value for g in goals if not g.targets]
    if not goals or not bare:
        return None
    return Hit({"without": len(bare), "goals": len(goals), "objectives": bare})


def _no_budget(ctx: AssessmentContext, view: ChannelView | None, options: NoOptions) -> Hit | None:
    budget = ctx.organisation.monthly_budget_eur
    if budget:
        return None
    return Hit({"monthly_budget_eur": budget, "channels": len(ctx.organisation.channels)})


def _no_strategy(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    if ctx.organisation.governance.documented_strategy:
        return None
    return Hit({"documented_strategy": False})


RULES = [
    Rule(
        code="GOAL001",
        name="missing-goals",
        title={
            "en": "No goals for social media",
            "nl": "Geen doelen voor sociale media",
            "fr": "Aucun objectif pour les médias sociaux",
        },
        category=Dimension.STRATEGY,
        severity=Severity.HIGH,
        message={
            "en": (
                "The organisation is active on {channels:channel|channels} without a single goal."
            ),
            "nl": "De organisatie is actief op {channels:kanaal|kanalen} zonder één doel.",
            "fr": "L'organisation est active sur {channels:canal|canaux} sans aucun objectif.",
        },
        rationale={
            "en": "Organisations without goals measure and monitor least and are least "
            "satisfied with what social media brings them; those with concrete goals show "
            "demonstrable results. Opening accounts first and asking 'what do we do "
            "with it?' later is the checklist mentality.",
            "nl": "Organisaties zonder doelen meten en monitoren het minst en zijn het minst "
            "tevreden over wat sociale media opleveren; wie concrete doelen heeft, toont "
            "aantoonbare resultaten. Eerst accounts openen en pas daarna vragen 'wat "
            "doen we ermee?' is de checklistmentaliteit.",
            "fr": "Les organisations sans objectifs mesurent le moins et sont les moins "
            "satisfaites de ce que leur apportent les médias sociaux ; celles qui ont des "
            "objectifs concrets montrent des résultats démontrables.",
        },
        remediation={
            "en": "Choose one to three objectives (awareness, customer service, sales...), "
            "name the channels that serve each, and give each a KPI with a target.",
            "nl": "Kies één tot drie doelen (naamsbekendheid, klantenservice, verkoop...), "
            "koppel er de kanalen aan die ze dienen en geef elk doel een KPI met een "
            "streefwaarde.",
            "fr": "Choisissez un à trois objectifs (notoriété, service client, ventes...), "
            "associez-y les canaux qui les servent et donnez à chacun un KPI chiffré.",
        },
        source=f"{NSMA}; InSites Consulting",
        evaluate=_no_goals,
        example={"en": "organisation.toml has [[channels]] but no [[goals]]."},
    ),
    Rule(
        code="GOAL002",
        name="goals-not-set-up-front",
        title={
            "en": "Goals not set up front",
            "nl": "Doelen niet vooraf bepaald",
            "fr": "Objectifs non fixés au préalable",
        },
        category=Dimension.STRATEGY,
        severity=Severity.MEDIUM,
        message={
            "en": "{late} of the {goals} goals were not set up front: {objectives}.",
            "nl": "{late} van de {goals} doelen werden niet vooraf bepaald: {objectives}.",
            "fr": "{late} des {goals} objectifs n'ont pas été fixés au préalable : {objectives}.",
        },
        rationale={
            "en": "Only 29.2% of Dutch organisations set social media goals up front. Goals "
            "chosen afterwards describe what happened instead of steering it.",
            "nl": "Slechts 29,2% van de Nederlandse organisaties stelt vooraf doelen voor "
            "sociale media. Achteraf gekozen doelen beschrijven wat gebeurde in plaats "
            "van het te sturen.",
            "fr": "Seules 29,2 % des organisations néerlandaises fixent leurs objectifs au "
            "préalable. Des objectifs choisis après coup décrivent au lieu de piloter.",
        },
        remediation={
            "en": "Before the next campaign or quarter, write down what each channel must "
            "achieve and review it at the end.",
            "nl": "Leg vóór de volgende campagne of het volgende kwartaal vast wat elk kanaal "
            "moet opleveren en evalueer dat achteraf.",
            "fr": "Avant la prochaine campagne ou le prochain trimestre, fixez ce que chaque "
            "canal doit apporter et évaluez-le ensuite.",
        },
        source=NSMA,
        evaluate=_not_up_front,
    ),
    Rule(
        code="GOAL003",
        name="goals-without-targets",
        title={
            "en": "Goals without KPI targets",
            "nl": "Doelen zonder KPI-streefwaarden",
            "fr": "Objectifs sans cible chiffrée",
        },
        category=Dimension.STRATEGY,
        severity=Severity.MEDIUM,
        message={
            "en": "{without} of the {goals} goals have no KPI with a target: {objectives}.",
            "nl": "{without} van de {goals} doelen hebben geen KPI met streefwaarde: {objectives}.",
            "fr": "{without} des {goals} objectifs n'ont pas de KPI chiffré : {objectives}.",
        },
        rationale={
            "en": "Success needs hard and soft KPIs, weighted against each other; a goal "
            "without a number cannot be evaluated, and evaluation is where integration "
            "stalls.",
            "nl": "Succes vraagt harde en zachte KPI's die tegen elkaar worden afgewogen; een "
            "doel zonder cijfer kan niet worden geëvalueerd, en net daar loopt "
            "integratie vast.",
            "fr": "Le succès exige des KPI durs et souples, pondérés ; un objectif sans chiffre "
            "ne peut pas être évalué.",
        },
        remediation={
            "en": "Give each goal at least one KPI and a target, e.g. awareness: reach or "
            "engagement rate; customer service: response rate and first response time.",
            "nl": "Geef elk doel minstens één KPI met streefwaarde, bv. naamsbekendheid: "
            "bereik of engagementratio; klantenservice: responsratio en reactietijd.",
            "fr": "Donnez à chaque objectif au moins un KPI chiffré, p. ex. notoriété : "
            "portée ; service client : taux et délai de réponse.",
        },
        source=f"{NOTION}; {MARKETINGFACTS}",
        evaluate=_without_targets,
    ),
    Rule(
        code="GOAL004",
        name="no-budget",
        title={
            "en": "No budget for social media",
            "nl": "Geen budget voor sociale media",
            "fr": "Aucun budget pour les médias sociaux",
        },
        category=Dimension.STRATEGY,
        severity=Severity.MEDIUM,
        message={
            "en": "No monthly budget is set for {channels:channel|channels}.",
            "nl": "Er is geen maandbudget voor {channels:kanaal|kanalen}.",
            "fr": "Aucun budget mensuel n'est prévu pour {channels:canal|canaux}.",
        },
        rationale={
            "en": "Budget goes with how important social media is found and with how well it "
            "is measured; organisations without goals and budget account for it least.",
            "nl": "Budget hangt samen met het belang dat men aan sociale media hecht en met "
            "hoe goed men meet; organisaties zonder doelen en budget kunnen het minst "
            "verantwoorden.",
            "fr": "Le budget va de pair avec l'importance accordée aux médias sociaux et avec "
            "la mesure ; sans objectifs ni budget, on en rend le moins compte.",
        },
        remediation={
            "en": "Set a monthly budget for content, tools, promotion and the hours it takes; "
            "even a small one makes choices explicit.",
            "nl": "Leg een maandbudget vast voor content, tools, promotie en de uren die het "
            "vraagt; ook een klein budget maakt keuzes expliciet.",
            "fr": "Fixez un budget mensuel pour le contenu, les outils, la promotion et le "
            "temps passé ; même modeste, il rend les choix explicites.",
        },
        source=NSMA,
        evaluate=_no_budget,
    ),
    Rule(
        code="GOAL005",
        name="no-documented-strategy",
        title={
            "en": "No documented strategy",
            "nl": "Geen uitgeschreven strategie",
            "fr": "Aucune stratégie écrite",
        },
        category=Dimension.STRATEGY,
        severity=Severity.LOW,
        message={
            "en": "There is no written social media strategy.",
            "nl": "Er is geen uitgeschreven socialemediastrategie.",
            "fr": "Il n'existe pas de stratégie écrite pour les médias sociaux.",
        },
        rationale={
            "en": "Most small and medium businesses start without a strategy: only 28% of "
            "small and 24% of medium businesses actively research investing in social "
            "media, and almost a quarter of small ones has no strategy even for driving "
            "traffic to their website.",
            "nl": "De meeste kmo's starten zonder strategie: slechts 28% van de kleine en 24% "
            "van de middelgrote bedrijven onderzoekt actief of het in sociale media "
            "investeert, en bijna een kwart van de kleine heeft zelfs geen strategie om "
            "verkeer naar de website te leiden.",
            "fr": "La plupart des PME démarrent sans stratégie : seules 28 % des petites et "
            "24 % des moyennes entreprises étudient activement l'investissement.",
        },
        remediation={
            "en": "Write one page: audience, goals, channels and why, tone, who answers, and "
            "how you measure. Revisit it every quarter.",
            "nl": "Schrijf één pagina: doelgroep, doelen, kanalen en waarom, toon, wie "
            "antwoordt en hoe u meet. Herbekijk ze elk kwartaal.",
            "fr": "Rédigez une page : public, objectifs, canaux et pourquoi, ton, qui répond "
            "et comment mesurer. Revoyez-la chaque trimestre.",
        },
        source=f"{SWEENEY}; {NOTION}",
        evaluate=_no_strategy,
    ),
]

"""GOAL: without goals, targets and budget, social media cannot be accounted for (NSMA 2018:
organisations without goals and budget measure least and are least satisfied)."""

from __future__ import annotations

from socialaudit.plugin import (
    AssessmentContext,
    Dimension,
    Hit,
    NoOptions,
    Rule,
    Severity,
)
from socialaudit.plugins.rules._options import texts
from socialaudit.plugins.rules._sources import INSITES, MARKETINGFACTS, NOTION, NSMA, SWEENEY


def _no_goals(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
    if ctx.organisation.goals:
        return None
    return Hit({"channels": len(ctx.organisation.channels)})


def _not_up_front(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
    goals = ctx.organisation.goals
    late = [g.objective.value for g in goals if not g.set_up_front]
    if not goals or not late:
        return None
    return Hit({"late": len(late), "goals": len(goals), "objectives": late})


def _without_targets(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
    goals = ctx.organisation.goals
    bare = [g.objective.value for g in goals if not g.targets]
    if not goals or not bare:
        return None
    return Hit({"without": len(bare), "goals": len(goals), "objectives": bare})


def _no_budget(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
    budget = ctx.organisation.monthly_budget_eur
    if budget is None or budget > 0:  # a budget not given is unknown, not "no budget"
        return None
    return Hit({"monthly_budget_eur": budget, "channels": len(ctx.organisation.channels)})


def _no_strategy(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
    if ctx.organisation.governance.documented_strategy is not False:
        return None
    return Hit({"documented_strategy": False})


RULES = [
    Rule(
        code="GOAL001",
        slug="missing-goals",
        name=texts(
            "No goals for social media",
            "Geen doelen voor sociale media",
            "Aucun objectif pour les médias sociaux",
        ),
        category=Dimension.STRATEGY,
        severity=Severity.HIGH,
        message=texts(
            "The organisation is active on {channels:channel|channels} without a single goal.",
            "De organisatie is actief op {channels:kanaal|kanalen}, maar heeft geen enkel doel.",
            "L'organisation est présente sur {channels:canal|canaux} sans le moindre objectif.",
        ),
        rationale=texts(
            "Organisations without goals measure and monitor least and are least satisfied "
            "with what social media brings them; those with concrete goals show demonstrable "
            "results (NSMA 2018). Opening accounts first and asking 'what do we do with it?' "
            "later is the checklist mentality (InSites Consulting).",
            "Organisaties zonder doelen meten en monitoren het minst en zijn het minst "
            "tevreden over wat sociale media hun opleveren; wie concrete doelen heeft, boekt "
            "aantoonbare resultaten (NSMA 2018). Eerst accounts openen en pas daarna vragen "
            "'wat doen we ermee?' is de checklistmentaliteit (InSites Consulting).",
            "Les organisations sans objectifs sont celles qui mesurent et suivent le moins, et "
            "les moins satisfaites de ce que leur apportent les médias sociaux ; celles qui "
            "ont des objectifs concrets obtiennent des résultats démontrables (NSMA 2018). "
            "Ouvrir d'abord des comptes et se demander ensuite « qu'en faisons-nous ? », "
            "c'est la mentalité de la liste de contrôle (InSites Consulting).",
        ),
        remediation=texts(
            "Choose one to three objectives (awareness, customer service, sales...), name the "
            "channels that serve each, and give each a KPI with a target.",
            "Kies één tot drie doelen (naamsbekendheid, klantenservice, verkoop...), koppel er "
            "de kanalen aan die ze dienen en geef elk doel een KPI met een streefwaarde.",
            "Choisissez un à trois objectifs (notoriété, service client, ventes...), "
            "rattachez-y les canaux qui les servent et donnez à chacun un KPI assorti d'une "
            "valeur cible.",
        ),
        source=f"{NSMA}; {INSITES}",
        per_organisation=_no_goals,
        example={"en": "organisation.toml has [[channels]] but no [[goals]]."},
    ),
    Rule(
        code="GOAL002",
        slug="goals-not-set-up-front",
        name=texts(
            "Goals not set up front",
            "Doelen niet vooraf bepaald",
            "Objectifs non fixés au préalable",
        ),
        category=Dimension.STRATEGY,
        severity=Severity.MEDIUM,
        message=texts(
            "{late/goals:{goals:~The only goal was not|None of the {goals} goals was} set up "
            "front|{late} of {goals:goal|goals} {late:~was|were} not set up front}: "
            "{objectives:objective}.",
            "{late/goals:{goals:~Het enige doel werd niet|Geen van de {goals} doelen werd} "
            "vooraf bepaald|{late} van {goals:doel|doelen} {late:~werd|werden} niet vooraf "
            "bepaald}: {objectives:objective}.",
            "{late/goals:{goals:~Le seul objectif n'a pas été fixé|Aucun des {goals} "
            "objectifs n'a été fixé} au préalable|{late:objectif|objectifs} sur {goals} "
            "{late:~n'a|n'ont} pas été {late:~fixé|fixés} au préalable} : "
            "{objectives:objective}.",
        ),
        rationale=texts(
            "Only 29.2% of Dutch organisations set social media goals up front (NSMA 2018). "
            "Goals chosen afterwards describe what happened instead of steering it.",
            "Slechts 29,2% van de Nederlandse organisaties stelt vooraf doelen voor sociale "
            "media (NSMA 2018). Achteraf gekozen doelen beschrijven wat er gebeurde, in plaats "
            "van het te sturen.",
            "Seules 29,2 % des organisations néerlandaises fixent leurs objectifs pour les "
            "médias sociaux au préalable (NSMA 2018). Des objectifs choisis après coup "
            "décrivent ce qui s'est passé au lieu de l'orienter.",
        ),
        remediation=texts(
            "Before the next campaign or quarter, write down what each channel must achieve "
            "and review it at the end.",
            "Leg vóór de volgende campagne of het volgende kwartaal vast wat elk kanaal moet "
            "opleveren, en evalueer dat achteraf.",
            "Avant la prochaine campagne ou le prochain trimestre, notez ce que chaque canal "
            "doit apporter et faites-en le bilan à la fin.",
        ),
        source=NSMA,
        per_organisation=_not_up_front,
    ),
    Rule(
        code="GOAL003",
        slug="goals-without-targets",
        name=texts(
            "Goals without KPI targets",
            "Doelen zonder KPI-streefwaarden",
            "Objectifs sans valeur cible",
        ),
        category=Dimension.STRATEGY,
        severity=Severity.MEDIUM,
        message=texts(
            "{without/goals:{goals:~The only goal has no|None of the {goals} goals has a} "
            "KPI with a target|{without} of {goals:goal|goals} {without:~has|have} no KPI with "
            "a target}: {objectives:objective}.",
            "{without/goals:{goals:~Het enige doel heeft geen|Geen van de {goals} doelen "
            "heeft een} KPI met een streefwaarde|{without} van {goals:doel|doelen} "
            "{without:~heeft|hebben} geen KPI met een streefwaarde}: {objectives:objective}.",
            "{without/goals:{goals:~Le seul objectif n'a aucun|Aucun des {goals} objectifs "
            "n'a de} KPI assorti d'une valeur cible|{without:objectif|objectifs} sur {goals} "
            "{without:~n'a|n'ont} aucun KPI assorti d'une valeur cible} : "
            "{objectives:objective}.",
        ),
        rationale=texts(
            "Success needs hard and soft KPIs, weighted against each other (Notion "
            "technologies); a goal without a number cannot be evaluated, and evaluation is "
            "where integration stalls.",
            "Succes vraagt harde en zachte KPI's die tegen elkaar worden afgewogen (Notion "
            "technologies); een doel zonder cijfer kan niet worden geëvalueerd, en net daar "
            "loopt de integratie vast.",
            "Le succès exige des KPI durs et souples, pondérés entre eux (Notion "
            "technologies) ; un objectif sans chiffre ne peut pas être évalué, et c'est "
            "justement à l'évaluation que l'intégration s'enlise.",
        ),
        remediation=texts(
            "Give each goal at least one KPI and a target, e.g. awareness: reach or "
            "engagement rate; customer service: response rate and first response time.",
            "Geef elk doel minstens één KPI met een streefwaarde, bv. naamsbekendheid: bereik "
            "of engagementratio; klantenservice: responsratio en reactietijd.",
            "Donnez à chaque objectif au moins un KPI et une valeur cible, par exemple "
            "notoriété : portée ou taux d'engagement ; service client : taux de réponse et "
            "délai de première réponse.",
        ),
        source=f"{NOTION}; {MARKETINGFACTS}",
        per_organisation=_without_targets,
    ),
    Rule(
        code="GOAL004",
        slug="no-budget",
        name=texts(
            "No budget for social media",
            "Geen budget voor sociale media",
            "Aucun budget pour les médias sociaux",
        ),
        category=Dimension.STRATEGY,
        severity=Severity.MEDIUM,
        message=texts(
            "There is no monthly budget for {channels:~the channel|the {channels} channels}.",
            "Er is geen maandbudget voor {channels:~het kanaal|de {channels} kanalen}.",
            "Aucun budget mensuel n'est prévu pour {channels:~le canal|les {channels} canaux}.",
        ),
        rationale=texts(
            "Budget goes with how important social media is found and with the number of "
            "platforms; organisations without goals and budget measure least and are least "
            "satisfied with how they account for social media (NSMA 2018).",
            "Budget hangt samen met het belang dat men aan sociale media hecht en met het "
            "aantal platformen; organisaties zonder doelen en budget meten het minst en zijn "
            "het minst tevreden over hoe ze sociale media verantwoorden (NSMA 2018).",
            "Le budget va de pair avec l'importance accordée aux médias sociaux et avec le "
            "nombre de plateformes ; les organisations sans objectifs ni budget mesurent le "
            "moins et sont les moins satisfaites de la façon dont elles en rendent compte "
            "(NSMA 2018).",
        ),
        remediation=texts(
            "Set a monthly budget for content, tools, promotion and the hours it takes; even a "
            "small one makes choices explicit.",
            "Leg een maandbudget vast voor content, tools, promotie en de uren die het vraagt; "
            "ook een klein budget maakt keuzes expliciet.",
            "Fixez un budget mensuel pour le contenu, les outils, la promotion et les heures "
            "que cela demande ; même modeste, il rend les choix explicites.",
        ),
        source=NSMA,
        per_organisation=_no_budget,
        example={"en": "organisation.toml says monthly_budget_eur = 0."},
    ),
    Rule(
        code="GOAL005",
        slug="no-documented-strategy",
        name=texts(
            "No documented strategy",
            "Geen uitgeschreven strategie",
            "Aucune stratégie écrite",
        ),
        category=Dimension.STRATEGY,
        severity=Severity.LOW,
        message=texts(
            "There is no written social media strategy.",
            "Er is geen uitgeschreven socialemediastrategie.",
            "Il n'existe aucune stratégie écrite pour les médias sociaux.",
        ),
        rationale=texts(
            "Most small and medium businesses start without a strategy: only 28% of small and "
            "24% of medium businesses actively research investing in social media, and almost "
            "a quarter of small ones has no strategy even for driving traffic to their "
            "website (Sweeney Research).",
            "De meeste kmo's starten zonder strategie: slechts 28% van de kleine en 24% van de "
            "middelgrote bedrijven onderzoekt actief of het in sociale media zal investeren, "
            "en bijna een kwart van de kleine heeft zelfs geen strategie om bezoekers naar de "
            "website te leiden (Sweeney Research).",
            "La plupart des PME démarrent sans stratégie : seules 28 % des petites et 24 % des "
            "moyennes entreprises étudient activement l'opportunité d'investir dans les médias "
            "sociaux, et près d'une petite entreprise sur quatre n'a même pas de stratégie pour "
            "attirer du trafic vers son site web (Sweeney Research).",
            "De meeste mkb-bedrijven starten zonder strategie: slechts 28% van de kleine en "
            "24% van de middelgrote bedrijven onderzoekt actief of het in sociale media zal "
            "investeren, en bijna een kwart van de kleine heeft zelfs geen strategie om "
            "bezoekers naar de website te leiden (Sweeney Research).",
        ),
        remediation=texts(
            "Write one page: audience, goals, channels and why, tone, who answers, and how you "
            "measure. Revisit it every quarter.",
            "Schrijf één pagina: doelgroep, doelen, kanalen en waarom, toon, wie antwoordt en "
            "hoe u meet. Herbekijk die elk kwartaal.",
            "Rédigez une page : public, objectifs, canaux et leur raison d'être, ton, qui "
            "répond et comment vous mesurez. Revoyez-la chaque trimestre.",
            "Schrijf één pagina: doelgroep, doelen, kanalen en waarom, toon, wie antwoordt en "
            "hoe u meet. Bekijk die elk kwartaal opnieuw.",
        ),
        source=f"{SWEENEY}; {NOTION}",
        per_organisation=_no_strategy,
    ),
]

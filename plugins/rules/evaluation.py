"""EVAL: measuring what the goals ask. Success needs hard and soft KPIs, weighted (Notion
technologies);
for reputation measure sentiment, for engagement other parameters, for commerce conversion
(Marketingfacts). Many clients do not want to pay for measurement."""

from __future__ import annotations

from pydantic import Field

from socialaudit.plugin import (
    COMMERCIAL_OBJECTIVES,
    AssessmentContext,
    ChannelView,
    Dimension,
    Hit,
    NoOptions,
    Objective,
    Rule,
    Severity,
)
from socialaudit.plugins.rules._options import Options
from socialaudit.plugins.rules._sources import MARKETINGFACTS, NOTION

SOURCES = f"{NOTION}; {MARKETINGFACTS}"

EXTERNAL_HARD_KPIS = frozenset(
    {
        "leads",
        "conversions",
        "conversion_rate",
        "sales",
        "revenue",
        "orders",
        "cost_per_lead",
        "cost_per_acquisition",
        "website_traffic",
        "bookings",
        "roi",
    }
)
"""Business outcomes measured outside social media data; a target on one is a hard KPI."""

FITTING_KPIS: dict[Objective, frozenset[str]] = {
    Objective.AWARENESS: frozenset(
        {
            "engagement_rate",
            "reach",
            "impressions",
            "followers",
            "posts_per_week",
            "video_views",
            "share_of_voice",
        }
    ),
    Objective.INFORM: frozenset(
        {"engagement_rate", "informational_share", "reach", "click_through_rate", "website_traffic"}
    ),
    Objective.CUSTOMER_SERVICE: frozenset(
        {
            "response_rate",
            "reply_rate",
            "median_first_response_hours",
            "p90_first_response_hours",
            "unanswered_questions",
            "unanswered_complaints",
            "customer_satisfaction",
        }
    ),
    Objective.INSIGHTS: frozenset(
        {"audience_message_count", "question_count", "conversational_share", "survey_responses"}
    ),
    Objective.SALES: EXTERNAL_HARD_KPIS | {"click_through_rate"},
    Objective.RECRUITMENT: frozenset(
        {"applications", "click_through_rate", "reach", "engagement_rate"}
    ),
    Objective.PRODUCT_DEVELOPMENT: frozenset(
        {"audience_message_count", "ideas", "conversational_share", "question_count"}
    ),
    Objective.COMMUNITY: frozenset(
        {"conversational_share", "audience_message_count", "engagement_rate", "reply_rate"}
    ),
    Objective.REPUTATION: frozenset(
        {
            "sentiment",
            "net_sentiment",
            "negative_share",
            "complaint_count",
            "unanswered_complaints",
            "response_rate",
        }
    ),
}


def _target_kpis(ctx: AssessmentContext) -> list[str]:
    return [t.kpi for goal in ctx.organisation.goals for t in goal.targets]


def _is_hard(ctx: AssessmentContext, kpi_id: str) -> bool:
    definition = ctx.kpi_definitions.get(kpi_id)
    return kpi_id in EXTERNAL_HARD_KPIS or bool(definition and definition.hard)


def _no_measurement(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    governance = ctx.organisation.governance
    if _target_kpis(ctx) or governance.measurement_practice:
        return None
    return Hit({"goals": len(ctx.organisation.goals)})


def _only_vanity(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    targets = _target_kpis(ctx)
    if not targets:
        return None
    vanity = [k for k in targets if (d := ctx.kpi_definitions.get(k)) is not None and d.vanity]
    if len(vanity) < len(targets):
        return None
    return Hit({"kpis": sorted(set(vanity))})


def _no_hard_kpi(ctx: AssessmentContext, view: ChannelView | None, options: NoOptions) -> list[Hit]:
    hits = []
    for goal in ctx.organisation.goals:
        if goal.objective not in COMMERCIAL_OBJECTIVES:
            continue
        if not any(_is_hard(ctx, target.kpi) for target in goal.targets):
            hits.append(
                Hit(
                    {
                        "objective": goal.objective.value,
                        "kpis": [t.kpi for t in goal.targets] or ["—"],
                    }
                )
            )
    return hits


class TargetOptions(Options):
    tolerance: float = Field(
        default=0.0, ge=0, le=1, description="Relative shortfall tolerated before a miss counts."
    )


def _target_missed(
    ctx: AssessmentContext, view: ChannelView | None, options: TargetOptions
) -> list[Hit]:
    hits = []
    for goal in ctx.organisation.goals:
        for target in goal.targets:
            definition = ctx.kpi_definitions.get(target.kpi)
            if definition is None or definition.higher_is_better is None:
                continue
            value = ctx.kpi(target.kpi, target.channel)
            if value is None:
                continue
            slack = abs(target.target) * options.tolerance
            missed = (
                value < target.target - slack
                if definition.higher_is_better
                else value > target.target + slack
            )
            if missed:
                hits.append(
                    Hit(
                        {
                            "kpi": target.kpi,
                            "value": round(value, 4),
                            "target": target.target,
                            "objective": goal.objective.value,
                        },
                        channel=target.channel,
                    )
                )
    return hits


def _kpi_does_not_fit(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> list[Hit]:
    hits = []
    for goal in ctx.organisation.goals:
        kpis = {t.kpi for t in goal.targets}
        fitting = FITTING_KPIS.get(goal.objective, frozenset())
        if kpis and not kpis & fitting:
            hits.append(
                Hit(
                    {
                        "objective": goal.objective.value,
                        "kpis": sorted(kpis),
                        "fitting": sorted(fitting)[:5],
                    }
                )
            )
    return hits


RULES = [
    Rule(
        code="EVAL001",
        name="no-measurement",
        title={
            "en": "Nothing is measured",
            "nl": "Er wordt niets gemeten",
            "fr": "Rien n'est mesuré",
        },
        category=Dimension.EVALUATION,
        severity=Severity.HIGH,
        message={
            "en": "No goal has a KPI target and results are not measured regularly.",
            "nl": "Geen enkel doel heeft een KPI-streefwaarde en resultaten worden niet "
            "geregeld gemeten.",
            "fr": "Aucun objectif n'a de KPI chiffré et les résultats ne sont pas mesurés "
            "régulièrement.",
        },
        rationale={
            "en": "'If it raises my ROI it is worth it' can only be answered by measuring. "
            "Evaluation is quality management: experience, trial and error. Those "
            "without goals and measurement are least satisfied with social media.",
            "nl": "'Als het mijn ROI verhoogt, is het de moeite waard' kan men enkel "
            "beantwoorden door te meten. Evalueren is kwaliteitsbeheer: ervaring, "
            "vallen en opstaan.",
            "fr": "« Si cela augmente mon ROI, cela en vaut la peine » : seule la mesure "
            "permet d'y répondre.",
        },
        remediation={
            "en": "Pick three KPIs that match your goals, record them monthly in one sheet, "
            "and discuss them in a short monthly review.",
            "nl": "Kies drie KPI's die bij uw doelen passen, noteer ze maandelijks in één "
            "overzicht en bespreek ze in een korte maandelijkse evaluatie.",
            "fr": "Choisissez trois KPI liés à vos objectifs, relevez-les chaque mois et "
            "discutez-en lors d'un court bilan mensuel.",
        },
        source=f"{SOURCES}; NSMA 2018",
        evaluate=_no_measurement,
    ),
    Rule(
        code="EVAL002",
        name="only-vanity-metrics",
        title={
            "en": "Only vanity metrics",
            "nl": "Enkel ijdelheidsmaatstaven",
            "fr": "Uniquement des indicateurs de vanité",
        },
        category=Dimension.EVALUATION,
        severity=Severity.MEDIUM,
        message={
            "en": "Every target is a vanity metric ({kpis}): none says whether a goal is met.",
            "nl": "Elke streefwaarde is een ijdelheidsmaatstaf ({kpis}): geen enkele zegt of "
            "een doel gehaald wordt.",
            "fr": "Toutes les cibles sont des indicateurs de vanité ({kpis}) : aucune ne dit "
            "si un objectif est atteint.",
        },
        rationale={
            "en": "Followers and likes look good but measure neither engagement, reputation "
            "nor conversion. Measure what the goal asks.",
            "nl": "Volgers en likes ogen goed maar meten geen engagement, reputatie of "
            "conversie. Meet wat het doel vraagt.",
            "fr": "Abonnés et j'aime flattent mais ne mesurent ni engagement, ni réputation, "
            "ni conversion.",
        },
        remediation={
            "en": "Replace or complement them with KPIs that follow from the goals: "
            "engagement rate, response rate, clicks, leads.",
            "nl": "Vervang of vul ze aan met KPI's die uit de doelen volgen: engagementratio, "
            "responsratio, kliks, leads.",
            "fr": "Remplacez-les ou complétez-les par des KPI découlant des objectifs : "
            "engagement, taux de réponse, clics, leads.",
        },
        source=SOURCES,
        evaluate=_only_vanity,
    ),
    Rule(
        code="EVAL003",
        name="no-hard-kpi-for-commercial-goal",
        title={
            "en": "Commercial goal without a hard KPI",
            "nl": "Commercieel doel zonder harde KPI",
            "fr": "Objectif commercial sans KPI dur",
        },
        category=Dimension.EVALUATION,
        severity=Severity.HIGH,
        message={
            "en": "The {objective} goal has no hard KPI (leads, conversions, sales); its "
            "targets: {kpis}.",
            "nl": "Het doel {objective} heeft geen harde KPI (leads, conversies, verkoop); "
            "streefwaarden: {kpis}.",
            "fr": "L'objectif {objective} n'a pas de KPI dur (leads, conversions, ventes) ; "
            "cibles : {kpis}.",
        },
        rationale={
            "en": "Success needs hard and soft KPIs, weighted. A sales goal measured only by "
            "likes cannot show what social media brings in; online marketers care "
            "about conversion.",
            "nl": "Succes vraagt harde en zachte KPI's, gewogen. Een verkoopdoel dat enkel "
            "met likes gemeten wordt, kan niet tonen wat sociale media opbrengen.",
            "fr": "Le succès exige des KPI durs et souples. Un objectif de vente mesuré par "
            "des j'aime ne montre pas ce que rapportent les médias sociaux.",
        },
        remediation={
            "en": "Track leads or sales from social media (UTM links, discount codes per "
            "channel, a 'how did you find us' question) and set a target.",
            "nl": "Volg leads of verkoop via sociale media (UTM-links, kortingscodes per "
            "kanaal, de vraag 'hoe vond u ons') en stel een streefwaarde.",
            "fr": "Suivez leads et ventes issus des médias sociaux (liens UTM, codes par "
            "canal) et fixez une cible.",
        },
        source=SOURCES,
        evaluate=_no_hard_kpi,
    ),
    Rule(
        code="EVAL004",
        name="target-missed",
        title={
            "en": "KPI target missed",
            "nl": "KPI-streefwaarde niet gehaald",
            "fr": "Cible KPI manquée",
        },
        category=Dimension.EVALUATION,
        severity=Severity.MEDIUM,
        options=TargetOptions,
        message={
            "en": "{kpi} is {value:g} against a target of {target:g} ({objective} goal).",
            "nl": "{kpi} is {value:g} tegenover een streefwaarde van {target:g} (doel "
            "{objective}).",
            "fr": "{kpi} vaut {value:g} pour une cible de {target:g} (objectif {objective}).",
        },
        rationale={
            "en": "A target is only useful when a miss leads to a change; evaluation is trial "
            "and error.",
            "nl": "Een streefwaarde heeft pas zin als een misser tot bijsturing leidt; "
            "evalueren is vallen en opstaan.",
            "fr": "Une cible n'a de sens que si un écart mène à un ajustement.",
        },
        remediation={
            "en": "Find out why {kpi} falls short, change one thing, and measure again next "
            "month; or revise a target that was unrealistic.",
            "nl": "Zoek uit waarom {kpi} tekortschiet, verander één ding en meet volgende "
            "maand opnieuw; of stel een onrealistische streefwaarde bij.",
            "fr": "Cherchez pourquoi {kpi} est en deçà, changez une chose et remesurez le mois "
            "prochain ; ou révisez une cible irréaliste.",
        },
        source=SOURCES,
        evaluate=_target_missed,
    ),
    Rule(
        code="EVAL005",
        name="kpi-does-not-fit-goal",
        title={
            "en": "KPIs do not fit the goal",
            "nl": "KPI's passen niet bij het doel",
            "fr": "KPI inadaptés à l'objectif",
        },
        category=Dimension.EVALUATION,
        severity=Severity.LOW,
        message={
            "en": "The {objective} goal is measured by {kpis}, which do not show whether it "
            "is met; fitting KPIs include {fitting}.",
            "nl": "Het doel {objective} wordt gemeten met {kpis}, die niet tonen of het "
            "gehaald wordt; passende KPI's zijn bv. {fitting}.",
            "fr": "L'objectif {objective} est mesuré par {kpis}, qui ne montrent pas s'il est "
            "atteint ; des KPI adaptés : {fitting}.",
        },
        rationale={
            "en": "Measure what the goal asks: sentiment for reputation, response for "
            "customer service, conversion for sales (Marketingfacts; L.A.C.E.).",
            "nl": "Meet wat het doel vraagt: sentiment voor reputatie, respons voor "
            "klantenservice, conversie voor verkoop (Marketingfacts; L.A.C.E.).",
            "fr": "Mesurez ce que l'objectif demande : sentiment pour la réputation, réponse "
            "pour le service client, conversion pour les ventes.",
        },
        remediation={
            "en": "Add a target on a KPI that fits the {objective} goal, such as {fitting}.",
            "nl": "Voeg een streefwaarde toe op een KPI die bij het doel {objective} past, "
            "zoals {fitting}.",
            "fr": "Ajoutez une cible sur un KPI adapté à l'objectif {objective}, comme {fitting}.",
        },
        source=MARKETINGFACTS,
        evaluate=_kpi_does_not_fit,
    ),
]

"""EVAL: measuring what the goals ask. Success needs hard and soft KPIs, weighted (Notion
technologies);
for reputation measure sentiment, for engagement other parameters, for commerce conversion
(Marketingfacts). Many clients do not want to pay for measurement."""

from __future__ import annotations

from pydantic import Field

from socialaudit.engine.model.profile import Goal, KpiTarget
from socialaudit.plugin import (
    COMMERCIAL_OBJECTIVES,
    AssessmentContext,
    Dimension,
    Hit,
    Kpi,
    NoOptions,
    Objective,
    Rule,
    Severity,
    Unit,
)
from socialaudit.plugins.rules._options import Options, as_shown, enough_cases, texts
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


def _no_measurement(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
    governance = ctx.organisation.governance
    if _target_kpis(ctx) or governance.measurement_practice is not False:
        return None
    return Hit({"goals": len(ctx.organisation.goals)})


def _only_vanity(ctx: AssessmentContext, options: NoOptions) -> Hit | None:
    targets = _target_kpis(ctx)
    if not targets:
        return None
    vanity = [k for k in targets if (d := ctx.kpi_definitions.get(k)) is not None and d.vanity]
    if len(vanity) < len(targets):
        return None
    return Hit({"kpis": sorted(set(vanity))})


def _no_hard_kpi(ctx: AssessmentContext, options: NoOptions) -> list[Hit]:
    hits = []
    for goal in ctx.organisation.goals:
        if goal.objective not in COMMERCIAL_OBJECTIVES:
            continue
        if not any(_is_hard(ctx, target.kpi) for target in goal.targets):
            hits.append(
                Hit(
                    {
                        "objective": goal.objective.value,
                        "kpis": [t.kpi for t in goal.targets],
                    }
                )
            )
    return hits


class TargetOptions(Options):
    tolerance: float = Field(
        default=0.0, ge=0, le=1, description="Relative shortfall tolerated before a miss counts."
    )
    min_sample: int = Field(
        default=5,
        ge=1,
        description="Cases (posts, messages, answers) a rate or a time needs before a target is "
        "judged on it.",
    )


ADDITIVE_UNITS = frozenset({Unit.COUNT, Unit.PER_WEEK, Unit.EUR})
"""Units whose value for several channels is the sum of theirs (followers, posts a week);
other KPIs (rates, times) are judged channel by channel."""

DISPLAY_DECIMALS = {Unit.RATIO: 3, Unit.HOURS: 1, Unit.PER_WEEK: 1, Unit.COUNT: 0}
"""The precision each unit is shown at (a ratio as a percentage with one decimal)."""


def _measured(
    ctx: AssessmentContext, goal: Goal, target: KpiTarget, definition: Kpi, minimum: int
) -> list[tuple[list[str], float]]:
    """The values a goal's target is judged on, each with the channels it covers: the channel
    the target names; else the goal's own channels (summed for a count, one by one for a rate
    or a time); the organisation's value only for a goal that covers every channel or a KPI
    that has no value per channel. Values resting on too few cases are left out."""
    if target.channel is not None:
        keys = ctx.organisation.resolve_channel(target.channel)
    else:
        keys = [k for k in ctx.organisation.goal_channels(goal) if k in ctx.channels]
    if definition.per_channel is None or (
        target.channel is None and set(keys) == set(ctx.channels)
    ):
        value = ctx.kpi(definition.id)
        usable = value is not None and enough_cases(ctx, definition.id, None, minimum)
        return [(sorted(ctx.channels) if definition.per_channel else [], value)] if usable else []  # type: ignore[list-item]
    known = [
        (key, value)
        for key in keys
        if (value := ctx.kpi(definition.id, key)) is not None
        and enough_cases(ctx, definition.id, key, minimum)
    ]
    if definition.unit in ADDITIVE_UNITS:
        return [([k for k, _ in known], float(sum(v for _, v in known)))] if known else []
    return [([key], value) for key, value in known]


def _target_missed(ctx: AssessmentContext, options: TargetOptions) -> list[Hit]:
    hits = []
    for goal in ctx.organisation.goals:
        for target in goal.targets:
            definition = ctx.kpi_definitions.get(target.kpi)
            if definition is None or definition.higher_is_better is None:
                continue
            decimals = DISPLAY_DECIMALS.get(definition.unit, 2)
            slack = abs(target.target) * options.tolerance
            for channels, value in _measured(ctx, goal, target, definition, options.min_sample):
                shown, wanted = as_shown(value, decimals), as_shown(target.target, decimals)
                missed = (
                    shown < wanted - slack
                    if definition.higher_is_better
                    else shown > wanted + slack
                )
                if missed:
                    hits.append(
                        Hit(
                            {
                                "kpi": target.kpi,
                                "value": value,
                                "target": target.target,
                                "unit": definition.unit.value,
                                "objective": goal.objective.value,
                                "scope": channels,
                            },
                            channel=channels[0] if len(channels) == 1 else None,
                        )
                    )
    return hits


def _kpi_does_not_fit(ctx: AssessmentContext, options: NoOptions) -> list[Hit]:
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
                        "kpis_count": len(kpis),
                        "fitting": sorted(fitting)[:5],
                    }
                )
            )
    return hits


RULES = [
    Rule(
        code="EVAL001",
        slug="no-measurement",
        name=texts("Nothing is measured", "Er wordt niets gemeten", "Rien n'est mesuré"),
        category=Dimension.EVALUATION,
        severity=Severity.HIGH,
        message=texts(
            "No goal has a KPI target and, according to the profile, results are not measured "
            "regularly.",
            "Geen enkel doel heeft een KPI-streefwaarde en volgens het profiel worden de "
            "resultaten niet regelmatig gemeten.",
            "Aucun objectif n'a de KPI assorti d'une valeur cible et, selon le profil, les "
            "résultats ne sont pas mesurés régulièrement.",
        ),
        rationale=texts(
            "'If it raises my ROI it is worth it' can only be answered by measuring. "
            "Evaluation is quality management: experience, trial and error (Notion "
            "technologies). Those without goals and measurement are least satisfied with "
            "social media (NSMA 2018).",
            "'Als het mijn ROI verhoogt, is het de moeite waard': dat kan men alleen "
            "beantwoorden door te meten. Evalueren is kwaliteitsbeheer: ervaring, vallen en "
            "opstaan (Notion technologies). Wie geen doelen heeft en niet meet, is het minst "
            "tevreden over sociale media (NSMA 2018).",
            "« Si cela augmente mon ROI, cela en vaut la peine » : seule la mesure permet d'y "
            "répondre. L'évaluation est une gestion de la qualité, faite d'expérience et "
            "d'essais et d'erreurs (Notion technologies). Ceux qui n'ont ni objectifs ni "
            "mesure sont les moins satisfaits des médias sociaux (NSMA 2018).",
        ),
        remediation=texts(
            "Pick three KPIs that match your goals, record them monthly in one sheet, and "
            "discuss them in a short monthly review.",
            "Kies drie KPI's die bij uw doelen passen, noteer ze maandelijks in één overzicht "
            "en bespreek ze in een korte maandelijkse evaluatie.",
            "Choisissez trois KPI adaptés à vos objectifs, notez-les chaque mois dans un même "
            "tableau et discutez-en lors d'un court bilan mensuel.",
        ),
        source=f"{SOURCES}; NSMA 2018",
        per_organisation=_no_measurement,
    ),
    Rule(
        code="EVAL002",
        slug="only-vanity-metrics",
        name=texts(
            "Only vanity metrics",
            "Alleen ijdelheidsmaatstaven",
            "Uniquement des indicateurs de vanité",
        ),
        category=Dimension.EVALUATION,
        severity=Severity.MEDIUM,
        message=texts(
            "Every target is a vanity metric ({kpis:kpi}): none says whether a goal is met.",
            "Elke streefwaarde is een ijdelheidsmaatstaf ({kpis:kpi}): geen enkele zegt of "
            "een doel gehaald wordt.",
            "Toutes les valeurs cibles portent sur des indicateurs de vanité ({kpis:kpi}) : "
            "aucune ne dit si un objectif est atteint.",
        ),
        rationale=texts(
            "Followers and likes look good but measure neither engagement, reputation nor "
            "conversion. Measure what the goal asks (Marketingfacts).",
            "Volgers en likes ogen goed, maar meten geen engagement, reputatie of conversie. "
            "Meet wat het doel vraagt (Marketingfacts).",
            "Les abonnés et les mentions « J'aime » flattent, mais ne mesurent ni "
            "l'engagement, ni la réputation, ni la conversion. Mesurez ce que l'objectif "
            "demande (Marketingfacts).",
        ),
        remediation=texts(
            "Replace or complement them with KPIs that follow from the goals: engagement rate, "
            "response rate, clicks, leads.",
            "Vervang ze door KPI's die uit de doelen volgen, of vul ze daarmee aan: "
            "engagementratio, responsratio, kliks, leads.",
            "Remplacez-les ou complétez-les par des KPI qui découlent des objectifs : taux "
            "d'engagement, taux de réponse, clics, leads.",
        ),
        source=SOURCES,
        per_organisation=_only_vanity,
    ),
    Rule(
        code="EVAL003",
        slug="no-hard-kpi-for-commercial-goal",
        name=texts(
            "Commercial goal without a hard KPI",
            "Commercieel doel zonder harde KPI",
            "Objectif commercial sans KPI dur",
        ),
        category=Dimension.EVALUATION,
        severity=Severity.HIGH,
        message=texts(
            "{objective:Goal} has no target on a hard KPI (leads, conversions, sales), so "
            "nothing shows what social media brings in.",
            "{objective:Goal} heeft geen streefwaarde voor een harde KPI (leads, conversies, "
            "verkoop), zodat nergens uit blijkt wat sociale media opbrengen.",
            "{objective:Goal} n'a aucune valeur cible sur un KPI dur (leads, conversions, "
            "ventes) : rien ne montre ce que rapportent les médias sociaux.",
        ),
        rationale=texts(
            "Success needs hard and soft KPIs, weighted (Notion technologies). A sales goal "
            "measured only by likes cannot show what social media brings in; online marketers "
            "care about conversion (Marketingfacts).",
            "Succes vraagt harde en zachte KPI's die tegen elkaar worden afgewogen (Notion "
            "technologies). Een verkoopdoel dat alleen met likes gemeten wordt, kan niet tonen "
            "wat sociale media opbrengen; online marketeers kijken naar conversie "
            "(Marketingfacts).",
            "Le succès exige des KPI durs et souples, pondérés entre eux (Notion technologies). "
            "Un objectif de vente mesuré seulement en mentions « J'aime » ne peut pas montrer "
            "ce que rapportent les médias sociaux ; les spécialistes du marketing en ligne "
            "s'intéressent à la conversion (Marketingfacts).",
        ),
        remediation=texts(
            "Track leads or sales from social media (UTM links, discount codes per channel, a "
            "'how did you find us?' question) and set a target.",
            "Volg leads of verkoop via sociale media (UTM-links, kortingscodes per kanaal, de "
            "vraag 'hoe hebt u ons gevonden?') en leg een streefwaarde vast.",
            "Suivez les leads ou les ventes issus des médias sociaux (liens UTM, codes de "
            "réduction par canal, la question « comment nous avez-vous connus ? ») et fixez "
            "une valeur cible.",
            "Volg leads of verkoop via sociale media (UTM-links, kortingscodes per kanaal, de "
            "vraag 'hoe heeft u ons gevonden?') en leg een streefwaarde vast.",
        ),
        source=SOURCES,
        per_organisation=_no_hard_kpi,
    ),
    Rule(
        code="EVAL004",
        slug="target-missed",
        name=texts("KPI target missed", "KPI-streefwaarde niet gehaald", "Valeur cible manquée"),
        category=Dimension.EVALUATION,
        severity=Severity.MEDIUM,
        options=TargetOptions,
        message=texts(
            "For {objective:goal}, the KPI '{kpi:kpi}' on {scope:channel} is {value:{unit}}, "
            "against a target of {target:{unit}}.",
            "Voor {objective:goal} bedraagt de KPI '{kpi:kpi}' op {scope:channel} "
            "{value:{unit}}, tegenover een streefwaarde van {target:{unit}}.",
            "Pour {objective:goal}, l'indicateur « {kpi:kpi} » sur {scope:channel} est à "
            "{value:{unit}}, pour une valeur cible de {target:{unit}}.",
        ),
        rationale=texts(
            "A target is only useful when a miss leads to a change; evaluation is trial and "
            "error (Notion technologies).",
            "Een streefwaarde heeft pas zin als een misser tot bijsturing leidt; evalueren is "
            "vallen en opstaan (Notion technologies).",
            "Une valeur cible n'a de sens que si un écart mène à un ajustement ; évaluer, "
            "c'est procéder par essais et erreurs (Notion technologies).",
        ),
        remediation=texts(
            "For each missed target, find out why it falls short, change one thing, and "
            "measure again next month; or revise a target that was unrealistic.",
            "Zoek voor elke gemiste streefwaarde uit waarom ze niet gehaald wordt, verander "
            "één ding en meet volgende maand opnieuw; of stel een onrealistische streefwaarde "
            "bij.",
            "Pour chaque valeur cible manquée, cherchez pourquoi elle n'est pas atteinte, "
            "changez une chose et mesurez de nouveau le mois prochain ; ou révisez une valeur "
            "cible irréaliste.",
        ),
        source=SOURCES,
        per_organisation=_target_missed,
    ),
    Rule(
        code="EVAL005",
        slug="kpi-does-not-fit-goal",
        name=texts(
            "KPIs do not fit the goal",
            "KPI's passen niet bij het doel",
            "KPI inadaptés à l'objectif",
        ),
        category=Dimension.EVALUATION,
        severity=Severity.LOW,
        message=texts(
            "{objective:Goal} is measured by {kpis:kpi}, which {kpis_count:~does|do} not show "
            "whether it is met; fitting KPIs include {fitting:kpi}.",
            "{objective:Goal} wordt gemeten met {kpis:kpi}; "
            "{kpis_count:~die KPI toont|die KPI's tonen} niet of het gehaald wordt. Passende "
            "KPI's zijn bijvoorbeeld {fitting:kpi}.",
            "KPI de {objective:goal} : {kpis:kpi} ; "
            "{kpis_count:~cet indicateur ne montre|ces indicateurs ne montrent} pas si "
            "l'objectif est atteint. Des KPI adaptés seraient par exemple : {fitting:kpi}.",
        ),
        rationale=texts(
            "Measure what the goal asks: sentiment for reputation, response for customer "
            "service, conversion for sales (Marketingfacts; the L.A.C.E. method).",
            "Meet wat het doel vraagt: sentiment voor reputatie, respons voor klantenservice, "
            "conversie voor verkoop (Marketingfacts; de L.A.C.E.-methode).",
            "Mesurez ce que l'objectif demande : le sentiment pour la réputation, la réponse "
            "pour le service client, la conversion pour les ventes (Marketingfacts ; la "
            "méthode L.A.C.E.).",
        ),
        remediation=texts(
            "Add a target on a KPI that fits {objective:goal}, such as {fitting:kpi}.",
            "Voeg een streefwaarde toe voor een KPI die bij {objective:goal} past, zoals "
            "{fitting:kpi}.",
            "Ajoutez une valeur cible pour un KPI adapté à {objective:goal}, par exemple : "
            "{fitting:kpi}.",
        ),
        source=MARKETINGFACTS,
        per_organisation=_kpi_does_not_fit,
        example_evidence=lambda _: {
            "objective": Objective.REPUTATION.value,
            "fitting": sorted(FITTING_KPIS[Objective.REPUTATION])[:5],
        },
    ),
]

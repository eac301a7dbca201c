"""Whether goals exist, were set up front, have targets, and whether channels serve them
(NSMA 2018: only 29.2% set goals up front)."""

from __future__ import annotations

from collections.abc import Callable

from socialaudit.plugin import AssessmentContext, Kpi, Measurement, Unit
from socialaudit.plugins.kpis._sources import INSITES, NOTION, NSMA, OWN


def _goals_share(attribute: str) -> Callable[[AssessmentContext], Measurement]:
    def share(ctx: AssessmentContext) -> Measurement:
        goals = ctx.organisation.goals
        if not goals:
            return Measurement(None, {"reason": "no goals"})
        matching = sum(1 for goal in goals if getattr(goal, attribute))
        return Measurement(matching / len(goals), {"matching": matching, "goals": len(goals)})

    return share


def _channels_with_goal(ctx: AssessmentContext) -> Measurement:
    if not ctx.channels:
        return Measurement(None, {"reason": "no channels"})
    serving = [key for key, view in ctx.channels.items() if view.objectives]
    return Measurement(
        len(serving) / len(ctx.channels),
        {
            "serving": len(serving),
            "channels": len(ctx.channels),
            "without_goal": [k for k in ctx.channels if k not in serving],
        },
    )


KPIS = [
    Kpi(
        id="goals_with_targets_share",
        name={
            "en": "Goals with a KPI target",
            "nl": "Doelen met een KPI-streefwaarde",
            "fr": "Objectifs avec une valeur cible",
        },
        unit=Unit.RATIO,
        description={
            "en": "Share of goals that name at least one KPI with a target value.",
            "nl": "Aandeel doelen met minstens één KPI met een streefwaarde.",
            "fr": "Part des objectifs avec au moins un KPI chiffré.",
        },
        formula="goals with one or more targets / goals",
        higher_is_better=True,
        source=(
            f"{NOTION}: success needs hard and soft KPIs, weighted; {NSMA}: organisations "
            "with concrete goals show demonstrable results. The share of goals with a target "
            f"is {OWN}."
        ),
        per_organisation=_goals_share("targets"),
    ),
    Kpi(
        id="goals_set_up_front_share",
        name={
            "en": "Goals set up front",
            "nl": "Vooraf bepaalde doelen",
            "fr": "Objectifs fixés au préalable",
        },
        unit=Unit.RATIO,
        description={
            "en": "Share of goals set before the accounts were opened or the campaign began.",
            "nl": "Aandeel doelen dat werd bepaald voordat de accounts bestonden of de campagne "
            "begon.",
            "fr": "Part des objectifs fixés avant l'ouverture des comptes ou le début de la "
            "campagne.",
        },
        formula="goals with set_up_front = true / goals",
        higher_is_better=True,
        source=(
            f"{NSMA}: only 29.2% of organisations set their goals up front. The study counts "
            f"organisations; the share of one organisation's goals is {OWN}."
        ),
        per_organisation=_goals_share("set_up_front"),
    ),
    Kpi(
        id="channels_with_goal_share",
        name={
            "en": "Channels serving a goal",
            "nl": "Kanalen die een doel dienen",
            "fr": "Canaux au service d'un objectif",
        },
        unit=Unit.RATIO,
        description={
            "en": "Share of channels that serve at least one goal.",
            "nl": "Aandeel kanalen dat minstens één doel dient.",
            "fr": "Part des canaux au service d'au moins un objectif.",
        },
        formula="channels named by a goal or listing a goal themselves / channels",
        higher_is_better=True,
        source=(
            f"{INSITES}: the checklist mentality opens an account first and asks what it is "
            f"for afterwards. The share of channels serving a goal is {OWN}."
        ),
        per_organisation=_channels_with_goal,
    ),
]

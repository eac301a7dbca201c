"""`Organisation.has_goal`: the one test of "the goal is reputation" that the pipeline (how far
back audience messages are classified), the sentiment KPIs and the REP rules share."""

from __future__ import annotations

from datetime import timedelta

from socialaudit.engine.model.profile import Goal, Objective, Organisation
from socialaudit.engine.pipeline import sentiment_lookback

CHANNELS = [{"platform": "facebook", "handle": "bakkerij"}]


def organisation(goals: list[Goal], channel_goals: tuple[Objective, ...] = ()) -> Organisation:
    return Organisation.model_validate(
        {
            "name": "Bakkerij Verbruggen",
            "market": "b2c",
            "goals": goals,
            "channels": [{**CHANNELS[0], "goals": channel_goals}],
        }
    )


def test_a_reputation_goal_among_others_counts() -> None:
    org = organisation([Goal(objective=Objective.SALES), Goal(objective=Objective.REPUTATION)])
    assert org.has_goal(Objective.REPUTATION)
    assert org.has_goal(Objective.SALES)
    assert sentiment_lookback(org, 90) == timedelta(days=90)


def test_other_goals_or_a_channels_own_list_are_no_reputation_goal() -> None:
    org = organisation([Goal(objective=Objective.SALES)], channel_goals=(Objective.REPUTATION,))
    assert not org.has_goal(Objective.REPUTATION)
    assert not organisation([]).has_goal(Objective.REPUTATION)
    assert sentiment_lookback(org, 90) == timedelta(0)

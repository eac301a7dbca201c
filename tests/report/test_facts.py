"""What the sections compute: targets met or unknown, the comparison with the previous
assessment, the best and weakest posts."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import polars as pl
import pytest

from socialaudit.api.report import facts
from socialaudit.engine.model.assessment import Assessment, KpiValue
from tests.report.helpers import render


def _kpi(value: float | None, higher: bool | None) -> KpiValue:
    return KpiValue(
        id="k", name="k", channel=None, value=value, unit="number", higher_is_better=higher
    )


@pytest.mark.parametrize(
    ("value", "higher", "target", "met"),
    [
        (5.0, True, 4.0, True),
        (3.0, True, 4.0, False),
        (3.0, False, 4.0, True),  # response time: lower is better
        (5.0, False, 4.0, False),
        (None, True, 4.0, None),  # unknown is neither met nor missed
    ],
)
def test_a_target_is_met_in_the_kpi_s_direction(
    value: float | None, higher: bool | None, target: float, met: bool | None
) -> None:
    assert facts._met(_kpi(value, higher), target) is met


def test_no_kpi_means_unknown() -> None:
    assert facts._met(None, 1.0) is None


@pytest.fixture(scope="module")
def assessment(tmp_path_factory: pytest.TempPathFactory) -> Assessment:
    path = render(tmp_path_factory.mktemp("facts"), "agency-retail-chain", "json")
    return Assessment.model_validate(json.loads(path.read_text("utf-8")))


def test_comparison_tells_new_resolved_and_persisting(assessment: Assessment) -> None:
    first, second, *rest = assessment.findings
    previous = assessment.model_copy(
        update={"findings": [second, *rest], "overall_score": assessment.overall_score - 5}
    )
    resolved = first.model_copy(update={"code": "OLD001"})
    current = assessment.model_copy(update={"findings": [first, *rest]})
    previous = previous.model_copy(update={"findings": [resolved, *previous.findings]})
    comparison = facts.compare(facts.ReportInput(assessment=current, previous=previous))
    assert comparison is not None
    assert comparison.new == [first]
    assert comparison.resolved == [resolved, second]
    assert comparison.persisting == rest
    assert comparison.score_delta == 5.0


def test_without_a_previous_assessment_there_is_no_comparison(assessment: Assessment) -> None:
    assert facts.compare(facts.ReportInput(assessment=assessment)) is None


def test_without_the_data_post_figures_are_unknown_not_empty(assessment: Assessment) -> None:
    inp = facts.ReportInput(assessment=assessment)
    assert facts.ranked_posts(inp) is None
    assert facts.response_times(inp) is None
    assert facts.weekly_cadence(inp) is None
    assert facts.goals(inp) is None


def test_best_posts_outrank_the_weakest(tmp_path: Path) -> None:
    from socialaudit.engine.config import load_settings
    from socialaudit.engine.loading import load_organisation
    from socialaudit.engine.pipeline import assess
    from socialaudit.engine.registry import build_registry

    registry = build_registry(load_settings(None))
    data = load_organisation(Path("examples/agency-retail-chain"), registry.adapters)
    result = assess(data, registry)
    inp = facts.ReportInput(
        assessment=result, data=data, window_days=registry.settings.assessment.window_days
    )
    ranked = facts.ranked_posts(inp)
    assert ranked is not None
    best, weakest = ranked
    assert len(best) == 3 and len(weakest) == 3
    assert min(p.engagement for p in best) >= max(p.engagement for p in weakest)
    assert all(p.created_at is not None and p.created_at <= result.as_of for p in best + weakest)


def test_the_weekly_cadence_counts_complete_weeks_only() -> None:
    from socialaudit.engine.config import load_settings
    from socialaudit.engine.loading import load_organisation
    from socialaudit.engine.pipeline import assess
    from socialaudit.engine.registry import build_registry

    registry = build_registry(load_settings(None))
    data = load_organisation(Path("examples/agency-retail-chain"), registry.adapters)
    result = assess(data, registry)
    days = registry.settings.assessment.window_days
    inp = facts.ReportInput(assessment=result, data=data, window_days=days)
    cadence = facts.weekly_cadence(inp)
    assert cadence is not None
    weeks, series = cadence
    start = result.as_of - timedelta(days=days)
    assert weeks and all(week.weekday() == 0 for week in weeks)
    assert weeks[0] >= start and weeks[0] - timedelta(weeks=1) < start
    assert weeks[-1] + timedelta(weeks=1) <= result.as_of + timedelta(days=1)
    assert weeks[-1] + timedelta(weeks=2) > result.as_of + timedelta(days=1)
    posts = data.channels["facebook"].posts
    first = weeks[0]
    in_first_week = posts.filter(
        (pl.col("created_at") >= first) & (pl.col("created_at") < first + timedelta(weeks=1))
    ).height
    assert series["facebook"][0] == in_first_week

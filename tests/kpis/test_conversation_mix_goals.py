"""Response, content mix, goal and cross-posting KPIs, both ways."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.kpis.conftest import (
    Measure,
    channel,
    days_ago,
    messages,
    posts,
    two_channels,
)


def _message(ident: str, label: str, age_days: float, reply_after_hours: float | None) -> dict:
    created = days_ago(age_days)
    return {
        "id": ident,
        "created_at": created,
        "text": ident,
        "author": "fan",
        "label": label,
        "reply_created_at": None
        if reply_after_hours is None
        else created + timedelta(hours=reply_after_hours),
    }


def test_response_kpis_from_labelled_messages(measure: Measure) -> None:
    facebook = messages(
        _message("q1", "question", 1, 2),
        _message("q2", "question", 2, 10),
        _message("q3", "question", 3, None),
        _message("c1", "complaint", 4, 30),
        _message("c2", "complaint", 5, None),
        _message("p1", "praise", 6, 1),
        _message("o1", "other", 7, None),
        _message("old", "question", 200, None),  # outside the window
    )
    values = measure(
        two_channels(), {"facebook": channel(message_rows=facebook), "instagram": channel()}
    )
    get = lambda kpi: values[(kpi, "facebook")].value  # noqa: E731
    assert get("audience_message_count") == 7
    assert (get("question_count"), get("complaint_count")) == (3, 2)
    assert get("reply_rate") == pytest.approx(4 / 7)
    assert get("response_rate") == pytest.approx(3 / 5)
    assert get("median_first_response_hours") == pytest.approx(10)
    assert get("p90_first_response_hours") == pytest.approx(10 + 0.8 * 20)
    assert (get("unanswered_questions"), get("unanswered_complaints")) == (1, 1)


def test_response_kpis_unknown_when_data_carries_no_messages(measure: Measure) -> None:
    facebook = messages(_message("q1", "question", 1, None))
    values = measure(
        two_channels(), {"facebook": channel(message_rows=facebook), "instagram": channel()}
    )
    assert values[("response_rate", "instagram")].value is None
    assert values[("unanswered_questions", "instagram")].value is None
    # the organisation pools only the channel that can tell
    assert values[("response_rate", None)].value == 0
    assert values[("unanswered_questions", None)].value == 1


def test_no_questions_means_unknown_response_rate_not_zero(measure: Measure) -> None:
    facebook = messages(_message("p1", "praise", 1, None))
    values = measure(
        two_channels(), {"facebook": channel(message_rows=facebook), "instagram": channel()}
    )
    assert values[("response_rate", "facebook")].value is None
    assert values[("reply_rate", "facebook")].value == 0
    assert values[("median_first_response_hours", "facebook")].value is None


def test_content_mix_shares(measure: Measure) -> None:
    labels = ["promotional"] * 3 + ["informational"] * 2 + ["conversational"]
    facebook = posts(
        *[
            {"id": str(i), "created_at": days_ago(i + 1), "text": f"post {i}", "label": label}
            for i, label in enumerate(labels)
        ]
    )
    values = measure(two_channels(), {"facebook": channel(facebook), "instagram": channel()})
    assert values[("promotional_share", "facebook")].value == pytest.approx(0.5)
    assert values[("informational_share", "facebook")].value == pytest.approx(2 / 6)
    assert values[("conversational_share", None)].value == pytest.approx(1 / 6)
    assert values[("promotional_share", "instagram")].value is None


def test_goal_kpis(measure: Measure) -> None:
    profile = two_channels(
        {
            "goals": [
                {
                    "objective": "awareness",
                    "set_up_front": True,
                    "channels": ["facebook"],
                    "targets": [{"kpi": "engagement_rate", "target": 0.03}],
                },
                {"objective": "sales"},
            ]
        }
    )
    values = measure(profile, {"facebook": channel(), "instagram": channel()})
    assert values[("goals_with_targets_share", None)].value == 0.5
    assert values[("goals_set_up_front_share", None)].value == 0.5
    assert values[("channels_with_goal_share", None)].value == 0.5
    assert values[("channels_with_goal_share", None)].detail["without_goal"] == ["instagram"]
    benchmark = values[("goals_set_up_front_share", None)].benchmark
    assert benchmark is not None and benchmark.source == "NSMA 2018"


def test_goal_kpis_unknown_without_goals(measure: Measure) -> None:
    values = measure(two_channels(), {"facebook": channel(), "instagram": channel()})
    assert values[("goals_with_targets_share", None)].value is None
    assert values[("channels_with_goal_share", None)].value == 0


def test_cross_posting_ignores_links_spacing_and_short_texts(measure: Measure) -> None:
    same = "Onze nieuwe collectie is binnen, kom langs in de winkel!"
    facebook = posts(
        {"id": "f1", "created_at": days_ago(1), "text": same + " https://shop.be/a"},
        {"id": "f2", "created_at": days_ago(2), "text": "Alleen op Facebook: een lang bericht."},
        {"id": "f3", "created_at": days_ago(3), "text": "Fijne dag!"},
    )
    instagram = posts(
        {"id": "i1", "created_at": days_ago(1), "text": same.upper().replace(" ", "  ")},
        {"id": "i2", "created_at": days_ago(3), "text": "Fijne dag!"},
    )
    values = measure(
        two_channels(), {"facebook": channel(facebook), "instagram": channel(instagram)}
    )
    assert values[("cross_posted_share", "facebook")].value == pytest.approx(1 / 2)
    assert values[("cross_posted_share", "instagram")].value == 1
    assert values[("cross_posted_share", None)].value == pytest.approx(2 / 3)


def test_cross_posting_unknown_with_one_channel(measure: Measure) -> None:
    values = measure(
        {"channels": [{"platform": "facebook", "handle": "s"}]},
        {
            "facebook": channel(
                posts(
                    {
                        "id": "a",
                        "created_at": days_ago(1),
                        "text": "Een voldoende lang bericht hier",
                    }
                )
            )
        },
    )
    assert values[("cross_posted_share", None)].value is None

"""net_sentiment and negative_share: from the classifier's sentiment, unknown when none."""

from __future__ import annotations

import types

import polars as pl

from socialaudit.engine import hookimpl
from socialaudit.engine.config import Settings
from socialaudit.engine.definitions import ContentClassifier
from socialaudit.engine.registry import build_registry
from socialaudit.plugins.kpis.sentiment import negative_share, net_sentiment
from tests.kpis.conftest import AS_OF, channel, days_ago, messages


def frame(*sentiments: str | None) -> pl.DataFrame:
    return pl.DataFrame({"sentiment": list(sentiments)}, schema={"sentiment": pl.String})


def test_net_sentiment_and_negative_share() -> None:
    texts = frame("positive", "positive", "positive", "neutral", "negative", None)
    assert net_sentiment(texts).value == (3 - 1) / 5
    assert negative_share(texts).value == 1 / 5
    assert negative_share(texts).detail == {
        "positive": 3,
        "neutral": 1,
        "negative": 1,
        "messages": 5,
    }


def test_unknown_is_not_neutral() -> None:
    assert net_sentiment(frame()).value is None
    assert negative_share(frame(None, None)).value is None
    assert net_sentiment(pl.DataFrame({"text": ["x"]})).value is None


class MoodClassifier(ContentClassifier):
    """Calls every message containing 'bad' negative and the rest positive."""

    name = "mood"

    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        return pl.DataFrame(
            {
                "language": ["en"] * len(texts),
                "label": ["informational"] * len(texts),
                "confidence": [1.0] * len(texts),
                "evidence": [[]] * len(texts),
            },
            schema={
                "language": pl.String,
                "label": pl.String,
                "confidence": pl.Float64,
                "evidence": pl.List(pl.String),
            },
        )

    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        bad = texts.str.contains("bad").to_list()
        return self.classify_posts(texts).with_columns(
            pl.Series("label", ["complaint" if b else "praise" for b in bad]),
            pl.Series("sentiment", ["negative" if b else "positive" for b in bad]),
        )


def test_the_pipeline_carries_the_classifiers_sentiment_to_the_kpis() -> None:
    from socialaudit.engine.loading import OrganisationInput
    from socialaudit.engine.model.profile import Organisation
    from socialaudit.engine.pipeline import assess

    plugin = types.ModuleType("mood_plugin")
    plugin.socialaudit_content_classifiers = hookimpl(  # type: ignore[attr-defined]
        lambda: [MoodClassifier()]
    )
    registry = build_registry(
        Settings.model_validate({"classifier": {"use": "mood"}}), extra_plugins=[plugin]
    )
    rows = [
        {"id": str(i), "created_at": days_ago(i + 1), "text": text, "kind": "comment"}
        for i, text in enumerate(["bad service", "lovely", "so bad", "great", "fine"])
    ]
    organisation = Organisation.model_validate(
        {"name": "T", "market": "b2c", "channels": [{"platform": "facebook", "handle": "t"}]}
    )
    assessment = assess(
        OrganisationInput(organisation, {"facebook": channel(message_rows=messages(*rows))}),
        registry,
        as_of=AS_OF,
    )
    values = {(k.id, k.channel): k.value for k in assessment.kpis}
    assert values[("negative_share", "facebook")] == 2 / 5
    assert values[("net_sentiment", None)] == (3 - 2) / 5


def _mood_registry():  # type: ignore[no-untyped-def]
    plugin = types.ModuleType("mood_plugin")
    plugin.socialaudit_content_classifiers = hookimpl(  # type: ignore[attr-defined]
        lambda: [MoodClassifier()]
    )
    return build_registry(
        Settings.model_validate({"classifier": {"use": "mood"}}), extra_plugins=[plugin]
    )


def _comments(texts: list[str], first_day: int) -> list[dict[str, object]]:
    return [
        {"id": f"m{first_day}-{i}", "created_at": days_ago(first_day + i), "text": text}
        for i, text in enumerate(texts)
    ]


def test_the_window_before_is_classified_and_measured_like_this_one() -> None:
    """The 90 days before the window are classified too, and previous_net_sentiment counts
    them (and nothing older); with a reputation goal, REP002 sees the fall."""
    from socialaudit.engine.loading import OrganisationInput
    from socialaudit.engine.model.profile import Organisation
    from socialaudit.engine.pipeline import assess

    now = _comments(["so bad"] * 15 + ["great"] * 15, first_day=1)  # net 0
    before = _comments(["so bad"] * 3 + ["great"] * 27, first_day=95)  # net 0.8
    older = _comments(["bad again"] * 10, first_day=200)  # outside both windows
    rows = [{**row, "kind": "comment"} for row in now + before + older]
    organisation = Organisation.model_validate(
        {
            "name": "T",
            "market": "b2c",
            "channels": [{"platform": "facebook", "handle": "t"}],
            "goals": [{"objective": "reputation"}],
        }
    )
    assessment = assess(
        OrganisationInput(organisation, {"facebook": channel(message_rows=messages(*rows))}),
        _mood_registry(),
        as_of=AS_OF,
    )
    kpis = {(k.id, k.channel): k for k in assessment.kpis}
    assert kpis[("net_sentiment", "facebook")].value == 0
    previous = kpis[("previous_net_sentiment", "facebook")]
    assert previous.value == (27 - 3) / 30
    assert previous.detail["messages"] == 30
    assert kpis[("previous_net_sentiment", None)].value == (27 - 3) / 30
    finding = next(f for f in assessment.findings if f.code == "REP002")
    assert finding.evidence["drop_points"] == 80.0
    assert finding.evidence["previous_messages"] == 30 and finding.evidence["messages"] == 30


def test_the_window_before_is_unknown_when_the_files_do_not_reach_back() -> None:
    from socialaudit.engine.loading import OrganisationInput
    from socialaudit.engine.model.profile import Organisation
    from socialaudit.engine.pipeline import assess

    rows = [{**row, "kind": "comment"} for row in _comments(["so bad"] * 40, first_day=1)]
    organisation = Organisation.model_validate(
        {
            "name": "T",
            "market": "b2c",
            "channels": [{"platform": "facebook", "handle": "t"}],
            "goals": [{"objective": "reputation"}],
        }
    )
    assessment = assess(
        OrganisationInput(organisation, {"facebook": channel(message_rows=messages(*rows))}),
        _mood_registry(),
        as_of=AS_OF,
    )
    previous = next(
        k for k in assessment.kpis if k.id == "previous_net_sentiment" and k.channel == "facebook"
    )
    assert previous.value is None
    assert "window before" in previous.detail["reason"]
    assert not [f for f in assessment.findings if f.code == "REP002"]


def test_the_window_before_is_not_classified_without_a_reputation_goal() -> None:
    """Only a reputation goal compares with the window before, so without one its messages are
    not classified (with the model that window would cost a first assessment as much again)
    and the comparison is unknown with that reason, not a figure from unclassified rows."""
    from socialaudit.engine.loading import OrganisationInput
    from socialaudit.engine.model.profile import Organisation
    from socialaudit.engine.pipeline import assess

    now = _comments(["so bad"] * 15 + ["great"] * 15, first_day=1)
    before = _comments(["so bad"] * 3 + ["great"] * 27, first_day=95)
    rows = [{**row, "kind": "comment"} for row in now + before]
    organisation = Organisation.model_validate(
        {
            "name": "T",
            "market": "b2c",
            "channels": [{"platform": "facebook", "handle": "t"}],
            "goals": [{"objective": "awareness"}],
        }
    )
    classified: list[int] = []

    class CountingMood(MoodClassifier):
        def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
            classified.append(texts.len())
            return super().classify_messages(texts)

    plugin = types.ModuleType("counting_mood_plugin")
    plugin.socialaudit_content_classifiers = hookimpl(  # type: ignore[attr-defined]
        lambda: [CountingMood()]
    )
    registry = build_registry(
        Settings.model_validate({"classifier": {"use": "mood"}}), extra_plugins=[plugin]
    )
    assessment = assess(
        OrganisationInput(organisation, {"facebook": channel(message_rows=messages(*rows))}),
        registry,
        as_of=AS_OF,
        classification_cache=None,
    )
    kpis = {(k.id, k.channel): k for k in assessment.kpis}
    assert kpis[("net_sentiment", "facebook")].value == 0
    for key in (("previous_net_sentiment", "facebook"), ("previous_net_sentiment", None)):
        assert kpis[key].value is None
        assert "reputation goal" in kpis[key].detail["reason"]
    assert sum(classified) == 30

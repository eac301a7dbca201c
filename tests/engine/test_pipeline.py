"""The assessment pipeline: failure isolation, options, reproducibility, output contract."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from socialaudit.engine.config import Settings, load_settings
from socialaudit.engine.definitions import CLASSIFICATION_SCHEMA, ContentClassifier
from socialaudit.engine.loading import load_organisation
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import Registry, build_registry
from tests.engine.conftest import WriteOrg
from tests.engine.orgfiles import POSTS, PROFILE
from tests.engine.plugins_for_tests import failing_plugin, threshold_plugin


def _registry(tmp_path: Path, toml: str = "", *plugins: object) -> Registry:
    path = tmp_path / "plugins.toml"
    path.write_text(toml, encoding="utf-8")
    return build_registry(load_settings(path), extra_plugins=plugins)


def test_failing_kpis_and_rules_are_reported_and_the_rest_runs(
    write_org: WriteOrg, tmp_path: Path
) -> None:
    registry = _registry(
        tmp_path, "[limits]\nrule_timeout_seconds = 0.3\n", failing_plugin(), threshold_plugin()
    )
    data = load_organisation(write_org(), registry.adapters)
    assessment = assess(data, registry)
    errors = {(e.kind.value, e.source): e.message for e in assessment.errors}
    assert "ZeroDivisionError" in errors[("kpi", "broken_kpi")]
    assert "expected a number" in errors[("kpi", "wrong_type_kpi")]
    assert "ZeroDivisionError" in errors[("rule", "TST101")]
    assert "timed out" in errors[("rule", "TST102")]
    assert "expected a Hit" in errors[("rule", "TST103")]
    codes = {f.code for f in assessment.findings}
    assert "TST104" in codes and "TST001" in codes  # the healthy rules still ran
    values = {(k.id, k.channel): k.value for k in assessment.kpis}
    assert values[("broken_kpi", None)] is None
    assert values[("post_count", "facebook")] == 3


def test_rule_options_and_severity_from_plugins_toml(write_org: WriteOrg, tmp_path: Path) -> None:
    data_dir = write_org()
    fires = _registry(tmp_path, "", threshold_plugin())
    finding = next(
        f
        for f in assess(load_organisation(data_dir, fires.adapters), fires).findings
        if f.code == "TST001"
    )
    assert finding.evidence == {"share": pytest.approx(0.6667, abs=1e-4), "limit": 0.5}
    assert finding.message == "share 67% above 50%"
    assert finding.severity == "medium" and finding.channel == "facebook"

    raised = _registry(tmp_path, "[rules.options.TST001]\nmax_share = 0.7\n", threshold_plugin())
    assessment = assess(load_organisation(data_dir, raised.adapters), raised)
    assert "TST001" not in {f.code for f in assessment.findings}

    overridden = _registry(tmp_path, '[rules.severity]\nTST001 = "critical"\n', threshold_plugin())
    assessment = assess(load_organisation(data_dir, overridden.adapters), overridden, language="nl")
    finding = next(f for f in assessment.findings if f.code == "TST001")
    assert finding.severity == "critical"
    assert finding.message == "aandeel 67%"

    ignored = _registry(tmp_path, '[rules]\nignore = ["TST"]\n', threshold_plugin())
    assessment = assess(load_organisation(data_dir, ignored.adapters), ignored)
    assert "TST001" not in {f.code for f in assessment.findings}


def test_as_of_defaults_to_newest_data_and_results_are_reproducible(
    write_org: WriteOrg, registry: Registry
) -> None:
    data = load_organisation(write_org(), registry.adapters)
    first = assess(data, registry)
    second = assess(load_organisation(write_org(), registry.adapters), registry)
    assert first.as_of == datetime(2024, 3, 10, 10, tzinfo=UTC)
    assert first.to_json_dict() == second.to_json_dict()
    assert first.input_digest == second.input_digest


def test_as_of_excludes_later_data(write_org: WriteOrg, registry: Registry) -> None:
    data = load_organisation(write_org(), registry.adapters)
    assessment = assess(data, registry, as_of=datetime(2024, 3, 6, tzinfo=UTC))
    values = {(k.id, k.channel): k.value for k in assessment.kpis}
    assert values[("post_count", "facebook")] == 2
    assert assessment.input_digest != assess(data, registry).input_digest


def test_json_uses_the_graphql_field_names(write_org: WriteOrg, registry: Registry) -> None:
    output = assess(load_organisation(write_org(), registry.adapters), registry).to_json_dict()
    for key in (
        "overallScore",
        "dimensions",
        "maturityStage",
        "kpis",
        "findings",
        "recommendations",
        "errors",
        "rulesetRevision",
        "inputDigest",
    ):
        assert key in output
    assert {d["name"] for d in output["dimensions"]} == {
        "strategy",
        "execution",
        "conversation",
        "evaluation",
        "integration",
    }
    kpi = output["kpis"][0]
    assert {"id", "channel", "value", "unit"} <= kpi.keys()
    assert 0 <= output["overallScore"] <= 100


def test_unknown_response_data_is_null_not_zero(write_org: WriteOrg, registry: Registry) -> None:
    data = load_organisation(write_org(interactions=None), registry.adapters)
    values = {(k.id, k.channel): k.value for k in assess(data, registry).kpis}
    assert values[("reply_rate", "facebook")] is None
    assert values[("audience_message_count", None)] is None


def test_language_must_be_supported(write_org: WriteOrg, registry: Registry) -> None:
    with pytest.raises(ValueError, match="language"):
        assess(load_organisation(write_org(), registry.adapters), registry, language="de")


def test_settings_window_changes_activity_kpis(write_org: WriteOrg) -> None:
    registry = build_registry(Settings.model_validate({"assessment": {"window_days": 7}}))
    values = {
        (k.id, k.channel): k.value
        for k in assess(load_organisation(write_org(), registry.adapters), registry).kpis
    }
    assert values[("post_count", "facebook")] == 2  # 5 and 10 March; 1 March is out
    assert values[("posts_per_week", "facebook")] == 2


class RecordingClassifier(ContentClassifier):
    """Labels everything `informational`/`other` and remembers what it was given."""

    name = "recording"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def _label(self, texts: pl.Series, label: str) -> pl.DataFrame:
        self.seen += [t or "" for t in texts.to_list()]
        n = texts.len()
        return pl.DataFrame(
            {
                "language": ["nl"] * n,
                "label": [label] * n,
                "confidence": [0.9] * n,
                "evidence": [["cue"]] * n,
            },
            schema=CLASSIFICATION_SCHEMA,
        )

    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        return self._label(texts, "informational")

    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        return self._label(texts, "other")


def test_only_texts_in_the_window_are_classified(write_org: WriteOrg, registry: Registry) -> None:
    """Language identification is the costly step; a year of history outside the window feeds
    no KPI, so it is not classified. The agency's own labels still count everywhere."""
    old = "p0,2023-06-01T10:00:00Z,Een oude post van vorig jaar,image,10,10,1,0,0,0\n"
    overridden = (
        "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks,label\n"
        "px,2023-05-01T10:00:00Z,Oud maar gelabeld,image,5,5,0,0,0,0,promotional\n"
    )
    folder = write_org(posts=POSTS + old)
    (folder / "data" / "labels.csv").write_text(overridden, encoding="utf-8")
    recording = RecordingClassifier()
    custom = replace(registry, classifiers={"recording": recording})
    assessment = assess(load_organisation(folder, custom.adapters), custom, language="nl")
    assert "Een oude post van vorig jaar" not in recording.seen
    assert "Oud maar gelabeld" not in recording.seen
    assert "Vers zuurdesembrood vandaag in de winkel" in recording.seen
    assert "Zijn jullie open op zondag?" in recording.seen
    shares = {k.id: k.value for k in assessment.kpis if k.channel == "facebook"}
    assert shares["informational_share"] == 1.0  # the window's three posts, all informational


# --- no data is not a perfect score; no rule disappears silently --------------------------------


def test_an_as_of_outside_the_data_is_a_warning_and_empty_dimensions_are_unknown(
    write_org: WriteOrg, registry: Registry
) -> None:
    data = load_organisation(write_org(), registry.adapters)
    inside = assess(data, registry)
    assert not [e for e in inside.errors if e.source == "as_of"]
    assert all(d.score is not None for d in inside.dimensions)

    later = assess(data, registry, as_of=datetime(2026, 1, 1, tzinfo=UTC), language="nl")
    warning = next(e for e in later.errors if e.source == "as_of")
    assert warning.kind.value == "data"
    assert "2026-01-01" in warning.message and "na de gegevens" in warning.message
    scores = {d.name.value: d.score for d in later.dimensions}
    assert scores["conversation"] is None  # nothing to judge in the window: unknown, not 100
    assert scores["strategy"] is not None  # the profile is always judged
    before = assess(data, registry, as_of=datetime(2020, 1, 1, tzinfo=UTC))
    assert any(e.source == "as_of" and "before" in e.message for e in before.errors)


def test_a_rule_whose_kpi_failed_is_reported_against_the_rule(
    write_org: WriteOrg, tmp_path: Path
) -> None:
    from tests.engine.plugins_for_tests import rule

    reads_broken = _module_with_rules(
        [rule("TST201", lambda ctx, options: None, kpis=("broken_kpi",))]
    )
    registry = _registry(tmp_path, "", failing_plugin(), reads_broken)
    assessment = assess(load_organisation(write_org(), registry.adapters), registry)
    error = next(e for e in assessment.errors if e.source == "TST201")
    assert error.kind.value == "rule"
    assert "broken_kpi" in error.message and "ZeroDivisionError" in error.message


def test_a_rule_naming_an_unknown_kpi_is_its_plugins_failure_and_reported(
    write_org: WriteOrg, tmp_path: Path
) -> None:
    from tests.engine.plugins_for_tests import rule

    plugin = _module_with_rules([rule("TST202", lambda ctx, options: None, kpis=("no_such_kpi",))])
    registry = _registry(tmp_path, "", plugin)
    assert "TST202" not in registry.rules
    assert any("TST202" in e and "no_such_kpi" in e for e in registry.plugins["rules_only"].errors)
    assessment = assess(load_organisation(write_org(), registry.adapters), registry)
    reported = [e for e in assessment.errors if e.source == "TST202"]
    assert reported and "no_such_kpi" in reported[0].message


def test_a_target_naming_an_unknown_kpi_is_reported_with_a_suggestion(
    write_org: WriteOrg, registry: Registry
) -> None:
    folder = write_org(profile=PROFILE.replace('kpi = "engagement_rate"', 'kpi = "engagment_rate"'))
    assessment = assess(load_organisation(folder, registry.adapters), registry)
    error = next(e for e in assessment.errors if e.source == "goals[0].targets[0].kpi")
    assert "did you mean `engagement_rate`?" in error.message


def _module_with_rules(rules: list[object]) -> object:
    import types

    from socialaudit.engine import hookimpl

    module = types.ModuleType("rules_only")
    module.socialaudit_rules = hookimpl(lambda: rules)  # type: ignore[attr-defined]
    return module

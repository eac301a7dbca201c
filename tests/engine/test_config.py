"""`plugins.toml`: validated, with errors that name the file, the key and what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from socialaudit.api.cli import cli as main
from socialaudit.engine.config import CONFIG_ENV_VAR, find_config, load_settings
from socialaudit.engine.errors import ConfigError
from socialaudit.engine.loading import load_organisation
from socialaudit.engine.registry import Registry, build_registry
from tests.engine.conftest import WriteOrg
from tests.engine.orgfiles import PROFILE


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plugins.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    settings = load_settings(None)
    assert settings.rule_selected("MIX001")
    assert settings.assessment.window_days == 90


def test_select_and_ignore_by_family_and_code(tmp_path: Path) -> None:
    settings = load_settings(
        _write(tmp_path, '[rules]\nselect = ["GOAL", "MIX001"]\nignore = ["GOAL004"]\n')
    )
    assert settings.rule_selected("GOAL001") and settings.rule_selected("MIX001")
    assert not settings.rule_selected("GOAL004")
    assert not settings.rule_selected("MIX002") and not settings.rule_selected("CHK001")


def test_unknown_key_names_file_and_path(tmp_path: Path) -> None:
    path = _write(tmp_path, "[rules]\nselct = []\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.file == str(path)
    assert caught.value.field == "rules.selct"
    assert "unknown key" in caught.value.message


def test_bad_severity_lists_allowed_values(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_write(tmp_path, '[rules.severity]\nMIX001 = "urgent"\n'))
    assert caught.value.field == "rules.severity.MIX001"
    assert "'info', 'low', 'medium', 'high' or 'critical'" in caught.value.message


def test_invalid_toml_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(_write(tmp_path, "[rules\n"))


def test_options_for_unknown_rule_code(tmp_path: Path) -> None:
    settings = load_settings(_write(tmp_path, "[rules.options.XYZ999]\nfoo = 1\n"))
    with pytest.raises(ConfigError) as caught:
        build_registry(settings)
    assert caught.value.field == "rules.options.XYZ999"
    assert "no loaded rule" in caught.value.message


def test_rule_option_of_wrong_type_names_the_option(tmp_path: Path) -> None:
    from tests.engine.plugins_for_tests import threshold_plugin

    settings = load_settings(_write(tmp_path, '[rules.options.TST001]\nmax_share = "veel"\n'))
    with pytest.raises(ConfigError) as caught:
        build_registry(settings, extra_plugins=[threshold_plugin()], entry_points=False)
    assert caught.value.field == "rules.options.TST001.max_share"


def test_disable_unknown_plugin_lists_known(tmp_path: Path) -> None:
    settings = load_settings(_write(tmp_path, '[plugins]\ndisable = ["nope"]\n'))
    with pytest.raises(ConfigError) as caught:
        build_registry(settings)
    assert "builtin-kpis" in (caught.value.hint or "")


def test_disabled_plugin_is_listed_not_loaded(tmp_path: Path) -> None:
    settings = load_settings(_write(tmp_path, '[plugins]\ndisable = ["builtin-benchmarks"]\n'))
    registry = build_registry(settings)
    assert registry.plugins["builtin-benchmarks"].status == "disabled"
    assert not registry.benchmarks


def test_unknown_classifier_is_an_error(tmp_path: Path) -> None:
    settings = load_settings(_write(tmp_path, '[classifier]\nuse = "gpt"\n'))
    with pytest.raises(ConfigError) as caught:
        build_registry(settings)
    assert caught.value.field == "classifier.use"


def test_path_from_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "")
    monkeypatch.setenv(CONFIG_ENV_VAR, str(path))
    assert find_config(None) == path
    assert find_config(tmp_path / "explicit.toml") == tmp_path / "explicit.toml"
    monkeypatch.delenv(CONFIG_ENV_VAR)
    assert find_config(None, search_from=tmp_path) == path


# --- silent typos are errors, at their place, with a suggestion --------------------------------


def test_an_unknown_key_gets_a_suggestion_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "[assessment]\nwindow_days = 60\n\n[limits]\n  rule_timeout_secs = 2\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    error = caught.value
    assert error.field == "limits.rule_timeout_secs"
    assert "did you mean `rule_timeout_seconds`?" in error.message
    assert (error.line, error.column) == (5, 3)
    assert "line 5, column 3" in str(error)


def test_organisation_toml_typos_are_errors_at_their_place(
    write_org: WriteOrg, registry: Registry
) -> None:
    wrong_key = PROFILE.replace("followers = 1000", "folowers = 1000")
    with pytest.raises(ConfigError) as caught:
        load_organisation(write_org(profile=wrong_key), registry.adapters)
    assert caught.value.field == "channels[0].folowers"
    assert "did you mean `followers`?" in caught.value.message
    assert caught.value.line == wrong_key.splitlines().index("folowers = 1000") + 1

    wrong_channel = PROFILE.replace('channels = ["facebook"]', 'channels = ["facebok"]')
    with pytest.raises(ConfigError) as caught:
        load_organisation(write_org(profile=wrong_channel), registry.adapters)
    assert caught.value.field == "goals[0].channels[0]"
    assert "did you mean `facebook`?" in caught.value.message
    line = wrong_channel.splitlines().index('channels = ["facebok"]') + 1
    assert (caught.value.line, caught.value.column) == (line, 13)


def test_a_target_on_an_unknown_kpi_stops_the_cli_at_its_place(write_org: WriteOrg) -> None:
    profile = PROFILE.replace('kpi = "engagement_rate"', 'kpi = "engagment_rate"')
    folder = write_org(profile=profile)
    result = CliRunner().invoke(main, ["assess", str(folder)])
    error = result.exception
    assert isinstance(error, ConfigError)  # the CLI's main prints it and exits with code 2
    line = next(i for i, text in enumerate(profile.splitlines(), 1) if "engagment_rate" in text)
    assert f"line {line}, column 14" in str(error)
    assert "did you mean `engagement_rate`?" in str(error)
    # a business outcome measured outside social media is a known target
    outside = PROFILE.replace('kpi = "engagement_rate"', 'kpi = "conversions"')
    assert CliRunner().invoke(main, ["assess", str(write_org(profile=outside))]).exit_code == 0


def test_lang_defaults_to_the_organisations_first_language(write_org: WriteOrg) -> None:
    dutch = PROFILE.replace('country = "BE"', 'country = "BE"\nlanguages = ["nl", "fr"]')
    report = CliRunner().invoke(main, ["assess", str(write_org(profile=dutch))]).output
    assert "Bevindingen" in report or "Geen bevindingen." in report
    english = CliRunner().invoke(main, ["assess", str(write_org(profile=PROFILE))]).output
    assert "Findings" in english

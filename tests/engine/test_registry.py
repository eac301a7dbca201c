"""Plugin discovery: entry points, failure isolation, and validation of what plugins return."""

from __future__ import annotations

import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from socialaudit.engine import hookimpl
from socialaudit.engine.definitions import Dimension, Kpi, Rule, Severity, Unit
from socialaudit.engine.registry import PluginStatus, build_registry

SAMPLE_DIST = Path(__file__).parent / "sample_dist"


@pytest.fixture(scope="module")
def installed_sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample distribution pip-installed into a folder put on sys.path, as a user's
    `pip install socialaudit-sample` would make it visible."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--target",
            str(target),
            str(SAMPLE_DIST),
        ],
        check=True,
    )
    sys.path.insert(0, str(target))
    yield target
    sys.path.remove(str(target))
    for name in [m for m in sys.modules if m.startswith("socialaudit_sample")]:
        del sys.modules[name]


def test_entry_point_plugin_from_an_installed_distribution(installed_sample: Path) -> None:
    registry = build_registry()
    sample = registry.plugins["sample"]
    assert sample.status == PluginStatus.LOADED
    assert (sample.distribution, sample.version) == ("socialaudit-sample", "1.2.3")
    assert sample.hooks == ["socialaudit_kpis", "socialaudit_rules"]
    assert "sample_video_share" in registry.kpis and "SMP001" in registry.rules
    assert registry.owners["rules:SMP001"] == "sample"
    # the built-ins register through the same group and still load next to it
    assert registry.plugins["builtin-kpis"].status == PluginStatus.LOADED
    assert registry.plugins["builtin-kpis"].builtin and not sample.builtin


def test_plugin_that_fails_to_import_is_listed_and_others_load(installed_sample: Path) -> None:
    registry = build_registry()
    broken = registry.plugins["sample-broken"]
    assert broken.status == PluginStatus.FAILED
    assert "socialaudit_sample_missing_dependency" in broken.errors[0]
    assert "engagement_rate" in registry.kpis


def _plugin(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))  # type: ignore[arg-type]
    return module


def _kpi(kpi_id: str) -> Kpi:
    return Kpi(
        id=kpi_id,
        name={"en": kpi_id},
        unit=Unit.COUNT,
        description={"en": "d"},
        formula="f",
        per_organisation=lambda ctx: 1,
    )


def test_hook_that_raises_marks_only_that_plugin_failed() -> None:
    def explode() -> list[Kpi]:
        raise RuntimeError("boom")

    good = _plugin("good", socialaudit_kpis=lambda: [_kpi("good_kpi")])
    bad = _plugin("bad", socialaudit_kpis=explode)
    registry = build_registry(extra_plugins=[bad, good], entry_points=False)
    assert registry.plugins["bad"].status == PluginStatus.FAILED
    assert "RuntimeError: boom" in registry.plugins["bad"].errors[0]
    assert registry.plugins["good"].status == PluginStatus.LOADED
    assert list(registry.kpis) == ["good_kpi"]


def test_malformed_records_are_rejected_with_reasons() -> None:
    bad_rule = Rule(
        code="bad1",
        slug="Not Kebab",
        name={"nl": "alleen Nederlands"},
        category=Dimension.STRATEGY,
        severity=Severity.LOW,
        message={"en": "m"},
        rationale={"en": "r"},
        remediation={"en": "x"},
        source="s",
        per_organisation=lambda ctx, options: None,
    )
    plugin = _plugin(
        "sloppy",
        socialaudit_kpis=lambda: ["not a kpi", _kpi("Bad-Id"), _kpi("fine_kpi")],
        socialaudit_rules=lambda: [bad_rule],
    )
    registry = build_registry(extra_plugins=[plugin], entry_points=False)
    errors = " | ".join(registry.plugins["sloppy"].errors)
    assert "returned str, expected Kpi" in errors
    assert "KPI id 'Bad-Id' must be snake_case" in errors
    assert "rule code 'bad1'" in errors and "kebab-case" in errors
    assert "rule bad1 name needs at least an English text" in errors
    assert list(registry.kpis) == ["fine_kpi"] and not registry.rules


def test_duplicate_ids_are_reported_against_the_second_plugin() -> None:
    first = _plugin("first", socialaudit_kpis=lambda: [_kpi("same")])
    second = _plugin("second", socialaudit_kpis=lambda: [_kpi("same")])
    registry = build_registry(extra_plugins=[first, second], entry_points=False)
    assert registry.plugins["first"].status == PluginStatus.LOADED
    assert "already provided by plugin 'first'" in registry.plugins["second"].errors[0]


def test_misspelt_hook_is_caught() -> None:
    plugin = _plugin("typo", socialaudit_kpi=lambda: [])
    registry = build_registry(extra_plugins=[plugin], entry_points=False)
    assert registry.plugins["typo"].status == PluginStatus.FAILED
    assert "unknown hook(s) socialaudit_kpi" in registry.plugins["typo"].errors[0]


def test_every_hook_is_documented() -> None:
    """Like datasette: a hook without a docstring saying when it is called fails the build."""
    from socialaudit.engine import hookspecs

    hooks = [n for n in dir(hookspecs) if n.startswith("socialaudit_")]
    assert len(hooks) >= 6
    for name in hooks:
        doc = getattr(hookspecs, name).__doc__ or ""
        assert "Called" in doc and ":returns:" in doc, name

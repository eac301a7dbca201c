"""`socialaudit plugins`, `rules` and `kpis`: JSON for scripts, plain text when piped, pages
that explain, and docs/kpis.md generated from the same pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from socialaudit.api.cli import SUBCOMMANDS, cli
from socialaudit.api.cli.catalogue import kpis_markdown
from socialaudit.engine.registry import Registry, build_registry

ROOT = Path(__file__).parents[2]


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_kpis_as_json_carry_formula_and_unit() -> None:
    records = {r["id"]: r for r in json.loads(_run("kpis", "--format", "json"))}
    assert records["engagement_rate"]["unit"] == "ratio"
    assert records["engagement_rate"]["formula"]
    assert records["engagement_rate"]["plugin"] == "builtin-kpis"


def test_rules_and_plugins_as_json() -> None:
    rules = {r["code"]: r for r in json.loads(_run("rules", "--format", "json"))}
    assert rules["MIX001"]["options"]["max_promotional_share"] == 0.35
    plugins = {p["name"]: p for p in json.loads(_run("plugins", "--format", "json"))}
    assert plugins["builtin-rules"]["status"] == "loaded" and plugins["builtin-rules"]["builtin"]


def test_piped_output_is_tab_separated_text_without_box_drawing() -> None:
    output = _run("kpis")  # CliRunner's stdout is not a terminal
    header, *rows = output.splitlines()
    assert header.split("\t") == ["id", "name", "unit", "level", "plugin"]
    assert all(len(row.split("\t")) == 5 for row in rows)
    assert "┃" not in output and "━" not in output


def test_a_kpi_page_says_formula_unit_and_what_unknown_means() -> None:
    page = _run("kpis", "--explain", "engagement_rate", "--lang", "nl")
    assert "# engagement_rate" in page and "## Formula" in page
    assert "## When it is unknown" in page and "null, never 0" in page


def test_an_unknown_kpi_is_an_input_error_naming_the_listing() -> None:
    result = CliRunner().invoke(cli, ["kpis", "--explain", "nope"])
    assert result.exit_code != 0
    assert "socialaudit kpis" in str(result.exception)


def test_docs_kpis_md_is_current() -> None:
    registry = build_registry()
    builtin_only = Registry(
        kpis={
            k: v for k, v in registry.kpis.items() if registry.owners[f"kpis:{k}"] == "builtin-kpis"
        },
        benchmarks=registry.benchmarks,
    )
    document = ROOT / "docs" / "kpis.md"
    assert document.read_text(encoding="utf-8") == kpis_markdown(builtin_only, "en"), (
        "docs/kpis.md is stale: run `socialaudit kpis --markdown > docs/kpis.md`"
    )


def test_help_and_version_import_no_subcommand() -> None:
    """`--help` lists every subcommand from the table without importing their modules (the
    heavy ones pull in polars, SQLAlchemy and the plugins)."""
    probe = (
        "import sys; from socialaudit.api.cli import cli\n"
        "try: cli.main(['--help'], standalone_mode=False)\n"
        "except SystemExit: pass\n"
        "heavy = [m for m in ('polars', 'sqlalchemy', 'socialaudit.engine.registry', "
        "'socialaudit.api.cli.assess') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in output
    for name in SUBCOMMANDS:
        assert name in output


def test_every_builtin_kpi_names_its_source_on_its_page() -> None:
    """Issue 9: a KPI page says where the formula comes from, a study or the platform's own
    definition, or that it is socialaudit's own measure."""
    registry = build_registry()
    builtin = [
        k for k in registry.kpis.values() if registry.owners[f"kpis:{k.id}"] == "builtin-kpis"
    ]
    assert len(builtin) >= 29
    without = [k.id for k in builtin if not k.source.strip()]
    assert without == [], f"built-in KPIs without a source: {without}"
    page = _run("kpis", "--explain", "net_sentiment")
    assert "Source: Marketingfacts" in page
    record = json.loads(_run("kpis", "--explain", "engagement_rate", "--format", "json"))
    assert "https://developer.x.com/" in record["source"]


def test_an_agency_kpi_without_a_source_still_lists_and_explains(tmp_path: Path) -> None:
    config = tmp_path / "plugins.toml"
    config.write_text(
        "[[custom.kpis]]\n"
        'id = "reactions_per_1000_followers"\n'
        'name = { en = "Reactions per 1000 followers" }\n'
        'expression = "reactions_per_post / followers * 1000"\n'
        'level = "channel"\n',
        encoding="utf-8",
    )
    records = {
        r["id"]: r for r in json.loads(_run("kpis", "--format", "json", "--config", str(config)))
    }
    assert records["reactions_per_1000_followers"]["source"] is None
    assert records["reactions_per_1000_followers"]["plugin"] == "plugins.toml"
    page = _run("kpis", "--explain", "reactions_per_1000_followers", "--config", str(config))
    assert "## Formula" in page and "reactions_per_post / followers * 1000" in page
    assert "Source:" not in page

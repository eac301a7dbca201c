"""Every built-in rule is documented in three languages and explained by the CLI."""

from __future__ import annotations

import re

from click.testing import CliRunner

from socialaudit.api.cli import cli
from socialaudit.engine.registry import Registry
from socialaudit.engine.text import SUPPORTED_LANGUAGES

REQUIRED_CODES = {
    "GOAL001",
    "GOAL002",
    "GOAL003",
    "GOAL004",
    "CHK001",
    "CHK002",
    "CHK003",
    "CHK004",
    "MIX001",
    "MIX002",
    "CONV001",
    "CONV002",
}


def test_the_issue_codes_exist_with_their_families(registry: Registry) -> None:
    assert set(registry.rules) >= REQUIRED_CODES
    families = {rule.family for rule in registry.rules.values()}
    assert {"GOAL", "CHK", "MIX", "CONV", "EVAL", "INT"} <= families


def test_every_rule_has_texts_in_every_language_and_a_source(registry: Registry) -> None:
    for code, rule in registry.rules.items():
        if registry.owners[f"rules:{code}"] != "builtin-rules":
            continue
        for field in ("name", "message", "rationale", "remediation"):
            texts = getattr(rule, field)
            missing = [lang for lang in SUPPORTED_LANGUAGES if not texts.get(lang)]
            assert not missing, f"{code}.{field} lacks {missing}"
        assert rule.source and "seed_" not in rule.source and ".txt" not in rule.source


def test_explain_prints_the_rule_page_with_options() -> None:
    result = CliRunner().invoke(cli, ["rules", "--explain", "mix001", "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert "MIX001 too-promotional" in result.output
    assert "Te promotioneel" in result.output
    assert "rules.options.MIX001.max_promotional_share" in result.output
    assert "merkimago" in result.output.lower()


PLACEHOLDER = re.compile(r"\{\w[^{}]*\}")


def test_every_rule_page_reads_without_placeholders_in_every_language(registry: Registry) -> None:
    from socialaudit.api.cli.catalogue import rule_page

    left = {
        (code, language): PLACEHOLDER.findall(page)
        for code, rule in registry.rules.items()
        if registry.owners[f"rules:{code}"] == "builtin-rules"
        for language in SUPPORTED_LANGUAGES
        if PLACEHOLDER.search(
            page := rule_page(rule, language, registry.rule_options[code], registry.kpis)
        )
    }
    assert not left, f"rule pages with placeholders left: {left}"


def test_a_rule_page_fills_its_fix_from_the_example_and_the_options_in_effect(
    registry: Registry,
) -> None:
    from socialaudit.api.cli.catalogue import rule_page

    strict = registry.rule_options["MIX001"].model_copy(update={"max_promotional_share": 0.2})
    assert "Bring promotion on Instagram below 20%" in rule_page(
        registry.rules["MIX001"], "en", strict
    )
    assert "van de laatste 90 dagen" in rule_page(
        registry.rules["REP002"], "nl", registry.rule_options["REP002"]
    )


def test_docs_rules_md_is_current(registry: Registry) -> None:
    from pathlib import Path

    from socialaudit.api.cli.catalogue import rules_markdown

    builtin_only = Registry(
        rules={
            c: r
            for c, r in registry.rules.items()
            if registry.owners[f"rules:{c}"] == "builtin-rules"
        },
        kpis={
            i: k for i, k in registry.kpis.items() if registry.owners[f"kpis:{i}"] == "builtin-kpis"
        },
        rule_options=registry.rule_options,
    )
    document = Path(__file__).parents[2] / "docs" / "rules.md"
    assert document.read_text(encoding="utf-8") == rules_markdown(builtin_only, "en"), (
        "docs/rules.md is stale: run `socialaudit rules --markdown > docs/rules.md`"
    )

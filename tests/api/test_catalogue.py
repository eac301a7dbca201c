"""The rule catalogue over GraphQL reads as `socialaudit rules --explain` does: the texts
filled from the rule's example, not templates with placeholders."""

from __future__ import annotations

import httpx
import pytest

from socialaudit.api.cli.catalogue import rule_page
from socialaudit.engine.registry import Registry
from tests.api.conftest import gql

pytestmark = pytest.mark.anyio

QUERY = "query($lang: Language) { rules(language: $lang) { code rationale example remediation } }"


@pytest.mark.parametrize(("language", "days"), [("EN", "last 90 days"), ("NL", "laatste 90 dagen")])
async def test_a_rules_remediation_is_written_for_its_example(
    client: httpx.AsyncClient, registry: Registry, language: str, days: str
) -> None:
    assert "{window_days}" in registry.rules["REP002"].remediation["en"]  # a template, still
    rules = {r["code"]: r for r in (await gql(client, QUERY, {"lang": language}))["rules"]}
    remediation = rules["REP002"]["remediation"]
    assert "{" not in remediation
    assert days in remediation
    # the same text as the rule's page, for every rule
    for code, rule in registry.rules.items():
        page = rule_page(rule, language.lower(), registry.rule_options[code], registry.kpis)
        for text in rules[code].values():
            assert text in page, (code, text)

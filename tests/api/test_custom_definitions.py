"""An agency's own KPIs and rules through GraphQL: checked when saved, used in assessments like
built-in ones, shown in the catalogue, versioned with the assessments that used them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from socialaudit.api.auth import DEVELOPMENT_AGENCY
from socialaudit.engine.expressions import MAX_NESTING_DEPTH
from socialaudit.engine.registry import Registry
from socialaudit.service.custom_definitions import agency_registry
from socialaudit.service.storage.agencies import find_agency
from socialaudit.service.storage.records import CustomDefinitionRecord
from socialaudit.service.storage.tenancy import Tenancy
from tests.api.conftest import create_bakery, example_file, gql, import_inline

pytestmark = pytest.mark.anyio

KPI = {
    "id": "reactions_per_1000",
    "name": {"en": "Reactions per 1,000 followers", "nl": "Reacties per 1.000 volgers"},
    "expression": "reactions_per_post / followers * 1000",
    "level": "CHANNEL",
    "higherIsBetter": True,
}
RULE = {
    "code": "AGY001",
    "name": "facebook-reactions-low",
    "condition": 'channel.platform == "facebook" && reactions_per_1000 < 1000000',
    "title": {"en": "Few reactions for the audience", "nl": "Weinig reacties voor het publiek"},
    "message": {"en": "Reactions per 1,000 followers stay low."},
    "remediation": {"en": "Ask a question in every third post."},
    "severity": "HIGH",
    "category": "CONVERSATION",
    "level": "CHANNEL",
}
SAVE = """
mutation($input: Custom{kind}Input!) {{ createCustom{kind}(input: $input) {{
  definition {{ id kind key version definition }}
  userErrors {{ field code message column }} }} }}
"""
UPDATE = """
mutation($id: ID!, $input: Custom{kind}Input!) {{ updateCustom{kind}(id: $id, input: $input) {{
  definition {{ id key version }} userErrors {{ field code message column }} }} }}
"""
DELETE = """
mutation($id: ID!) {{ deleteCustom{kind}(id: $id) {{ deletedId userErrors {{ field code }} }} }}
"""
RUN = """
mutation($id: ID!) { runAssessment(organizationId: $id) { assessment {
  id ruleVersions kpiVersions
  findings { code channel severity title evidence }
  kpis(channel: "facebook") { id value }
  errors { kind source message } } } }
"""


async def save(client: httpx.AsyncClient, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    result = await gql(client, SAVE.format(kind=kind), {"input": data})
    return result[f"createCustom{kind}"]  # type: ignore[no-any-return]


async def bakery_with_posts(client: httpx.AsyncClient) -> str:
    organisation = await create_bakery(client)
    facebook = organisation["channels"][0]["id"]
    await import_inline(client, facebook, example_file("facebook", "posts.csv"))
    return organisation["id"]  # type: ignore[no-any-return]


async def run(client: httpx.AsyncClient, organisation_id: str) -> dict[str, Any]:
    return (await gql(client, RUN, {"id": organisation_id}))["runAssessment"]["assessment"]  # type: ignore[no-any-return]


async def test_a_custom_kpi_and_rule_take_part_like_built_in_ones(
    client: httpx.AsyncClient,
) -> None:
    kpi = await save(client, "Kpi", KPI)
    assert kpi["userErrors"] == []
    assert kpi["definition"]["kind"] == "KPI" and kpi["definition"]["key"] == "reactions_per_1000"
    rule = await save(client, "Rule", RULE)
    assert rule["userErrors"] == []
    quiet = await save(
        client,
        "Rule",
        {**RULE, "code": "AGY002", "name": "never", "condition": "posts_per_week > 100000"},
    )
    assert quiet["userErrors"] == []

    catalogue = await gql(client, "{ kpis { id name } rules(language: NL) { code title } }")
    assert {"id": "reactions_per_1000", "name": "Reactions per 1,000 followers"} in catalogue[
        "kpis"
    ]
    assert {"code": "AGY001", "title": "Weinig reacties voor het publiek"} in catalogue["rules"]

    assessment = await run(client, await bakery_with_posts(client))
    fired = [f for f in assessment["findings"] if f["code"] == "AGY001"]
    assert [f["channel"] for f in fired] == ["facebook"]  # not on instagram
    assert fired[0]["severity"] == "HIGH"
    assert fired[0]["evidence"]["reactions_per_1000"] > 0
    assert not [f for f in assessment["findings"] if f["code"] == "AGY002"]
    values = {k["id"]: k["value"] for k in assessment["kpis"]}
    reactions = values["reactions_per_post"] / values["followers"] * 1000
    assert values["reactions_per_1000"] == pytest.approx(reactions)
    assert assessment["ruleVersions"]["AGY001"] == rule["definition"]["version"]
    assert assessment["kpiVersions"]["reactions_per_1000"] == kpi["definition"]["version"]
    assert assessment["kpiVersions"]["posts_per_week"]  # built-ins are versioned too


async def test_updating_a_rule_changes_its_version_and_earlier_assessments_keep_theirs(
    client: httpx.AsyncClient,
) -> None:
    await save(client, "Kpi", KPI)
    rule = (await save(client, "Rule", RULE))["definition"]
    organisation_id = await bakery_with_posts(client)
    before = await run(client, organisation_id)
    changed = await gql(
        client,
        UPDATE.format(kind="Rule"),
        {"id": rule["id"], "input": {**RULE, "condition": "reactions_per_1000 < 0"}},
    )
    updated = changed["updateCustomRule"]["definition"]
    assert updated["version"] != rule["version"]
    after = await run(client, organisation_id)
    assert after["ruleVersions"]["AGY001"] == updated["version"]
    assert not [f for f in after["findings"] if f["code"] == "AGY001"]
    old = await gql(
        client, "query($id: ID!) { assessment(id: $id) { ruleVersions } }", {"id": before["id"]}
    )
    assert old["assessment"]["ruleVersions"]["AGY001"] == rule["version"]


@pytest.mark.parametrize(
    ("field", "source", "code", "column"),
    [
        ("expression", "reactions_per_post /", "EXPRESSION_SYNTAX", 21),
        ("expression", "reactons_per_post * 2", "EXPRESSION_UNKNOWN_NAME", 1),
        ("expression", 'followers + "many"', "EXPRESSION_TYPE", None),
        ("expression", "x" * 1200, "EXPRESSION_TOO_LONG", None),
        (
            "expression",
            "(" * (MAX_NESTING_DEPTH + 1) + "1" + ")" * (MAX_NESTING_DEPTH + 1),
            "EXPRESSION_TOO_DEEP",
            None,
        ),
        ("expression", "[1, 2].map(x, x * followers)", "EXPRESSION_FORBIDDEN", 8),
        ("expression", "followers.__class__", None, None),
    ],
)
async def test_each_expression_error_comes_back_where_it_is(
    client: httpx.AsyncClient, field: str, source: str, code: str | None, column: int | None
) -> None:
    payload = await save(client, "Kpi", {**KPI, field: source})
    assert payload["definition"] is None
    [error] = payload["userErrors"]
    assert error["field"] == ["input", field]
    if code is not None:
        assert error["code"] == code
    else:
        assert error["code"].startswith("EXPRESSION_")
    if column is not None:
        assert error["column"] == column
    listed = await gql(client, "{ customDefinitions { key } }")
    assert listed["customDefinitions"] == []


async def test_a_condition_must_be_true_or_false_and_codes_are_checked(
    client: httpx.AsyncClient,
) -> None:
    not_boolean = await save(client, "Rule", {**RULE, "condition": "posts_per_week * 2"})
    assert not_boolean["userErrors"][0]["code"] == "EXPRESSION_TYPE"
    assert not_boolean["userErrors"][0]["field"] == ["input", "condition"]
    built_in = await save(client, "Rule", {**RULE, "code": "GOAL001", "condition": "true"})
    assert built_in["userErrors"][0]["code"] == "ALREADY_EXISTS"
    assert built_in["userErrors"][0]["field"] == ["input", "code"]
    bad_code = await save(client, "Rule", {**RULE, "code": "my rule", "condition": "true"})
    assert bad_code["userErrors"][0]["code"] == "INVALID"
    assert bad_code["userErrors"][0]["field"] == ["input", "code"]
    no_english = await save(
        client, "Rule", {**RULE, "code": "AGY009", "condition": "true", "title": {"en": ""}}
    )
    assert no_english["userErrors"] == []  # an empty text is the agency's choice
    twice = await save(client, "Rule", {**RULE, "code": "AGY009", "condition": "true"})
    assert twice["userErrors"][0]["code"] == "ALREADY_EXISTS"


async def test_a_kpi_another_definition_reads_cannot_be_deleted_first(
    client: httpx.AsyncClient,
) -> None:
    kpi = (await save(client, "Kpi", KPI))["definition"]
    rule = (await save(client, "Rule", RULE))["definition"]
    refused = await gql(client, DELETE.format(kind="Kpi"), {"id": kpi["id"]})
    assert refused["deleteCustomKpi"]["userErrors"] == [{"field": ["id"], "code": "IN_USE"}]
    wrong_kind = await gql(client, DELETE.format(kind="Kpi"), {"id": rule["id"]})
    assert wrong_kind["deleteCustomKpi"]["userErrors"] == [{"field": ["id"], "code": "NOT_FOUND"}]
    for kind, definition in (("Rule", rule), ("Kpi", kpi)):
        deleted = await gql(client, DELETE.format(kind=kind), {"id": definition["id"]})
        assert deleted[f"deleteCustom{kind}"] == {"deletedId": definition["id"], "userErrors": []}
    catalogue = await gql(client, "{ kpis { id } rules { code } customDefinitions { id } }")
    assert "reactions_per_1000" not in {k["id"] for k in catalogue["kpis"]}
    assert "AGY001" not in {r["code"] for r in catalogue["rules"]}
    assert catalogue["customDefinitions"] == []


async def test_a_stored_definition_that_no_longer_compiles_is_reported_and_the_rest_runs(
    client: httpx.AsyncClient, app: Starlette
) -> None:
    """As when a plugin that provided a KPI the definition reads has been uninstalled."""
    engine = app.state.engine
    agency = find_agency(engine, DEVELOPMENT_AGENCY)
    assert agency is not None
    orphan = {  # stored as plugins.toml spells it, past the API's checks
        **RULE,
        "code": "AGY005",
        "condition": "uninstalled_kpi > 1",
        "severity": "high",
        "category": "conversation",
        "level": "channel",
    }
    with Tenancy(engine, agency.id, app.state.settings.database_role).transaction() as repo:
        repo.insert_custom_definition("rule", "AGY005", orphan, "c-orphan")
    assert (await save(client, "Kpi", KPI))["userErrors"] == []
    assessment = await run(client, await bakery_with_posts(client))
    assert any(
        e["source"] == "agency definitions" and "AGY005" in e["message"]
        for e in assessment["errors"]
    ), assessment["errors"]
    assert assessment["findings"]  # the built-in rules ran
    assert "reactions_per_1000" in {k["id"] for k in assessment["kpis"]}


def test_compiled_registries_are_reused_until_a_definition_changes(registry: Registry) -> None:
    def record(version: str, condition: str) -> CustomDefinitionRecord:
        moment = datetime.now(UTC)
        stored = {**RULE, "severity": "high", "category": "conversation", "level": "channel"}
        return CustomDefinitionRecord(
            "r1", "rule", "AGY001", {**stored, "condition": condition}, version, moment, moment
        )

    first = agency_registry(registry, "agency-a", [record("v1", "posts_per_week < 2")])
    assert agency_registry(registry, "agency-a", [record("v1", "posts_per_week < 2")]) is first
    changed = agency_registry(registry, "agency-a", [record("v2", "posts_per_week < 3")])
    assert changed is not first and "AGY001" in changed.rules
    other = agency_registry(registry, "agency-b", [record("v1", "posts_per_week < 2")])
    assert other is not first
    assert "AGY001" not in registry.rules  # the shared registry is left as it was

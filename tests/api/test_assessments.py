"""Assessments through the API: run and keep, history, latest, preview, languages, and the
same field names as `socialaudit assess --format json`."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from socialaudit.engine.model.assessment import Assessment
from tests.api.conftest import create_bakery, example_file, gql, import_inline

pytestmark = pytest.mark.anyio

RUN = """
mutation($id: ID!, $language: Language) {
  runAssessment(organizationId: $id, language: $language) {
    assessment { id language overallScore createdAt ruleVersions }
    userErrors { field code message }
  }
}
"""

EVERYTHING = """
query($id: ID!, $language: Language) {
  assessment(id: $id, language: $language) {
    organisation asOf language overallScore
    dimensions { name score findings }
    maturityStage
    kpis { id name channel value unit display higherIsBetter detail
           benchmark { id value source year population difference measures display } }
    findings { code name title severity category channel message evidence remediation source
               ruleVersion }
    recommendations { priority code title action severity category channels rationale source
                      impact }
    errors { kind source channel message }
    rulesetRevision inputDigest pluginVersions engineVersion channelNames country
  }
}
"""


async def _assessed(client: httpx.AsyncClient, **changes: Any) -> tuple[dict[str, Any], str]:
    organisation = await create_bakery(client, **changes)
    channel_id = organisation["channels"][0]["id"]
    await import_inline(client, channel_id, example_file("facebook", "posts.csv"))
    await import_inline(
        client, channel_id, example_file("facebook", "interactions.csv"), "interactions.csv"
    )
    run = (await gql(client, RUN, {"id": organisation["id"]}))["runAssessment"]
    assert run["userErrors"] == []
    return organisation, run["assessment"]["id"]


async def test_run_keep_and_read_back_with_the_cli_field_names(client: httpx.AsyncClient) -> None:
    _, assessment_id = await _assessed(client)
    stored = (await gql(client, EVERYTHING, {"id": assessment_id}))["assessment"]
    cli_fields = set(Assessment.model_fields)
    cli_names = {Assessment.model_fields[f].alias or f for f in cli_fields}
    assert set(stored) == cli_names
    assert stored["language"] == "en"
    assert 0 <= stored["overallScore"] <= 100
    assert stored["kpis"] and stored["findings"]
    # the KPI and finding objects carry the CLI's names too
    kpi_names = {
        "id",
        "name",
        "channel",
        "value",
        "unit",
        "display",
        "higherIsBetter",
        "detail",
        "benchmark",
    }
    assert set(stored["kpis"][0]) == kpi_names
    assert stored["pluginVersions"]["builtin-rules"]


async def test_an_organisation_without_goals_gets_goal001(client: httpx.AsyncClient) -> None:
    _, assessment_id = await _assessed(client)
    query = """query($id: ID!) { assessment(id: $id) { findings { code } } }"""
    codes = {
        f["code"]
        for f in (await gql(client, query, {"id": assessment_id}))["assessment"]["findings"]
    }
    assert "GOAL001" in codes


async def test_findings_filter_by_severity_and_category(client: httpx.AsyncClient) -> None:
    _, assessment_id = await _assessed(client)
    query = """query($id: ID!, $s: [Severity!], $c: [Dimension!]) { assessment(id: $id) {
        all: findings { code severity category }
        some: findings(severity: $s, category: $c) { code severity category } } }"""
    everything = (await gql(client, query, {"id": assessment_id}))["assessment"]["all"]
    severity = everything[0]["severity"]
    category = everything[0]["category"]
    filtered = (await gql(client, query, {"id": assessment_id, "s": [severity], "c": [category]}))[
        "assessment"
    ]["some"]
    assert filtered and all(
        f["severity"] == severity and f["category"] == category for f in filtered
    )
    expected = [f for f in everything if f["severity"] == severity and f["category"] == category]
    assert filtered == expected
    others = [s for s in ("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL") if s != severity]
    rest = (await gql(client, query, {"id": assessment_id, "s": others}))["assessment"]["some"]
    assert len(rest) == len(everything) - len([f for f in everything if f["severity"] == severity])


async def test_history_and_latest(client: httpx.AsyncClient) -> None:
    organisation, first_id = await _assessed(client)
    second = (await gql(client, RUN, {"id": organisation["id"], "language": "NL"}))[
        "runAssessment"
    ]["assessment"]
    query = """query($id: ID!) { organization(id: $id) {
        latestAssessment { id language }
        assessments(first: 1) {
          totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
        }
    } }"""
    data = (await gql(client, query, {"id": organisation["id"]}))["organization"]
    assert data["latestAssessment"]["id"] == second["id"]
    assert data["assessments"]["totalCount"] == 2
    assert [e["node"]["id"] for e in data["assessments"]["edges"]] == [second["id"]]
    assert data["assessments"]["pageInfo"]["hasNextPage"] is True
    page_two = """query($id: ID!, $after: String) { organization(id: $id) {
        assessments(first: 5, after: $after) {
          edges { node { id } } pageInfo { hasNextPage } } } }"""
    rest = (
        await gql(
            client,
            page_two,
            {"id": organisation["id"], "after": data["assessments"]["pageInfo"]["endCursor"]},
        )
    )["organization"]["assessments"]
    assert [e["node"]["id"] for e in rest["edges"]] == [first_id]
    assert rest["pageInfo"]["hasNextPage"] is False
    # an assessment's id is found by node(), as an Assessment
    node = await gql(
        client, "query($id: ID!) { node(id: $id) { __typename id } }", {"id": first_id}
    )
    assert node["node"] == {"__typename": "Assessment", "id": first_id}


async def test_texts_follow_the_language_asked(client: httpx.AsyncClient) -> None:
    _, assessment_id = await _assessed(client)
    query = """query($id: ID!, $language: Language) { assessment(id: $id, language: $language) {
        language findings { code title message } recommendations { code title action } } }"""
    english = (await gql(client, query, {"id": assessment_id}))["assessment"]
    dutch = (
        await gql(client, query, {"id": assessment_id}, {"Accept-Language": "nl-BE, en;q=0.5"})
    )["assessment"]
    french = (
        await gql(client, query, {"id": assessment_id, "language": "FR"}, {"Accept-Language": "nl"})
    )["assessment"]
    assert (english["language"], dutch["language"], french["language"]) == ("en", "nl", "fr")
    goal_en = next(f for f in english["findings"] if f["code"] == "GOAL001")
    goal_nl = next(f for f in dutch["findings"] if f["code"] == "GOAL001")
    goal_fr = next(f for f in french["findings"] if f["code"] == "GOAL001")
    assert len({goal_en["title"], goal_nl["title"], goal_fr["title"]}) == 3
    assert [f["code"] for f in dutch["findings"]] == [f["code"] for f in english["findings"]]
    assert dutch["recommendations"][0]["action"] != english["recommendations"][0]["action"]
    # an unsupported language falls back to English
    german = (await gql(client, query, {"id": assessment_id}, {"Accept-Language": "de"}))[
        "assessment"
    ]
    assert german == english


async def test_a_fresh_dutch_run_reads_like_a_relocalised_english_one(
    client: httpx.AsyncClient,
) -> None:
    organisation, english_id = await _assessed(client)
    dutch_run = (await gql(client, RUN, {"id": organisation["id"], "language": "NL"}))[
        "runAssessment"
    ]["assessment"]["id"]
    query = """query($id: ID!) { assessment(id: $id, language: NL) {
        findings { code channel title message remediation }
        recommendations { title action rationale } } }"""
    relocalised = (await gql(client, query, {"id": english_id}))["assessment"]
    fresh = (await gql(client, query, {"id": dutch_run}))["assessment"]
    assert relocalised == fresh


async def test_preview_assesses_and_stores_nothing(client: httpx.AsyncClient) -> None:
    query = """query($input: PreviewAssessmentInput!) { previewAssessment(input: $input) {
        assessment { organisation overallScore findings { code } kpis { id channel value } }
        userErrors { field code message } } }"""
    profile = {
        "name": "Preview Bakery",
        "market": "B2C",
        "channels": [{"platform": "facebook", "handle": "bakkerijvanacker"}],
    }
    files = [
        {
            "channel": "facebook",
            "content": example_file("facebook", "posts.csv"),
            "filename": "p.csv",
        }
    ]
    data = (await gql(client, query, {"input": {"organization": profile, "files": files}}))[
        "previewAssessment"
    ]
    assert data["userErrors"] == []
    assert data["assessment"]["organisation"] == "Preview Bakery"
    assert "GOAL001" in {f["code"] for f in data["assessment"]["findings"]}
    counts = await gql(client, "{ organizations { totalCount } }")
    assert counts["organizations"]["totalCount"] == 0
    app = client._transport.app  # type: ignore[attr-defined]
    from sqlalchemy import func, select

    from socialaudit.service.storage.tables import assessments, posts

    with app.state.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(assessments)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(posts)).scalar_one() == 0

    wrong = (
        await gql(
            client,
            query,
            {"input": {"organization": profile, "files": [{**files[0], "channel": "tiktok"}]}},
        )
    )["previewAssessment"]
    assert wrong["assessment"] is None
    assert wrong["userErrors"][0]["field"] == ["input", "files", "0", "channel"]


async def test_run_assessment_of_an_unknown_organisation(client: httpx.AsyncClient) -> None:
    organisation = await create_bakery(client)
    channel_id = organisation["channels"][0]["id"]
    data = (await gql(client, RUN, {"id": channel_id}))["runAssessment"]
    assert data == {
        "assessment": None,
        "userErrors": [
            {
                "field": ["organizationId"],
                "code": "NOT_FOUND",
                "message": "no Organization has this id",
            }
        ],
    }

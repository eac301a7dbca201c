"""`/reports/{assessment id}` and share links, tried as every route is (tests/api/test_tenants):
an agency's key opens its own reports only; a share link opens exactly one assessment's report,
until it expires or is revoked; anything else is 404 NOT_FOUND with the same answer."""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pydantic
import pytest
from itsdangerous.encoding import base64_decode, base64_encode
from sqlalchemy import event, select, text, update
from starlette.applications import Starlette

from socialaudit.api.auth import Role, create_key
from socialaudit.api.settings import Settings
from socialaudit.engine.registry import Registry
from socialaudit.schema.ids import local_id, to_global_id
from socialaudit.service.link_signing import LinkSigner
from socialaudit.service.storage import agencies as store
from socialaudit.service.storage.report_rows import ReportLinkRecord
from socialaudit.service.storage.report_tables import report_links, service_secrets
from tests.api.conftest import BAKERY, CREATE, IMPORT, example_file, make_app

pytestmark = pytest.mark.anyio

ASSESS = "mutation($id: ID!) { runAssessment(organizationId: $id) { assessment { id reportUrl } } }"
LINK = """mutation($id: ID!, $days: Int!) {
    createReportLink(assessmentId: $id, expiresInDays: $days) {
        url link { id active expiresAt } userErrors { field code message } } }"""
REVOKE = """mutation($id: ID!) { revokeReportLink(id: $id) {
    link { id active revokedAt } userErrors { field code message } } }"""
BRAND = """mutation($input: AgencyBrandingInput!) { updateAgencyBranding(input: $input) {
    branding { name color contact logo } userErrors { field code message } } }"""
LINKS = """query($id: ID!) { node(id: $id) { ... on Assessment { reportLinks { id active } } } }"""


SECRET = "the deployment's own secret, 32 characters or more"


@pytest.fixture
def tenant_app(database_url: str, registry: Registry) -> Iterator[Starlette]:
    app = make_app(database_url, registry, development=False, secret_key=SECRET)
    yield app
    app.state.engine.dispose()


@pytest.fixture
async def http(tenant_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=tenant_app), base_url="http://testserver"
    ) as client:
        yield client


def _keys(app: Starlette, name: str) -> tuple[str, str]:
    agency = store.create_agency(app.state.engine, name)
    return (
        create_key(app.state.engine, agency, "write", Role.WRITE)[1],
        create_key(app.state.engine, agency, "read", Role.READ)[1],
    )


async def _gql(http: httpx.AsyncClient, key: str, query: str, **variables: Any) -> dict[str, Any]:
    response = await http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {key}"},
    )
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


async def _assessed(http: httpx.AsyncClient, key: str, name: str) -> dict[str, str]:
    created = await _gql(http, key, CREATE, input={**BAKERY, "name": name})
    organisation = created["createOrganization"]["organization"]
    for channel in organisation["channels"]:
        folder = channel["platform"]
        filename = "posts.csv"
        await _gql(
            http,
            key,
            IMPORT,
            input={
                "channelId": channel["id"],
                "content": example_file(folder, filename),
                "filename": filename,
            },
        )
    assessed = await _gql(http, key, ASSESS, id=organisation["id"])
    return assessed["runAssessment"]["assessment"]  # type: ignore[no-any-return]


def _get(http: httpx.AsyncClient, path: str, key: str | None = None, **params: str) -> Any:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return http.get(path, params=params, headers=headers)


def _not_found(response: httpx.Response) -> bool:
    return (
        response.status_code == 404
        and response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    )


async def test_the_owner_s_key_gets_the_page_and_the_files(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    write, read = _keys(tenant_app, "Noord")
    assessment = await _assessed(http, write, "Bakkerij Noord")
    assert assessment["reportUrl"] == f"/reports/{assessment['id']}"
    page = await _get(http, assessment["reportUrl"], read, lang="nl")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Bakkerij Noord" in page.text and '<html lang="nl">' in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
    assert 'href="?format=csv&amp;lang=nl"' in page.text  # the download links
    sections = re.findall(r'<section id="(s\d)">', page.text)
    assert len(sections) == 9
    csv = await _get(http, assessment["reportUrl"], read, format="csv")
    assert csv.status_code == 200 and csv.text.lstrip("\ufeff").startswith("kpi,name,channel")
    assert "attachment" in csv.headers["content-disposition"]
    xlsx = await _get(http, assessment["reportUrl"], read, format="xlsx")
    assert xlsx.content[:2] == b"PK"
    pdf = await _get(http, assessment["reportUrl"], read, format="pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    wrong = await _get(http, assessment["reportUrl"], read, format="docx")
    assert wrong.status_code == 400 and "pdf" in wrong.json()["errors"][0]["message"]


async def test_another_agency_no_key_and_wrong_ids_get_nothing(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, _ = _keys(tenant_app, "Noord")
    zuid, _ = _keys(tenant_app, "Zuid")
    assessment = await _assessed(http, noord, "Bakkerij Noord")
    theirs = await _get(http, assessment["reportUrl"], zuid)
    assert _not_found(theirs) and "Bakkerij Noord" not in theirs.text
    for fmt in ("pdf", "csv", "xlsx"):
        assert _not_found(await _get(http, assessment["reportUrl"], zuid, format=fmt))
    missing = await _get(http, f"/reports/{to_global_id('Assessment', '0' * 36)}", zuid)
    assert missing.json() == theirs.json()  # the answer never tells which
    for path in ("/reports/not-an-id", f"/reports/{to_global_id('Organization', 'x')}"):
        assert _not_found(await _get(http, path, noord))
    anonymous = await _get(http, assessment["reportUrl"])
    assert anonymous.status_code == 401


async def test_a_share_link_opens_its_one_report_until_revoked(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, noord_read = _keys(tenant_app, "Noord")
    zuid, _ = _keys(tenant_app, "Zuid")
    first = await _assessed(http, noord, "Bakkerij Noord")
    other = await _assessed(http, zuid, "Bakkerij Zuid")
    made = (await _gql(http, noord, LINK, id=first["id"], days=7))["createReportLink"]
    assert made["userErrors"] == [] and made["link"]["active"]
    url = made["url"]
    assert url.startswith("/reports/shared/sr_")
    page = await _get(http, url, lang="fr")
    assert page.status_code == 200
    assert "Bakkerij Noord" in page.text and "Bakkerij Zuid" not in page.text
    assert '<html lang="fr">' in page.text
    assert (await _get(http, url, format="csv")).status_code == 200
    listed = await _gql(http, noord_read, LINKS, id=first["id"])
    assert listed["node"]["reportLinks"] == [{"id": made["link"]["id"], "active": True}]
    # the link's token opens its one report only: as a key it opens nothing else
    token = url.rsplit("/", 1)[1]
    for path in (f"/reports/{other['id']}", first["reportUrl"]):
        assert (await _get(http, path, token)).status_code == 401
    assert (await _get(http, f"{url}/../{other['id']}")).status_code in (401, 404)
    tampered = url[:-2] + ("AA" if not url.endswith("AA") else "BB")
    assert _not_found(await _get(http, tampered))
    # Zuid cannot revoke Noord's link, nor make one for Noord's assessment
    refused = (await _gql(http, zuid, REVOKE, id=made["link"]["id"]))["revokeReportLink"]
    assert refused["link"] is None and refused["userErrors"][0]["code"] == "NOT_FOUND"
    foreign = (await _gql(http, zuid, LINK, id=first["id"], days=7))["createReportLink"]
    assert foreign["url"] is None and foreign["userErrors"][0]["field"] == ["assessmentId"]
    assert (await _get(http, url)).status_code == 200
    revoked = (await _gql(http, noord, REVOKE, id=made["link"]["id"]))["revokeReportLink"]
    assert revoked["link"]["active"] is False and revoked["link"]["revokedAt"]
    gone = await _get(http, url)
    assert _not_found(gone) and "Bakkerij Noord" not in gone.text


async def test_an_expired_link_opens_nothing_and_the_token_is_not_stored(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, _ = _keys(tenant_app, "Noord")
    assessment = await _assessed(http, noord, "Bakkerij Noord")
    made = (await _gql(http, noord, LINK, id=assessment["id"], days=1))["createReportLink"]
    token = made["url"].rsplit("/", 1)[1]
    with tenant_app.state.engine.begin() as conn:
        stored = " ".join(
            str(v) for row in conn.execute(text("SELECT * FROM report_links")) for v in row
        )
        assert token not in stored and token[3:] not in stored
        conn.execute(update(report_links).values(expires_at=text("created_at")))
    assert _not_found(await _get(http, made["url"]))
    for days in (0, 366):
        refused = await _gql(http, noord, LINK, id=assessment["id"], days=days)
        assert refused["createReportLink"]["userErrors"][0]["field"] == ["expiresInDays"]


async def test_a_read_key_cannot_make_or_revoke_links_or_brand(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, read = _keys(tenant_app, "Noord")
    assessment = await _assessed(http, noord, "Bakkerij Noord")
    for query, variables in (
        (LINK, {"id": assessment["id"], "days": 7}),
        (BRAND, {"input": {"name": "x"}}),
    ):
        response = await http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {read}"},
        )
        assert response.status_code == 403


HOSTILE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4" onload="alert(1)">'
    b'<script>alert(2)</script><rect width="4" height="4" fill="#0a5"/></svg>'
)


async def test_branding_shows_on_the_agency_s_reports_only(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, _ = _keys(tenant_app, "Noord")
    zuid, _ = _keys(tenant_app, "Zuid")
    mine = await _assessed(http, noord, "Bakkerij Noord")
    theirs = await _assessed(http, zuid, "Bakkerij Zuid")
    logo = base64.b64encode(HOSTILE_SVG).decode()
    branded = await _gql(
        http,
        noord,
        BRAND,
        input={
            "name": "Bureau Noord",
            "color": "#0a5",
            "contact": "hallo@noord.be",
            "logoBase64": logo,
        },
    )
    branding = branded["updateAgencyBranding"]["branding"]
    assert branding["color"] == "#00aa55" and branding["name"] == "Bureau Noord"
    svg = base64.b64decode(branding["logo"].split(",", 1)[1])
    assert b"<rect" in svg and b"script" not in svg and b"onload" not in svg
    page = (await _get(http, mine["reportUrl"], noord)).text
    assert "Bureau Noord" in page and "--brand: #00aa55" in page and "hallo@noord.be" in page
    other = (await _get(http, theirs["reportUrl"], zuid)).text
    assert "Bureau Noord" not in other and "hallo@noord.be" not in other
    bad = await _gql(http, noord, BRAND, input={"color": "green", "logoBase64": "bm90IGFuIGltYWdl"})
    errors = {tuple(e["field"]): e["message"] for e in bad["updateAgencyBranding"]["userErrors"]}
    assert set(errors) == {("input", "color"), ("input", "logo")}
    assert "neither a PNG nor an SVG" in errors[("input", "logo")]
    kept = await _gql(http, noord, "{ agencyBranding { color name } }")
    assert kept["agencyBranding"] == {"color": "#00aa55", "name": "Bureau Noord"}  # unchanged


async def test_every_report_statement_is_scoped_by_the_agency(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    """As tests/api/test_tenants checks for the other tables; the only statement without the
    agency is the share link's lookup by its hash, which is how the agency is found."""
    noord, _ = _keys(tenant_app, "Noord")
    assessment = await _assessed(http, noord, "Bakkerij Noord")
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(tenant_app.state.engine, "before_cursor_execute", record)
    try:
        await _gql(http, noord, BRAND, input={"name": "Bureau Noord"})
        made = (await _gql(http, noord, LINK, id=assessment["id"], days=3))["createReportLink"]
        await _gql(http, noord, LINKS, id=assessment["id"])
        await _get(http, made["url"])
        await _get(http, assessment["reportUrl"], noord)
        await _gql(http, noord, REVOKE, id=made["link"]["id"])
    finally:
        event.remove(tenant_app.state.engine, "before_cursor_execute", record)
    touching = [s for s in statements if re.search(r"\b(agency_brands|report_links)\b", s)]
    assert len(touching) >= 8
    unscoped = [s for s in touching if "agency_id" not in s.split("WHERE", 1)[-1]]
    assert len(unscoped) == 1 and "WHERE report_links.id = " in unscoped[0]


@contextmanager
def _link_reads(app: Starlette) -> Iterator[list[str]]:
    """The statements on report_links while the block runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "report_links" in statement:
            seen.append(statement)

    event.listen(app.state.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(app.state.engine, "before_cursor_execute", record)


def _signed(signer: LinkSigner, link_id: str, assessment_id: str, expires: datetime) -> str:
    record = ReportLinkRecord(link_id, "", assessment_id, expires, expires, None)
    return signer.sign(record)


def _payload_changed(token: str, change: Callable[[list[Any]], list[Any]]) -> str:
    """The token with its payload rewritten and its signature kept."""
    payload, signature = token.removeprefix("sr_").rsplit(".", 1)
    # itsdangerous marks a zlib-compressed payload with a leading dot
    raw = base64_decode(payload.lstrip("."))
    changed = change(json.loads(zlib.decompress(raw) if payload.startswith(".") else raw))
    rewritten = base64_encode(json.dumps(changed, separators=(",", ":"))).decode()
    return f"sr_{rewritten}.{signature}"


async def test_only_a_token_signed_for_its_live_link_opens_and_no_other_is_told_apart(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, _ = _keys(tenant_app, "Noord")
    first = await _assessed(http, noord, "Bakkerij Noord")
    second = await _assessed(http, noord, "Bakkerij Noord Twee")
    made = (await _gql(http, noord, LINK, id=first["id"], days=7))["createReportLink"]
    url, link_id = made["url"], local_id(made["link"]["id"], "ReportLink")
    token = url.rsplit("/", 1)[1]
    first_id, second_id = local_id(first["id"], "Assessment"), local_id(second["id"], "Assessment")
    assert link_id and first_id and second_id
    page = await _get(http, url)
    assert page.status_code == 200 and "Bakkerij Noord" in page.text
    assert "Bakkerij Noord Twee" not in page.text
    unknown = await _get(http, "/reports/shared/sr_nothing.here")
    assert _not_found(unknown)
    week = datetime.now(UTC) + timedelta(days=7)

    forged = {
        "payload changed, signature kept": _payload_changed(
            token, lambda p: [p[0], second_id, p[2]]
        ),
        "expiry extended, signature kept": _payload_changed(
            token, lambda p: [p[0], p[1], p[2] + 86_400 * 365]
        ),
        "signed with another secret": _signed(LinkSigner("x" * 40), link_id, first_id, week),
        "signature cut off": token.rsplit(".", 1)[0],
    }
    for case, wrong in forged.items():
        with _link_reads(tenant_app) as reads:
            answer = await _get(http, f"/reports/shared/{wrong}")
        assert answer.json() == unknown.json() and answer.status_code == 404, case
        assert reads == [], f"{case}: refused before any lookup of the link"

    ours = LinkSigner(SECRET)  # what only the service could sign: the stored link decides
    signed = {
        "another assessment in the payload": _signed(ours, link_id, second_id, week),
        "expired in the payload": _signed(
            ours, link_id, first_id, datetime.now(UTC) - timedelta(minutes=1)
        ),
        "no such link": _signed(ours, "0" * 36, first_id, week),
    }
    for case, wrong in signed.items():
        answer = await _get(http, f"/reports/shared/{wrong}")
        assert answer.json() == unknown.json() and answer.status_code == 404, case
        assert "Bakkerij Noord" not in answer.text
    assert (await _get(http, url)).status_code == 200  # the real link still opens

    with tenant_app.state.engine.begin() as conn:  # expired in the database, not in the token
        conn.execute(update(report_links).values(expires_at=text("created_at")))
    assert (await _get(http, url)).json() == unknown.json()
    with tenant_app.state.engine.begin() as conn:
        conn.execute(update(report_links).values(expires_at=week))
    assert (await _get(http, url)).status_code == 200
    await _gql(http, noord, REVOKE, id=made["link"]["id"])
    assert (await _get(http, url)).json() == unknown.json()


async def test_without_a_configured_secret_one_is_stored_and_every_worker_uses_it(
    database_url: str, registry: Registry
) -> None:
    apps = [make_app(database_url, registry, development=False) for _ in range(2)]
    try:
        noord, _ = _keys(apps[0], "Noord")
        clients = [
            httpx.AsyncClient(transport=httpx.ASGITransport(app=a), base_url="http://testserver")
            for a in apps
        ]
        assessment = await _assessed(clients[0], noord, "Bakkerij Noord")
        made = await _gql(clients[0], noord, LINK, id=assessment["id"], days=7)
        url = made["createReportLink"]["url"]
        assert (await _get(clients[1], url)).status_code == 200  # the other worker agrees
        with apps[0].state.engine.connect() as conn:
            (stored,) = conn.execute(select(service_secrets.c.value)).scalars().all()
        assert len(stored) >= 40 and stored not in url
        # a deployment that now sets its own secret: the old links stop opening
        rotated = make_app(database_url, registry, development=False, secret_key=SECRET)
        apps.append(rotated)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=rotated), base_url="http://testserver"
        )
        clients.append(client)
        assert _not_found(await _get(client, url))
        listed = await _gql(client, noord, LINKS, id=assessment["id"])
        assert [link["active"] for link in listed["node"]["reportLinks"]] == [False]
        listed = await _gql(clients[0], noord, LINKS, id=assessment["id"])
        assert [link["active"] for link in listed["node"]["reportLinks"]] == [True]
        for each in clients:
            await each.aclose()
    finally:
        for app in apps:
            app.state.engine.dispose()


def test_a_short_secret_is_refused_naming_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALAUDIT_SECRET_KEY", "too-short")
    with pytest.raises(pydantic.ValidationError, match="secret_key"):
        Settings()


async def test_a_later_assessment_is_compared_with_the_previous_one(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, _ = _keys(tenant_app, "Noord")
    first = await _assessed(http, noord, "Bakkerij Noord")
    organisation = (await _gql(http, noord, "{ organizations { edges { node { id } } } }"))[
        "organizations"
    ]["edges"][0]["node"]["id"]
    second = (await _gql(http, noord, ASSESS, id=organisation))["runAssessment"]["assessment"]
    earlier = (await _get(http, first["reportUrl"], noord, lang="en")).text
    later = (await _get(http, second["reportUrl"], noord, lang="en")).text
    assert "There is no earlier assessment" in earlier and 'id="chart-trend"' not in earlier
    # dates as European English writes them, the same as the terminal and the CLI's page
    month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
    assert not re.search(rf"\b{month} \d{{1,2}}, \d{{4}}\b", earlier)  # "Nov 28, 2025"
    assert re.search(rf"\b\d{{1,2}} {month} \d{{4}}\b", earlier)  # "28 Nov 2025"
    assert "There is no earlier assessment" not in later
    assert 'id="chart-trend"' in later  # the overall score over the two assessments
    section = later[later.index('<section id="s8">') : later.index('<section id="s9">')]
    assert "0 new findings" in section and "0 resolved" in section  # the same data twice

"""The report page in Chromium: no console errors, no request but the page itself, every chart
drawn, nothing wider than the screen at 1280 and 390 px, and the page in nl, en and fr; the
same page served by the service behind a share link, under its Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.conftest import Watched
from tests.report.helpers import render

HEADINGS = {"en": "1. Summary", "nl": "1. Samenvatting", "fr": "1. Synthèse"}
CHART_MARKS = """Array.from(document.querySelectorAll('figure.chart')).map(figure => [
    figure.id,
    figure.querySelectorAll('.series path, .series rect, .series circle, .series .dot').length,
    figure.querySelector('svg').getBoundingClientRect().width,
])"""
OVERFLOW = """[document.documentElement.scrollWidth, document.documentElement.clientWidth,
    Array.from(document.querySelectorAll('body *'))
      .filter(e => !e.closest('.table-wrap') && !e.closest('svg'))
      .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map(e => e.tagName + '.' + e.className).slice(0, 5)]"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("browser-pages")
    return {lang: render(tmp, "agency-retail-chain", "html", lang) for lang in HEADINGS}


def _open(watched: Watched, url: str, width: int) -> Any:
    watched.page.set_viewport_size({"width": width, "height": 900})
    watched.page.goto(url, wait_until="load")
    return watched.page


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_draws_everything_offline_and_fits(
    watched: Watched, pages: dict[str, Path], lang: str, width: int
) -> None:
    url = pages[lang].as_uri()
    page = _open(watched, url, width)
    assert watched.errors == []
    assert watched.requests == [url]  # nothing else: no font, style, script or image
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("#s1 h2").inner_text() == HEADINGS[lang]
    charts = page.evaluate(CHART_MARKS)
    assert {c[0] for c in charts} >= {
        "chart-dimensions",
        "chart-mix",
        "chart-cadence",
        "chart-responses",
    }
    for name, marks, drawn_width in charts:
        assert marks > 0, f"{name} has no drawn marks"
        assert drawn_width > 200, f"{name} is {drawn_width}px wide"
    scroll_width, client_width, sticking_out = page.evaluate(OVERFLOW)
    assert scroll_width <= client_width and sticking_out == []


def test_the_screenshots_look_like_a_report(
    watched: Watched, pages: dict[str, Path], tmp_path: Path
) -> None:
    """Not an image comparison: the screenshot is taken (for a person to look at, see
    docs/report.md) and the page's first screen shows the score and the stage."""
    page = _open(watched, pages["en"].as_uri(), 1280)
    shot = tmp_path / "summary.png"
    page.locator("#s1").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert page.locator(".headline .big").inner_text().isdigit()


def test_the_shared_report_opens_under_its_policy_without_errors(
    watched: Watched, served: str
) -> None:
    from tests.api.conftest import BAKERY, CREATE, IMPORT, example_file

    def gql(query: str, **variables: Any) -> dict[str, Any]:
        response = httpx.post(
            f"{served}/graphql", json={"query": query, "variables": variables}, timeout=120
        )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]  # type: ignore[no-any-return]

    organisation = gql(CREATE, input=BAKERY)["createOrganization"]["organization"]
    for channel in organisation["channels"]:
        gql(
            IMPORT,
            input={
                "channelId": channel["id"],
                "content": example_file(channel["platform"], "posts.csv"),
                "filename": "posts.csv",
            },
        )
    assessment = gql(
        "mutation($id: ID!) { runAssessment(organizationId: $id) { assessment { id } } }",
        id=organisation["id"],
    )["runAssessment"]["assessment"]
    link = gql(
        "mutation($id: ID!) { createReportLink(assessmentId: $id) { url } }", id=assessment["id"]
    )["createReportLink"]["url"]
    page = _open(watched, f"{served}{link}?lang=nl", 390)
    assert watched.errors == []  # a CSP violation would be a console error
    assert all(url.startswith(served) for url in watched.requests), watched.requests
    assert page.locator("#s1 h2").inner_text() == HEADINGS["nl"]
    assert all(marks > 0 for _, marks, _ in page.evaluate(CHART_MARKS))

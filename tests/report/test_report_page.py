"""`socialaudit assess --format html`: the nine sections, in the reader's language, with the
charts inline, unknowns said as unknown, and nothing the page would fetch or run."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from tests.report.helpers import copy_example, render, run_cli, visible_text


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("pages")
    return {
        lang: render(tmp, "agency-retail-chain", "html", lang).read_text("utf-8")
        for lang in ("en", "nl", "fr")
    }


def test_the_page_has_the_nine_sections_in_order(pages: dict[str, str]) -> None:
    ids = re.findall(r'<section id="(s\d)">', pages["en"])
    assert ids == [f"s{n}" for n in range(1, 10)]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Summary", "Channel inventory", "Findings and action plan", "Owner", "Due date"]),
        ("nl", ["Samenvatting", "Overzicht van de kanalen", "Bevindingen en actieplan", "Tegen"]),
        ("fr", ["Synthèse", "Inventaire des canaux", "Constats et plan d'action", "Échéance"]),
    ],
)
def test_the_page_reads_in_the_language_asked(
    pages: dict[str, str], lang: str, words: list[str]
) -> None:
    page = pages[lang]
    assert f'<html lang="{lang}">' in page
    text = visible_text(page)
    for word in words:
        assert word in text
    others = {"en": "Summary", "nl": "Samenvatting", "fr": "Synthèse"}
    for other, word in others.items():
        if other != lang:
            assert word not in text


def test_numbers_are_written_as_the_reader_writes_them(pages: dict[str, str]) -> None:
    # the organisation's 53 700 followers (sum of its channels in organisation.toml)
    assert "53,700" in visible_text(pages["en"])
    assert "53.700" in visible_text(pages["nl"])
    assert re.search("53[\u202f\xa0]700", pages["fr"])  # CLDR: a narrow no-break space


MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"


def test_english_dates_put_the_day_first(pages: dict[str, str]) -> None:
    text = visible_text(pages["en"])
    assert re.search(rf"\b\d{{1,2}} {MONTH} \d{{4}}\b", text)  # "28 Nov 2025"
    assert not re.search(rf"\b{MONTH} \d{{1,2}}, \d{{4}}\b", text)  # not "Nov 28, 2025"


def test_charts_are_inline_svg_with_a_text_equivalent_and_no_script(pages: dict[str, str]) -> None:
    page = pages["en"]
    figures = re.findall(r'<figure class="chart" id="chart-(\w+)">(.*?)</figure>', page, re.S)
    assert {name for name, _ in figures} >= {"dimensions", "mix", "cadence", "responses"}
    for name, body in figures:
        assert "<svg" in body and 'role="img"' in body, name
        assert "<table" in body, f"{name} has no text equivalent"
    assert "<script" not in page
    assert not re.search(r'(?:src|href)="(?!data:|#|https?://[^"]*" rel="noopener)', page)
    assert "default-src 'none'" in page  # the browser is told to load nothing


def test_a_dormant_channel_is_to_close_one_with_findings_to_fix(pages: dict[str, str]) -> None:
    page = pages["en"]
    # channels by the names the texts use; the two Instagram accounts by their handles
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th>.*?verdict-(\w+)', page, re.S))
    assert rows["Instagram @verbruggen.outlet"] == "close"
    assert rows["Instagram @maisonverbruggen"] == "fix"


def test_unknown_figures_are_listed_as_unknown_never_as_zero(tmp_path: Path) -> None:
    page = render(tmp_path, "bakkerij-van-acker", "html", "nl").read_text("utf-8")
    data = json.loads(render(tmp_path, "bakkerij-van-acker", "json", "nl").read_text("utf-8"))
    names = data["channelNames"]
    unknown = [
        (k["name"], names[k["channel"]] if k["channel"] else "Organisatie")
        for k in data["kpis"]
        if k["value"] is None
    ]
    assert unknown, "the example must have a figure its data cannot tell"
    text = visible_text(page)
    method = text[text.index("9. Werkwijze") :]
    assert "Cijfers die de gegevens niet kunnen geven" in method
    for name, channel in unknown:
        assert f"{name} {channel} de gegevens bevatten niet wat ervoor nodig is" in method
    assert "Er is geen eerdere audit" in text  # the CLI has no previous assessment


def test_an_unknown_value_in_a_table_reads_unknown() -> None:
    from socialaudit.engine.formatting import Formatter

    fmt = Formatter("fr", unknown="inconnu")
    assert fmt.value(None, "ratio") == "inconnu"
    assert fmt.value(0.0, "ratio") == "0,0\u202f%"
    assert fmt.number(None) == fmt.date(None) == fmt.signed(None, "hours") == "inconnu"
    assert Formatter("nl").value(None, "ratio") == "—"  # the terminal's figures keep the dash


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("terminal")
    return {
        lang: render(tmp, "agency-retail-chain", "report", lang).read_text("utf-8")
        for lang in ("en", "nl", "fr")
    }


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_the_page_and_the_terminal_use_the_same_words(
    pages: dict[str, str], terminal: dict[str, str], lang: str
) -> None:
    """One vocabulary for every output: severities, dimensions and objectives are written by
    the engine's formatter on the page as in the terminal (they had drifted: "gemiddeld" on
    the page, "MATIG" in the terminal)."""
    from socialaudit.engine.formatting import DIMENSION_NAMES, OBJECTIVES, SEVERITIES, word

    page, text = pages[lang], terminal[lang]
    badges = set(re.findall(r'<span class="sev sev-(\w+)">([^<]+)</span>', page))
    assert len({key for key, _ in badges}) >= 2, "the example has findings of several severities"
    for key, shown in badges:
        assert shown == word(SEVERITIES, key, lang)
        assert f" {shown} " in text  # the terminal's label of the same severity
    for name in DIMENSION_NAMES[lang].values():
        assert name in text and f'<tr><th scope="row">{name}</th>' in page
    goals = re.findall(r'<tr><th scope="row" rowspan="\d+">([^<]+)</th>', page)
    wanted = [word(OBJECTIVES, key, lang) for key in ("sales", "customer_service", "awareness")]
    assert goals == wanted


def test_a_benchmark_reads_in_the_kpi_s_terms_so_the_difference_adds_up(
    pages: dict[str, str],
) -> None:
    """A failure rate (85% of posts to brands got no answer) is compared by its complement:
    the column shows the 15% the reply rate is measured against, the study's figure beside it,
    and value minus benchmark is the difference shown (it once showed 85% beside +14.2%)."""
    rows = re.findall(
        r'<td class="num">([\d.]+)%</td><td class="num">([\d.]+)%(<br><small>[^<]*</small>)?'
        r'</td><td class="num">([+−±])([\d.]+)%</td>',
        pages["en"],
    )
    assert rows, "the example has KPIs in percent with a benchmark"
    assert any(study for _, _, study, _, _ in rows), "and one benchmark is a failure rate"
    for value, benchmark, study, sign, difference in rows:
        signed = float(difference) * (-1 if sign == "−" else 1)
        assert abs(float(value) - float(benchmark) - signed) < 0.11, (value, benchmark, study)
        if study:  # the study's own figure, as it states it
            assert f"{100 - float(benchmark):.1f}%" in study


def test_texts_from_the_data_are_escaped(tmp_path: Path) -> None:
    folder = copy_example(tmp_path, "bakkerij-van-acker")
    profile = folder / "organisation.toml"
    profile.write_text(
        profile.read_text("utf-8").replace(
            'name = "Bakkerij Van Acker"', 'name = "<script>alert(1)</script> & Zn"'
        ),
        "utf-8",
    )
    out = tmp_path / "r.html"
    code, output = run_cli("assess", str(folder), "--format", "html", "-o", str(out))
    assert code == 0, output
    page = out.read_text("utf-8")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Zn" in page


HOSTILE_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(2)</script>
  <foreignObject><iframe src="https://example.org/"/></foreignObject>
  <image xlink:href="https://example.org/track.png"/>
  <rect width="10" height="10" fill="#0a5" style="fill:url(https://example.org/x)"/>
  <circle cx="5" cy="5" r="3" fill="url(https://example.org/p)"/>
</svg>"""


def test_brand_toml_puts_name_colour_contact_and_a_cleaned_logo(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_bytes(HOSTILE_SVG)
    brand = tmp_path / "brand.toml"
    brand.write_text(
        'name = "Agence Lumière"\ncolor = "#0a5"\n'
        'contact = "hello@lumiere.example · 02 123 45 67"\nlogo = "logo.svg"\n',
        "utf-8",
    )
    page = render(tmp_path, "bakkerij-van-acker", "html", "fr", "--brand", str(brand)).read_text()
    assert "--brand: #00aa55" in page
    assert "Préparé par Agence Lumière" in visible_text(page)
    assert "hello@lumiere.example" in page
    logo = re.search(r'class="logo" src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert logo is not None
    svg = base64.b64decode(logo.group(1)).decode()
    assert "<rect" in svg and "<circle" in svg  # the drawing stays
    for gone in ("script", "onload", "foreignObject", "iframe", "example.org", "<image"):
        assert gone not in svg


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('color = "green"\n', "'#0a5' or '#00aa55'"),
        ('logo = "missing.png"\n', "cannot be read"),
        ('colour = "#000"\n', "unknown keys colour"),
    ],
)
def test_a_bad_brand_file_is_refused_naming_what_is_wrong(
    tmp_path: Path, content: str, expected: str
) -> None:
    brand = tmp_path / "brand.toml"
    brand.write_text(content, "utf-8")
    out = tmp_path / "r.html"
    code, output = run_cli(
        "assess", "examples/bakkerij-van-acker", "--format", "html", "--brand", str(brand),
        "-o", str(out),
    )  # fmt: skip
    assert code == 2
    assert "--brand" in output and expected in output
    assert not out.exists()


def test_a_pdf_or_xlsx_is_not_written_to_a_terminal() -> None:
    from socialaudit.api.report.output import write

    class Tty:
        def isatty(self) -> bool:
            return True

    import sys

    real = sys.stdout
    sys.stdout = Tty()  # type: ignore[assignment]
    try:
        with pytest.raises(ValueError, match="--output"):
            write(b"%PDF", "pdf", None)
    finally:
        sys.stdout = real

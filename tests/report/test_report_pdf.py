"""`socialaudit assess --format pdf`: A4 pages numbered "n / N", the agency's branding on every
page, the sections in the reader's language, and no chart cut from its figures. Read back with
poppler's `pdfinfo` and `pdftotext` (.ci/run installs poppler-utils and WeasyPrint's Pango)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.report.helpers import render, run_cli

pytest.importorskip("weasyprint", reason="the PDF needs WeasyPrint: pip install '.[pdf]'")
if shutil.which("pdftotext") is None:
    pytest.skip("poppler-utils (pdftotext) is not installed", allow_module_level=True)


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pdf")
    brand = tmp / "brand.toml"
    brand.write_text('name = "Bureau Noord"\ncolor = "#e69f00"\ncontact = "info@noord.example"\n')
    return render(tmp, "agency-retail-chain", "pdf", "nl", "--brand", str(brand))


def test_the_pdf_is_a4_with_numbered_pages(branded: Path) -> None:
    info = subprocess.run(["pdfinfo", str(branded)], check=True, capture_output=True, text=True)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info.stdout)
    pages = _pages(branded)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert len(pages) == count >= 9  # every section starts a page
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {count}" in page


def test_branding_is_on_every_page_and_the_sections_read_dutch(branded: Path) -> None:
    pages = _pages(branded)
    for page in pages:
        assert "Bureau Noord" in page and "info@noord.example" in page
    text = "\n".join(pages)
    for heading in ("1. Samenvatting", "4. Inhoud van de berichten", "7. Bevindingen en actieplan"):
        assert heading in text
    assert "Verantwoordelijke" in text and "Tegen" in text  # the empty owner and due columns


def test_a_chart_stays_on_the_page_of_its_figures(branded: Path) -> None:
    """Caption, drawing and text equivalent are one unbreakable figure."""
    pages = _pages(branded)
    (page,) = [p for p in pages if "Tijd tot het eerste antwoord" in p]
    squeezed = "".join(page.split())  # the layout mode may drop a space inside a label
    for bucket in ("<1u", "1–4u", "4–24u", "1–3dagen", ">3dagen"):
        assert squeezed.count(bucket) == 2  # under the bars and in the table


EMOJI_FONT = "Noto Color Emoji"  # Debian's fonts-noto-color-emoji, installed by .ci/run
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


def _fonts(pdf: Path) -> list[str]:
    listed = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    return [line.split()[0].split("+", 1)[-1] for line in listed.stdout.splitlines()[2:]]


def test_emoji_in_posts_are_drawn_by_the_emoji_font_and_digits_are_not(branded: Path) -> None:
    """A post's emoji would be a box (tofu) in a font without them; the emoji font must draw
    them, and only them: digits taken from it come out spaced as keycaps (see report.css)."""
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if EMOJI_FONT not in installed:
        message = f"no {EMOJI_FONT} font: apt-get install -y fonts-noto-color-emoji"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    text = "\n".join(_pages(branded))
    assert EMOJI.search(text), "the report quotes posts with emoji"
    fonts = _fonts(branded)
    assert "Noto-Color-Emoji" in fonts, fonts
    assert "DejaVu-Sans" in fonts
    assert re.search(r"\b\d{1,2} / \d{2}\b", text)  # "5 / 22", not "5 / 2 2" in keycaps


def test_without_weasyprint_the_pdf_fails_naming_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pango(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("weasyprint"):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    out = tmp_path / "r.pdf"
    code, output = run_cli(
        "assess", "examples/bakkerij-van-acker", "--format", "pdf", "-o", str(out)
    )
    assert code == 1
    assert "libpango-1.0-0" in output and "socialaudit[pdf]" in output and "--format html" in output
    assert not out.exists()

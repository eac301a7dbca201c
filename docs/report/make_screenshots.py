"""Screenshots of each section of the example report for docs/report.md, taken in the same
Chromium the browser tests use; written as 8-bit PNGs, cropped, to keep the repository small.

    python docs/report/make_screenshots.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).parents[2]
HERE = Path(__file__).parent
WIDTH = 960
MAX_HEIGHT = 1100
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        brand = Path(tmp) / "brand.toml"
        logo = Path(tmp) / "logo.svg"
        logo.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
            '<rect width="120" height="40" rx="6" fill="#0072b2"/>'
            '<text x="60" y="27" font-size="20" font-family="DejaVu Sans, sans-serif" '
            'font-weight="bold" fill="#fff" text-anchor="middle">NOORD</text>'
            "</svg>"
        )
        brand.write_text(
            'name = "Bureau Noord"\ncolor = "#0072b2"\n'
            'contact = "hallo@bureaunoord.example · 09 123 45 67"\nlogo = "logo.svg"\n'
        )
        page_file = Path(tmp) / "report.html"
        subprocess.run(
            [str(Path(sys.executable).with_name("socialaudit")), "assess",
             str(ROOT / "examples" / "agency-retail-chain"), "--format", "html", "--lang", "en",
             "--brand", str(brand), "-o", str(page_file)],
            check=True,
        )  # fmt: skip
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=FLAGS
            )
            page = browser.new_page(viewport={"width": WIDTH, "height": 900})
            page.goto(page_file.as_uri())
            shots = {"header": page.locator(".brand-bar").screenshot()}
            for n in range(1, 10):
                shots[f"s{n}"] = page.locator(f"#s{n}").screenshot()
            browser.close()
    for name, png in shots.items():
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image = image.crop((0, 0, image.width, min(image.height, MAX_HEIGHT)))
        image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
        image.save(HERE / f"{name}.png", optimize=True)
        print(name, (HERE / f"{name}.png").stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()

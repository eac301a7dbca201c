"""Rendering the example organisations' reports once per test session, and reading a page's
text the way a reader sees it."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from socialaudit.api.cli import cli

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def render(tmp: Path, example: str, fmt: str = "html", lang: str = "en", *extra: str) -> Path:
    out = tmp / f"{example}-{lang}.{fmt}"
    code, output = run_cli(
        "assess", str(EXAMPLES / example), "--format", fmt, "--lang", lang, "-o", str(out), *extra
    )
    assert code == 0, output
    return out


def copy_example(tmp: Path, example: str) -> Path:
    target = tmp / example
    shutil.copytree(EXAMPLES / example, target, ignore=shutil.ignore_patterns("README.md"))
    return target


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("style", "svg", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "svg", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())

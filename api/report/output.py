"""`socialaudit assess --format html|pdf|csv|xlsx`: the report written by the CLI, embedded,
with no server."""

from __future__ import annotations

import sys
from pathlib import Path

from socialaudit.api.report import exports
from socialaudit.api.report.facts import ReportInput
from socialaudit.api.report.pdf import html_to_pdf
from socialaudit.api.report.render import render_html
from socialaudit.service.branding import Brand

FORMATS = ("html", "pdf", "csv", "xlsx")
BINARY = frozenset({"pdf", "xlsx"})


def render(
    inp: ReportInput,
    output_format: str,
    language: str,
    brand: Brand | None,
    downloads: dict[str, str] | None = None,
) -> bytes:
    if output_format == "csv":
        return exports.to_csv(inp.assessment).encode("utf-8-sig")  # BOM: Excel reads UTF-8
    if output_format == "xlsx":
        return exports.to_xlsx(inp.assessment)
    html = render_html(inp, language, brand, downloads)
    return html_to_pdf(html) if output_format == "pdf" else html.encode("utf-8")


def write(content: bytes, output_format: str, output: Path | None) -> None:
    """To `output`, or to standard output for the text formats."""
    if output is not None:
        output.write_bytes(content)
    elif output_format in BINARY and sys.stdout.isatty():
        raise ValueError(f"a {output_format.upper()} is binary: give --output FILE")
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()

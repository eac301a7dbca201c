"""The KPIs, findings and the action plan as CSV and XLSX, for an agency that works on in a
spreadsheet. Every text cell goes through `neutralise`: texts come from the client's data
(channel keys, handles, post texts quoted in messages) and must not run as formulas."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from socialaudit.api.report.neutralise import neutralise
from socialaudit.engine.model.assessment import Assessment

KPI_HEAD = ["kpi", "name", "channel", "value", "unit", "benchmark", "benchmark_source", "note"]
FINDING_HEAD = ["code", "name", "title", "severity", "dimension", "channel", "message", "source"]
PLAN_HEAD = ["priority", "code", "title", "action", "channels", "impact", "source", "owner", "due"]


def kpi_rows(a: Assessment) -> list[list[Any]]:
    return [
        [
            k.id,
            k.name,
            k.channel or "",
            k.value,  # None stays empty: unknown, not 0
            k.unit,
            k.benchmark.value if k.benchmark else None,
            k.benchmark.source if k.benchmark else "",
            (k.detail or {}).get("reason", "") if k.value is None else "",
        ]
        for k in a.kpis
    ]


def finding_rows(a: Assessment) -> list[list[Any]]:
    return [
        [
            f.code,
            f.name,
            f.title,
            f.severity.value,
            f.category.value,
            f.channel or "",
            f.message,
            f.source,
        ]
        for f in a.findings
    ]


def plan_rows(a: Assessment) -> list[list[Any]]:
    return [
        [r.priority, r.code, r.title, r.action, ", ".join(r.channels), r.impact, r.source, "", ""]
        for r in a.recommendations
    ]


def to_csv(a: Assessment) -> str:
    """One file: the KPIs, then the findings, each under its own header line, separated by an
    empty line (a spreadsheet opens it as one sheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for head, rows in ((KPI_HEAD, kpi_rows(a)), (FINDING_HEAD, finding_rows(a))):
        writer.writerow(head)
        writer.writerows([neutralise(cell) for cell in row] for row in rows)
        writer.writerow([])
    return out.getvalue()


def to_xlsx(a: Assessment) -> bytes:
    """Three sheets: KPIs, Findings, Action plan (with empty owner and due columns)."""
    book = Workbook()
    book.remove(book.active)
    for title, head, rows in (
        ("KPIs", KPI_HEAD, kpi_rows(a)),
        ("Findings", FINDING_HEAD, finding_rows(a)),
        ("Action plan", PLAN_HEAD, plan_rows(a)),
    ):
        sheet = book.create_sheet(title)
        sheet.append(head)
        for row in rows:
            sheet.append([neutralise(cell) for cell in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever openpyxl guessed
        for index, name in enumerate(head, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(10, len(name) + 4)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

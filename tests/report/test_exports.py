"""KPIs and findings as CSV and XLSX: every figure, unknown left empty, and no text cell that a
spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from socialaudit.api.report import exports
from socialaudit.api.report.neutralise import neutralise
from socialaudit.engine.model.assessment import Assessment
from tests.report.helpers import render


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Sales", "a=b", "", " =x", -0.5, 3, None])
def test_other_cells_are_left_as_they_are(value: object) -> None:
    assert neutralise(value) == value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Assessment:
    """The example's assessment with texts from the data that start like formulas."""
    tmp = tmp_path_factory.mktemp("exports")
    data = json.loads(render(tmp, "bakkerij-van-acker", "json").read_text("utf-8"))
    assessment = Assessment.model_validate(data)
    finding = assessment.findings[0].model_copy(update={"message": "=cmd|' /C calc'!A0"})
    kpi = assessment.kpis[0].model_copy(update={"channel": "@evil", "value": -3.0})
    return assessment.model_copy(
        update={
            "findings": [finding, *assessment.findings[1:]],
            "kpis": [kpi, *assessment.kpis[1:]],
        }
    )


def test_csv_holds_kpis_then_findings_neutralised(hostile: Assessment) -> None:
    rows = list(csv.reader(io.StringIO(exports.to_csv(hostile))))
    assert rows[0] == exports.KPI_HEAD
    assert rows[1][2] == "'@evil" and rows[1][3] == "-3.0"  # a number stays a number
    finding_head = rows.index(exports.FINDING_HEAD)
    assert finding_head == len(hostile.kpis) + 2
    assert rows[finding_head + 1][6] == "'=cmd|' /C calc'!A0"
    unknown = [r for r in rows[1:finding_head] if r and r[3] == ""]
    assert len(unknown) == sum(1 for k in hostile.kpis if k.value is None)


def test_xlsx_has_three_sheets_with_text_cells_never_formulas(
    hostile: Assessment, tmp_path: Path
) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(exports.to_xlsx(hostile))
    book = load_workbook(path)
    assert book.sheetnames == ["KPIs", "Findings", "Action plan"]
    assert book["Findings"]["G2"].value == "'=cmd|' /C calc'!A0"
    assert book["KPIs"]["C2"].value == "'@evil" and book["KPIs"]["D2"].value == -3
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
    plan = list(book["Action plan"].iter_rows(values_only=True))
    assert plan[0][-2:] == ("owner", "due") and len(plan) == len(hostile.recommendations) + 1


def test_the_cli_writes_csv_and_xlsx(tmp_path: Path) -> None:
    text = render(tmp_path, "bakkerij-van-acker", "csv").read_text("utf-8-sig")
    assert text.startswith(",".join(exports.KPI_HEAD))
    book = load_workbook(render(tmp_path, "bakkerij-van-acker", "xlsx"))
    assert book["KPIs"].max_row > 1

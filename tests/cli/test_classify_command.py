"""`socialaudit classify FILE` adds language, label and confidence to a CSV's rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli.test_cli import run


def test_adds_columns_in_row_order(tmp_path: Path) -> None:
    source = tmp_path / "texts.csv"
    source.write_text(
        "id;text;kind\n"
        "1;Bestel nu met 20% korting!;post\n"
        "2;Zijn jullie open op zondag?;comment\n"
        "3;Wat is jullie favoriete taart? Laat het ons weten;\n",
        encoding="utf-8",
    )
    result = run("classify", str(source))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert [r["label"] for r in rows] == ["promotional", "question", "conversational"]
    assert {r["language"] for r in rows} == {"nl"}
    assert all(0 < float(r["confidence"]) <= 1 for r in rows)


def test_writes_to_a_file_with_evidence(tmp_path: Path) -> None:
    source = tmp_path / "texts.csv"
    source.write_text('text\n"Mijn pakket is nog steeds niet geleverd"\n', encoding="utf-8")
    target = tmp_path / "out.csv"
    result = run("classify", str(source), "-o", str(target), "--evidence")
    assert result.returncode == 0 and result.stdout == ""
    row = next(csv.DictReader(target.open(encoding="utf-8")))
    assert row["label"] == "informational"  # a post by default: no sales, no question
    assert "evidence" in row


def test_missing_text_column_and_bad_kind_exit_2(tmp_path: Path) -> None:
    no_text = tmp_path / "no_text.csv"
    no_text.write_text("id,message\n1,hallo daar\n", encoding="utf-8")
    result = run("classify", str(no_text))
    assert result.returncode == 2 and "no `text` column" in result.stderr
    bad_kind = tmp_path / "bad_kind.csv"
    bad_kind.write_text("text,kind\nhallo daar,post\nen nu,tweet\n", encoding="utf-8")
    result = run("classify", str(bad_kind))
    assert result.returncode == 2
    assert "line 3" in result.stderr and "kind" in result.stderr


def test_cells_a_spreadsheet_would_evaluate_are_written_inert(tmp_path: Path) -> None:
    """OWASP's CSV injection rule: a text starting with = + - @, a tab or a carriage return
    gets a leading quote; every other text, and a formula sign later in a text, stays as it is."""
    source = tmp_path / "texts.csv"
    hostile = [
        '=HYPERLINK("http://x.example","klik")',
        "+31 6 1234",
        "-2+3",
        "@SUM(1)",
        "\tverborgen",
        "\rterug",
    ]
    harmless = ["Prijs = 3 euro", "gewoon tekst"]
    source.write_text(
        "id,text\n"
        + "".join(
            f'{i},"{t.replace(chr(34), 2 * chr(34))}"\n'
            for i, t in enumerate([*hostile, *harmless])
        ),
        encoding="utf-8",
    )
    for target in (None, tmp_path / "out.csv"):
        extra = ["-o", str(target)] if target else []
        result = run("classify", str(source), "--evidence", *extra)
        assert result.returncode == 0, result.stderr
        written = target.read_text(encoding="utf-8") if target else result.stdout
        texts = [r["text"] for r in csv.DictReader(io.StringIO(written, newline=""))]
        # stdout is read as text, which turns a carriage return into a newline
        expected = [*("'" + t for t in hostile), *harmless]
        assert [t.replace("\r", "\n") for t in texts] == [t.replace("\r", "\n") for t in expected]

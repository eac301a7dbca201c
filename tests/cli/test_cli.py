"""The `socialaudit` command as a user runs it: a real process, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialaudit.api.cli.classification_cache import CACHE_DIR_VARIABLE
from tests.engine.orgfiles import POSTS, PROFILE


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from socialaudit.api.cli import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(Path(__file__).parents[2]),
            "COLUMNS": "200",
            CACHE_DIR_VARIABLE: os.environ[CACHE_DIR_VARIABLE],  # the session's, not the user's
        },
    )


def test_assess_json(org: Path) -> None:
    result = run("assess", str(org), "--format", "json", "--as-of", "2024-03-31")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["organisation"] == "Bakkerij Test"
    assert output["asOf"].startswith("2024-03-31")


def test_assess_report_in_dutch(org: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = run("assess", str(org), "--lang", "nl", "-o", str(target))
    assert result.returncode == 0, result.stderr
    report = target.read_text(encoding="utf-8")
    assert "Totaalscore" in report and "Kerncijfers" in report and "Bakkerij Test" in report


def test_the_english_report_writes_the_date_day_first(org: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = run("assess", str(org), "--lang", "en", "--as-of", "2024-03-31", "-o", str(target))
    assert result.returncode == 0, result.stderr
    report = target.read_text(encoding="utf-8")
    assert "Data up to: 31 March 2024" in report
    assert "March 31" not in report


def test_bad_row_exits_2_with_location_and_no_traceback(org: Path) -> None:
    (org / "data" / "posts.csv").write_text(
        POSTS + "p9,2024-03-11T10:00:00Z,Tekst,text,,,-4,,,\n", encoding="utf-8"
    )
    result = run("assess", str(org))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "posts.csv" in result.stderr and "line 5" in result.stderr
    assert "reactions" in result.stderr and "negative" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("assess", "/nonexistent/folder"), "not a folder"),
        (("assess", ".", "--as-of", "yesterday"), "--as-of"),
        (("rules", "--explain", "NOPE001"), "no loaded rule"),
    ],
)
def test_user_errors_exit_2(args: tuple[str, ...], words: str, tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_bad_plugins_toml_exits_2_naming_the_key(org: Path, tmp_path: Path) -> None:
    config = tmp_path / "plugins.toml"
    config.write_text('[rules.severity]\nMIX001 = "urgent"\n', encoding="utf-8")
    result = run("assess", str(org), "--config", str(config))
    assert result.returncode == 2
    assert "rules.severity.MIX001" in result.stderr and "critical" in result.stderr


def test_plugins_lists_builtins_with_status() -> None:
    result = run("plugins")
    assert result.returncode == 0
    assert "builtin-kpis" in result.stdout and "loaded" in result.stdout


def test_report_lists_incomplete_data_under_its_own_heading(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    profile = PROFILE.replace('data = ["data/*.csv"]', 'data = ["posts.json"]')
    (folder / "organisation.toml").write_text(profile, encoding="utf-8")
    post = {
        "id": "1048_1",
        "created_time": "2024-03-05T09:12:44+0000",
        "message": "Verse croissants vandaag!",
        "permalink_url": "https://www.facebook.com/x",
        "comments": {
            "data": [
                {
                    "id": "c1",
                    "message": "Open op zondag?",
                    "created_time": "2024-03-05T10:00:00+0000",
                    "from": {"id": "42", "name": "Sofie"},
                    "comment_count": 0,  # replies were asked for: none yet
                }
            ],
            "paging": {"next": "https://graph.facebook.com/x"},
        },
    }
    (folder / "posts.json").write_text(json.dumps({"data": [post]}), encoding="utf-8")
    target = tmp_path / "report.txt"
    result = run("assess", str(folder), "--lang", "nl", "-o", str(target))
    assert result.returncode == 0, result.stderr
    report = target.read_text(encoding="utf-8")
    assert "Onvolledige gegevens" in report
    assert "Facebook: posts.json: Voor 1 reactielijst staat alleen de eerste pagina" in report
    assert "Kon niet worden geëvalueerd" not in report  # nothing failed

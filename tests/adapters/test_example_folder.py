"""`socialaudit assess` on an organisation folder of real-format files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from socialaudit.api.cli.classification_cache import CACHE_DIR_VARIABLE

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "real-formats"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: a real process and its exit code."""
    return subprocess.run(
        [sys.executable, "-c", "from socialaudit.api.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "COLUMNS": "200",
            CACHE_DIR_VARIABLE: os.environ[CACHE_DIR_VARIABLE],  # the session's, not the user's
        },
    )


def _kpi(assessment: dict, kpi: str, channel: str | None) -> float | None:
    matches = [k for k in assessment["kpis"] if k["id"] == kpi and k["channel"] == channel]
    assert len(matches) == 1, (kpi, channel)
    return matches[0]["value"]


def test_assess_the_real_formats_example() -> None:
    result = run("assess", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    assessment = json.loads(result.stdout)
    posts = {c: _kpi(assessment, "post_count", c) for c in
             ("facebook", "instagram", "linkedin", "x", "youtube", "tiktok")}  # fmt: skip
    # Facebook: two Graph API files and a Business Suite export overlap; each post counts once
    assert posts == {
        "facebook": 32, "instagram": 28, "linkedin": 24, "x": 30, "youtube": 12, "tiktok": 20
    }  # fmt: skip
    # formats without comments or authors leave response KPIs unknown, never 0%
    for channel in ("linkedin", "tiktok"):
        assert _kpi(assessment, "reply_rate", channel) is None
    for channel in ("facebook", "instagram", "x", "youtube"):
        rate = _kpi(assessment, "reply_rate", channel)
        assert rate is not None and 0 < rate < 1


def test_a_wrong_file_in_the_example_is_an_input_error(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    profile = (EXAMPLE / "organisation.toml").read_text(encoding="utf-8")
    (folder / "organisation.toml").write_text(
        # without the goals: they name channels this folder does not have, itself an error
        profile.split("[[goals]]")[0]
        + '[[channels]]\nplatform = "youtube"\nhandle = "x"\ndata = ["videos.json"]\n',
        encoding="utf-8",
    )
    (folder / "videos.json").write_text('{"items": []}', encoding="utf-8")
    result = run("assess", str(folder))
    assert result.returncode == 2
    assert "matches no known youtube format" in result.stderr + result.stdout

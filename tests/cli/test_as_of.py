"""`socialaudit assess --as-of` takes any ISO 8601 offset, and refuses a date before any data
with a message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import run

BAKERY = Path(__file__).parents[2] / "examples" / "bakkerij-van-acker"


@pytest.mark.parametrize(
    "as_of", ["2024-06-30T00:00:00+02:00", "2024-06-30T00:00:00-05:00", "9999-12-31T23:59:59Z"]
)
def test_an_offset_is_assessed(as_of: str) -> None:
    result = run("assess", str(BAKERY), "--as-of", as_of, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_year_one_is_refused_with_a_message() -> None:
    result = run("assess", str(BAKERY), "--as-of", "0001-01-01")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "0001-01-01 is before 1970-01-01" in result.stderr

"""`socialaudit agency update NAME --logo --color --contact`: the branding the service's
reports show, checked like `updateAgencyBranding`, all or nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from socialaudit.api.cli import cli
from socialaudit.service.reports import Reports
from socialaudit.service.storage import agencies as store
from socialaudit.service.storage.database import create_database_engine
from socialaudit.service.storage.tenancy import Tenancy


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    monkeypatch.setenv("SOCIALAUDIT_DATABASE_URL", url)
    result = CliRunner().invoke(cli, ["agency", "create", "Bureau Noord"])
    assert result.exit_code == 0, result.output
    return url


def _brand(url: str):  # type: ignore[no-untyped-def]
    engine = create_database_engine(url)
    agency = store.find_agency(engine, "Bureau Noord")
    assert agency is not None
    brand = Reports(Tenancy(engine, agency.id), None).brand()  # type: ignore[arg-type]
    engine.dispose()
    return brand


def _png(tmp_path: Path, size: tuple[int, int] = (40, 20)) -> Path:
    out = io.BytesIO()
    Image.new("RGB", size, "#0072b2").save(out, format="PNG")
    path = tmp_path / "logo.png"
    path.write_bytes(out.getvalue() + b"trailing bytes are dropped")
    return path


def test_update_sets_logo_colour_and_contact(database: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["agency", "update", "Bureau Noord", "--logo", str(_png(tmp_path)), "--color", "#0A5",
         "--contact", "hallo@noord.be  ·  09 123 45 67"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    brand = _brand(database)
    assert brand.color == "#00aa55" and brand.contact == "hallo@noord.be · 09 123 45 67"
    assert brand.logo_type == "image/png" and brand.logo is not None
    assert b"trailing bytes" not in brand.logo  # re-encoded, not stored as sent
    assert Image.open(io.BytesIO(brand.logo)).size == (40, 20)


def test_a_wrong_option_changes_nothing(database: str, tmp_path: Path) -> None:
    CliRunner().invoke(cli, ["agency", "update", "Bureau Noord", "--color", "#123456"])
    big = tmp_path / "big.svg"
    big.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * 300_000 + b"</svg>")
    result = CliRunner().invoke(
        cli, ["agency", "update", "Bureau Noord", "--color", "#abcdef", "--logo", str(big)]
    )
    assert result.exit_code == 1
    assert "nothing changed" in result.output and "--logo" in result.output
    assert "at most 256 KiB" in result.output
    brand = _brand(database)
    assert brand.color == "#123456" and brand.logo is None


def test_an_unknown_agency_is_named(database: str) -> None:
    result = CliRunner().invoke(cli, ["agency", "update", "Bureau Zuid", "--color", "#000"])
    assert result.exit_code == 1 and "no agency named 'Bureau Zuid'" in result.output

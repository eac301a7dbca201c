"""`socialaudit assess` with several folders or a glob: one process, every organisation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.engine.orgfiles import INTERACTIONS, POSTS, PROFILE


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    root = tmp_path / "clients"
    for name in ("alpha", "beta"):
        folder = root / name
        (folder / "data").mkdir(parents=True)
        profile = PROFILE.replace('name = "Bakkerij Test"', f'name = "Bakkerij {name}"')
        (folder / "organisation.toml").write_text(profile, encoding="utf-8")
        (folder / "data" / "posts.csv").write_text(POSTS, encoding="utf-8")
        (folder / "data" / "interactions.csv").write_text(INTERACTIONS, encoding="utf-8")
    (root / "notes.txt").write_text("not an organisation", encoding="utf-8")
    return root


def test_several_folders_give_a_json_array_in_the_order_given(clients: Path) -> None:
    result = run("assess", str(clients / "beta"), str(clients / "alpha"), "--format", "json")
    assert result.returncode == 0, result.stderr
    names = [a["organisation"] for a in json.loads(result.stdout)]
    assert names == ["Bakkerij beta", "Bakkerij alpha"]


def test_a_glob_is_expanded_to_its_folders_and_always_gives_an_array(clients: Path) -> None:
    result = run("assess", str(clients / "*"), "--format", "json")
    assert result.returncode == 0, result.stderr
    names = [a["organisation"] for a in json.loads(result.stdout)]
    assert names == ["Bakkerij alpha", "Bakkerij beta"]
    one = run("assess", str(clients / "a*"), "--format", "json")
    assert [a["organisation"] for a in json.loads(one.stdout)] == ["Bakkerij alpha"]


def test_one_folder_still_gives_one_object(clients: Path) -> None:
    result = run("assess", str(clients / "alpha"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["organisation"] == "Bakkerij alpha"


def test_several_reports_one_after_another(clients: Path) -> None:
    result = run("assess", str(clients / "alpha"), str(clients / "beta"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.index("Bakkerij alpha") < result.stdout.index("Bakkerij beta")


def test_a_bad_folder_stops_the_batch_before_anything_is_printed(clients: Path) -> None:
    shutil.rmtree(clients / "beta" / "data")
    result = run("assess", str(clients / "alpha"), str(clients / "beta"), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "beta" in result.stderr and "Traceback" not in result.stderr


def test_a_glob_matching_no_folder_is_an_error(clients: Path) -> None:
    result = run("assess", str(clients / "z*"))
    assert result.returncode == 2
    assert "no folder matches" in result.stderr


def test_one_output_file_for_several_reports_is_refused(clients: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    result = run("assess", str(clients / "*"), "-o", str(target))
    assert result.returncode == 2
    assert "--format json" in result.stderr
    assert not target.exists()

"""A third party adds a platform (Pinterest) as a plugin, without touching the built-ins:
registered in code, and discovered by its entry point after a real `pip install`."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import load_organisation
from socialaudit.engine.registry import PluginStatus, build_registry

DIST = Path(__file__).parents[2] / "examples/plugins/socialaudit-pinterest"
PROFILE = """
name = "Fietsen Verbeke"
market = "b2c"
country = "BE"

[[channels]]
platform = "pinterest"
handle = "fietsenverbeke"
data = ["pins.json"]

[[channels]]
platform = "youtube"
handle = "FietsenVerbeke"
data = ["videos.json"]
"""
PINS = {
    "items": [
        {
            "id": "813744226420795884",
            "created_at": "2024-03-05T10:00:00",
            "link": "https://fietsenverbeke.be/stadsfiets",
            "title": "Gentse stadsfiets",
            "description": "Onze stadsfiets in mosgroen 🚲",
            "board_id": "549755885175",
        }
    ],
    "bookmark": None,
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "organisation.toml").write_text(PROFILE, encoding="utf-8")
    (folder / "pins.json").write_text(json.dumps(PINS), encoding="utf-8")
    shutil.copy(Path(__file__).parent / "fixtures/youtube/videos.json", folder / "videos.json")
    return folder


def _forget_plugin() -> None:
    for name in [m for m in sys.modules if m.startswith("socialaudit_pinterest")]:
        del sys.modules[name]


@pytest.fixture
def plugin_module() -> Iterator[ModuleType]:
    sys.path.insert(0, str(DIST))
    try:
        yield importlib.import_module("socialaudit_pinterest")
    finally:
        sys.path.remove(str(DIST))
        _forget_plugin()


def test_registered_in_code_beside_the_builtins(plugin_module: ModuleType, tmp_path: Path) -> None:
    registry = build_registry(extra_plugins=[plugin_module])
    assert registry.owners["adapters:pinterest-pins"] == "socialaudit_pinterest"
    assert registry.owners["adapters:youtube-videos"] == "youtube"
    loaded = load_organisation(_folder(tmp_path), registry.adapters)
    pins = loaded.channels["pinterest"].posts
    assert pins["text"].to_list() == ["Onze stadsfiets in mosgroen 🚲"]
    assert loaded.channels["youtube"].posts.height == 2


def test_unknown_platform_without_the_plugin(tmp_path: Path) -> None:
    registry = build_registry()
    with pytest.raises(InputError, match="unknown platform 'pinterest'"):
        load_organisation(_folder(tmp_path), registry.adapters)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The distribution pip-installed into a folder put on sys.path, as `pip install
    socialaudit-pinterest` would make it visible; built from a copy so the source tree stays
    clean."""
    source = tmp_path_factory.mktemp("src") / "pinterest_plugin"
    shutil.copytree(
        DIST, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    )
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(target), str(source)],
        check=True,
    )  # fmt: skip
    sys.path.insert(0, str(target))
    try:
        yield target
    finally:
        sys.path.remove(str(target))
        _forget_plugin()


def test_discovered_by_entry_point_after_install(installed: Path, tmp_path: Path) -> None:
    registry = build_registry()
    info = registry.plugins["pinterest"]
    assert info.status == PluginStatus.LOADED and not info.builtin
    assert info.distribution == "socialaudit-pinterest" and info.version == "0.1.0"
    assert registry.owners["adapters:pinterest-pins"] == "pinterest"
    assert {"facebook-graph-posts", "x-api-v2", "tiktok-video-list"} <= set(registry.adapters)
    loaded = load_organisation(_folder(tmp_path), registry.adapters)
    assert loaded.channels["pinterest"].posts["id"].to_list() == ["813744226420795884"]

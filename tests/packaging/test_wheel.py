"""The distribution as a user installs it: the wheel in a fresh virtual environment, next to
PyPI's popular `schema` package, run from a folder outside the checkout. Nothing generic may
land in site-packages, and `assess` and `serve` must work with the other `schema` installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.test_served import free_port

ROOT = Path(__file__).parents[2]
LAYERS = ("engine", "plugins", "service", "schema", "api")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A new venv holding the built wheel, its dependencies and PyPI's `schema`."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(work / "dist"), str(ROOT)],
        check=True, cwd=work,
    )  # fmt: skip
    wheel = next((work / "dist").glob("socialaudit-*.whl"))
    environment = work / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel), "schema"],
        check=True, cwd=work,
    )  # fmt: skip
    yield environment


def _site_packages(environment: Path) -> Path:
    return next(environment.glob("lib/python*/site-packages"))


def test_only_the_namespace_lands_in_site_packages(installed: Path, tmp_path: Path) -> None:
    site = _site_packages(installed)
    assert (site / "socialaudit" / "engine" / "pipeline.py").is_file()
    assert (site / "socialaudit" / "service" / "storage" / "migrations" / "env.py").is_file()
    for layer in ("engine", "plugins", "service", "api"):
        assert not (site / layer).exists(), f"a top-level '{layer}' package was installed"
    # PyPI's `schema` is a module of its own, untouched by socialaudit
    probe = "import schema; print(schema.__file__)"
    found = subprocess.run(
        [str(installed / "bin" / "python"), "-c", probe],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout  # fmt: skip
    assert Path(found.strip()) == site / "schema" / "__init__.py"
    assert "socialaudit" not in (site / "schema" / "__init__.py").read_text()


def test_assess_runs_from_the_wheel_beside_pypi_schema(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(installed / "bin" / "socialaudit"), "assess",
         str(ROOT / "examples" / "bakkerij-van-acker"), "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assessment = json.loads(result.stdout)
    assert assessment["organisation"] == "Bakkerij Van Acker"
    assert assessment["findings"] and not [e for e in assessment["errors"] if e["kind"] == "plugin"]


def test_serve_runs_from_the_wheel_beside_pypi_schema(installed: Path, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "SOCIALAUDIT_DATABASE_URL": f"sqlite:///{tmp_path / 'wheel.sqlite3'}"}
    process = subprocess.Popen(
        [str(installed / "bin" / "socialaudit"), "serve", "--dev", "--port", str(port)],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"serve exited with {process.returncode}:\n{output}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("serve did not answer /healthz within 60 s")
        answer = httpx.post(f"{url}/graphql", json={"query": "{ organizations { totalCount } }"})
        assert answer.json() == {"data": {"organizations": {"totalCount": 0}}}
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_every_package_folder_is_in_the_distribution() -> None:
    """setuptools installs only the packages `pyproject.toml` lists (the namespace mapping
    rules out discovery): a new folder with an `__init__.py` must be listed too."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        "socialaudit." + ".".join(init.parent.relative_to(ROOT).parts)
        for layer in LAYERS
        for init in (ROOT / layer).rglob("__init__.py")
    } | {"socialaudit"}
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"

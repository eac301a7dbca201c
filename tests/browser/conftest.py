"""A real browser for the report and GraphiQL tests: Debian's Chromium (`/usr/bin/chromium`,
installed by .ci/run), driven by Playwright, which downloads nothing when given the executable.
Launched headless with a new empty profile and with every background connection switched off,
so that any request a page makes is the page's own."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SOCIALAUDIT_TEST_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install '.[test]'")
if shutil.which(CHROMIUM) is None:
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)


# module scope: Playwright's sync API keeps an event loop running while it is open, which
# would break every later test that starts one of its own (asyncio.run)
@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        yield context
        context.close()


@dataclass
class Watched:
    """A page with everything it asked for and every console error it printed."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = browser.new_page()
    seen = Watched(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on(
        "console",
        lambda message: seen.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    page.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service on a real port (a browser needs one), in development mode on SQLite."""
    import uvicorn

    from socialaudit.api.app import create_app
    from socialaudit.api.settings import Settings
    from socialaudit.engine.config import Settings as PluginSettings
    from socialaudit.engine.registry import build_registry

    database = tmp_path_factory.mktemp("served") / "db.sqlite3"
    # the cue classifier: these tests look at pages, and the model's first assessment of the
    # example can pass the service's request limit on a busy machine
    registry = build_registry(PluginSettings.model_validate({"classifier": {"use": "builtin"}}))
    app = create_app(
        Settings(database_url=f"sqlite:///{database}", development=True), registry=registry
    )
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the service did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


def repo_root() -> Path:
    return Path(__file__).parents[2]

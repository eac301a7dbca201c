"""Helpers for the adapter tests: fixture paths, read options, the loaded adapters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.definitions.adapter import ReadOptions
from socialaudit.engine.loading import sample_file
from socialaudit.engine.model.channel_data import ChannelDataPart
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.registry import build_registry

FIXTURES = Path(__file__).parent / "fixtures"
HANDLE = "fietsenverbeke"
TIMEZONE = "Europe/Brussels"

Read = Callable[..., ChannelDataPart]


def options(platform: str, handle: str = HANDLE, account_id: str | None = None) -> ReadOptions:
    return ReadOptions(
        channel=ChannelProfile(platform=platform, handle=handle, account_id=account_id),
        timezone=TIMEZONE,
    )


@pytest.fixture(scope="session")
def adapters() -> dict[str, ChannelAdapter]:
    return build_registry().adapters


@pytest.fixture
def read(adapters: dict[str, ChannelAdapter]) -> Read:
    """Read a file with the named adapter, for the adapter's first platform."""

    def run(
        name: str, path: Path | str, handle: str = HANDLE, account_id: str | None = None
    ) -> ChannelDataPart:
        adapter = adapters[name]
        file = FIXTURES / path if isinstance(path, str) else path
        return adapter.read(file, options(adapter.platforms[0], handle, account_id))

    return run


def detected_by(adapters: dict[str, ChannelAdapter], path: Path) -> list[str]:
    sample = sample_file(path)
    return sorted(name for name, adapter in adapters.items() if adapter.detect(sample))

"""The command line's tests share one small organisation on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.orgfiles import write_organisation


@pytest.fixture
def org(tmp_path: Path) -> Path:
    return write_organisation(tmp_path / "org")

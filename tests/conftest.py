"""What every test shares: the command line's classification cache in a directory of the test
session's own, never the user's (subprocesses given this environment inherit it)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from socialaudit.api.cli.classification_cache import CACHE_DIR_VARIABLE


@pytest.fixture(autouse=True, scope="session")
def _session_classification_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    before = os.environ.get(CACHE_DIR_VARIABLE)
    os.environ[CACHE_DIR_VARIABLE] = str(tmp_path_factory.mktemp("classification-cache"))
    yield
    if before is None:
        os.environ.pop(CACHE_DIR_VARIABLE, None)
    else:
        os.environ[CACHE_DIR_VARIABLE] = before

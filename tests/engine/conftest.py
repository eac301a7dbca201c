"""Builders for organisation folders in the generic format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from socialaudit.engine.registry import Registry, build_registry
from tests.engine.orgfiles import INTERACTIONS, POSTS, PROFILE

WriteOrg = Callable[..., Path]


@pytest.fixture
def write_org(tmp_path: Path) -> WriteOrg:
    """Write an organisation folder; each keyword replaces one file's content."""

    def write(
        profile: str = PROFILE,
        posts: str | bytes | None = POSTS,
        interactions: str | bytes | None = INTERACTIONS,
    ) -> Path:
        folder = tmp_path / "org"
        (folder / "data").mkdir(parents=True, exist_ok=True)
        (folder / "organisation.toml").write_text(profile, encoding="utf-8")
        for name, content in (("posts.csv", posts), ("interactions.csv", interactions)):
            if content is None:
                continue
            target = folder / "data" / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return folder

    return write


@pytest.fixture(scope="session")
def registry() -> Registry:
    return build_registry()

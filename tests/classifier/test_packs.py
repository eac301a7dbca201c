"""The built-in cue packs are checked here, once, rather than at every start: start-up trusts a
built-in pack only while its bytes are the ones recorded after this check, and parses every
other pack at once as before, so a broken pack still disables the classifier at start-up."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from socialaudit.plugins.classifier import packs
from socialaudit.plugins.classifier.cues import CueClassifier
from socialaudit.plugins.classifier.packs import (
    BUILTIN_PACKS,
    CHECKED_BUILTIN_PACKS,
    known_good,
    load_packs,
)


def test_the_builtin_packs_are_valid_and_recorded_as_checked() -> None:
    load_packs(BUILTIN_PACKS)  # raises on a broken pack
    digests = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in BUILTIN_PACKS}
    assert digests == CHECKED_BUILTIN_PACKS, (
        "a built-in pack changed: once this test's load_packs passes, set "
        f"CHECKED_BUILTIN_PACKS in plugins/classifier/packs.py to {digests!r}"
    )
    assert known_good(BUILTIN_PACKS)


def test_a_pack_of_other_bytes_or_elsewhere_is_not_known_good(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / BUILTIN_PACKS[0].name
    shutil.copy(BUILTIN_PACKS[0], copy)
    assert not known_good([copy])  # same bytes, not the shipped file
    assert not known_good([*BUILTIN_PACKS, copy])
    edited = tmp_path / "packs"
    shutil.copytree(BUILTIN_PACKS[0].parent, edited)
    changed = sorted(edited.glob("*.toml"))
    changed[0].write_bytes(changed[0].read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(packs, "BUILTIN_PACKS", changed)
    assert not known_good(changed)
    assert known_good(changed[1:])


def test_known_good_builtin_packs_are_read_on_first_use_only() -> None:
    classifier = CueClassifier()
    classifier.use_language_packs([])
    assert "packs" not in vars(classifier)
    assert classifier.packs["nl"]["posts"]["promotional"]  # read when needed


def test_an_extra_pack_is_read_at_start_up(tmp_path: Path) -> None:
    pack = tmp_path / "bouw_nl.toml"
    pack.write_text(
        'language = "nl"\n[[posts.promotional]]\nname = "offerte"\npattern = "offerte"\n',
        encoding="utf-8",
    )
    classifier = CueClassifier()
    classifier.use_language_packs([pack])
    assert "packs" in vars(classifier)
    assert any(cue.name == "offerte" for cue in classifier.packs["nl"]["posts"]["promotional"])


def test_the_version_changes_when_a_pack_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "packs"
    shutil.copytree(BUILTIN_PACKS[0].parent, folder)
    copies = sorted(folder.glob("*.toml"))
    monkeypatch.setattr("socialaudit.plugins.classifier.cues.BUILTIN_PACKS", copies)
    classifier = CueClassifier()
    classifier.use_language_packs([])
    before = classifier.version
    again = CueClassifier()
    again.use_language_packs([])
    assert again.version == before  # the same bytes, the same version
    text = copies[-1].read_bytes()
    copies[-1].write_bytes(text.replace(b"weight = 2.0", b"weight = 2.5", 1))
    classifier.use_language_packs([])
    assert classifier.version != before

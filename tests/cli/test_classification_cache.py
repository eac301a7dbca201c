"""`socialaudit assess` keeps classifications in a SQLite file between runs: a second run of
the same folder classifies nothing, a changed text or a new classifier version is classified
again, and a cache file that cannot be used never fails the assessment."""

from __future__ import annotations

import json
import threading
import types
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from socialaudit.api.cli import assess as assess_module
from socialaudit.api.cli.assess import assess_command
from socialaudit.api.cli.classification_cache import (
    CACHE_DIR_VARIABLE,
    CACHE_FILE,
    DiskClassificationCache,
    cache_path,
)
from socialaudit.engine.classification import RESULT_SCHEMA
from socialaudit.engine.config import Settings
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.plugin import ContentClassifier, hookimpl
from socialaudit.plugins.classifier.cues import CueClassifier
from tests.engine.orgfiles import INTERACTIONS, POSTS, PROFILE


class CountingClassifier(ContentClassifier):
    """Labels by a rule of its own and remembers every text it was asked about."""

    name = "counting"

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.version: str | None = "1"

    def _rows(self, texts: pl.Series, label: str) -> pl.DataFrame:
        self.seen += texts.to_list()
        return pl.DataFrame(
            {
                "language": ["nl"] * len(texts),
                "label": [label] * len(texts),
                "confidence": [0.75] * len(texts),
                "evidence": [[f"{label}:seen", "a, b"]] * len(texts),
            }
        )

    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        return self._rows(texts, "promotional")

    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        return self._rows(texts, "question").with_columns(pl.lit("neutral").alias("sentiment"))


class CuesUnderTest(CueClassifier):
    name = "cues-under-test"


@pytest.fixture
def org(tmp_path: Path) -> Path:
    folder = tmp_path / "org"
    (folder / "data").mkdir(parents=True)
    (folder / "organisation.toml").write_text(PROFILE, encoding="utf-8")
    (folder / "data" / "posts.csv").write_text(POSTS, encoding="utf-8")
    (folder / "data" / "interactions.csv").write_text(INTERACTIONS, encoding="utf-8")
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(directory))
    return directory


def with_classifier(
    monkeypatch: pytest.MonkeyPatch, classifier: ContentClassifier, use: str
) -> list[Registry]:
    """`assess` builds its registry with `classifier` chosen; the registries built are
    returned for inspection."""
    plugin = types.ModuleType("cache_test_plugin")
    plugin.socialaudit_content_classifiers = hookimpl(  # type: ignore[attr-defined]
        lambda: [classifier]
    )
    built: list[Registry] = []

    def load_registry(config: Path | None) -> Registry:
        registry = build_registry(
            Settings.model_validate({"classifier": {"use": use}}), extra_plugins=[plugin]
        )
        built.append(registry)
        return registry

    monkeypatch.setattr(assess_module, "load_registry", load_registry)
    return built


def assess_json(org: Path, *options: str) -> tuple[dict, str]:
    result = CliRunner().invoke(assess_command, [str(org), "--format", "json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingClassifier:
    classifier = CountingClassifier()
    with_classifier(monkeypatch, classifier, "counting")
    return classifier


def test_a_second_run_classifies_nothing(
    org: Path, cache_dir: Path, counting: CountingClassifier
) -> None:
    first, _ = assess_json(org)
    texts = sorted(counting.seen)
    assert texts and "Zijn jullie open op zondag?" in texts
    assert (cache_dir / CACHE_FILE).is_file()
    counting.seen.clear()
    second, warnings = assess_json(org)
    assert counting.seen == []
    assert warnings == ""
    assert first == second


def test_a_changed_text_alone_is_classified_again(
    org: Path, cache_dir: Path, counting: CountingClassifier
) -> None:
    assess_json(org)
    counting.seen.clear()
    posts = org / "data" / "posts.csv"
    posts.write_text(
        posts.read_text(encoding="utf-8").replace("Wat is jullie", "Wat is uw"), encoding="utf-8"
    )
    assess_json(org)
    assert counting.seen == ["Wat is uw favoriete taart?"]


def test_a_new_classifier_version_classifies_everything_again(
    org: Path, cache_dir: Path, counting: CountingClassifier
) -> None:
    assess_json(org)
    before = sorted(counting.seen)
    counting.seen.clear()
    counting.version = "2"
    assess_json(org)
    assert sorted(counting.seen) == before


def test_no_cache_classifies_every_text_and_writes_no_file(
    org: Path, cache_dir: Path, counting: CountingClassifier
) -> None:
    cached, _ = assess_json(org)  # the file now knows every text
    counting.seen.clear()
    uncached, _ = assess_json(org, "--no-cache")
    assert sorted(counting.seen) == sorted(set(counting.seen)) and counting.seen
    assert cached == uncached
    (cache_dir / CACHE_FILE).unlink()
    assess_json(org, "--no-cache")
    assert not (cache_dir / CACHE_FILE).exists()


def test_a_damaged_cache_file_warns_once_and_the_assessment_is_right(
    org: Path, cache_dir: Path, counting: CountingClassifier
) -> None:
    expected, _ = assess_json(org, "--no-cache")
    cache_dir.mkdir()
    (cache_dir / CACHE_FILE).write_bytes(b"this is not a database\n" * 200)
    counting.seen.clear()
    assessment, warnings = assess_json(org)
    assert assessment == expected
    assert warnings.count("warning:") == 1
    assert str(cache_dir / CACHE_FILE) in warnings and "delete it" in warnings
    assert counting.seen  # classified in memory instead


def test_an_unusable_cache_directory_warns_and_the_assessment_is_right(
    org: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counting: CountingClassifier
) -> None:
    expected, _ = assess_json(org, "--no-cache")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    assessment, warnings = assess_json(org)
    assert assessment == expected
    assert warnings.count("warning:") == 1


def test_the_cache_lives_in_the_user_cache_directory_unless_moved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_path() == tmp_path / "xdg" / "socialaudit" / CACHE_FILE
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "elsewhere"))
    assert cache_path() == tmp_path / "elsewhere" / CACHE_FILE


def test_a_fully_cached_run_never_loads_the_language_models(
    org: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Languages are part of the cached result, so py3langid is not needed to read them."""
    cues = CuesUnderTest()
    with_classifier(monkeypatch, cues, CuesUnderTest.name)
    first, _ = assess_json(org)
    assert "_detector" in vars(cues.identifier)  # the first run identified languages
    again = CuesUnderTest()
    built = with_classifier(monkeypatch, again, CuesUnderTest.name)
    second, _ = assess_json(org)
    assert built[0].classifier() is again
    assert "_detector" not in vars(again.identifier)
    assert first == second


def rows(digests: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "digest": digests,
            "language": ["fr"] * len(digests),
            "label": ["praise"] * len(digests),
            "confidence": [0.123456789] * len(digests),
            "evidence": [["praise:merci", 'quote "and" comma, too']] * len(digests),
            "sentiment": [None] * len(digests),
        },
        schema={"digest": pl.String(), **RESULT_SCHEMA},
    )


def test_rows_come_back_as_stored(tmp_path: Path) -> None:
    warnings: list[str] = []
    cache = DiskClassificationCache(tmp_path / CACHE_FILE, warnings.append)
    stored = rows([f"d{i}" for i in range(2000)])  # more than one lookup chunk
    cache.store("v1", "messages", stored)
    cache.store("v1", "messages", stored.head(3))  # stored again: kept once
    reopened = DiskClassificationCache(tmp_path / CACHE_FILE, warnings.append)
    found = reopened.lookup("v1", "messages", stored["digest"]).sort("digest")
    assert found.equals(stored.sort("digest"))
    assert reopened.lookup("v2", "messages", stored["digest"]).height == 0
    assert reopened.lookup("v1", "posts", stored["digest"]).height == 0
    assert warnings == []


def test_two_processes_may_write_the_same_file_at_once(tmp_path: Path) -> None:
    """Each cache has its own connection, as two CLI processes would."""
    warnings: list[str] = []
    path = tmp_path / CACHE_FILE

    def write(prefix: str) -> None:
        cache = DiskClassificationCache(path, warnings.append)
        for batch in range(40):
            cache.store("v", "posts", rows([f"{prefix}{batch}-{i}" for i in range(50)]))
            cache.lookup("v", "posts", pl.Series([f"{prefix}{batch}-0", "shared-0"]))
            cache.store("v", "posts", rows(["shared-0", "shared-1"]))

    threads = [threading.Thread(target=write, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert warnings == []
    every = [f"{p}{b}-{i}" for p in "ab" for b in range(40) for i in range(50)]
    found = DiskClassificationCache(path, warnings.append).lookup(
        "v", "posts", pl.Series([*every, "shared-0", "shared-1"])
    )
    assert found.height == len(every) + 2

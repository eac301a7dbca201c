"""`socialaudit assess` keeps classifications in a SQLite file between runs: a second run of
the same folder classifies nothing, a changed text or a new classifier version is classified
again, and a cache file that cannot be used never fails the assessment."""

from __future__ import annotations

import json
import sqlite3
import threading
import types
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from socialaudit.api.cli import assess as assess_module
from socialaudit.api.cli import classification_cache, cli
from socialaudit.api.cli.assess import assess_command
from socialaudit.api.cli.classification_cache import (
    CACHE_DIR_VARIABLE,
    CACHE_FILE,
    DEFAULT_MAX_ROWS,
    ROWS_VARIABLE,
    DiskClassificationCache,
    cache_path,
    max_rows,
)
from socialaudit.engine.classification import RESULT_SCHEMA
from socialaudit.engine.config import Settings
from socialaudit.engine.errors import InputError
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.plugin import ContentClassifier, hookimpl
from socialaudit.plugins.classifier.cues import CueClassifier


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


class Clock:
    """A settable time for the cache's marks of use."""

    def __init__(self) -> None:
        self.now = 1_000_000_000.0

    def __call__(self) -> float:
        return self.now


DAY = 86_400


def stored_digests(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT digest FROM classifications_v1")}


def test_the_file_keeps_at_most_max_rows_dropping_the_least_recently_used(
    tmp_path: Path,
) -> None:
    warnings: list[str] = []
    clock = Clock()
    path = tmp_path / CACHE_FILE

    def run() -> DiskClassificationCache:
        return DiskClassificationCache(path, warnings.append, max_rows=4, clock=clock)

    run().store("v", "posts", rows(["a", "b"]))
    clock.now += 10
    run().store("v", "posts", rows(["c"]))
    clock.now += 2 * DAY
    assert run().lookup("v", "posts", pl.Series(["a"])).height == 1  # a is used again
    clock.now += DAY
    run().store("v", "posts", rows(["d", "e"]))  # five rows: b, the oldest, goes
    assert stored_digests(path) == {"a", "c", "d", "e"}
    clock.now += 1
    run().store("v", "posts", rows(["f"]))  # then c, stored before a was read
    assert stored_digests(path) == {"a", "d", "e", "f"}
    assert warnings == []  # no run used more than the file keeps


def test_a_run_that_uses_more_rows_than_the_file_keeps_is_told_once(tmp_path: Path) -> None:
    warnings: list[str] = []
    cache = DiskClassificationCache(tmp_path / CACHE_FILE, warnings.append, max_rows=4)
    cache.store("v", "posts", rows(["a", "b"]))
    assert cache.lookup("v", "posts", pl.Series(["a", "b"])).height == 2
    assert warnings == []  # four rows used: as many as it keeps
    cache.store("v", "messages", rows(["c"]))
    cache.store("v", "messages", rows(["d"]))
    assert len(warnings) == 1
    assert ROWS_VARIABLE in warnings[0] and "keeps (4 rows)" in warnings[0]


def test_under_the_maximum_nothing_is_dropped(tmp_path: Path) -> None:
    warnings: list[str] = []
    path = tmp_path / CACHE_FILE
    cache = DiskClassificationCache(path, warnings.append, max_rows=4, clock=Clock())
    cache.store("v", "posts", rows(["a", "b"]))
    cache.store("v", "messages", rows(["a", "b"]))
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM classifications_v1").fetchone() == (4,)


def used_marks(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return dict(connection.execute("SELECT digest, used FROM classifications_v1"))


def test_a_row_read_again_the_same_day_is_not_written(tmp_path: Path) -> None:
    """A warm run that ran that day already only reads the file."""
    clock = Clock()
    path = tmp_path / CACHE_FILE
    cache = DiskClassificationCache(path, print, clock=clock)
    cache.store("v", "posts", rows(["a"]))
    stored = used_marks(path)
    clock.now += DAY - 60
    cache.lookup("v", "posts", pl.Series(["a"]))
    assert used_marks(path) == stored
    clock.now += 60
    cache.lookup("v", "posts", pl.Series(["a"]))
    assert used_marks(path) == {"a": int(clock.now)}


def test_a_file_that_cannot_be_written_now_still_serves_its_labels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Marking rows used is best effort: another process's long write does not cost the run
    its labels."""
    monkeypatch.setattr(classification_cache, "BUSY_TIMEOUT_SECONDS", 0.1)
    warnings: list[str] = []
    clock = Clock()
    path = tmp_path / CACHE_FILE
    DiskClassificationCache(path, warnings.append, clock=clock).store("v", "posts", rows(["a"]))
    clock.now += 2 * DAY
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        cache = DiskClassificationCache(path, warnings.append, clock=clock)
        assert cache.lookup("v", "posts", pl.Series(["a"]))["digest"].to_list() == ["a"]
    finally:
        writer.rollback()
        writer.close()
    assert warnings == []
    assert used_marks(path) == {"a": int(clock.now - 2 * DAY)}  # not marked, not lost


def test_a_file_of_an_earlier_version_keeps_its_rows(tmp_path: Path) -> None:
    """Files written before rows had a mark of use: the column is added, the rows count as
    least recently used, and an earlier version can still write the file."""
    path = tmp_path / CACHE_FILE
    earlier = (
        "CREATE TABLE classifications_v1 (version TEXT NOT NULL, kind TEXT NOT NULL, "
        "digest TEXT NOT NULL, language TEXT, label TEXT, confidence REAL, evidence TEXT, "
        "sentiment TEXT, PRIMARY KEY (version, kind, digest)) WITHOUT ROWID"
    )
    insert = (
        "INSERT INTO classifications_v1 (version, kind, digest, language, label, confidence, "
        "evidence, sentiment) VALUES ('v', 'posts', ?, 'nl', 'promotional', 0.5, '[]', NULL)"
    )
    with sqlite3.connect(path) as connection:
        connection.execute(earlier)
        connection.execute(insert, ("old",))
    warnings: list[str] = []
    cache = DiskClassificationCache(path, warnings.append, clock=Clock())
    found = cache.lookup("v", "posts", pl.Series(["old"]))
    assert found["label"].to_list() == ["promotional"]
    assert warnings == []
    with sqlite3.connect(path) as connection:
        connection.execute(insert, ("from-an-earlier-version",))
    assert used_marks(path)["from-an-earlier-version"] == 0


def test_the_variable_sets_the_rows_the_file_keeps_and_a_run_beyond_it_is_told(
    org: Path, cache_dir: Path, counting: CountingClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    assess_json(org)
    used = len(stored_digests(cache_dir / CACHE_FILE))
    assert used > 3
    (cache_dir / CACHE_FILE).unlink()
    monkeypatch.setenv(ROWS_VARIABLE, "3")
    _, warnings = assess_json(org)
    assert len(stored_digests(cache_dir / CACHE_FILE)) == 3
    assert warnings.count(ROWS_VARIABLE) == 1, warnings
    monkeypatch.setenv(ROWS_VARIABLE, str(used))
    (cache_dir / CACHE_FILE).unlink()
    _, warnings = assess_json(org)
    assert len(stored_digests(cache_dir / CACHE_FILE)) == used
    assert ROWS_VARIABLE not in warnings


def test_without_the_variable_the_file_keeps_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ROWS_VARIABLE, raising=False)
    assert max_rows() == DEFAULT_MAX_ROWS
    monkeypatch.setenv(ROWS_VARIABLE, " 1000000 ")
    assert max_rows() == 1_000_000


@pytest.mark.parametrize("value", ["lots", "0", "-5", "1.5", "1e6"])
def test_a_bad_value_of_the_variable_is_an_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(ROWS_VARIABLE, value)
    with pytest.raises(InputError) as raised:
        max_rows()
    assert raised.value.field == ROWS_VARIABLE
    assert f"whole number of rows above 0, not '{value}'" in str(raised.value)


def test_assess_stops_on_a_bad_value_before_assessing(
    org: Path, cache_dir: Path, counting: CountingClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ROWS_VARIABLE, "many")
    result = CliRunner().invoke(assess_command, [str(org), "--format", "json"])
    assert isinstance(result.exception, InputError)
    assert ROWS_VARIABLE in str(result.exception)
    assert counting.seen == []


def test_cache_info_and_clear(
    org: Path, cache_dir: Path, counting: CountingClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = cache_dir / CACHE_FILE
    info = CliRunner().invoke(cli, ["cache", "info"])
    assert info.exit_code == 0, info.output
    assert f"path: {path} (not created yet)" in info.output
    assert "rows: 0 (at most 500,000" in info.output
    assess_json(org)
    stored = len(stored_digests(path))
    monkeypatch.setenv(ROWS_VARIABLE, "1000")
    info = CliRunner().invoke(cli, ["cache", "info"])
    assert f"rows: {stored:,} (at most 1,000;" in info.output
    size = float(info.output.split("size: ")[1].split(" MB")[0])
    assert size > 0
    cleared = CliRunner().invoke(cli, ["cache", "clear"])
    assert cleared.exit_code == 0, cleared.output
    assert f"removed {stored:,} rows from {path}" in cleared.output
    assert stored_digests(path) == set()
    assert "rows: 0 " in CliRunner().invoke(cli, ["cache", "info"]).output
    counting.seen.clear()
    assess_json(org)
    assert len(counting.seen) == stored  # every text classified again


def test_clearing_a_missing_file_creates_none(cache_dir: Path) -> None:
    cleared = CliRunner().invoke(cli, ["cache", "clear"])
    assert cleared.exit_code == 0, cleared.output
    assert "removed 0 rows" in cleared.output
    assert not (cache_dir / CACHE_FILE).exists()


@pytest.mark.parametrize("command", ["info", "clear"])
def test_a_damaged_file_is_an_error_saying_what_to_do(cache_dir: Path, command: str) -> None:
    cache_dir.mkdir()
    (cache_dir / CACHE_FILE).write_bytes(b"not a database, " * 512)
    result = CliRunner().invoke(cli, ["cache", command])
    assert result.exit_code == 1
    assert "cannot be used" in result.output and "delete it" in result.output

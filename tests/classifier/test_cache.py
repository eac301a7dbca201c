"""Results are cached by text digest and classifier version: unchanged texts are not
classified again, a new version classifies them anew, and a classifier without a version is
never cached."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import polars as pl

from socialaudit.engine.boundary import Guard
from socialaudit.engine.classification import RESULT_SCHEMA, MemoryCache, classify_channels
from socialaudit.engine.context import ChannelView
from socialaudit.engine.definitions import ContentClassifier
from socialaudit.engine.model.channel_data import (
    INTERACTION_SCHEMA,
    POST_SCHEMA,
    ChannelData,
    conform,
)
from socialaudit.engine.model.profile import Organisation

NOW = datetime(2024, 6, 30, tzinfo=UTC)


class CountingClassifier(ContentClassifier):
    name = "counting"
    version: str | None = "1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def _rows(self, texts: pl.Series, label: str) -> pl.DataFrame:
        self.seen.extend(texts.to_list())
        return pl.DataFrame(
            {
                "language": ["en"] * len(texts),
                "label": [label] * len(texts),
                "confidence": [0.9] * len(texts),
                "evidence": [[f"{label}:x"]] * len(texts),
            }
        )

    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        return self._rows(texts, "promotional")

    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        return self._rows(texts, "question").with_columns(pl.lit("neutral").alias("sentiment"))


def views() -> dict[str, ChannelView]:
    organisation = Organisation.model_validate(
        {"name": "T", "market": "b2c", "channels": [{"platform": "facebook", "handle": "t"}]}
    )
    post_rows = [
        {"id": str(i), "created_at": NOW - timedelta(days=i + 1), "text": text}
        for i, text in enumerate(["a", "b", "a", None])
    ]
    message_rows = [
        {"id": "m", "created_at": NOW - timedelta(days=1), "text": "hello?", "kind": "comment"}
    ]
    profile = organisation.channels[0]
    data = ChannelData(
        posts=conform(pl.DataFrame(post_rows), POST_SCHEMA),
        messages=conform(pl.DataFrame(message_rows), INTERACTION_SCHEMA),
        messages_known=True,
        followers=None,
    )
    return {profile.key: ChannelView(profile.key, profile, data, [], NOW - timedelta(days=90))}


def run(classifier: ContentClassifier, cache: MemoryCache) -> ChannelView:
    channels = views()
    with Guard() as guard:
        assert classify_channels(channels, classifier, guard, 60, cache) == []
    return next(iter(channels.values()))


def test_unchanged_texts_are_classified_once() -> None:
    classifier, cache = CountingClassifier(), MemoryCache()
    first = run(classifier, cache)
    assert sorted(classifier.seen) == ["", "a", "b", "hello?"]  # each distinct text once
    second = run(classifier, cache)
    assert sorted(classifier.seen) == ["", "a", "b", "hello?"]  # nothing again
    for view in (first, second):
        assert view.posts["label"].to_list() == ["promotional"] * 4
        assert view.messages["sentiment"].to_list() == ["neutral"]
        assert view.messages["evidence"].to_list() == [["question:x"]]
    assert first.posts.equals(second.posts) and first.messages.equals(second.messages)


def test_a_new_version_classifies_again() -> None:
    classifier, cache = CountingClassifier(), MemoryCache()
    run(classifier, cache)
    classifier.version = "2"
    run(classifier, cache)
    assert len(classifier.seen) == 8


def test_a_classifier_without_version_is_not_cached() -> None:
    classifier, cache = CountingClassifier(), MemoryCache()
    classifier.version = None
    run(classifier, cache)
    run(classifier, cache)
    assert classifier.seen.count("a") == 4  # not deduplicated by the cache either


def test_the_memory_cache_starts_over_past_its_limit() -> None:
    cache = MemoryCache(limit=3)
    rows = pl.DataFrame({"digest": ["d1", "d2", "d3", "d4"]}).with_columns(
        [pl.lit(None).cast(dtype).alias(name) for name, dtype in RESULT_SCHEMA.items()]
    )
    cache.store("v", "posts", rows.slice(0, 2))
    cache.store("v", "posts", rows.slice(2, 1))
    digests = pl.Series(["d1", "d2", "d3", "d4"])
    assert sorted(cache.lookup("v", "posts", digests)["digest"]) == ["d1", "d2", "d3"]
    cache.store("v", "posts", rows.slice(3, 1))
    assert cache.lookup("v", "posts", digests)["digest"].to_list() == ["d4"]
    assert cache.lookup("v", "messages", digests).height == 0


class SlowAfterFirstCall(CountingClassifier):
    """Answers its first call at once and takes far longer than the limit for the next."""

    def _rows(self, texts: pl.Series, label: str) -> pl.DataFrame:
        if self.seen:
            import time

            time.sleep(3)
        return super()._rows(texts, label)


def test_a_classification_cut_short_by_the_limit_keeps_what_it_finished(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Texts go to the classifier in chunks, each cached when done: a first assessment that
    runs out of time keeps its finished chunks, and the retry classifies only the rest."""
    import socialaudit.engine.classification as classification

    monkeypatch.setattr(classification, "CACHED_CHUNK", 1)
    classifier, cache = SlowAfterFirstCall(), MemoryCache()
    channels = views()
    with Guard() as guard:
        errors = classify_channels(channels, classifier, guard, 1, cache)
    assert [e.message for e in errors] == [
        "classify_posts: timed out after 1 s",
        "classify_messages: timed out after 1 s",
    ]
    assert classifier.seen[0] == "a"

    retry = CountingClassifier()
    view = run(retry, cache)
    assert "a" not in retry.seen and "b" in retry.seen
    assert view.data.posts["label"].to_list()[:3] == ["promotional"] * 3

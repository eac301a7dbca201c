"""Run the configured classifier once over the window's texts and attach its labels.

All channels' texts go through in one batch per kind, so that language identification runs
once per text. Only texts inside the assessment window are classified: every KPI and rule that
reads a label reads the window (`ChannelView.recent_posts`, `recent_messages`), and language
identification is the costliest step of an assessment, so a year of history would cost four
times what the assessment uses. Older texts keep the agency's own label if the data gives one,
and null otherwise. An agency's override (a ``label`` column in the data) wins over the
classifier.

Results are cached by text digest and classifier version (`ClassificationCache`): re-assessing
an organisation whose texts did not change classifies nothing again. The CLI keeps them in
memory for the run (`MEMORY_CACHE`); the service keeps them in its database.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from typing import Protocol

import polars as pl

from socialaudit.engine.boundary import Guard
from socialaudit.engine.context import ChannelView
from socialaudit.engine.definitions import CLASSIFICATION_SCHEMA, ContentClassifier
from socialaudit.engine.definitions.classifier import SENTIMENT_COLUMN
from socialaudit.engine.model.assessment import AssessmentError, ErrorKind

RESULT_SCHEMA: dict[str, pl.DataType] = {**CLASSIFICATION_SCHEMA, SENTIMENT_COLUMN: pl.String()}
"""What is cached and attached per text: the classifier's columns and the optional sentiment."""


class ClassificationCache(Protocol):
    """Results per (classifier version, kind, text digest); `kind` is `posts` or `messages`."""

    def lookup(self, version: str, kind: str, digests: pl.Series) -> pl.DataFrame:
        """The known rows among `digests`: a ``digest`` column and the `RESULT_SCHEMA` ones."""
        ...

    def store(self, version: str, kind: str, rows: pl.DataFrame) -> None:
        """Keep `rows` (``digest`` and the `RESULT_SCHEMA` columns)."""
        ...


class MemoryCache:
    """In this process only, up to `limit` rows per version and kind (then it starts over:
    a long-running process that sees ever new texts does not grow without bound)."""

    def __init__(self, limit: int = 2_000_000) -> None:
        self.limit = limit
        self._rows: dict[tuple[str, str], pl.DataFrame] = {}

    def lookup(self, version: str, kind: str, digests: pl.Series) -> pl.DataFrame:
        known = self._rows.get((version, kind))
        if known is None:
            return empty_results()
        return known.join(pl.DataFrame({"digest": digests}).unique(), on="digest", how="semi")

    def store(self, version: str, kind: str, rows: pl.DataFrame) -> None:
        known = self._rows.get((version, kind))
        if known is None or known.height + rows.height > self.limit:
            self._rows[(version, kind)] = rows
        else:
            self._rows[(version, kind)] = pl.concat([known, rows])


MEMORY_CACHE = MemoryCache()

CACHED_CHUNK = 1_000
"""Texts per classifier call when a cache keeps the results: small enough that a call cut short
by the time limit loses little, large enough that the per-call cost (language models, pattern
compilation) stays small."""


def empty_results() -> pl.DataFrame:
    return pl.DataFrame(schema={"digest": pl.String(), **RESULT_SCHEMA})


def text_digests(texts: pl.Series) -> pl.Series:
    """A stable digest per text (the database keeps them across versions of polars)."""
    return pl.Series(
        "digest",
        [hashlib.blake2b(t.encode(), digest_size=16).hexdigest() for t in texts.to_list()],
        dtype=pl.String,
    )


def _attach(frame: pl.DataFrame, labels: pl.DataFrame | None, kind: str) -> pl.DataFrame:
    override = frame["label"]
    schema = RESULT_SCHEMA if kind == "messages" else CLASSIFICATION_SCHEMA
    if labels is None:
        labels = pl.DataFrame(
            {
                name: pl.Series(name, [None] * frame.height, dtype=dtype)
                for name, dtype in schema.items()
            }
        )
    labels = labels.select(
        [
            (pl.col(c) if c in labels.columns else pl.lit(None)).cast(dtype).alias(c)
            for c, dtype in schema.items()
        ]
    )
    merged = frame.drop([c for c in ("label", SENTIMENT_COLUMN) if c in frame.columns]).hstack(
        labels
    )
    return merged.with_columns(
        pl.coalesce(override, pl.col("label")).alias("label"),
        pl.when(override.is_not_null())
        .then(pl.lit(1.0))
        .otherwise(pl.col("confidence"))
        .alias("confidence"),
        pl.when(override.is_not_null())
        .then(pl.lit(["override"], dtype=pl.List(pl.String)))
        .otherwise(pl.col("evidence"))
        .alias("evidence"),
    )


def _run(
    guard: Guard,
    classifier: ContentClassifier | None,
    method: str,
    texts: pl.Series,
    timeout: float,
    errors: list[AssessmentError],
    limit: float | None = None,
) -> pl.DataFrame | None:
    if classifier is None or texts.len() == 0:
        return None
    outcome = guard.call(getattr(classifier, method), texts, timeout=max(timeout, 0), limit=limit)
    outcome_error: str | None
    if outcome.error is None and (
        not isinstance(outcome.value, pl.DataFrame) or outcome.value.height != texts.len()
    ):
        outcome_error = f"{method} must return one row per text, in a polars DataFrame"
    else:
        outcome_error = outcome.error
    if outcome_error:
        errors.append(
            AssessmentError(
                kind=ErrorKind.CLASSIFIER,
                source=classifier.name,
                message=f"{method}: {outcome_error}",
            )
        )
        return None
    return outcome.value


def _results(labels: pl.DataFrame) -> pl.DataFrame:
    return labels.select(
        [
            (pl.col(c) if c in labels.columns else pl.lit(None)).cast(dtype).alias(c)
            for c, dtype in RESULT_SCHEMA.items()
        ]
    )


def _run_cached(
    guard: Guard,
    classifier: ContentClassifier | None,
    kind: str,
    method: str,
    texts: pl.Series,
    timeout: float,
    errors: list[AssessmentError],
    cache: ClassificationCache | None,
) -> pl.DataFrame | None:
    """Only the texts the cache does not know go to the classifier, each distinct text once, in
    chunks stored as each is done: a first assessment that runs out of time (a model on a busy
    machine) keeps what it classified, so the next attempt does not start again from nothing."""
    version = getattr(classifier, "version", None) if classifier is not None else None
    if cache is None or version is None or texts.len() == 0:
        return _run(guard, classifier, method, texts, timeout, errors)
    rows = pl.DataFrame({"text": texts.cast(pl.String).fill_null("")})
    distinct = rows.unique("text", maintain_order=True)
    distinct = distinct.with_columns(text_digests(distinct["text"]))
    known = cache.lookup(version, kind, distinct["digest"])
    missing = distinct.join(known.select("digest"), on="digest", how="anti")
    deadline = time.monotonic() + timeout
    done = [empty_results()]
    for chunk in missing.iter_slices(CACHED_CHUNK):
        remaining = deadline - time.monotonic()
        labels = _run(guard, classifier, method, chunk["text"], remaining, errors, limit=timeout)
        if labels is None:
            return None  # what was classified so far stays cached: a retry goes on from there
        fresh = chunk.select("digest").hstack(_results(labels))
        cache.store(version, kind, fresh)
        done.append(fresh)
    fresh = pl.concat(done)
    results = pl.concat([known.select(fresh.columns), fresh])
    by_text = distinct.join(results, on="digest", how="inner").drop("digest")
    return rows.join(by_text, on="text", how="left", maintain_order="left").drop("text")


def classify_channels(
    channels: dict[str, ChannelView],
    classifier: ContentClassifier | None,
    guard: Guard,
    timeout: float,
    cache: ClassificationCache | None = MEMORY_CACHE,
    message_lookback: timedelta = timedelta(0),
) -> list[AssessmentError]:
    """Add language, label, confidence and evidence (and, for messages, sentiment) to the posts
    and messages of every channel that fall in the assessment window.

    Messages are classified from `message_lookback` before the window, too: a KPI comparing
    the audience's sentiment with the window before needs that window's sentiment. Posts have
    no such comparison, so older posts stay unclassified."""
    errors: list[AssessmentError] = []
    for kind, method in (("posts", "classify_posts"), ("messages", "classify_messages")):
        frames = [getattr(view.data, kind) for view in channels.values()]
        lookback = message_lookback if kind == "messages" else timedelta(0)
        in_window = [
            (f["created_at"] > view.window_start - lookback).fill_null(False)
            for f, view in zip(frames, channels.values(), strict=True)
        ]
        texts = (
            pl.concat([f["text"].filter(mask) for f, mask in zip(frames, in_window, strict=True)])
            if frames
            else pl.Series("text", [], pl.String)
        )
        labels = _run_cached(guard, classifier, kind, method, texts, timeout, errors, cache)
        offset = 0
        for view, frame, mask in zip(channels.values(), frames, in_window, strict=True):
            count = int(mask.sum())
            part = labels.slice(offset, count) if labels is not None else None
            offset += count
            setattr(view.data, kind, _attach(frame, _scatter(part, mask), kind))
    return errors


def _scatter(labels: pl.DataFrame | None, mask: pl.Series) -> pl.DataFrame | None:
    """The window's labels at their rows, nulls at the rows outside it."""
    if labels is None or mask.all():
        return labels
    positions = (mask.cum_sum() - 1).cast(pl.UInt32)
    index = pl.select(pl.when(pl.lit(mask)).then(pl.lit(positions))).to_series()
    return labels.select(pl.all().gather(index))

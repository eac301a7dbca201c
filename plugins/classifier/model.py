"""The model classifier: multilingual-e5-small embeddings and a logistic-regression head per
task, trained on labelled posts and audience messages written by people who never saw the cues.

The cues do not feed the model: widened on one's own errors, they would make cross-validation
look better than new text will be. They only supply the evidence shown with a label, and the
language comes from lingua as before.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import polars as pl

from socialaudit.plugin import (
    CLASSIFICATION_SCHEMA,
    SENTIMENT_COLUMN,
    UNKNOWN_LANGUAGE,
    ContentClassifier,
)
from socialaudit.plugins.classifier.cues import DEFAULTS, CueClassifier
from socialaudit.plugins.classifier.embedding import Embedder
from socialaudit.plugins.classifier.heads import Heads, load_heads
from socialaudit.plugins.classifier.normalise import for_model


class ModelClassifier(ContentClassifier):
    name = "model"
    title = "multilingual-e5-small with trained linear heads; evidence from the cue packs"
    languages = ("nl", "en", "fr")

    def __init__(self, cues: CueClassifier | None = None, embedder: Embedder | None = None):
        self.cues = cues or CueClassifier()
        self.embedder = embedder or Embedder()

    def use_language_packs(self, paths: list[Path]) -> None:
        self.cues.use_language_packs(paths)

    @cached_property
    def heads(self) -> Heads:
        return load_heads()

    @property
    def version(self) -> str:  # type: ignore[override]
        return f"model:{self.embedder.version}:{self.heads.digest}:{self.cues.version}"

    def _classify(self, texts: pl.Series, kind: str, sentiment: bool) -> pl.DataFrame:
        rows = pl.DataFrame({"text": texts.cast(pl.String).str.strip_chars()})
        distinct = (
            rows.filter(pl.col("text").str.len_chars() > 0)
            .unique("text", maintain_order=True)
            .with_columns(for_model(pl.col("text")).alias("_model_text"))
        )
        distinct = distinct.with_columns(self.cues.identifier.identify(distinct["text"]))
        embeddings = self.embedder.embed(distinct["_model_text"].to_list())
        labels, confidence = self.heads.tasks[kind].predict(embeddings)
        distinct = distinct.with_columns(
            pl.Series("label", labels, dtype=pl.String),
            pl.Series("confidence", confidence.round(3), dtype=pl.Float64),
        )
        if sentiment:
            sentiments, _ = self.heads.tasks["sentiment"].predict(embeddings)
            distinct = distinct.with_columns(
                pl.Series(SENTIMENT_COLUMN, sentiments, dtype=pl.String)
            )
        distinct = distinct.with_columns(
            self.cues.evidence(distinct.select("text", "language", "label"), kind)
        )
        columns = {
            **CLASSIFICATION_SCHEMA,
            **({SENTIMENT_COLUMN: pl.String()} if sentiment else {}),
        }
        result = rows.join(
            distinct.select("text", *columns), on="text", how="left", maintain_order="left"
        )
        return result.select(
            pl.col("language").fill_null(UNKNOWN_LANGUAGE),
            pl.col("label").fill_null(DEFAULTS[kind]),
            pl.col("confidence").fill_null(0.0),
            pl.col("evidence").fill_null(pl.lit([], dtype=pl.List(pl.String))),
            *([pl.col(SENTIMENT_COLUMN)] if sentiment else []),
        ).cast(columns)  # type: ignore[arg-type]

    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        return self._classify(texts, "posts", sentiment=False)

    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        return self._classify(texts, "messages", sentiment=True)

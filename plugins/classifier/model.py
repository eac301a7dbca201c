"""The model classifier: logistic-regression heads per task on sentence embeddings, trained
on labelled posts and audience messages written by people who never saw the cues. A cheap
embedding (USE multilingual) screens every text; the texts its heads are unsure of are
embedded by multilingual-e5-small and labelled by the full heads (`heads.py`).

The cues do not feed the model: widened on one's own errors, they would make cross-validation
look better than new text will be. They only supply the evidence shown with a label, and the
language comes from py3langid, as for the cues.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from socialaudit.plugin import (
    CLASSIFICATION_SCHEMA,
    SENTIMENT_COLUMN,
    UNKNOWN_LANGUAGE,
    ContentClassifier,
)
from socialaudit.plugins.classifier.cues import DEFAULTS, CueClassifier
from socialaudit.plugins.classifier.embedding import Embedder, ScreenEmbedder
from socialaudit.plugins.classifier.heads import (
    HEADS_FILE,
    KIND_TASKS,
    Heads,
    heads_digest,
    load_heads,
)
from socialaudit.plugins.classifier.normalise import for_model

if TYPE_CHECKING:
    import numpy as np


class ModelClassifier(ContentClassifier):
    name = "model"
    title = (
        "USE multilingual screening, multilingual-e5-small where unsure, trained linear heads; "
        "evidence from the cue packs"
    )
    languages = ("nl", "en", "fr")

    def __init__(
        self,
        cues: CueClassifier | None = None,
        embedder: Embedder | None = None,
        screen: ScreenEmbedder | None = None,
        heads_file: Path = HEADS_FILE,
    ):
        self.cues = cues or CueClassifier()
        self.embedder = embedder or Embedder()
        self.screen = screen or ScreenEmbedder()
        self.heads_file = heads_file

    def use_language_packs(self, paths: list[Path]) -> None:
        self.cues.use_language_packs(paths)

    @cached_property
    def heads(self) -> Heads:
        """The trained heads, refused when they were trained on other embedders: weights read
        against another model's vectors give confident labels that mean nothing."""
        heads = load_heads(self.heads_file)
        trained = (heads.screen_embedder.partition("@")[0], heads.full_embedder.partition("@")[0])
        if trained != (self.screen.name, self.embedder.name):
            raise ValueError(
                f"{self.heads_file} was trained on {' and '.join(trained)}, not on "
                f"{self.screen.name} and {self.embedder.name}: train heads for these with "
                "scripts/train_classifier.py"
            )
        return heads

    @property
    def version(self) -> str:  # type: ignore[override]
        return (
            f"model:{self.screen.version}:{self.embedder.version}:{heads_digest(self.heads_file)}:"
            f"{self.cues.version}"
        )

    def predict(self, texts: list[str], kind: str) -> dict[str, tuple[list[str], np.ndarray]]:
        """Label and probability per task of `kind` (posts; messages and sentiment) for each
        model text: from the screen where every task's screen head is sure enough, else from
        the full heads on e5 (with the screen's embedding beside it if trained so)."""
        import numpy as np

        tasks = [self.heads.tasks[task] for task in KIND_TASKS[kind]]
        screened = self.screen.embed(texts)
        results = [task.screen.predict(screened) for task in tasks]
        sure = np.ones(len(texts), dtype=bool)
        for task, (_, probability) in zip(tasks, results, strict=True):
            sure &= probability >= task.threshold
        unsure = np.flatnonzero(~sure)
        if unsure.size:
            e5 = self.embedder.embed([texts[i] for i in unsure])
            features = {"e5": e5, "e5+use": np.hstack([e5, screened[unsure]])}
            for task, (labels, probability) in zip(tasks, results, strict=True):
                full_labels, full_probability = task.full.predict(features[task.full_features])
                for position, label in zip(unsure, full_labels, strict=True):
                    labels[position] = label
                probability[unsure] = full_probability
        return dict(zip(KIND_TASKS[kind], results, strict=True))

    def _classify(self, texts: pl.Series, kind: str, sentiment: bool) -> pl.DataFrame:
        rows = pl.DataFrame({"text": texts.cast(pl.String).str.strip_chars()})
        distinct = (
            rows.filter(pl.col("text").str.len_chars() > 0)
            .unique("text", maintain_order=True)
            .with_columns(for_model(pl.col("text")).alias("_model_text"))
        )
        distinct = distinct.with_columns(self.cues.identifier.identify(distinct["text"]))
        predicted = self.predict(distinct["_model_text"].to_list(), kind)
        labels, confidence = predicted[kind]
        distinct = distinct.with_columns(
            pl.Series("label", labels, dtype=pl.String),
            pl.Series("confidence", confidence.round(3), dtype=pl.Float64),
        )
        if sentiment:
            sentiments, _ = predicted["sentiment"]
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

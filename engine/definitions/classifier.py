"""Content classifiers: what a post is for, and what an audience message asks of the business."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

import polars as pl

POST_LABELS = ("promotional", "informational", "conversational")
MESSAGE_LABELS = ("question", "complaint", "praise", "other")
SENTIMENTS = ("positive", "neutral", "negative")
UNKNOWN_LANGUAGE = "unknown"

CLASSIFICATION_SCHEMA: dict[str, pl.DataType] = {
    "language": pl.String(),
    "label": pl.String(),
    "confidence": pl.Float64(),
    "evidence": pl.List(pl.String()),
}
"""Columns a classifier returns, one row per input text, in input order."""

SENTIMENT_COLUMN = "sentiment"
"""An optional column of `classify_messages`: `positive`, `neutral` or `negative` per audience
message (null where the classifier cannot tell); absent, the engine fills it with nulls."""


class ContentClassifier(ABC):
    """Labels texts in batches, so that language identification runs once per text and
    fast paths (compiled patterns, vectorised models) are possible.

    A null or empty text gets language ``unknown``, a label, and confidence 0.
    """

    name: str
    title: str = ""
    languages: tuple[str, ...] = ()
    version: str | None = None
    """Changes whenever the same text may get another result (new weights, new cues); results
    are cached by text and version. None: never cached."""

    def use_language_packs(self, paths: list[Path]) -> None:  # noqa: B027 - optional hook
        """Receive the language packs other plugins registered (``socialaudit_language_packs``),
        once, after all plugins are loaded. Classifiers that use no packs ignore them."""

    @abstractmethod
    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        """Label each post `promotional`, `informational` or `conversational`."""

    @abstractmethod
    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        """Label each audience message `question`, `complaint`, `praise` or `other`, and
        optionally give its `sentiment`."""

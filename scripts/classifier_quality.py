"""How well a classifier's labels agree with the truth: the macro-F1 that the held-out figures
(`evaluate_classifier.py`, docs/classifier.md) and their regression floors
(tests/classifier/test_holdout_quality.py) both report, from this one definition so that a floor
and the figure it guards are the same measure.

Macro, not micro: every label weighs the same, so a classifier that misses the rare labels
(complaints, questions) cannot hide behind the common ones.
"""

from __future__ import annotations

import polars as pl

from socialaudit.plugin import ContentClassifier


def macro_f1(truth: list[str], predicted: list[str], labels: tuple[str, ...]) -> float:
    """The mean F1 over `labels`; a label neither in the truth nor predicted has no F1 and is
    left out rather than counted as 0 or 1."""
    pairs = list(zip(truth, predicted, strict=True))
    scores = []
    for label in labels:
        tp = sum(t == p == label for t, p in pairs)
        fp = sum(p == label != t for t, p in pairs)
        fn = sum(t == label != p for t, p in pairs)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def predict(classifier: ContentClassifier, data: pl.DataFrame) -> pl.DataFrame:
    """`data` (columns `text` and `kind`) with the classifier's `predicted_label` and
    `predicted_sentiment` beside the truth, posts and messages each through their own call."""
    import polars as pl

    parts = []
    for kind, method in (("post", "classify_posts"), ("message", "classify_messages")):
        part = data.filter(pl.col("kind") == kind)
        if part.height:
            result = getattr(classifier, method)(part["text"])
            parts.append(
                part.with_columns(
                    result["label"].alias("predicted_label"),
                    (result["sentiment"] if "sentiment" in result.columns else pl.lit(None))
                    .cast(pl.String)
                    .alias("predicted_sentiment"),
                )
            )
    return pl.concat(parts, how="diagonal_relaxed")

"""A regression guard on held-out texts the cues were not tuned on; `bench/classifier_bench.py`
prints the exact figures per language and label."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from socialaudit.engine.definitions import MESSAGE_LABELS, POST_LABELS
from socialaudit.plugins.classifier import CueClassifier

DATA = Path(__file__).parent / "data"


def macro_f1(truth: list[str], predicted: list[str], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        pairs = list(zip(truth, predicted, strict=True))
        tp = sum(t == p == label for t, p in pairs)
        fp = sum(p == label != t for t, p in pairs)
        fn = sum(t == label != p for t, p in pairs)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


@pytest.mark.parametrize(
    ("kind", "labels", "method"),
    [("posts", POST_LABELS, "classify_posts"), ("messages", MESSAGE_LABELS, "classify_messages")],
)
@pytest.mark.parametrize("language", ["nl", "en", "fr"])
def test_holdout_macro_f1_per_language(
    kind: str, labels: tuple[str, ...], method: str, language: str
) -> None:
    data = pl.read_csv(DATA / f"{kind}.csv").filter(
        (pl.col("split") == "holdout") & (pl.col("language") == language)
    )
    assert data.height >= 14
    classifier = CueClassifier()
    classifier.use_language_packs([])
    predicted = getattr(classifier, method)(data["text"])["label"].to_list()
    assert macro_f1(data["label"].to_list(), predicted, labels) >= 0.85

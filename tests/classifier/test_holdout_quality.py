"""Regression guards on held-out texts: the model on the rows written apart from its
training parts (every `data/labelled/heldout*.csv`, never used to train or tune), the cue
fallback on the older rows (`data/*.csv`, split `holdout`). `scripts/evaluate_classifier.py`
prints the exact figures with confusion matrices."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from scripts.classifier_quality import macro_f1, predict
from socialaudit.engine.definitions import MESSAGE_LABELS, POST_LABELS
from socialaudit.plugin import SENTIMENTS
from socialaudit.plugins.classifier import CueClassifier, ModelClassifier

DATA = Path(__file__).parent / "data"
MODEL_FLOOR = {
    "heldout.csv": {"posts": 0.92, "messages": 0.87, "sentiment": 0.84},
    "heldout_b.csv": {"posts": 0.90, "messages": 0.87, "sentiment": 0.86},
    "heldout_c.csv": {"posts": 0.89, "messages": 0.87, "sentiment": 0.86},
}
"""Regression floors 0.02 to 0.035 under the held-out macro-F1 that
`scripts/evaluate_classifier.py` measured on 2026-12-02 with the shipped heads (the joint
message head, screen thresholds within 0.005 of the full head; lowest language per file and
task: `heldout.csv` posts 0.954, messages 0.895, sentiment 0.863; `heldout_b.csv` posts 0.933,
messages 0.893, sentiment 0.882; `heldout_c.csv` posts 0.916, messages 0.897, sentiment 0.882;
docs/classifier.md). The goal is 0.90 for every task and language: 9 of the 27 cells are still
below it."""
CUE_FLOOR = 0.80


HELDOUT_FILES = sorted(p.name for p in (DATA / "labelled").glob("heldout*.csv"))


@pytest.fixture(scope="module")
def heldout() -> dict[str, pl.DataFrame]:
    """Every held-out file's rows with the model's labels and sentiment, classified once."""
    classifier = ModelClassifier()
    classifier.use_language_packs([])
    found = {}
    for name in HELDOUT_FILES:
        data = pl.read_csv(DATA / "labelled" / name).select(
            "text", "language", "kind", "label", "sentiment"
        )
        found[name] = predict(classifier, data)
    return found


def test_every_held_out_file_has_a_floor() -> None:
    assert HELDOUT_FILES
    assert set(HELDOUT_FILES) == set(MODEL_FLOOR)


@pytest.mark.parametrize(
    ("task", "kind", "truth", "predicted", "labels"),
    [
        ("posts", "post", "label", "predicted_label", POST_LABELS),
        ("messages", "message", "label", "predicted_label", MESSAGE_LABELS),
        ("sentiment", "message", "sentiment", "predicted_sentiment", SENTIMENTS),
    ],
)
@pytest.mark.parametrize("language", ["nl", "en", "fr"])
@pytest.mark.parametrize("file", HELDOUT_FILES)
def test_model_heldout_macro_f1_per_language(
    heldout: dict[str, pl.DataFrame],
    file: str,
    task: str,
    kind: str,
    truth: str,
    predicted: str,
    labels: tuple[str, ...],
    language: str,
) -> None:
    rows = heldout[file].filter((pl.col("kind") == kind) & (pl.col("language") == language))
    assert rows.height >= 60  # `heldout_c.csv` holds 60 posts a language, the others more
    score = macro_f1(rows[truth].to_list(), rows[predicted].to_list(), labels)
    assert score >= MODEL_FLOOR[file][task]


@pytest.mark.parametrize(
    ("kind", "labels", "method"),
    [("posts", POST_LABELS, "classify_posts"), ("messages", MESSAGE_LABELS, "classify_messages")],
)
@pytest.mark.parametrize("language", ["nl", "en", "fr"])
def test_cue_fallback_holdout_macro_f1_per_language(
    kind: str, labels: tuple[str, ...], method: str, language: str
) -> None:
    data = pl.read_csv(DATA / f"{kind}.csv").filter(
        (pl.col("split") == "holdout") & (pl.col("language") == language)
    )
    assert data.height >= 14
    classifier = CueClassifier()
    classifier.use_language_packs([])
    predicted = getattr(classifier, method)(data["text"])["label"].to_list()
    assert macro_f1(data["label"].to_list(), predicted, labels) >= CUE_FLOOR

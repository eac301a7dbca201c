"""The model classifier's cascade: the screen's label stands where its heads are sure, the
other texts go on to e5, and the version keys the cache on the configuration. Fake embedders
keep these tests off the real models; the shipped heads are checked on real text at the end."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from socialaudit.plugins.classifier import CueClassifier, ModelClassifier
from socialaudit.plugins.classifier.heads import load_heads


class FakeScreen:
    """Feature 0: the text says it is sure of its label; feature 1: of its sentiment."""

    name = version = "fake-screen"

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.array(
            [[float("sure-label" in t), float("sure-sentiment" in t)] for t in texts],
            dtype=np.float32,
        ).reshape(len(texts), 2)


class FakeE5:
    """Always the same vector; remembers what it was asked to embed."""

    name = version = "fake-e5"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        return np.ones((len(texts), 3), dtype=np.float32)


def head(labels: list[str], coef: list[list[float]]) -> dict:
    return {"labels": labels, "coef": coef, "intercept": [0.0] * len(labels)}


POSTS = ["conversational", "informational", "promotional"]
MESSAGES = ["complaint", "other", "praise", "question"]
SENTIMENTS = ["negative", "neutral", "positive"]


def write_heads(path: Path, full_features: str = "e5", threshold: float = 0.9) -> Path:
    """Screen heads sure (promotional, praise, positive) when their feature is 1, uniform
    otherwise; full heads always informational, question, neutral."""
    width = 3 if full_features == "e5" else 5

    def full(labels: list[str], winner: str) -> dict:
        return head(labels, [[1.0 if label == winner else 0.0] * width for label in labels])

    tasks = {
        "posts": {
            "screen": head(POSTS, [[0, 0], [0, 0], [10, 0]]),
            "full": full(POSTS, "informational"),
        },
        "messages": {
            "screen": head(MESSAGES, [[0, 0], [0, 0], [10, 0], [0, 0]]),
            "full": full(MESSAGES, "question"),
        },
        "sentiment": {
            "screen": head(SENTIMENTS, [[0, 0], [0, 0], [0, 10]]),
            "full": full(SENTIMENTS, "neutral"),
        },
    }
    for task in tasks.values():
        task["threshold"] = threshold
        task["full_features"] = full_features
    path.write_text(
        json.dumps(
            {
                "embedders": {"screen": "fake-screen", "full": "fake-e5"},
                "tasks": tasks,
            }
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def cues() -> CueClassifier:
    classifier = CueClassifier()
    classifier.use_language_packs([])
    return classifier


def classifier(cues: CueClassifier, heads: Path) -> tuple[ModelClassifier, FakeE5]:
    e5 = FakeE5()
    return ModelClassifier(cues, embedder=e5, screen=FakeScreen(), heads_file=heads), e5  # type: ignore[arg-type]


def test_a_sure_screen_label_stands_and_only_the_unsure_text_reaches_e5(
    cues: CueClassifier, tmp_path: Path
) -> None:
    model, e5 = classifier(cues, write_heads(tmp_path / "heads.json"))
    result = model.classify_posts(pl.Series(["Nu in de winkel sure-label", "Een gewone tekst"]))
    assert result["label"].to_list() == ["promotional", "informational"]
    assert e5.seen == ["Een gewone tekst"]
    assert result["confidence"][0] > 0.99  # the screen's probability


def test_a_message_goes_to_e5_unless_label_and_sentiment_are_both_sure(
    cues: CueClassifier, tmp_path: Path
) -> None:
    model, e5 = classifier(cues, write_heads(tmp_path / "heads.json"))
    texts = ["Top sure-label sure-sentiment", "Top sure-label maar verder niets"]
    result = model.classify_messages(pl.Series(texts))
    assert result["label"].to_list() == ["praise", "question"]
    assert result["sentiment"].to_list() == ["positive", "neutral"]
    assert e5.seen == ["Top sure-label maar verder niets"]


def test_a_threshold_above_one_sends_every_text_to_e5(cues: CueClassifier, tmp_path: Path) -> None:
    model, e5 = classifier(cues, write_heads(tmp_path / "heads.json", threshold=1.01))
    result = model.classify_posts(pl.Series(["Nu in de winkel sure-label"]))
    assert result["label"].to_list() == ["informational"]
    assert e5.seen == ["Nu in de winkel sure-label"]


def test_full_heads_read_e5_with_the_screen_beside_it_when_trained_so(
    cues: CueClassifier, tmp_path: Path
) -> None:
    model, e5 = classifier(cues, write_heads(tmp_path / "heads.json", full_features="e5+use"))
    assert model.classify_posts(pl.Series(["Een gewone tekst"]))["label"].to_list() == [
        "informational"
    ]
    assert e5.seen == ["Een gewone tekst"]


def test_unknown_full_features_are_refused_with_the_file_named(tmp_path: Path) -> None:
    path = write_heads(tmp_path / "heads.json", full_features="e5+tfidf")
    with pytest.raises(
        ValueError, match=r"heads\.json: tasks\.posts\.full_features is 'e5\+tfidf'"
    ):
        load_heads(path)


def test_the_version_changes_with_the_heads(cues: CueClassifier, tmp_path: Path) -> None:
    first, _ = classifier(cues, write_heads(tmp_path / "a.json", threshold=0.9))
    same, _ = classifier(cues, write_heads(tmp_path / "b.json", threshold=0.9))
    other, _ = classifier(cues, write_heads(tmp_path / "c.json", threshold=0.8))
    assert first.version == same.version
    assert first.version != other.version
    assert "fake-screen" in first.version and "fake-e5" in first.version


def test_the_shipped_heads_label_the_same_text_alike_alone_and_in_a_batch(
    cues: CueClassifier,
) -> None:
    model = ModelClassifier(cues)
    texts = [
        "Waarom is mijn bestelling nog steeds niet geleverd? Al twee weken wachten.",
        "Merci pour l'accueil chaleureux samedi, on reviendra !",
        "Do you ship to Belgium?",
        "Tag a friend who needs this 😂",
    ]
    together = model.classify_messages(pl.Series(texts))
    alone = pl.concat([model.classify_messages(pl.Series([text])) for text in texts])
    assert together.select("label", "sentiment").equals(alone.select("label", "sentiment"))
    assert together["label"].to_list()[:3] == ["complaint", "praise", "question"]


def test_heads_trained_on_another_embedder_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    import pytest

    from socialaudit.plugins.classifier.heads import HEADS_FILE
    from socialaudit.plugins.classifier.model import ModelClassifier

    data = json.loads(HEADS_FILE.read_text(encoding="utf-8"))
    data["embedders"]["full"] = "some-other-model@other-1.0"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    assert ModelClassifier().heads.tasks  # the shipped heads fit the shipped embedders
    with pytest.raises(ValueError, match=r"trained on .*some-other-model.*train_classifier"):
        _ = ModelClassifier(heads_file=other).heads


def test_a_joint_head_gives_each_task_its_part_with_the_other_summed_out() -> None:
    from socialaudit.plugins.classifier.heads import Head

    labels = ("complaint|negative", "praise|neutral", "praise|positive")
    # logits 0, ln 2, ln 3: the pairs' probabilities 1/6, 2/6, 3/6
    coef = np.zeros((3, 1), dtype=np.float32)
    intercept = np.log(np.array([1.0, 2.0, 3.0], dtype=np.float32))
    features = np.zeros((1, 1), dtype=np.float32)
    label, label_probability = Head(labels, coef, intercept, part=0).predict(features)
    sentiment, sentiment_probability = Head(labels, coef, intercept, part=1).predict(features)
    pair, pair_probability = Head(labels, coef, intercept).predict(features)
    assert label == ["praise"] and label_probability[0] == pytest.approx(5 / 6)
    assert sentiment == ["positive"] and sentiment_probability[0] == pytest.approx(3 / 6)
    assert pair == ["praise|positive"] and pair_probability[0] == pytest.approx(3 / 6)


def test_the_shipped_sentiment_head_reads_the_message_heads_weights() -> None:
    """The shipped heads were trained joint (cross-validation chose it, 2026-12-02)."""
    heads = load_heads()
    messages, sentiment = heads.tasks["messages"].full, heads.tasks["sentiment"].full
    assert (messages.part, sentiment.part) == (0, 1)
    assert sentiment.coef is not messages.coef and np.array_equal(sentiment.coef, messages.coef)
    assert {label.split("|")[1] for label in messages.labels} == {"positive", "neutral", "negative"}

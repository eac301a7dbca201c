"""Linear heads on the embeddings: multinomial logistic regression, one per task (posts,
audience messages, sentiment), trained by `scripts/train_classifier.py` and shipped as a JSON
file of weights. Inference is a matrix product and a softmax in numpy; no training library.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HEADS_FILE = Path(__file__).parent / "heads" / "e5-small.json"
TASKS = ("posts", "messages", "sentiment")


@dataclass(frozen=True)
class Head:
    labels: tuple[str, ...]
    coef: np.ndarray  # (labels, dimensions)
    intercept: np.ndarray  # (labels,)

    def predict(self, embeddings: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The most probable label per row and its probability."""
        logits = embeddings @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        best = probabilities.argmax(axis=1)
        return [self.labels[i] for i in best], probabilities[np.arange(len(best)), best]


@dataclass(frozen=True)
class Heads:
    embedder: str
    digest: str
    tasks: dict[str, Head]


def load_heads(path: Path = HEADS_FILE) -> Heads:
    raw = path.read_bytes()
    data = json.loads(raw)
    tasks = {
        task: Head(
            labels=tuple(data["tasks"][task]["labels"]),
            coef=np.asarray(data["tasks"][task]["coef"], dtype=np.float32),
            intercept=np.asarray(data["tasks"][task]["intercept"], dtype=np.float32),
        )
        for task in TASKS
    }
    return Heads(
        embedder=data["embedder"], digest=hashlib.sha256(raw).hexdigest()[:16], tasks=tasks
    )

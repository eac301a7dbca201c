"""Linear heads on the embeddings: multinomial logistic regression, trained by
`scripts/train_classifier.py` and shipped as a JSON file of weights. Inference is a matrix
product and a softmax in numpy; no training library.

Each task (posts, audience messages, sentiment of audience messages) has two heads: a
*screen* head on the cheap embedding (USE multilingual, about a millisecond a text) and a
*full* head on the expensive one (multilingual-e5-small, 15 to 25 ms a text, with the cheap
embedding beside it where the training chose so for that task). The screen's label stands when its
probability reaches the task's threshold, which cross-validation on the training rows set so
that the two together score within 0.005 per language of the full head alone (less than the
folds' own noise); the other texts go on to the full model. A kind's texts need every one of
its tasks to pass (a message's label and its sentiment come from the same model run).

A message's full head may be *joint*: one regression over the pairs of label and sentiment
("complaint|negative"), each task reading its own part with the probabilities of the other
summed out. Cross-validation chooses it where it scores better than a head per task: a label
and its sentiment go together (a complaint is rarely positive), and one head learns that.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

HEADS_FILE = Path(__file__).parent / "heads" / "cascade.json"
TASKS = ("posts", "messages", "sentiment")
KIND_TASKS = {"posts": ("posts",), "messages": ("messages", "sentiment")}
"""The tasks read from one text of each kind: a message's label and its sentiment."""
FULL_FEATURES = ("e5", "e5+use")
"""What the full head reads: e5 alone, or e5 with the screen's embedding beside it."""
JOINT = "|"
"""Between the parts of a joint head's class: "complaint|negative"."""


def part_of(
    joint_labels: tuple[str, ...], probabilities: np.ndarray, part: int
) -> tuple[tuple[str, ...], np.ndarray]:
    """A joint head's probabilities (one column per class, such as "complaint|negative") read
    for one part: that part's labels, sorted, and for each the sum over the other parts. The
    training script's cross-validation reads its out-of-fold predictions with this too, so its
    figures are those of the shipped head."""
    import numpy as np

    parts = [label.split(JOINT)[part] for label in joint_labels]
    labels = tuple(sorted(set(parts)))
    summed = np.zeros((len(joint_labels), len(labels)), dtype=probabilities.dtype)
    summed[np.arange(len(parts)), [labels.index(name) for name in parts]] = 1.0
    return labels, probabilities @ summed


@dataclass(frozen=True)
class Head:
    labels: tuple[str, ...]
    coef: np.ndarray  # (labels, dimensions)
    intercept: np.ndarray  # (labels,)
    part: int | None = None
    """For a joint head: the part of each class that is this task's label (0 a message's
    label, 1 its sentiment); None for a head of the task's own labels."""

    def predict(self, features: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The most probable label per row and its probability."""
        import numpy as np

        logits = features @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        labels = self.labels
        if self.part is not None:
            labels, probabilities = part_of(self.labels, probabilities, self.part)
        best = probabilities.argmax(axis=1)
        return [labels[i] for i in best], probabilities[np.arange(len(best)), best]


@dataclass(frozen=True)
class Task:
    screen: Head
    full: Head
    threshold: float
    """The screen's label stands at this probability or above (above 1: never)."""
    full_features: str
    """What the full head reads: one of `FULL_FEATURES`."""


@dataclass(frozen=True)
class Heads:
    screen_embedder: str
    full_embedder: str
    digest: str
    tasks: dict[str, Task]


def _head(data: dict, tasks: dict) -> Head:
    """A head's weights, or for ``{"joint": TASK, "part": N}`` those of that task's full head
    (written once in the file), read for part N."""
    import numpy as np

    weights = tasks[data["joint"]]["full"] if "joint" in data else data
    return Head(
        labels=tuple(weights["labels"]),
        coef=np.asarray(weights["coef"], dtype=np.float32),
        intercept=np.asarray(weights["intercept"], dtype=np.float32),
        part=data.get("part"),
    )


def heads_digest(path: Path = HEADS_FILE) -> str:
    """The heads file's identity, for the classifier's version (without parsing its weights:
    a run whose texts are all cached never needs them)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def load_heads(path: Path = HEADS_FILE) -> Heads:
    raw = path.read_bytes()
    data = json.loads(raw)
    tasks = {}
    for task in TASKS:
        entry = data["tasks"][task]
        if entry["full_features"] not in FULL_FEATURES:
            raise ValueError(
                f"{path}: tasks.{task}.full_features is {entry['full_features']!r}, expected "
                f"one of {', '.join(FULL_FEATURES)}; retrain with scripts/train_classifier.py"
            )
        tasks[task] = Task(
            screen=_head(entry["screen"], data["tasks"]),
            full=_head(entry["full"], data["tasks"]),
            threshold=float(entry["threshold"]),
            full_features=entry["full_features"],
        )
    return Heads(
        screen_embedder=data["embedders"]["screen"],
        full_embedder=data["embedders"]["full"],
        digest=hashlib.sha256(raw).hexdigest()[:16],
        tasks=tasks,
    )

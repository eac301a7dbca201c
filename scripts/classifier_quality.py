"""How well a classifier's labels agree with the truth: the macro-F1 that the held-out figures
(`evaluate_classifier.py`, docs/classifier.md) and their regression floors
(tests/classifier/test_holdout_quality.py) both report, from this one definition so that a floor
and the figure it guards are the same measure.

Macro, not micro: every label weighs the same, so a classifier that misses the rare labels
(complaints, questions) cannot hide behind the common ones.
"""

from __future__ import annotations


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

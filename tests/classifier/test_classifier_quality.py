"""The macro-F1 that the held-out figures and their floors share (scripts/classifier_quality)."""

from __future__ import annotations

import pytest

from scripts.classifier_quality import macro_f1


def test_every_label_weighs_the_same_however_rare() -> None:
    truth = ["other"] * 8 + ["complaint"] * 2
    predicted = ["other"] * 10  # right on 8 of 10, blind to complaints
    # other: 2*8 / (2*8 + 2 + 0) = 0.889; complaint: 0
    assert macro_f1(truth, predicted, ("other", "complaint")) == pytest.approx(0.4444, abs=1e-4)


def test_a_label_nobody_used_is_left_out_not_scored() -> None:
    truth = ["question", "other"]
    assert macro_f1(truth, truth, ("question", "other", "complaint")) == 1.0


def test_truth_and_predictions_must_pair_up() -> None:
    with pytest.raises(ValueError):
        macro_f1(["other"], [], ("other",))

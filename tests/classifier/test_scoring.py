"""The evidence for a label given elsewhere (the model's) runs only that label's cues on each
row; it must be what running every cue on every text and picking the row's label gives (the
reference below, as it was computed before)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from socialaudit.plugins.classifier import scoring
from socialaudit.plugins.classifier.cues import ORDERS, CueClassifier
from socialaudit.plugins.classifier.normalise import for_cues
from socialaudit.plugins.classifier.packs import Cue

LABELLED = Path(__file__).parent / "data" / "labelled"


def every_cue_on_every_text(
    texts: pl.DataFrame, cues: dict[str, list[Cue]], order: tuple[str, ...]
) -> pl.DataFrame:
    """The reference path: one column per cue over all texts, summed per label in cue order."""
    flags = {
        label: [
            pl.col("text").str.contains(f"(?i){cue.pattern}").fill_null(False)
            for cue in cues.get(label, [])
        ]
        for label in order
    }
    columns = []
    for label in order:
        label_cues = cues.get(label, [])
        columns.append(
            pl.sum_horizontal(
                [
                    f.cast(pl.Float64) * c.weight
                    for f, c in zip(flags[label], label_cues, strict=True)
                ]
                or [pl.lit(0.0)]
            ).alias(f"_s_{label}")
        )
        columns.append(
            pl.concat_list(
                [
                    pl.when(f).then(pl.lit(f"{label}:{c.name}"))
                    for f, c in zip(flags[label], label_cues, strict=True)
                ]
                or [pl.lit(None, pl.String)]
            )
            .list.drop_nulls()
            .alias(f"_e_{label}")
        )
    return texts.select(columns)


@pytest.fixture(scope="module")
def classifier() -> CueClassifier:
    built = CueClassifier()
    built.use_language_packs([])
    return built


def texts_of(kind: str) -> pl.DataFrame:
    """Every labelled text of that kind (training and held-out, every language), as the cues
    read them, with a few that no cue matches: empty, null, nonsense."""
    wanted = {"posts": "post", "messages": "message"}[kind]
    labelled = pl.concat(
        [
            pl.read_csv(LABELLED / name, columns=["text", "language", "kind"])
            for name in ("posts_train.csv", "messages_train.csv", "heldout.csv")
        ]
    ).filter(pl.col("kind") == wanted)
    extra = pl.DataFrame(
        {"text": ["", None, "zqxj", "Ok"], "language": ["nl"] * 4, "kind": [wanted] * 4}
    )
    return pl.concat([labelled, extra]).select(for_cues(pl.col("text")).alias("text"), "language")


@pytest.mark.parametrize("matching_limit", [0, 10**9], ids=["polars", "python"])
@pytest.mark.parametrize("kind", ["posts", "messages"])
def test_evidence_of_a_given_label_matches_every_cue_on_every_text(
    classifier: CueClassifier, kind: str, matching_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scoring, "PYTHON_MATCHING_LIMIT", matching_limit)
    cues = classifier._cues_for("unknown", kind)
    order = ORDERS[kind]
    texts = texts_of(kind).select("text")
    # labels as a model might give them: any label, whatever the cues say
    labels = pl.Series(
        "label", [order[i % len(order)] if i % 7 else None for i in range(texts.height)]
    )
    given = texts.with_columns(labels)
    evidence = scoring.label_evidence(given, cues, order)["evidence"]
    reference = every_cue_on_every_text(texts, cues, order).with_columns(labels)
    expected = reference.select(
        pl.coalesce(
            [pl.when(pl.col("label") == label).then(pl.col(f"_e_{label}")) for label in order]
        ).alias("evidence")
    )["evidence"]
    assert evidence.fill_null([]).equals(expected.fill_null([]))
    assert evidence.null_count() == 0 and evidence.list.len().sum() > 0

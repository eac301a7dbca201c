"""Run the configured classifier once over the window's texts and attach its labels.

All channels' texts go through in one batch per kind, so that language identification runs
once per text. Only texts inside the assessment window are classified: every KPI and rule that
reads a label reads the window (`ChannelView.recent_posts`, `recent_messages`), and language
identification is the costliest step of an assessment, so a year of history would cost four
times what the assessment uses. Older texts keep the agency's own label if the data gives one,
and null otherwise. An agency's override (a ``label`` column in the data) wins over the
classifier.
"""

from __future__ import annotations

import polars as pl

from socialaudit.engine.boundary import Guard
from socialaudit.engine.context import ChannelView
from socialaudit.engine.definitions import CLASSIFICATION_SCHEMA, ContentClassifier
from socialaudit.engine.model.assessment import AssessmentError, ErrorKind

LABEL_COLUMNS = ("language", "label", "confidence", "evidence")


def _attach(frame: pl.DataFrame, labels: pl.DataFrame | None) -> pl.DataFrame:
    override = frame["label"]
    if labels is None:
        labels = pl.DataFrame(
            {
                name: pl.Series(name, [None] * frame.height, dtype=dtype)
                for name, dtype in CLASSIFICATION_SCHEMA.items()
            }
        )
    labels = labels.select(
        [pl.col(c).cast(CLASSIFICATION_SCHEMA[c]) for c in CLASSIFICATION_SCHEMA]
    )
    merged = frame.drop("label").hstack(labels)
    return merged.with_columns(
        pl.coalesce(override, pl.col("label")).alias("label"),
        pl.when(override.is_not_null())
        .then(pl.lit(1.0))
        .otherwise(pl.col("confidence"))
        .alias("confidence"),
        pl.when(override.is_not_null())
        .then(pl.lit(["override"], dtype=pl.List(pl.String)))
        .otherwise(pl.col("evidence"))
        .alias("evidence"),
    )


def _run(
    guard: Guard,
    classifier: ContentClassifier | None,
    method: str,
    texts: pl.Series,
    timeout: float,
    errors: list[AssessmentError],
) -> pl.DataFrame | None:
    if classifier is None or texts.len() == 0:
        return None
    outcome = guard.call(getattr(classifier, method), texts, timeout=timeout)
    if outcome.error is None and (
        not isinstance(outcome.value, pl.DataFrame) or outcome.value.height != texts.len()
    ):
        outcome_error = f"{method} must return one row per text, in a polars DataFrame"
    else:
        outcome_error = outcome.error
    if outcome_error:
        errors.append(
            AssessmentError(
                kind=ErrorKind.CLASSIFIER,
                source=classifier.name,
                message=f"{method}: {outcome_error}",
            )
        )
        return None
    return outcome.value


def classify_channels(
    channels: dict[str, ChannelView],
    classifier: ContentClassifier | None,
    guard: Guard,
    timeout: float,
) -> list[AssessmentError]:
    """Add language, label, confidence and evidence to the posts and messages of every channel
    that fall in the assessment window."""
    errors: list[AssessmentError] = []
    for kind, method in (("posts", "classify_posts"), ("messages", "classify_messages")):
        frames = [getattr(view.data, kind) for view in channels.values()]
        in_window = [
            (f["created_at"] > view.window_start).fill_null(False)
            for f, view in zip(frames, channels.values(), strict=True)
        ]
        texts = (
            pl.concat([f["text"].filter(mask) for f, mask in zip(frames, in_window, strict=True)])
            if frames
            else pl.Series("text", [], pl.String)
        )
        labels = _run(guard, classifier, method, texts, timeout, errors)
        offset = 0
        for view, frame, mask in zip(channels.values(), frames, in_window, strict=True):
            count = int(mask.sum())
            part = labels.slice(offset, count) if labels is not None else None
            offset += count
            setattr(view.data, kind, _attach(frame, _scatter(part, mask)))
    return errors


def _scatter(labels: pl.DataFrame | None, mask: pl.Series) -> pl.DataFrame | None:
    """The window's labels at their rows, nulls at the rows outside it."""
    if labels is None or mask.all():
        return labels
    positions = (mask.cum_sum() - 1).cast(pl.UInt32)
    index = pl.select(pl.when(pl.lit(mask)).then(pl.lit(positions))).to_series()
    return labels.select(pl.all().gather(index))

"""Score texts against cues, vectorised: each cue is one pass of a compiled pattern over the
texts of its language, and a label's score is the sum of the weights of the cues that match.

The label with the highest score wins; ties go to the label listed first (a question that is
really a sales pitch is promotional; a sarcastic "thanks" is a complaint). No cue at all gives
the default label with a low confidence.
"""

from __future__ import annotations

import polars as pl

from socialaudit.plugins.classifier.packs import Cue

NO_CUE_CONFIDENCE = 0.4


def score(
    texts: pl.DataFrame, cues: dict[str, list[Cue]], order: tuple[str, ...], default: str
) -> pl.DataFrame:
    """`texts` has a ``text`` column; returns it with ``label``, ``confidence``, ``evidence``."""
    if texts.height == 0:
        return texts.with_columns(
            pl.lit(None, pl.String).alias("label"),
            pl.lit(None, pl.Float64).alias("confidence"),
            pl.lit(None, pl.List(pl.String)).alias("evidence"),
        )
    text = pl.col("text")
    score_columns, evidence_columns = [], []
    for label in order:
        label_cues = cues.get(label, [])
        matches = [text.str.contains(f"(?i){cue.pattern}") for cue in label_cues]
        score_columns.append(
            pl.sum_horizontal(
                [
                    m.cast(pl.Float64) * cue.weight
                    for m, cue in zip(matches, label_cues, strict=True)
                ]
                or [pl.lit(0.0)]
            ).alias(f"_s_{label}")
        )
        evidence_columns.append(
            pl.concat_list(
                [
                    pl.when(m).then(pl.lit(f"{label}:{cue.name}"))
                    for m, cue in zip(matches, label_cues, strict=True)
                ]
                or [pl.lit(None, pl.String)]
            )
            .list.drop_nulls()
            .alias(f"_e_{label}")
        )
    scored = texts.with_columns(score_columns + evidence_columns)
    scores = [pl.col(f"_s_{label}") for label in order]
    ranked = pl.concat_list(scores).list.sort(descending=True)
    best, second = ranked.list.get(0), ranked.list.get(1, null_on_oob=True).fill_null(0.0)
    winner = pl.when(best <= 0).then(pl.lit(default))
    evidence = pl.when(best <= 0).then(pl.lit([], dtype=pl.List(pl.String)))
    for label in order:
        winner = winner.when(pl.col(f"_s_{label}") == best).then(pl.lit(label))
        evidence = evidence.when(pl.col(f"_s_{label}") == best).then(pl.col(f"_e_{label}"))
    confidence = (
        pl.when(best <= 0)
        .then(pl.lit(NO_CUE_CONFIDENCE))
        # half for having won at all, the rest for the margin over the runner-up
        .otherwise((0.5 + 0.5 * (best - second) / (best + 1.0)).clip(0.0, 0.99))
    )
    return scored.with_columns(
        winner.otherwise(pl.lit(default)).alias("label"),
        confidence.round(3).alias("confidence"),
        evidence.otherwise(pl.lit([], dtype=pl.List(pl.String))).alias("evidence"),
    ).drop([c for c in scored.columns if c.startswith("_")])

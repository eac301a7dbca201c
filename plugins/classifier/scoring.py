"""Score texts against cues, vectorised: each cue is one pass of a compiled pattern over the
texts of its language, and a label's score is the sum of the weights of the cues that match.

The label with the highest score wins; ties go to the label listed first (a question that is
really a sales pitch is promotional; a sarcastic "thanks" is a complaint). No cue at all gives
the default label with a low confidence.

Each cue's pattern runs once: its matches are materialised as a column, and the scores and the
evidence are read from those columns. A small batch matches in Python with patterns compiled
once a process, a large one in polars (`PYTHON_MATCHING_LIMIT`); both give the same columns.
"""

from __future__ import annotations

import polars as pl

from socialaudit.plugins.classifier.packs import Cue
from socialaudit.plugins.classifier.patterns import compiled

NO_CUE_CONFIDENCE = 0.4


PYTHON_MATCHING_LIMIT = 250
"""Up to this many texts a call, every cue runs in Python, compiled once a process
(`patterns.py`); above it each cue is one polars pass. polars compiles a pattern again on every
call that meets it (it keeps the last 32 per thread, and a classification meets up to 202), a
quarter of a millisecond each, but then matches several times faster a text: the two take the
same wall time at about 250 texts a call and the same CPU time at 400
(`bench/cue_classifier_bench.py --crossover`)."""


def _match_columns(
    texts: pl.DataFrame, cues: dict[str, list[Cue]], order: tuple[str, ...]
) -> pl.DataFrame:
    """One boolean column ``_m_{label}_{i}`` per cue, each pattern evaluated once."""
    named = [
        (f"_m_{label}_{index}", cue)
        for label in order
        for index, cue in enumerate(cues.get(label, []))
    ]
    if not named:
        return texts.select(pl.lit(False).alias("_none"))
    in_python = (
        {name: compiled(cue.pattern) for name, cue in named}
        if texts.height <= PYTHON_MATCHING_LIMIT
        else {}
    )
    strings = texts["text"].to_list() if in_python else []
    flags = {
        name: [text is not None and pattern.search(text) is not None for text in strings]
        for name, pattern in in_python.items()
        if pattern is not None
    }
    in_polars = texts.select(
        pl.col("text").str.contains(f"(?i){cue.pattern}").fill_null(False).alias(name)
        for name, cue in named
        if name not in flags
    )
    if not flags:
        return in_polars
    found = pl.DataFrame(flags, schema=dict.fromkeys(flags, pl.Boolean))
    return found.hstack(in_polars).select(name for name, _ in named) if in_polars.width else found


def _label_columns(
    matches: pl.DataFrame, cues: dict[str, list[Cue]], order: tuple[str, ...]
) -> pl.DataFrame:
    """Per label its score ``_s_{label}`` and the names of its matching cues ``_e_{label}``."""
    columns = []
    for label in order:
        label_cues = list(enumerate(cues.get(label, [])))
        flags = [pl.col(f"_m_{label}_{i}") for i, _ in label_cues]
        columns.append(
            pl.sum_horizontal(
                [
                    flag.cast(pl.Float64) * cue.weight
                    for flag, (_, cue) in zip(flags, label_cues, strict=True)
                ]
                or [pl.lit(0.0)]
            ).alias(f"_s_{label}")
        )
        columns.append(
            pl.concat_list(
                [
                    pl.when(flag).then(pl.lit(f"{label}:{cue.name}"))
                    for flag, (_, cue) in zip(flags, label_cues, strict=True)
                ]
                or [pl.lit(None, pl.String)]
            )
            .list.drop_nulls()
            .alias(f"_e_{label}")
        )
    return matches.select(columns)


def label_evidence(
    texts: pl.DataFrame, cues: dict[str, list[Cue]], order: tuple[str, ...]
) -> pl.DataFrame:
    """`texts` has ``text`` and ``label`` columns; returns them with ``evidence``: the cues of
    that label that match (a label decided elsewhere, such as by a model, shown with the
    words that support it). Only a row's own label's cues run on it: a quarter to a third of
    the pattern passes of scoring every label."""
    empty = pl.lit([], dtype=pl.List(pl.String))
    rows = texts.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_row"), "text", "label")
    found = [
        part.select("_row").hstack(
            _label_columns(_match_columns(part, cues, (label,)), cues, (label,)).select(
                pl.col(f"_e_{label}").alias("evidence")
            )
        )
        for label in order
        if (part := rows.filter(pl.col("label") == label)).height
    ]
    if not found:
        return texts.with_columns(empty.alias("evidence"))
    evidence = rows.select("_row").join(
        pl.concat(found), on="_row", how="left", maintain_order="left"
    )
    return texts.hstack(evidence.select(pl.col("evidence").fill_null(empty)))


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
    scored = _label_columns(_match_columns(texts, cues, order), cues, order)
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
    return texts.hstack(
        scored.select(
            winner.otherwise(pl.lit(default)).alias("label"),
            confidence.round(3).alias("confidence"),
            evidence.otherwise(pl.lit([], dtype=pl.List(pl.String))).alias("evidence"),
        )
    )

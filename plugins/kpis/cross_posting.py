"""The same message copied to every channel, a sign of the checklist mentality: each
platform's audience and format are different (InSites Consulting)."""

from __future__ import annotations

import polars as pl

from socialaudit.plugin import AssessmentContext, ChannelView, Kpi, Measurement, Unit
from socialaudit.plugins.kpis._sources import INSITES, OWN

MIN_TEXT_LENGTH = 20
"""Shorter texts ("Happy holidays!") repeat by chance and say nothing about copying."""

_MEMO_KEY = "builtin-kpis:cross-posted"


def _normalised_text() -> pl.Expr:
    return (
        pl.col("text")
        .str.to_lowercase()
        .str.replace_all(r"https?://\S+", "")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def _cross_posted(ctx: AssessmentContext) -> pl.DataFrame:
    """Per channel: window posts with a comparable text, and how many also appear elsewhere."""
    if _MEMO_KEY not in ctx.memo:
        frames = [
            view.recent_posts.select(
                pl.lit(key).alias("channel"), _normalised_text().alias("t")
            ).filter(pl.col("t").str.len_chars() >= MIN_TEXT_LENGTH)
            for key, view in ctx.channels.items()
        ]
        texts = (
            pl.concat(frames)
            if frames
            else pl.DataFrame(schema={"channel": pl.String, "t": pl.String})
        )
        spread = texts.group_by("t").agg(pl.col("channel").n_unique().alias("spread"))
        ctx.memo[_MEMO_KEY] = (
            texts.join(spread, on="t")
            .group_by("channel")
            .agg(pl.len().alias("posts"), (pl.col("spread") > 1).sum().alias("copied"))
        )
    return ctx.memo[_MEMO_KEY]


def _measure(rows: pl.DataFrame) -> Measurement:
    posts = int(rows["posts"].sum()) if rows.height else 0
    if posts == 0:
        return Measurement(None, {"reason": "no posts with text in the window", "sample": 0})
    copied = int(rows["copied"].sum())
    return Measurement(copied / posts, {"copied": copied, "posts": posts, "sample": posts})


def _per_channel(ctx: AssessmentContext, view: ChannelView) -> Measurement:
    if len(ctx.channels) < 2:
        return Measurement(None, {"reason": "only one channel"})
    return _measure(_cross_posted(ctx).filter(pl.col("channel") == view.key))


def _per_organisation(ctx: AssessmentContext) -> Measurement:
    if len(ctx.channels) < 2:
        return Measurement(None, {"reason": "only one channel"})
    return _measure(_cross_posted(ctx))


KPIS = [
    Kpi(
        id="cross_posted_share",
        name={
            "en": "Copied across channels",
            "nl": "Identiek gedeeld over kanalen",
            "fr": "Copié sur plusieurs canaux",
        },
        unit=Unit.RATIO,
        description={
            "en": "Share of posts whose text appears unchanged on another channel.",
            "nl": "Aandeel berichten waarvan de tekst ongewijzigd op een ander kanaal staat.",
            "fr": "Part des publications dont le texte figure tel quel sur un autre canal.",
        },
        formula=(
            f"window posts (text of {MIN_TEXT_LENGTH}+ characters, links and spacing ignored) "
            "whose text also appears on another channel / window posts with such a text"
        ),
        higher_is_better=False,
        source=(
            f"{INSITES}: the checklist mentality asks too late whether the audience is on a "
            "platform and what content suits it. Matching texts across channels is "
            f"{OWN}; no study defines it."
        ),
        per_channel=_per_channel,
        per_organisation=_per_organisation,
    ),
]

"""Merge a channel's files into one `ChannelData` and work out who answered whom.

Several files per channel are normal (API pages, monthly exports): the same post or comment in
two files counts once, with its newest known metrics. Messages written by the organisation are
its replies, not audience messages; each audience message gets the time of the organisation's
first reply in its thread.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from socialaudit.engine.model.channel_data import (
    DATE_ONLY,
    INTERACTION_SCHEMA,
    POST_SCHEMA,
    ChannelData,
    ChannelDataPart,
    conform,
    empty_frame,
)
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.text import prefixed


def _merge_by_id(frames: list[pl.DataFrame], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    if not frames:
        return empty_frame(schema)
    merged = pl.concat([_with_precision(f, schema) for f in frames], how="vertical")
    if merged["id"].n_unique() == merged.height:
        return merged.drop(_PRECISE)
    # a later file holds the fresher figure: keep, per column, the last value that is known;
    # a time of day beats a date alone, whichever file came last
    rank = pl.col("created_at").is_not_null().cast(pl.Int8) * 2 + pl.col(_PRECISE).cast(pl.Int8)
    precise_time = pl.col("created_at").sort_by(rank, maintain_order=True).last()
    return (
        merged.group_by("id", maintain_order=True)
        .agg(
            [
                precise_time if c == "created_at" else pl.col(c).drop_nulls().last()
                for c in schema
                if c != "id"
            ]
        )
        .select(list(schema))
    )


_PRECISE = "_precise_time"


def _with_precision(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """`frame` in `schema`, with whether its time has a time of day (see `DATE_ONLY`)."""
    if DATE_ONLY in frame.columns:
        precise = ~pl.col(DATE_ONLY).fill_null(False)
        frame = frame.with_columns(precise.alias(_PRECISE))
    else:
        frame = frame.with_columns(pl.lit(True).alias(_PRECISE))
    return conform(frame, schema).with_columns(frame[_PRECISE])


def _with_ids(interactions: pl.DataFrame) -> pl.DataFrame:
    """Comments without an id (withheld by Meta under Page Public Content Access) get one made
    from what identifies them, so that re-reading the same file does not duplicate them."""
    if interactions["id"].null_count() == 0:
        return interactions
    made = pl.concat_str(
        [pl.lit("h"), pl.struct(["post_id", "created_at", "author", "text"]).hash().cast(pl.String)]
    )
    return interactions.with_columns(pl.coalesce(pl.col("id"), made).alias("id"))


def identified_interactions(interactions: pl.DataFrame) -> pl.DataFrame:
    """Interactions in `INTERACTION_SCHEMA`, each with an id, as merging gives them: what a
    store keys rows on, so that storing the same file twice keeps one row per comment."""
    return _with_ids(conform(interactions, INTERACTION_SCHEMA))


def _identified_keeping_precision(interactions: pl.DataFrame) -> pl.DataFrame:
    frame = identified_interactions(interactions)
    if DATE_ONLY in interactions.columns:
        frame = frame.with_columns(interactions[DATE_ONLY])
    return frame


def _identities(profile: ChannelProfile, parts: list[ChannelDataPart]) -> list[str]:
    ids = {profile.handle.lower()}
    if profile.account_id:
        ids.add(profile.account_id.lower())
    for part in parts:
        ids.update(i.lower() for i in part.organisation_ids)
    return sorted(ids)


def _split_audience(interactions: pl.DataFrame, identities: list[str]) -> pl.DataFrame:
    by_organisation = (
        pl.col("author").str.to_lowercase().str.strip_chars_start("@").is_in(identities)
        | pl.col("author_id").str.to_lowercase().is_in(identities)
    ).fill_null(False)
    return interactions.with_columns(
        pl.coalesce(pl.col("from_organisation"), by_organisation).alias("from_organisation")
    )


def _first_replies(interactions: pl.DataFrame) -> pl.DataFrame:
    """Audience messages with the organisation's first reply in the same thread after them."""
    thread = pl.coalesce(pl.col("parent_id"), pl.col("id")).alias("_thread")
    audience = interactions.filter(~pl.col("from_organisation")).with_columns(thread)
    replies = (
        interactions.filter(pl.col("from_organisation"))
        .with_columns(thread)
        .select("_thread", pl.col("created_at").alias("_reply_at"))
        .drop_nulls()
        .sort("_reply_at")
    )
    if replies.height == 0 or audience.height == 0:
        return audience.drop("_thread")
    order = audience.with_row_index("_order").filter(pl.col("created_at").is_not_null())
    joined = order.sort("created_at").join_asof(
        replies,
        left_on="created_at",
        right_on="_reply_at",
        by="_thread",
        strategy="forward",
        check_sortedness=False,  # sorted by time overall, hence within every thread
    )
    timed = audience.with_row_index("_order").join(
        joined.select("_order", "_reply_at"), on="_order", how="left"
    )
    return (
        timed.sort("_order")
        .with_columns(pl.coalesce("reply_created_at", "_reply_at").alias("reply_created_at"))
        .drop("_order", "_reply_at", "_thread")
    )


def merge_channel(profile: ChannelProfile, parts: list[ChannelDataPart]) -> ChannelData:
    """One channel's parts, merged, deduplicated, with audience and replies told apart."""
    posts = _merge_by_id([p.posts for p in parts if p.posts is not None], POST_SCHEMA)
    repost_frames = [p.reposts for p in parts if p.reposts is not None]
    reposts = _merge_by_id(repost_frames, POST_SCHEMA) if repost_frames else None
    if reposts is not None:
        # a retweet stays a repost when another file (an export) lists it among the posts
        posts = posts.filter(~pl.col("id").is_in(reposts["id"].implode()))
    raw_interactions = [
        _identified_keeping_precision(p.interactions) for p in parts if p.interactions is not None
    ]
    interactions = _merge_by_id(raw_interactions, INTERACTION_SCHEMA)
    interactions = _split_audience(interactions, _identities(profile, parts))
    organisation_replies = int(interactions["from_organisation"].sum() or 0)
    messages = _first_replies(interactions)
    followers = next((p.followers for p in reversed(parts) if p.followers is not None), None)
    return ChannelData(
        posts=posts.sort("created_at", nulls_last=True),
        reposts=None if reposts is None else reposts.sort("created_at", nulls_last=True),
        messages=messages,
        messages_known=any(p.carries_interactions for p in parts),
        followers=followers,
        sources=[p.source for p in parts],
        organisation_replies=organisation_replies,
        notes=[prefixed(Path(p.source).name, note) for p in parts for note in p.notes],
    )

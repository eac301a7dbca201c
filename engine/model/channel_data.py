"""A channel's posts and audience messages, held in columns.

Bulk data lives in polars frames rather than a pydantic model per row: a model per row costs
about 7 µs, a million interactions 7 s, where a vectorised pass costs a hundredth of that.
The column sets below are the contract between channel adapters and KPIs. A metric a platform
does not report is null (unknown), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import polars as pl

from socialaudit.engine.text import LocalisedText

UTC_TIME = pl.Datetime("us", "UTC")

POST_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "created_at": UTC_TIME,
    "text": pl.String(),  # null for a deleted or media-only post
    "media_type": pl.String(),  # text | image | video | carousel | link | story | reel | other
    "permalink": pl.String(),
    "impressions": pl.Int64(),
    "reach": pl.Int64(),
    "reactions": pl.Int64(),
    "comments": pl.Int64(),
    "shares": pl.Int64(),
    "clicks": pl.Int64(),
    "video_views": pl.Int64(),
    "label": pl.String(),  # an agency's override of the content label, else null
}
"""Columns of a posts frame."""

POST_METRICS = ("impressions", "reach", "reactions", "comments", "shares", "clicks", "video_views")

INTERACTION_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "post_id": pl.String(),  # the post it belongs to; null for a direct message
    "parent_id": pl.String(),  # the comment it replies to; null at the top of a thread
    "kind": pl.String(),  # comment | reply | message | mention
    "created_at": UTC_TIME,
    "author": pl.String(),
    "author_id": pl.String(),
    "text": pl.String(),
    "from_organisation": pl.Boolean(),  # null = let the engine decide from handle/account id
    "reply_created_at": UTC_TIME,  # the organisation's first reply, when the format says so
    "label": pl.String(),  # an agency's override of the message label, else null
}
"""Columns of an interactions frame: audience messages and the organisation's own replies."""

MEDIA_TYPES = ("text", "image", "video", "carousel", "link", "story", "reel", "other")

DATE_ONLY = "created_at_date_only"
"""An optional boolean column of a part's posts or interactions: true where the file gives the
day but no time of day (the X account-analytics export, a date-only column). When files are
merged, a time of day another file gives for the same id wins over it."""


def empty_frame(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Add the missing columns as nulls, cast the rest and order them as `schema` does,
    so an adapter only has to produce the columns its format has."""
    columns = []
    for name, dtype in schema.items():
        if name in frame.columns:
            columns.append(pl.col(name).cast(dtype, strict=False))
        else:
            columns.append(pl.lit(None, dtype=dtype).alias(name))
    return frame.select(columns)


@dataclass
class ChannelDataPart:
    """What an adapter read from one file.

    `carries_interactions` says whether the format has audience messages at all: a posts-only
    export leaves the channel's response KPIs unknown instead of 0%. `organisation_ids` are the
    identities the data itself shows to be the organisation's (a page id prefix,
    ``includes.users``), used beside the handle from `organisation.toml`.
    """

    source: str
    format: str
    posts: pl.DataFrame | None = None
    interactions: pl.DataFrame | None = None
    carries_interactions: bool = False
    followers: int | None = None
    organisation_ids: set[str] = field(default_factory=set)
    # what the file could not tell completely (say, comments it counts but does not hold), a
    # text per language; the assessment reports each, so nobody reads a figure as complete
    # when it is not
    notes: list[LocalisedText] = field(default_factory=list)
    # the account's pure reposts of other people's content (an X retweet): their text and
    # metrics are the original author's, so they are counted apart and never posts; None when
    # the format cannot show reposts (an export of the account's own posts)
    reposts: pl.DataFrame | None = None


@dataclass
class ChannelData:
    """A channel's merged data, as KPIs and rules see it.

    `messages` holds audience messages only, each with the time of the organisation's first
    reply (null when unanswered). `messages_known` is false when no file of the channel
    carried interactions; response KPIs are then unknown.
    """

    posts: pl.DataFrame
    messages: pl.DataFrame
    messages_known: bool
    followers: int | None
    sources: list[str] = field(default_factory=list)
    organisation_replies: int = 0
    notes: list[LocalisedText] = field(default_factory=list)
    reposts: pl.DataFrame | None = None
    """The account's pure reposts (X retweets), in `POST_SCHEMA`, kept out of `posts` so that
    post counts, frequency, content mix and engagement never include them; None (unknown) when
    no file of the channel could show reposts."""

    def reposts_until(self, reference: datetime) -> pl.DataFrame | None:
        """The reposts up to the assessment's as-of time (None stays unknown)."""
        if self.reposts is None:
            return None
        time = pl.col("created_at")
        return self.reposts.filter(time.is_null() | (time <= reference))

    @classmethod
    def empty(cls, followers: int | None = None) -> ChannelData:
        return cls(
            posts=empty_frame(POST_SCHEMA),
            messages=empty_frame(INTERACTION_SCHEMA),
            messages_known=False,
            followers=followers,
        )

"""Meta's dashboard exports of posts, read by header name: the Meta Business Suite export
(Facebook and Instagram, one Export screen) and the legacy Facebook Insights post-level export.

Ids are the Graph API's (``{page_id}_{post_id}`` for a Facebook post, the media id for an
Instagram post), so an export and an API file of the same posts merge into one post each.
Times without an offset are the organisation's local time.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from socialaudit.plugin import (
    POST_METRICS,
    CellError,
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    ReadOptions,
    parse_counts,
    parse_times,
)
from socialaudit.plugins.adapters import _csv

_META_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("post id",),
    "page_id": ("page id",),
    "description": ("description",),
    "title": ("title",),
    "created_at": ("publish time",),
    "permalink": ("permalink",),
    "media_type": ("post type",),
    "impressions": ("views", "impressions"),
    "reach": ("reach",),
    "reactions": ("reactions",),
    "comments": ("comments",),
    "shares": ("shares",),
    "clicks": ("total clicks",),
    "video_views": ("3-second video views", "video views"),
}
_META_REQUIRED = ("post id", "page id", "publish time", "permalink")
_META_POST_TYPES = {
    "photos": "image",
    "photo": "image",
    "videos": "video",
    "video": "video",
    "reels": "reel",
    "reel": "reel",
    "links": "link",
    "link": "link",
    "text": "text",
    "status": "text",
    "albums": "carousel",
    "album": "carousel",
    "carousel": "carousel",
    "stories": "story",
    "story": "story",
}
_ROUNDED = r"^\d(\.\d+)?[eE]\+?\d+$"
_META_TIME_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")


class MetaBusinessSuiteCsv(ChannelAdapter):
    name = "meta-business-suite-csv"
    platforms = ("facebook",)
    title = "Meta Business Suite: posts export (CSV)"
    how_to_obtain = (
        "Meta Business Suite > Insights > Content > Export data > Facebook, "
        "level 'Posts', format CSV (English interface)."
    )

    def detect(self, sample: FileSample) -> bool:
        return _csv.find_header(sample, _META_REQUIRED) is not None

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        export = _csv.read_export(path, _META_REQUIRED, _META_COLUMNS, "Meta Business Suite")
        try:
            posts = _meta_posts(export.frame, options.timezone)
        except CellError as exc:
            raise export.error(exc) from exc
        page_ids = set(export.frame["page_id"].drop_nulls().unique().to_list())
        if options.channel.account_id:
            page_ids.add(options.channel.account_id)
        return ChannelDataPart(
            source=str(path), format=self.name, posts=posts, organisation_ids=page_ids
        )


def _meta_posts(raw: pl.DataFrame, timezone: str) -> pl.DataFrame:
    _csv.check_present(raw, "id", "post")
    _csv.check_present(raw, "created_at", "post")
    _refuse_rounded(raw, ("id", "page_id"))
    ids = pl.select(
        pl.when(raw["id"].str.contains("_") | raw["page_id"].is_null())
        .then(raw["id"])
        .otherwise(pl.concat_str([raw["page_id"], pl.lit("_"), raw["id"]]))
        .alias("id")
    ).to_series()
    text = raw["description"] if "description" in raw.columns else None
    if "title" in raw.columns:
        text = raw["title"] if text is None else text.fill_null(raw["title"])
    columns = [
        ids,
        parse_times(raw["created_at"], timezone=timezone, naive_formats=_META_TIME_FORMATS),
    ]
    if text is not None:
        columns.append(text.alias("text"))
    if "permalink" in raw.columns:
        columns.append(raw["permalink"])
    if "media_type" in raw.columns:
        columns.append(_csv.map_values(raw["media_type"], _META_POST_TYPES, "other"))
    for metric in POST_METRICS:
        if metric in raw.columns:
            columns.append(parse_counts(raw[metric]))
    return pl.DataFrame(columns)


_IG_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("post id",),
    "account_id": ("account id",),
    "username": ("account username",),
    "description": ("description",),
    "created_at": ("publish time",),
    "permalink": ("permalink",),
    "media_type": ("post type",),
    "impressions": ("views", "impressions"),
    "reach": ("reach",),
    "reactions": ("likes",),
    "comments": ("comments",),
    "shares": ("shares",),
}
_IG_REQUIRED = ("post id", "account id", "account username", "publish time", "permalink")
_IG_POST_TYPES = {
    "ig image": "image",
    "ig carousel": "carousel",
    "ig reel": "reel",
    "ig video": "video",
    "ig story": "story",
}


class MetaBusinessSuiteInstagramCsv(ChannelAdapter):
    name = "meta-business-suite-instagram-csv"
    platforms = ("instagram",)
    title = "Meta Business Suite: Instagram posts export (CSV)"
    how_to_obtain = (
        "Meta Business Suite > Insights > Content > Export data > Instagram, "
        "level 'Posts', format CSV (English interface)."
    )

    def detect(self, sample: FileSample) -> bool:
        return _csv.find_header(sample, _IG_REQUIRED) is not None

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        export = _csv.read_export(path, _IG_REQUIRED, _IG_COLUMNS, "Meta Business Suite Instagram")
        raw = export.frame
        try:
            _csv.check_present(raw, "id", "post")
            _csv.check_present(raw, "created_at", "post")
            _refuse_rounded(raw, ("id", "account_id"))
            columns = [
                raw["id"],
                parse_times(
                    raw["created_at"], timezone=options.timezone, naive_formats=_META_TIME_FORMATS
                ),
                raw["description"].alias("text") if "description" in raw.columns else None,
                raw["permalink"],
                _csv.map_values(raw["media_type"], _IG_POST_TYPES, "other")
                if "media_type" in raw.columns
                else None,
                *(parse_counts(raw[m]) for m in POST_METRICS if m in raw.columns),
            ]
        except CellError as exc:
            raise export.error(exc) from exc
        identities = {
            value
            for column in ("account_id", "username")
            if column in raw.columns
            for value in raw[column].drop_nulls().unique().to_list()
        }
        if options.channel.account_id:
            identities.add(options.channel.account_id)
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            posts=pl.DataFrame([c for c in columns if c is not None]),
            organisation_ids=identities,
        )


_INSIGHTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("post id",),
    "permalink": ("permalink",),
    "text": ("post message",),
    "media_type": ("type",),
    "created_at": ("posted",),
    "reach": ("lifetime post total reach",),
    "impressions": ("lifetime post total impressions",),
    "clicks": ("lifetime post consumptions",),
    "reactions": ("lifetime post stories by action type - like",),
    "comments": ("lifetime post stories by action type - comment",),
    "shares": ("lifetime post stories by action type - share",),
    # the first of each pair of equal headers is the total count, the second unique users
    "organic_views": ("lifetime organic video views",),
    "paid_views": ("lifetime paid video views",),
}
_INSIGHTS_REQUIRED = ("post id", "permalink", "posted", "lifetime post total reach")
_INSIGHTS_TYPES = {
    "photo": "image",
    "video": "video",
    "shared video": "video",
    "link": "link",
    "status": "text",
    "event": "other",
    "offer": "other",
}
_INSIGHTS_TIME_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M")


class FacebookInsightsPostsCsv(ChannelAdapter):
    name = "facebook-insights-posts-csv"
    platforms = ("facebook",)
    title = "Facebook Insights: post-level data export (legacy CSV)"
    how_to_obtain = (
        "The page's Insights > Export Data > Post data (the pre-2021 Insights export; its "
        "second row describes each 'Lifetime ...' column), saved as CSV."
    )

    def detect(self, sample: FileSample) -> bool:
        return _csv.find_header(sample, _INSIGHTS_REQUIRED) is not None

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        export = _csv.read_export(
            path, _INSIGHTS_REQUIRED, _INSIGHTS_COLUMNS, "Facebook Insights post-level"
        )
        raw = export.frame
        if raw.height and raw["id"][0] is None and str(raw["reach"][0]).startswith("Lifetime:"):
            raw = raw.slice(1)  # the row describing each metric
            export.header = _csv.Header(
                export.header.index + 1, export.header.dialect, export.header.names
            )
        try:
            _csv.check_present(raw, "id", "post")
            _csv.check_present(raw, "created_at", "post")
            _refuse_rounded(raw, ("id",))
            views = [parse_counts(raw[c]) for c in ("organic_views", "paid_views") if c in raw]
            columns = [
                raw["id"],
                parse_times(
                    raw["created_at"],
                    timezone=options.timezone,
                    naive_formats=_INSIGHTS_TIME_FORMATS,
                ),
                *(raw[c] for c in ("text", "permalink") if c in raw.columns),
                _csv.map_values(raw["media_type"], _INSIGHTS_TYPES, "other")
                if "media_type" in raw.columns
                else None,
                *(parse_counts(raw[m]) for m in POST_METRICS if m in raw.columns),
                _views(views),
            ]
        except CellError as exc:
            raise export.error(exc) from exc
        frame = pl.select([c for c in columns if c is not None]) if raw.height else None
        page_ids = {i.split("_", 1)[0] for i in raw["id"].to_list() if "_" in i}
        if options.channel.account_id:
            page_ids.add(options.channel.account_id)
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            posts=frame if frame is not None else pl.DataFrame(),
            organisation_ids=page_ids,
        )


def _views(parts: list[pl.Series]) -> pl.Series | None:
    """Organic plus paid video views; unknown where the export gives neither (a photo)."""
    if not parts:
        return None
    known = pl.any_horizontal([p.is_not_null() for p in parts])
    total = pl.sum_horizontal(parts)
    return pl.select(pl.when(known).then(total).alias("video_views")).to_series()


def _refuse_rounded(raw: pl.DataFrame, id_columns: tuple[str, ...]) -> None:
    for column in id_columns:
        if column not in raw.columns:
            continue
        rounded = raw[column].str.contains(_ROUNDED).fill_null(False).arg_true()
        if len(rounded):
            index = int(rounded[0])
            raise CellError(
                index,
                column,
                str(raw[column][index]),
                "was rounded by a spreadsheet (scientific notation), so posts cannot be told "
                "apart; use the file as Meta exported it, or format the column as text",
            )

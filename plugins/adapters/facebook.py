"""Facebook Pages: Graph API ``/{page-id}/posts`` responses and the Meta Business Suite
posts export.

Post ids are the Graph API's ``{page_id}_{post_id}`` in both formats (the export's bare
``Post ID`` gets its ``Page ID`` prefixed), so the same post read from the API and from an
export counts once. The page id prefix is the organisation's identity: a comment whose
``from.id`` is the page is the page's own reply, never an audience message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polars as pl

from socialaudit.plugin import (
    POST_METRICS,
    CellError,
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    ReadOptions,
    hookimpl,
    parse_counts,
    parse_times,
    render_all,
)
from socialaudit.plugins.adapters import _csv, _json, _meta
from socialaudit.plugins.adapters._table import COUNT, INTERACTION_KINDS, STRING, TIME, Table

_POST_ID = re.compile(r'"id"\s*:\s*"\d+_\d+"')
_POST_ONLY_FIELDS = (
    '"permalink_url"',
    '"reactions"',
    '"shares"',
    '"status_type"',
    '"story"',
    '"attachments"',
    '"full_picture"',
    '"insights"',
)

POST_KINDS = {
    "id": STRING,
    "created_at": TIME,
    "text": STRING,
    "media_type": STRING,
    "permalink": STRING,
    "impressions": COUNT,
    "reach": COUNT,
    "reactions": COUNT,
    "comments": COUNT,
    "shares": COUNT,
    "clicks": COUNT,
    "video_views": COUNT,
}
# attachments{media_type} first, the post's status_type when there is no attachment
_ATTACHMENT_TYPES = {
    "photo": "image",
    "video": "video",
    "album": "carousel",
    "link": "link",
    "event": "other",
}
_STATUS_TYPES = {
    "added_photos": "image",
    "added_video": "video",
    "shared_story": "link",
    "mobile_status_update": "text",
    "wall_post": "text",
    "created_note": "text",
}


# the Graph API gives 25 comments per post (and per thread) unless asked for more
TRUNCATED_COMMENTS = {
    "en": "Only the first page of comments is in the file for {count:comment list|comment "
    "lists} (`comments.paging.next`); audience and response figures rest on the comments "
    "present. Ask for more per post when exporting, e.g. comments.limit(100).",
    "nl": "Voor {count:reactielijst|reactielijsten} staat alleen de eerste pagina in het "
    "bestand (`comments.paging.next`); publieks- en antwoordcijfers steunen op de aanwezige "
    "reacties. Vraag bij het exporteren meer per bericht op, bv. comments.limit(100).",
    "fr": "Seule la première page figure dans le fichier pour {count:liste de commentaires|"
    "listes de commentaires} (`comments.paging.next`) ; les chiffres d'audience et de réponse "
    "reposent sur les commentaires présents. Demandez-en plus par publication à l'export, "
    "p. ex. comments.limit(100).",
}


def _media_type(post: dict[str, Any]) -> str | None:
    attachments = post.get("attachments")
    if isinstance(attachments, dict) and isinstance(attachments.get("data"), list):
        first = attachments["data"][0] if attachments["data"] else None
        if isinstance(first, dict):
            kind = str(first.get("media_type") or "").lower()
            if kind.startswith("video") or "video" in str(first.get("type") or ""):
                return "video"
            if kind in _ATTACHMENT_TYPES:
                return _ATTACHMENT_TYPES[kind]
    status = post.get("status_type")
    if isinstance(status, str):
        return _STATUS_TYPES.get(status, "other")
    return None


def _summary_total(post: dict[str, Any], key: str, path: Path, where: str) -> int | None:
    summary = _json.dig(post, (key, "summary"), path, where)
    if not isinstance(summary, dict):
        return None
    return _json.count(summary.get("total_count"), path, f"{where}.{key}.summary.total_count")


class FacebookGraphPosts(ChannelAdapter):
    name = "facebook-graph-posts"
    platforms = ("facebook",)
    title = "Facebook Graph API: page posts"
    how_to_obtain = (
        "GET /{page-id}/posts?fields=id,message,story,created_time,permalink_url,status_type,"
        "shares,attachments{media_type},reactions.limit(0).summary(total_count),"
        "comments.summary(total_count){id,message,created_time,from,"
        "comments{id,message,created_time,from}},insights.metric(post_media_view,"
        "post_total_media_view_unique,post_clicks) — save each response (or a JSON array of "
        "the pages) as a .json file."
    )

    def detect(self, sample: FileSample) -> bool:
        head = sample.text
        return (
            _json.is_json(sample)
            and '"created_time"' in head
            and _POST_ID.search(head) is not None
            and any(field in head for field in _POST_ONLY_FIELDS)
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        posts = Table(path, POST_KINDS, {"created_at": "created_time"})
        comments = Table(path, INTERACTION_KINDS, {"created_at": "created_time"})
        page_ids: set[str] = set()
        if options.channel.account_id:
            page_ids.add(options.channel.account_id)
        saw_shares = saw_comments = False
        truncated = 0
        for where, post in _json.iter_records(path, ("data",)):
            post_id = _json.required_text(post, "id", path, where)
            page_id = post_id.split("_", 1)[0] if "_" in post_id else options.channel.account_id
            if page_id:
                page_ids.add(page_id)
            _json.required_text(post, "created_time", path, where)
            shares = _json.dig(post, ("shares", "count"), path, where)
            saw_shares = saw_shares or "shares" in post
            values: dict[str, Any] = {
                "id": post_id,
                "created_at": post["created_time"],
                "text": _json.text(post, "message", path, where),
                "media_type": _media_type(post),
                "permalink": _json.text(post, "permalink_url", path, where),
                "reactions": _summary_total(post, "reactions", path, where),
                "comments": _summary_total(post, "comments", path, where),
                "shares": _json.count(shares, path, f"{where}.shares.count"),
            }
            values.update(_meta.insights(post, path, where))
            posts.add(where, values)
            if "comments" in post:
                saw_comments = True
                truncated += _read_comments(post, where, post_id, None, page_id, comments, path)
        frame = posts.frame()
        if saw_shares:
            # Meta leaves `shares` out of a post nobody shared; once the file shows the field
            # was asked for (some post has it), its absence means 0, not unknown
            frame = frame.with_columns(pl.col("shares").fill_null(0))
        notes = [render_all(TRUNCATED_COMMENTS, count=truncated)] if truncated else []
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            posts=frame,
            interactions=comments.frame() if saw_comments else None,
            carries_interactions=saw_comments,
            organisation_ids=page_ids,
            notes=notes,
        )


def _read_comments(
    container: dict[str, Any],
    where: str,
    post_id: str,
    thread_id: str | None,
    page_id: str | None,
    table: Table,
    path: Path,
) -> int:
    """Comments and their replies (a comment's own ``comments`` edge); every reply is filed
    under the top-level comment, which is how Facebook threads them. Returns how many of the
    comment lists read hold only their first page (a ``paging.next`` link the file does not
    follow)."""
    block_where = f"{where}.comments"
    data = _json.dig(container, ("comments", "data"), path, where)
    if data is None:
        return 0
    truncated = 1 if _json.dig(container, ("comments", "paging", "next"), path, where) else 0
    if not isinstance(data, list):
        raise InputError("expected a list", file=path, field=f"{block_where}.data")
    for index, comment in enumerate(data):
        comment_where = f"{block_where}.data[{index}]"
        if not isinstance(comment, dict):
            raise InputError("expected a JSON object", file=path, field=comment_where)
        comment_id = _json.optional_id(comment, "id", path, comment_where)
        author = comment.get("from") if isinstance(comment.get("from"), dict) else {}
        author_id = _json.optional_id(author, "id", path, f"{comment_where}.from")
        _json.required_text(comment, "created_time", path, comment_where)
        table.add(
            comment_where,
            {
                "id": comment_id,
                "post_id": post_id,
                "parent_id": thread_id,
                "kind": "reply" if thread_id else "comment",
                "created_at": comment["created_time"],
                "author": _json.text(author, "name", path, f"{comment_where}.from"),
                "author_id": author_id,
                "text": _json.text(comment, "message", path, comment_where),
                # null: let the engine compare with the handle and account id as well
                "from_organisation": True if author_id and author_id == page_id else None,
            },
        )
        thread = thread_id or comment_id
        truncated += _read_comments(comment, comment_where, post_id, thread, page_id, table, path)
    return truncated


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
    for column in ("id", "page_id"):
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


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [FacebookGraphPosts(), MetaBusinessSuiteCsv()]

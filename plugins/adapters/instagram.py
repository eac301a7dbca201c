"""Instagram Graph API: ``/{ig-user-id}/media`` and ``/{ig-media-id}/comments`` responses.

The comments edge does not repeat which media it belongs to, so a comments file must say it.
Accepted shapes, most natural first:

1. a media response with comments expanded as a field
   (``fields=...,comments{id,text,timestamp,username,from,replies{...}}``): read by
   `instagram-graph-media`, comments and all;
2. the comments edge response wrapped with the media id: ``{"media_id": "...", "data": [...]}``;
3. comments that carry their media (``fields=id,text,timestamp,username,media{id},...``);
4. a JSON array of responses of shape 2 or 3.

The account's own comments are recognised by ``username`` (the channel's handle, or the
media's ``username`` field) and ``from.id`` (the channel's ``account_id``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socialaudit.plugin import (
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    ReadOptions,
    hookimpl,
)
from socialaudit.plugins.adapters import _json, _meta
from socialaudit.plugins.adapters._table import COUNT, INTERACTION_KINDS, STRING, TIME, Table

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
    "video_views": COUNT,
}
_MEDIA_TYPES = {"IMAGE": "image", "VIDEO": "video", "CAROUSEL_ALBUM": "carousel"}
_PRODUCT_TYPES = {"REELS": "reel", "STORY": "story"}


def _media_type(media: dict[str, Any]) -> str | None:
    product = media.get("media_product_type")
    if product in _PRODUCT_TYPES:
        return _PRODUCT_TYPES[product]
    kind = media.get("media_type")
    return _MEDIA_TYPES.get(kind, "other") if isinstance(kind, str) else None


def _add_comments(
    comments: list[Any],
    where: str,
    media_id: str,
    thread_id: str | None,
    owners: set[str],
    table: Table,
    path: Path,
) -> None:
    for index, comment in enumerate(comments):
        _add_comment(comment, f"{where}[{index}]", media_id, thread_id, owners, table, path)


def _add_comment(
    comment: Any,
    comment_where: str,
    media_id: str,
    thread_id: str | None,
    owners: set[str],
    table: Table,
    path: Path,
) -> None:
    """A comment and its ``replies`` (Instagram threads one level deep)."""
    if not isinstance(comment, dict):
        raise InputError("expected a JSON object", file=path, field=comment_where)
    comment_id = _json.required_text(comment, "id", path, comment_where)
    _json.required_text(comment, "timestamp", path, comment_where)
    author = comment.get("from") if isinstance(comment.get("from"), dict) else {}
    username = _json.text(comment, "username", path, comment_where) or _json.text(
        author, "username", path, f"{comment_where}.from"
    )
    table.add(
        comment_where,
        {
            "id": comment_id,
            "post_id": media_id,
            "parent_id": thread_id,
            "kind": "reply" if thread_id else "comment",
            "created_at": comment["timestamp"],
            "author": username,
            "author_id": _json.optional_id(author, "id", path, f"{comment_where}.from"),
            "text": _json.text(comment, "text", path, comment_where),
            "from_organisation": True if username and username.lower() in owners else None,
        },
    )
    replies = _json.dig(comment, ("replies", "data"), path, comment_where)
    if replies is not None:
        if not isinstance(replies, list):
            raise InputError("expected a list", file=path, field=f"{comment_where}.replies.data")
        replies_where = f"{comment_where}.replies.data"
        _add_comments(replies, replies_where, media_id, comment_id, owners, table, path)


class InstagramGraphMedia(ChannelAdapter):
    name = "instagram-graph-media"
    platforms = ("instagram",)
    title = "Instagram Graph API: media"
    how_to_obtain = (
        "GET /{ig-user-id}/media?fields=id,caption,media_type,media_product_type,timestamp,"
        "permalink,username,like_count,comments_count,comments{id,text,timestamp,username,"
        "from,replies{id,text,timestamp,username,from}} — save each response (or a JSON array "
        "of the pages) as a .json file; without the comments field, response KPIs stay unknown."
    )

    def detect(self, sample: FileSample) -> bool:
        head = sample.text
        return (
            _json.is_json(sample)
            and '"media_type"' in head
            and '"timestamp"' in head
            and '"created_time"' not in head
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        posts = Table(path, POST_KINDS, {"created_at": "timestamp"})
        comments = Table(path, INTERACTION_KINDS, {"created_at": "timestamp"})
        owners = {options.channel.handle.lower()}
        identities: set[str] = set()
        saw_comments = False
        for where, media in _json.iter_records(path, ("data",)):
            media_id = _json.required_text(media, "id", path, where)
            _json.required_text(media, "timestamp", path, where)
            owner = _json.text(media, "username", path, where)
            if owner:
                owners.add(owner.lower())
                identities.add(owner)
            owner_id = _json.dig(media, ("owner", "id"), path, where)
            if isinstance(owner_id, str):
                identities.add(owner_id)
            values: dict[str, Any] = {
                "id": media_id,
                "created_at": media["timestamp"],
                "text": _json.text(media, "caption", path, where),
                "media_type": _media_type(media),
                "permalink": _json.text(media, "permalink", path, where),
                "reactions": _json.count(media.get("like_count"), path, f"{where}.like_count"),
                "comments": _json.count(
                    media.get("comments_count"), path, f"{where}.comments_count"
                ),
            }
            values.update(_meta.insights(media, path, where))
            posts.add(where, values)
            data = _json.dig(media, ("comments", "data"), path, where)
            if data is not None:
                if not isinstance(data, list):
                    raise InputError("expected a list", file=path, field=f"{where}.comments.data")
                saw_comments = True
                _add_comments(
                    data, f"{where}.comments.data", media_id, None, owners, comments, path
                )
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            posts=posts.frame(),
            interactions=comments.frame() if saw_comments else None,
            carries_interactions=saw_comments,
            organisation_ids=identities,
        )


class InstagramGraphComments(ChannelAdapter):
    name = "instagram-graph-comments"
    platforms = ("instagram",)
    title = "Instagram Graph API: comments of a media"
    how_to_obtain = (
        "GET /{ig-media-id}/comments?fields=id,text,timestamp,username,from,media{id},"
        "replies{id,text,timestamp,username,from} — save the response with the media id "
        'added around it, {"media_id": "...", "data": [...]}, or keep media{id} in the fields.'
    )

    def detect(self, sample: FileSample) -> bool:
        head = sample.text
        return (
            _json.is_json(sample)
            and '"timestamp"' in head
            and '"media_type"' not in head
            and ('"media_id"' in head or '"media"' in head)
            and ('"username"' in head or '"text"' in head)
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        comments = Table(path, INTERACTION_KINDS, {"created_at": "timestamp"})
        owners = {options.channel.handle.lower()}
        for where, comment, context in _json.iter_records_in_context(
            path, ("data",), ("media_id",)
        ):
            media_id = _json.dig(comment, ("media", "id"), path, where) or context.get("media_id")
            if not media_id:
                raise InputError(
                    "which media is this comment on? the comments edge does not say",
                    file=path,
                    field=f"{where}.media",
                    hint='wrap the response as {"media_id": "...", "data": [...]} or request '
                    "the field media{id}",
                )
            _add_comment(comment, where, str(media_id), None, owners, comments, path)
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            interactions=comments.frame(),
            carries_interactions=True,
        )


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [InstagramGraphMedia(), InstagramGraphComments()]

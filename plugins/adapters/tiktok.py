"""TikTok: the Display API's video list and the Research API's comment list.

The Research API's comments carry no author, so the account's own replies cannot be told
from the audience's. Such a file is read (its comments are kept, with their threads) but
marked as not carrying interactions: the channel's response KPIs come out unknown (null)
rather than a response rate of 0% computed as if nobody had ever answered.
"""

from __future__ import annotations

from pathlib import Path

from socialaudit.plugin import (
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    ReadOptions,
    hookimpl,
    render_all,
)
from socialaudit.plugins.adapters import _json
from socialaudit.plugins.adapters._table import COUNT, EPOCH, STRING, Table

POST_KINDS = {
    "id": STRING,
    "created_at": EPOCH,
    "text": STRING,
    "media_type": STRING,
    "permalink": STRING,
    "reactions": COUNT,
    "comments": COUNT,
    "shares": COUNT,
    "video_views": COUNT,
}
COMMENT_KINDS = {
    "id": STRING,
    "post_id": STRING,
    "parent_id": STRING,
    "kind": STRING,
    "created_at": EPOCH,
    "text": STRING,
}


def _epoch(value: object, path: Path, field: str) -> int:
    seconds = _json.count(value, path, field)
    if seconds is None:
        raise InputError("is missing; every record needs it", file=path, field=field)
    return seconds


OTHER_ACCOUNTS = {
    "en": "{count:video|videos} of other accounts left out: not the channel's posts.",
    "nl": "{count:video|video's} van andere accounts weggelaten: geen berichten van dit kanaal.",
    "fr": "{count:vidéo|vidéos} d'autres comptes écartée(s) : pas des publications du compte.",
}


class TiktokVideoList(ChannelAdapter):
    name = "tiktok-video-list"
    platforms = ("tiktok",)
    title = "TikTok Display API: video list"
    how_to_obtain = (
        "POST https://open.tiktokapis.com/v2/video/list/?fields=id,create_time,"
        "video_description,share_url,like_count,comment_count,share_count,view_count "
        "— save each response (or a JSON array of them, one per cursor) as a .json file. "
        "Also the Research API's video query (POST /v2/research/video/query/) with "
        "fields=id,username,create_time,video_description,like_count,comment_count,"
        "share_count,view_count: only the channel's own videos (its username) are posts."
    )

    def detect(self, sample: FileSample) -> bool:
        head = sample.text
        return (
            _json.is_json(sample)
            and '"videos"' in head
            and any(f'"{key}"' in head for key in ("create_time", "share_url", "embed_link"))
            and '"comments"' not in head
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        _json.check_api_error({"error": _json.top_level(path, "error")}, path, "$")
        posts = Table(path, POST_KINDS, {})
        handle = options.channel.handle.lower()
        others = 0
        for where, video in _json.iter_records(path, ("data", "videos")):
            # the Research API's video query: anybody's videos, by `username`
            if "username" in video or ("video_id" in video and "id" not in video):
                username = _json.text(video, "username", path, where)
                if username is None:
                    raise InputError(
                        "the Research API's video names no username, so whether it is the "
                        "channel's own video cannot be told",
                        file=path,
                        field=f"{where}.username",
                        hint="request fields=id,username,create_time,… and query by "
                        "username; the query may return anybody's videos",
                    )
                if username.lower().lstrip("@") != handle:
                    others += 1
                    continue
            video_id = _json.required_text(
                video, "id" if "id" in video else "video_id", path, where
            )
            if "create_time" not in video:
                raise InputError(
                    "is missing; a video needs its time",
                    file=path,
                    field=f"{where}.create_time",
                    hint="request fields=id,create_time,video_description,share_url,"
                    "like_count,comment_count,share_count,view_count",
                )
            posts.add(
                where,
                {
                    "id": video_id,
                    "created_at": _epoch(video.get("create_time"), path, f"{where}.create_time"),
                    "text": _json.text(video, "video_description", path, where)
                    or _json.text(video, "title", path, where),
                    "media_type": "video",
                    "permalink": _json.text(video, "share_url", path, where),
                    "reactions": _json.count(video.get("like_count"), path, f"{where}.like_count"),
                    "comments": _json.count(
                        video.get("comment_count"), path, f"{where}.comment_count"
                    ),
                    "shares": _json.count(video.get("share_count"), path, f"{where}.share_count"),
                    "video_views": _json.count(
                        video.get("view_count"), path, f"{where}.view_count"
                    ),
                },
            )
        notes = [render_all(OTHER_ACCOUNTS, count=others)] if others else []
        return ChannelDataPart(source=str(path), format=self.name, posts=posts.frame(), notes=notes)


class TiktokCommentList(ChannelAdapter):
    name = "tiktok-comment-list"
    platforms = ("tiktok",)
    title = "TikTok Research API: video comment list"
    how_to_obtain = (
        "POST https://open.tiktokapis.com/v2/research/video/comment/list/?fields=id,video_id,"
        "text,like_count,reply_count,parent_comment_id,create_time with {video_id, max_count, "
        "cursor} (approved researchers only) — save each response as a .json file. It names "
        "no authors, so response KPIs stay unknown."
    )

    def detect(self, sample: FileSample) -> bool:
        head = sample.text
        return (
            _json.is_json(sample)
            and '"create_time"' in head
            and '"comments"' in head
            and '"video_id"' in head
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        _json.check_api_error({"error": _json.top_level(path, "error")}, path, "$")
        comments = Table(path, COMMENT_KINDS, {})
        for where, comment in _json.iter_records(path, ("data", "comments")):
            comment_id = _json.required_text(comment, "id", path, where)
            video_id = _json.optional_id(comment, "video_id", path, where)
            parent = _json.optional_id(comment, "parent_comment_id", path, where)
            # a top-level comment's parent is the video itself
            parent = None if parent == video_id else parent
            comments.add(
                where,
                {
                    "id": comment_id,
                    "post_id": video_id,
                    "parent_id": parent,
                    "kind": "reply" if parent else "comment",
                    "created_at": _epoch(comment.get("create_time"), path, f"{where}.create_time"),
                    "text": _json.text(comment, "text", path, where),
                },
            )
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            interactions=comments.frame(),
            carries_interactions=False,  # no authors: who answered whom is unknown
        )


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [TiktokVideoList(), TiktokCommentList()]

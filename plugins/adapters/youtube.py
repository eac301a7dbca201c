"""YouTube Data API v3: ``videos.list`` and ``commentThreads.list`` responses.

Statistics are strings in the API (``"viewCount": "1234"``) and ``likeCount``/``commentCount``
are left out when the owner hides likes or turns comments off: absent stays unknown. A comment
whose ``authorChannelId.value`` is the channel the thread belongs to is the owner's reply.
``textOriginal`` (plain text) is preferred to ``textDisplay`` (HTML).
"""

from __future__ import annotations

import html
import re
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
from socialaudit.plugins.adapters import _json
from socialaudit.plugins.adapters._table import COUNT, INTERACTION_KINDS, STRING, TIME, Table

POST_KINDS = {
    "id": STRING,
    "created_at": TIME,
    "text": STRING,
    "media_type": STRING,
    "permalink": STRING,
    "reactions": COUNT,
    "comments": COUNT,
    "video_views": COUNT,
}
_TAG = re.compile(r"<br\s*/?>|<[^>]+>")


def _plain(display: str | None) -> str | None:
    """``textDisplay`` without its HTML, for when ``textOriginal`` is withheld."""
    if display is None:
        return None
    return html.unescape(_TAG.sub(lambda m: "\n" if m.group(0).startswith("<br") else "", display))


class YoutubeVideos(ChannelAdapter):
    name = "youtube-videos"
    platforms = ("youtube",)
    title = "YouTube Data API: videos.list"
    how_to_obtain = (
        "GET https://www.googleapis.com/youtube/v3/videos?part=snippet,statistics&id=… "
        "(ids from the channel's uploads playlist via playlistItems.list) — save each "
        "response (or a JSON array of them) as a .json file."
    )

    def detect(self, sample: FileSample) -> bool:
        return _json.is_json(sample) and (
            '"youtube#videoListResponse"' in sample.text or '"youtube#video"' in sample.text
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        posts = Table(path, POST_KINDS, {"created_at": "snippet.publishedAt"})
        channels: set[str] = set()
        for where, video in _json.iter_records(path, ("items",)):
            video_id = _json.required_text(video, "id", path, where)
            snippet = video.get("snippet")
            if not isinstance(snippet, dict):
                raise InputError(
                    "is missing; request part=snippet", file=path, field=f"{where}.snippet"
                )
            _json.required_text(snippet, "publishedAt", path, f"{where}.snippet")
            channel_id = _json.text(snippet, "channelId", path, f"{where}.snippet")
            if channel_id:
                channels.add(channel_id)
            stats = video.get("statistics") if isinstance(video.get("statistics"), dict) else {}
            title = _json.text(snippet, "title", path, f"{where}.snippet")
            description = _json.text(snippet, "description", path, f"{where}.snippet")
            posts.add(
                where,
                {
                    "id": video_id,
                    "created_at": snippet["publishedAt"],
                    "text": "\n\n".join(t for t in (title, description) if t) or None,
                    "media_type": "video",
                    "permalink": f"https://www.youtube.com/watch?v={video_id}",
                    "reactions": _json.count(
                        stats.get("likeCount"), path, f"{where}.statistics.likeCount"
                    ),
                    "comments": _json.count(
                        stats.get("commentCount"), path, f"{where}.statistics.commentCount"
                    ),
                    "video_views": _json.count(
                        stats.get("viewCount"), path, f"{where}.statistics.viewCount"
                    ),
                },
            )
        return ChannelDataPart(
            source=str(path), format=self.name, posts=posts.frame(), organisation_ids=channels
        )


class YoutubeCommentThreads(ChannelAdapter):
    name = "youtube-comment-threads"
    platforms = ("youtube",)
    title = "YouTube Data API: commentThreads.list"
    how_to_obtain = (
        "GET https://www.googleapis.com/youtube/v3/commentThreads?part=snippet,replies"
        "&allThreadsRelatedToChannelId={channel-id} (or &videoId=…) — save each response "
        "(or a JSON array of them) as a .json file."
    )

    def detect(self, sample: FileSample) -> bool:
        return _json.is_json(sample) and (
            '"youtube#commentThreadListResponse"' in sample.text
            or '"youtube#commentThread"' in sample.text
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        comments = Table(path, INTERACTION_KINDS, {"created_at": "snippet.publishedAt"})
        owners = {options.channel.account_id} if options.channel.account_id else set()
        for where, thread in _json.iter_records(path, ("items",)):
            snippet = thread.get("snippet")
            if not isinstance(snippet, dict):
                raise InputError("is missing", file=path, field=f"{where}.snippet")
            channel_id = _json.text(snippet, "channelId", path, f"{where}.snippet")
            if channel_id:
                owners.add(channel_id)
            video_id = _json.text(snippet, "videoId", path, f"{where}.snippet")
            top = snippet.get("topLevelComment")
            if not isinstance(top, dict):
                raise InputError("is missing", file=path, field=f"{where}.snippet.topLevelComment")
            top_where = f"{where}.snippet.topLevelComment"
            top_id = _add(top, top_where, video_id, None, owners, comments, path)
            replies = _json.dig(thread, ("replies", "comments"), path, where)
            if replies is None:
                continue
            if not isinstance(replies, list):
                raise InputError("expected a list", file=path, field=f"{where}.replies.comments")
            for index, reply in enumerate(replies):
                reply_where = f"{where}.replies.comments[{index}]"
                _add(reply, reply_where, video_id, top_id, owners, comments, path)
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            interactions=comments.frame(),
            carries_interactions=True,
            organisation_ids=owners,
        )


def _add(
    comment: Any,
    where: str,
    video_id: str | None,
    thread_id: str | None,
    owners: set[str],
    table: Table,
    path: Path,
) -> str:
    if not isinstance(comment, dict):
        raise InputError("expected a JSON object", file=path, field=where)
    comment_id = _json.required_text(comment, "id", path, where)
    snippet = comment.get("snippet")
    if not isinstance(snippet, dict):
        raise InputError("is missing", file=path, field=f"{where}.snippet")
    inner = f"{where}.snippet"
    _json.required_text(snippet, "publishedAt", path, inner)
    author_id = _json.dig(snippet, ("authorChannelId", "value"), path, inner)
    text = _json.text(snippet, "textOriginal", path, inner)
    if text is None:
        text = _plain(_json.text(snippet, "textDisplay", path, inner))
    table.add(
        where,
        {
            "id": comment_id,
            "post_id": video_id or _json.text(snippet, "videoId", path, inner),
            "parent_id": thread_id,
            "kind": "reply" if thread_id else "comment",
            "created_at": snippet["publishedAt"],
            "author": _json.text(snippet, "authorDisplayName", path, inner),
            "author_id": author_id if isinstance(author_id, str) else None,
            "text": text,
            "from_organisation": True if author_id in owners else None,
        },
    )
    return comment_id


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [YoutubeVideos(), YoutubeCommentThreads()]

"""YouTube Data API v3: ``videos.list`` and ``commentThreads.list`` responses.

Statistics are strings in the API (``"viewCount": "1234"``) and ``likeCount``/``commentCount``
are left out when the owner hides likes or turns comments off: absent stays unknown. A comment
whose ``authorChannelId.value`` is the channel the thread belongs to is the owner's reply.
``textOriginal`` (plain text) is preferred to ``textDisplay`` (HTML).

A ``videos.list`` answer may hold other channels' videos (ids from a playlist, a search): only
the channel's own (``snippet.channelId`` = its ``account_id``) are its posts. A thread holds
only some replies (``totalReplyCount`` counts them all); where the missing ones may include the
channel's answer, the response figures are unknown rather than a reply rate built on them.
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
    render_all,
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


OTHER_CHANNELS = {
    "en": "{count:video|videos} of other channels ({channels}) left out: not the channel's posts.",
    "nl": "{count:video|video's} van andere kanalen ({channels}) weggelaten: geen berichten van "
    "dit kanaal.",
    "fr": "{count:vidéo|vidéos} d'autres chaînes ({channels}) écartée(s) : ce ne sont pas des "
    "publications de la chaîne.",
}
MISSING_REPLIES = {
    "en": "{threads:comment thread holds fewer replies than its|comment threads hold fewer "
    "replies than their} "
    "totalReplyCount ({missing} missing) and no reply of the channel: whether the channel "
    "answered cannot be told, so the response figures are unknown. Fetch the missing replies "
    "with comments.list?part=snippet&parentId=<thread id> and add them to the file.",
    "nl": "{threads:reactiedraad bevat|reactiedraden bevatten} minder antwoorden dan "
    "totalReplyCount ({missing} ontbreken) en geen antwoord van het kanaal: of het kanaal "
    "antwoordde is niet te zeggen, dus de antwoordcijfers zijn onbekend. Haal de ontbrekende "
    "antwoorden op met comments.list?part=snippet&parentId=<thread-id> en voeg ze toe.",
    "fr": "{threads:fil de commentaires contient|fils de commentaires contiennent} moins de "
    "réponses que totalReplyCount ({missing} manquantes) et aucune réponse de la chaîne : on "
    "ne peut savoir si la chaîne a répondu, les chiffres de réponse sont donc inconnus. "
    "Récupérez les réponses manquantes avec comments.list?part=snippet&parentId=<id du fil>.",
}

OWNER_UNKNOWN = {
    "en": "The threads name no channel id and the channel has no account_id, so which of the "
    "{count:reply is|replies are} the channel's own cannot be told: the response figures are "
    "unknown. Set account_id (the channel id, UC…) in organisation.toml.",
    "nl": "De reactiedraden noemen geen kanaal-id en het kanaal heeft geen account_id, dus "
    "welke van de {count:antwoord|antwoorden} van het kanaal zelf zijn, is niet te zeggen: de "
    "antwoordcijfers zijn onbekend. Zet account_id (de kanaal-id, UC…) in organisation.toml.",
    "fr": "Les fils ne donnent pas d'identifiant de chaîne et la chaîne n'a pas d'account_id : "
    "on ne peut savoir lesquelles des {count:réponse|réponses} sont de la chaîne, les chiffres "
    "de réponse sont donc inconnus. Indiquez account_id (l'id de la chaîne, UC…).",
}


def _only_channel(path: Path) -> str | None:
    """The one channel all videos of the file belong to; an error when there are several,
    since which of them is the organisation's cannot be guessed."""
    channels: set[str] = set()
    for where, video in _json.iter_records(path, ("items",)):
        channel_id = _json.dig(video, ("snippet", "channelId"), path, where)
        if isinstance(channel_id, str) and channel_id:
            channels.add(channel_id)
    if len(channels) > 1:
        raise InputError(
            f"the videos belong to {len(channels)} channels ({', '.join(sorted(channels))}) "
            "and the channel's account_id is not set, so which videos are its own cannot be told",
            file=path,
            field="$.items[*].snippet.channelId",
            hint="set account_id (the channel id, UC…) for this channel in organisation.toml",
        )
    return next(iter(channels), None)


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
        own = options.channel.account_id or _only_channel(path)
        posts = Table(path, POST_KINDS, {"created_at": "snippet.publishedAt"})
        others: dict[str, int] = {}
        for where, video in _json.iter_records(path, ("items",)):
            video_id = _json.required_text(video, "id", path, where)
            snippet = video.get("snippet")
            if not isinstance(snippet, dict):
                raise InputError(
                    "is missing; request part=snippet", file=path, field=f"{where}.snippet"
                )
            _json.required_text(snippet, "publishedAt", path, f"{where}.snippet")
            channel_id = _json.text(snippet, "channelId", path, f"{where}.snippet")
            if own and channel_id and channel_id != own:
                others[channel_id] = others.get(channel_id, 0) + 1
                continue  # another channel's video: not the organisation's post
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
        notes = [render_all(OTHER_CHANNELS, count=sum(others.values()), channels=sorted(others))]
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            posts=posts.frame(),
            organisation_ids={own} if own else set(),
            notes=notes if others else [],
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
        unknown_threads = missing = replies_seen = 0
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
            replies = _json.dig(thread, ("replies", "comments"), path, where) or []
            if not isinstance(replies, list):
                raise InputError("expected a list", file=path, field=f"{where}.replies.comments")
            answered = False
            replies_seen += len(replies)
            for index, reply in enumerate(replies):
                reply_where = f"{where}.replies.comments[{index}]"
                _add(reply, reply_where, video_id, top_id, owners, comments, path)
                answered = answered or _by(reply, owners)
            total = _json.count(
                snippet.get("totalReplyCount"), path, f"{where}.snippet.totalReplyCount"
            )
            if total is not None and total > len(replies) and not answered:
                unknown_threads += 1
                missing += total - len(replies)
        notes = []
        if unknown_threads:
            notes.append(render_all(MISSING_REPLIES, threads=unknown_threads, missing=missing))
        # replies, but no channel id to tell the channel's own from the audience's
        owner_unknown = bool(replies_seen) and not owners
        if owner_unknown:
            notes.append(render_all(OWNER_UNKNOWN, count=replies_seen))
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            interactions=comments.frame(),
            # a thread whose replies are not all here may hold the channel's answer
            carries_interactions=unknown_threads == 0 and not owner_unknown,
            organisation_ids=owners,
            notes=notes,
        )


def _by(comment: Any, owners: set[str]) -> bool:
    """Whether a reply (already validated by `_add`) is the channel's own."""
    author = comment["snippet"].get("authorChannelId")
    return isinstance(author, dict) and author.get("value") in owners


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

"""Instagram Graph API: media (``/{ig-user-id}/media``, business discovery) and comments
(``/{ig-media-id}/comments`` on its own or in a multiple-id read), and the Meta Business Suite
Instagram posts export.

The comments edge does not repeat which media it belongs to, so a comments file must say it.
Accepted shapes, most natural first:

1. a media response with comments expanded as a field
   (``fields=...,comments{id,text,timestamp,username,from,replies{...}}``): read by
   `instagram-graph-media`, comments and all;
2. ``GET /comments?ids={media-id},{media-id}``: an object keyed by media id;
3. the bare edge response, whose ``paging.next``/``previous`` link names the media;
4. the edge response wrapped with the media id: ``{"media_id": "...", "data": [...]}``;
5. comments that carry their media (``fields=id,text,timestamp,username,media{id},...``);
6. a JSON array of responses of shapes 3 to 5.

The account's own comments are recognised by ``username`` (the channel's handle, or the
media's ``username`` field) and ``from.id`` (the channel's ``account_id``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from socialaudit.plugin import (
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    ReadOptions,
    hookimpl,
    sample_file,
)
from socialaudit.plugins.adapters import _json, _meta
from socialaudit.plugins.adapters._meta_exports import MetaBusinessSuiteInstagramCsv
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


_MEDIA_ONLY = {
    "media_type",
    "media_product_type",
    "caption",
    "comments_count",
    "media_url",
    "permalink",
    "children",
}
COMMENT_FIELDS = (
    "comments.limit(50){id,text,timestamp,username,from,replies{id,text,timestamp,username,from}}"
)
EDGE_FIELDS = "fields=id,text,timestamp,username,from,replies{id,text,timestamp,username,from}"


class _Comments:
    """The comment rows of one file, with who wrote them and how complete they are."""

    def __init__(self, path: Path, owners: set[str], owner_ids: set[str]) -> None:
        self.path = path
        self.table = Table(path, INTERACTION_KINDS, {"created_at": "timestamp"})
        self.owners, self.owner_ids = owners, owner_ids
        self.tally = _meta.CommentTally()
        self.authors = 0

    def add_all(
        self, comments: list[Any], where: str, media_id: str, thread_id: str | None
    ) -> None:
        for index, comment in enumerate(comments):
            self.add(comment, f"{where}[{index}]", media_id, thread_id)

    def add(self, comment: Any, where: str, media_id: str, thread_id: str | None) -> None:
        """A comment and its ``replies`` (Instagram threads one level deep)."""
        path = self.path
        if not isinstance(comment, dict):
            raise InputError("expected a JSON object", file=path, field=where)
        comment_id = _json.required_text(comment, "id", path, where)
        _json.required_text(comment, "timestamp", path, where)
        author = comment.get("from") if isinstance(comment.get("from"), dict) else {}
        username = _json.text(comment, "username", path, where) or _json.text(
            author, "username", path, f"{where}.from"
        )
        author_id = _json.optional_id(author, "id", path, f"{where}.from")
        if username or author_id:
            self.authors += 1
        own = (username is not None and username.lower() in self.owners) or (
            author_id is not None and author_id in self.owner_ids
        )
        self.table.add(
            where,
            {
                "id": comment_id,
                "post_id": media_id,
                "parent_id": thread_id,
                "kind": "reply" if thread_id else "comment",
                "created_at": comment["timestamp"],
                "author": username,
                "author_id": author_id,
                "text": _json.text(comment, "text", path, where),
                "from_organisation": True if own else None,
            },
        )
        self.tally.comments += 1
        if thread_id is not None:
            return
        block = comment.get("replies")
        replies = _json.dig(comment, ("replies", "data"), path, where)
        if replies is not None and not isinstance(replies, list):
            raise InputError("expected a list", file=path, field=f"{where}.replies.data")
        self.tally.replies(block, len(replies or []), None)
        if replies:
            self.add_all(replies, f"{where}.replies.data", media_id, comment_id)

    def authorless_error(self) -> InputError | None:
        if self.authors or not self.tally.comments:
            return None
        return InputError(
            f"none of the {self.tally.comments} comments says who wrote it (`username` or "
            "`from`), so the account's own replies cannot be told from the audience's",
            file=self.path,
            hint=f"request {EDGE_FIELDS}",
        )


def _replies_requested(urls: set[str]) -> bool:
    return "replies" in _meta.requested_fields(tuple(sorted(urls)))


class InstagramGraphMedia(ChannelAdapter):
    name = "instagram-graph-media"
    platforms = ("instagram",)
    title = "Instagram Graph API: media"
    how_to_obtain = (
        "GET /{ig-user-id}/media?fields=id,caption,media_type,media_product_type,timestamp,"
        f"permalink,username,like_count,comments_count,{COMMENT_FIELDS} — save each response "
        "(or a JSON array of the pages) as a .json file; without the comments field, response "
        "KPIs stay unknown. GET /{ig-user-id}?fields=business_discovery.username({handle})"
        "{id,username,media{...the same fields}} is read too."
    )

    def detect(self, sample: FileSample) -> bool:
        shape = _meta.shape(sample)
        keys = shape.record_keys
        return (
            _json.is_json(sample)
            and shape.layout in (_meta.PAGE, _meta.PAGES, _meta.DISCOVERY)
            and "timestamp" in keys
            and "created_time" not in keys
            and bool(keys & {"media_type", "media_product_type"})
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        posts = Table(path, POST_KINDS, {"created_at": "timestamp"})
        owners = {options.channel.handle.lower()}
        owner_ids = {options.channel.account_id} if options.channel.account_id else set()
        comments = _Comments(path, owners, owner_ids)
        identities: set[str] = set()
        requested = False
        urls: set[str] = set()
        for where, media, context in self._records(path, options, identities):
            urls.update(_meta.paging_urls(context))
            media_id = _json.required_text(media, "id", path, where)
            _json.required_text(media, "timestamp", path, where)
            owner = _json.text(media, "username", path, where)
            if owner:
                owners.add(owner.lower())
                identities.add(owner)
            owner_id = _json.dig(media, ("owner", "id"), path, where)
            if isinstance(owner_id, str):
                identities.add(owner_id)
                owner_ids.add(owner_id)
            counter = _json.count(media.get("comments_count"), path, f"{where}.comments_count")
            values: dict[str, Any] = {
                "id": media_id,
                "created_at": media["timestamp"],
                "text": _json.text(media, "caption", path, where),
                "media_type": _media_type(media),
                "permalink": _json.text(media, "permalink", path, where),
                "reactions": _json.count(media.get("like_count"), path, f"{where}.like_count"),
                "comments": counter,
            }
            values.update(_meta.insights(media, path, where))
            posts.add(where, values)
            data = _json.dig(media, ("comments", "data"), path, where)
            if data is not None:
                if not isinstance(data, list):
                    raise InputError("expected a list", file=path, field=f"{where}.comments.data")
                requested = True
                comments.tally.comment_list(media["comments"], len(data), counter)
                comments.add_all(data, f"{where}.comments.data", media_id, None)
        if requested and (error := comments.authorless_error()):
            raise error
        tally = comments.tally
        tally.reply_evidence = tally.reply_evidence or _replies_requested(urls)
        carries = tally.carries(requested, COMMENT_FIELDS)
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            posts=posts.frame(),
            interactions=comments.table.frame() if carries else None,
            carries_interactions=carries,
            organisation_ids=identities,
            notes=list(tally.notes),
        )

    def _records(
        self, path: Path, options: ReadOptions, identities: set[str]
    ) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
        if _meta.shape(sample_file(path)).layout != _meta.DISCOVERY:
            yield from _json.iter_records_in_context(path, ("data",), ("paging",))
            return
        account = _json.top_level(path, "business_discovery")
        if not isinstance(account, dict):
            raise InputError("expected an object", file=path, field="$.business_discovery")
        _discovered_is_channel(account, _json.top_level(path, "id"), options, path)
        for key in ("id", "username"):
            if isinstance(account.get(key), str):
                identities.add(account[key])
        media = _json.dig(account, ("media",), path, "$.business_discovery")
        records = _json.dig(media, ("data",), path, "$.business_discovery.media")
        if not isinstance(records, list):
            raise InputError(
                "expected a list of media",
                file=path,
                field="$.business_discovery.media.data",
                hint="request business_discovery.username(...){media{id,caption,media_type,"
                "timestamp,permalink,like_count,comments_count}}",
            )
        for index, record in enumerate(records):
            where = f"$.business_discovery.media.data[{index}]"
            if not isinstance(record, dict):
                raise InputError("expected a JSON object", file=path, field=where)
            yield where, record, media


def _discovered_is_channel(
    account: dict[str, Any], caller: Any, options: ReadOptions, path: Path
) -> None:
    """Business discovery reads any business account's public media, a competitor's as
    readily as one's own: the media are the channel's posts only when the account found is
    the channel (its username is the handle, or its id the `account_id`, or, when the
    response names no username, it is the account that asked)."""
    found_id, found_name = account.get("id"), account.get("username")
    channel = options.channel
    if isinstance(found_name, str) and found_name.lower() == channel.handle.lower():
        return
    if found_id is not None and found_id == channel.account_id:
        return
    if found_name is None and found_id is not None and found_id == caller:
        return
    if found_name is not None or channel.account_id:
        raise InputError(
            f"this business discovery holds the media of another account "
            f"({found_name or found_id}), not of {channel.handle}",
            file=path,
            field="$.business_discovery",
            hint="give the channel's own media, or list this file under the channel of "
            "that account",
        )
    raise InputError(
        "whose media are these? the business discovery response names the account only by "
        f"id ({found_id})",
        file=path,
        field="$.business_discovery",
        hint=f'if it is this channel\'s own account, set account_id = "{found_id}" for the '
        "channel, or request business_discovery.username(...){username,media{...}}",
    )


class InstagramGraphComments(ChannelAdapter):
    name = "instagram-graph-comments"
    platforms = ("instagram",)
    title = "Instagram Graph API: comments of media"
    how_to_obtain = (
        f"GET /{{ig-media-id}}/comments?{EDGE_FIELDS} (each response as saved, or a JSON "
        "array of the pages), or GET /comments?ids={media-id},{media-id}&"
        f"{EDGE_FIELDS}, which keys the comments by media."
    )

    def detect(self, sample: FileSample) -> bool:
        shape = _meta.shape(sample)
        keys = shape.record_keys
        if shape.layout == _meta.IDS and not shape.keyed_edges:
            return False
        return (
            _json.is_json(sample)
            and shape.layout in (_meta.PAGE, _meta.PAGES, _meta.IDS)
            and "timestamp" in keys
            and not keys & _MEDIA_ONLY
            and bool(keys & {"text", "username"})
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        owners = {options.channel.handle.lower()}
        owner_ids = {options.channel.account_id} if options.channel.account_id else set()
        comments = _Comments(path, owners, owner_ids)
        urls: set[str] = set()
        responses: dict[int, tuple[dict[str, Any], int]] = {}
        for where, comment, keyed, context in self._records(path):
            links = _meta.paging_urls(context)
            urls.update(links)
            held = responses.get(id(context), (context, 0))
            if comment is _meta.EMPTY_EDGE:
                responses[id(context)] = held
                continue
            responses[id(context)] = (context, held[1] + 1)
            media_id = (
                keyed
                or _json.dig(comment, ("media", "id"), path, where)
                or context.get("media_id")
                or _edge_media(links)
            )
            if not media_id:
                raise InputError(
                    "which media is this comment on? the comments edge does not say",
                    file=path,
                    field=f"{where}.media",
                    hint="save GET /comments?ids={media-id}, which keys the comments by media, "
                    "or request the field media{id}, or keep the response's paging links",
                )
            comments.add(comment, where, str(media_id), None)
        if error := comments.authorless_error():
            raise error
        tally = comments.tally
        for context, present in responses.values():
            tally.comment_list(context, present, None)
        tally.reply_evidence = tally.reply_evidence or _replies_requested(urls)
        carries = tally.carries(True, EDGE_FIELDS)
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            interactions=comments.table.frame() if carries else None,
            carries_interactions=carries,
            notes=list(tally.notes),
        )

    def _records(self, path: Path) -> Iterator[tuple[str, Any, str | None, dict[str, Any]]]:
        if _meta.shape(sample_file(path)).layout == _meta.IDS:
            for key, where, response in _json.iter_members(path):
                data = _json.dig(response, ("data",), path, where)
                if not isinstance(data, list):
                    raise InputError(
                        "expected a comments edge response", file=path, field=f"{where}.data"
                    )
                if not data:  # still counted against its counter
                    yield f"{where}.data", _meta.EMPTY_EDGE, key, response
                yield from ((f"{where}.data[{i}]", c, key, response) for i, c in enumerate(data))
            return
        records = _json.iter_records_in_context(path, ("data",), ("media_id", "paging"))
        for where, comment, context in records:
            yield where, comment, None, context


def _edge_media(urls: list[str]) -> str | None:
    for url in urls:
        found = _meta.edge_of(url)
        if found and found[1] == "comments":
            return found[0]
    return None


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [InstagramGraphMedia(), InstagramGraphComments(), MetaBusinessSuiteInstagramCsv()]

"""Facebook Pages: Graph API responses (page posts, multiple-id reads, the comments edge)
and the Meta Business Suite posts export.

Post ids are the Graph API's ``{page_id}_{post_id}`` in every format (the export's bare
``Post ID`` gets its ``Page ID`` prefixed, a comment's permalink names page and post), so the
same post read from the API and from an export counts once. The page id prefix is the
organisation's identity: a comment whose ``from.id`` is the page is the page's own reply, never
an audience message, and a post on the page's feed by someone else is an audience message,
never the page's post.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import polars as pl

from socialaudit.plugin import (
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    LocalisedText,
    ReadOptions,
    hookimpl,
    sample_file,
)
from socialaudit.plugins.adapters import _json, _meta
from socialaudit.plugins.adapters._meta_exports import (
    FacebookInsightsPostsCsv,
    MetaBusinessSuiteCsv,
)
from socialaudit.plugins.adapters._table import COUNT, INTERACTION_KINDS, STRING, TIME, Table

_POST_ONLY = {
    "permalink_url",
    "reactions",
    "shares",
    "status_type",
    "story",
    "attachments",
    "full_picture",
    "insights",
    "is_published",
}
_COMMENT_ONLY = {
    "comment_count",
    "like_count",
    "parent",
    "can_reply_privately",
    "can_like",
    "can_remove",
    "user_likes",
    "attachment",
}
_POST_EDGES = {"posts", "feed", "published_posts", "promotable_posts"}
COMMENT_FIELDS = (
    "comments.limit(100).summary(total_count){id,message,created_time,from,comment_count,"
    "comments.limit(100){id,message,created_time,from}}"
)
EDGE_FIELDS = "fields=id,message,created_time,from,permalink_url,comment_count,parent{id}"
_NESTED_REPLIES = re.compile(r"comments[^{},]*\{[^{}]*\bcomments\b")

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

FEED_WITHOUT_AUTHORS: LocalisedText = {
    "en": "The posts come from the page's feed (`/feed`), which also holds visitors' posts, "
    "and carry no `from`: every post is counted as the page's own. Request the field `from`, "
    "or read `/{page-id}/posts`.",
    "nl": "De berichten komen uit de feed van de pagina (`/feed`), die ook berichten van "
    "bezoekers bevat, en hebben geen `from`: elk bericht telt als een bericht van de pagina. "
    "Vraag het veld `from` op, of lees `/{page-id}/posts`.",
    "fr": "Les publications viennent du fil de la page (`/feed`), qui contient aussi celles "
    "des visiteurs, et n'ont pas de `from` : chacune compte comme publication de la page. "
    "Demandez le champ `from`, ou lisez `/{page-id}/posts`.",
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
    """An edge's ``summary.total_count``; before v2.11 comments said ``count``."""
    block = post.get(key)
    summary = _json.dig(post, (key, "summary"), path, where)
    if isinstance(summary, dict):
        return _json.count(summary.get("total_count"), path, f"{where}.{key}.summary.total_count")
    if isinstance(block, dict) and "count" in block:
        return _json.count(block["count"], path, f"{where}.{key}.count")
    return None


def _replies_requested(urls: set[str]) -> bool:
    """Whether the request repeated in a paging link asked for replies: a nested comments
    edge, the reply counter, or the flat stream with each comment's parent."""
    fields = _meta.requested_fields(tuple(sorted(urls)))
    return bool(
        _NESTED_REPLIES.search(fields)
        or "comment_count" in fields
        or ("filter(stream)" in fields and "parent" in fields)
    )


def _graph_records(path: Path) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Posts of a page, an array of pages, or a multiple-id read keyed by post id."""
    if _meta.shape(sample_file(path)).layout == _meta.IDS:
        for _key, where, value in _json.iter_members(path):
            if not isinstance(value, dict):
                raise InputError("expected a post object", file=path, field=where)
            yield where, value, {}
        return
    yield from _json.iter_records_in_context(path, ("data",), ("paging",))


class _Comments:
    """The comment rows of one file, with who wrote them and how complete they are."""

    def __init__(self, path: Path, organisation: set[str]) -> None:
        self.path = path
        self.table = Table(path, INTERACTION_KINDS, {"created_at": "created_time"})
        self.organisation = organisation
        self.tally = _meta.CommentTally()
        self.authors = 0

    def of_post(self, post: dict[str, Any], where: str, post_id: str, counter: int | None) -> None:
        """A post's ``comments`` edge, counted against its counter."""
        block = post.get("comments")
        if block is None:
            return
        data = _json.dig(post, ("comments", "data"), self.path, where)
        self.tally.comment_list(block, len(data) if isinstance(data, list) else 0, counter)
        self.thread(post, where, post_id, None)

    def thread(
        self,
        container: dict[str, Any],
        where: str,
        post_id: str | None,
        thread_id: str | None,
    ) -> None:
        """The comments in the ``comments`` edge of a post, or of a comment (its replies,
        which Facebook files under the top-level comment)."""
        data = _json.dig(container, ("comments", "data"), self.path, where)
        if data is None:
            return
        if not isinstance(data, list):
            raise InputError("expected a list", file=self.path, field=f"{where}.comments.data")
        for index, comment in enumerate(data):
            self.comment(comment, f"{where}.comments.data[{index}]", post_id, thread_id)

    def comment(
        self,
        comment: Any,
        where: str,
        post_id: str | None,
        thread_id: str | None,
        comment_id: str | None = None,
        kind: str = "comment",
    ) -> str | None:
        """One comment (or a visitor's post, `kind` ``mention``) and the replies under it;
        returns its id."""
        if not isinstance(comment, dict):
            raise InputError("expected a JSON object", file=self.path, field=where)
        comment_id = _json.optional_id(comment, "id", self.path, where) or comment_id
        author = comment.get("from") if isinstance(comment.get("from"), dict) else {}
        author_id = _json.optional_id(author, "id", self.path, f"{where}.from")
        name = _json.text(author, "name", self.path, f"{where}.from")
        if author_id or name:
            self.authors += 1
        _json.required_text(comment, "created_time", self.path, where)
        parent = _json.dig(comment, ("parent", "id"), self.path, where)
        if parent is not None:
            thread_id = thread_id or str(parent)
            self.tally.reply_evidence = True
        self.table.add(
            where,
            {
                "id": comment_id,
                "post_id": post_id,
                "parent_id": thread_id,
                "kind": "reply" if thread_id else kind,
                "created_at": comment["created_time"],
                "author": name,
                "author_id": author_id,
                "text": _json.text(comment, "message", self.path, where),
                # null: let the engine compare with the handle and account id as well
                "from_organisation": True if author_id in self.organisation else None,
            },
        )
        self.tally.comments += 1
        if thread_id is None:
            replies = comment.get("comments")
            data = _json.dig(comment, ("comments", "data"), self.path, where)
            counter = _json.count(comment.get("comment_count"), self.path, f"{where}.comment_count")
            self.tally.replies(replies, len(data) if isinstance(data, list) else 0, counter)
        self.thread(comment, where, post_id, thread_id or comment_id)
        return comment_id


class FacebookGraphPosts(ChannelAdapter):
    name = "facebook-graph-posts"
    platforms = ("facebook",)
    title = "Facebook Graph API: page posts"
    how_to_obtain = (
        "GET /{page-id}/posts?fields=id,message,story,created_time,permalink_url,status_type,"
        "shares,attachments{media_type},reactions.limit(0).summary(total_count),"
        f"{COMMENT_FIELDS},insights.metric(post_media_view,"
        "post_total_media_view_unique,post_clicks) — save each response (or a JSON array of "
        "the pages) as a .json file; GET /?ids={post-id},{post-id}&fields=... (the same "
        "fields) is read too."
    )

    def detect(self, sample: FileSample) -> bool:
        shape = _meta.shape(sample)
        keys = shape.record_keys
        if not _json.is_json(sample) or shape.layout not in (_meta.PAGE, _meta.PAGES, _meta.IDS):
            return False
        if "created_time" not in keys or "id" not in keys or keys & _COMMENT_ONLY:
            return False
        if shape.layout == _meta.IDS:
            return not shape.keyed_edges
        return bool(keys & _POST_ONLY or shape.edges() & _POST_EDGES)

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        posts = Table(path, POST_KINDS, {"created_at": "created_time"})
        page_ids: set[str] = set()
        if options.channel.account_id:
            page_ids.add(options.channel.account_id)
        comments = _Comments(path, page_ids)
        saw_shares = requested = saw_from = False
        urls: set[str] = set()
        last_context: dict[str, Any] | None = None
        for where, post, context in _graph_records(path):
            if context is not last_context:  # one per response, not per post
                urls.update(_meta.paging_urls(context))
                last_context = context
            post_id = _json.required_text(post, "id", path, where)
            if "_" in post_id:
                page_ids.add(post_id.split("_", 1)[0])
            _json.required_text(post, "created_time", path, where)
            author_id = _json.optional_id(
                post.get("from") if isinstance(post.get("from"), dict) else {},
                "id",
                path,
                f"{where}.from",
            )
            saw_from = saw_from or author_id is not None
            requested = requested or "comments" in post
            if author_id is not None and author_id not in page_ids:
                # a visitor's post on the page's feed: the audience speaking, not the page
                comments.comment(post, where, None, None, post_id, kind="mention")
                continue
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
            comments.of_post(post, where, post_id, values["comments"])
        frame = posts.frame()
        if saw_shares:
            # Meta leaves `shares` out of a post nobody shared; once the file shows the field
            # was asked for (some post has it), its absence means 0, not unknown
            frame = frame.with_columns(pl.col("shares").fill_null(0))
        tally = comments.tally
        tally.reply_evidence = tally.reply_evidence or _replies_requested(urls)
        carries = tally.carries(requested, COMMENT_FIELDS)
        notes = list(tally.notes)
        if not saw_from and any(_meta.edge_of(u) and _meta.edge_of(u)[1] == "feed" for u in urls):
            notes.append(FEED_WITHOUT_AUTHORS)
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            posts=frame,
            interactions=comments.table.frame() if carries else None,
            carries_interactions=carries,
            organisation_ids=page_ids,
            notes=notes,
        )


_PERMALINK_POST = re.compile(r"^/(?P<page>[^/]+)/posts/(?P<post>\d+)")


def _permalink_ids(
    url: str | None, page_ids: set[str]
) -> tuple[str | None, str | None, str | None]:
    """``(post id, comment id, parent comment id)`` a comment's ``permalink_url`` names:
    ``https://www.facebook.com/{page}/posts/{post}/?comment_id={c}&reply_comment_id={r}`` or
    ``permalink.php?story_fbid={post}&id={page}&comment_id=...``."""
    if not url:
        return None, None, None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None, None, None
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    post = page = None
    if found := _PERMALINK_POST.match(parts.path):
        page, post = found["page"], found["post"]
    elif parts.path.startswith("/permalink.php"):
        page, post = query.get("id"), query.get("story_fbid")
    if page is not None and not page.isdigit():
        page = next(iter(sorted(page_ids)), None)  # a vanity name: the page's id if known
    post_id = (f"{page}_{post}" if page else post) if post else None
    top, reply = query.get("comment_id"), query.get("reply_comment_id")
    if top is None:
        return post_id, None, None
    made = (lambda c: f"{post}_{c}") if post else (lambda c: c)
    if reply:
        return post_id, made(reply), made(top)
    return post_id, made(top), None


def _edge_post(urls: list[str], account_id: str | None) -> str | None:
    for url in urls:
        found = _meta.edge_of(url)
        if found and found[1] == "comments":
            node = found[0]
            return node if "_" in node or not account_id else f"{account_id}_{node}"
    return None


def _id_post(comment_id: str | None, account_id: str | None) -> str | None:
    """A comment id ``{post}_{comment}`` (``{page}_{post}_{comment}`` before v2.4)."""
    if not comment_id or "_" not in comment_id:
        return None
    parts = comment_id.split("_")
    if len(parts) == 3:
        return f"{parts[0]}_{parts[1]}"
    return f"{account_id}_{parts[0]}" if account_id else parts[0]


class FacebookGraphComments(ChannelAdapter):
    name = "facebook-graph-comments"
    platforms = ("facebook",)
    title = "Facebook Graph API: comments of posts"
    how_to_obtain = (
        f"GET /{{post-id}}/comments?{EDGE_FIELDS}&summary=total_count&limit=100 (each "
        "response, or a JSON array of the pages), or GET /comments?ids={post-id},{post-id}"
        f"&{EDGE_FIELDS}, which keys the comments by post."
    )

    def detect(self, sample: FileSample) -> bool:
        shape = _meta.shape(sample)
        keys = shape.record_keys
        if not _json.is_json(sample) or shape.layout not in (_meta.PAGE, _meta.PAGES, _meta.IDS):
            return False
        if (
            "created_time" not in keys
            or "timestamp" in keys
            or keys & (_POST_ONLY - {"permalink_url"})
        ):
            return False
        if shape.layout == _meta.IDS:
            return shape.keyed_edges
        return bool(keys & _COMMENT_ONLY or "comments" in shape.edges())

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        account_id = options.channel.account_id
        page_ids = {account_id} if account_id else set()
        comments = _Comments(path, page_ids)
        flat: dict[str, int] = {}  # replies present per top-level comment, in a flat stream
        counters: dict[str, int] = {}
        urls: set[str] = set()
        responses: dict[int, tuple[dict[str, Any], str, int]] = {}
        for where, comment, post_from_key, response in self._records(path):
            links = _meta.paging_urls(response)
            urls.update(links)
            held = responses.get(id(response), (response, where, 0))
            if comment is _meta.EMPTY_EDGE:
                responses[id(response)] = held
                continue
            responses[id(response)] = (response, held[1], held[2] + 1)
            if not isinstance(comment, dict):
                raise InputError("expected a JSON object", file=path, field=where)
            permalink = _json.text(comment, "permalink_url", path, where)
            post_id, made_id, parent = _permalink_ids(permalink, page_ids)
            comment_id = _json.optional_id(comment, "id", path, where)
            post_id = (
                post_from_key
                or post_id
                or _edge_post(links, account_id)
                or _id_post(comment_id, account_id)
            )
            stated = _json.dig(comment, ("parent", "id"), path, where)
            parent = parent or (str(stated) if stated is not None else None)
            if post_id is None:
                raise InputError(
                    "which post is this comment on? the file does not say",
                    file=path,
                    field=where,
                    hint=f"request the comments with {EDGE_FIELDS} (the permalink and id name "
                    "the post), or save GET /comments?ids={post-id}, which keys them by post",
                )
            if "_" in post_id:
                page_ids.add(post_id.split("_", 1)[0])
            if parent:
                comments.tally.reply_evidence = True
                flat[parent] = flat.get(parent, 0) + 1
            made = comments.comment(comment, where, post_id, parent, made_id)
            if parent is None and made and isinstance(comment.get("comment_count"), int):
                counters[made] = comment["comment_count"]
        tally = comments.tally
        if not responses and _meta.shape(sample_file(path)).layout == _meta.PAGE:
            empty = {key: _json.top_level(path, key) for key in ("paging", "summary")}
            responses[0] = (empty, "$", 0)
        for response, where, present in responses.values():
            summary = response.get("summary")
            counter = summary.get("total_count") if isinstance(summary, dict) else None
            total = _json.count(counter, path, f"{where}.summary.total_count")
            tally.comment_list(response, present, total)
        if not comments.authors and tally.comments:
            raise InputError(
                f"none of the {tally.comments} comments says who wrote it (`from`), so the "
                "page's own replies cannot be told from the audience's",
                file=path,
                hint=f"request {EDGE_FIELDS} with a page access token",
            )
        if flat:
            # a flat stream (filter=stream) lists replies beside their comment: the counter
            # is checked here, not per nested edge
            tally.short_threads = sum(
                1 for made, number in counters.items() if flat.get(made, 0) < number
            )
            if tally.first_pages:
                tally.short_threads = 0  # the rest of each thread may be on the next page
        tally.reply_evidence = tally.reply_evidence or _replies_requested(urls)
        carries = tally.carries(True, EDGE_FIELDS)
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            interactions=comments.table.frame() if carries else None,
            carries_interactions=carries,
            organisation_ids=page_ids,
            notes=list(tally.notes),
        )

    def _records(self, path: Path) -> Iterator[tuple[str, Any, str | None, dict[str, Any]]]:
        """``(JSON path, comment, post id when the file is keyed by it, its response)``,
        counting each response's list against its counter on the way."""
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
        records = _json.iter_records_in_context(path, ("data",), ("paging", "summary"))
        for where, comment, context in records:
            yield where, comment, None, context


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [
        FacebookGraphPosts(),
        FacebookGraphComments(),
        MetaBusinessSuiteCsv(),
        FacebookInsightsPostsCsv(),
    ]

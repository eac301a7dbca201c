"""X (Twitter): API v2 tweet responses, the legacy tweet-activity CSV and the current
account-analytics content CSV.

Who is the organisation: the user in ``includes.users`` (or a mention entity) whose username
is the channel's handle, and the channel's ``account_id``. Its tweets are posts, except its
replies to others, which are its replies in the conversation. Everybody else's tweets (from the
mentions timeline or a ``conversation_id:`` search) are audience messages, each a thread of its
own that the organisation's reply to it (``referenced_tweets`` ``replied_to``) answers.

A retweet's text and ``public_metrics`` are the original author's: the organisation's retweets
are its reposts, counted apart and never posts. A quote tweet carries the organisation's own
text and stays a post. A tweet without ``author_id`` cannot be attributed, so such a file is an
error naming the field to request rather than a guess.

twarc2, the usual archiver, writes one response per line (JSON Lines); the same content saved
as ``.json`` is recognised by its content, not its name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import polars as pl

from socialaudit.engine.tabular import SAMPLE_BYTES
from socialaudit.plugin import (
    DATE_ONLY,
    CellError,
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    ReadOptions,
    hookimpl,
    parse_counts,
    parse_times,
    sample_file,
)
from socialaudit.plugins.adapters import _csv, _json
from socialaudit.plugins.adapters._table import COUNT, INTERACTION_KINDS, STRING, TIME, Table

POST_KINDS = {
    "id": STRING,
    "created_at": TIME,
    "text": STRING,
    "media_type": STRING,
    "permalink": STRING,
    "impressions": COUNT,
    "reactions": COUNT,
    "comments": COUNT,
    "shares": COUNT,
    "clicks": COUNT,
}
_MEDIA = {"photo": "image", "video": "video", "animated_gif": "video"}


class _Includes:
    """The expansions of one response: users by id, referenced tweets and media by key."""

    def __init__(self, includes: Any) -> None:
        includes = includes if isinstance(includes, dict) else {}
        self.users = {
            u["id"]: u for u in includes.get("users") or () if isinstance(u, dict) and "id" in u
        }
        self.tweets = {
            t["id"]: t for t in includes.get("tweets") or () if isinstance(t, dict) and "id" in t
        }
        self.media = {
            m["media_key"]: m
            for m in includes.get("media") or ()
            if isinstance(m, dict) and "media_key" in m
        }


def _organisation_ids(tweet: dict[str, Any], includes: _Includes, handle: str) -> set[str]:
    """Ids the data shows to be the handle's: an expanded user or a mention entity."""
    found = {uid for uid, u in includes.users.items() if str(u.get("username")).lower() == handle}
    entities = tweet.get("entities")
    mentions = entities.get("mentions") if isinstance(entities, dict) else None
    for mention in mentions if isinstance(mentions, list) else ():
        if (
            isinstance(mention, dict)
            and str(mention.get("username")).lower() == handle
            and isinstance(mention.get("id"), str)
        ):
            found.add(mention["id"])
    return found


def _media_type(tweet: dict[str, Any], includes: _Includes) -> str:
    attachments = tweet.get("attachments")
    if isinstance(attachments, dict):
        keys = attachments.get("media_keys") or []
        types = [_MEDIA.get(str(includes.media.get(k, {}).get("type")), "other") for k in keys]
        if len(types) > 1:
            return "carousel"
        if types:
            return types[0]
        if attachments.get("poll_ids"):
            return "other"
    entities = tweet.get("entities")
    return "link" if isinstance(entities, dict) and entities.get("urls") else "text"


def _is_json_lines(sample: FileSample) -> bool:
    """twarc2 writes one compact API response per line (``.jsonl``); a copy saved as ``.json``
    is the same. The first line is then a whole JSON object on its own."""
    if sample.suffix not in (".jsonl", ".ndjson", ".json", ".txt", ""):
        return False
    first = sample.text.lstrip().split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    if "\n" not in sample.text.lstrip() and len(sample.head) >= SAMPLE_BYTES:
        # a line longer than the sample (a response of 100 tweets is ~250 kB): read it whole
        with sample.path.open("rb") as handle:
            first = (
                handle.readline(_MAX_LINE)
                .removeprefix(b"\xef\xbb\xbf")
                .strip()
                .decode("utf-8", errors="replace")
            )
    try:
        return isinstance(orjson.loads(first), dict)
    except orjson.JSONDecodeError:
        return False


_MAX_LINE = 64 * 1024 * 1024
"""A twarc2 line is one API response (at most 100 tweets with their expansions)."""


def _lines(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each response of a JSON Lines file, with the JSON path prefix of its line."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                response = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise InputError(
                    f"not valid JSON: {exc.msg} (column {exc.colno})",
                    file=path,
                    line=number,
                    hint="a twarc2 file holds one whole API response per line",
                ) from exc
            if not isinstance(response, dict):
                raise InputError(
                    "expected a JSON object (one API response)", file=path, line=number
                )
            yield f"line {number}: $", response


def _tweets(path: Path) -> Iterator[tuple[str, dict[str, Any], _Includes]]:
    """Every tweet with its JSON path and its response's expansions, streamed."""
    if _is_json_lines(sample_file(path)):
        for prefix, response in _lines(path):
            _json.check_api_error(response, path, prefix)
            tweets = response.get("data")
            meta = response.get("meta")
            if tweets is None and isinstance(meta, dict) and meta.get("result_count") == 0:
                continue  # X leaves `data` out of a page without tweets
            if not isinstance(tweets, list):
                raise InputError(
                    "expected a 'data' list of tweets in this response",
                    file=path,
                    field=f"{prefix}.data",
                    hint="give twarc2's output as it wrote it, not `twarc2 flatten`'s",
                )
            includes = _Includes(response.get("includes"))
            for index, tweet in enumerate(tweets):
                where = f"{prefix}.data[{index}]"
                if not isinstance(tweet, dict):
                    raise InputError("expected a JSON object", file=path, field=where)
                yield where, tweet, includes
        return
    cached: tuple[dict[str, Any], _Includes] | None = None
    for where, tweet, context in _json.iter_records_in_context(path, ("data",), ("includes",)):
        if cached is None or cached[0] is not context:  # a new response
            cached = (context, _Includes(context.get("includes")))
        yield where, tweet, cached[1]


class XApiV2(ChannelAdapter):
    name = "x-api-v2"
    platforms = ("x",)
    title = "X API v2: tweets (user timeline, mentions, search), as saved or as twarc2 writes them"
    how_to_obtain = (
        "GET /2/users/:id/tweets and GET /2/users/:id/mentions (or /2/tweets/search/recent "
        "?query=conversation_id:…) with tweet.fields=created_at,author_id,public_metrics,"
        "conversation_id,in_reply_to_user_id,referenced_tweets,entities,attachments "
        "&expansions=author_id,referenced_tweets.id,attachments.media_keys&user.fields=username "
        "— save each response (or a JSON array of them) as a .json file; or the .jsonl that "
        "`twarc2 timeline`, `twarc2 mentions` or `twarc2 search` writes (one response a line)."
    )

    def detect(self, sample: FileSample) -> bool:
        head = sample.text
        looks_like_x = (
            '"edit_history_tweet_ids"' in head
            or '"public_metrics"' in head
            or ('"result_count"' in head and '"newest_id"' in head)
        )
        return looks_like_x and (_json.is_json(sample) or _is_json_lines(sample))

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        handle = options.channel.handle.lower()
        org_ids = {options.channel.account_id} if options.channel.account_id else set()
        # who the organisation is may show only in a later response: learn it first
        for where, tweet, includes in _tweets(path):
            org_ids |= _organisation_ids(tweet, includes, handle)
            if _json.optional_id(tweet, "author_id", path, where) is None:
                raise InputError(
                    "the tweet names no author, so whether the organisation or someone else "
                    "wrote it cannot be told",
                    file=path,
                    field=f"{where}.author_id",
                    hint="request the tweets again with tweet.fields=created_at,author_id,"
                    "public_metrics,referenced_tweets,in_reply_to_user_id,conversation_id "
                    "&expansions=author_id&user.fields=username",
                )
        if not org_ids:
            raise InputError(
                f"no tweet can be told to be @{options.channel.handle}'s: the file names "
                "neither this user in includes.users nor its id",
                file=path,
                field="$.includes.users",
                hint="set the channel's account_id (the X user id) in organisation.toml, or "
                "request expansions=author_id&user.fields=username",
            )
        posts = Table(path, POST_KINDS, {"created_at": "created_at"})
        reposts = Table(path, POST_KINDS, {"created_at": "created_at"})
        messages = Table(path, INTERACTION_KINDS, {"created_at": "created_at"})
        audience_seen = False
        for where, tweet, includes in _tweets(path):
            tweet_id = _json.required_text(tweet, "id", path, where)
            _json.required_text(tweet, "created_at", path, where)
            author_id = _json.required_text(tweet, "author_id", path, where)
            referenced = {
                r.get("type"): r.get("id")
                for r in tweet.get("referenced_tweets") or ()
                if isinstance(r, dict)
            }
            conversation = _json.optional_id(tweet, "conversation_id", path, where)
            username = includes.users.get(author_id, {}).get("username")
            by_organisation = author_id in org_ids
            replying_to = _json.optional_id(tweet, "in_reply_to_user_id", path, where)
            if by_organisation and "retweeted" in referenced:
                reposts.add(where, self._post(tweet, where, referenced, includes, username, path))
            elif by_organisation and "replied_to" in referenced and replying_to not in org_ids:
                messages.add(
                    where,
                    {
                        "id": tweet_id,
                        "post_id": conversation,
                        "parent_id": referenced["replied_to"],
                        "kind": "reply",
                        "created_at": tweet["created_at"],
                        "author": username or options.channel.handle,
                        "author_id": author_id,
                        "text": _json.text(tweet, "text", path, where),
                        "from_organisation": True,
                    },
                )
            elif by_organisation:
                posts.add(where, self._post(tweet, where, referenced, includes, username, path))
            else:
                audience_seen = True
                messages.add(
                    where,
                    {
                        "id": tweet_id,
                        "post_id": conversation if conversation != tweet_id else None,
                        "kind": "reply" if "replied_to" in referenced else "mention",
                        "created_at": tweet["created_at"],
                        "author": username,
                        "author_id": author_id,
                        "text": _json.text(tweet, "text", path, where),
                    },
                )
        frame = messages.frame()
        shared = reposts.frame()
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            posts=posts.frame(),
            interactions=frame if frame.height else None,
            carries_interactions=audience_seen,
            organisation_ids=org_ids,
            reposts=shared,  # a timeline lists retweets: none in it means none
        )

    @staticmethod
    def _post(
        tweet: dict[str, Any],
        where: str,
        referenced: dict[str, Any],
        includes: _Includes,
        username: str | None,
        path: Path,
    ) -> dict[str, Any]:
        tweet_id = tweet["id"]
        values: dict[str, Any] = {
            "id": tweet_id,
            "created_at": tweet["created_at"],
            "text": _json.text(tweet, "text", path, where),
            "media_type": _media_type(tweet, includes),
            "permalink": f"https://x.com/{username or 'i/web'}/status/{tweet_id}",
        }
        if "retweeted" in referenced:
            original = includes.tweets.get(referenced["retweeted"], {})
            values["text"] = original.get("text") or values["text"]
            values["media_type"] = "other"
            return values  # the metrics X gives are the original tweet's
        metrics = tweet.get("public_metrics")
        if isinstance(metrics, dict):
            field = f"{where}.public_metrics"
            values["reactions"] = _json.count(metrics.get("like_count"), path, f"{field}.like")
            values["comments"] = _json.count(metrics.get("reply_count"), path, f"{field}.reply")
            values["shares"] = _json.count(metrics.get("retweet_count"), path, f"{field}.retweet")
            values["impressions"] = _json.count(
                metrics.get("impression_count"), path, f"{field}.impression_count"
            )
        private = tweet.get("non_public_metrics")
        if isinstance(private, dict):
            field = f"{where}.non_public_metrics"
            if values.get("impressions") is None:
                values["impressions"] = _json.count(
                    private.get("impression_count"), path, f"{field}.impression_count"
                )
            values["clicks"] = _json.count(
                private.get("url_link_clicks"), path, f"{field}.url_link_clicks"
            )
        return values


def _split_replies(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The exports list the account's replies among its tweets; X starts a reply's text with
    the @username it answers. They become the organisation's replies, not posts."""
    is_reply = frame["text"].str.starts_with("@").fill_null(False)
    replies = frame.filter(is_reply).select(
        "id",
        "created_at",
        "text",
        pl.lit("reply").alias("kind"),
        pl.lit(True).alias("from_organisation"),
        *([DATE_ONLY] if DATE_ONLY in frame.columns else []),
    )
    return frame.filter(~is_reply), replies


_ACTIVITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("tweet id",),
    "permalink": ("tweet permalink",),
    "text": ("tweet text",),
    "created_at": ("time",),
    "impressions": ("impressions",),
    "reactions": ("likes", "favorites"),
    "comments": ("replies",),
    "shares": ("retweets",),
    "clicks": ("url clicks",),
}
_ACTIVITY_REQUIRED = ("tweet id", "tweet permalink", "tweet text", "time")

_CONTENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("post id",),
    "permalink": ("post link",),
    "text": ("post text",),
    "created_at": ("date",),
    "impressions": ("impressions",),
    "reactions": ("likes",),
    "comments": ("replies",),
    "shares": ("reposts",),
    "clicks": ("url clicks",),
}
_CONTENT_REQUIRED = ("post id", "date", "post text", "post link")
_CONTENT_DATES = ("%a, %b %d, %Y", "%b %d, %Y", "%Y-%m-%d", "%m/%d/%Y")


def _read_export(
    adapter: ChannelAdapter,
    path: Path,
    options: ReadOptions,
    required: tuple[str, ...],
    columns: dict[str, tuple[str, ...]],
    date_formats: tuple[str, ...] | None,
) -> ChannelDataPart:
    export = _csv.read_export(path, required, columns, adapter.title)
    raw = export.frame
    try:
        _csv.check_present(raw, "id", "post")
        _csv.check_present(raw, "created_at", "post")
        typed = [raw[c] for c in ("id", "permalink", "text") if c in raw.columns]
        formats = {"naive_formats": date_formats} if date_formats else {}
        typed.append(parse_times(raw["created_at"], timezone=options.timezone, **formats))
        typed.extend(
            parse_counts(raw[metric])
            for metric in ("impressions", "reactions", "comments", "shares", "clicks")
            if metric in raw.columns
        )
    except CellError as exc:
        raise export.error(exc) from exc
    if date_formats:  # the day alone: another file's time of day for a post wins over it
        typed.append(pl.Series(DATE_ONLY, [True] * raw.height, pl.Boolean))
    posts, replies = _split_replies(pl.DataFrame(typed))
    return ChannelDataPart(
        source=str(path),
        format=adapter.name,
        posts=posts,
        interactions=replies if replies.height else None,
    )


class XTweetActivityCsv(ChannelAdapter):
    name = "x-tweet-activity-csv"
    platforms = ("x",)
    title = "X tweet activity export (legacy CSV)"
    how_to_obtain = (
        "analytics.twitter.com > Tweets > Export data > By Tweet (the legacy "
        "tweet_activity_metrics_<handle>_<from>_<to>_en.csv)."
    )
    header = _ACTIVITY_REQUIRED

    def detect(self, sample: FileSample) -> bool:
        return _csv.find_header(sample, _ACTIVITY_REQUIRED) is not None

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        return _read_export(self, path, options, _ACTIVITY_REQUIRED, _ACTIVITY_COLUMNS, None)


class XAccountAnalyticsCsv(ChannelAdapter):
    name = "x-account-analytics-csv"
    platforms = ("x",)
    title = "X account analytics: content export (CSV)"
    how_to_obtain = (
        "x.com > Analytics > Content > Export (account_analytics_content_<from>_<to>.csv). "
        "Its Date has no time of day: posts are placed at local midnight, unless an API file "
        "of the channel gives the same post's time."
    )
    header = _CONTENT_REQUIRED

    def detect(self, sample: FileSample) -> bool:
        return _csv.find_header(sample, _CONTENT_REQUIRED) is not None

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        return _read_export(
            self, path, options, _CONTENT_REQUIRED, _CONTENT_COLUMNS, _CONTENT_DATES
        )


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [XApiV2(), XTweetActivityCsv(), XAccountAnalyticsCsv()]

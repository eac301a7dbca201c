"""Meta's Graph API conventions, shared by the Facebook and Instagram adapters.

How a response is laid out (one page, an array of pages, a multiple-id read keyed by id, a
business discovery), what its paging links say (the node an edge hangs from, the fields that
were requested), and what a partial fetch leaves unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import ijson

from socialaudit.plugin import FileSample, InputError, LocalisedText, render_all
from socialaudit.plugins.adapters._json import count, dig

PAGE, PAGES, IDS, DISCOVERY, OTHER = "page", "pages", "ids", "discovery", "other"
EMPTY_EDGE: dict[str, Any] = {}
"""Stands for an edge of a multiple-id read that holds no comment, so that its counter is
still weighed."""
_ID = re.compile(r"^\d+(_\d+)*$")
_RESPONSE_KEYS = {"data", "paging", "summary", "media_id", "error"}
_EDGE = re.compile(r"^/(?:v\d+(?:\.\d+)?/)?(?P<node>[^/]+)/(?P<edge>[a-z_]+)/?$")


@dataclass(frozen=True)
class Shape:
    """What the first bytes of a file show of its layout: enough to tell the formats apart
    by structure (the keys of the records themselves), not by words found anywhere."""

    layout: str
    record_keys: frozenset[str] = frozenset()
    keyed_edges: bool = False
    urls: tuple[str, ...] = ()

    def edges(self) -> set[str]:
        """The edges the paging links point at (``posts``, ``feed``, ``comments``...)."""
        return {found[1] for url in self.urls if (found := edge_of(url))}


def _record_prefix(prefix: str, layout: str) -> tuple[bool, bool]:
    """Whether a key at `prefix` belongs to a record, and whether that record sits in an
    edge keyed by id (``/comments?ids=``)."""
    parts = prefix.split(".")
    if layout == PAGE:
        return prefix == "data.item", False
    if layout == PAGES:
        return prefix == "item.data.item", False
    if layout == DISCOVERY:
        return prefix in ("business_discovery.media.data.item",), False
    if layout == IDS and parts and _ID.match(parts[0]):
        if len(parts) == 1:
            return True, False
        return parts[1:] == ["data", "item"], True
    return False, False


def _response_link(prefix: str, layout: str) -> bool:
    """A response's own paging link, not one of a comment list nested in a record."""
    parts = prefix.split(".")
    if len(parts) < 2 or parts[-2] != "paging" or parts[-1] not in ("next", "previous"):
        return False
    above = parts[:-2]
    if layout == IDS:
        return len(above) == 1 and _ID.match(above[0]) is not None
    return above in ([], ["item"], ["business_discovery", "media"])


@lru_cache(maxsize=64)
def _shape(head: bytes) -> Shape:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    layout = OTHER
    keys: set[str] = set()
    urls: list[str] = []
    keyed_edges = False
    try:
        for prefix, event, value in ijson.parse(head):
            if layout == OTHER and not prefix:
                if event == "start_array":
                    layout = PAGES
                    continue
                if event == "map_key":
                    if value == "business_discovery":
                        layout = DISCOVERY
                    elif value in _RESPONSE_KEYS:
                        layout = PAGE
                    elif _ID.match(value):
                        layout = IDS
            if event == "map_key":
                if not prefix and value == "business_discovery":
                    layout = DISCOVERY
                record, edge = _record_prefix(prefix, layout)
                if record:
                    keys.add(value)
                    keyed_edges = keyed_edges or edge
            elif event == "string" and _response_link(prefix, layout):
                urls.append(value)
    except ijson.JSONError:
        pass  # the head ends mid-file
    return Shape(layout, frozenset(keys), keyed_edges, tuple(urls))


def shape(sample: FileSample) -> Shape:
    if sample.text.lstrip()[:1] not in ("{", "["):
        return Shape(OTHER)
    return _shape(sample.head)


def edge_of(url: str) -> tuple[str, str] | None:
    """``(node id, edge)`` of a Graph API paging link, e.g. ``("17846368219941692",
    "comments")`` for ``https://graph.facebook.com/v11.0/17846368219941692/comments?...``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    found = _EDGE.match(parts.path)
    return (found["node"], found["edge"]) if found else None


def requested_fields(urls: list[str] | tuple[str, ...]) -> str:
    """The ``fields`` a paging link repeats from the request ('' when none says)."""
    for url in urls:
        try:
            fields = parse_qs(urlsplit(url).query).get("fields")
        except ValueError:
            continue
        if fields:
            return fields[0]
    return ""


def paging_urls(response: Any) -> list[str]:
    paging = response.get("paging") if isinstance(response, dict) else None
    if not isinstance(paging, dict):
        return []
    return [u for u in (paging.get("next"), paging.get("previous")) if isinstance(u, str)]


INSIGHT_COLUMNS: dict[str, str] = {
    # Meta renamed impressions to views on 15 Nov 2025 and unique impressions to unique views
    # on 15 Jun 2026; either name fills the same column, the newer one winning.
    "post_media_view": "impressions",
    "post_impressions": "impressions",
    "post_total_media_view_unique": "reach",
    "post_impressions_unique": "reach",
    "post_clicks": "clicks",
    "post_video_views": "video_views",
    # Instagram media insights
    "views": "impressions",
    "impressions": "impressions",
    "reach": "reach",
    "plays": "video_views",
    "ig_reels_aggregated_all_plays_count": "video_views",
}


def insights(record: dict[str, Any], path: Path, where: str) -> dict[str, int | None]:
    """Lifetime insight values expanded as the ``insights`` field of a post or media.
    ``{"data": []}`` (a page under 100 likes, a post older than two years) leaves them
    unknown."""
    block = record.get("insights")
    if block is None:
        return {}
    entries = dig(block, ("data",), path, f"{where}.insights")
    if not isinstance(entries, list):
        raise InputError("expected a list", file=path, field=f"{where}.insights.data")
    found: dict[str, tuple[int, int | None]] = {}
    priority = list(INSIGHT_COLUMNS)
    for index, entry in enumerate(entries):
        entry_where = f"{where}.insights.data[{index}]"
        name = entry.get("name") if isinstance(entry, dict) else None
        if name not in INSIGHT_COLUMNS:
            continue
        values = entry.get("values")
        if not isinstance(values, list) or not values:
            continue
        value = values[-1].get("value") if isinstance(values[-1], dict) else None
        if isinstance(value, dict):
            continue  # a breakdown (reactions by type), not a total
        number = count(value, path, f"{entry_where}.values[{len(values) - 1}].value")
        column, rank = INSIGHT_COLUMNS[name], priority.index(name)
        if column not in found or rank < found[column][0]:
            found[column] = (rank, number)
    return {column: number for column, (_rank, number) in found.items()}


# the Graph API gives 25 comments per post (and per thread) unless asked for more
FIRST_PAGE_ONLY: LocalisedText = {
    "en": "Only the first page of comments is in the file for {count:comment list|comment "
    "lists} (`paging.next`); audience and response figures rest on the comments present. Ask "
    "for more per post when exporting, e.g. comments.limit(100), or follow the links.",
    "nl": "Voor {count:reactielijst|reactielijsten} staat alleen de eerste pagina in het "
    "bestand (`paging.next`); publieks- en antwoordcijfers steunen op de aanwezige reacties. "
    "Vraag bij het exporteren meer per bericht op, bv. comments.limit(100), of volg de links.",
    "fr": "Seule la première page figure dans le fichier pour {count:liste de commentaires|"
    "listes de commentaires} (`paging.next`) ; les chiffres d'audience et de réponse reposent "
    "sur les commentaires présents. Demandez-en plus par publication à l'export, p. ex. "
    "comments.limit(100), ou suivez les liens.",
}
MISSING_LISTS: LocalisedText = {
    "en": "For {count:post|posts} the file holds none of the comments the counter says exist "
    "(`data: []`); audience and response figures rest on the comments of the other posts.",
    "nl": "Voor {count:bericht|berichten} bevat het bestand geen van de reacties die de teller "
    "meldt (`data: []`); publieks- en antwoordcijfers steunen op de reacties bij de andere "
    "berichten.",
    "fr": "Pour {count:publication|publications} le fichier ne contient aucun des commentaires "
    "annoncés par le compteur (`data: []`) ; les chiffres d'audience et de réponse reposent "
    "sur les commentaires des autres publications.",
}
SHORT_THREADS: LocalisedText = {
    "en": "{count:comment has|comments have} fewer replies in the file than the reply counter "
    "says (`comment_count`); whether the organisation answered rests on the replies present. "
    "Request the replies with comments{{...,comments{{...}}}}.",
    "nl": "{count:reactie heeft|reacties hebben} minder antwoorden in het bestand dan de "
    "teller (`comment_count`); of de organisatie antwoordde, steunt op de aanwezige "
    "antwoorden. Vraag de antwoorden op met comments{{...,comments{{...}}}}.",
    "fr": "{count:commentaire a|commentaires ont} moins de réponses dans le fichier que leur "
    "compteur (`comment_count`) ; savoir si l'organisation a répondu repose sur les réponses "
    "présentes. Demandez les réponses avec comments{{...,comments{{...}}}}.",
}
NO_COMMENTS_RETURNED: LocalisedText = {
    "en": "The counters say {total} comments exist, but the file holds none of them (the "
    "comments were requested without their content, e.g. comments.limit(0).summary(true)): "
    "the response figures stay unknown. Request {fields}.",
    "nl": "Volgens de tellers bestaan er {total} reacties, maar het bestand bevat er geen (ze "
    "werden zonder inhoud opgevraagd, bv. comments.limit(0).summary(true)): de "
    "antwoordcijfers blijven onbekend. Vraag {fields} op.",
    "fr": "Les compteurs annoncent {total} commentaires, mais le fichier n'en contient aucun "
    "(demandés sans leur contenu, p. ex. comments.limit(0).summary(true)) : les chiffres de "
    "réponse restent inconnus. Demandez {fields}.",
}
REPLIES_NOT_ASKED: LocalisedText = {
    "en": "The {comments} comments in the file carry no replies and nothing shows replies "
    "were requested, so whether the organisation answered cannot be told: the response "
    "figures stay unknown rather than 0%. Request {fields}.",
    "nl": "De {comments} reacties in het bestand hebben geen antwoorden en niets toont dat "
    "antwoorden werden opgevraagd; of de organisatie antwoordde, is dus niet te zien: de "
    "antwoordcijfers blijven onbekend in plaats van 0%. Vraag {fields} op.",
    "fr": "Les {comments} commentaires du fichier n'ont aucune réponse et rien ne montre que "
    "les réponses ont été demandées : on ne peut savoir si l'organisation a répondu, les "
    "chiffres de réponse restent inconnus plutôt que 0 %. Demandez {fields}.",
}


@dataclass
class CommentTally:
    """What a file shows of how complete its comments are, gathered while reading.

    A partial fetch is unknown, not zero: comment lists holding only their first page, or
    none of the comments their counter says exist, and threads with fewer replies than their
    reply counter leave the figures resting on what is present, with a note; a file whose
    comments are all missing, or that never shows that replies were requested, carries no
    audience messages at all, so that no 0% reply rate is built on replies never fetched.
    """

    comments: int = 0
    counted: int = 0
    first_pages: int = 0
    missing: int = 0
    short_threads: int = 0
    reply_evidence: bool = False
    notes: list[LocalisedText] = field(default_factory=list)

    def comment_list(self, block: Any, present: int, counter: int | None) -> None:
        """A post's or media's comment list (`block`, the edge as returned) and its counter."""
        self.counted += counter or 0
        if _has_next(block):
            self.first_pages += 1
        elif present == 0 and counter:
            self.missing += 1

    def replies(self, block: Any, present: int, counter: int | None) -> None:
        """A comment's replies: the edge as returned (None when absent) and its counter."""
        if block is not None or counter is not None:
            self.reply_evidence = True
        if _has_next(block):
            self.first_pages += 1
        elif counter is not None and present < counter:
            self.short_threads += 1

    def carries(self, requested: bool, fields: str) -> bool:
        """Whether the file's comments can be used; sets the notes either way."""
        if not requested:
            return False
        if self.comments == 0 and self.counted:
            self.notes.append(render_all(NO_COMMENTS_RETURNED, total=self.counted, fields=fields))
            return False
        if self.comments and not self.reply_evidence:
            self.notes.append(render_all(REPLIES_NOT_ASKED, comments=self.comments, fields=fields))
            return False
        for text, number in (
            (FIRST_PAGE_ONLY, self.first_pages),
            (MISSING_LISTS, self.missing),
            (SHORT_THREADS, self.short_threads),
        ):
            if number:
                self.notes.append(render_all(text, count=number))
        return True


def _has_next(block: Any) -> bool:
    paging = block.get("paging") if isinstance(block, dict) else None
    return isinstance(paging, dict) and isinstance(paging.get("next"), str)

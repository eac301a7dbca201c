"""Facebook: Graph API page posts and the Meta Business Suite export."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from socialaudit.engine.errors import InputError
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from tests.adapters.conftest import FIXTURES, HANDLE, Read

PAGE = "104830285112233"
FIRST = f"{PAGE}_880012345678901"
COVER = f"{PAGE}_880098765432100"
EASTER = f"{PAGE}_880055544433322"


def _row(frame: pl.DataFrame, key: str) -> dict:
    rows = frame.filter(pl.col("id") == key).to_dicts()
    assert len(rows) == 1, key
    return rows[0]


def test_graph_posts_fields(read: Read) -> None:
    part = read("facebook-graph-posts", "facebook/graph_posts_page1.json")
    posts = part.posts
    assert posts.height == 3
    first = _row(posts, FIRST)
    assert first["text"].endswith("Café crème staat klaar ☕")
    assert "🚲" in first["text"]
    assert first["created_at"] == datetime(2024, 3, 5, 9, 12, 44, tzinfo=UTC)
    assert (first["reactions"], first["comments"], first["shares"]) == (57, 5, 4)
    assert (first["impressions"], first["reach"], first["clicks"]) == (2140, 1630, 88)
    assert first["media_type"] == "image"
    assert part.organisation_ids == {PAGE}
    assert part.carries_interactions


def test_cover_photo_post_kept_without_text_and_empty_insights_unknown(read: Read) -> None:
    cover = _row(read("facebook-graph-posts", "facebook/graph_posts_page1.json").posts, COVER)
    assert cover["text"] is None  # the automatic `story` is not the page's message
    assert cover["impressions"] is None and cover["reach"] is None  # insights {"data": []}
    assert cover["reactions"] == 12


def test_absent_shares_is_zero_only_when_the_file_asked_for_shares(
    read: Read, tmp_path: Path
) -> None:
    easter = _row(read("facebook-graph-posts", "facebook/graph_posts_page1.json").posts, EASTER)
    assert easter["shares"] == 0  # another post in the file has `shares`: it was requested
    document = json.loads((FIXTURES / "facebook/graph_posts_page1.json").read_text())
    for post in document["data"]:
        post.pop("shares", None)
    path = tmp_path / "no_shares.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    posts = read("facebook-graph-posts", path).posts
    assert posts["shares"].null_count() == posts.height  # never asked for: unknown


def test_comments_replies_and_the_pages_own_messages(read: Read) -> None:
    part = read("facebook-graph-posts", "facebook/graph_posts_page1.json")
    comments = part.interactions
    assert comments is not None and comments.height == 7
    reply = _row(comments, "880012345678901_1122334466")
    assert reply["parent_id"] == "880012345678901_1122334455"
    assert reply["kind"] == "reply" and reply["from_organisation"] is True
    arabic = _row(comments, "880012345678901_1122334488")
    assert arabic["text"] == "مرحبا، هل لديكم دراجات كهربائية؟"
    anonymous = comments.filter(pl.col("id").is_null()).to_dicts()
    assert len(anonymous) == 1 and anonymous[0]["author"] is None  # `from` withheld: kept


def test_merged_audience_and_first_reply(read: Read) -> None:
    part = read("facebook-graph-posts", "facebook/graph_posts_page1.json")
    data = merge_channel(ChannelProfile(platform="facebook", handle=HANDLE), [part])
    messages = data.messages
    # the page's own top-level comment and its reply are not audience messages
    assert "880012345678901_1122334499" not in messages["id"].to_list()
    assert "880012345678901_1122334466" not in messages["id"].to_list()
    assert data.organisation_replies == 2
    question = _row(messages, "880012345678901_1122334455")
    assert question["reply_created_at"] == datetime(2024, 3, 5, 11, 30, tzinfo=UTC)
    unanswered = _row(messages, "880012345678901_1122334488")
    assert unanswered["reply_created_at"] is None
    assert messages.height == 5  # 3 audience comments + 1 reply by Sofie + the anonymous one


def test_pages_array_and_duplicates_across_files(read: Read) -> None:
    first = read("facebook-graph-posts", "facebook/graph_posts_page1.json")
    second = read("facebook-graph-posts", "facebook/graph_posts_pages.json")
    assert second.posts.height == 2
    data = merge_channel(ChannelProfile(platform="facebook", handle=HANDLE), [first, second])
    assert data.posts.height == 4  # the Easter post is in both files and counts once
    easter = _row(data.posts, EASTER)
    assert (easter["reactions"], easter["shares"]) == (25, 2)  # the later file's figures
    pieter = _row(data.messages, "880055544433322_5566778899")
    assert pieter["reply_created_at"] == datetime(2024, 3, 31, 14, 0, tzinfo=UTC)
    assert data.messages["id"].n_unique() == data.messages.height


def test_meta_business_suite_export(read: Read) -> None:
    part = read("meta-business-suite-csv", "facebook/meta_business_suite.csv")
    posts = part.posts
    assert posts.height == 3
    assert part.organisation_ids == {PAGE}
    assert not part.carries_interactions
    first = _row(posts, FIRST)  # same id as the Graph API's: they merge
    assert first["created_at"] == datetime(2024, 3, 5, 9, 12, tzinfo=UTC)  # 10:12 Brussels
    assert (first["impressions"], first["reach"], first["reactions"]) == (2140, 1630, 57)
    service = _row(posts, f"{PAGE}_880077766655544")
    assert service["text"] == (
        "Onderhoudsbeurt voor de lente? 🔧\nBoek nu: \n• kleine beurt €49\n• grote beurt €89"
    )
    reel = _row(posts, f"{PAGE}_880066655544433")
    assert reel["media_type"] == "reel"
    assert reel["text"] == "Rondrit door de Vlaamse Ardennen"  # a reel's title when no description
    assert reel["reactions"] is None and reel["comments"] is None  # blank = unknown
    assert reel["created_at"] == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)  # 02:30 skipped by DST


def test_graph_and_export_merge_into_one_post(read: Read) -> None:
    graph = read("facebook-graph-posts", "facebook/graph_posts_page1.json")
    export = read("meta-business-suite-csv", "facebook/meta_business_suite.csv")
    data = merge_channel(ChannelProfile(platform="facebook", handle=HANDLE), [graph, export])
    assert data.posts.height == 5  # 3 + 3 with one in common
    assert data.messages_known


def _meta_csv(tmp_path: Path, row: str, header: str | None = None) -> Path:
    source = (FIXTURES / "facebook/meta_business_suite.csv").read_text(encoding="utf-8-sig")
    lines = source.split("\n")
    path = tmp_path / "meta.csv"
    path.write_text("\n".join([header or lines[0], row]) + "\n", encoding="utf-8")
    return path


def test_meta_ids_rounded_by_excel_are_an_error(read: Read, tmp_path: Path) -> None:
    path = _meta_csv(
        tmp_path,
        "8.80012E+14,1.04830E+14,Fietsen Verbeke,,Tekst,,03/05/2024 10:12,,https://x,No,No,"
        "Photos,,,,,Lifetime,1,1,1,1,0,0,0,0,0,",
    )
    with pytest.raises(InputError) as error:
        read("meta-business-suite-csv", path)
    assert error.value.line == 2 and error.value.field == "Post ID"
    assert "rounded" in error.value.message


def test_meta_views_header_and_bad_count(read: Read, tmp_path: Path) -> None:
    source = (FIXTURES / "facebook/meta_business_suite.csv").read_text(encoding="utf-8-sig")
    header = source.split("\n")[0].replace(",Impressions,", ",Views,")
    good = _meta_csv(
        tmp_path,
        "880012345678901,104830285112233,Fietsen Verbeke,,Tekst,,03/05/2024 10:12,,https://x,"
        'No,No,Photos,,,,,Lifetime,"1,234",900,1,1,0,0,0,0,0,',
        header,
    )
    assert read("meta-business-suite-csv", good).posts["impressions"].to_list() == [1234]
    bad = _meta_csv(
        tmp_path,
        "880012345678901,104830285112233,Fietsen Verbeke,,Tekst,,03/05/2024 10:12,,https://x,"
        "No,No,Photos,,,,,Lifetime,veel,900,1,1,0,0,0,0,0,",
        header,
    )
    with pytest.raises(InputError) as error:
        read("meta-business-suite-csv", bad)
    assert (error.value.line, error.value.field) == (2, "Views")


def test_page_id_from_account_id_when_post_ids_have_no_prefix(read: Read, tmp_path: Path) -> None:
    path = tmp_path / "posts.json"
    path.write_text(
        json.dumps(
            {
                "data": [
                    {
                        "id": "880012345678901",
                        "created_time": "2024-03-05T09:12:44+0000",
                        "permalink_url": "https://www.facebook.com/x",
                        "comments": {
                            "data": [
                                {
                                    "id": "1",
                                    "message": "Merci!",
                                    "created_time": "2024-03-05T10:00:00+0000",
                                    "from": {"id": PAGE, "name": "Fietsen Verbeke"},
                                    "comment_count": 0,
                                }
                            ]
                        },
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    part = read("facebook-graph-posts", path, account_id=PAGE)
    assert part.interactions is not None
    assert part.interactions["from_organisation"].to_list() == [True]
    unknown = read("facebook-graph-posts", path)
    assert unknown.interactions is not None
    assert unknown.interactions["from_organisation"].to_list() == [None]


def _post_with_comments(post_id: str, comments: dict) -> dict:
    return {
        "id": post_id,
        "created_time": "2024-03-05T09:12:44+0000",
        "message": "Nieuwe fietsen binnen",
        "permalink_url": "https://www.facebook.com/x",
        "comments": comments,
    }


def test_comment_lists_holding_only_their_first_page_are_noted(read: Read, tmp_path: Path) -> None:
    """The Graph API returns 25 comments per post unless asked for more, with a `paging.next`
    link; a file that did not follow it holds part of the audience. The figures rest on what
    is there, and the part says so."""
    comment = {
        "id": f"{FIRST}_1",
        "message": "Hebben jullie ook kinderfietsen?",
        "created_time": "2024-03-05T10:00:00+0000",
        "from": {"id": "42", "name": "Sofie"},
        "comments": {
            "data": [],
            "paging": {"next": "https://graph.facebook.com/v19.0/x/comments?after=QVFI"},
        },
    }
    truncated = {
        "data": [comment],
        "paging": {
            "cursors": {"before": "QVFIa", "after": "QVFIb"},
            "next": "https://graph.facebook.com/v19.0/y/comments?after=QVFIb",
        },
    }
    complete = {"data": [], "paging": {"cursors": {"before": "a", "after": "b"}}}
    path = tmp_path / "posts.json"
    path.write_text(
        json.dumps(
            {
                "data": [
                    _post_with_comments(FIRST, truncated),
                    _post_with_comments(EASTER, complete),
                ]
            }
        ),
        encoding="utf-8",
    )
    part = read("facebook-graph-posts", path)
    assert part.interactions.height == 1
    [note] = part.notes
    assert note["en"].startswith("Only the first page of comments is in the file for 2 comment")
    assert note["nl"].startswith("Voor 2 reactielijsten staat alleen de eerste pagina")
    assert note["fr"].startswith("Seule la première page figure dans le fichier pour 2 listes")
    assert all("comments.limit(100)" in text for text in note.values())
    whole = read("facebook-graph-posts", "facebook/graph_posts_page1.json")
    assert whole.notes == []


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_key_written_twice_is_a_located_error_not_the_last_value(
    read: Read, tmp_path: Path
) -> None:
    """Python's parser keeps the last of two equal keys; readers disagree, so refuse."""
    post = (
        '{"id": "1_2", "created_time": "2024-03-05T09:12:44+0000", "permalink_url": "x", '
        '"comments": {"data": [{"id": "1_2_3", "created_time": "2024-03-05T10:00:00+0000", '
        '"message": "first", "message": "second"}]}}'
    )
    sound = post.replace('"message": "second"', '"like_count": 0')
    for name, text, field in [
        ("page.json", '{"data": [' + post + "]}", "$.data[0].comments.data[0].message"),
        ("pages.json", '[{"data": [' + post + "]}]", "$[0].data[0].comments.data[0].message"),
        ("ids.json", '{"1_2": ' + post + "}", "$.1_2.comments.data[0].message"),
        ("twice.json", '{"1_2": ' + sound + ', "1_2": ' + sound + "}", "$.1_2"),
    ]:
        with pytest.raises(InputError) as error:
            read("facebook-graph-posts", _write(tmp_path, name, text))
        assert error.value.field == field, name
        assert "appears twice" in error.value.message
    assert read("facebook-graph-posts", _write(tmp_path, "ok.json", '{"data": [' + sound + "]}"))


def test_ten_thousand_levels_of_nesting_are_a_located_error(read: Read, tmp_path: Path) -> None:
    levels = 10_000
    thread = (
        "".join(
            f'{{"id": "c{i}", "created_time": "2024-03-05T10:00:00+0000", "comments": {{"data": ['
            for i in range(levels)
        )
        + "]}}" * levels
    )
    text = (
        '{"data": [{"id": "1_2", "created_time": "2024-03-05T09:12:44+0000", '
        '"permalink_url": "x", "comments": {"data": [' + thread + "]}}]}"
    )
    with pytest.raises(InputError) as error:
        read("facebook-graph-posts", _write(tmp_path, "deep.json", text))
    assert "nested deeper than" in error.value.message
    assert error.value.field.startswith("$.data[0].comments.data[0].comments.data[0]")
    ignored_but_deep = (
        '{"data": [{"id": "1_2", "created_time": "2024-03-05T09:12:44+0000", '
        '"permalink_url": "x", "extra": ' + "[" * levels + "]" * levels + "}]}"
    )
    with pytest.raises(InputError) as error:
        read("facebook-graph-posts", _write(tmp_path, "deep2.json", ignored_but_deep))
    assert error.value.field.startswith("$.data[0].extra[0][0]")


def test_posts_read_by_ids_are_read_like_a_page(read: Read) -> None:
    """`GET /?ids=a,b&fields=...` answers an object keyed by post id."""
    part = read("facebook-graph-posts", "facebook/posts_by_ids.json")
    assert sorted(part.posts["id"]) == [f"{PAGE}_880011122233344", FIRST]
    first = _row(part.posts, FIRST)
    assert (first["reactions"], first["comments"], first["shares"]) == (57, 3, 4)
    data = merge_channel(ChannelProfile(platform="facebook", handle=HANDLE), [part])
    assert data.organisation_replies == 1 and data.messages.height == 2
    sofie = _row(data.messages, "880012345678901_1122334455")
    assert sofie["reply_created_at"] == datetime(2024, 3, 5, 11, 30, tzinfo=UTC)


def test_comments_read_by_ids_take_their_post_from_the_key(read: Read) -> None:
    """`GET /comments?ids=a,b&filter=stream`: keyed by post id, replies flat beside their
    comment with `parent{id}`."""
    part = read("facebook-graph-comments", "facebook/comments_by_ids.json")
    comments = part.interactions
    assert comments is not None and part.carries_interactions and part.notes == []
    assert _row(comments, "880055544433322_5566778899")["post_id"] == EASTER
    reply = _row(comments, "880012345678901_1122334466")
    assert (reply["post_id"], reply["parent_id"], reply["kind"]) == (
        FIRST,
        "880012345678901_1122334455",
        "reply",
    )
    posts = read("facebook-graph-posts", "facebook/posts_by_ids.json")
    data = merge_channel(ChannelProfile(platform="facebook", handle=HANDLE), [posts, part])
    # the same comments in both files count once
    assert data.messages["id"].n_unique() == data.messages.height == 3
    assert data.organisation_replies == 1


def test_comments_edge_names_its_post_by_the_paging_link(read: Read) -> None:
    part = read("facebook-graph-comments", "facebook/post_comments_edge.json")
    comments = part.interactions
    assert comments is not None and set(comments["post_id"]) == {EASTER}
    assert part.organisation_ids == {PAGE}  # so the page's answer is its own
    assert _row(comments, "880055544433322_5566778900")["from_organisation"] is True
    [note] = part.notes  # 2 of 4 comments, a next page not followed
    assert note["en"].startswith("Only the first page of comments is in the file for 1 comment")
    data = merge_channel(ChannelProfile(platform="facebook", handle=HANDLE), [part])
    pieter = _row(data.messages, "880055544433322_5566778899")
    assert pieter["reply_created_at"] == datetime(2024, 3, 31, 14, 0, tzinfo=UTC)


def test_a_comment_nothing_places_under_a_post_is_an_error(read: Read, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "edge.json",
        json.dumps(
            {
                "data": [
                    {
                        "message": "Hoi",
                        "created_time": "2024-03-05T10:00:00+0000",
                        "from": {"id": "1", "name": "A"},
                        "comment_count": 0,
                    }
                ]
            }
        ),
    )
    with pytest.raises(InputError) as error:
        read("facebook-graph-comments", path)
    assert error.value.field == "$.data[0]"
    assert "which post" in error.value.message
    assert "permalink_url" in (error.value.hint or "") and "ids=" in (error.value.hint or "")


def _comment(number: int, author: str = "42", **extra: object) -> dict:
    return {
        "id": f"880012345678901_{number}",
        "message": "Hebben jullie ook kinderfietsen?",
        "created_time": f"2024-03-05T1{number}:00:00+0000",
        "from": {"id": author, "name": "Someone"},
        **extra,
    }


def test_counted_but_missing_comments_and_short_threads_are_noted(
    read: Read, tmp_path: Path
) -> None:
    """One post's comments are present, another's are `data: []` with a counter of 3, and a
    comment has one reply of the two its `comment_count` says: the figures rest on what is
    present, and each gap is said."""
    answered = _comment(1, comment_count=2, comments={"data": [_comment(2, PAGE)]})
    document = {
        "data": [
            _post_with_comments(FIRST, {"data": [answered], "summary": {"total_count": 3}}),
            _post_with_comments(EASTER, {"data": [], "summary": {"total_count": 3}}),
        ]
    }
    part = read("facebook-graph-posts", _write(tmp_path, "p.json", json.dumps(document)))
    assert part.carries_interactions and part.interactions.height == 2
    texts = sorted(note["en"] for note in part.notes)
    assert texts[0].startswith("1 comment has fewer replies in the file than the reply counter")
    assert texts[1].startswith("For 1 post the file holds none of the comments the counter")
    # without the gaps, no note
    answered["comment_count"] = 1
    document["data"].pop()
    whole = read("facebook-graph-posts", _write(tmp_path, "q.json", json.dumps(document)))
    assert whole.notes == [] and whole.carries_interactions


def test_visitors_posts_on_the_feed_are_audience_messages_not_posts(
    read: Read, tmp_path: Path
) -> None:
    visitor = {
        "id": f"{PAGE}_880099988877766",
        "message": "Mijn fiets is nog niet klaar, al twee weken!",
        "created_time": "2024-03-05T12:00:00+0000",
        "from": {"id": "7055566677788899", "name": "Karel"},
        "comments": {
            "data": [_comment(3, PAGE, comment_count=0)],
            "summary": {"total_count": 1},
        },
    }
    own = _post_with_comments(FIRST, {"data": [], "summary": {"total_count": 0}})
    own["from"] = {"id": PAGE, "name": "Fietsen Verbeke"}
    path = _write(tmp_path, "feed.json", json.dumps({"data": [own, visitor]}))
    part = read("facebook-graph-posts", path)
    assert part.posts["id"].to_list() == [FIRST]
    data = merge_channel(ChannelProfile(platform="facebook", handle=HANDLE), [part])
    karel = _row(data.messages, f"{PAGE}_880099988877766")
    assert karel["kind"] == "mention" and karel["author"] == "Karel"
    assert karel["reply_created_at"] == datetime(2024, 3, 5, 13, 0, tzinfo=UTC)
    assert data.organisation_replies == 1


def test_legacy_insights_export_skips_its_description_row(read: Read) -> None:
    part = read("facebook-insights-posts-csv", "facebook/insights_post_level.csv")
    assert part.posts.height == 2  # the row of "Lifetime: ..." descriptions is not a post
    photo = _row(part.posts, FIRST)
    assert (photo["reach"], photo["impressions"], photo["clicks"]) == (1630, 2140, 88)
    assert (photo["reactions"], photo["comments"], photo["shares"]) == (57, 5, 4)
    assert photo["video_views"] is None and photo["media_type"] == "image"
    assert photo["created_at"] == datetime(2024, 3, 5, 9, 12, 44, tzinfo=UTC)
    video = _row(part.posts, f"{PAGE}_880066655544433")
    assert video["video_views"] == 2100  # organic 1500 + paid 600 (total counts, not uniques)
    assert video["created_at"] == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert part.organisation_ids == {PAGE}


def test_legacy_insights_bad_cell_names_its_line_below_the_description_row(
    read: Read, tmp_path: Path
) -> None:
    source = (FIXTURES / "facebook/insights_post_level.csv").read_text(encoding="utf-8-sig")
    path = _write(tmp_path, "insights.csv", source.replace(",2140,88,", ",2140,veel,"))
    with pytest.raises(InputError) as error:
        read("facebook-insights-posts-csv", path)
    assert (error.value.line, error.value.field) == (3, "Lifetime Post Consumptions")


def test_an_empty_edge_of_a_multiple_id_read_is_weighed_against_its_counter(
    read: Read, tmp_path: Path
) -> None:
    document = json.loads((FIXTURES / "facebook/comments_by_ids.json").read_text())
    document[EASTER] = {"data": [], "summary": {"total_count": 5}}
    part = read("facebook-graph-comments", _write(tmp_path, "ids.json", json.dumps(document)))
    assert part.interactions.height == 2 and part.carries_interactions
    [note] = part.notes
    assert note["en"].startswith("For 1 post the file holds none of the comments")


def test_a_big_files_paging_is_read_from_its_end_and_only_when_top_level(
    read: Read, tmp_path: Path
) -> None:
    """Past the first and last 64 KB the response's own `paging` is read from the file's end
    rather than by streaming the file twice; a nested comment list's `paging` at the end is
    not mistaken for it."""
    feed = "https://graph.facebook.com/v19.0/104830285112233/feed?fields=id%2Cmessage&after=Q"
    posts = [
        {
            "id": f"{PAGE}_{880000000000000 + n}",
            "created_time": "2024-03-05T09:12:44+0000",
            "message": "x" * 200,
            "permalink_url": "https://www.facebook.com/x",
        }
        for n in range(1000)
    ]
    top = _write(tmp_path, "top.json", json.dumps({"data": posts, "paging": {"next": feed}}))
    assert top.stat().st_size > 2 * 64 * 1024
    assert any("`/feed`" in note["en"] for note in read("facebook-graph-posts", top).notes)
    posts[-1]["comments"] = {"data": [], "paging": {"next": feed}}
    nested = _write(tmp_path, "nested.json", json.dumps({"data": posts}))
    notes = read("facebook-graph-posts", nested).notes
    assert not any("`/feed`" in note["en"] for note in notes)

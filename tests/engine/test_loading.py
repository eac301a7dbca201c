"""Reading organisation folders in the generic format, and the errors users see."""

from __future__ import annotations

import polars as pl
import pytest

from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import load_organisation
from socialaudit.engine.registry import Registry
from tests.engine.conftest import WriteOrg
from tests.engine.orgfiles import INTERACTIONS, POSTS, PROFILE


def test_reads_posts_and_interactions_with_unknown_metrics_as_null(
    write_org: WriteOrg, registry: Registry
) -> None:
    data = load_organisation(write_org(), registry.adapters)
    channel = data.channels["facebook"]
    assert channel.posts.height == 3
    p2 = channel.posts.filter(pl.col("id") == "p2").row(0, named=True)
    assert p2["reach"] is None and p2["shares"] is None and p2["comments"] == 10
    p3 = channel.posts.filter(pl.col("id") == "p3").row(0, named=True)
    assert p3["text"] is None  # a post without text is kept, not dropped
    assert channel.messages_known
    assert channel.messages["id"].to_list() == ["c1", "c2"]


def test_times_with_offsets_and_local_times_become_utc(
    write_org: WriteOrg, registry: Registry
) -> None:
    posts = POSTS + "p4,2024-07-01 10:00,Zomeruren,text,,,,,,\n"
    data = load_organisation(write_org(posts=posts), registry.adapters)
    times = dict(data.channels["facebook"].posts.select("id", "created_at").iter_rows())
    assert times["p1"].isoformat() == "2024-03-01T09:00:00+00:00"
    # no offset: local time in Belgium (the organisation's country), summer time UTC+2
    assert times["p4"].isoformat() == "2024-07-01T08:00:00+00:00"


@pytest.mark.parametrize(
    ("posts", "line", "field", "words"),
    [
        (POSTS + "p4,10:00,Tekst,text,,,,,,\n", 5, "created_at", "not a date and time"),
        (POSTS + "p4,2024-03-11T10:00:00Z,Tekst,text,,,-3,,,\n", 5, "reactions", "negative"),
        (POSTS + "p4,2024-03-11T10:00:00Z,Tekst,text,,,veel,,,\n", 5, "reactions", "whole number"),
        (POSTS + "p4,2024-03-11T10:00:00Z,Tekst,hologram,,,,,,\n", 5, "media_type", "allowed"),
        (POSTS + ",2024-03-11T10:00:00Z,Tekst,text,,,,,,\n", 5, "id", "needs an id"),
    ],
)
def test_bad_cells_name_file_line_and_field(
    write_org: WriteOrg, registry: Registry, posts: str, line: int, field: str, words: str
) -> None:
    folder = write_org(posts=posts)
    with pytest.raises(InputError) as caught:
        load_organisation(folder, registry.adapters)
    error = caught.value
    assert error.file == str(folder / "data" / "posts.csv")
    assert (error.line, error.field) == (line, field)
    assert words in error.message


def test_line_numbers_count_multi_line_captions(write_org: WriteOrg, registry: Registry) -> None:
    posts = (
        POSTS
        + 'p4,2024-03-11T10:00:00Z,"Eerste regel\ntweede regel\nderde",text,,,1,,,\n'
        + "p5,2024-03-12T10:00:00Z,Tekst,text,,,-1,,,\n"
    )
    with pytest.raises(InputError) as caught:
        load_organisation(write_org(posts=posts), registry.adapters)
    assert caught.value.line == 8


def test_missing_column_is_named(write_org: WriteOrg, registry: Registry) -> None:
    interactions = "id,post_id,created_at,author,text\nc1,p1,2024-03-01T12:00:00Z,jan,Hoi\n"
    with pytest.raises(InputError, match="matches no known facebook format"):
        load_organisation(write_org(interactions=interactions), registry.adapters)


def test_glob_without_match_names_the_key(write_org: WriteOrg, registry: Registry) -> None:
    folder = write_org(profile=PROFILE.replace('data = ["data/*.csv"]', 'data = ["nope/*.csv"]'))
    with pytest.raises(InputError) as caught:
        load_organisation(folder, registry.adapters)
    assert caught.value.field == "channels[0].data"
    assert "nope/*.csv" in caught.value.message


def test_unknown_format_lists_the_known_ones(write_org: WriteOrg, registry: Registry) -> None:
    folder = write_org(
        profile=PROFILE.replace('data = ["data/*.csv"]', 'data = ["data/*.csv"]\nformat = "x"')
    )
    with pytest.raises(InputError) as caught:
        load_organisation(folder, registry.adapters)
    assert caught.value.field == "channels[0].format"
    assert "generic-posts-csv" in (caught.value.hint or "")


def test_profile_errors_name_the_toml_key(write_org: WriteOrg, registry: Registry) -> None:
    folder = write_org(profile=PROFILE.replace('market = "b2c"', 'market = "consumers"'))
    with pytest.raises(InputError) as caught:
        load_organisation(folder, registry.adapters)
    assert caught.value.field == "market"
    assert "'b2b', 'b2c' or 'both'" in caught.value.message


def test_excel_csv_cp1252_semicolons_dutch_numbers(write_org: WriteOrg, registry: Registry) -> None:
    posts = (
        "id;created_at;text;media_type;impressions;reach;reactions;comments;shares;clicks\r\n"
        "p1;2024-03-01T10:00:00+01:00;Crème brûlée à 4,50 €;image;1.234;1.000;12;;;\r\n"
    ).encode("cp1252")
    data = load_organisation(write_org(posts=posts), registry.adapters)
    row = data.channels["facebook"].posts.row(0, named=True)
    assert row["text"] == "Crème brûlée à 4,50 €"
    assert (row["impressions"], row["reach"], row["comments"]) == (1234, 1000, None)


def test_utf8_bom_and_emoji_survive(write_org: WriteOrg, registry: Registry) -> None:
    posts = "\ufeff" + POSTS.replace("Vers zuurdesembrood", "🥖 مرحبا Vers brood")
    data = load_organisation(write_org(posts=posts), registry.adapters)
    texts = data.channels["facebook"].posts["text"].to_list()
    assert "🥖 مرحبا Vers brood vandaag in de winkel" in texts


def test_same_post_in_two_files_counts_once_with_fresher_metrics(
    write_org: WriteOrg, registry: Registry
) -> None:
    folder = write_org()
    (folder / "data" / "posts2.csv").write_text(
        POSTS.splitlines()[0] + "\np1,2024-03-01T10:00:00+01:00,Vers zuurdesembrood vandaag "
        "in de winkel,image,1500,,25,4,1,12\n",
        encoding="utf-8",
    )
    posts = load_organisation(folder, registry.adapters).channels["facebook"].posts
    assert posts.height == 3
    p1 = posts.filter(pl.col("id") == "p1").row(0, named=True)
    assert (p1["impressions"], p1["reactions"]) == (1500, 25)
    assert p1["reach"] == 800  # the later file does not know it; the earlier value stays


def test_organisation_replies_are_not_audience_messages(
    write_org: WriteOrg, registry: Registry
) -> None:
    interactions = (
        INTERACTIONS.splitlines()[0] + ",parent_id\n"
        "c1,p1,2024-03-01T12:00:00Z,jan,Open op zondag?,,\n"
        "r1,p1,2024-03-01T13:30:00Z,@BakkerijTest,Ja tot 12u!,,c1\n"
        "c2,p1,2024-03-01T14:00:00Z,an,En op maandag?,,c1\n"
        "c3,p2,2024-03-05T12:00:00Z,bakkerijtest,Wat lekker,,\n"
    )
    channel = load_organisation(write_org(interactions=interactions), registry.adapters).channels[
        "facebook"
    ]
    replies = dict(channel.messages.select("id", "reply_created_at").iter_rows())
    assert set(replies) == {"c1", "c2"}  # r1 and c3 are the organisation's own
    assert replies["c1"].isoformat() == "2024-03-01T13:30:00+00:00"
    assert replies["c2"] is None  # the only reply came before it
    assert channel.organisation_replies == 2


def test_reply_before_message_is_an_error(write_org: WriteOrg, registry: Registry) -> None:
    interactions = INTERACTIONS + "c3,p1,2024-03-02T12:00:00Z,kim,Vraag,2024-03-01T12:00:00Z\n"
    with pytest.raises(InputError) as caught:
        load_organisation(write_org(interactions=interactions), registry.adapters)
    assert (caught.value.line, caught.value.field) == (4, "reply_created_at")


def test_generic_json_reports_json_paths(write_org: WriteOrg, registry: Registry) -> None:
    folder = write_org(posts=None, interactions=None)
    (folder / "data" / "all.json").write_text(
        '{"posts": [{"id": "p1", "created_at": "2024-03-01T10:00:00Z", "text": "Hoi", '
        '"media_type": "text", "reactions": 3}, {"id": "p2", "created_at": "gisteren", '
        '"media_type": "text"}]}',
        encoding="utf-8",
    )
    folder.joinpath("organisation.toml").write_text(
        PROFILE.replace('data = ["data/*.csv"]', 'data = ["data/*.json"]'), encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_organisation(folder, registry.adapters)
    assert caught.value.field == "$.posts[1].created_at"


def test_unknown_platform_lists_known_ones(write_org: WriteOrg, registry: Registry) -> None:
    folder = write_org(
        profile=PROFILE.replace('platform = "facebook"', 'platform = "myspace"\nid = "facebook"')
    )
    with pytest.raises(InputError) as caught:
        load_organisation(folder, registry.adapters)
    assert caught.value.field == "channels[0].platform"
    assert "facebook" in (caught.value.hint or "") and "linkedin" in (caught.value.hint or "")

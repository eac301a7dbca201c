"""Malformed files name the file, line or JSON path and field; nothing is half-loaded;
streaming in chunks gives the same result as reading at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import choose_adapter, load_organisation, parse_profile, sample_file
from socialaudit.engine.model.channel_data import ChannelDataPart
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.plugins.adapters import _table
from tests.adapters.conftest import FIXTURES, Read, options


def _graph(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    document = json.loads((FIXTURES / "facebook/graph_posts_page1.json").read_text())
    mutate(document)
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "field", "words"),
    [
        (lambda d: d["data"][2].pop("created_time"), "$.data[2].created_time", "missing"),
        (
            lambda d: d["data"][1].update(created_time="gisteren"),
            "$.data[1].created_time",
            "'gisteren'",
        ),
        (
            lambda d: d["data"][0]["reactions"]["summary"].update(total_count="veel"),
            "$.data[0].reactions.summary.total_count",
            "whole number",
        ),
        (
            lambda d: d["data"][0]["shares"].update(count=-3),
            "$.data[0].shares.count",
            "negative",
        ),
        (
            lambda d: d["data"][0]["comments"]["data"][0]["comments"]["data"][1].pop(
                "created_time"
            ),
            "$.data[0].comments.data[0].comments.data[1].created_time",
            "missing",
        ),
        (lambda d: d["data"].__setitem__(1, "oops"), "$.data[1]", "object"),
    ],
)
def test_bad_field_names_its_json_path(read: Read, tmp_path: Path, mutate, field, words) -> None:  # type: ignore[no-untyped-def]
    path = _graph(tmp_path, mutate)
    with pytest.raises(InputError) as error:
        read("facebook-graph-posts", path)
    assert error.value.file == str(path)
    assert error.value.field == field
    assert words in error.value.message


def test_broken_json_names_the_line(read: Read, tmp_path: Path) -> None:
    text = (FIXTURES / "youtube/videos.json").read_text(encoding="utf-8")
    path = tmp_path / "videos.json"
    path.write_text(text.replace('"likeCount": "64",', '"likeCount": "64",,'), encoding="utf-8")
    with pytest.raises(InputError) as error:
        read("youtube-videos", path)
    assert error.value.line == 20 and "not valid JSON" in error.value.message


def test_cut_off_download(read: Read, tmp_path: Path) -> None:
    text = (FIXTURES / "x/api_timeline.json").read_bytes()
    path = tmp_path / "timeline.json"
    path.write_bytes(text[: len(text) // 2])
    with pytest.raises(InputError, match="not valid JSON"):
        read("x-api-v2", path, handle="FietsenVerbeke")


def test_api_error_saved_instead_of_data(read: Read, tmp_path: Path) -> None:
    path = tmp_path / "posts.json"
    path.write_text(
        json.dumps(
            {
                "error": {
                    "message": "Error validating access token: Session has expired.",
                    "type": "OAuthException",
                    "code": 190,
                    "fbtrace_id": "A1b2C3",
                }
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="Session has expired") as error:
        read("facebook-graph-posts", path)
    assert error.value.field == "$.error"


def test_json_with_bom_is_read(read: Read, tmp_path: Path) -> None:
    path = tmp_path / "videos.json"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "youtube/videos.json").read_bytes())
    assert read("youtube-videos", path).posts.height == 2


def test_chunked_streaming_gives_the_same_frames(
    read: Read, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = read("facebook-graph-posts", "facebook/graph_posts_page1.json")
    monkeypatch.setattr(_table, "CHUNK_ROWS", 2)
    chunked = read("facebook-graph-posts", "facebook/graph_posts_page1.json")
    assert chunked.posts.equals(whole.posts)
    assert chunked.interactions is not None and whole.interactions is not None
    assert chunked.interactions.equals(whole.interactions)


def test_bad_time_in_a_later_chunk_names_its_record(
    read: Read, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_table, "CHUNK_ROWS", 2)
    path = _graph(tmp_path, lambda d: d["data"][2].update(created_time="30/03/2024"))
    with pytest.raises(InputError) as error:
        read("facebook-graph-posts", path)
    assert error.value.field == "$.data[2].created_time"


def test_csv_bad_cell_names_line_and_column(read: Read, tmp_path: Path) -> None:
    text = (FIXTURES / "linkedin/all_posts_nl.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "all_posts.csv"
    path.write_text(text.replace("03/12/2024", "12 maart"), encoding="utf-8-sig")
    with pytest.raises(InputError) as error:
        read("linkedin-page-export", path)
    assert (error.value.line, error.value.field) == (4, "Created date")


PROFILE = """
name = "Fietsen Verbeke"
market = "b2c"
country = "BE"

[[channels]]
platform = "facebook"
handle = "fietsenverbeke"
data = ["facebook/*"]
"""


def test_one_broken_file_fails_the_channel_with_nothing_half_loaded(
    adapters: dict, tmp_path: Path
) -> None:
    folder = tmp_path / "org"
    (folder / "facebook").mkdir(parents=True)
    (folder / "organisation.toml").write_text(PROFILE, encoding="utf-8")
    shutil.copy(FIXTURES / "facebook/graph_posts_page1.json", folder / "facebook/a.json")
    loaded = load_organisation(folder, adapters)
    assert loaded.channels["facebook"].posts.height == 3
    broken = (FIXTURES / "facebook/graph_posts_pages.json").read_text(encoding="utf-8")
    (folder / "facebook/b.json").write_text(broken[:-40], encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_organisation(folder, adapters)
    assert error.value.file == str(folder / "facebook/b.json")


def _linkedin_workbook_with_rows(path: Path, rows: int) -> Path:
    """A LinkedIn export whose 'All posts' sheet is rewritten with `rows` valid post rows:
    a few megabytes on disk, tens uncompressed (a zip bomb in miniature)."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Metrics"
    book.create_sheet("All posts").append(["title"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    body = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Post {n}</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>https://www.linkedin.com/feed/update/'
        f"urn:li:activity:{7100000000000000000 + n}</t></is></c>"
        f'<c r="C{n}" t="inlineStr"><is><t>01/01/2024</t></is></c></row>'
        for n in range(3, rows + 3)
    )
    header = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Post title</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Post link</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>Created date</t></is></c></row>'
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org'
        f'/spreadsheetml/2006/main"><sheetData>{header}{body}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, sheet if item.filename == "xl/worksheets/sheet2.xml" else data)
    plain.unlink()
    return path


def test_a_workbook_with_too_many_rows_is_refused_while_streaming(
    read: Read, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from socialaudit.engine import tabular

    monkeypatch.setattr(tabular, "MAX_XLSX_ROWS", 5_000)  # the real cap, scaled for speed
    path = _linkedin_workbook_with_rows(tmp_path / "bomb.xlsx", 20_000)
    with pytest.raises(InputError, match="more than 5000 rows") as caught:
        read("linkedin-page-export", path)
    assert "shorter period" in (caught.value.hint or "")


def test_a_workbook_that_unpacks_too_large_is_refused_before_parsing(
    read: Read, tmp_path: Path
) -> None:
    import zipfile

    from socialaudit.engine.tabular import MAX_XLSX_BYTES

    path = tmp_path / "zeros.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml", '<workbook><sheets><sheet name="All posts"/></sheets></workbook>'
        )
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (MAX_XLSX_BYTES + 1))
    assert path.stat().st_size < MAX_XLSX_BYTES // 100
    with pytest.raises(InputError, match="unpacks to"):
        read("linkedin-page-export", path)


def test_a_workbook_within_the_caps_reads_every_row(
    read: Read, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from socialaudit.engine import tabular

    monkeypatch.setattr(tabular, "MAX_XLSX_ROWS", 5_000)
    path = _linkedin_workbook_with_rows(tmp_path / "fine.xlsx", 5_000)
    assert read("linkedin-page-export", path).posts.height == 5_000


GENERIC_HEADER = (
    "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks\n"
)


def _channel(platform: str = "x") -> ChannelProfile:
    return ChannelProfile(platform=platform, handle="fietsenverbeke")


def _generic(adapters: dict, path: Path) -> ChannelDataPart:
    return adapters["generic-posts-csv"].read(path, options("x"))


def _choose(adapters: dict, path: Path, platform: str = "x") -> str:
    return choose_adapter(sample_file(path), _channel(platform), adapters, "channels[0].data").name


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_an_empty_file_says_so(adapters: dict, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match="the file is empty") as caught:
        _choose(adapters, path)
    assert caught.value.file == str(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_text_is_named_with_how_to_save_it(
    adapters: dict, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "posts.txt"  # Excel's "Unicode text" is tab-separated UTF-16
    text = (
        GENERIC_HEADER.replace(",", "\t")
        + "p1\t2024-03-01T10:00:00Z\tHallo\ttext\t1\t1\t1\t1\t1\t1\n"
    )
    path.write_bytes(text.encode(encoding))
    with pytest.raises(InputError, match="UTF-16") as caught:
        _choose(adapters, path)
    assert "CSV UTF-8" in (caught.value.hint or "")


def test_a_header_of_no_format_names_what_the_nearest_formats_expect(
    adapters: dict, tmp_path: Path
) -> None:
    path = tmp_path / "tweets.csv"
    path.write_text("Tweet id,Tweet text,Date\n1,Hallo,2024-03-01\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _choose(adapters, path)
    message = caught.value.message
    assert "its header names Tweet id, Tweet text, Date" in message
    assert "x-tweet-activity-csv expects" in message
    assert "missing: tweet permalink, time" in message


def test_a_row_with_one_cell_too_many_names_its_line(adapters: dict, tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    good = "2024-03-01T10:00:00Z,Hallo,text,1,1,1,1,1,1\n"
    path.write_text(
        GENERIC_HEADER
        + "p1,"
        + good
        + "p2,2024-03-02T10:00:00Z,Hallo, allemaal,text,1,1,1,1,1,1\n"
        + "p3,"
        + good,
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        _generic(adapters, path)
    assert caught.value.line == 3
    assert "11 cells where the header names 10 columns" in caught.value.message


def test_up_to_twenty_bad_rows_in_one_error(adapters: dict, tmp_path: Path) -> None:
    rows = "".join(
        f"p{n},2024-03-01T10:00:00Z,Hallo,text,{'veel' if n % 2 else n},1,1,1,1,1\n"
        for n in range(1, 51)
    )  # 25 bad impressions, on the odd posts: lines 2, 4, 6, ...
    path = tmp_path / "posts.csv"
    path.write_text(GENERIC_HEADER + rows, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _generic(adapters, path)
    error = caught.value
    assert (error.line, error.field) == (2, "impressions")
    assert "also on line 4 ('veel'), 6 ('veel')" in error.message
    assert "40 ('veel')" in error.message and "42 ('veel')" not in error.message  # 20 named
    assert "25 rows in all" in error.message


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("photo", "image"),
        ("Photo", "image"),
        ("IMAGE", "image"),
        ("CAROUSEL_ALBUM", "carousel"),
        ("REELS", "reel"),
        ("album", "carousel"),
        ("status", "text"),
        ("Multi-image", "carousel"),
        ("animated_gif", "video"),
    ],
)
def test_media_type_in_the_platforms_words(
    adapters: dict, tmp_path: Path, word: str, expected: str
) -> None:
    path = tmp_path / "posts.csv"
    path.write_text(
        GENERIC_HEADER + f"p1,2024-03-01T10:00:00Z,Hallo,{word},1,1,1,1,1,1\n", encoding="utf-8"
    )
    assert _generic(adapters, path).posts["media_type"].to_list() == [expected]


def test_an_unknown_media_type_is_still_an_error(adapters: dict, tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text(
        GENERIC_HEADER + "p1,2024-03-01T10:00:00Z,Hallo,hologram,1,1,1,1,1,1\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        _generic(adapters, path)
    assert (caught.value.line, caught.value.field) == (2, "media_type")
    assert "hologram" in caught.value.message and "docs/formats.md" in caught.value.message


def test_a_data_entry_with_an_absolute_path(adapters: dict, tmp_path: Path) -> None:
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    shutil.copy(FIXTURES / "facebook/graph_posts_page1.json", elsewhere / "page1.json")
    folder = tmp_path / "org"
    folder.mkdir()
    for data, posts in ((elsewhere / "page1.json", 3), (elsewhere / "*.json", 3)):
        profile = PROFILE.replace('data = ["facebook/*"]', f'data = ["{data.as_posix()}"]')
        (folder / "organisation.toml").write_text(profile, encoding="utf-8")
        assert load_organisation(folder, adapters).channels["facebook"].posts.height == posts
    missing = PROFILE.replace('data = ["facebook/*"]', f'data = ["{elsewhere.as_posix()}/no.json"]')
    (folder / "organisation.toml").write_text(missing, encoding="utf-8")
    with pytest.raises(InputError, match="matches no file") as caught:
        load_organisation(folder, adapters)
    assert caught.value.field == "channels[0].data"


@pytest.mark.parametrize(
    ("country", "zone"),
    [
        ("BE", "Europe/Brussels"),
        ("JP", "Asia/Tokyo"),
        ("PT", None),
        ("NZ", None),
        ("IS", "Atlantic/Reykjavik"),
    ],
)
def test_the_country_sets_the_zone_from_the_tz_database(country: str, zone: str | None) -> None:
    profile = {"name": "X", "market": "b2b", "country": country}
    if zone is None:  # several zones (Lisbon, Madeira, Azores; Auckland, Chatham)
        with pytest.raises(InputError) as caught:
            parse_profile(profile, "organisation.toml")
        assert caught.value.field == "timezone" and "several time zones" in caught.value.message
        assert ("Atlantic/Azores" if country == "PT" else "Pacific/Chatham") in caught.value.message
        chosen = parse_profile({**profile, "timezone": "Europe/Lisbon"}, "organisation.toml")
        assert chosen.effective_timezone == "Europe/Lisbon"
    else:
        assert parse_profile(profile, "organisation.toml").effective_timezone == zone


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"country": "XZ"}, "country"), ({"timezone": "Europe/Brusels"}, "timezone")],
)
def test_an_unknown_country_or_zone_is_named(extra: dict, field: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_profile({"name": "X", "market": "b2b", **extra}, "organisation.toml")
    assert caught.value.field == field

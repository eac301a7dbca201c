"""Malformed files name the file, line or JSON path and field; nothing is half-loaded;
streaming in chunks gives the same result as reading at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import load_organisation
from socialaudit.plugins.adapters import _table
from tests.adapters.conftest import FIXTURES, Read


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

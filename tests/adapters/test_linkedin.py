"""LinkedIn page analytics export: the workbook as downloaded and its sheet saved as CSV."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from socialaudit.engine.errors import InputError
from socialaudit.engine.model.profile import ChannelProfile
from socialaudit.engine.normalise import merge_channel
from tests.adapters.conftest import FIXTURES, Read, detected_by

FIRST = "urn:li:activity:7171234567890123456"
VIDEO = "urn:li:ugcPost:7175678901234567890"


def _workbook(path: Path, rows: list[list[object]] | None = None) -> Path:
    """An export as LinkedIn builds it: a Metrics sheet, then All posts with a title row."""
    with (FIXTURES / "linkedin/all_posts_en_cp1252.csv").open(encoding="cp1252") as handle:
        title, header, *_ = list(csv.reader(handle))
    book = Workbook()
    metrics = book.active
    metrics.title = "Metrics"
    metrics.append(["Aggregated metrics for the selected period"])
    metrics.append(["Date", "Impressions (organic)", "Impressions (sponsored)"])
    metrics.append(["03/05/2024", 412, 0])
    sheet = book.create_sheet("All posts")
    sheet.append([title[0]])
    sheet.append(header)
    for row in rows if rows is not None else [
        ["Wij zoeken een fietsmecanicien (m/v/x) 🔧", f"https://www.linkedin.com/feed/update/{FIRST}",
         "Organic", None, "Els Verbeke", "03/05/2024", None, None, "All followers", 1234, None,
         None, 87, 0.0705, 23, 4, 2, None, 0.094, "Image"],
        ["Rondrit Vlaamse Ardennen — video", f"https://www.linkedin.com/feed/update/{VIDEO}",
         "Sponsored", "Lente 2024", "Els Verbeke", datetime(2024, 3, 20), None, None,
         "Oost-Vlaanderen", 5420, 2310, None, 140, 0.0258, 61, None, 5, 3, 0.0381, "Video"],
        [None] * 20,
    ]:  # fmt: skip
        sheet.append(row)
    book.save(path)
    return path


def test_dutch_excel_csv(read: Read) -> None:
    part = read("linkedin-page-export", "linkedin/all_posts_nl.csv")
    posts = {row["id"]: row for row in part.posts.to_dicts()}
    first = posts[FIRST]
    assert (first["impressions"], first["clicks"], first["reactions"]) == (1234, 87, 23)  # 1.234
    assert first["created_at"] == datetime(2024, 3, 4, 23, 0, tzinfo=UTC)  # MM/DD/YYYY local
    assert first["text"].endswith("🔧 Solliciteer via de link!")
    assert posts[VIDEO]["comments"] is None and posts[VIDEO]["video_views"] == 2310
    assert posts[VIDEO]["media_type"] == "video"
    assert not part.carries_interactions and part.followers is None


def test_cp1252_csv(read: Read) -> None:
    posts = read("linkedin-page-export", "linkedin/all_posts_en_cp1252.csv").posts
    assert posts["text"].to_list()[0] == (
        "Wij zoeken een fietsmecanicien (m/v/x) – solliciteer vóór 1 april!"
    )


def test_workbook_as_downloaded(read: Read, adapters: dict, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "fietsen-verbeke_content_1711900000000.xlsx")
    assert detected_by(adapters, path) == ["linkedin-page-export"]
    posts = {row["id"]: row for row in read("linkedin-page-export", path).posts.to_dicts()}
    assert set(posts) == {FIRST, VIDEO}  # the empty row Excel keeps is not a post
    assert posts[FIRST]["impressions"] == 1234 and posts[FIRST]["text"].endswith("🔧")
    assert posts[VIDEO]["created_at"] == datetime(2024, 3, 19, 23, 0, tzinfo=UTC)


def test_workbook_and_csv_copy_merge(read: Read, tmp_path: Path) -> None:
    parts = [
        read("linkedin-page-export", _workbook(tmp_path / "export.xlsx")),
        read("linkedin-page-export", "linkedin/all_posts_nl.csv"),
    ]
    data = merge_channel(ChannelProfile(platform="linkedin", handle="fietsen-verbeke"), parts)
    assert data.posts.height == 3
    assert data.messages_known is False  # the export has no comments: responses unknown


def test_workbook_bad_cell_names_sheet_row_and_column(read: Read, tmp_path: Path) -> None:
    rows = [
        ["Vacature", f"https://www.linkedin.com/feed/update/{FIRST}", "Organic", None, "Els",
         "03/05/2024", None, None, "All", "veel", None, None, 1, 0.1, 1, 1, 1, None, 0.1, "Text"],
    ]  # fmt: skip
    path = _workbook(tmp_path / "bad.xlsx", rows)
    with pytest.raises(InputError) as error:
        read("linkedin-page-export", path)
    assert error.value.line == 3 and error.value.field == "Impressions"
    assert "All posts" in (error.value.file or "")


def test_other_workbooks_and_old_xls(adapters: dict, read: Read, tmp_path: Path) -> None:
    other = tmp_path / "budget.xlsx"
    book = Workbook()
    book.active.append(["Post title", "Post link", "Created date"])
    book.save(other)
    assert detected_by(adapters, other) == []  # no "All posts" sheet
    old = tmp_path / "export.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert detected_by(adapters, old) == ["linkedin-page-export"]
    with pytest.raises(InputError, match=r"\.xls"):
        read("linkedin-page-export", old)

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


def _workbook(path: Path, rows: list[list[object]] | None = None, title: str | None = None) -> Path:
    """An export as LinkedIn builds it: a Metrics sheet, then All posts with a title row."""
    with (FIXTURES / "linkedin/all_posts_en_cp1252.csv").open(encoding="cp1252") as handle:
        first, header, *_ = list(csv.reader(handle))
    title = title or first[0]
    book = Workbook()
    metrics = book.active
    metrics.title = "Metrics"
    metrics.append(["Aggregated metrics for the selected period"])
    metrics.append(["Date", "Impressions (organic)", "Impressions (sponsored)"])
    metrics.append(["03/05/2024", 412, 0])
    sheet = book.create_sheet("All posts")
    sheet.append([title])
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


UTC_TITLE = (
    "Engagement metrics for individual posts. Created date indicates when your post was "
    "created. All dates and times are in UTC."
)
BOOSTED = "urn:li:activity:7180000000000000001"


def _boosted_rows() -> list[list[object]]:
    link = f"https://www.linkedin.com/feed/update/{BOOSTED}"

    def row(kind: str, campaign: str | None, impressions: int, clicks: int | None) -> list[object]:
        return ["Lenteactie", link, kind, campaign, "Els", "04/02/2024", None, None, "All",
                impressions, None, None, clicks, None, 10, 2, 1, None, None, None]  # fmt: skip

    return [
        row("Organic", None, 1000, 40),
        row("Sponsored", "Boost 1", 3000, 90),
        row("Sponsored", "Boost 2", 500, None),
        row("Total", None, 4500, 130),
    ]


def test_title_row_in_utc_means_utc(read: Read, tmp_path: Path) -> None:
    rows = _boosted_rows()[:1]
    utc = read("linkedin-page-export", _workbook(tmp_path / "utc.xlsx", rows, UTC_TITLE))
    # the channel's zone is Europe/Brussels; the export says its dates are UTC
    assert utc.posts["created_at"].item() == datetime(2024, 4, 2, 0, 0, tzinfo=UTC)
    local = read("linkedin-page-export", _workbook(tmp_path / "old.xlsx", rows))
    assert local.posts["created_at"].item() == datetime(2024, 4, 1, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (3, 2, 1, 0), (1, 3, 0, 2)])
def test_a_boosted_post_counts_once_with_its_organic_figures(
    read: Read, tmp_path: Path, order: tuple[int, ...]
) -> None:
    rows = _boosted_rows()
    part = read("linkedin-page-export", _workbook(tmp_path / "b.xlsx", [rows[i] for i in order]))
    (post,) = part.posts.to_dicts()
    assert (post["id"], post["impressions"], post["clicks"]) == (BOOSTED, 1000, 40)
    assert "organic" in part.notes[0]["en"]


def test_a_post_run_only_as_an_ad_adds_up_its_sponsored_rows(read: Read, tmp_path: Path) -> None:
    rows = _boosted_rows()[1:3]
    (post,) = read("linkedin-page-export", _workbook(tmp_path / "ad.xlsx", rows)).posts.to_dicts()
    assert (post["impressions"], post["clicks"]) == (3500, 90)  # 3000 + 500; a blank is not 0

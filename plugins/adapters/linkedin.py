"""LinkedIn company page: the posts sheet of the page analytics export.

LinkedIn's export is a workbook with a ``Metrics`` sheet (daily totals) and an ``All posts``
sheet; each sheet has a title row above its header. Read from the ``.xlsx`` as downloaded or
from the ``All posts`` sheet saved as CSV (a Dutch Excel saves ``;``, decimal commas and a
BOM). The post's URN in ``Post link`` is its id, so the workbook and its CSV copy, or two
overlapping exports, merge without duplicates.

The export holds no comments, so the channel's response KPIs stay unknown, and no follower
count: give ``followers`` in `organisation.toml`.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from socialaudit.plugin import (
    CellError,
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    ReadOptions,
    blank_to_null,
    hookimpl,
    parse_counts,
    parse_times,
)
from socialaudit.plugins.adapters import _csv

SHEET = "All posts"
COLUMNS: dict[str, tuple[str, ...]] = {
    "link": ("post link",),
    "text": ("post title",),
    "created_at": ("created date",),
    "media_type": ("content type",),
    "impressions": ("impressions",),
    "clicks": ("clicks",),
    "reactions": ("likes", "reactions"),
    "comments": ("comments",),
    "shares": ("reposts", "shares"),
    "video_views": ("views (excluding off-site video views)", "views"),
}
REQUIRED = ("post title", "post link", "created date")
_DATE_FORMATS = ("%m/%d/%Y", "%m/%d/%Y %H:%M", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S")
_CONTENT_TYPES = {
    "text": "text",
    "image": "image",
    "photo": "image",
    "video": "video",
    "article": "link",
    "link": "link",
    "url": "link",
    "document": "other",
    "poll": "other",
    "event": "other",
    "multi-image": "carousel",
    "carousel": "carousel",
}
_URN = r"(urn:li:(?:activity|share|ugcPost):\d+)"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _posts(raw: pl.DataFrame, timezone: str) -> pl.DataFrame:
    """Typed posts from the sheet's cells as strings; `CellError` at the first bad cell."""
    _csv.check_present(raw, "link", "post")
    _csv.check_present(raw, "created_at", "post")
    urn = raw["link"].str.extract(_URN, 1)
    columns = [
        pl.select(pl.coalesce(urn, raw["link"])).to_series().alias("id"),
        raw["link"].alias("permalink"),
        parse_times(raw["created_at"], timezone=timezone, naive_formats=_DATE_FORMATS),
    ]
    if "text" in raw.columns:
        columns.append(raw["text"])
    if "media_type" in raw.columns:
        columns.append(_csv.map_values(raw["media_type"], _CONTENT_TYPES, "other"))
    for metric in ("impressions", "clicks", "reactions", "comments", "shares", "video_views"):
        if metric in raw.columns:
            columns.append(parse_counts(raw[metric]))
    return pl.DataFrame(columns)


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_names(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return []
    return re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]+)"', workbook)


class LinkedinPageExport(ChannelAdapter):
    name = "linkedin-page-export"
    platforms = ("linkedin",)
    title = "LinkedIn page analytics: posts export (XLSX, or its 'All posts' sheet as CSV)"
    how_to_obtain = (
        "LinkedIn page > Analytics > Posts (Content) > Export, choose the period; use the "
        ".xlsx as downloaded, or save its 'All posts' sheet as CSV."
    )

    def detect(self, sample: FileSample) -> bool:
        if sample.suffix == ".xlsx" and sample.head.startswith(b"PK"):
            return SHEET in _sheet_names(sample.path)
        if sample.suffix == ".xls" and sample.head.startswith(_OLE):
            return True  # claimed to say how to convert it, rather than "no format"
        return _csv.find_header(sample, REQUIRED) is not None

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        suffix = path.suffix.lower()
        if suffix == ".xls":
            raise InputError(
                "the old Excel format (.xls) cannot be read",
                file=path,
                hint="open it in Excel or LibreOffice and save it as .xlsx, or save the "
                "'All posts' sheet as CSV",
            )
        if suffix == ".xlsx":
            posts = self._read_xlsx(path, options)
        else:
            posts = self._read_csv(path, options)
        return ChannelDataPart(source=str(path), format=self.name, posts=posts)

    def _read_csv(self, path: Path, options: ReadOptions) -> pl.DataFrame:
        export = _csv.read_export(path, REQUIRED, COLUMNS, "LinkedIn 'All posts'")
        try:
            return _posts(export.frame, options.timezone)
        except CellError as exc:
            raise export.error(exc) from exc

    def _read_xlsx(self, path: Path, options: ReadOptions) -> pl.DataFrame:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several types for a damaged file
            raise InputError(f"cannot open the workbook: {exc}", file=path) from exc
        try:
            if SHEET not in workbook.sheetnames:
                raise InputError(
                    f"no '{SHEET}' sheet",
                    file=path,
                    hint=f"sheets found: {', '.join(workbook.sheetnames)}",
                )
            rows = workbook[SHEET].iter_rows(values_only=True)
            header_row, names = self._find_header(rows, path)
            data = [[_cell_text(v) for v in row] for row in rows]
        finally:
            workbook.close()
        while data and all(v is None for v in data[-1]):
            data.pop()  # formatted but empty rows that Excel keeps below the table
        frame = pl.DataFrame(
            {
                name: pl.Series(name, [r[i] if i < len(r) else None for r in data], pl.String)
                for i, name in enumerate(names)
                if name
            }
        )
        by_name = {c.lower(): c for c in frame.columns}
        selected, sources = [], {}
        for target, spellings in COLUMNS.items():
            source = next((by_name[s] for s in spellings if s in by_name), None)
            if source is not None:
                selected.append(blank_to_null(frame[source]).alias(target))
                sources[target] = source
        try:
            return _posts(pl.DataFrame(selected), options.timezone)
        except CellError as exc:
            raise InputError(
                f"value '{exc.value}' {exc.message}",
                file=f"{path} (sheet '{SHEET}')",
                line=header_row + 1 + exc.record,
                field=sources.get(exc.field, exc.field),
            ) from exc

    @staticmethod
    def _find_header(rows: Any, path: Path) -> tuple[int, list[str]]:
        """The header row (1-based) below the title row(s), with its names."""
        for number, row in enumerate(rows, start=1):
            names = [str(v).strip() if v is not None else "" for v in row]
            if set(REQUIRED) <= {n.lower() for n in names}:
                return number, names
            if number >= _csv.HEADER_SEARCH_LINES:
                break
        raise InputError(
            f"no header naming {', '.join(REQUIRED)} in the first rows of sheet '{SHEET}'",
            file=path,
        )


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [LinkedinPageExport()]

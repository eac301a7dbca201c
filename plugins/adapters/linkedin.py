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
from pathlib import Path

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
    located,
    parse_counts,
    parse_times,
    read_xlsx_sheet,
    render_all,
    sample_file,
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
    "post_type": ("post type",),
}
METRICS = ("impressions", "clicks", "reactions", "comments", "shares", "video_views")
_UTC = re.compile(r"\bin UTC\b", re.IGNORECASE)
BOOSTED = {
    "en": "{count:boosted post|boosted posts} (Organic, Sponsored and Total rows): counted once "
    "each, with the organic figures; the paid figures are left out of the KPIs.",
    "nl": "{count:gesponsord bericht|gesponsorde berichten} (rijen Organic, Sponsored en "
    "Total): elk één keer geteld, met de organische cijfers; de betaalde cijfers tellen niet "
    "mee in de KPI's.",
    "fr": "{count:publication sponsorisée|publications sponsorisées} (lignes Organic, "
    "Sponsored et Total) : comptée(s) une fois, avec les chiffres organiques ; les chiffres "
    "payants sont exclus des KPI.",
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


def _posts(raw: pl.DataFrame, timezone: str) -> tuple[pl.DataFrame, int]:
    """Typed posts from the sheet's cells as strings, one per post, and how many of them were
    boosted; `CellError` at the first bad cell."""
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
    for metric in METRICS:
        if metric in raw.columns:
            columns.append(parse_counts(raw[metric]))
    if "post_type" in raw.columns:
        columns.append(raw["post_type"].str.to_lowercase())
    return _one_row_per_post(pl.DataFrame(columns))


def _one_row_per_post(frame: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """A boosted post is listed as an Organic row, one Sponsored row per campaign and a Total
    row. The KPIs take its organic figures, comparable with the posts nobody paid for; a post
    that only ran as an ad (no Organic row) counts with its Sponsored rows added up. Rows are
    chosen by their type, never by their order."""
    if "post_type" not in frame.columns:
        return frame, 0
    metrics = [m for m in METRICS if m in frame.columns]
    kind = pl.col("post_type")
    boosted = frame.filter(kind == "sponsored")["id"].n_unique()
    organic = frame.filter(kind.is_null() | (kind == "organic"))
    paid_only = frame.filter((kind == "sponsored") & ~pl.col("id").is_in(organic["id"].implode()))
    others = [c for c in frame.columns if c not in metrics and c not in ("id", "post_type")]
    ads = paid_only.group_by("id", maintain_order=True).agg(
        *[pl.col(c).drop_nulls().first() for c in others],
        # unknown stays unknown: a sum of nothing but blanks is not 0
        *[pl.when(pl.col(m).is_not_null().any()).then(pl.col(m).sum()).alias(m) for m in metrics],
    )
    posts = organic.drop("post_type")
    rows = pl.concat([posts, ads.select(posts.columns)], how="vertical_relaxed")
    return rows.unique("id", keep="first", maintain_order=True), boosted


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
    header = REQUIRED

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
            posts, boosted = self._read_xlsx(path, options)
        else:
            posts, boosted = self._read_csv(path, options)
        notes = [render_all(BOOSTED, count=boosted)] if boosted else []
        return ChannelDataPart(source=str(path), format=self.name, posts=posts, notes=notes)

    def _read_csv(self, path: Path, options: ReadOptions) -> tuple[pl.DataFrame, int]:
        export = _csv.read_export(path, REQUIRED, COLUMNS, "LinkedIn 'All posts'")
        title_rows = sample_file(path).text.splitlines()[: export.header.index]
        try:
            return _posts(export.frame, _zone(title_rows, options))
        except CellError as exc:
            raise export.error(exc) from exc

    def _read_xlsx(self, path: Path, options: ReadOptions) -> tuple[pl.DataFrame, int]:
        sheet = read_xlsx_sheet(path, SHEET, REQUIRED, _csv.HEADER_SEARCH_LINES)
        by_name = {c.lower(): c for c in sheet.frame.columns}
        selected, sources = [], {}
        for target, spellings in COLUMNS.items():
            source = next((by_name[s] for s in spellings if s in by_name), None)
            if source is not None:
                selected.append(blank_to_null(sheet.frame[source]).alias(target))
                sources[target] = source
        try:
            return _posts(pl.DataFrame(selected), _zone(sheet.above, options))
        except CellError as exc:
            exc.field = sources.get(exc.field, exc.field)
            raise located(
                exc, f"{path} (sheet '{SHEET}')", lambda record: sheet.header_row + 1 + record
            ) from exc


def _zone(title_rows: tuple[str, ...] | list[str], options: ReadOptions) -> str:
    """The export's title row says "All dates and times are in UTC" in current exports; older
    ones say nothing, and their dates are the page admin's local days."""
    if any(_UTC.search(row) for row in title_rows):
        return "UTC"
    return options.timezone


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [LinkedinPageExport()]

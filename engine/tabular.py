"""Reading the tables people export: CSV from Excel, numbers and times in local notation.

Shared by every adapter, so each platform's adapter only says which column means what.
Every parse is vectorised (polars) and reports the first bad cell with its file, line and
field; a bad value is never turned into a zero.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import polars as pl

from socialaudit.engine.errors import InputError
from socialaudit.engine.model.channel_data import MEDIA_TYPES, UTC_TIME

_BOM = b"\xef\xbb\xbf"
SAMPLE_BYTES = 64 * 1024


@dataclass(frozen=True)
class CsvDialect:
    encoding: str  # "utf-8" or "cp1252"
    delimiter: str
    has_bom: bool


def sniff_csv(head: bytes) -> CsvDialect:
    """Encoding and separator of a CSV from its first bytes.

    Excel writes UTF-8 with a BOM, or cp1252 without; a Dutch or Belgian Excel separates with
    semicolons because the comma is the decimal sign.
    """
    has_bom = head.startswith(_BOM)
    body = head[len(_BOM) :] if has_bom else head
    try:
        text = body.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is still UTF-8
        if exc.start >= len(body) - 3:
            text = body[: exc.start].decode("utf-8")
            encoding = "utf-8"
        else:
            text = body.decode("cp1252", errors="replace")
            encoding = "cp1252"
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=lambda d: _count_outside_quotes(first_line, d))
    return CsvDialect(encoding=encoding, delimiter=delimiter, has_bom=has_bom)


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def decode_head(head: bytes) -> str:
    body = head[len(_BOM) :] if head.startswith(_BOM) else head
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def read_csv_strings(
    path: Path, *, skip_rows: int = 0, dialect: CsvDialect | None = None
) -> tuple[pl.DataFrame, CsvDialect]:
    """All cells as strings (nothing guessed), header names stripped of BOM and spaces.

    UTF-8 files are read by polars straight from disk, so a large export is not held twice.
    """
    if dialect is None:
        with path.open("rb") as handle:
            dialect = sniff_csv(handle.read(SAMPLE_BYTES))
    source: Path | io.BytesIO = path
    if dialect.encoding != "utf-8":
        source = io.BytesIO(path.read_bytes().decode(dialect.encoding).encode("utf-8"))
    try:
        frame = pl.read_csv(
            source,
            separator=dialect.delimiter,
            infer_schema=False,
            skip_rows=skip_rows,
            encoding="utf8",
            truncate_ragged_lines=False,
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise _malformed(path, dialect, skip_rows) or InputError(
            f"cannot read as CSV: {str(exc).splitlines()[0]}",
            file=path,
            hint="check that every row has as many separators as the header",
        ) from exc
    frame = frame.rename({c: c.lstrip("\ufeff").strip() for c in frame.columns})
    return frame, dialect


def _malformed(path: Path, dialect: CsvDialect, skip_rows: int) -> InputError | None:
    """The rows with more cells than the header, by line: what the CSV parser refused
    without saying where. None when no row is longer (the parser's own message stands)."""
    encoding = "utf-8-sig" if dialect.encoding == "utf-8" else dialect.encoding
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        for _ in range(skip_rows):
            handle.readline()
        reader = csv.reader(handle, delimiter=dialect.delimiter)
        header = next(reader, [])
        line, total = skip_rows + reader.line_num + 1, 0
        bad: list[tuple[int, int]] = []
        for row in reader:
            if len(row) > len(header):
                total += 1
                if len(bad) < MAX_REPORTED:
                    bad.append((line, len(row)))
            line = skip_rows + reader.line_num + 1
    if not bad:
        return None
    (first, cells), others = bad[0], bad[1:]
    message = f"this row has {cells} cells where the header names {len(header)} columns"
    if others:
        message += "; so do lines " + ", ".join(str(n) for n, _cells in others)
    if total > len(bad):
        message += f" ({total} rows in all; the first {len(bad)} shown)"
    return InputError(
        message,
        file=path,
        line=first,
        hint=f"a cell that holds the separator '{dialect.delimiter}' must be quoted; "
        "export the file again or fix those rows",
    )


def lines_of_records(
    path: Path, dialect: CsvDialect, records: list[int], skip_rows: int = 0
) -> dict[int, int]:
    """The 1-based line where each data record (0-based, after the header) starts.

    Only called on the error path: it re-reads the file with the csv module so that a
    multi-line caption does not throw the count off.
    """
    wanted, found = set(records), {}
    with path.open(
        encoding="utf-8-sig" if dialect.encoding == "utf-8" else dialect.encoding, newline=""
    ) as handle:
        for _ in range(skip_rows):
            handle.readline()
        reader = csv.reader(handle, delimiter=dialect.delimiter)
        line = skip_rows + 1
        for index, _row in enumerate(reader):
            if index - 1 in wanted:
                found[index - 1] = line
                if len(found) == len(wanted):
                    break
            line = skip_rows + reader.line_num + 1
    return {record: found.get(record, line) for record in records}


def _unparsed(parsed: pl.Series, raw: pl.Series) -> pl.Series:
    return parsed.is_null() & raw.is_not_null() & (raw.str.strip_chars() != "")


def blank_to_null(raw: pl.Series) -> pl.Series:
    stripped = raw.str.strip_chars()
    return pl.select(
        pl.when(stripped == "").then(None).otherwise(stripped).alias(raw.name)
    ).to_series()


MAX_REPORTED = 20
"""Bad rows named in one error: enough to see a pattern, few enough to read."""


class CellError(Exception):
    """Bad cells of one column, by record index; the caller turns it into an `InputError`
    with lines. `record`/`value` is the first; `others` up to `MAX_REPORTED` - 1 more, and
    `total` how many rows are bad in all."""

    def __init__(
        self,
        record: int,
        field: str,
        value: str,
        message: str,
        *,
        others: tuple[tuple[int, str], ...] = (),
        total: int = 1,
    ) -> None:
        self.record, self.field, self.value, self.message = record, field, value, message
        self.others, self.total = others, max(total, 1 + len(others))
        super().__init__(message)

    @property
    def records(self) -> list[int]:
        return [self.record, *(record for record, _value in self.others)]


def check_cells(bad: pl.Series, raw: pl.Series, message: str, field: str | None = None) -> None:
    """Raise `CellError` naming the first `MAX_REPORTED` rows where `bad` is true."""
    where = bad.fill_null(False).arg_true()
    if not len(where):
        return
    found = [
        (int(i), "" if raw[int(i)] is None else str(raw[int(i)])) for i in where[:MAX_REPORTED]
    ]
    (first, value), others = found[0], tuple(found[1:])
    raise CellError(first, field or raw.name, value, message, others=others, total=len(where))


def parse_counts(raw: pl.Series, *, allow_negative: bool = False) -> pl.Series:
    """Counts as the exports write them: ``1234``, ``1.234`` or ``1,234`` (thousands),
    ``206.0``; blank and ``-`` are unknown. Raises `CellError` at the first bad cell."""
    text = pl.select(
        pl.lit(raw).str.strip_chars().str.replace_all("[\u00a0 \u202f']", "")
    ).to_series()
    text = pl.select(
        pl.when(text.is_in(["", "-", "--", "n/a", "N/A"])).then(None).otherwise(text)
    ).to_series()
    normalised = pl.select(
        pl.when(text.str.contains(r"^-?\d{1,3}([.,]\d{3})+$"))
        .then(text.str.replace_all(r"[.,]", ""))
        .when(text.str.contains(r"^-?\d+[.,]0+$"))
        .then(text.str.replace(r"[.,]0+$", ""))
        .otherwise(text)
    ).to_series()
    parsed = normalised.cast(pl.Int64, strict=False)
    check_cells(_unparsed(parsed, text), raw, "is not a whole number")
    if not allow_negative:
        check_cells(parsed < 0, raw, "is negative; counts cannot be")
    return parsed.alias(raw.name)


def parse_decimals(raw: pl.Series) -> pl.Series:
    """Numbers in either notation, percentages as fractions: ``3,5%`` and ``0.035`` both give
    0.035; ``1.234,5`` gives 1234.5."""
    text = pl.select(pl.lit(raw).str.strip_chars().str.replace_all("[\u00a0 ]", "")).to_series()
    text = pl.select(pl.when(text.is_in(["", "-"])).then(None).otherwise(text)).to_series()
    percent = text.str.ends_with("%")
    body = text.str.strip_chars_end("%")
    normalised = pl.select(
        pl.when(body.str.contains(r"^-?\d{1,3}(\.\d{3})+,\d+$"))
        .then(body.str.replace_all(r"\.", "").str.replace(",", "."))
        .when(body.str.contains(r"^-?\d{1,3}(,\d{3})+\.\d+$"))
        .then(body.str.replace_all(",", ""))
        .otherwise(body.str.replace(",", "."))
    ).to_series()
    parsed = normalised.cast(pl.Float64, strict=False)
    check_cells(_unparsed(parsed, text), raw, "is not a number")
    return (
        pl.select(pl.when(percent).then(parsed / 100).otherwise(parsed)).to_series().alias(raw.name)
    )


_AWARE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M%z",
    "%Y-%m-%d %H:%M %z",
)
# what a Unix time counts: seconds (TikTok), milliseconds (LinkedIn API), ...
EpochUnit = Literal["s", "ms", "us", "ns"]

_NAIVE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)


# date, time to the second, an optional fraction and an optional Z or offset: what APIs and
# most exports write; seconds of 60 (leap seconds) are left to the formats
_COMMON_ISO = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:[0-5]\d(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$"


def _parse_common_iso(
    raw: pl.Series, timezone: str, naive_formats: tuple[str, ...]
) -> pl.Series | None:
    """`parse_times` for a column whose every cell is in a common ISO 8601 form, or None.

    Trying fourteen formats on every cell is most of the time of reading a large export; these
    forms have their fields at fixed places, so one fixed-width parse and the offset read by
    position give the same times (tests/engine/test_parse_times_fast.py holds it to that).
    None, and so the formats, for anything else: other forms, a cell that does not parse (the
    formats report it), naive times when a caller gives its own formats.
    """
    text = raw.str.strip_chars()
    text = pl.select(pl.when(text == "").then(None).otherwise(text)).to_series()
    if text.null_count() == len(text) or not text.str.contains(_COMMON_ISO).fill_null(True).all():
        return None
    rest = text.str.slice(19)
    offset = rest.str.extract(r"([+-]\d{2}:?\d{2})$")
    aware = offset.is_not_null() | (rest.str.ends_with("Z"))
    if not aware.fill_null(True).all() and naive_formats != _NAIVE_FORMATS:
        return None
    hours, minutes = offset.str.slice(1, 2).cast(pl.Int32), offset.str.slice(-2).cast(pl.Int32)
    if ((hours > 23) | (minutes > 59)).any():
        return None
    head = text.str.slice(0, 19)
    local = pl.select(
        pl.coalesce(
            [
                head.str.strptime(pl.Datetime("us"), f"%Y-%m-%d{sep}%H:%M:%S", strict=False)
                for sep in head.str.slice(10, 1).drop_nulls().unique().to_list()
            ]
        )
    ).to_series()
    if rest.str.starts_with(".").any():
        digits = rest.str.extract(r"^\.(\d+)").str.pad_end(9, "0").cast(pl.Int64) // 1000
        local = pl.select(local + pl.duration(microseconds=pl.lit(digits.fill_null(0)))).to_series()
    sign = pl.when(offset.str.starts_with("-")).then(-1).otherwise(1)
    utc = pl.select(
        (
            local - pl.duration(minutes=(sign * (hours * 60 + minutes)).fill_null(0))
        ).dt.replace_time_zone("UTC")
    ).to_series()
    if not aware.fill_null(True).all():

        def to_utc(moment: pl.Expr) -> pl.Expr:
            return moment.dt.replace_time_zone(
                timezone, ambiguous="earliest", non_existent="null"
            ).dt.convert_time_zone("UTC")

        # as parse_times: a clock time skipped by the spring DST change is the hour after it
        clock = pl.lit(local)
        localised = pl.select(
            pl.coalesce([to_utc(clock), to_utc(clock + pl.duration(hours=1))])
        ).to_series()
        utc = pl.select(pl.when(aware).then(utc).otherwise(localised)).to_series()
    if (utc.is_null() & text.is_not_null()).any():
        return None
    return utc.alias(raw.name)


def parse_times(
    raw: pl.Series,
    *,
    timezone: str = "UTC",
    naive_formats: tuple[str, ...] = _NAIVE_FORMATS,
) -> pl.Series:
    """Times to UTC. ISO 8601 with an offset or ``Z`` is taken as written; a time without an
    offset is local time in `timezone` (the organisation's); a date alone is midnight there.
    A time without a date, or anything else, raises `CellError` at the first bad cell."""
    fast = _parse_common_iso(raw, timezone, naive_formats)
    if fast is not None:
        return fast
    text = blank_to_null(raw)
    text = pl.select(text.str.replace(r"Z$", "+0000")).to_series()
    aware = pl.select(
        pl.coalesce([text.str.strptime(UTC_TIME, fmt, strict=False) for fmt in _AWARE_FORMATS])
    ).to_series()
    naive = pl.select(
        pl.coalesce(
            [text.str.strptime(pl.Datetime("us"), fmt, strict=False) for fmt in naive_formats]
        )
    ).to_series()

    def to_utc(local: pl.Expr) -> pl.Expr:
        return local.dt.replace_time_zone(
            timezone, ambiguous="earliest", non_existent="null"
        ).dt.convert_time_zone("UTC")

    # a clock time skipped by the spring DST change is read as the hour after it
    clock = pl.lit(naive)
    localised = pl.select(
        pl.coalesce([to_utc(clock), to_utc(clock + pl.duration(hours=1))])
    ).to_series()
    parsed = pl.select(pl.coalesce([aware, localised])).to_series()
    check_cells(
        _unparsed(parsed, text),
        raw,
        "is not a date and time; write ISO 8601, e.g. 2024-03-05T09:12:00+01:00",
    )
    return parsed.alias(raw.name)


def parse_epoch(raw: pl.Series, *, unit: EpochUnit = "s") -> pl.Series:
    """Unix times (TikTok: seconds, LinkedIn API: milliseconds) to UTC."""
    numbers = raw.cast(pl.Int64, strict=False)
    return pl.select(pl.from_epoch(numbers, time_unit=unit).dt.replace_time_zone("UTC")).to_series()


def cell_error(path: Path, dialect: CsvDialect, error: CellError, skip_rows: int = 0) -> InputError:
    """A `CellError` as an `InputError` with the exact line of each bad cell in the file."""
    lines = lines_of_records(path, dialect, error.records, skip_rows)
    return located(error, path, lambda record: lines[record])


def located(error: CellError, file: Path | str, line_of: Callable[[int], int]) -> InputError:
    """A `CellError` as an `InputError`: the first bad cell's line, and the others' in the
    message, so that one pass fixes every bad row the error names."""
    message = f"value '{error.value}' {error.message}"
    if error.others:
        also = ", ".join(f"{line_of(record)} ('{value}')" for record, value in error.others)
        message += f"; also on line {also}"
    if error.total > 1 + len(error.others):
        message += f" ({error.total} rows in all; the first {1 + len(error.others)} shown)"
    return InputError(message, file=file, line=line_of(error.record), field=error.field)


MAX_XLSX_BYTES = 64 * 1024 * 1024
"""Uncompressed size of a workbook's parts: a posts export of ten thousand posts is ~10 MB."""
MAX_XLSX_ROWS = 20_000
"""A posts sheet has one row per post: twenty thousand posts is years of a busy page, and
streaming that many rows already takes seconds."""
MAX_XLSX_CELLS = 1_000_000


@dataclass(frozen=True)
class Sheet:
    """A worksheet's table as strings, found under its title rows."""

    frame: pl.DataFrame
    header_row: int
    """1-based row number of the header in the sheet."""
    above: tuple[str, ...]
    """The text of the rows above the header (an export's title, which may name the zone)."""


def read_xlsx_sheet(
    path: Path, sheet: str, required: tuple[str, ...], search_rows: int = 5
) -> Sheet:
    """One sheet of a workbook, streamed (openpyxl's read-only mode) and capped.

    A workbook is a zip archive: a 2 MB file can hold millions of rows. Its uncompressed size
    is checked before anything is parsed, and rows and cells are counted while streaming, so a
    workbook that is too large is refused with an error long before memory runs out.
    """
    _check_archive(path)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise InputError(f"cannot open the workbook: {exc}", file=path) from exc
    try:
        if sheet not in workbook.sheetnames:
            raise InputError(
                f"no '{sheet}' sheet",
                file=path,
                hint=f"sheets found: {', '.join(workbook.sheetnames)}",
            )
        worksheet = workbook[sheet]
        declared = worksheet.max_row or 0
        if declared > MAX_XLSX_ROWS:
            raise _too_large(path, sheet, f"declares {declared} rows")
        return _stream_table(
            path, sheet, worksheet.iter_rows(values_only=True), required, search_rows
        )
    finally:
        workbook.close()


def _check_archive(path: Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            "not an Excel workbook (.xlsx): it is not a zip archive",
            file=path,
            hint="export the file again, or save it as .xlsx from Excel",
        ) from exc
    if size > MAX_XLSX_BYTES:
        raise InputError(
            f"the workbook unpacks to {size // (1024 * 1024)} MB, more than the "
            f"{MAX_XLSX_BYTES // (1024 * 1024)} MB a posts export can need",
            file=path,
            hint="export a shorter period, or save the sheet as CSV",
        )


def _too_large(path: Path, sheet: str, found: str) -> InputError:
    return InputError(
        f"sheet '{sheet}' {found}; at most {MAX_XLSX_ROWS} rows and {MAX_XLSX_CELLS} cells "
        "are read",
        file=path,
        hint="export a shorter period, or save the sheet as CSV",
    )


def _stream_table(
    path: Path, sheet: str, rows: Iterator[tuple[Any, ...]], required: tuple[str, ...], search: int
) -> Sheet:
    above: list[str] = []
    names: list[str] | None = None
    for number, row in enumerate(rows, start=1):
        cells = [str(v).strip() if v is not None else "" for v in row]
        if set(required) <= {c.lower() for c in cells}:
            names, header_row = cells, number
            break
        above.append(" ".join(c for c in cells if c))
        if number >= search:
            break
    if names is None:
        raise InputError(
            f"no header naming {', '.join(required)} in the first {search} rows of sheet '{sheet}'",
            file=path,
            hint=f"found: {' | '.join(above) or 'empty rows'}",
        )
    columns: list[list[str | None]] = [[] for _ in names]
    cell_count = 0
    for count, row in enumerate(rows, start=1):
        cell_count += len(row)
        if count > MAX_XLSX_ROWS:
            raise _too_large(path, sheet, f"holds more than {MAX_XLSX_ROWS} rows")
        if cell_count > MAX_XLSX_CELLS:
            raise _too_large(path, sheet, f"holds more than {MAX_XLSX_CELLS} cells")
        for index, column in enumerate(columns):
            column.append(_cell_text(row[index]) if index < len(row) else None)
    frame = pl.DataFrame(
        {name: pl.Series(name, columns[i], pl.String) for i, name in enumerate(names) if name}
    )
    filled = frame.select(pl.any_horizontal(pl.all().is_not_null())).to_series()
    last = filled.arg_true()
    # formatted but empty rows that Excel keeps below the table
    frame = frame.head(int(last[-1]) + 1 if len(last) else 0)
    return Sheet(frame=frame, header_row=header_row, above=tuple(above))


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


MEDIA_TYPE_WORDS: dict[str, str] = {
    # the engine's own words
    **{word: word for word in ("text", "image", "video", "carousel", "link", "story", "reel")},
    "other": "other",
    # what the platforms and their exports call them (Graph API, Business Suite, X, LinkedIn)
    "status": "text",
    "tweet": "text",
    "note": "text",
    "photo": "image",
    "photos": "image",
    "picture": "image",
    "images": "image",
    "videos": "video",
    "animated_gif": "video",
    "gif": "video",
    "live": "video",
    "live_video": "video",
    "igtv": "video",
    "carousel_album": "carousel",
    "album": "carousel",
    "multi_image": "carousel",
    "links": "link",
    "url": "link",
    "article": "link",
    "share": "link",
    "shared_link": "link",
    "stories": "story",
    "reels": "reel",
    "short": "reel",
    "shorts": "reel",
    "poll": "other",
    "event": "other",
    "document": "other",
}
"""A post type as the platforms write it -> the engine's media type. Keys are lowercase with
spaces and hyphens as underscores: ``Photo``, ``IMAGE``, ``CAROUSEL_ALBUM``, ``Multi-image``
all match. docs/formats.md lists this table."""


def parse_media_types(raw: pl.Series) -> pl.Series:
    """Media types in the platforms' own words, case-insensitively; a word the table does not
    know raises `CellError` rather than becoming "other"."""
    key = blank_to_null(raw).str.to_lowercase().str.replace_all(r"[\s\-]+", "_")
    mapped = key.replace_strict(MEDIA_TYPE_WORDS, default=None, return_dtype=pl.String)
    bad = (mapped.is_null() & key.is_not_null()).arg_true()
    if len(bad):
        index = int(bad[0])
        raise CellError(
            index,
            raw.name,
            str(raw[index]),
            f"is not an allowed media type; use one of {', '.join(MEDIA_TYPES)} or a "
            "platform's word for one (see docs/formats.md)",
        )
    return mapped.alias(raw.name)

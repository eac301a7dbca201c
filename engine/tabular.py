"""Reading the tables people export: CSV from Excel, numbers and times in local notation.

Shared by every adapter, so each platform's adapter only says which column means what.
Every parse is vectorised (polars) and reports the first bad cell with its file, line and
field; a bad value is never turned into a zero.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
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


def staged(raw: pl.Series, *stages: dict[str, pl.Expr]) -> pl.DataFrame:
    """`raw` as column ``raw``, with each stage's columns added in one query over the columns
    the stages before made.

    Each Series method is a query of its own (0.1 to 0.3 ms in polars 2, whatever the size),
    and polars compiles a regex again wherever an expression tree repeats it: chained Series
    methods made reading a small organisation's files cost more than assessing it. A stage
    names what later stages reuse, so that nothing is computed or compiled twice.
    """
    return _add_stages(raw.to_frame("raw"), stages)


def _add_stages(frame: pl.DataFrame, stages: Iterable[dict[str, pl.Expr]]) -> pl.DataFrame:
    for stage in stages:
        frame = frame.with_columns(**stage)
    return frame


RAW, TEXT, PARSED = pl.col("raw"), pl.col("text"), pl.col("parsed")


def _unparsed(parsed: pl.Expr, text: pl.Expr) -> pl.Expr:
    return parsed.is_null() & text.is_not_null() & (text.str.strip_chars() != "")


def _blank_to_null(text: pl.Expr) -> pl.Expr:
    stripped = text.str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def blank_to_null(raw: pl.Series) -> pl.Series:
    return staged(raw, {"text": _blank_to_null(RAW)})["text"].alias(raw.name)


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
    if not bad.any():
        return
    where = bad.fill_null(False).arg_true()
    found = [
        (int(i), "" if raw[int(i)] is None else str(raw[int(i)])) for i in where[:MAX_REPORTED]
    ]
    (first, value), others = found[0], tuple(found[1:])
    raise CellError(first, field or raw.name, value, message, others=others, total=len(where))


def parse_counts(raw: pl.Series, *, allow_negative: bool = False) -> pl.Series:
    """Counts as the exports write them: ``1234``, ``1.234`` or ``1,234`` (thousands),
    ``206.0``; blank and ``-`` are unknown. Raises `CellError` at the first bad cell."""
    direct = raw.cast(pl.Int64, strict=False)
    if direct.null_count() == raw.null_count():
        # plain digits in every cell, as most exports write them: what the notations below
        # would make of them too, in a cast rather than a dozen regex passes
        parsed = direct
    else:
        text = RAW.str.strip_chars().str.replace_all("[\u00a0 \u202f']", "")
        frame = staged(
            raw,
            {"text": pl.when(text.is_in(["", "-", "--", "n/a", "N/A"])).then(None).otherwise(text)},
            {
                "parsed": pl.when(TEXT.str.contains(r"^-?\d{1,3}([.,]\d{3})+$"))
                .then(TEXT.str.replace_all(r"[.,]", ""))
                .when(TEXT.str.contains(r"^-?\d+[.,]0+$"))
                .then(TEXT.str.replace(r"[.,]0+$", ""))
                .otherwise(TEXT)
                .cast(pl.Int64, strict=False)
            },
            {"unparsed": _unparsed(PARSED, TEXT)},
        )
        check_cells(frame["unparsed"], raw, "is not a whole number")
        parsed = frame["parsed"]
    if not allow_negative:
        check_cells(parsed < 0, raw, "is negative; counts cannot be")
    return parsed.alias(raw.name)


def parse_decimals(raw: pl.Series) -> pl.Series:
    """Numbers in either notation, percentages as fractions: ``3,5%`` and ``0.035`` both give
    0.035; ``1.234,5`` gives 1234.5."""
    text = RAW.str.strip_chars().str.replace_all("[\u00a0 ]", "")
    body = TEXT.str.strip_chars_end("%")
    frame = staged(
        raw,
        {"text": pl.when(text.is_in(["", "-"])).then(None).otherwise(text)},
        {
            "parsed": pl.when(body.str.contains(r"^-?\d{1,3}(\.\d{3})+,\d+$"))
            .then(body.str.replace_all(r"\.", "").str.replace(",", "."))
            .when(body.str.contains(r"^-?\d{1,3}(,\d{3})+\.\d+$"))
            .then(body.str.replace_all(",", ""))
            .otherwise(body.str.replace(",", "."))
            .cast(pl.Float64, strict=False)
        },
        {
            "unparsed": _unparsed(PARSED, TEXT),
            "parsed": pl.when(TEXT.str.ends_with("%")).then(PARSED / 100).otherwise(PARSED),
        },
    )
    check_cells(frame["unparsed"], raw, "is not a number")
    return frame["parsed"].alias(raw.name)


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
    rest, offset = pl.col("rest"), pl.col("offset")
    frame = staged(
        raw,
        {"text": _blank_to_null(RAW)},
        {"rest": TEXT.str.slice(19), "common": TEXT.str.contains(_COMMON_ISO).fill_null(True)},
        {"offset": rest.str.extract(r"([+-]\d{2}:?\d{2})$")},
        {
            "aware": offset.is_not_null() | rest.str.ends_with("Z"),
            "hours": offset.str.slice(1, 2).cast(pl.Int32),
            "minutes": offset.str.slice(-2).cast(pl.Int32),
        },
    )
    if frame["text"].null_count() == len(frame) or not frame["common"].all():
        return None
    all_aware = frame["aware"].fill_null(True).all()
    if not all_aware and naive_formats != _NAIVE_FORMATS:
        return None
    if ((frame["hours"] > 23) | (frame["minutes"] > 59)).any():
        return None
    hours, minutes = pl.col("hours"), pl.col("minutes")
    head = TEXT.str.slice(0, 19)
    separators = frame["text"].str.slice(10, 1).drop_nulls().unique().to_list()
    local = pl.coalesce(
        [
            head.str.strptime(pl.Datetime("us"), f"%Y-%m-%d{separator}%H:%M:%S", strict=False)
            for separator in separators
        ]
    )
    if frame["rest"].str.starts_with(".").any():
        digits = rest.str.extract(r"^\.(\d+)").str.pad_end(9, "0").cast(pl.Int64) // 1000
        local = local + pl.duration(microseconds=digits.fill_null(0))
    sign = pl.when(offset.str.starts_with("-")).then(-1).otherwise(1)
    stages: list[dict[str, pl.Expr]] = [
        {"local": local},
        {
            "utc": (
                pl.col("local") - pl.duration(minutes=(sign * (hours * 60 + minutes)).fill_null(0))
            ).dt.replace_time_zone("UTC")
        },
    ]
    if not all_aware:
        # as parse_times: a clock time skipped by the spring DST change is the hour after it
        clock = pl.col("local")
        localised = pl.coalesce(
            [_to_utc(clock, timezone), _to_utc(clock + pl.duration(hours=1), timezone)]
        )
        stages.append({"utc": pl.when(pl.col("aware")).then(pl.col("utc")).otherwise(localised)})
    utc = _add_stages(frame, stages)["utc"]
    if (utc.is_null() & frame["text"].is_not_null()).any():
        return None
    return utc.alias(raw.name)


def _to_utc(local: pl.Expr, timezone: str) -> pl.Expr:
    return local.dt.replace_time_zone(
        timezone, ambiguous="earliest", non_existent="null"
    ).dt.convert_time_zone("UTC")


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
    naive = pl.col("naive")
    frame = staged(
        raw,
        {"text": _blank_to_null(RAW).str.replace(r"Z$", "+0000")},
        {
            "aware": pl.coalesce(
                [TEXT.str.strptime(UTC_TIME, fmt, strict=False) for fmt in _AWARE_FORMATS]
            ),
            "naive": pl.coalesce(
                [TEXT.str.strptime(pl.Datetime("us"), fmt, strict=False) for fmt in naive_formats]
            ),
        },
        # a clock time skipped by the spring DST change is read as the hour after it
        {
            "parsed": pl.coalesce(
                [
                    pl.col("aware"),
                    _to_utc(naive, timezone),
                    _to_utc(naive + pl.duration(hours=1), timezone),
                ]
            )
        },
        {"unparsed": _unparsed(PARSED, TEXT)},
    )
    check_cells(
        frame["unparsed"],
        raw,
        "is not a date and time; write ISO 8601, e.g. 2024-03-05T09:12:00+01:00",
    )
    return frame["parsed"].alias(raw.name)


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

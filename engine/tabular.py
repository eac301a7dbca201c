"""Reading the tables people export: CSV from Excel, numbers and times in local notation.

Shared by every adapter, so each platform's adapter only says which column means what.
Every parse is vectorised (polars) and reports the first bad cell with its file, line and
field; a bad value is never turned into a zero.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from socialaudit.engine.errors import InputError
from socialaudit.engine.model.channel_data import UTC_TIME

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
        raise InputError(
            f"cannot read as CSV: {str(exc).splitlines()[0]}",
            file=path,
            hint="check that every row has as many separators as the header",
        ) from exc
    frame = frame.rename({c: c.lstrip("\ufeff").strip() for c in frame.columns})
    return frame, dialect


def line_of_record(path: Path, dialect: CsvDialect, record: int, skip_rows: int = 0) -> int:
    """The 1-based line where data record `record` (0-based, after the header) starts.

    Only called on the error path: it re-reads the file with the csv module so that a
    multi-line caption does not throw the count off.
    """
    with path.open(
        encoding="utf-8-sig" if dialect.encoding == "utf-8" else dialect.encoding, newline=""
    ) as handle:
        for _ in range(skip_rows):
            handle.readline()
        reader = csv.reader(handle, delimiter=dialect.delimiter)
        line = skip_rows + 1
        for index, _row in enumerate(reader):
            if index == record + 1:
                return line
            line = skip_rows + reader.line_num + 1
    return line


def _first_bad(parsed: pl.Series, raw: pl.Series) -> int | None:
    bad = (parsed.is_null() & raw.is_not_null() & (raw.str.strip_chars() != "")).arg_true()
    return int(bad[0]) if len(bad) else None


def blank_to_null(raw: pl.Series) -> pl.Series:
    stripped = raw.str.strip_chars()
    return pl.select(
        pl.when(stripped == "").then(None).otherwise(stripped).alias(raw.name)
    ).to_series()


class CellError(Exception):
    """A bad cell, by record index; the caller turns it into an `InputError` with a line."""

    def __init__(self, record: int, field: str, value: str, message: str) -> None:
        self.record, self.field, self.value, self.message = record, field, value, message
        super().__init__(message)


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
    bad = _first_bad(parsed, text)
    if bad is not None:
        raise CellError(bad, raw.name, str(raw[bad]), "is not a whole number")
    if not allow_negative:
        negative = (parsed < 0).fill_null(False).arg_true()
        if len(negative):
            index = int(negative[0])
            raise CellError(index, raw.name, str(raw[index]), "is negative; counts cannot be")
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
    bad = _first_bad(parsed, text)
    if bad is not None:
        raise CellError(bad, raw.name, str(raw[bad]), "is not a number")
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
        local = pl.select(local + pl.duration(microseconds=digits.fill_null(0))).to_series()
    sign = pl.when(offset.str.starts_with("-")).then(-1).otherwise(1)
    utc = pl.select(
        (
            local - pl.duration(minutes=(sign * (hours * 60 + minutes)).fill_null(0))
        ).dt.replace_time_zone("UTC")
    ).to_series()
    if not aware.fill_null(True).all():

        def to_utc(moment: pl.Series) -> pl.Series:
            return moment.dt.replace_time_zone(
                timezone, ambiguous="earliest", non_existent="null"
            ).dt.convert_time_zone("UTC")

        # as parse_times: a clock time skipped by the spring DST change is the hour after it
        localised = pl.select(
            pl.coalesce([to_utc(local), to_utc(local + pl.duration(hours=1))])
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

    def to_utc(local: pl.Series) -> pl.Series:
        return local.dt.replace_time_zone(
            timezone, ambiguous="earliest", non_existent="null"
        ).dt.convert_time_zone("UTC")

    # a clock time skipped by the spring DST change is read as the hour after it
    localised = pl.select(
        pl.coalesce([to_utc(naive), to_utc(naive + pl.duration(hours=1))])
    ).to_series()
    parsed = pl.select(pl.coalesce([aware, localised])).to_series()
    bad = _first_bad(parsed, text)
    if bad is not None:
        raise CellError(
            bad,
            raw.name,
            str(raw[bad]),
            "is not a date and time; write ISO 8601, e.g. 2024-03-05T09:12:00+01:00",
        )
    return parsed.alias(raw.name)


def parse_epoch(raw: pl.Series, *, unit: str = "s") -> pl.Series:
    """Unix times (TikTok: seconds, LinkedIn API: milliseconds) to UTC."""
    numbers = raw.cast(pl.Int64, strict=False)
    return pl.select(pl.from_epoch(numbers, time_unit=unit).dt.replace_time_zone("UTC")).to_series()


def cell_error(path: Path, dialect: CsvDialect, error: CellError, skip_rows: int = 0) -> InputError:
    """A `CellError` as an `InputError` with the exact line in the file."""
    return InputError(
        f"value '{error.value}' {error.message}",
        file=path,
        line=line_of_record(path, dialect, error.record, skip_rows),
        field=error.field,
    )

"""Reading the dashboards' CSV exports by header name.

Exports change column order and add columns over time, so columns are found by name (several
spellings per column) rather than position. The header is looked for in the first lines,
because some exports (LinkedIn) put a title row above it; the separator is taken from the
header line itself, since a title row says nothing about it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from socialaudit.plugin import (
    CellError,
    CsvDialect,
    FileSample,
    InputError,
    blank_to_null,
    cell_error,
    check_cells,
    read_csv_strings,
    sample_file,
    sniff_csv,
)

HEADER_SEARCH_LINES = 5


def cells(line: str, delimiter: str) -> list[str]:
    row = next(csv.reader([line], delimiter=delimiter), [])
    return [cell.lstrip("\ufeff").strip().lower() for cell in row]


@dataclass(frozen=True)
class Header:
    """Where the header is (0-based line) and how the file is written."""

    index: int
    dialect: CsvDialect
    names: tuple[str, ...]


def find_header(sample: FileSample, required: Iterable[str]) -> Header | None:
    """The first of the first lines whose cells include every `required` name (lowercase)."""
    if sample.suffix not in (".csv", ".txt", ""):
        return None
    wanted = set(required)
    encoding = sniff_csv(sample.head)
    for index, line in enumerate(sample.text.splitlines()[:HEADER_SEARCH_LINES]):
        for delimiter in (",", ";", "\t"):
            names = cells(line, delimiter)
            if wanted <= set(names):
                dialect = CsvDialect(encoding.encoding, delimiter, encoding.has_bom)
                return Header(index, dialect, tuple(names))
    return None


@dataclass
class Export:
    """An export's columns by our names, with the file's own header names for errors."""

    path: Path
    header: Header
    frame: pl.DataFrame
    sources: dict[str, str]

    def error(self, exc: CellError) -> InputError:
        """A bad cell as an error naming the file's line and the column as the file names it."""
        exc.field = self.sources.get(exc.field, exc.field)
        return cell_error(self.path, self.header.dialect, exc, self.header.index)


def read_export(
    path: Path, required: Iterable[str], columns: dict[str, tuple[str, ...]], what: str
) -> Export:
    """The columns named in `columns` (our name -> accepted header spellings, lowercase), as
    stripped strings with blanks as null; a column the file lacks is absent from the frame."""
    required = tuple(required)
    header = find_header(sample_file(path), required)
    if header is None:
        raise InputError(
            f"no {what} header found in the first {HEADER_SEARCH_LINES} lines",
            file=path,
            hint=f"the header names {', '.join(required)}",
        )
    raw, _dialect = read_csv_strings(path, skip_rows=header.index, dialect=header.dialect)
    by_name = {c.lower(): c for c in raw.columns}
    selected, sources = [], {}
    for target, spellings in columns.items():
        source = next((by_name[s] for s in spellings if s in by_name), None)
        if source is not None:
            selected.append(blank_to_null(raw[source]).alias(target))
            sources[target] = source
    return Export(path, header, pl.DataFrame(selected), sources)


def check_present(frame: pl.DataFrame, column: str, what: str) -> None:
    """Every row must have this cell (an id, a time)."""
    check_cells(frame[column].is_null(), frame[column], f"is empty; every {what} needs it")


def map_values(series: pl.Series, mapping: dict[str, str], default: str) -> pl.Series:
    """Platform labels (``Photos``, ``Reels``...) to the engine's media types."""
    lowered = series.str.to_lowercase().str.strip_chars()
    mapped = lowered.replace_strict(mapping, default=default, return_dtype=pl.String)
    return pl.select(
        pl.when(lowered.is_null()).then(None).otherwise(mapped).alias(series.name)
    ).to_series()

"""`parse_times` reads the common ISO 8601 forms by a fast path; it must give exactly what the
formats give, cell for cell, error for error."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from socialaudit.engine import tabular
from socialaudit.engine.tabular import CellError, parse_times

TIMEZONES = ("UTC", "Europe/Brussels", "America/New_York")


@st.composite
def iso_cells(draw: st.DrawFn, *, valid: bool = False) -> str:
    """ISO-like cells, valid and not: out-of-range fields, fractions of any length, Z, offsets
    with and without a colon, either separator, spaces around, blanks. `valid`: only cells in
    range, in the forms the fast path reads."""
    if valid:
        moment = draw(st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)))
        cell = moment.strftime(f"%Y-%m-%d{draw(st.sampled_from('T '))}%H:%M:%S")
        if digits := draw(st.integers(0, 9)):
            cell += "." + f"{moment.microsecond:06d}{draw(st.integers(0, 999)):03d}"[:digits]
        sign, hours, minutes = (
            draw(st.sampled_from("+-")),
            draw(st.integers(0, 23)),
            draw(st.integers(0, 59)),
        )
        colon = draw(st.sampled_from(["", ":"]))
        return cell + draw(st.sampled_from(["", "Z", f"{sign}{hours:02d}{colon}{minutes:02d}"]))
    if draw(st.integers(0, 20)) == 0:
        return draw(st.sampled_from(["", "  ", "2024-03-05", "05/03/2024 10:00", "yesterday"]))
    year = draw(st.integers(1900, 2100))
    month, day = draw(st.integers(1, 13)), draw(st.integers(1, 32))
    hour, minute, second = (
        draw(st.integers(0, 24)),
        draw(st.integers(0, 59)),
        draw(st.integers(0, 60)),
    )
    sep = draw(st.sampled_from(["T", " "]))
    cell = f"{year:04d}-{month:02d}-{day:02d}{sep}{hour:02d}:{minute:02d}:{second:02d}"
    digits = draw(st.integers(0, 9))
    if digits:
        cell += "." + "".join(
            draw(st.lists(st.sampled_from("0123456789"), min_size=digits, max_size=digits))
        )
    suffix = draw(st.sampled_from(["", "Z", "offset", "offset"]))
    if suffix == "offset":
        sign = draw(st.sampled_from("+-"))
        hours, minutes = draw(st.integers(0, 25)), draw(st.integers(0, 60))
        colon = draw(st.sampled_from(["", ":"]))
        suffix = f"{sign}{hours:02d}{colon}{minutes:02d}"
    return draw(st.sampled_from(["", " "])) + cell + suffix + draw(st.sampled_from(["", " "]))


def run(
    raw: pl.Series, timezone: str, formats: tuple[str, ...], *, fast: bool
) -> pl.Series | CellError:
    """What `parse_times` gives, with or without its fast path."""
    with pytest.MonkeyPatch.context() as patched:
        if not fast:
            patched.setattr(tabular, "_parse_common_iso", lambda *args: None)
        try:
            return parse_times(raw, timezone=timezone, naive_formats=formats)
        except CellError as error:
            return error


def assert_same(fast: pl.Series | CellError, reference: pl.Series | CellError) -> None:
    if isinstance(reference, CellError):
        assert isinstance(fast, CellError)
        assert (fast.record, fast.field, fast.value, fast.message) == (
            reference.record,
            reference.field,
            reference.value,
            reference.message,
        )
    else:
        assert isinstance(fast, pl.Series)
        assert fast.dtype == reference.dtype
        assert fast.name == reference.name
        assert fast.to_list() == reference.to_list()


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(iso_cells(), min_size=1, max_size=8), timezone=st.sampled_from(TIMEZONES))
@example(cells=["2024-03-31 02:30:00", "2024-10-27T02:30:00"], timezone="Europe/Brussels")
@example(cells=["2024-11-30T10:00:00.1234567Z", "2024-11-30 10:00:00-00:30"], timezone="UTC")
@example(cells=["2024-11-30T10:00:00+0100", "2024-11-30T10:00:00"], timezone="America/New_York")
def test_same_as_the_formats(cells: list[str], timezone: str) -> None:
    raw = pl.Series("created_at", cells, dtype=pl.String)
    formats = tabular._NAIVE_FORMATS
    assert_same(run(raw, timezone, formats, fast=True), run(raw, timezone, formats, fast=False))


@settings(max_examples=100, deadline=None)
@given(cells=st.lists(iso_cells(), min_size=1, max_size=8), timezone=st.sampled_from(TIMEZONES))
def test_same_with_a_callers_formats(cells: list[str], timezone: str) -> None:
    """A caller's own naive formats may not read ISO at all: only aware cells go fast then."""
    raw = pl.Series("created_at", cells, dtype=pl.String)
    formats = ("%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M")
    assert_same(run(raw, timezone, formats, fast=True), run(raw, timezone, formats, fast=False))


@settings(max_examples=200, deadline=None)
@given(
    cells=st.lists(iso_cells(valid=True), min_size=1, max_size=8),
    timezone=st.sampled_from(TIMEZONES),
)
def test_valid_common_forms_go_fast_and_come_out_the_same(cells: list[str], timezone: str) -> None:
    raw = pl.Series("created_at", cells, dtype=pl.String)
    formats = tabular._NAIVE_FORMATS
    assert tabular._parse_common_iso(raw, timezone, formats) is not None
    assert_same(run(raw, timezone, formats, fast=True), run(raw, timezone, formats, fast=False))


def test_the_common_forms_take_the_fast_path() -> None:
    raw = pl.Series(
        "t",
        [
            "2024-11-30T10:00:00+00:00",
            "2024-11-30T10:00:00Z",
            "2024-11-30T10:00:00.123Z",
            "2024-11-30 10:00:00+0100",
            "2024-11-30T10:00:00",
            None,
            "",
        ],
    )
    fast = tabular._parse_common_iso(raw, "Europe/Brussels", tabular._NAIVE_FORMATS)
    assert fast is not None
    assert [str(t) if t else None for t in fast.to_list()] == [
        "2024-11-30 10:00:00+00:00",
        "2024-11-30 10:00:00+00:00",
        "2024-11-30 10:00:00.123000+00:00",
        "2024-11-30 09:00:00+00:00",
        "2024-11-30 09:00:00+00:00",
        None,
        None,
    ]


@pytest.mark.parametrize(
    "cell",
    ["2024-11-30", "2024-11-30T10:00", "30/11/2024 10:00", "2024-02-30T10:00:00Z", "soon"],
)
def test_other_forms_and_bad_cells_go_to_the_formats(cell: str) -> None:
    raw = pl.Series("t", ["2024-11-30T10:00:00Z", cell])
    assert tabular._parse_common_iso(raw, "UTC", tabular._NAIVE_FORMATS) is None

"""Cells a spreadsheet would run as a formula, made inert before any CSV or XLSX is written.

Texts come from social media: anyone can post `=HYPERLINK(...)` and have it end up in an
agency's export. OWASP's rule for CSV injection is applied to every text cell: one that starts
with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which spreadsheets show
as text and never evaluate.
"""

from __future__ import annotations

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = "^[" + "".join("\\" + c if c in "+-" else c for c in FORMULA_STARTS) + "]"


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with every text cell that a spreadsheet would evaluate prefixed with `'`."""
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in texts
    )

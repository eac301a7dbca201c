"""`socialaudit classify FILE`: label the texts of a CSV, so anyone can check the classifier on
their own data."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import polars as pl

from socialaudit.api.cli.common import config_option_help, load_registry
from socialaudit.api.cli.formula_cells import neutralised
from socialaudit.engine.errors import InputError
from socialaudit.engine.tabular import CellError, blank_to_null, cell_error, read_csv_strings

KINDS = {"post": "classify_posts", "comment": "classify_messages"}


@click.command("classify")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here, not stdout.")
@click.option("--evidence", is_flag=True, help="Add the cues that decided, as a column.")
@click.option("--config", type=click.Path(path_type=Path), help=config_option_help)
def classify_command(file: Path, output: Path | None, evidence: bool, config: Path | None) -> None:
    """Add language, label and confidence to each row of a CSV with a `text` column.

    An optional `kind` column says `post` (the default) or `comment` per row.
    """
    if not file.is_file():
        raise InputError("file not found", file=file)
    registry = load_registry(config)
    classifier = registry.classifier()
    if classifier is None:
        raise InputError("no content classifier is loaded", hint="see `socialaudit plugins`")
    rows, dialect = read_csv_strings(file)
    if "text" not in rows.columns:
        raise InputError(
            "no `text` column",
            file=file,
            line=1,
            field="text",
            hint=f"the header has: {', '.join(rows.columns)}",
        )
    kinds = (
        blank_to_null(rows["kind"]).str.to_lowercase().fill_null("post")
        if "kind" in rows.columns
        else pl.Series("kind", ["post"] * rows.height)
    )
    bad = (~kinds.is_in(list(KINDS))).arg_true()
    if len(bad):
        index = int(bad[0])
        raise cell_error(
            file,
            dialect,
            CellError(index, "kind", str(kinds[index]), "is not allowed; use post or comment"),
        )
    labels = pl.DataFrame(
        schema={
            "language": pl.String,
            "label": pl.String,
            "confidence": pl.Float64,
            "evidence": pl.List(pl.String),
            "_row": pl.UInt32,
        }
    )
    indexed = rows.with_row_index("_row").with_columns(kinds.alias("_kind"))
    for kind, method in KINDS.items():
        part = indexed.filter(pl.col("_kind") == kind)
        if part.height:
            result = getattr(classifier, method)(part["text"])
            labels = pl.concat([labels, result.with_columns(part["_row"])], how="diagonal")
    added = ["language", "label", "confidence", *(["evidence"] if evidence else [])]
    table = indexed.join(labels, on="_row", how="left").sort("_row").select([*rows.columns, *added])
    if evidence:
        table = table.with_columns(pl.col("evidence").list.join("; "))
    table = neutralised(table)
    if output:
        table.write_csv(output)
    else:
        sys.stdout.write(table.write_csv())

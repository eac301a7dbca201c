"""The generic format every platform can be exported to: a posts CSV and an interactions CSV,
recognised by their headers, and the same records as JSON.

Posts: ``id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks``
(optional: ``video_views``, ``permalink``, ``label``). Interactions:
``id,post_id,created_at,author,text,reply_created_at`` (optional: ``parent_id``, ``kind``,
``author_id``, ``from_organisation``, ``label``), where ``reply_created_at`` is the
organisation's first reply, empty when unanswered. Times are ISO 8601; an empty cell is
unknown, never zero.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from socialaudit.plugin import (
    MESSAGE_LABELS,
    POST_LABELS,
    POST_METRICS,
    CellError,
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    ReadOptions,
    blank_to_null,
    cell_error,
    check_cells,
    hookimpl,
    parse_counts,
    parse_media_types,
    parse_times,
    read_csv_strings,
    sniff_csv,
)

POST_COLUMNS = (
    "id",
    "created_at",
    "text",
    "media_type",
    "impressions",
    "reach",
    "reactions",
    "comments",
    "shares",
    "clicks",
)
POST_OPTIONAL = ("video_views", "permalink", "label")
INTERACTION_COLUMNS = ("id", "post_id", "created_at", "author", "text", "reply_created_at")
INTERACTION_OPTIONAL = ("parent_id", "kind", "author_id", "from_organisation", "label")
INTERACTION_KINDS = ("comment", "reply", "message", "mention")


def _header(sample: FileSample) -> set[str]:
    dialect = sniff_csv(sample.head)
    return {c.strip().strip('"').lower() for c in sample.first_line.split(dialect.delimiter)}


class _Table:
    """One table's validation: text columns kept, counts and times parsed, enums checked."""

    def __init__(self, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
        self.required, self.optional = required, optional

    def check_header(self, columns: list[str], where: Path) -> None:
        missing = [c for c in self.required if c not in columns]
        if missing:
            raise InputError(
                f"missing column(s) {', '.join(missing)}",
                file=where,
                line=1,
                hint=f"the header must name {', '.join(self.required)}",
            )


def _check_enum(column: pl.Series, allowed: tuple[str, ...]) -> None:
    bad = column.is_not_null() & ~column.is_in(list(allowed))
    check_cells(bad, column, f"is not allowed; use one of {', '.join(allowed)}")


def _check_ids(column: pl.Series) -> None:
    check_cells(column.is_null(), column, "is empty; every row needs an id")


def posts_frame(raw: pl.DataFrame, timezone: str) -> pl.DataFrame:
    """Typed posts from string columns; raises `CellError` at the first bad cell."""
    columns = {c: blank_to_null(raw[c]) for c in POST_COLUMNS + POST_OPTIONAL if c in raw.columns}
    _check_ids(columns["id"])
    columns["created_at"] = parse_times(raw["created_at"], timezone=timezone)
    for metric in POST_METRICS:
        if metric in raw.columns:
            columns[metric] = parse_counts(raw[metric])
    columns["media_type"] = parse_media_types(raw["media_type"])
    if "label" in columns:
        columns["label"] = columns["label"].str.to_lowercase()
        _check_enum(columns["label"], POST_LABELS)
    check_cells(columns["created_at"].is_null(), raw["created_at"], "is empty; a post needs a time")
    return pl.DataFrame(list(columns.values()))


def interactions_frame(raw: pl.DataFrame, timezone: str) -> pl.DataFrame:
    columns = {
        c: blank_to_null(raw[c])
        for c in INTERACTION_COLUMNS + INTERACTION_OPTIONAL
        if c in raw.columns
    }
    _check_ids(columns["id"])
    columns["created_at"] = parse_times(raw["created_at"], timezone=timezone)
    columns["reply_created_at"] = parse_times(raw["reply_created_at"], timezone=timezone)
    if "kind" in columns:
        columns["kind"] = columns["kind"].str.to_lowercase()
        _check_enum(columns["kind"], INTERACTION_KINDS)
    if "label" in columns:
        columns["label"] = columns["label"].str.to_lowercase()
        _check_enum(columns["label"], MESSAGE_LABELS)
    if "from_organisation" in columns:
        flag = columns["from_organisation"].str.to_lowercase()
        _check_enum(flag, ("true", "false", "1", "0", "yes", "no"))
        columns["from_organisation"] = pl.select(
            pl.when(flag.is_null())
            .then(None)
            .otherwise(flag.is_in(["true", "1", "yes"]))
            .alias("from_organisation")
        ).to_series()
    frame = pl.DataFrame(list(columns.values()))
    late = frame["reply_created_at"] < frame["created_at"]
    check_cells(late, raw["reply_created_at"], "is before the message itself")
    return frame


class GenericPostsCsv(ChannelAdapter):
    name = "generic-posts-csv"
    title = "Generic posts CSV"
    how_to_obtain = (
        "Write or export a CSV with the header "
        "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks."
    )
    table = _Table(POST_COLUMNS, POST_OPTIONAL)
    header = POST_COLUMNS

    def detect(self, sample: FileSample) -> bool:
        return sample.suffix in (".csv", ".txt", "") and set(POST_COLUMNS) <= _header(sample)

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        raw, dialect = read_csv_strings(path)
        raw = raw.rename({c: c.lower() for c in raw.columns})
        self.table.check_header(raw.columns, path)
        try:
            posts = posts_frame(raw, options.timezone)
        except CellError as exc:
            raise cell_error(path, dialect, exc) from exc
        return ChannelDataPart(source=str(path), format=self.name, posts=posts)


class GenericInteractionsCsv(ChannelAdapter):
    name = "generic-interactions-csv"
    title = "Generic interactions CSV"
    how_to_obtain = (
        "Write or export a CSV with the header id,post_id,created_at,author,text,reply_created_at;"
        " reply_created_at is the organisation's first reply, empty when unanswered."
    )
    table = _Table(INTERACTION_COLUMNS, INTERACTION_OPTIONAL)
    header = INTERACTION_COLUMNS

    def detect(self, sample: FileSample) -> bool:
        return sample.suffix in (".csv", ".txt", "") and set(INTERACTION_COLUMNS) <= _header(sample)

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        raw, dialect = read_csv_strings(path)
        raw = raw.rename({c: c.lower() for c in raw.columns})
        self.table.check_header(raw.columns, path)
        try:
            interactions = interactions_frame(raw, options.timezone)
        except CellError as exc:
            raise cell_error(path, dialect, exc) from exc
        return ChannelDataPart(
            source=str(path),
            format=self.name,
            interactions=interactions,
            carries_interactions=True,
        )


class GenericJson(ChannelAdapter):
    """``{"posts": [...], "interactions": [...]}`` with the CSV's field names."""

    name = "generic-json"
    title = "Generic JSON"
    how_to_obtain = (
        'Write a JSON object {"posts": [...], "interactions": [...]} whose records use the '
        "generic CSV's column names."
    )

    def detect(self, sample: FileSample) -> bool:
        head = sample.text.lstrip()
        return (
            sample.suffix == ".json"
            and head.startswith("{")
            and ('"posts"' in head[:2000] or '"interactions"' in head[:2000])
            and '"paging"' not in head
            and '"data"' not in head[:200]
        )

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", file=path, line=exc.lineno) from exc
        if not isinstance(document, dict):
            raise InputError("expected a JSON object with 'posts' and/or 'interactions'", file=path)
        part = ChannelDataPart(source=str(path), format=self.name)
        for key, table, builder in (
            ("posts", GenericPostsCsv.table, posts_frame),
            ("interactions", GenericInteractionsCsv.table, interactions_frame),
        ):
            records = document.get(key)
            if records is None:
                continue
            raw = _records_as_strings(records, path, key)
            # a JSON record may leave out what it does not know; only id and time are required
            for column in ("id", "created_at"):
                if column not in raw.columns and raw.height:
                    raise InputError(
                        "every record needs this field", file=path, field=f"$.{key}[0].{column}"
                    )
            raw = raw.with_columns(
                pl.lit(None, dtype=pl.String).alias(c)
                for c in table.required
                if c not in raw.columns
            )
            try:
                frame = builder(raw, options.timezone)
            except CellError as exc:
                raise InputError(
                    f"value '{exc.value}' {exc.message}",
                    file=path,
                    field=f"$.{key}[{exc.record}].{exc.field}",
                ) from exc
            setattr(part, key, frame)
            part.carries_interactions = part.carries_interactions or key == "interactions"
        return part


def _records_as_strings(records: Any, path: Path, key: str) -> pl.DataFrame:
    if not isinstance(records, list):
        raise InputError("must be a list of records", file=path, field=f"$.{key}")
    rows = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise InputError("must be an object", file=path, field=f"$.{key}[{index}]")
        rows.append(
            {
                k: None if v is None else str(v).lower() if isinstance(v, bool) else str(v)
                for k, v in record.items()
            }
        )
    columns = sorted({k for row in rows for k in row})
    return pl.DataFrame({c: pl.Series(c, [row.get(c) for row in rows], pl.String) for c in columns})


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [GenericPostsCsv(), GenericInteractionsCsv(), GenericJson()]

"""A third party's adapter for a platform socialaudit does not know: Pinterest API v5
``GET /v5/pins`` responses. It uses only the engine's public API, as any plugin must."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from socialaudit.plugin import (
    CellError,
    ChannelAdapter,
    ChannelDataPart,
    FileSample,
    InputError,
    ReadOptions,
    hookimpl,
    parse_times,
)

__version__ = "0.1.0"


class PinterestPins(ChannelAdapter):
    name = "pinterest-pins"
    platforms = ("pinterest",)
    title = "Pinterest API v5: pins"
    how_to_obtain = "GET /v5/pins, saved as a .json file."

    def detect(self, sample: FileSample) -> bool:
        return sample.suffix == ".json" and '"board_id"' in sample.text

    def read(self, path: Path, options: ReadOptions) -> ChannelDataPart:
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        raw = pl.DataFrame(
            {
                "id": [str(i["id"]) for i in items],
                "created_at": [i.get("created_at") for i in items],
                "text": [i.get("description") or None for i in items],
                "permalink": [i.get("link") for i in items],
            },
            schema={c: pl.String for c in ("id", "created_at", "text", "permalink")},
        )
        try:
            created = parse_times(raw["created_at"], timezone="UTC")
        except CellError as exc:
            field = f"$.items[{exc.record}].created_at"
            raise InputError(exc.message, file=path, field=field) from exc
        posts = raw.with_columns(created, pl.lit("image").alias("media_type"))
        return ChannelDataPart(source=str(path), format=self.name, posts=posts)


@hookimpl
def socialaudit_channel_adapters() -> list[ChannelAdapter]:
    return [PinterestPins()]

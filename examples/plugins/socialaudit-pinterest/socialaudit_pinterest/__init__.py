"""A third party's plugin for a platform socialaudit does not know: Pinterest.

It brings an adapter (Pinterest API v5 ``GET /v5/pins`` responses), a KPI (the share of pins
that link back to a web page) and a rule built on it, using only ``socialaudit.plugin``, the
public import every plugin must limit itself to. It is the worked example of
``docs/plugins.md``: copy this folder to start a plugin of your own.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from socialaudit.plugin import (
    AssessmentContext,
    CellError,
    ChannelAdapter,
    ChannelDataPart,
    ChannelView,
    Dimension,
    FileSample,
    Hit,
    InputError,
    Kpi,
    Measurement,
    ReadOptions,
    Rule,
    Severity,
    Unit,
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


def linked_pin_share(ctx: AssessmentContext, channel: ChannelView) -> Measurement | None:
    """Pins are Pinterest's way to send visitors to a site; one without a link sends nobody."""
    if channel.profile.platform != "pinterest":
        return None  # the figure means nothing on other platforms: unknown, not zero
    pins = channel.recent_posts
    if pins.height == 0:
        return None
    linked = pins.filter(pl.col("permalink").is_not_null()).height
    return Measurement(linked / pins.height, {"pins": pins.height, "linked": linked})


@hookimpl
def socialaudit_kpis() -> list[Kpi]:
    return [
        Kpi(
            id="linked_pin_share",
            name={"en": "Pins with a link", "nl": "Pins met een link", "fr": "Épingles avec lien"},
            unit=Unit.RATIO,
            description={
                "en": "Share of the window's pins that link to a web page.",
                "nl": "Aandeel van de pins in de periode dat naar een webpagina linkt.",
                "fr": "Part des épingles de la période qui renvoient vers une page web.",
            },
            formula="pins with a link / pins in the window",
            higher_is_better=True,
            per_channel=linked_pin_share,
        )
    ]


class UnlinkedPinsOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min_linked_share: float = Field(0.8, ge=0, le=1, description="fires below this share")
    min_pins: int = Field(5, ge=1, description="too few pins in the window: no verdict")


def unlinked_pins(
    ctx: AssessmentContext, channel: ChannelView, options: UnlinkedPinsOptions
) -> Hit | None:
    share = ctx.kpi("linked_pin_share", channel.key)
    pins = ctx.kpi_detail("linked_pin_share", channel.key).get("pins", 0)
    if share is None or pins < options.min_pins or share >= options.min_linked_share:
        return None
    return Hit({"share": share, "pins": pins, "target": options.min_linked_share})


@hookimpl
def socialaudit_rules() -> list[Rule]:
    return [
        Rule(
            code="PIN001",
            slug="pins-without-links",
            name={
                "en": "Pins do not link to the website",
                "nl": "Pins linken niet naar de website",
                "fr": "Les épingles ne renvoient pas vers le site",
            },
            category=Dimension.EXECUTION,
            severity=Severity.MEDIUM,
            message={
                "en": "Only {share:.0%} of the {pins} pins on {channel} link to a web page.",
                "nl": "Maar {share:.0%} van de {pins} pins op {channel} linkt naar een webpagina.",
                "fr": "Seules {share:.0%} des {pins} épingles de {channel} renvoient vers une "
                "page web.",
            },
            rationale={
                "en": "Pinterest is searched like a catalogue; a pin without a link cannot send "
                "the visitor on.",
                "nl": "Op Pinterest zoekt men als in een catalogus; een pin zonder link stuurt "
                "de bezoeker nergens heen.",
                "fr": "On parcourt Pinterest comme un catalogue ; une épingle sans lien "
                "n'envoie le visiteur nulle part.",
            },
            remediation={
                "en": "Add the product or article page as the destination link of every pin.",
                "nl": "Geef elke pin de pagina van het product of artikel als bestemmingslink.",
                "fr": "Donnez à chaque épingle la page du produit ou de l'article comme lien "
                "de destination.",
            },
            source="Pinterest Business, 'Best practices' (2024)",
            per_channel=unlinked_pins,
            options=UnlinkedPinsOptions,
            kpis=("linked_pin_share",),
            example={"en": "Six pins, two with a link: 33% is below the 80% target."},
        )
    ]

"""What the posts are for. The article on poor communication damaging the brand: the
ideal is a mix of promotion and information; a policy focused only on selling earns little."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from socialaudit.plugin import AssessmentContext, ChannelView, Kpi, Measurement, Unit
from socialaudit.plugins.kpis._aggregate import pooled
from socialaudit.plugins.kpis._sources import MERKIMAGO, OWN


def _share(label: str) -> Callable[[pl.DataFrame | None], Measurement]:
    def share(posts: pl.DataFrame | None) -> Measurement:
        labelled = posts.filter(pl.col("label").is_not_null()) if posts is not None else None
        if labelled is None or labelled.height == 0:
            return Measurement(None, {"reason": "no classified posts in the window", "sample": 0})
        matching = labelled.filter(pl.col("label") == label).height
        return Measurement(
            matching / labelled.height,
            {label: matching, "posts": labelled.height, "sample": labelled.height},
        )

    return share


def _kpi(
    label: str, name: dict[str, str], description: dict[str, str], higher_is_better: bool | None
) -> Kpi:
    share = _share(label)

    def per_channel(ctx: AssessmentContext, view: ChannelView) -> Measurement:
        return share(view.recent_posts)

    def per_organisation(ctx: AssessmentContext) -> Measurement:
        return share(pooled([v.recent_posts for v in ctx.channels.values()]))

    return Kpi(
        id=f"{label}_share",
        name=name,
        unit=Unit.RATIO,
        description=description,
        formula=f"posts labelled {label} / classified posts in the window",
        source=(
            f"{MERKIMAGO}: the ideal is a mix of promotion and information; a policy focused "
            "only on selling earns little. The labels follow docs/classifier.md; the share of "
            f"posts per label is {OWN}, and no study gives the ideal mix in figures."
        ),
        higher_is_better=higher_is_better,
        per_channel=per_channel,
        per_organisation=per_organisation,
    )


KPIS = [
    _kpi(
        "promotional",
        {"en": "Promotional share", "nl": "Aandeel promotie", "fr": "Part promotionnelle"},
        {
            "en": "Share of posts that push an offer or a purchase.",
            "nl": "Aandeel berichten dat een aanbod of aankoop pusht.",
            "fr": "Part des publications qui poussent une offre ou un achat.",
        },
        False,
    ),
    _kpi(
        "informational",
        {"en": "Informational share", "nl": "Aandeel informatie", "fr": "Part informative"},
        {
            "en": "Share of posts that inform: tips, news, behind the scenes, vacancies.",
            "nl": "Aandeel informerende berichten: tips, nieuws, achter de schermen, vacatures.",
            "fr": "Part des publications qui informent : conseils, actualités, coulisses.",
        },
        None,
    ),
    _kpi(
        "conversational",
        {"en": "Conversational share", "nl": "Aandeel conversatie", "fr": "Part conversationnelle"},
        {
            "en": "Share of posts that mainly invite dialogue: questions, polls, 'tell us'.",
            "nl": "Aandeel berichten dat vooral uitnodigt tot dialoog: vragen, polls.",
            "fr": "Part des publications qui invitent au dialogue : questions, sondages.",
        },
        True,
    ),
]

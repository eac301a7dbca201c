"""How often the account shares other people's posts as they are (an X retweet).

A pure repost carries the original author's text and metrics, so it is kept out of the posts
and counted here instead. Unknown, not zero, when the channel's files cannot show reposts (an
export that lists only the account's own posts).
"""

from __future__ import annotations

import polars as pl

from socialaudit.plugin import AssessmentContext, ChannelView, Kpi, Measurement, Unit
from socialaudit.plugins.kpis._aggregate import sum_of_channels
from socialaudit.plugins.kpis._sources import OWN


def _repost_count(ctx: AssessmentContext, view: ChannelView) -> Measurement:
    reposts = view.data.reposts
    if reposts is None:
        return Measurement(None, {"reason": "the channel's files cannot show reposts"})
    recent = reposts.filter(pl.col("created_at") > view.window_start)
    return Measurement(recent.height, {"reposts": recent.height})


KPIS = [
    Kpi(
        id="repost_count",
        name={"en": "Reposts", "nl": "Reposts", "fr": "Republications"},
        unit=Unit.COUNT,
        description={
            "en": "Other people's posts the channel shared as they are (retweets) in the "
            "assessment window; they are not counted as posts.",
            "nl": "Berichten van anderen die het kanaal ongewijzigd deelde (retweets) in de "
            "beoordeelde periode; ze tellen niet als eigen berichten.",
            "fr": "Publications d'autres comptes partagées telles quelles (retweets) pendant la "
            "période évaluée ; elles ne comptent pas comme publications.",
        },
        formula="number of pure reposts with a time in the window_days before the as-of time",
        higher_is_better=None,
        source=(
            f"{OWN}: the platform's pure reposts (an X retweet), counted in the window so that "
            "they are not taken for the account's own posts; no study defines it."
        ),
        per_channel=_repost_count,
        per_organisation=lambda ctx: sum_of_channels(ctx, "repost_count"),
    ),
]

"""How the audience responds to posts. The denominator is always reported: an engagement rate
by reach is not comparable with one by followers."""

from __future__ import annotations

import polars as pl

from socialaudit.plugin import AssessmentContext, ChannelView, Kpi, Measurement, Unit
from socialaudit.plugins.kpis._sources import (
    LINKEDIN_SHARE_STATISTICS,
    MARKETINGFACTS,
    META_INSIGHTS,
    OWN,
    X_DERIVED_METRICS,
)

ENGAGEMENTS = ("reactions", "comments", "shares")
DENOMINATOR_COVERAGE = 0.5
"""A metric serves as denominator when at least this share of the window's posts report it."""


def _engagements(posts: pl.DataFrame) -> pl.Series:
    """Reactions + comments + shares; unknown only when all three are unknown."""
    known = pl.any_horizontal([pl.col(c).is_not_null() for c in ENGAGEMENTS])
    total = pl.sum_horizontal([pl.col(c).fill_null(0) for c in ENGAGEMENTS])
    return posts.select(pl.when(known).then(total).otherwise(None)).to_series()


def channel_engagement(view: ChannelView) -> Measurement:
    posts = view.recent_posts
    if posts.height == 0:
        return Measurement(None, {"reason": "no posts in the window", "sample": 0})
    engagements = _engagements(posts)
    for denominator in ("reach", "impressions"):
        column = posts[denominator]
        if column.is_not_null().mean() >= DENOMINATOR_COVERAGE:  # type: ignore[operator]
            usable = engagements.is_not_null() & column.is_not_null() & (column > 0)
            if not usable.any():
                continue
            value = engagements.filter(usable).sum() / column.filter(usable).sum()
            return Measurement(
                value,
                {
                    "denominator": denominator,
                    "posts": int(usable.sum()),
                    "sample": int(usable.sum()),
                },
            )
    followers = view.followers
    usable = engagements.is_not_null()
    if followers and usable.any():
        value = engagements.filter(usable).mean() / followers  # type: ignore[operator]
        return Measurement(
            value,
            {"denominator": "followers", "posts": int(usable.sum()), "sample": int(usable.sum())},
        )
    return Measurement(
        None, {"reason": "no reach, impressions or followers to divide by", "sample": 0}
    )


def _org_engagement(ctx: AssessmentContext) -> Measurement:
    """The channels' rates weighted by the posts each rate rests on."""
    weighted, posts, used = 0.0, 0, {}
    for key in ctx.channels:
        value = ctx.kpi("engagement_rate", key)
        detail = ctx.kpi_detail("engagement_rate", key)
        if value is None:
            continue
        weighted += value * detail["posts"]
        posts += detail["posts"]
        used[key] = detail["denominator"]
    if not posts:
        return Measurement(None, {"reason": "no channel has an engagement rate", "sample": 0})
    return Measurement(weighted / posts, {"posts": posts, "denominators": used, "sample": posts})


def _reactions_per_post(frames: list[pl.DataFrame]) -> Measurement:
    reactions = pl.concat([f["reactions"] for f in frames]) if frames else pl.Series([])
    known = reactions.drop_nulls()
    if not len(known):
        return Measurement(None, {"sample": 0})
    return Measurement(float(known.mean()), {"sample": len(known)})  # type: ignore[arg-type]


def _click_through(frames: list[pl.DataFrame]) -> Measurement:
    clicks = impressions = posts_used = 0
    for posts in frames:
        usable = posts.filter(pl.col("clicks").is_not_null() & (pl.col("impressions") > 0))
        clicks += usable["clicks"].sum()
        impressions += usable["impressions"].sum()
        posts_used += usable.height
    if not impressions:
        return Measurement(
            None, {"reason": "no posts with both clicks and impressions", "sample": 0}
        )
    return Measurement(
        clicks / impressions,
        {"clicks": clicks, "impressions": impressions, "posts": posts_used, "sample": posts_used},
    )


KPIS = [
    Kpi(
        id="engagement_rate",
        name={"en": "Engagement rate", "nl": "Engagementratio", "fr": "Taux d'engagement"},
        unit=Unit.RATIO,
        description={
            "en": "Reactions, comments and shares relative to the people reached. The detail "
            "says which denominator was used.",
            "nl": "Reacties, commentaren en shares ten opzichte van het bereik. Het detail "
            "vermeldt de gebruikte noemer.",
            "fr": "Réactions, commentaires et partages rapportés aux personnes atteintes. Le "
            "détail indique le dénominateur utilisé.",
        },
        formula=(
            "sum(reactions + comments + shares) / sum(reach) over the window's posts; by "
            "impressions when fewer than half report reach; else mean engagements per post / "
            "followers. Organisation: channel rates weighted by their posts."
        ),
        higher_is_better=True,
        source=(
            f"{MARKETINGFACTS}: engagement is measured with its own parameters. X divides "
            f"engagements by impressions for its engagement rate ({X_DERIVED_METRICS}); Meta "
            f"reports reach and impressions per post ({META_INSIGHTS}). Counting reactions, "
            "comments and shares only, dividing by reach first, and weighting channels by their "
            "posts are socialaudit's own choices."
        ),
        per_channel=lambda ctx, view: channel_engagement(view),
        per_organisation=_org_engagement,
    ),
    Kpi(
        id="reactions_per_post",
        name={
            "en": "Reactions per post",
            "nl": "Likes per bericht",
            "fr": "Réactions par publication",
        },
        unit=Unit.NUMBER,
        description={
            "en": "Average reactions (likes and the like) per post. A vanity metric on its own.",
            "nl": "Gemiddeld aantal likes en andere reacties (hartjes, duimpjes e.d.) per bericht; "
            "geen commentaren. Op zich een ijdelheidsmaatstaf.",
            "fr": "Réactions moyennes (j'aime, etc.) par publication. Indicateur de vanité.",
        },
        formula="mean(reactions) over the window's posts that report reactions",
        higher_is_better=True,
        source=(
            "The platform's own reaction counts per post; the average over the window is "
            f"{OWN}, and no study defines it."
        ),
        per_channel=lambda ctx, view: _reactions_per_post([view.recent_posts]),
        per_organisation=lambda ctx: _reactions_per_post(
            [v.recent_posts for v in ctx.channels.values()]
        ),
        vanity=True,
    ),
    Kpi(
        id="click_through_rate",
        name={"en": "Click-through rate", "nl": "Doorklikratio", "fr": "Taux de clics"},
        unit=Unit.RATIO,
        description={
            "en": "Clicks per impression: traffic the posts send on, towards a conversion.",
            "nl": "Kliks per vertoning: verkeer dat de berichten doorsturen, richting conversie.",
            "fr": "Clics par impression : le trafic généré, vers une conversion.",
        },
        formula="sum(clicks) / sum(impressions) over posts reporting both",
        higher_is_better=True,
        source=(
            f"{MARKETINGFACTS}: online marketers measure conversion. LinkedIn reports clicks and "
            f"impressions per post ({LINKEDIN_SHARE_STATISTICS}); clicks over impressions across "
            f"the window's posts is {OWN}."
        ),
        per_channel=lambda ctx, view: _click_through([view.recent_posts]),
        per_organisation=lambda ctx: _click_through(
            [v.recent_posts for v in ctx.channels.values()]
        ),
        hard=True,
    ),
]

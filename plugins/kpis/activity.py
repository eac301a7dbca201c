"""How much each channel is used: the checklist mentality shows as dormant or barely used
accounts (InSites Consulting)."""

from __future__ import annotations

from socialaudit.plugin import AssessmentContext, ChannelView, Kpi, Measurement, Unit
from socialaudit.plugins.kpis._aggregate import sum_of_channels
from socialaudit.plugins.kpis._sources import INSITES, NSMA, OWN

DORMANT_AFTER_DAYS = 90

USE_SOURCE = (
    f"{INSITES}: accounts opened and then barely used are the checklist mentality. "
    f"Counting the window's posts is {OWN}; no study defines it."
)
DORMANT_SOURCE = (
    f"{INSITES}: dormant accounts are the checklist mentality. The {DORMANT_AFTER_DAYS}-day "
    f"limit is {OWN}; no study gives one."
)


def _post_count(ctx: AssessmentContext, view: ChannelView) -> int:
    return view.recent_posts.height


def _posts_per_week(ctx: AssessmentContext, view: ChannelView) -> float:
    return view.recent_posts.height / (ctx.window_days / 7)


def _org_posts_per_week(ctx: AssessmentContext) -> float | None:
    total = sum_of_channels(ctx, "post_count")
    return None if total is None else total / (ctx.window_days / 7)


def _days_since_last_post(ctx: AssessmentContext, view: ChannelView) -> Measurement:
    newest = view.posts["created_at"].max()
    if newest is None:
        return Measurement(None, {"reason": "no posts in the data"})
    days = (ctx.as_of - newest).total_seconds() / 86400  # type: ignore[operator]
    return Measurement(round(days, 2), {"last_post": newest.isoformat()})  # type: ignore[union-attr]


def _dormant(ctx: AssessmentContext) -> list[str]:
    return [
        key
        for key in ctx.channels
        if (days := ctx.kpi("days_since_last_post", key)) is None or days > DORMANT_AFTER_DAYS
    ]


def _active_channels(ctx: AssessmentContext) -> Measurement:
    active = [key for key in ctx.channels if key not in _dormant(ctx)]
    return Measurement(len(active), {"channels": active})


def _dormant_channels(ctx: AssessmentContext) -> Measurement:
    dormant = _dormant(ctx)
    return Measurement(len(dormant), {"channels": dormant, "after_days": DORMANT_AFTER_DAYS})


def _followers(ctx: AssessmentContext, view: ChannelView) -> int | None:
    return view.followers


KPIS = [
    Kpi(
        id="post_count",
        name={"en": "Posts", "nl": "Berichten", "fr": "Publications"},
        unit=Unit.COUNT,
        description={
            "en": "Posts published in the assessment window.",
            "nl": "Berichten gepubliceerd in de beoordeelde periode.",
            "fr": "Publications de la période évaluée.",
        },
        formula="number of posts with a time in the window_days before the as-of time",
        higher_is_better=None,
        source=USE_SOURCE,
        per_channel=_post_count,
        per_organisation=lambda ctx: sum_of_channels(ctx, "post_count"),
    ),
    Kpi(
        id="posts_per_week",
        name={"en": "Posts per week", "nl": "Berichten per week", "fr": "Publications par semaine"},
        unit=Unit.PER_WEEK,
        description={
            "en": "How often the channel publishes, averaged over the assessment window.",
            "nl": "Hoe vaak het kanaal publiceert, gemiddeld over de beoordeelde periode.",
            "fr": "Fréquence de publication, en moyenne sur la période évaluée.",
        },
        formula="post_count / (window_days / 7)",
        higher_is_better=True,
        depends_on=("post_count",),
        source=USE_SOURCE,
        per_channel=_posts_per_week,
        per_organisation=_org_posts_per_week,
    ),
    Kpi(
        id="days_since_last_post",
        name={
            "en": "Days since last post",
            "nl": "Dagen sinds laatste bericht",
            "fr": "Jours depuis la dernière publication",
        },
        unit=Unit.NUMBER,
        description={
            "en": "Days between the newest post and the as-of time; unknown if it never posted.",
            "nl": "Dagen tussen het recentste bericht en de peildatum; onbekend zonder berichten.",
            "fr": "Jours entre la dernière publication et la date de référence.",
        },
        formula="as_of - time of the newest post, in days",
        higher_is_better=False,
        source=DORMANT_SOURCE,
        per_channel=_days_since_last_post,
    ),
    Kpi(
        id="channel_count",
        name={"en": "Channels", "nl": "Kanalen", "fr": "Canaux"},
        unit=Unit.COUNT,
        description={
            "en": "Social media accounts in the organisation's profile.",
            "nl": "Socialemedia-accounts in het profiel van de organisatie.",
            "fr": "Comptes de médias sociaux du profil de l'organisation.",
        },
        formula="number of [[channels]] in organisation.toml",
        source=(
            f"{NSMA}: B2C organisations use 4.1 channels on average, B2B 3.6, and more than a "
            "quarter uses more than four platforms at once; the count is the channels in the "
            "organisation's profile, the figure those averages compare with."
        ),
        per_organisation=lambda ctx: len(ctx.organisation.channels),
    ),
    Kpi(
        id="active_channels",
        name={"en": "Active channels", "nl": "Actieve kanalen", "fr": "Canaux actifs"},
        unit=Unit.COUNT,
        description={
            "en": f"Channels with a post in the last {DORMANT_AFTER_DAYS} days.",
            "nl": f"Kanalen met een bericht in de laatste {DORMANT_AFTER_DAYS} dagen.",
            "fr": f"Canaux ayant publié au cours des {DORMANT_AFTER_DAYS} derniers jours.",
        },
        formula=f"channels whose days_since_last_post <= {DORMANT_AFTER_DAYS}",
        higher_is_better=True,
        depends_on=("days_since_last_post",),
        source=DORMANT_SOURCE,
        per_organisation=_active_channels,
    ),
    Kpi(
        id="dormant_channels",
        name={"en": "Dormant channels", "nl": "Slapende kanalen", "fr": "Canaux dormants"},
        unit=Unit.COUNT,
        description={
            "en": f"Channels without a post in the last {DORMANT_AFTER_DAYS} days (or ever).",
            "nl": f"Kanalen zonder bericht in de laatste {DORMANT_AFTER_DAYS} dagen (of ooit).",
            "fr": f"Canaux sans publication depuis {DORMANT_AFTER_DAYS} jours (ou jamais).",
        },
        formula=f"channels whose days_since_last_post > {DORMANT_AFTER_DAYS} or unknown",
        higher_is_better=False,
        depends_on=("days_since_last_post",),
        source=DORMANT_SOURCE,
        per_organisation=_dormant_channels,
    ),
    Kpi(
        id="followers",
        name={"en": "Followers", "nl": "Volgers", "fr": "Abonnés"},
        unit=Unit.COUNT,
        description={
            "en": "Followers as given in the profile or the data. A vanity metric on its own.",
            "nl": "Volgers volgens het profiel of de gegevens. Op zich een ijdelheidsmaatstaf.",
            "fr": "Abonnés selon le profil ou les données. Un indicateur de vanité en soi.",
        },
        formula="followers from organisation.toml, else from the data",
        higher_is_better=True,
        source=(
            "The platform's own follower count, from organisation.toml or the export; "
            "socialaudit only adds the channels' counts up."
        ),
        per_channel=_followers,
        per_organisation=lambda ctx: sum_of_channels(ctx, "followers"),
        vanity=True,
        depends_on=(),
    ),
]

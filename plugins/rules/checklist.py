"""CHK: the checklist mentality. Opening an account on platform X and only then asking "what
do we do with it? is our audience here? who answers questions?" (InSites Consulting)."""

from __future__ import annotations

from pydantic import Field

from socialaudit.plugin import (
    AssessmentContext,
    ChannelView,
    Dimension,
    Hit,
    NoOptions,
    Rule,
    RuleLevel,
    Severity,
)
from socialaudit.plugins.rules._options import Options
from socialaudit.plugins.rules._sources import INSITES, NSMA

PEERS = {"b2b": 3.6, "b2c": 4.1, "both": 4.1}


def _without_purpose(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    assert view is not None
    if view.objectives:
        return None
    return Hit({"platform": view.profile.platform, "goals": len(ctx.organisation.goals)})


class DormantOptions(Options):
    max_days_without_post: int = Field(default=90, gt=0)


def _dormant(
    ctx: AssessmentContext, view: ChannelView | None, options: DormantOptions
) -> Hit | None:
    assert view is not None
    days = ctx.kpi("days_since_last_post", view.key)
    if days is not None and days <= options.max_days_without_post:
        return None
    return Hit(
        {
            "days": None if days is None else round(days),
            "limit": options.max_days_without_post,
            "never_posted": days is None,
        }
    )


class PeersOptions(Options):
    margin: float = Field(
        default=0.5,
        ge=0,
        description="Channels above the peer average tolerated before the rule fires.",
    )
    require_underused: bool = Field(
        default=True,
        description="Fire only when some channel is "
        "dormant or barely used, i.e. the extra channels show.",
    )
    min_posts_per_week: float = Field(default=1.0, ge=0)


def _more_than_peers(
    ctx: AssessmentContext, view: ChannelView | None, options: PeersOptions
) -> Hit | None:
    count = len(ctx.channels)
    benchmark = ctx.benchmark_for("channel_count")
    peers = benchmark.value if benchmark else PEERS[ctx.organisation.market.value]
    if count <= peers + options.margin:
        return None
    underused = sorted(
        key
        for key in ctx.channels
        if (rate := ctx.kpi("posts_per_week", key)) is None or rate < options.min_posts_per_week
    )
    if options.require_underused and not underused:
        return None
    return Hit(
        {
            "channels": count,
            "peers": peers,
            "market": ctx.organisation.market.value,
            "underused": underused,
        }
    )


class CrossPostingOptions(Options):
    max_cross_posted_share: float = Field(default=0.5, ge=0, le=1)
    min_posts: int = Field(default=5, ge=1)


def _cross_posting(
    ctx: AssessmentContext, view: ChannelView | None, options: CrossPostingOptions
) -> Hit | None:
    assert view is not None
    share = ctx.kpi("cross_posted_share", view.key)
    detail = ctx.kpi_detail("cross_posted_share", view.key)
    if share is None or detail.get("posts", 0) < options.min_posts:
        return None
    if share <= options.max_cross_posted_share:
        return None
    return Hit(
        {
            "share": share,
            "copied": detail["copied"],
            "posts": detail["posts"],
            "limit": options.max_cross_posted_share,
        }
    )


class BarelyUsedOptions(Options):
    min_posts_per_week: float = Field(default=1.0, ge=0)
    max_days_without_post: int = Field(
        default=90,
        gt=0,
        description="Beyond this the channel is dormant (CHK002) rather than barely used.",
    )


def _barely_used(
    ctx: AssessmentContext, view: ChannelView | None, options: BarelyUsedOptions
) -> Hit | None:
    assert view is not None
    rate = ctx.kpi("posts_per_week", view.key)
    days = ctx.kpi("days_since_last_post", view.key)
    if rate is None or days is None or days > options.max_days_without_post:
        return None
    if rate >= options.min_posts_per_week:
        return None
    return Hit(
        {
            "per_week": rate,
            "posts": ctx.kpi("post_count", view.key),
            "minimum": options.min_posts_per_week,
            "days": ctx.window_days,
        }
    )


RULES = [
    Rule(
        code="CHK001",
        name="channel-without-purpose",
        title={
            "en": "Channel serves no goal",
            "nl": "Kanaal dient geen doel",
            "fr": "Canal sans objectif",
        },
        category=Dimension.STRATEGY,
        severity=Severity.MEDIUM,
        level=RuleLevel.CHANNEL,
        message={
            "en": "{channel} serves none of the organisation's goals.",
            "nl": "{channel} dient geen enkel doel van de organisatie.",
            "fr": "{channel} ne sert aucun objectif de l'organisation.",
        },
        rationale={
            "en": "An account opened because 'everyone is there' costs time without a reason "
            "to exist: the checklist mentality. Each channel must serve a goal and an "
            "audience that is actually there.",
            "nl": "Een account dat bestaat omdat 'iedereen er zit' kost tijd zonder reden: de "
            "checklistmentaliteit. Elk kanaal moet een doel dienen en een publiek dat er "
            "echt is.",
            "fr": "Un compte ouvert parce que « tout le monde y est » coûte du temps sans "
            "raison d'être : la mentalité de liste à cocher.",
        },
        remediation={
            "en": "Decide what {channel} is for and add it to a goal's channels, or stop "
            "using it and say so on the profile.",
            "nl": "Bepaal waarvoor {channel} dient en koppel het aan een doel, of stop ermee "
            "en vermeld dat op het profiel.",
            "fr": "Décidez à quoi sert {channel} et rattachez-le à un objectif, ou arrêtez-le "
            "en l'indiquant sur le profil.",
        },
        source=INSITES,
        evaluate=_without_purpose,
    ),
    Rule(
        code="CHK002",
        name="dormant-channel",
        title={"en": "Dormant channel", "nl": "Slapend kanaal", "fr": "Canal dormant"},
        category=Dimension.EXECUTION,
        severity=Severity.MEDIUM,
        level=RuleLevel.CHANNEL,
        options=DormantOptions,
        kpis=("days_since_last_post",),
        message={
            "en": "No post on {channel} in the last {limit} days (last post: {days} days ago).",
            "nl": "Geen bericht op {channel} in de laatste {limit} dagen "
            "(laatste: {days} dagen geleden).",
            "fr": "Aucune publication sur {channel} ces {limit} derniers jours "
            "(dernière : il y a {days} jours).",
        },
        rationale={
            "en": "A visibly abandoned account tells customers nobody is listening, and "
            "questions left there go unanswered.",
            "nl": "Een zichtbaar verlaten account vertelt klanten dat niemand luistert, en "
            "vragen die er achterblijven, krijgen geen antwoord.",
            "fr": "Un compte visiblement abandonné dit aux clients que personne n'écoute.",
        },
        remediation={
            "en": "Revive {channel} with a realistic rhythm, or close it and point visitors "
            "to the channels you do use.",
            "nl": "Blaas {channel} nieuw leven in met een haalbaar ritme, of sluit het en "
            "verwijs bezoekers naar de kanalen die u wel gebruikt.",
            "fr": "Relancez {channel} à un rythme réaliste, ou fermez-le en renvoyant vers "
            "les canaux actifs.",
        },
        source=INSITES,
        evaluate=_dormant,
    ),
    Rule(
        code="CHK003",
        name="more-channels-than-peers",
        title={
            "en": "More channels than peers",
            "nl": "Meer kanalen dan vergelijkbare organisaties",
            "fr": "Plus de canaux que les pairs",
        },
        category=Dimension.EXECUTION,
        severity=Severity.LOW,
        options=PeersOptions,
        kpis=("posts_per_week",),
        message={
            "en": "{channels} channels where {market} peers use {peers} on average, and "
            "these are barely used: {underused}.",
            "nl": "{channels} kanalen, terwijl vergelijkbare {market}-organisaties er "
            "gemiddeld {peers} gebruiken, en deze worden nauwelijks gebruikt: "
            "{underused}.",
            "fr": "{channels} canaux alors que les pairs {market} en utilisent {peers} en "
            "moyenne, et ceux-ci sont peu utilisés : {underused}.",
        },
        rationale={
            "en": "B2C organisations use 4.1 channels on average, B2B 3.6. More channels than "
            "the organisation can keep up with spread the effort thin; the underused "
            "ones show it.",
            "nl": "B2C-organisaties gebruiken gemiddeld 4,1 kanalen, B2B 3,6. Meer kanalen "
            "dan men kan bijhouden versnippert de inspanning; de weinig gebruikte tonen "
            "dat.",
            "fr": "Les organisations B2C utilisent 4,1 canaux en moyenne, les B2B 3,6. Trop "
            "de canaux dispersent l'effort.",
        },
        remediation={
            "en": "Concentrate on the channels that serve a goal and where the audience "
            "responds; merge or close the rest ({underused}).",
            "nl": "Concentreer u op de kanalen die een doel dienen en waar het publiek "
            "reageert; bundel of sluit de rest ({underused}).",
            "fr": "Concentrez-vous sur les canaux utiles où le public réagit ; fusionnez ou "
            "fermez les autres ({underused}).",
        },
        source=NSMA,
        evaluate=_more_than_peers,
    ),
    Rule(
        code="CHK004",
        name="identical-cross-posting",
        title={
            "en": "Same message copied to several channels",
            "nl": "Zelfde bericht gekopieerd naar meerdere kanalen",
            "fr": "Même message copié sur plusieurs canaux",
        },
        category=Dimension.EXECUTION,
        severity=Severity.LOW,
        level=RuleLevel.CHANNEL,
        options=CrossPostingOptions,
        kpis=("cross_posted_share",),
        message={
            "en": "{copied} of {posts} posts on {channel} ({share:.0%}) appear unchanged on "
            "another channel (limit {limit:.0%}).",
            "nl": "{copied} van {posts} berichten op {channel} ({share:.0%}) staan "
            "ongewijzigd op een ander kanaal (grens {limit:.0%}).",
            "fr": "{copied} des {posts} publications de {channel} ({share:.0%}) figurent "
            "telles quelles sur un autre canal (limite {limit:.0%}).",
        },
        rationale={
            "en": "Each platform has its own audience, format and tone; the same text "
            "everywhere is a sign of the checklist mentality and earns less on each.",
            "nl": "Elk platform heeft zijn eigen publiek, formaat en toon; overal dezelfde "
            "tekst wijst op de checklistmentaliteit en levert op elk kanaal minder op.",
            "fr": "Chaque plateforme a son public, son format et son ton ; le même texte "
            "partout rapporte moins sur chacune.",
        },
        remediation={
            "en": "Adapt each message to {channel}: its length, format, hashtags and the "
            "question you ask the audience there.",
            "nl": "Pas elk bericht aan {channel} aan: lengte, formaat, hashtags en de vraag "
            "die u daar aan het publiek stelt.",
            "fr": "Adaptez chaque message à {channel} : longueur, format, hashtags et la "
            "question posée au public.",
        },
        source=INSITES,
        evaluate=_cross_posting,
    ),
    Rule(
        code="CHK005",
        name="barely-used-channel",
        title={
            "en": "Barely used channel",
            "nl": "Nauwelijks gebruikt kanaal",
            "fr": "Canal à peine utilisé",
        },
        category=Dimension.EXECUTION,
        severity=Severity.LOW,
        level=RuleLevel.CHANNEL,
        options=BarelyUsedOptions,
        kpis=("posts_per_week", "days_since_last_post"),
        message={
            "en": "{channel} averages {per_week:.1f} posts a week over the last {days} days "
            "(minimum {minimum:g}).",
            "nl": "{channel} haalt gemiddeld {per_week:.1f} berichten per week over de "
            "laatste {days} dagen (minimum {minimum:g}).",
            "fr": "{channel} compte en moyenne {per_week:.1f} publications par semaine sur "
            "les {days} derniers jours (minimum {minimum:g}).",
        },
        rationale={
            "en": "A channel opened and then barely fed is the checklist mentality's most "
            "common form: too little to build an audience, enough to cost time.",
            "nl": "Een kanaal dat geopend en dan nauwelijks gevoed wordt, is de meest "
            "voorkomende vorm van de checklistmentaliteit: te weinig om een publiek op "
            "te bouwen, genoeg om tijd te kosten.",
            "fr": "Un canal ouvert puis à peine alimenté : trop peu pour bâtir une audience, "
            "assez pour coûter du temps.",
        },
        remediation={
            "en": "Plan a content calendar with at least {minimum:g} post(s) a week for "
            "{channel}, or drop the channel.",
            "nl": "Plan een contentkalender met minstens {minimum:g} bericht(en) per week "
            "voor {channel}, of laat het kanaal vallen.",
            "fr": "Planifiez au moins {minimum:g} publication(s) par semaine pour {channel}, "
            "ou abandonnez le canal.",
        },
        source=INSITES,
        evaluate=_barely_used,
    ),
]

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
    Severity,
)
from socialaudit.plugins.rules._options import Options, as_shown, on_a_channel, texts
from socialaudit.plugins.rules._sources import INSITES, NSMA

PEERS = {"b2b": 3.6, "b2c": 4.1, "both": 4.1}


def _without_purpose(ctx: AssessmentContext, view: ChannelView, options: NoOptions) -> Hit | None:
    if view.objectives:
        return None
    return Hit({"platform": view.profile.platform, "goals": len(ctx.organisation.goals)})


class DormantOptions(Options):
    max_days_without_post: int = Field(default=90, gt=0)


def _dormant(ctx: AssessmentContext, view: ChannelView, options: DormantOptions) -> Hit | None:
    days = ctx.kpi("days_since_last_post", view.key)
    # no post at all in the data may be an export without posts: unknown, not dormant
    if days is None or round(days) <= options.max_days_without_post:
        return None
    return Hit({"days": round(days), "limit": options.max_days_without_post})


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


def _more_than_peers(ctx: AssessmentContext, options: PeersOptions) -> Hit | None:
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
    ctx: AssessmentContext, view: ChannelView, options: CrossPostingOptions
) -> Hit | None:
    share = ctx.kpi("cross_posted_share", view.key)
    detail = ctx.kpi_detail("cross_posted_share", view.key)
    if share is None or detail.get("posts", 0) < options.min_posts:
        return None
    if as_shown(share, 2) <= options.max_cross_posted_share:
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
    ctx: AssessmentContext, view: ChannelView, options: BarelyUsedOptions
) -> Hit | None:
    rate = ctx.kpi("posts_per_week", view.key)
    days = ctx.kpi("days_since_last_post", view.key)
    if rate is None or days is None or days > options.max_days_without_post:
        return None
    if as_shown(rate, 1) >= options.min_posts_per_week:
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
        slug="channel-without-purpose",
        name=texts("Channel serves no goal", "Kanaal dient geen doel", "Canal sans objectif"),
        category=Dimension.STRATEGY,
        severity=Severity.MEDIUM,
        message=texts(
            "{channel} serves none of the organisation's goals.",
            "{channel} dient geen enkel doel van de organisatie.",
            "{channel} ne sert aucun des objectifs de l'organisation.",
        ),
        rationale=texts(
            "An account opened because 'everyone is there' costs time without a reason to "
            "exist: the checklist mentality (InSites Consulting). Each channel must serve a "
            "goal, and an audience that is actually there.",
            "Een account dat bestaat omdat 'iedereen er zit', kost tijd zonder reden: de "
            "checklistmentaliteit (InSites Consulting). Elk kanaal moet een doel dienen, en "
            "een publiek dat er echt is.",
            "Un compte ouvert parce que « tout le monde y est » coûte du temps sans raison "
            "d'être : c'est la mentalité de la liste de contrôle (InSites Consulting). Chaque "
            "canal doit servir un objectif, et un public qui s'y trouve vraiment.",
        ),
        remediation=texts(
            "Decide what {channel} {channel_count:~is|are} for and add "
            "{channel_count:~it|them} to a goal, or stop using {channel_count:~it|them} and say "
            "so on the profile.",
            "Bepaal waarvoor {channel} {channel_count:~dient|dienen} en koppel "
            "{channel_count:~het|ze} aan een doel, of stop ermee en vermeld dat op het profiel.",
            "Décidez à quoi {channel_count:~sert|servent} {channel} et rattachez "
            "{channel_count:~ce canal|ces canaux} à un objectif, ou cessez de "
            "{channel_count:~l'utiliser|les utiliser} et indiquez-le sur le profil.",
        ),
        source=INSITES,
        per_channel=_without_purpose,
        example_evidence=on_a_channel,
    ),
    Rule(
        code="CHK002",
        slug="dormant-channel",
        name=texts("Dormant channel", "Slapend kanaal", "Canal dormant"),
        category=Dimension.EXECUTION,
        severity=Severity.MEDIUM,
        options=DormantOptions,
        kpis=("days_since_last_post",),
        message=texts(
            "No post on {channel} in the last {limit} days: the last one is {days:day|days} old.",
            "Geen bericht op {channel} in de laatste {limit} dagen: het laatste is "
            "{days:dag|dagen} oud.",
            "Aucune publication sur {channel} depuis {limit} jours : la dernière date "
            "d'il y a {days:jour|jours}.",
        ),
        rationale=texts(
            "A visibly abandoned account tells customers nobody is listening, and questions "
            "left there go unanswered (InSites Consulting: adoption is not integration).",
            "Een zichtbaar verlaten account vertelt klanten dat niemand luistert, en vragen "
            "die er achterblijven, krijgen geen antwoord (InSites Consulting: aanwezig zijn "
            "is nog niet integreren).",
            "Un compte visiblement abandonné signale aux clients que personne n'écoute, et "
            "les questions qui y sont posées restent sans réponse (InSites Consulting : être "
            "présent n'est pas encore intégrer).",
        ),
        remediation=texts(
            "Revive {channel} with a realistic rhythm, or close {channel_count:~it|them} and "
            "point visitors to the channels you do use.",
            "Blaas {channel} nieuw leven in met een haalbaar ritme, of sluit "
            "{channel_count:~het|ze} en verwijs bezoekers naar de kanalen die u wel gebruikt.",
            "Relancez {channel} à un rythme réaliste, ou {channel_count:~fermez ce compte|"
            "fermez ces comptes} et renvoyez les visiteurs vers les canaux que vous utilisez "
            "vraiment.",
        ),
        source=INSITES,
        per_channel=_dormant,
        example_evidence=on_a_channel,
    ),
    Rule(
        code="CHK003",
        slug="more-channels-than-peers",
        name=texts(
            "More channels than peers",
            "Meer kanalen dan vergelijkbare organisaties",
            "Plus de canaux que les organisations comparables",
        ),
        category=Dimension.EXECUTION,
        severity=Severity.LOW,
        options=PeersOptions,
        kpis=("posts_per_week",),
        message=texts(
            "{channels} channels, where {market:market} use {peers:.1f} on average; barely "
            "used: {underused:channel}.",
            "{channels} kanalen, terwijl {market:market} er gemiddeld {peers:.1f} gebruiken; "
            "nauwelijks gebruikt: {underused:channel}.",
            "{channels} canaux, alors que les {market:market} en utilisent {peers:.1f} en "
            "moyenne ; à peine utilisés : {underused:channel}.",
        ),
        rationale=texts(
            "B2C organisations use 4.1 channels on average, B2B 3.6 (NSMA 2018). More channels "
            "than the organisation can keep up with spread the effort thin; the underused "
            "ones show it.",
            "B2C-organisaties gebruiken gemiddeld 4,1 kanalen, B2B-organisaties 3,6 (NSMA "
            "2018). Een organisatie met meer kanalen dan ze kan bijhouden, versnippert haar "
            "inspanningen; de weinig gebruikte kanalen tonen dat.",
            "Les organisations B2C utilisent en moyenne 4,1 canaux, les B2B 3,6 (NSMA 2018). "
            "Plus de canaux que l'organisation ne peut en suivre dispersent l'effort ; les "
            "canaux délaissés le montrent.",
            "B2C-organisaties gebruiken gemiddeld 4,1 kanalen, B2B-organisaties 3,6 (NSMA "
            "2018). Een organisatie met meer kanalen dan ze kan bijhouden, versnippert haar "
            "inspanningen; de weinig gebruikte kanalen laten dat zien.",
        ),
        remediation=texts(
            "Concentrate on the channels that serve a goal and where the audience responds; "
            "merge or close the rest ({underused:channel}).",
            "Concentreer u op de kanalen die een doel dienen en waar het publiek reageert; "
            "voeg de rest samen of sluit ze ({underused:channel}).",
            "Concentrez-vous sur les canaux qui servent un objectif et où le public réagit ; "
            "regroupez ou fermez les autres ({underused:channel}).",
        ),
        source=NSMA,
        per_organisation=_more_than_peers,
        example_evidence=lambda _: {"underused": ["pinterest", "tiktok"]},
    ),
    Rule(
        code="CHK004",
        slug="identical-cross-posting",
        name=texts(
            "Same message copied to several channels",
            "Hetzelfde bericht op meerdere kanalen",
            "Même message copié sur plusieurs canaux",
        ),
        category=Dimension.EXECUTION,
        severity=Severity.LOW,
        options=CrossPostingOptions,
        kpis=("cross_posted_share",),
        message=texts(
            "{copied/posts:{posts:~The only post|All {posts} posts} on {channel} "
            "({share:.0%}) {posts:~appears|appear}|{copied} of {posts:post|posts} on "
            "{channel} ({share:.0%}) {copied:~appears|appear}} unchanged on another channel "
            "(limit: {limit:.0%}).",
            "{copied/posts:{posts:~Het enige bericht|Alle {posts} berichten} op {channel} "
            "({share:.0%}) {posts:~staat|staan}|{copied} van {posts:bericht|berichten} op "
            "{channel} ({share:.0%}) {copied:~staat|staan}} ongewijzigd op een ander kanaal "
            "(grens: {limit:.0%}).",
            "{copied/posts:{posts:~La seule publication parue|Les {posts} publications "
            "parues} sur {channel} ({share:.0%}) {posts:~est reprise telle quelle|sont toutes "
            "reprises telles quelles}|{copied} des {posts:publication|publications} parues "
            "sur {channel} ({share:.0%}) {copied:~est reprise telle quelle|sont reprises "
            "telles quelles}} sur un autre canal (limite : {limit:.0%}).",
        ),
        rationale=texts(
            "Each platform has its own audience, format and tone; the same text everywhere "
            "is a sign of the checklist mentality (InSites Consulting) and earns less on "
            "each.",
            "Elk platform heeft zijn eigen publiek, formaat en toon; overal dezelfde tekst "
            "wijst op de checklistmentaliteit (InSites Consulting) en levert op elk kanaal "
            "minder op.",
            "Chaque plateforme a son public, son format et son ton ; le même texte partout "
            "trahit la mentalité de la liste de contrôle (InSites Consulting) et rapporte "
            "moins sur chacune.",
        ),
        remediation=texts(
            "Adapt each message to {channel}: its length, format, hashtags and the question "
            "you ask the audience there.",
            "Pas elk bericht aan voor {channel}: de lengte, het formaat, de hashtags en de "
            "vraag die u daar aan het publiek stelt.",
            "Adaptez chaque message à {channel} : sa longueur, son format, ses hashtags et la "
            "question que vous y posez au public.",
        ),
        source=INSITES,
        per_channel=_cross_posting,
        example_evidence=on_a_channel,
    ),
    Rule(
        code="CHK005",
        slug="barely-used-channel",
        name=texts("Barely used channel", "Nauwelijks gebruikt kanaal", "Canal à peine utilisé"),
        category=Dimension.EXECUTION,
        severity=Severity.LOW,
        options=BarelyUsedOptions,
        kpis=("posts_per_week", "days_since_last_post"),
        message=texts(
            "{channel} averages {per_week:.1f} posts a week over the last {days} days "
            "(minimum: {minimum:g}).",
            "Op {channel} verschenen de laatste {days} dagen gemiddeld {per_week:.1f} "
            "berichten per week (minimum: {minimum:g}).",
            "{channel} compte en moyenne {per_week:.1f} publication par semaine sur les "
            "{days} derniers jours (minimum : {minimum:g}).",
        ),
        rationale=texts(
            "A channel opened and then barely fed is the checklist mentality's most common "
            "form (InSites Consulting): too little to build an audience, enough to cost time.",
            "Een kanaal dat geopend en daarna nauwelijks gevoed wordt, is de meest voorkomende "
            "vorm van de checklistmentaliteit (InSites Consulting): te weinig om een publiek "
            "op te bouwen, genoeg om tijd te kosten.",
            "Un canal ouvert puis à peine alimenté est la forme la plus courante de la "
            "mentalité de la liste de contrôle (InSites Consulting) : trop peu pour bâtir une "
            "audience, assez pour coûter du temps.",
        ),
        remediation=texts(
            "Plan a content calendar with at least {minimum:post|posts} a week for {channel}, "
            "or stop posting there.",
            "Plan een contentkalender met minstens {minimum:bericht|berichten} per week voor "
            "{channel}, of stop ermee.",
            "Prévoyez un calendrier éditorial d'au moins {minimum:publication|publications} "
            "par semaine pour {channel}, ou cessez d'y publier.",
        ),
        source=INSITES,
        per_channel=_barely_used,
        example_evidence=lambda options: {
            "channel": "instagram",
            "minimum": options.min_posts_per_week,
        },
    ),
]

"""Adds one KPI and one rule, the way an agency's package would."""

from socialaudit.plugin import Dimension, Hit, Kpi, Rule, Severity, Unit, hookimpl


def _video_share(ctx, view):
    posts = view.recent_posts
    if posts.height == 0:
        return None
    return posts.filter(posts["media_type"] == "video").height / posts.height


def _no_video(ctx, view, options):
    share = ctx.kpi("sample_video_share", view.key)
    if share is not None and share == 0:
        return Hit({"share": share})
    return None


@hookimpl
def socialaudit_kpis():
    yield Kpi(
        id="sample_video_share",
        name={"en": "Video share"},
        unit=Unit.RATIO,
        description={"en": "Share of posts that are videos."},
        formula="video posts / posts",
        higher_is_better=True,
        per_channel=_video_share,
    )


@hookimpl
def socialaudit_rules():
    yield Rule(
        code="SMP001",
        slug="no-video",
        name={"en": "No video"},
        category=Dimension.EXECUTION,
        severity=Severity.LOW,
        message={"en": "No video among the posts of {channel}."},
        rationale={"en": "Video reaches further."},
        remediation={"en": "Post a video."},
        source="Sample Agency",
        per_channel=_no_video,
        kpis=("sample_video_share",),
    )

"""What each section of the report shows, worked out from the assessment, the data it was
computed from, and the previous assessment of the same organisation.

The assessment alone holds the scores, KPIs, findings and recommendations; the posts and
messages (for cadence per week, best and weakest posts, response-time distribution) come from
the organisation's data when the caller has it. Whatever neither tells is None, which the page
shows as "unknown", never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl

from socialaudit.engine.loading import OrganisationInput
from socialaudit.engine.model.assessment import Assessment, ErrorKind, Finding, KpiValue, Severity

MIX = ("promotional", "informational", "conversational")
RESPONSE_BUCKETS = (  # upper bounds in hours, and the text key of each bucket
    (1.0, "bucket_1h"),
    (4.0, "bucket_4h"),
    (24.0, "bucket_24h"),
    (72.0, "bucket_72h"),
    (float("inf"), "bucket_more"),
)
FIX_SEVERITIES = frozenset({Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL})
EXCERPT = 140


@dataclass(frozen=True)
class ReportInput:
    """Everything a report may draw on; only `assessment` is required."""

    assessment: Assessment
    data: OrganisationInput | None = None
    previous: Assessment | None = None
    history: list[tuple[datetime, float]] = field(default_factory=list)
    window_days: int | None = None
    sources: list[str] | None = None


@dataclass(frozen=True)
class TargetRow:
    kpi: KpiValue | None
    kpi_id: str
    channel: str | None
    target: float
    met: bool | None  # None: the value is unknown


@dataclass(frozen=True)
class GoalRow:
    objective: str
    set_up_front: bool
    channels: list[str]
    targets: list[TargetRow]


@dataclass(frozen=True)
class ChannelRow:
    key: str
    platform: str
    handle: str | None
    goals: list[str]
    last_post: datetime | None
    cadence: float | None
    followers: float | None
    suggestion: str  # keep | fix | close
    reasons: list[Finding]


@dataclass(frozen=True)
class PostRow:
    channel: str
    created_at: datetime | None
    excerpt: str | None
    permalink: str | None
    engagement: int


@dataclass(frozen=True)
class Comparison:
    new: list[Finding]
    resolved: list[Finding]
    persisting: list[Finding]
    score_delta: float
    kpi_deltas: list[tuple[KpiValue, KpiValue]]


def kpi_index(assessment: Assessment) -> dict[tuple[str, str | None], KpiValue]:
    return {(k.id, k.channel): k for k in assessment.kpis}


def _met(kpi: KpiValue | None, target: float) -> bool | None:
    if kpi is None or kpi.value is None:
        return None
    if kpi.higher_is_better is False:
        return kpi.value <= target
    return kpi.value >= target


def goals(inp: ReportInput) -> list[GoalRow] | None:
    if inp.data is None:
        return None
    kpis = kpi_index(inp.assessment)
    return [
        GoalRow(
            objective=goal.objective.value,
            set_up_front=goal.set_up_front,
            channels=list(goal.channels),
            targets=[
                TargetRow(
                    kpi=kpis.get((t.kpi, t.channel)),
                    kpi_id=t.kpi,
                    channel=t.channel,
                    target=t.target,
                    met=_met(kpis.get((t.kpi, t.channel)), t.target),
                )
                for t in goal.targets
            ],
        )
        for goal in inp.data.organisation.goals
    ]


def _channel_keys(inp: ReportInput) -> list[str]:
    if inp.data is not None:
        return [c.key for c in inp.data.organisation.channels]
    return sorted({k.channel for k in inp.assessment.kpis if k.channel})


def _last_post(kpi: KpiValue | None) -> datetime | None:
    text = (kpi.detail or {}).get("last_post") if kpi else None
    return datetime.fromisoformat(text) if isinstance(text, str) else None


def dormant_channels(assessment: Assessment) -> set[str]:
    kpi = kpi_index(assessment).get(("dormant_channels", None))
    return set((kpi.detail or {}).get("channels", [])) if kpi else set()


def channels(inp: ReportInput) -> list[ChannelRow]:
    """Per channel a keep / fix / close suggestion: close a dormant channel, fix one with a
    finding of medium severity or worse, keep the rest."""
    kpis = kpi_index(inp.assessment)
    dormant = dormant_channels(inp.assessment)
    rows = []
    for key in _channel_keys(inp):
        profile = inp.data.organisation.channel(key) if inp.data else None
        # one reason per rule: a rule firing twice on a channel (two missed targets) is one
        # thing to fix in the inventory; the findings section lists both
        reasons = list(
            {
                f.code: f
                for f in inp.assessment.findings
                if f.channel == key and f.severity in FIX_SEVERITIES
            }.values()
        )
        suggestion = "close" if key in dormant else "fix" if reasons else "keep"
        followers = kpis.get(("followers", key))
        cadence = kpis.get(("posts_per_week", key))
        rows.append(
            ChannelRow(
                key=key,
                platform=profile.platform if profile else key,
                handle=profile.handle if profile else None,
                goals=[g.value for g in inp.data.organisation.goals_for_channel(key)]
                if inp.data
                else [],
                last_post=_last_post(kpis.get(("days_since_last_post", key))),
                cadence=cadence.value if cadence else None,
                followers=followers.value if followers else None,
                suggestion=suggestion,
                reasons=reasons,
            )
        )
    return rows


def window_start(inp: ReportInput) -> datetime | None:
    if inp.window_days is None:
        return None
    return inp.assessment.as_of - timedelta(days=inp.window_days)


def _window(frame: pl.DataFrame, inp: ReportInput) -> pl.DataFrame:
    start = window_start(inp)
    frame = frame.filter(pl.col("created_at").is_not_null())
    frame = frame.filter(pl.col("created_at") <= inp.assessment.as_of)
    return frame if start is None else frame.filter(pl.col("created_at") > start)


def weekly_cadence(inp: ReportInput) -> tuple[list[datetime], dict[str, list[int]]] | None:
    """Posts per calendar week (Monday to Sunday) per channel, over the complete weeks of the
    window: a week cut by the window's start or by the reference time would read as a drop in
    posting that did not happen."""
    if inp.data is None:
        return None
    start = window_start(inp)
    first_week = _monday(start + timedelta(days=6)) if start else None  # first complete one
    last_week = _monday(inp.assessment.as_of + timedelta(days=1)) - timedelta(weeks=1)
    frames = []
    for key, data in inp.data.channels.items():
        posts = _window(data.posts, inp)
        if posts.height:
            frames.append(
                posts.select(
                    pl.lit(key).alias("channel"),
                    pl.col("created_at").dt.truncate("1w").alias("week"),
                )
            )
    if not frames:
        return [], {}
    counts = pl.concat(frames).group_by("channel", "week").len()
    first = first_week or counts["week"].min()
    if first > last_week:  # type: ignore[operator]
        return [], {}
    weeks = pl.datetime_range(first, last_week, "1w", eager=True, time_zone="UTC").to_list()
    series = {}
    for key in inp.data.channels:
        found = dict(counts.filter(pl.col("channel") == key).select("week", "len").iter_rows())
        if found:
            series[key] = [int(found.get(week, 0)) for week in weeks]
    return weeks, series


def _monday(moment: datetime) -> datetime:
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def content_mix(inp: ReportInput) -> dict[str, dict[str, float | None]]:
    """Per channel the share of promotional, informational and conversational posts, from the
    KPIs of those names; channels whose mix is unknown are left out."""
    kpis = kpi_index(inp.assessment)
    mix = {}
    for key in _channel_keys(inp):
        shares = {label: kpis.get((f"{label}_share", key)) for label in MIX}
        values = {label: kpi.value if kpi else None for label, kpi in shares.items()}
        if any(v is not None for v in values.values()):
            mix[key] = values
    return mix


def _excerpt(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def ranked_posts(inp: ReportInput, count: int = 3) -> tuple[list[PostRow], list[PostRow]] | None:
    """The best and the weakest posts of the window by reactions + comments + shares; a post
    with none of the three known is left out rather than counted as 0."""
    if inp.data is None:
        return None
    frames = []
    for key, data in inp.data.channels.items():
        posts = _window(data.posts, inp)
        metrics = [pl.col(c) for c in ("reactions", "comments", "shares")]
        posts = posts.filter(pl.any_horizontal([m.is_not_null() for m in metrics]))
        if posts.height:
            frames.append(
                posts.select(
                    pl.lit(key).alias("channel"),
                    "created_at",
                    "text",
                    "permalink",
                    pl.sum_horizontal(metrics).alias("engagement"),
                )
            )
    if not frames:
        return [], []
    ranked = pl.concat(frames).sort(["engagement", "created_at"], descending=[True, True])

    def rows(frame: pl.DataFrame) -> list[PostRow]:
        return [
            PostRow(
                channel=r["channel"],
                created_at=r["created_at"],
                excerpt=_excerpt(r["text"]),
                permalink=r["permalink"],
                engagement=int(r["engagement"]),
            )
            for r in frame.iter_rows(named=True)
        ]

    best = ranked.head(count)
    weakest = ranked.tail(min(count, max(0, ranked.height - count))).reverse()
    return rows(best), rows(weakest)


def response_times(inp: ReportInput) -> list[int] | None:
    """How many answered audience messages of the window got their first reply within each of
    `RESPONSE_BUCKETS`; None when no channel's data holds messages."""
    if inp.data is None or not any(d.messages_known for d in inp.data.channels.values()):
        return None
    hours: list[float] = []
    for data in inp.data.channels.values():
        if not data.messages_known:
            continue
        messages = _window(data.messages, inp).filter(pl.col("reply_created_at").is_not_null())
        delays = messages.select(
            (pl.col("reply_created_at") - pl.col("created_at")).dt.total_seconds() / 3600
        ).to_series()
        hours.extend(h for h in delays.to_list() if h is not None and h >= 0)
    counts = [0] * len(RESPONSE_BUCKETS)
    for h in hours:
        index = next(i for i, (bound, _) in enumerate(RESPONSE_BUCKETS) if h < bound)
        counts[index] += 1
    return counts


def benchmarked(assessment: Assessment) -> list[KpiValue]:
    return [k for k in assessment.kpis if k.benchmark is not None and k.value is not None]


def _finding_key(finding: Finding) -> tuple[str, str | None]:
    """A rule on a channel: the same rule firing on the same channel again persists, whatever
    its figures are now."""
    return finding.code, finding.channel


def compare(inp: ReportInput) -> Comparison | None:
    if inp.previous is None:
        return None
    before = {_finding_key(f) for f in inp.previous.findings}
    now = {_finding_key(f) for f in inp.assessment.findings}
    old_kpis = kpi_index(inp.previous)
    deltas = [
        (old_kpis[(k.id, None)], k)
        for k in inp.assessment.kpis
        if k.channel is None
        and (k.id, None) in old_kpis
        and k.value is not None
        and old_kpis[(k.id, None)].value is not None
    ]
    return Comparison(
        new=[f for f in inp.assessment.findings if _finding_key(f) not in before],
        resolved=[f for f in inp.previous.findings if _finding_key(f) not in now],
        persisting=[f for f in inp.assessment.findings if _finding_key(f) in before],
        score_delta=round(inp.assessment.overall_score - inp.previous.overall_score, 1),
        kpi_deltas=deltas,
    )


def unknown_kpis(assessment: Assessment) -> list[KpiValue]:
    return [k for k in assessment.kpis if k.value is None]


def kpi_reason(kpi: KpiValue) -> str | None:
    reason = (kpi.detail or {}).get("reason")
    return reason if isinstance(reason, str) else None


def data_notes(assessment: Assessment) -> list[Any]:
    return [e for e in assessment.errors if e.kind is ErrorKind.DATA]


def failures(assessment: Assessment) -> list[Any]:
    return [e for e in assessment.errors if e.kind is not ErrorKind.DATA]


def evidence_for(assessment: Assessment, code: str) -> list[Finding]:
    return [f for f in assessment.findings if f.code == code]


def sources(inp: ReportInput) -> list[str] | None:
    if inp.sources is not None:
        return inp.sources
    if inp.data is None:
        return None
    return [source for data in inp.data.channels.values() for source in data.sources]

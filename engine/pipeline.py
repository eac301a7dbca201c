"""The assessment pipeline: classify -> KPIs -> rules -> score -> recommend.

Every step that runs plugin code does so inside an error boundary: whatever fails is listed in
the assessment's errors and the rest still runs.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Literal, cast

import polars as pl

from socialaudit import __version__
from socialaudit.engine.boundary import Guard
from socialaudit.engine.classification import (
    MEMORY_CACHE,
    ClassificationCache,
    classify_channels,
)
from socialaudit.engine.context import AssessmentContext, ChannelView
from socialaudit.engine.errors import InputError
from socialaudit.engine.formatting import EXTERNAL_KPIS, Formatter, Vocabulary, channel_names
from socialaudit.engine.formatting import render as format_text
from socialaudit.engine.kpi_runner import compute_kpis
from socialaudit.engine.loading import OrganisationInput
from socialaudit.engine.model.assessment import Assessment, AssessmentError, ErrorKind
from socialaudit.engine.model.channel_data import ChannelData
from socialaudit.engine.model.profile import Objective, Organisation
from socialaudit.engine.recommend import recommend
from socialaudit.engine.registry import Registry
from socialaudit.engine.rule_runner import evaluate_rules
from socialaudit.engine.scoring import dimension_scores, maturity_stage, overall_score
from socialaudit.engine.text import SUPPORTED_LANGUAGES, pick


def reference_time(channels: dict[str, ChannelData]) -> datetime:
    """The newest timestamp in the data, so that an old export assesses the same on any day."""
    newest = [
        t
        for data in channels.values()
        for frame in (data.posts, data.messages)
        if frame.height
        for t in (_created(frame, "max"),)
        if t is not None
    ]
    return max(newest) if newest else datetime.now(UTC)


EARLIEST_REFERENCE = datetime(1970, 1, 1, tzinfo=UTC)
"""No platform holds posts from before this; earlier reference times would also push the
window's start below the first representable date."""


def check_reference(moment: datetime) -> datetime:
    """The reference time in UTC, or an `InputError` for one an assessment cannot use."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if moment < EARLIEST_REFERENCE:
        raise InputError(
            f"{moment.date().isoformat()} is before {EARLIEST_REFERENCE.date().isoformat()}",
            field="as_of",
            hint="give the time up to which the data should be assessed, e.g. 2024-06-30",
        )
    return moment


def ruleset_revision(registry: Registry) -> str:
    """A digest of the enabled rules, KPIs and their versions and options."""
    payload = {
        "rules": {r.code: r.version for r in registry.enabled_rules()},
        "kpis": {k.id: k.version for k in registry.kpis.values()},
        "options": {c: o.model_dump(mode="json") for c, o in sorted(registry.rule_options.items())},
        "severity": {c: str(s) for c, s in sorted(registry.settings.rules.severity.items())},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def input_digest(data: OrganisationInput, as_of: datetime) -> str:
    """A digest of the profile and every channel's data, to tell later whether an assessment
    was computed from the same input."""
    digest = hashlib.sha256(data.organisation.model_dump_json().encode())
    digest.update(as_of.isoformat().encode())
    for key in sorted(data.channels):
        channel = data.channels[key]
        digest.update(key.encode())
        for frame in (channel.posts, channel.messages):
            if frame.height:
                digest.update(str(frame.hash_rows().sum()).encode())
                digest.update(str(frame.height).encode())
    return digest.hexdigest()[:16]


def _plugin_errors(registry: Registry) -> list[AssessmentError]:
    return [
        AssessmentError(kind=ErrorKind.PLUGIN, source=info.name, message="; ".join(info.errors))
        for info in registry.failures
    ]


def target_kpis(registry: Registry) -> set[str]:
    """The KPI ids a goal's target may name: the loaded KPIs, and business outcomes measured
    outside social media data (conversions, leads...)."""
    return set(registry.kpis) | set(EXTERNAL_KPIS)


def _unknown_targets(data: OrganisationInput, registry: Registry) -> list[AssessmentError]:
    """A target naming an unknown KPI is a typo that would silently never be judged."""
    return [
        AssessmentError(
            kind=ErrorKind.DATA,
            source=path,
            message=f"{path}: no KPI is named '{name}'; {hint}",
        )
        for path, name, hint in data.organisation.unknown_target_kpis(target_kpis(registry))
    ]


def _unavailable_rules(registry: Registry) -> list[AssessmentError]:
    return [
        AssessmentError(kind=ErrorKind.RULE, source=code, message=f"not evaluated: {reason}")
        for code, reason in sorted(registry.unavailable_rules.items())
        if registry.settings.rule_selected(code)
    ]


_OUT_OF_RANGE = {
    "en": "The reference time {as_of} lies {where} the data ({first} to {last}): the "
    "{days}-day window holds no posts or messages, so what it shows is not the organisation's "
    "activity.",
    "nl": "Het referentietijdstip {as_of} ligt {where} de gegevens ({first} tot {last}): het "
    "venster van {days} dagen bevat geen berichten, dus wat het toont, is niet de activiteit "
    "van de organisatie.",
    "fr": "La date de référence {as_of} se situe {where} des données (du {first} au {last}) : "
    "la fenêtre de {days} jours ne contient aucune publication ni aucun message, elle ne "
    "reflète donc pas l'activité de l'organisation.",
}
_WHERE = {
    "before": {"en": "before", "nl": "vóór", "fr": "avant le début"},
    "after": {"en": "after", "nl": "na", "fr": "après la fin"},
}


def data_range(channels: dict[str, ChannelData]) -> tuple[datetime, datetime] | None:
    """The oldest and newest timestamps in the data; None when it holds none."""
    times = [
        t
        for data in channels.values()
        for frame in (data.posts, data.messages)
        if frame.height
        for t in (_created(frame, "min"), _created(frame, "max"))
        if t is not None
    ]
    return (min(times), max(times)) if times else None


def _created(frame: pl.DataFrame, end: Literal["min", "max"]) -> datetime | None:
    """The oldest or newest `created_at`: a UTC time column in every channel's frames (polars
    types a column's extreme as any Python value)."""
    column = frame["created_at"]
    return cast("datetime | None", column.min() if end == "min" else column.max())


def _as_of_warning(
    channels: dict[str, ChannelData], reference: datetime, window_days: int, language: str
) -> list[AssessmentError]:
    """A reference time outside the data makes an empty window: a warning, not a clean bill."""
    bounds = data_range(channels)
    if bounds is None:
        return []
    first, last = bounds
    if reference < first:
        where = "before"
    elif reference - timedelta(days=window_days) > last:
        where = "after"
    else:
        return []
    message = _OUT_OF_RANGE.get(language, _OUT_OF_RANGE["en"])
    return [
        AssessmentError(
            kind=ErrorKind.DATA,
            source="as_of",
            message=format_text(
                message,
                language,
                as_of=f"{reference:%Y-%m-%d}",
                where=_WHERE[where].get(language, _WHERE[where]["en"]),
                first=f"{first:%Y-%m-%d}",
                last=f"{last:%Y-%m-%d}",
                days=window_days,
            ),
        )
    ]


def _data_notes(views: dict[str, ChannelView], language: str) -> list[AssessmentError]:
    return [
        AssessmentError(
            kind=ErrorKind.DATA, source="data", channel=key, message=pick(note, language)
        )
        for key, view in views.items()
        for note in view.data.notes
    ]


def sentiment_lookback(organisation: Organisation, window_days: int) -> timedelta:
    """How far before the window audience messages are classified: one window more when a
    reputation goal asks whether sentiment got worse (REP002), none otherwise, since with the
    model that older window would cost a first assessment as much again."""
    wanted = organisation.has_goal(Objective.REPUTATION)
    return timedelta(days=window_days) if wanted else timedelta(0)


def assess(
    data: OrganisationInput,
    registry: Registry,
    *,
    as_of: datetime | None = None,
    language: str = "en",
    classification_cache: ClassificationCache = MEMORY_CACHE,
) -> Assessment:
    """Assess one organisation. Never raises for a plugin's failure; see `Assessment.errors`.

    Labels come from `classification_cache` where it knows the text (in memory by default)."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(SUPPORTED_LANGUAGES)}")
    organisation = data.organisation
    reference = as_of or reference_time(data.channels)
    # the frames hold UTC times, and polars compares only times in the same zone
    reference = check_reference(reference)
    digest = input_digest(data, reference)
    window_days = registry.settings.assessment.window_days
    window_start = reference - timedelta(days=window_days)
    views = {
        key: ChannelView(
            key=key,
            profile=organisation.channel(key),  # type: ignore[arg-type]
            data=ChannelData(
                posts=channel.posts.filter(
                    pl.col("created_at").is_null() | (pl.col("created_at") <= reference)
                ),
                messages=channel.messages.filter(
                    pl.col("created_at").is_null() | (pl.col("created_at") <= reference)
                ),
                messages_known=channel.messages_known,
                followers=channel.followers,
                sources=channel.sources,
                organisation_replies=channel.organisation_replies,
                notes=channel.notes,
                reposts=channel.reposts_until(reference),
            ),
            objectives=organisation.goals_for_channel(key),
            window_start=window_start,
        )
        for key, channel in data.channels.items()
    }
    ctx = AssessmentContext(
        organisation=organisation,
        channels=views,
        as_of=reference,
        window_days=window_days,
        benchmarks=registry.benchmarks,
        kpi_definitions=registry.kpis,
    )
    limits = registry.settings.limits
    names = channel_names(list(organisation.channels))
    formatter = Formatter(
        language,
        Vocabulary(
            channels=names,
            kpis={k.id: k.name for k in registry.kpis.values()},
            country=organisation.country,
        ),
    )
    errors = (
        _plugin_errors(registry)
        + _unavailable_rules(registry)
        + _unknown_targets(data, registry)
        + _as_of_warning(data.channels, reference, window_days, language)
        + _data_notes(views, language)
    )
    with Guard() as guard:
        errors += classify_channels(
            views,
            registry.classifier(),
            guard,
            limits.classifier_timeout_seconds,
            classification_cache,
            message_lookback=sentiment_lookback(organisation, window_days),
        )
        kpis, kpi_errors = compute_kpis(
            ctx, registry.kpis, guard, limits.kpi_timeout_seconds, formatter
        )
        results = evaluate_rules(
            ctx,
            registry.enabled_rules(),
            registry.rule_options,
            dict(registry.settings.rules.severity),
            guard,
            limits.rule_timeout_seconds,
            formatter,
        )
    findings = results.findings
    errors += kpi_errors + results.errors
    findings.sort(key=lambda f: (-f.severity.weight, f.code, f.channel or ""))
    dimensions = dimension_scores(findings, len(views), results.judged)
    return Assessment(
        organisation=organisation.name,
        as_of=reference,
        language=language,
        overall_score=overall_score(dimensions),
        dimensions=dimensions,
        maturity_stage=maturity_stage(organisation, dimensions, findings),
        kpis=kpis,
        findings=findings,
        recommendations=recommend(findings, registry.rules, len(views), formatter),
        errors=errors,
        ruleset_revision=ruleset_revision(registry),
        input_digest=digest,
        plugin_versions=registry.plugin_versions(),
        engine_version=__version__,
        channel_names=names,
        country=organisation.country,
    )

"""The assessment pipeline: classify -> KPIs -> rules -> score -> recommend.

Every step that runs plugin code does so inside an error boundary: whatever fails is listed in
the assessment's errors and the rest still runs.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import polars as pl

from socialaudit import __version__
from socialaudit.engine.boundary import Guard
from socialaudit.engine.classification import (
    MEMORY_CACHE,
    ClassificationCache,
    classify_channels,
)
from socialaudit.engine.context import AssessmentContext, ChannelView
from socialaudit.engine.kpi_runner import compute_kpis
from socialaudit.engine.loading import OrganisationInput
from socialaudit.engine.model.assessment import Assessment, AssessmentError, ErrorKind
from socialaudit.engine.model.channel_data import ChannelData
from socialaudit.engine.recommend import recommend
from socialaudit.engine.registry import Registry
from socialaudit.engine.rule_runner import evaluate_rules
from socialaudit.engine.scoring import dimension_scores, maturity_stage, overall_score
from socialaudit.engine.text import SUPPORTED_LANGUAGES, pick


def reference_time(channels: dict[str, ChannelData]) -> datetime:
    """The newest timestamp in the data, so that an old export assesses the same on any day."""
    newest = [
        frame["created_at"].max()
        for data in channels.values()
        for frame in (data.posts, data.messages)
        if frame.height
    ]
    newest = [t for t in newest if t is not None]
    return max(newest) if newest else datetime.now(UTC)  # type: ignore[return-value]


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


def _data_notes(views: dict[str, ChannelView], language: str) -> list[AssessmentError]:
    return [
        AssessmentError(
            kind=ErrorKind.DATA, source="data", channel=key, message=pick(note, language)
        )
        for key, view in views.items()
        for note in view.data.notes
    ]


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
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
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
    errors = _plugin_errors(registry) + _data_notes(views, language)
    with Guard() as guard:
        errors += classify_channels(
            views,
            registry.classifier(),
            guard,
            limits.classifier_timeout_seconds,
            classification_cache,
        )
        kpis, kpi_errors = compute_kpis(
            ctx, registry.kpis, guard, limits.kpi_timeout_seconds, language
        )
        findings, rule_errors = evaluate_rules(
            ctx,
            registry.enabled_rules(),
            registry.rule_options,
            dict(registry.settings.rules.severity),
            guard,
            limits.rule_timeout_seconds,
            language,
        )
    errors += kpi_errors + rule_errors
    findings.sort(key=lambda f: (-f.severity.weight, f.code, f.channel or ""))
    dimensions = dimension_scores(findings, len(views))
    return Assessment(
        organisation=organisation.name,
        as_of=reference,
        language=language,
        overall_score=overall_score(dimensions),
        dimensions=dimensions,
        maturity_stage=maturity_stage(organisation, dimensions),
        kpis=kpis,
        findings=findings,
        recommendations=recommend(findings, registry.rules, len(views), language),
        errors=errors,
        ruleset_revision=ruleset_revision(registry),
        input_digest=digest,
        plugin_versions=registry.plugin_versions(),
        engine_version=__version__,
    )

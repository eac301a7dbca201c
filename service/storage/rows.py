"""Turning a database row into its record, in one place per kind, so that every query of a table
answers the same shape (and SQLite's zone-less times come back in UTC)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from socialaudit.service.storage.records import (
    AssessmentRecord,
    ChannelRecord,
    CustomDefinitionRecord,
    ImportRecord,
    OrganisationRecord,
)
from socialaudit.service.storage.tables import assessments


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands times back without a zone; everything is stored in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def organisation_record(row: Any) -> OrganisationRecord:
    return OrganisationRecord(
        id=row.id,
        name=row.name,
        profile=row.profile,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        updated_at=as_utc(row.updated_at),  # type: ignore[arg-type]
    )


def channel_record(row: Any) -> ChannelRecord:
    return ChannelRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        key=row.key,
        position=row.position,
        profile=row.profile,
        data_followers=row.data_followers,
        organisation_ids=list(row.organisation_ids or []),
        messages_known=bool(row.messages_known),
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
    )


def import_record(row: Any) -> ImportRecord:
    return ImportRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        channel_id=row.channel_id,
        digest=row.digest,
        filename=row.filename,
        format=row.format,
        posts=row.posts,
        interactions=row.interactions,
        notes=list(row.notes or []),
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
    )


ASSESSMENT_COLUMNS = [c for c in assessments.c if c.name != "result"]


def assessment_record(row: Any, result: dict[str, Any] | None = None) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        as_of=as_utc(row.as_of),  # type: ignore[arg-type]
        language=row.language,
        overall_score=row.overall_score,
        maturity_stage=row.maturity_stage,
        ruleset_revision=row.ruleset_revision,
        input_digest=row.input_digest,
        engine_version=row.engine_version,
        plugin_versions=row.plugin_versions,
        rule_versions=row.rule_versions,
        kpi_versions=row.kpi_versions,
        result=result,
    )


def custom_definition_record(row: Any) -> CustomDefinitionRecord:
    return CustomDefinitionRecord(
        id=row.id,
        kind=row.kind,
        key=row.key,
        definition=row.definition,
        version=row.version,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        updated_at=as_utc(row.updated_at),  # type: ignore[arg-type]
    )

"""What the storage hands the layers above: plain, immutable records, one per stored row kind.

They carry the row's columns as Python values, times in UTC; callers never see SQLAlchemy rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from socialaudit.engine.model.profile import ChannelProfile, Organisation


@dataclass(frozen=True)
class OrganisationRecord:
    id: str
    name: str
    profile: dict[str, Any]
    created_at: datetime
    updated_at: datetime

    @cached_property
    def model(self) -> Organisation:
        """The stored profile as the engine's model (without its channels), so readers never
        interpret the stored JSON themselves."""
        return Organisation.model_validate({**self.profile, "channels": []})


@dataclass(frozen=True)
class ChannelRecord:
    id: str
    organisation_id: str
    key: str
    position: int
    profile: dict[str, Any]
    data_followers: int | None
    organisation_ids: list[str]
    messages_known: bool
    created_at: datetime

    @cached_property
    def model(self) -> ChannelProfile:
        """The stored channel entry as the engine's model."""
        return ChannelProfile.model_validate(self.profile)


@dataclass(frozen=True)
class ImportRecord:
    id: str
    organisation_id: str
    channel_id: str
    digest: str
    filename: str
    format: str
    posts: int
    interactions: int
    notes: list[dict[str, str]]  # a text per language
    created_at: datetime


@dataclass(frozen=True)
class AssessmentRecord:
    """An assessment's columns; `result` (the whole JSON) is only read when asked for."""

    id: str
    organisation_id: str
    created_at: datetime
    as_of: datetime
    language: str
    overall_score: float
    maturity_stage: str
    ruleset_revision: str
    input_digest: str
    engine_version: str
    plugin_versions: dict[str, str]
    rule_versions: dict[str, str]
    kpi_versions: dict[str, str]
    result: dict[str, Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CustomDefinitionRecord:
    """An agency's own KPI or rule, as the `[[custom.kpis]]`/`[[custom.rules]]` entry it is."""

    id: str
    kind: str
    key: str
    definition: dict[str, Any]
    version: str
    created_at: datetime
    updated_at: datetime

"""Input types. Python field names are the `organisation.toml` keys, so an input converts to the
profile dict the engine validates, and the engine's error paths map back onto the input."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.file_uploads import Upload

from socialaudit.schema.enums import Market, Objective, Owner, Sector


@strawberry.input(description="A number the organisation wants a KPI to reach.")
class KpiTargetInput:
    kpi: str = strawberry.field(description="KPI id, e.g. `engagement_rate`.")
    target: float = strawberry.field(description="The value to reach.")
    channel: str | None = strawberry.field(default=None, description="Channel key; null = all.")


@strawberry.input(description="An objective and how it is measured.")
class GoalInput:
    objective: Objective = strawberry.field(description="What social media is for here.")
    set_up_front: bool = strawberry.field(
        default=False, description="Set before the accounts were opened."
    )
    channels: list[str] = strawberry.field(
        default_factory=list, description="Channel keys or platforms it concerns."
    )
    targets: list[KpiTargetInput] = strawberry.field(
        default_factory=list, description="KPI values it aims for."
    )
    description: str | None = strawberry.field(default=None, description="Free text.")


@strawberry.input(
    description="How social media is anchored in the organisation. A field left out or null is "
    "unknown, which is not the same as false: rules about a fact that was not given do not "
    "assert it."
)
class GovernanceInput:
    owner: Owner | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET,
        description="Who is responsible; `NONE` when nobody is; null when unknown.",
    )
    management_support: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Management supports it; null when unknown."
    )
    pilot_projects: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Pilots were run; null when unknown."
    )
    employee_training: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Employees are trained; null when unknown."
    )
    documented_strategy: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Strategy written down; null when unknown."
    )
    measurement_practice: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Results are measured; null when unknown."
    )
    conversation_manager: bool | None = strawberry.field(
        default=strawberry.UNSET, description="A conversation manager exists; null when unknown."
    )


@strawberry.input(description="One account on one platform.")
class ChannelInput:
    platform: str = strawberry.field(description="Platform name, see `channelPlatforms`.")
    handle: str = strawberry.field(description="The account's handle.")
    id: str | None = strawberry.field(
        default=None, description="Channel key; defaults to the platform name."
    )
    account_id: str | None = strawberry.field(
        default=None, description="The platform's account id."
    )
    followers: int | None = strawberry.field(default=None, description="Followers today.")
    goals: list[Objective] = strawberry.field(
        default_factory=list, description="Objectives this channel serves."
    )
    format: str | None = strawberry.field(
        default=None, description="Adapter to use where a file's format cannot be told."
    )
    timezone: str | None = strawberry.field(
        default=None, description="IANA zone for times written without an offset."
    )


@strawberry.input(description="An organisation's profile, as `organisation.toml` holds it.")
class OrganizationInput:
    name: str = strawberry.field(description="The organisation's name.")
    market: Market = strawberry.field(description="Who it sells to.")
    sector: Sector = strawberry.field(default=Sector.OTHER, description="Broad sector.")  # type: ignore[attr-defined]
    employees: int | None = strawberry.field(default=None, description="Number of employees.")
    country: str | None = strawberry.field(default=None, description="ISO 3166 code, e.g. BE.")
    languages: list[str] = strawberry.field(
        default_factory=list, description="Languages it communicates in."
    )
    monthly_budget_eur: float | None = strawberry.field(
        default=None, description="Monthly budget in euro."
    )
    timezone: str | None = strawberry.field(default=None, description="IANA time zone.")
    governance: GovernanceInput | None = strawberry.field(
        default=None, description="How social media is anchored."
    )
    goals: list[GoalInput] = strawberry.field(default_factory=list, description="Its objectives.")
    channels: list[ChannelInput] = strawberry.field(
        default_factory=list, description="Its accounts."
    )


@strawberry.input(description="Changes to an organisation's profile; fields left out stay.")
class UpdateOrganizationInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    market: Market | None = strawberry.field(
        default=strawberry.UNSET, description="Who it sells to."
    )
    sector: Sector | None = strawberry.field(default=strawberry.UNSET, description="Broad sector.")
    employees: int | None = strawberry.field(default=strawberry.UNSET, description="Employees.")
    country: str | None = strawberry.field(default=strawberry.UNSET, description="ISO 3166 code.")
    languages: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Languages."
    )
    monthly_budget_eur: float | None = strawberry.field(
        default=strawberry.UNSET, description="Monthly budget in euro."
    )
    timezone: str | None = strawberry.field(default=strawberry.UNSET, description="IANA zone.")


@strawberry.input(
    description="A file for a channel: an upload (GraphQL multipart request) or inline content."
)
class ImportChannelDataInput:
    channel_id: strawberry.ID = strawberry.field(description="Global id of the channel.")
    file: Upload | None = strawberry.field(
        default=None, description="The file, sent by the GraphQL multipart request spec."
    )
    content: str | None = strawberry.field(
        default=None, description="The file's text, when not uploaded."
    )
    filename: str | None = strawberry.field(
        default=None,
        description="Name with extension (adapters recognise formats by it); "
        "default: the upload's name, or data.csv for inline content.",
    )
    format: str | None = strawberry.field(
        default=None, description="Adapter to use; default: the one that recognises the file."
    )


@strawberry.input(description="A file of one channel for a preview.")
class PreviewFileInput:
    channel: str = strawberry.field(description="Channel key in the profile.")
    content: str | None = strawberry.field(default=None, description="The file's text.")
    file: Upload | None = strawberry.field(default=None, description="The file, uploaded.")
    filename: str | None = strawberry.field(default=None, description="Name with extension.")
    format: str | None = strawberry.field(default=None, description="Adapter to use.")


@strawberry.input(description="A profile and data to assess without storing anything.")
class PreviewAssessmentInput:
    organization: OrganizationInput = strawberry.field(description="The profile.")
    files: list[PreviewFileInput] = strawberry.field(
        default_factory=list, description="Data files, each for one channel."
    )
    as_of: datetime | None = strawberry.field(
        default=None, description="Reference time; default: the newest time in the data."
    )


def plain(value: Any) -> Any:
    """An input object as the plain dict the engine validates; unset fields are left out."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [plain(v) for v in value]
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {
            name: plain(getattr(value, name))
            for name in fields
            if getattr(value, name) is not strawberry.UNSET
        }
    return value

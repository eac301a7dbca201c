"""Organisations, their channels and the files imported into them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from socialaudit.engine.text import pick
from socialaudit.schema.assessment import (
    Assessment,
    AssessmentConnection,
    AssessmentEdge,
    stored_assessment,
)
from socialaudit.schema.context import context_of
from socialaudit.schema.enums import Language, Market, Objective, Owner, Sector
from socialaudit.schema.ids import to_global_id
from socialaudit.schema.relay import (
    After,
    First,
    Node,
    PageInfo,
    connection,
    page_request,
)
from socialaudit.service.storage.records import ChannelRecord, ImportRecord, OrganisationRecord


@strawberry.type(description="A number the organisation wants a KPI to reach.")
class KpiTarget:
    kpi: str = strawberry.field(description="KPI id, e.g. `engagement_rate`.")
    target: float = strawberry.field(description="The value to reach.")
    channel: str | None = strawberry.field(description="Channel key; null = the organisation.")


@strawberry.type(description="An objective, whether it was set up front, and how it is measured.")
class Goal:
    objective: Objective = strawberry.field(description="What social media is for here.")
    set_up_front: bool = strawberry.field(
        description="Set before the accounts were opened (NSMA 2018: most were not)."
    )
    channels: list[str] = strawberry.field(description="Channel keys or platforms it concerns.")
    targets: list[KpiTarget] = strawberry.field(description="KPI values it aims for.")
    description: str | None = strawberry.field(description="Free text.")


@strawberry.type(description="How social media is anchored in the organisation (InSites).")
class Governance:
    owner: Owner | None = strawberry.field(description="Who is responsible; null: unknown.")
    management_support: bool | None = strawberry.field(
        description="Management supports it; null: unknown."
    )
    pilot_projects: bool | None = strawberry.field(description="Pilots were run; null: unknown.")
    employee_training: bool | None = strawberry.field(
        description="Employees are trained; null: unknown."
    )
    documented_strategy: bool | None = strawberry.field(
        description="The strategy is written down; null: unknown."
    )
    measurement_practice: bool | None = strawberry.field(
        description="Results are measured regularly; null: unknown."
    )
    conversation_manager: bool | None = strawberry.field(
        description="A conversation manager exists; null: unknown."
    )


@strawberry.type(description="One file imported into a channel.")
class ChannelImport(Node):
    record: strawberry.Private[ImportRecord]

    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("ChannelImport", self.record.id))

    @strawberry.field(description="The file's name as uploaded.")
    def filename(self) -> str:
        return self.record.filename

    @strawberry.field(description="The adapter (format) that read it.")
    def format(self) -> str:
        return self.record.format

    @strawberry.field(description="SHA-256 of the file; the same file is imported once.")
    def digest(self) -> str:
        return self.record.digest

    @strawberry.field(description="Posts the file held.")
    def posts(self) -> int:
        return self.record.posts

    @strawberry.field(description="Comments, replies and messages the file held.")
    def interactions(self) -> int:
        return self.record.interactions

    @strawberry.field(
        description="What the file could not tell completely, e.g. comment lists holding only "
        "their first page; assessments repeat these in their errors."
    )
    def notes(self, info: strawberry.Info) -> list[str]:
        language = context_of(info).language
        return [pick(note, language) for note in self.record.notes]

    @strawberry.field(description="When it was imported.")
    def created_at(self) -> datetime:
        return self.record.created_at

    @strawberry.field(description="The channel it was imported into.")
    def channel(self, info: strawberry.Info) -> Channel | None:
        record = context_of(info).service.channel(self.record.channel_id)
        return Channel(record=record, batch=[record.id]) if record else None


@strawberry.type(description="One account on one platform.")
class Channel(Node):
    record: strawberry.Private[ChannelRecord]
    batch: strawberry.Private[list[str]]

    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Channel", self.record.id))

    @strawberry.field(description="Key used in goals and findings; the platform unless set.")
    def key(self) -> str:
        return self.record.key

    @strawberry.field(description="Platform name, e.g. `facebook`.")
    def platform(self) -> str:
        return self.record.model.platform  # type: ignore[return-value]

    @strawberry.field(description="The account's handle, without @.")
    def handle(self) -> str:
        return self.record.model.handle  # type: ignore[return-value]

    @strawberry.field(description="The platform's id of the account.")
    def account_id(self) -> str | None:
        return self.record.model.account_id  # type: ignore[return-value]

    @strawberry.field(description="Followers as the profile states them.")
    def followers(self) -> int | None:
        return self.record.model.followers  # type: ignore[return-value]

    @strawberry.field(description="Followers as the newest imported file reported them.")
    def data_followers(self) -> int | None:
        return self.record.data_followers

    @strawberry.field(description="Objectives this channel serves, besides goals naming it.")
    def goals(self) -> list[Objective]:
        return list(self.record.model.goals)  # type: ignore[arg-type]

    @strawberry.field(description="Adapter to use where a file's format cannot be told.")
    def format(self) -> str | None:
        return self.record.model.format  # type: ignore[return-value]

    @strawberry.field(description="IANA zone for times written without an offset.")
    def timezone(self) -> str | None:
        return self.record.model.timezone  # type: ignore[return-value]

    @strawberry.field(description="Posts stored for this channel.")
    def post_count(self, info: strawberry.Info) -> int:
        return context_of(info).row_count("posts", self.record.id, self.batch)

    @strawberry.field(description="Interactions (comments, replies, messages) stored.")
    def interaction_count(self, info: strawberry.Info) -> int:
        return context_of(info).row_count("interactions", self.record.id, self.batch)

    @strawberry.field(
        description="Whether any import carried interactions; else response KPIs are unknown."
    )
    def messages_known(self) -> bool:
        return self.record.messages_known

    @strawberry.field(description="Files imported into this channel, oldest first.")
    def imports(self, info: strawberry.Info) -> list[ChannelImport]:
        return [ChannelImport(record=r) for r in context_of(info).service.imports(self.record.id)]

    @strawberry.field(description="The organisation the channel belongs to.")
    def organization(self, info: strawberry.Info) -> Organization | None:
        record = context_of(info).service.organisation(self.record.organisation_id)
        return Organization(record=record, batch=[record.id]) if record else None


@strawberry.type(description="An organisation whose social media is assessed.")
class Organization(Node):
    record: strawberry.Private[OrganisationRecord]
    batch: strawberry.Private[list[str]]
    """Ids of the page this object came in, so related rows load for all of them at once."""

    @strawberry.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Organization", self.record.id))

    @strawberry.field(description="The organisation's name.")
    def name(self) -> str:
        return self.record.name

    @strawberry.field(description="Broad sector; peers and benchmarks differ by it.")
    def sector(self) -> Sector:
        return self.record.model.sector  # type: ignore[return-value]

    @strawberry.field(description="Who it sells to.")
    def market(self) -> Market:
        return self.record.model.market  # type: ignore[return-value]

    @strawberry.field(description="Number of employees.")
    def employees(self) -> int | None:
        return self.record.model.employees  # type: ignore[return-value]

    @strawberry.field(description="ISO 3166 country code, e.g. BE.")
    def country(self) -> str | None:
        return self.record.model.country  # type: ignore[return-value]

    @strawberry.field(description="Languages it communicates in.")
    def languages(self) -> list[str]:
        return list(self.record.model.languages)  # type: ignore[arg-type]

    @strawberry.field(description="Monthly social media budget in euro.")
    def monthly_budget_eur(self) -> float | None:
        return self.record.model.monthly_budget_eur  # type: ignore[return-value]

    @strawberry.field(description="IANA time zone; defaults from the country.")
    def timezone(self) -> str | None:
        return self.record.model.timezone  # type: ignore[return-value]

    @strawberry.field(description="How social media is anchored in the organisation.")
    def governance(self) -> Governance:
        return self.record.model.governance  # type: ignore[return-value]

    @strawberry.field(description="Its objectives and targets.")
    def goals(self) -> list[Goal]:
        return list(self.record.model.goals)  # type: ignore[arg-type]

    @strawberry.field(description="Its accounts, in the order they were added.")
    def channels(self, info: strawberry.Info) -> list[Channel]:
        context = context_of(info)
        records = context.channels(self.record.id, self.batch)
        ids = context.loaded_channel_ids()
        return [Channel(record=r, batch=ids) for r in records]

    @strawberry.field(description="When it was created.")
    def created_at(self) -> datetime:
        return self.record.created_at

    @strawberry.field(description="When its profile, channels or data last changed.")
    def updated_at(self) -> datetime:
        return self.record.updated_at

    @strawberry.field(description="Its stored assessments, newest first: the trend over time.")
    def assessments(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        language: Annotated[
            Language | None,
            strawberry.argument(description="Language of texts; default: Accept-Language."),
        ] = None,
    ) -> AssessmentConnection:
        context, size, cursor = page_request(info, first, after)
        records, more, total = context.service.assessments_page(self.record.id, cursor, size)
        lang = language.value if language else context.language
        return connection(
            AssessmentConnection,
            AssessmentEdge,
            records,
            lambda r: stored_assessment(r, lang),
            more=more,
            after=cursor,
            total=total,
        )

    @strawberry.field(description="Its newest stored assessment, if any.")
    def latest_assessment(
        self,
        info: strawberry.Info,
        language: Annotated[
            Language | None,
            strawberry.argument(description="Language of texts; default: Accept-Language."),
        ] = None,
    ) -> Assessment | None:
        context = context_of(info)
        record = context.latest_assessment(self.record.id, self.batch)
        lang = language.value if language else context.language
        return stored_assessment(record, lang) if record else None


@strawberry.type(description="An organisation in a page of organisations.")
class OrganizationEdge:
    cursor: str = strawberry.field(description="Give as `after` to continue after this one.")
    node: Organization = strawberry.field(description="The organisation.")


@strawberry.type(description="A page of organisations, oldest first.")
class OrganizationConnection:
    edges: list[OrganizationEdge] = strawberry.field(description="The page's organisations.")
    page_info: PageInfo = strawberry.field(description="Where the page stands.")
    total_count: int = strawberry.field(description="Organisations in all pages.")

"""A share link of an assessment's report, as the `Assessment` type lists them (apart from
the mutations, which need the payload types that import `Assessment`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from socialaudit.schema.context import context_of
from socialaudit.schema.ids import to_global_id
from socialaudit.service.storage.report_rows import ReportLinkRecord
from socialaudit.service.storage.scoped import now

LINK_TYPE = "ReportLink"


def report_path(assessment_global_id: str) -> str:
    return f"/reports/{assessment_global_id}"


def shared_path(token: str) -> str:
    return f"/reports/shared/{token}"


@strawberry.type(description="A link that opens one assessment's report without an API key.")
class ReportLink:
    record: strawberry.Private[ReportLinkRecord]

    @strawberry.field(description="Global id (for revokeReportLink).")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(LINK_TYPE, self.record.id))

    @strawberry.field(description="When it was made.")
    def created_at(self) -> datetime:
        return self.record.created_at

    @strawberry.field(description="After this it opens nothing.")
    def expires_at(self) -> datetime:
        return self.record.expires_at

    @strawberry.field(description="When it was revoked; null while not revoked.")
    def revoked_at(self) -> datetime | None:
        return self.record.revoked_at

    @strawberry.field(
        description="Whether it opens the report now: not expired, not revoked, signed with "
        "the current secret."
    )
    def active(self, info: strawberry.Info) -> bool:
        signer = context_of(info).service.link_signer
        return signer is not None and self.record.live(now(), signer.key_id)


def report_links(info: Any, assessment_id: str) -> list[ReportLink]:
    return [ReportLink(record=r) for r in context_of(info).service.report_links(assessment_id)]

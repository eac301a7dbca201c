"""The audit report in GraphQL: share links of an assessment's report and the agency's
branding. The report itself is served at `Assessment.reportUrl`, not through GraphQL."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from socialaudit.schema.context import context_of
from socialaudit.schema.ids import local_id
from socialaudit.schema.payloads import UserError, refused
from socialaudit.schema.report_links import LINK_TYPE, ReportLink, shared_path
from socialaudit.service.branding import Brand
from socialaudit.service.logo import MAX_LOGO_BYTES
from socialaudit.service.user_errors import UserErrorCode, UserErrors


@strawberry.type(description="An agency's branding on its reports.")
class AgencyBranding:
    brand: strawberry.Private[Brand]

    @strawberry.field(description="The agency's name as the report shows it.")
    def name(self) -> str | None:
        return self.brand.name

    @strawberry.field(description="Primary colour, #rrggbb.")
    def color(self) -> str:
        return self.brand.color

    @strawberry.field(description="Contact line under the name.")
    def contact(self) -> str | None:
        return self.brand.contact

    @strawberry.field(description="The logo as sanitised, as a data: URI; null without a logo.")
    def logo(self) -> str | None:
        return self.brand.logo_uri


@strawberry.type(description="A new share link; its URL is shown this once.")
class CreateReportLinkPayload:
    link: ReportLink | None = strawberry.field(default=None, description="Null when refused.")
    url: str | None = strawberry.field(
        default=None,
        description="The link's path on this service, with its signed token; give it to the "
        "client. The token is not stored: it cannot be shown again.",
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.type(description="The link after revoking it.")
class RevokeReportLinkPayload:
    link: ReportLink | None = strawberry.field(default=None, description="Null when refused.")
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.input(description="What to change of the branding; what is left out stays.")
class AgencyBrandingInput:
    name: str | None = strawberry.field(default=None, description="Empty to clear.")
    color: str | None = strawberry.field(default=None, description="'#0a5' or '#00aa55'.")
    contact: str | None = strawberry.field(default=None, description="Empty to clear.")
    logo: Upload | None = strawberry.field(
        default=None, description=f"PNG or SVG, at most {MAX_LOGO_BYTES // 1024} KiB, uploaded."
    )
    logo_base64: str | None = strawberry.field(
        default=None, description="The logo file in base64, when not uploaded."
    )
    clear_logo: bool = strawberry.field(default=False, description="Remove the logo.")


@strawberry.type(description="The branding after the change.")
class AgencyBrandingPayload:
    branding: AgencyBranding | None = strawberry.field(
        default=None, description="Null when the input was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


def _logo(input: AgencyBrandingInput) -> bytes | None:
    if input.logo is not None and input.logo_base64 is not None:
        raise UserErrors.one(
            ["input", "logo"], UserErrorCode.INVALID, "send `logo` or `logoBase64`, not both"
        )
    if input.logo is not None:
        return input.logo.file.read(MAX_LOGO_BYTES + 1)  # type: ignore[no-any-return]
    if input.logo_base64 is not None:
        if len(input.logo_base64) > MAX_LOGO_BYTES * 4 // 3 + 8:
            raise UserErrors.one(
                ["input", "logoBase64"],
                UserErrorCode.INVALID,
                f"a logo may be at most {MAX_LOGO_BYTES // 1024} KiB",
            )
        try:
            return base64.b64decode(input.logo_base64, validate=True)
        except (binascii.Error, ValueError):
            raise UserErrors.one(
                ["input", "logoBase64"], UserErrorCode.INVALID, "not valid base64"
            ) from None
    return None


@strawberry.type
class ReportQueries:
    @strawberry.field(description="The calling agency's branding on its reports.")
    def agency_branding(self, info: strawberry.Info) -> AgencyBranding:
        return AgencyBranding(brand=context_of(info).service.brand())


@strawberry.type
class ReportMutations:
    @strawberry.mutation(
        description="A link that opens this assessment's report to a client without an API key "
        "until it expires or is revoked."
    )
    def create_report_link(
        self,
        info: strawberry.Info,
        assessment_id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the assessment.")
        ],
        expires_in_days: Annotated[int, strawberry.argument(description="1 to 365 days.")] = 30,
    ) -> CreateReportLinkPayload:
        context = context_of(info)
        try:
            local = local_id(assessment_id, "Assessment")
            if local is None:
                raise UserErrors.one(
                    ["assessmentId"], UserErrorCode.NOT_FOUND, "no assessment has this id"
                )
            record, token = context.service.create_report_link(local, expires_in_days)
        except UserErrors as exc:
            return refused(CreateReportLinkPayload, exc)
        return CreateReportLinkPayload(link=ReportLink(record=record), url=shared_path(token))

    @strawberry.mutation(description="Stop a share link from opening the report, for good.")
    def revoke_report_link(
        self,
        info: strawberry.Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the link.")],
    ) -> RevokeReportLinkPayload:
        context = context_of(info)
        try:
            local = local_id(id, LINK_TYPE)
            if local is None:
                raise UserErrors.one(["id"], UserErrorCode.NOT_FOUND, "no report link has this id")
            record = context.service.revoke_report_link(local)
        except UserErrors as exc:
            return refused(RevokeReportLinkPayload, exc)
        return RevokeReportLinkPayload(link=ReportLink(record=record))

    @strawberry.mutation(description="Set the agency's name, logo, colour and contact line.")
    def update_agency_branding(
        self, info: strawberry.Info, input: AgencyBrandingInput
    ) -> AgencyBrandingPayload:
        context = context_of(info)
        try:
            brand = context.service.update_brand(
                name=input.name,
                color=input.color,
                contact=input.contact,
                logo=_logo(input),
                clear_logo=input.clear_logo,
            )
        except UserErrors as exc:
            return refused(AgencyBrandingPayload, exc)
        return AgencyBrandingPayload(branding=AgencyBranding(brand=brand))

"""What the audit report of a stored assessment rests on, the agency's branding, and share
links that open one assessment's report to a client without an API key.

A share link is a signed token (`link_signing`) naming its link, its assessment and its
expiry; the link's row holds the expiry and the revocation time, which decide with the
signature whether the link opens (`shared_link`). The token is shown once, when the link is
made, and never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine

from socialaudit.engine.loading import OrganisationInput
from socialaudit.engine.model.assessment import Assessment
from socialaudit.service.branding import (
    DEFAULT_COLOR,
    MAX_CONTACT,
    MAX_NAME,
    Brand,
    BrandError,
    check_color,
    check_text,
)
from socialaudit.service.link_signing import LinkSigner
from socialaudit.service.logo import LogoError, sanitise_logo
from socialaudit.service.scope import AgencyScope
from socialaudit.service.storage.records import AssessmentRecord
from socialaudit.service.storage.report_rows import (
    BrandRecord,
    BrandRows,
    ReportLinkRecord,
    ReportLinkRows,
    link_by_id,
)
from socialaudit.service.storage.scoped import now
from socialaudit.service.storage.tenancy import Tenancy
from socialaudit.service.user_errors import UserError, UserErrorCode, UserErrors

T = TypeVar("T")
MAX_LINK_DAYS = 365
HISTORY = 24  # assessments shown in the score trend


@dataclass(frozen=True)
class ReportMaterial:
    """The assessment and what its report draws on besides: the stored data (posts and
    messages, as stored now, up to the assessment's reference time), the previous assessment of
    the organisation, the overall scores over time and the imported files."""

    assessment: Assessment
    data: OrganisationInput | None
    previous: Assessment | None
    history: list[tuple[datetime, float]]
    sources: list[str]
    window_days: int


def shared_link(engine: Engine, signer: LinkSigner, token: str) -> ReportLinkRecord | None:
    """The live link a token opens. A token this service did not sign (forged, tampered,
    signed with another secret) is None before any lookup; so is one whose signed expiry has
    passed. Then the stored link must be live (not revoked, not expired) and of the assessment
    the token names."""
    signed = signer.verify(token)
    moment = now()
    if signed is None or signed.expires_at <= moment:
        return None
    link = link_by_id(engine, signed.link_id)
    if link is None or link.assessment_id != signed.assessment_id:
        return None
    if not link.live(moment, signer.key_id):
        return None
    return link


def _brand(record: BrandRecord | None) -> Brand:
    if record is None:
        return Brand()
    return Brand(
        name=record.name,
        color=record.color or DEFAULT_COLOR,
        contact=record.contact,
        logo_type=record.logo_type,
        logo=record.logo,
    )


def save_brand(
    tenancy: Tenancy,
    name: str | None = None,
    color: str | None = None,
    contact: str | None = None,
    logo: bytes | None = None,
    clear_logo: bool = False,
) -> Brand:
    """Change what is given, keep the rest; an empty name or contact clears it. Every
    problem is a user error naming its input field, and nothing is changed then. (A function
    of the tenancy alone: `socialaudit agency update` brands an agency without its plugins.)"""
    errors: list[UserError] = []

    def check(key: str, run: Callable[[], T]) -> T | None:
        try:
            return run()
        except (BrandError, LogoError) as exc:
            errors.append(UserError(["input", key], UserErrorCode.INVALID, str(exc)))
            return None

    with tenancy.transaction() as repo:
        rows = BrandRows(repo.conn, repo.agency_id)
        current = rows.get_brand() or BrandRecord(None, None, None, None, None)
        record = BrandRecord(
            name=current.name
            if name is None
            else check("name", lambda: check_text(name, "name", MAX_NAME)) or None,
            color=current.color if color is None else check("color", lambda: check_color(color)),
            contact=current.contact
            if contact is None
            else check("contact", lambda: check_text(contact, "contact", MAX_CONTACT)) or None,
            logo_type=None if clear_logo else current.logo_type,
            logo=None if clear_logo else current.logo,
        )
        if logo is not None:
            cleaned = check("logo", lambda: sanitise_logo(logo, "the logo"))
            if cleaned is not None:
                record = replace(record, logo_type=cleaned[0], logo=cleaned[1])
        if errors:
            raise UserErrors(*errors)
        rows.save_brand(record)
    return _brand(record)


if TYPE_CHECKING:  # mixed into `Service` beside `Assessments`, whose methods it uses
    from socialaudit.service.assessments import Assessments as _Base
else:
    _Base = AgencyScope


class Reports(_Base):
    """The report's operations of one agency."""

    link_signer: LinkSigner | None = None
    """Set by the application (`link_signing.link_signer`): it signs the links it verifies."""

    # -- the report's material -----------------------------------------------------------------

    def report_material(self, assessment_id: str, language: str) -> ReportMaterial | None:
        """None when the agency has no assessment with this id."""
        with self.tenancy.transaction() as repo:
            record = repo.get_assessment(assessment_id, with_result=True)
            if record is None:
                return None
            history = repo.page_assessments(record.organisation_id, None, HISTORY)
            sources = [
                f"{channel.key}: {imported.filename} ({imported.format})"
                for channel in repo.channels_of([record.organisation_id])[record.organisation_id]
                for imported in repo.imports_of(channel.id)
                if imported.created_at <= record.created_at
            ]
        previous = self._previous(record, history)
        made = record.created_at  # the trend ends with this assessment, not with later ones
        assessment = self.assessment(record, language)
        try:
            data = self._stored_input(record.organisation_id, ["assessmentId"])
        except UserErrors:  # the organisation's profile no longer loads: the report says unknown
            data = None
        return ReportMaterial(
            assessment=assessment,
            data=data,
            previous=self.assessment(previous, language) if previous else None,
            history=[(r.as_of, r.overall_score) for r in history if r.created_at <= made],
            sources=sources,
            window_days=self.registry.settings.assessment.window_days,
        )

    @staticmethod
    def _previous(
        record: AssessmentRecord, newest_first: list[AssessmentRecord]
    ) -> AssessmentRecord | None:
        older = [r for r in newest_first if (r.created_at, r.id) < (record.created_at, record.id)]
        return older[0] if older else None

    # -- branding ------------------------------------------------------------------------------

    def brand(self) -> Brand:
        with self.tenancy.transaction() as repo:
            return _brand(BrandRows(repo.conn, repo.agency_id).get_brand())

    def update_brand(
        self,
        name: str | None = None,
        color: str | None = None,
        contact: str | None = None,
        logo: bytes | None = None,
        clear_logo: bool = False,
    ) -> Brand:
        return save_brand(self.tenancy, name, color, contact, logo, clear_logo)

    # -- share links ---------------------------------------------------------------------------

    def create_report_link(
        self, assessment_id: str, expires_in_days: int
    ) -> tuple[ReportLinkRecord, str]:
        if not 1 <= expires_in_days <= MAX_LINK_DAYS:
            raise UserErrors.one(
                ["expiresInDays"],
                UserErrorCode.INVALID,
                f"a link expires after 1 to {MAX_LINK_DAYS} days; {expires_in_days} was given",
            )
        if self.link_signer is None:
            raise RuntimeError("share links need the application's link signer")
        with self.tenancy.transaction() as repo:
            if repo.get_assessment(assessment_id) is None:
                raise UserErrors.one(
                    ["assessmentId"], UserErrorCode.NOT_FOUND, "no assessment has this id"
                )
            links = ReportLinkRows(repo.conn, repo.agency_id)
            link_id = links.insert_report_link(
                assessment_id, now() + timedelta(days=expires_in_days), self.link_signer.key_id
            )
            link = links.get_report_link(link_id)
        assert link is not None
        return link, self.link_signer.sign(link)

    def revoke_report_link(self, link_id: str) -> ReportLinkRecord:
        with self.tenancy.transaction() as repo:
            links = ReportLinkRows(repo.conn, repo.agency_id)
            if links.get_report_link(link_id) is None:
                raise UserErrors.one(["id"], UserErrorCode.NOT_FOUND, "no report link has this id")
            links.revoke_report_link(link_id)
            link = links.get_report_link(link_id)
        assert link is not None
        return link

    def report_links(self, assessment_id: str) -> list[ReportLinkRecord]:
        with self.tenancy.transaction() as repo:
            return ReportLinkRows(repo.conn, repo.agency_id).report_links_of(assessment_id)

"""An agency's branding and its assessments' share links, read and written in the agency's
transaction; plus the one lookup a share link needs before any tenant is known."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from socialaudit.service.storage.report_tables import agency_brands, report_links
from socialaudit.service.storage.rows import as_utc
from socialaudit.service.storage.scoped import Scoped, new_id, now


@dataclass(frozen=True)
class BrandRecord:
    name: str | None
    color: str | None
    contact: str | None
    logo_type: str | None
    logo: bytes | None


@dataclass(frozen=True)
class ReportLinkRecord:
    id: str
    agency_id: str
    assessment_id: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def live(self, moment: datetime) -> bool:
        return self.revoked_at is None and moment < self.expires_at


def _link(row: Any) -> ReportLinkRecord:
    return ReportLinkRecord(
        id=row.id,
        agency_id=row.agency_id,
        assessment_id=row.assessment_id,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        expires_at=as_utc(row.expires_at),  # type: ignore[arg-type]
        revoked_at=as_utc(row.revoked_at),
    )


class BrandRows(Scoped):
    def get_brand(self) -> BrandRecord | None:
        row = self.conn.execute(self._select(agency_brands)).first()
        if row is None:
            return None
        return BrandRecord(row.name, row.color, row.contact, row.logo_type, row.logo)

    def save_brand(self, brand: BrandRecord) -> None:
        values = {
            "name": brand.name,
            "color": brand.color,
            "contact": brand.contact,
            "logo_type": brand.logo_type,
            "logo": brand.logo,
            "updated_at": now(),
        }
        if self.conn.execute(self._update(agency_brands).values(**values)).rowcount == 0:
            self.conn.execute(self._insert(agency_brands, **values))


class ReportLinkRows(Scoped):
    def insert_report_link(self, assessment_id: str, digest: str, expires_at: datetime) -> str:
        link_id = new_id()
        self.conn.execute(
            self._insert(
                report_links,
                id=link_id,
                assessment_id=assessment_id,
                hash=digest,
                created_at=now(),
                expires_at=expires_at,
            )
        )
        return link_id

    def get_report_link(self, link_id: str) -> ReportLinkRecord | None:
        query = self._select(report_links).where(report_links.c.id == link_id)
        row = self.conn.execute(query).first()
        return _link(row) if row else None

    def report_links_of(self, assessment_id: str) -> list[ReportLinkRecord]:
        query = (
            self._select(report_links)
            .where(report_links.c.assessment_id == assessment_id)
            .order_by(report_links.c.created_at.desc(), report_links.c.id)
        )
        return [_link(row) for row in self.conn.execute(query).all()]

    def revoke_report_link(self, link_id: str) -> None:
        self.conn.execute(
            self._update(report_links)
            .where(report_links.c.id == link_id, report_links.c.revoked_at.is_(None))
            .values(revoked_at=now())
        )


def link_by_hash(engine: Engine, digest: str) -> ReportLinkRecord | None:
    """The link with this hash, live or not (the caller decides); read before a tenant is
    known, as an API key is."""
    with engine.connect() as conn:
        row = conn.execute(select(report_links).where(report_links.c.hash == digest)).first()
    return _link(row) if row else None

"""An agency's branding and its assessments' share links, read and written in the agency's
transaction; plus the one lookup a share link needs before any tenant is known, and the
service's stored signing secret."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from socialaudit.service.storage.report_tables import agency_brands, report_links, service_secrets
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
    key_id: str | None = None  # the fingerprint of the secret that signed its token

    def live(self, moment: datetime, key_id: str) -> bool:
        """Whether it opens now under the secret of `key_id`: not revoked, not expired, and
        signed with that secret (a link of a rotated secret opens nothing)."""
        return self.revoked_at is None and moment < self.expires_at and self.key_id == key_id


def _link(row: Any) -> ReportLinkRecord:
    return ReportLinkRecord(
        id=row.id,
        agency_id=row.agency_id,
        assessment_id=row.assessment_id,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        expires_at=as_utc(row.expires_at),  # type: ignore[arg-type]
        revoked_at=as_utc(row.revoked_at),
        key_id=row.key_id,
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
    def insert_report_link(self, assessment_id: str, expires_at: datetime, key_id: str) -> str:
        link_id = new_id()
        self.conn.execute(
            self._insert(
                report_links,
                id=link_id,
                assessment_id=assessment_id,
                created_at=now(),
                expires_at=expires_at,
                key_id=key_id,
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


def link_by_id(engine: Engine, link_id: str) -> ReportLinkRecord | None:
    """The link with this id, live or not (the caller decides); read before a tenant is
    known, as an API key is, and only for an id a valid signature vouches for."""
    with engine.connect() as conn:
        row = conn.execute(select(report_links).where(report_links.c.id == link_id)).first()
    return _link(row) if row else None


def stored_secret(engine: Engine, name: str, make: Callable[[], str]) -> str:
    """The secret called `name`, made by `make` and stored on first use. Several workers
    starting together may each make one: the first insert wins and every worker reads it."""
    query = select(service_secrets.c.value).where(service_secrets.c.name == name)
    with engine.connect() as conn:
        value = conn.execute(query).scalar()
    if value is not None:
        return str(value)
    try:
        with engine.begin() as conn:
            conn.execute(insert(service_secrets).values(name=name, value=make(), created_at=now()))
    except IntegrityError:  # another worker stored it first; theirs is the one
        pass
    with engine.connect() as conn:
        return str(conn.execute(query).scalar_one())

"""The report's tables: each agency's branding, and the share links of its assessments.

`agency_brands` is a tenant table like the others (scoped, and under row-level security on
PostgreSQL). `report_links` is read before any tenant is known, like `api_keys`: a client
holding a share link has no key, and the link's hash is what tells whose assessment it opens;
every statement an agency makes on it is still scoped by `agency_id`.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, LargeBinary, String, Table

from socialaudit.service.storage.tables import ID, metadata

agency_brands = Table(
    "agency_brands",
    metadata,
    Column("agency_id", ID, ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200)),
    Column("color", String(7)),
    Column("contact", String(300)),
    Column("logo_type", String(20)),  # image/png | image/svg+xml
    Column("logo", LargeBinary),  # as sanitised, never as uploaded
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

report_links = Table(
    "report_links",
    metadata,
    Column("id", ID, primary_key=True),
    Column(
        "agency_id", ID, ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column(
        "assessment_id",
        ID,
        ForeignKey("assessments.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("hash", String(64), nullable=False, unique=True),  # SHA-256 of the link's token
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

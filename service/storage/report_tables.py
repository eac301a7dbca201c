"""The report's tables: each agency's branding, the share links of its assessments, and the
secret that signs the links when the deployment sets none.

`agency_brands` is a tenant table like the others (scoped, and under row-level security on
PostgreSQL). `report_links` is read before any tenant is known, like `api_keys`: a client
holding a share link has no key, and the link's id in the signed token is what tells whose
assessment it opens; every statement an agency makes on it is still scoped by `agency_id`.
`service_secrets` belongs to no agency: it is the service's own, read once at start.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, LargeBinary, String, Table, Text

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
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    # which secret signed the token (a fingerprint, not the secret): after a key rotation the
    # link is listed as what it is, a link that no longer opens
    Column("key_id", String(16)),
)

service_secrets = Table(
    "service_secrets",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
